// Benchmarks for derive (run with `npm run bench`, which builds dist/ first).
// Prints ONE JSON object on stdout; progress goes to stderr. See bench/README.md.
//
//   cli        wall time of a whole `derive equal` process vs `node -e 0`
//   equal      in-process time of equal() on typical Cookbook claims
//   fdGradient time of a finite-difference gradient of a function of an
//              n x n matrix, n = 10 .. 100, and how it grows with n
//
// Options (environment): BENCH_CLI_RUNS (default 15), BENCH_EQUAL_RUNS (20),
// BENCH_FD_BUDGET_S (60: a size projected to take longer is skipped).

import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { equal, evaluate } from "../dist/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const EQUAL_RUNS = Number(process.env.BENCH_EQUAL_RUNS ?? 20);
const FD_BUDGET_S = Number(process.env.BENCH_FD_BUDGET_S ?? 60);

const CLI_TARGET_S = 0.35;
const EQUAL_TARGET_MS = 2;

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const now = () => performance.now();
const round = (x, d = 3) => (x === null || !Number.isFinite(x) ? x : Number(x.toFixed(d)));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function stats(xs, digits = 3) {
  return { median: round(median(xs), digits), min: round(Math.min(...xs), digits), max: round(Math.max(...xs), digits), runs: xs.length };
}

const started = now();

// ---------------------------------------------------------------------------
// (a) CLI start-up + one claim, against a bare Node start-up, interleaved so
// that both see the same machine noise.

function benchCli() {
  const args = ["bin/derive.js", "equal", "tr(A * B)", "tr(B * A)", "--let", "A: n x m", "--let", "B: m x n"];
  const derive = [];
  const baseline = [];
  let lastOut = "";
  let status = null;
  const time = (argv) => {
    const t0 = now();
    const r = spawnSync(process.execPath, argv, { cwd: root, encoding: "utf8" });
    const dt = (now() - t0) / 1000;
    return { dt, r };
  };
  // one untimed warm-up each (file cache)
  time(args);
  time(["-e", "0"]);
  for (let i = 0; i < CLI_RUNS; i++) {
    const a = time(args);
    derive.push(a.dt);
    status = a.r.status;
    lastOut = (a.r.stdout || a.r.stderr || "").trim().split("\n")[0];
    baseline.push(time(["-e", "0"]).dt);
  }
  const d = stats(derive);
  const b = stats(baseline);
  log(`cli: derive median ${d.median}s, node -e 0 median ${b.median}s`);
  return {
    command: `node ${args.map((a) => (a.includes(" ") ? JSON.stringify(a) : a)).join(" ")}`,
    exitCode: status,
    output: lastOut,
    seconds: d,
    baselineNodeE0Seconds: b,
    overheadOverNodeSeconds: round(d.median - b.median),
    ratioToNode: round(d.median / b.median, 2),
    targetSeconds: CLI_TARGET_S,
    meetsTarget: d.median <= CLI_TARGET_S,
  };
}

// ---------------------------------------------------------------------------
// (b) equal() in process, default 6 samples, typical claims (n <= 5)

