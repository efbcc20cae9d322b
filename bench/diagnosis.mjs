// The `diagnosis` section of `npm run bench` (registered in run.mjs): how
// often a near-miss diagnosis (src/check/diagnose/) names the slip that was
// made. True identities (the shipped conformance claims and the accepted
// `lhs = rhs` steps of the Cookbook derivations) are mutated with known kinds
// of slip: factors swapped (order), inverse and transpose confused (inverse),
// a term dropped or duplicated (term), a declared property removed
// (property), the right side transposed, negated or doubled (transpose,
// sign, factor). Each mutant is checked with equal(); among the refuted ones
// we count those whose diagnoses name the kind (target >= 90%), and the
// diagnoses that are wrong: a corrected claim (`holds`) that does not hold
// when checked again with another seed (target 0).
//
// Options (environment): BENCH_DIAG_MAX (400: mutants checked at most).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { equal, parseExpr, printExpr } from "../dist/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX = Number(process.env.BENCH_DIAG_MAX ?? 400);
const TARGET_SHARE = 0.9;
const DERIVATIONS = ["derivations/cookbook.ts", "derivations/000-linear-algebra.ts"];
const PROPS = ["spd", "symmetric", "orthogonal", "diagonal"];

/** Declared names of a list of declaration strings (`A, B: n x n; x: n`). */
const namesOf = (lets) => lets.flatMap((l) => l.split(";")).flatMap((d) => (d.includes(":") ? d.split(":")[0].split(",").map((s) => s.trim()) : []));

