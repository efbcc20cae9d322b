// The `stability` section of `npm run bench` (registered in run.mjs): a
// verdict must not depend on the seed. It runs
//   1. `derive check` on every shipped derivation (derivations/*.ts, the CLI's
//      json reporter, one process per seed) under BENCH_STABILITY_SEEDS seeds,
//   2. a set of hard false claims (dimension-hiding constants, narrow failure
//      regions, failures on half the domain, undeclared properties, Monte
//      Carlo gray zones) through equal() in process, under the same seeds,
// and reports every step or claim whose verdict changes between seeds, every
// shipped step that fails under some seed, and every hard claim accepted under
// some seed (a false claim accepted is the worst outcome). See bench/README.md.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { equal } from "../dist/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SEEDS = Number(process.env.BENCH_STABILITY_SEEDS ?? 20);
/** the first seed; seeds are FIRST .. FIRST + SEEDS - 1 */
const FIRST = Number(process.env.BENCH_STABILITY_FIRST_SEED ?? 1);
/** `0` skips the derivations (the long part: one `derive check` of every file per seed) */
const WITH_DERIVATIONS = process.env.BENCH_STABILITY_DERIVATIONS !== "0";

const ADAM_LHS = "ε * ((ρ1 * 0 + (1 - ρ1) * g) / (1 - ρ1^1)) / (sqrt((ρ2 * 0 + (1 - ρ2) * g^2) / (1 - ρ2^1)) + δ_adam)";
const ADAM_LET = ["g: scalar", "ε: scalar positive", "δ_adam: scalar positive", "ρ1: scalar", "ρ2: scalar"];

// Every claim here is false; `want` is the verdict a sound checker gives (an
// error where Monte Carlo cannot call it, never verified or proved).
export const HARD_CLAIMS = [
  // a constant that hides a dimension (false for n >= 6, 4, 5, 4 ...)
  { name: "l1-le-sqrt5-l2", claim: "sum(abs(x)) <= sqrt(5) * norm(x)", let: ["x: n"], want: "refuted", kind: "dimension" },
  { name: "l1-le-1.9-l2", claim: "sum(abs(x)) <= 1.9 * norm(x)", let: ["x: n"], want: "refuted", kind: "dimension" },
  { name: "n-le-5", claim: "n <= 5", let: ["x: n"], want: "refuted", kind: "dimension" },
  { name: "cauchy-schwarz-5", claim: "tr(A)^2 <= 5 * tr(A * A')", let: ["A: n x n"], want: "refuted", kind: "dimension" },
  { name: "sum-sq-le-3-norm-sq", claim: "sum(x)^2 <= 3 * (x' * x)", let: ["x: n"], want: "refuted", kind: "dimension" },
  { name: "ones-sum-le-10", claim: "sum(ones(n)) <= 10", let: ["x: n"], want: "refuted", kind: "dimension" },
  { name: "mn-ge-2", claim: "m * n >= 2", let: ["A: m x n"], want: "refuted", kind: "dimension" },
  // false on part of the domain (half, or a sign pattern)
  { name: "adam-abs-g", claim: `${ADAM_LHS} = ε * g / (g + δ_adam)`, let: ADAM_LET, want: "refuted", kind: "half-domain" },
  { name: "sqrt-of-square", claim: "sqrt(x^2) = x", let: [], want: "refuted", kind: "half-domain" },
  { name: "relu-shift", claim: "relu(x - 1) = relu(x) - 1", let: [], want: "refuted", kind: "half-domain" },
  { name: "abs-triangle-eq", claim: "abs(x + y) = abs(x) + abs(y)", let: [], want: "refuted", kind: "half-domain" },
  { name: "exp-taylor-2", claim: "exp(x) >= 1 + x + x^2 / 2", let: [], want: "refuted", kind: "half-domain" },
  { name: "log1p-taylor", claim: "log(1 + x) >= x - x^2 / 2", let: ["x: scalar in (-1, 1)"], want: "refuted", kind: "half-domain" },
  { name: "sign-times-x", claim: "sign(x) * x = x", let: [], want: "refuted", kind: "half-domain" },
  // a narrow failure region
  { name: "narrow-quadratic", claim: "x^2 - x + 0.24 >= 0", let: [], want: "refuted", kind: "narrow" },
  { name: "cos-le-0.999", claim: "cos(x) <= 0.999", let: [], want: "refuted", kind: "narrow" },
  { name: "cauchy-schwarz-0.99", claim: "x' * y <= 0.99 * norm(x) * norm(y)", let: ["x, y: n"], want: "refuted", kind: "narrow" },
  { name: "softmax-le-0.99", claim: "softmax(z)[1] <= 0.99", let: ["z: n"], want: "refuted", kind: "narrow" },
  { name: "near-singular", claim: "norm(A * x) >= 0.01 * norm(x)", let: ["A: n x n", "x: n"], want: "refuted", kind: "narrow" },
  // a property that is not declared
  { name: "psd-undeclared", claim: "x' * A * x >= 0", let: ["A: n x n", "x: n"], want: "refuted", kind: "undeclared" },
  { name: "det-positive", claim: "det(A) > 0", let: ["A: n x n"], want: "refuted", kind: "undeclared" },
  { name: "inverse-symmetric", claim: "inv(A)' = inv(A)", let: ["A: n x n invertible"], want: "refuted", kind: "undeclared" },
  { name: "sqrt-det-square", claim: "sqrt(det(A * A)) = det(A)", let: ["A: n x n"], want: "refuted", kind: "undeclared" },
  // Monte Carlo: a gray zone (an approximation written as =) and small errors
  { name: "var-tanh-tiny", claim: "Var(tanh(z)) = Var(z)", let: ["z: scalar ~ normal(0, 1/10000)"], want: "error", kind: "montecarlo" },
  { name: "var-tanh-generic", claim: "Var(tanh(z)) = Var(z)", let: ["z: scalar ~ normal(0, v)", "v: scalar positive"], want: "refuted", kind: "montecarlo" },
  { name: "relu-mean-5pc", claim: "E(relu(x)) = 1.05 * sqrt(s2 / (2 * pi))", let: ["x ~ normal(0, s2)", "s2: scalar positive"], want: "refuted", kind: "montecarlo" },
  { name: "sigmoid-mean-2pc", claim: "E(sigmoid(x)) = 0.51", let: ["x ~ normal(0, s2)", "s2: scalar positive"], want: "refuted", kind: "montecarlo" },
];