const CLAIMS = [
  { name: "trace cyclic", lhs: "tr(A * B)", rhs: "tr(B * A)", let: ["A: n x m", "B: m x n"] },
  { name: "transpose of product", lhs: "(A * B)'", rhs: "B' * A'", let: ["A: n x m", "B: m x p"] },
  { name: "inverse of product", lhs: "inv(A * B)", rhs: "inv(B) * inv(A)", let: ["A, B: n x n invertible"] },
  { name: "det of product", lhs: "det(A * B)", rhs: "det(A) * det(B)", let: ["A, B: n x n"] },
  { name: "vec trick", lhs: "vec(A * X * B)", rhs: "kron(B', A) * vec(X)", let: ["A: p x n", "X: n x m", "B: m x q"] },
  { name: "softmax shift", lhs: "softmax(z + c)", rhs: "softmax(z)", let: ["z: n", "c: scalar"] },
  { name: "grad tr(AX) (Cookbook 100)", lhs: "grad(tr(A * X), X)", rhs: "A'", let: ["A: m x n", "X: n x m"] },
  { name: "grad x'Bx", lhs: "grad(x' * B * x, x)", rhs: "(B + B') * x", let: ["B: n x n", "x: n"] },
  { name: "grad logdet", lhs: "grad(logdet(X), X)", rhs: "inv(X)'", let: ["X: n x n invertible"] },
  { name: "grad least squares", lhs: "grad(norm(A * x - b)^2, x)", rhs: "2 * A' * (A * x - b)", let: ["A: m x n", "x: n", "b: m"] },
  { name: "diff inv (Cookbook 59)", lhs: "diff(inv(X), X, V)", rhs: "(-inv(X) * V * inv(X))", let: ["X: n x n invertible", "V: n x n"] },
  { name: "hessian quadratic", lhs: "hessian(x' * A * x, x)", rhs: "A + A'", let: ["A: n x n", "x: n"] },
  { name: "jacobian softmax", lhs: "jacobian(softmax(z), z)", rhs: "diag(softmax(z)) - softmax(z) * softmax(z)'", let: ["z: n"] },
  { name: "grad tr(X'AX)", lhs: "grad(tr(X' * A * X), X)", rhs: "(A + A') * X", let: ["X: n x m", "A: n x n"] },
];

function benchEqual() {
  const rows = [];
  for (const c of CLAIMS) {
    const opts = { lhs: c.lhs, rhs: c.rhs, let: c.let };
    for (let i = 0; i < 3; i++) equal({ ...opts, seed: 1000 + i }); // warm-up (JIT)
    const times = [];
    const verdicts = {};
    for (let i = 0; i < EQUAL_RUNS; i++) {
      const t0 = now();
      const r = equal({ ...opts, seed: i + 1 });
      times.push(now() - t0);
      verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    }
    const s = stats(times, 3);
    rows.push({ name: c.name, claim: `${c.lhs} = ${c.rhs}`, let: c.let, derivative: /grad|jacobian|hessian|diff/.test(c.lhs), ms: s, verdicts });
    log(`equal: ${c.name}: median ${s.median} ms ${JSON.stringify(verdicts)}`);
  }
  const medians = rows.map((r) => r.ms.median);
  const deriv = rows.filter((r) => r.derivative).map((r) => r.ms.median);
  const plain = rows.filter((r) => !r.derivative).map((r) => r.ms.median);
  const overall = median(medians);
  return {
    samples: 6,
    runsPerClaim: EQUAL_RUNS,
    claims: rows,
    overallMedianMs: round(overall),
    medianNonDerivativeMs: round(median(plain)),
    medianDerivativeMs: round(median(deriv)),
    targetMs: EQUAL_TARGET_MS,
    meetsTarget: overall <= EQUAL_TARGET_MS,
    allVerifiedOrProved: rows.every((r) => Object.keys(r.verdicts).every((v) => v === "verified" || v === "proved")),
  };
}

// ---------------------------------------------------------------------------
// (c) FD gradient of a scalar function of an n x n matrix, via evaluate() with
// given values, at growing n; a size projected past the budget is skipped.

function matrixText(n, f) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const r = [];
    // 3 decimals keep a 100 x 100 matrix under the parser's 100 000-character limit
    for (let j = 0; j < n; j++) r.push(f(i, j).toFixed(3));
    rows.push(r.join(", "));
  }
  return `[${rows.join("; ")}]`;
}

// deterministic, well-scaled entries in [-0.5, 0.5]
const entry = (seed) => (i, j) => (Math.sin(12.9898 * (i + 1) + 78.233 * (j + 1) + seed) * 43758.5453) % 1 / 2;

/** max |got - exact| / max(max |exact|, 1) */
function relError(got, exact) {
  let d = 0;
  let scale = 1;
  for (let i = 0; i < exact.length; i++) {
    for (let j = 0; j < exact[i].length; j++) {
      d = Math.max(d, Math.abs(got[i][j] - exact[i][j]));
      scale = Math.max(scale, Math.abs(exact[i][j]));
    }
  }
  return d / scale;
}