async function identities(log) {
  const out = [];
  for (const line of fs.readFileSync(path.join(root, "tests/fixtures/conformance.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    if (c.truth && c.lhs && c.rhs) out.push({ id: c.id, lhs: c.lhs, rhs: c.rhs, let: c.let ?? [] });
  }
  const { createJiti } = await import("jiti");
  for (const file of DERIVATIONS) {
    const abs = path.join(root, file);
    const jiti = createJiti(abs, { alias: { derive: path.join(root, "dist/index.js") }, interopDefault: false, fsCache: false });
    const mod = await jiti.import(abs);
    const ds = Object.values(mod).flat().filter((d) => d && Array.isArray(d.entries));
    for (const d of ds) {
      const lets = Object.entries(d.let ?? {}).map(([k, v]) => `${k}: ${v}`);
      for (const e of d.entries) {
        if (e.kind !== "claim" || (e.opts.expect && e.opts.expect !== "proved") || e.opts.skip) continue;
        const parts = e.expanded.split(" = ");
        if (parts.length !== 2 || /[<>≈∝]/.test(e.expanded)) continue;
        const stepLets = e.opts.let ? Object.entries({ ...d.let, ...e.opts.let }).map(([k, v]) => `${k}: ${v}`) : lets;
        out.push({ id: `${path.basename(file)}:${e.site.line}`, lhs: parts[0], rhs: parts[1], let: stepLets });
      }
    }
  }
  log(`diagnosis: ${out.length} true identities`);
  return out;
}

/** Every tree with one node replaced by f(node) (f returns a tree or null). */
function firstReplacement(e, f) {
  const r = f(e);
  if (r) return r;
  for (let i = 0; i < e.args.length; i++) {
    const sub = firstReplacement(e.args[i], f);
    if (sub) {
      const args = e.args.slice();
      args[i] = sub;
      return { ...e, args };
    }
  }
  return null;
}

const node = (op, args) => ({ op, args, pos: 0, end: 0 });

function terms(e, neg = false) {
  if (e.op === "add") return [...terms(e.args[0], neg), ...terms(e.args[1], neg)];
  if (e.op === "sub") return [...terms(e.args[0], neg), ...terms(e.args[1], !neg)];
  return [{ e, neg }];
}

function sumOf(ts) {
  let acc = ts[0].neg ? node("neg", [ts[0].e]) : ts[0].e;
  for (const t of ts.slice(1)) acc = node(t.neg ? "sub" : "add", [acc, t.e]);
  return acc;
}

/** The mutants of one identity, one per kind where the kind applies (the first site, on the right side first). */
function mutants(id) {
  const isVariable = new Set(namesOf(id.let));
  let l;
  let r;
  try {
    l = parseExpr(id.lhs, { isVariable: (n) => isVariable.has(n) });
    r = parseExpr(id.rhs, { isVariable: (n) => isVariable.has(n) });
  } catch {
    return [];
  }
  const out = [];
  const onSide = (kind, f) => {
    const rr = firstReplacement(r, f);
    if (rr) return out.push({ kind, lhs: printExpr(l), rhs: printExpr(rr), let: id.let });
    const ll = firstReplacement(l, f);
    if (ll) out.push({ kind, lhs: printExpr(ll), rhs: printExpr(r), let: id.let });
  };
  // each product (up to three): a scalar factor commutes, so some of these are not refuted
  for (let site = 0; site < 3; site++) {
    let seen = 0;
    onSide("order", (n) => (n.op === "mul" && n.args.length === 2 && n.args[0].op !== "num" && n.args[1].op !== "num" && seen++ === site ? node("mul", [n.args[1], n.args[0]]) : null));
  }
  onSide("inverse", (n) => (n.op === "inv" && n.args[0].op !== "transpose" ? node("transpose", [n.args[0]]) : n.op === "transpose" && n.args[0].op !== "inv" ? node("inv", [n.args[0]]) : null));
  const rt = terms(r);
  if (rt.length >= 2) out.push({ kind: "term", lhs: printExpr(l), rhs: printExpr(sumOf(rt.slice(0, -1))), let: id.let });
  else if (terms(l).length >= 2) out.push({ kind: "term", lhs: printExpr(sumOf(terms(l).slice(0, -1))), rhs: printExpr(r), let: id.let });
  // an extra term: the left side added to the right (a copy of the right side's own term would be a factor 2)
  else out.push({ kind: "term", lhs: printExpr(l), rhs: printExpr(sumOf([...rt, { e: l, neg: false }])), let: id.let });
  out.push({ kind: "transpose", lhs: printExpr(l), rhs: `(${printExpr(r)})'`, let: id.let });
  out.push({ kind: "sign", lhs: printExpr(l), rhs: `-(${printExpr(r)})`, let: id.let });
  out.push({ kind: "factor", lhs: printExpr(l), rhs: `2 * (${printExpr(r)})`, let: id.let });
  for (let i = 0; i < id.let.length; i++) {
    const p = PROPS.find((q) => new RegExp(`\\b${q}\\b`).test(id.let[i]));
    if (!p) continue;
    const lets = id.let.slice();
    lets[i] = lets[i].replace(new RegExp(`\\s*\\b${p}\\b`), "");
    out.push({ kind: "property", lhs: id.lhs, rhs: id.rhs, let: lets });
    break;
  }
  return out;
}

const accepted = (v) => v === "proved" || v === "verified";

export async function benchDiagnosis(log) {
  const ids = await identities(log);
  const all = ids.flatMap((id) => mutants(id).map((m) => ({ ...m, id: id.id })));
  const chosen = all.slice(0, MAX);
  log(`diagnosis: ${all.length} mutants, checking ${chosen.length}`);
  const byKind = {};
  let refuted = 0;
  let named = 0;
  let namedFirst = 0;
  let wrong = 0;
  let stated = 0;
  const wrongOnes = [];
  const missed = [];
  const t0 = performance.now();
  for (const m of chosen) {
    const k = (byKind[m.kind] ??= { mutants: 0, refuted: 0, named: 0 });
    k.mutants++;
    let r;
    try {
      r = equal({ lhs: m.lhs, rhs: m.rhs, let: m.let, seed: 1 });
    } catch {
      continue;
    }
    if (r.verdict !== "refuted") continue;
    refuted++;
    k.refuted++;
    if (r.diagnoses.some((d) => d.kind === m.kind)) {
      named++;
      k.named++;
    } else if (missed.length < 12) missed.push(`${m.kind}: ${m.lhs} = ${m.rhs} [${m.let.join("; ")}] -> ${r.diagnoses.map((d) => d.kind).join(", ") || "none"}`);
    if (r.diagnoses[0]?.kind === m.kind) namedFirst++;
    for (const d of r.diagnoses) {
      stated++;
      const [claim, withLets] = d.holds.split(" with ");
      const again = equal({ claim, let: withLets ? withLets.split("; ") : m.let, seed: 2 });
      if (!accepted(again.verdict)) {
        wrong++;
        if (wrongOnes.length < 10) wrongOnes.push(`${d.kind}: ${d.holds} -> ${again.verdict}`);
      }
    }
  }
  const share = refuted ? named / refuted : null;
  const result = {
    identities: ids.length,
    mutants: chosen.length,
    refuted,
    namedRight: named,
    shareNamedRight: share === null ? null : Number(share.toFixed(3)),
    shareNamedRightFirst: refuted ? Number((namedFirst / refuted).toFixed(3)) : null,
    diagnosesStated: stated,
    wrongDiagnoses: wrong,
    byKind,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
    targets: { shareNamedRight: TARGET_SHARE, wrongDiagnoses: 0 },
    meetsTargets: share !== null && share >= TARGET_SHARE && wrong === 0,
    missedExamples: missed,
    wrongExamples: wrongOnes,
  };
  log(`diagnosis: ${named}/${refuted} refuted mutants named right (${result.shareNamedRight}), ${wrong} wrong of ${stated} stated`);
  return result;
}