const round = (x, d = 2) => Number(x.toFixed(d));

/** Verdicts of every shipped step under each seed, by `derive check --reporter json`. */
function derivationRuns(log) {
  const files = fs.readdirSync(path.join(root, "derivations")).filter((f) => f.endsWith(".ts")).sort().map((f) => `derivations/${f}`);
  const runs = [];
  /** key -> { file, line, claim, verdicts: {seed: verdict}, ok: {seed: bool} } */
  const steps = new Map();
  for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ["bin/derive.js", "check", ...files, "--reporter", "json", "--seed", String(seed)], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
    const seconds = round((performance.now() - t) / 1000, 1);
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      runs.push({ seed, exitCode: r.status, seconds, error: (r.stderr || "no JSON on stdout").split("\n")[0] });
      log(`stability: seed ${seed}: no report (exit ${r.status})`);
      continue;
    }
    runs.push({ seed, exitCode: r.status, seconds, ...report.summary });
    log(`stability: seed ${seed}: ${report.summary.passed} passed, ${report.summary.failed} failed, ${seconds} s`);
    for (const f of report.files) {
      if (f.error) {
        const key = `${f.file}:file`;
        if (!steps.has(key)) steps.set(key, { file: f.file, line: null, claim: "(the file)", verdicts: {}, ok: {}, details: {} });
        steps.get(key).verdicts[seed] = "error";
        steps.get(key).ok[seed] = false;
        steps.get(key).details[seed] = String(f.error).slice(0, 300);
      }
      // two identical claims on one line are told apart by their order
      const seen = new Map();
      for (const s of f.steps ?? []) {
        const base = `${f.file}:${s.line}:${s.claim}`;
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const key = `${base}#${n}`;
        if (!steps.has(key)) steps.set(key, { file: f.file, line: s.line, claim: s.claim, verdicts: {}, ok: {}, details: {} });
        const e = steps.get(key);
        e.verdicts[seed] = s.verdict;
        e.ok[seed] = s.ok;
        if (!s.ok) e.details[seed] = (s.detail ?? "").slice(0, 300);
      }
    }
  }
  const all = [...steps.values()];
  const flips = all.filter((s) => new Set(Object.values(s.verdicts)).size > 1);
  const failing = all.filter((s) => Object.values(s.ok).some((ok) => ok === false));
  return {
    files: files.length,
    steps: all.length,
    runs,
    failedRuns: runs.filter((r) => r.exitCode !== 0).map((r) => r.seed),
    flips: flips.map(({ file, line, claim, verdicts }) => ({ file, line, claim, verdicts })),
    failures: failing.map(({ file, line, claim, verdicts, ok, details }) => ({
      file,
      line,
      claim,
      failedSeeds: Object.entries(ok).filter(([, v]) => v === false).map(([seed]) => Number(seed)),
      verdicts,
      details,
    })),
  };
}