const FD_FUNCTIONS = [
  {
    name: "grad(sum(exp(X)), X)",
    expr: "grad(sum(exp(X)), X)",
    let: ["X: n x n"],
    // n^2 partials, each a few O(n^2) evaluations
    costExponent: 4,
    at: (n) => ({ X: matrixText(n, entry(1)) }),
    exact: ({ X }) => X.map((row) => row.map(Math.exp)),
  },
  {
    name: "grad(tr(X' * A * X), X)",
    expr: "grad(tr(X' * A * X), X)",
    let: ["X: n x n", "A: n x n"],
    // n^2 partials, each a few O(n^3) matrix products
    costExponent: 5,
    at: (n) => ({ X: matrixText(n, entry(2)), A: matrixText(n, entry(3)) }),
    // (A + A') X
    exact: ({ X, A }) => {
      const n = X.length;
      const out = [];
      for (let i = 0; i < n; i++) {
        const row = [];
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += (A[i][k] + A[k][i]) * X[k][j];
          row.push(s);
        }
        out.push(row);
      }
      return out;
    },
  },
];

function benchFd() {
  const sizes = [10, 20, 50, 100];
  const out = [];
  for (const fn of FD_FUNCTIONS) {
    const points = [];
    const skipped = [];
    let prev = null;
    for (const n of sizes) {
      if (prev) {
        // conservative: the larger of the last observed growth and the operation count's
        const p = Math.max(points[points.length - 1]?.exponentFromPrevious ?? 0, fn.costExponent);
        const projected = prev.seconds * (n / prev.n) ** p;
        const spent = (now() - started) / 1000;
        if (projected > FD_BUDGET_S) {
          skipped.push({ n, reason: `projected ${projected.toFixed(0)} s (from n = ${prev.n} at growth n^${p.toFixed(2)}) exceeds the ${FD_BUDGET_S} s budget` });
          log(`fd: ${fn.name} n = ${n} skipped (projected ${projected.toFixed(0)} s)`);
          continue;
        }
        if (spent + projected > 170) {
          skipped.push({ n, reason: `projected ${projected.toFixed(0)} s would take the whole benchmark past ~3 minutes` });
          log(`fd: ${fn.name} n = ${n} skipped (time budget)`);
          continue;
        }
      }
      const at = fn.at(n);
      // evaluating the function itself once (no derivative) for scale
      const fOnly = fn.expr.replace(/^grad\((.*), X\)$/, "$1");
      const t1 = now();
      const plain = evaluate({ expr: fOnly, let: fn.let, at, seed: 1 });
      const evalMs = now() - t1;
      const t0 = now();
      const r = evaluate({ expr: fn.expr, let: fn.let, at, seed: 1 });
      const seconds = (now() - t0) / 1000;
      if (r.error || plain.error) {
        const reason = `evaluate failed: ${(r.error ?? plain.error).message}`;
        skipped.push({ n, reason });
        log(`fd: ${fn.name} n = ${n}: ${reason}`);
        continue;
      }
      const err = relError(r.value, fn.exact(r.values));
      const point = { n, seconds: round(seconds, 4), functionOnlyMs: round(evalMs, 3), relError: Number(err.toExponential(2)) };
      if (prev) point.exponentFromPrevious = round(Math.log(seconds / prev.seconds) / Math.log(n / prev.n), 2);
      points.push(point);
      prev = { n, seconds };
      log(`fd: ${fn.name} n = ${n}: ${seconds.toFixed(3)} s${point.exponentFromPrevious ? ` (growth n^${point.exponentFromPrevious})` : ""}`);
    }
    const first = points[0];
    const last = points[points.length - 1];
    out.push({
      function: fn.name,
      let: fn.let,
      expectedExponent: fn.costExponent,
      points,
      skipped,
      exponentOverall: points.length >= 2 ? round(Math.log(last.seconds / first.seconds) / Math.log(last.n / first.n), 2) : null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------

const result = {
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? null,
  loadAverage: os.loadavg().map((x) => round(x, 2)),
  date: new Date().toISOString(),
};
log("cli ...");
result.cli = benchCli();
log("equal ...");
result.equal = benchEqual();
log("fd gradient ...");
result.fdGradient = benchFd();
result.totalSeconds = round((now() - started) / 1000, 1);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