/** Each hard false claim under each seed. */
function hardClaimRuns(log) {
  const rows = [];
  for (const c of HARD_CLAIMS) {
    const verdicts = {};
    const t = performance.now();
    for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
      const r = equal({ claim: c.claim, let: c.let, seed });
      verdicts[seed] = r.verdict;
    }
    const seconds = round((performance.now() - t) / 1000);
    const seen = new Set(Object.values(verdicts));
    const accepted = Object.entries(verdicts).filter(([, v]) => v === "verified" || v === "proved").map(([s]) => Number(s));
    const wrong = Object.entries(verdicts).filter(([, v]) => v !== c.want).map(([s]) => Number(s));
    rows.push({ name: c.name, kind: c.kind, claim: c.claim, let: c.let, want: c.want, stable: seen.size === 1, acceptedSeeds: accepted, notAsWantedSeeds: wrong, verdicts, seconds });
    log(`stability: ${c.name}: ${[...seen].join("/")}${accepted.length ? ` ACCEPTED under seeds ${accepted.join(",")}` : ""} (${seconds} s)`);
  }
  return {
    claims: rows.length,
    flips: rows.filter((r) => !r.stable).map(({ name, claim, let: l, verdicts }) => ({ name, claim, let: l, verdicts })),
    accepted: rows.filter((r) => r.acceptedSeeds.length).map(({ name, claim, let: l, acceptedSeeds }) => ({ name, claim, let: l, acceptedSeeds })),
    rows,
  };
}

export function benchStability(log = () => {}) {
  const t = performance.now();
  const out = { seeds: { first: FIRST, count: SEEDS } };
  const h = performance.now();
  out.hardClaims = hardClaimRuns(log);
  out.hardClaims.seconds = round((performance.now() - h) / 1000, 1);
  if (WITH_DERIVATIONS) {
    const d = performance.now();
    out.derivations = derivationRuns(log);
    out.derivations.seconds = round((performance.now() - d) / 1000, 1);
  }
  out.counts = {
    hardClaims: out.hardClaims.claims,
    hardClaimFlips: out.hardClaims.flips.length,
    hardClaimsAccepted: out.hardClaims.accepted.length,
    hardClaimsNotAsWanted: out.hardClaims.rows.filter((r) => r.notAsWantedSeeds.length).length,
    ...(out.derivations ? { derivationSteps: out.derivations.steps, derivationFlips: out.derivations.flips.length, derivationStepsFailing: out.derivations.failures.length, derivationRunsFailed: out.derivations.failedRuns.length } : {}),
  };
  out.stable = out.counts.hardClaimFlips === 0 && out.counts.hardClaimsAccepted === 0 && (!out.derivations || (out.counts.derivationFlips === 0 && out.counts.derivationRunsFailed === 0));
  out.seconds = round((performance.now() - t) / 1000, 1);
  return out;
}
