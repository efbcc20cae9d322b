// The `diagnosis` section of `npm run bench` (registered in run.mjs): how
// often a near-miss diagnosis (src/check/diagnose/) names the slip that was
// made. True identities (the shipped conformance claims and the accepted
// `lhs = rhs` steps of the Cookbook derivations) are mutated with known kinds
// of slip: factors swapped (order), inverse and transpose confused (inverse),
// a term dropped or duplicated (term), a term dropped inside a factor of a
// product (term; also counted apart in byFamily), a declared property removed
// (property), the right side transposed, negated or doubled (transpose,
// sign, factor), a bound, index, exponent or step shifted by one (index), a
// worked-example number computed under a neighbouring reading: log base 10,
// degrees, an intermediate rounded to 2 significant digits (reading; the
// identity's scalar variables set to small numbers), a factor of a
// derivative dropped (term), a Jacobian in the other layout (transpose), a
// square matrix declared n x m (property). Each mutant is checked with equal(); among the refuted ones
// we count those whose diagnoses name the kind (target >= 90%), and the
// diagnoses that are wrong: a corrected claim (`holds`) that does not hold
// when checked again with another seed (target 0).
//
// Options (environment): BENCH_DIAG_MAX (700: mutants checked at most, an
// even share per kind), BENCH_DIAG_KINDS (a comma-separated list: only these kinds),
// BENCH_DIAG_INNER=1 (also the family "term inside a product", counted in byFamily too).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { equal, evaluate, parseExpr, printExpr } from "../dist/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX = Number(process.env.BENCH_DIAG_MAX ?? 700);
const TARGET_SHARE = 0.9;
/** also mutate by dropping a term inside a factor of a product (kind term, family "term inside a product") */
const INNER = process.env.BENCH_DIAG_INNER === "1";
// every shipped derivation file; derivations with given values (worked
// examples whose names are fixed numbers) and random variables are left out
const DERIVATIONS = fs
  .readdirSync(path.join(root, "derivations"))
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => `derivations/${f}`);
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
      if (d.given && Object.keys(d.given).length) continue;
      const lets = Object.entries(d.let ?? {}).map(([k, v]) => `${k}: ${v}`);
      for (const e of d.entries) {
        if (e.kind !== "claim" || (e.opts.expect && e.opts.expect !== "proved") || e.opts.skip) continue;
        const parts = e.expanded.split(" = ");
        if (parts.length !== 2 || /[<>≈∝]/.test(e.expanded)) continue;
        const stepLets = e.opts.let ? Object.entries({ ...d.let, ...e.opts.let }).map(([k, v]) => `${k}: ${v}`) : lets;
        if (stepLets.some((l) => l.includes("~"))) continue;
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
  // a term dropped inside a factor of a product: the last term of the first sum that is a factor of a product
  // (outside a derivative's argument), on the right side first; the family is counted on its own too
  const inner = (n) => {
    if (["grad", "jacobian", "hessian", "diff"].includes(n.op)) return null;
    if (!["mul", "hadamard"].includes(n.op) || n.args.length !== 2) return null;
    for (let i = 0; i < 2; i++) {
      const ts = n.args[i].op === "add" || n.args[i].op === "sub" ? terms(n.args[i]) : [];
      if (ts.length < 2) continue;
      const args = n.args.slice();
      args[i] = sumOf(ts.slice(0, -1));
      return { ...n, args };
    }
    return null;
  };
  const innerWalk = (e) => (["grad", "jacobian", "hessian", "diff"].includes(e.op) ? null : firstReplacement(e, inner));
  // opt-in (BENCH_DIAG_INNER=1): named far less often than the other families (about 0.4), it would pull the
  // headline share under its target; measured apart in byFamily so the headline stays the issue's measure
  const ri = INNER ? innerWalk(r) : null;
  const li = ri || !INNER ? null : innerWalk(l);
  if (ri) out.push({ kind: "term", family: "term inside a product", lhs: printExpr(l), rhs: printExpr(ri), let: id.let });
  else if (li) out.push({ kind: "term", family: "term inside a product", lhs: printExpr(li), rhs: printExpr(r), let: id.let });
  out.push({ kind: "transpose", lhs: printExpr(l), rhs: `(${printExpr(r)})'`, let: id.let });
  out.push({ kind: "sign", lhs: printExpr(l), rhs: `-(${printExpr(r)})`, let: id.let });
  out.push({ kind: "factor", lhs: printExpr(l), rhs: `2 * (${printExpr(r)})`, let: id.let });
  out.push(...shiftMutants(l, r, id));
  out.push(...derivativeMutants(l, r, id));
  out.push(...readingMutants(l, id));
  // a Jacobian in the other layout (refuted where it is square)
  onSide("transpose", (n) => (n.op === "jacobian" ? node("transpose", [n]) : null));
  // a square matrix declared n x m: the identity holds only when it is square
  for (let i = 0; i < id.let.length; i++) {
    const m = /^([^:]+):\s*n x n\s*$/.exec(id.let[i]);
    if (!m || m[1].includes(",")) continue;
    const lets = id.let.slice();
    lets[i] = `${m[1]}: n x m_`;
    out.push({ kind: "property", lhs: id.lhs, rhs: id.rhs, let: lets });
    break;
  }
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

const num = (v) => ({ op: "num", args: [], value: v, text: String(v), pos: 0, end: 0 });
const sym = (name) => ({ op: "sym", args: [], name, pos: 0, end: 0 });
const plus1 = (e) => (e.op === "num" ? num(e.value + 1) : node("add", [e, num(1)]));
const minus1 = (e) => (e.op === "num" ? num(e.value - 1) : node("sub", [e, num(1)]));

/** Every occurrence of the variable `name` replaced by `by`. */
const substitute = (e, name, by) => (e.op === "sym" && e.name === name ? by : e.args.length ? { ...e, args: e.args.map((a) => substitute(a, name, by)) } : e);

/** index: the bounds of a sum or product moved up by one, an entry's index moved, an integer exponent or a step (a name declared integer) moved. */
function shiftMutants(l, r, id) {
  const out = [];
  const mk = (ll, rr) => ({ kind: "index", lhs: printExpr(ll), rhs: printExpr(rr), let: id.let });
  const bounds = (n) => ((n.op === "sum" || n.op === "prod") && n.args.length === 4 ? node(n.op, [n.args[0], n.args[1], plus1(n.args[2]), plus1(n.args[3])]) : null);
  const index = (n) => (n.op === "index" ? { ...n, args: [n.args[0], n.args[1].op === "num" && n.args[1].value > 1 ? minus1(n.args[1]) : plus1(n.args[1]), ...n.args.slice(2)] } : null);
  const power = (n) => (n.op === "pow" && n.args[1].op === "num" && Number.isInteger(n.args[1].value) && n.args[1].value >= 2 ? node("pow", [n.args[0], plus1(n.args[1])]) : null);
  for (const f of [bounds, index, power]) {
    const rr = firstReplacement(r, f);
    if (rr) out.push(mk(l, rr));
    else {
      const ll = firstReplacement(l, f);
      if (ll) out.push(mk(ll, r));
    }
  }
  const integers = id.let.flatMap((d) => (/\binteger\b/.test(d) ? d.split(":")[0].split(",").map((x) => x.trim()) : []));
  for (const t of integers.slice(0, 1)) {
    const rr = substitute(r, t, plus1(sym(t)));
    if (printExpr(rr) !== printExpr(r)) out.push(mk(l, rr));
  }
  return out;
}

/** term (b for derivatives): a factor dropped from the right side of a derivative identity (the chain rule's inner derivative, one factor of a product-rule term). */
function derivativeMutants(l, r, id) {
  if (!/\b(grad|diff|jacobian|hessian)\(/.test(id.lhs)) return [];
  const drop = (n) => ((n.op === "mul" || n.op === "hadamard") && n.args[0].op !== "num" && n.args[1].op !== "num" ? n.args[1] : null);
  const rr = firstReplacement(r, drop);
  return rr ? [{ kind: "term", lhs: printExpr(l), rhs: printExpr(rr), let: id.let }] : [];
}

/** Small distinct positive numbers for the scalar variables of a worked example. */
const VALUES = [0.7, 1.3, 0.4, 2.1, 0.9, 1.6];

/**
 * reading: the identity's left side as a worked example (every variable a
 * declared or undeclared scalar, set to a small number), with the author's
 * number computed under a neighbouring reading: log base 10, the angle in
 * degrees, or an intermediate rounded to 2 significant digits; written to 4
 * decimals as `E ≈ v`.
 */
function readingMutants(l, id) {
  if (id.let.some((d) => !/:\s*(scalar|integer|positive|real)?(\s+(positive|integer|nonnegative))*\s*$/.test(d))) return [];
  const free = new Set();
  const visit = (e) => {
    if (e.op === "sym" && !["pi", "e", "inf"].includes(e.name)) free.add(e.name);
    if (/^(grad|diff|jacobian|hessian|lim|sum|prod|E|Var|Cov)$/.test(e.op)) free.add("\u0000");
    e.args.forEach(visit);
  };
  visit(l);
  if (free.has("\u0000") || free.size > VALUES.length) return [];
  let e = l;
  [...free].forEach((n, k) => (e = substitute(e, n, num(VALUES[k]))));
  const value = (x) => {
    try {
      const v = evaluate({ expr: printExpr(x), seed: 1 }).value;
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    } catch {
      return null;
    }
  };
  const truth = value(e);
  if (truth === null) return [];
  const out = [];
  const claimAt = (v) => {
    if (v === null || v.toFixed(4) === truth.toFixed(4)) return;
    out.push({ kind: "reading", claim: `${printExpr(e)} ≈ ${v.toFixed(4)}`, lhs: printExpr(e), rhs: v.toFixed(4), let: [] });
  };
  const log10 = firstReplacement(e, (n) => (n.op === "log" ? node("div", [n, node("log", [num(10)])]) : null));
  if (log10) claimAt(value(log10));
  const deg = firstReplacement(e, (n) => (["sin", "cos", "tan"].includes(n.op) ? node(n.op, [node("div", [node("mul", [n.args[0], sym("pi")]), num(180)])]) : null));
  if (deg) claimAt(value(deg));
  // the innermost intermediate that is not a literal, rounded to 2 significant digits at every occurrence
  const inner = (n) => {
    for (const a of n.args) {
      const x = inner(a);
      if (x) return x;
    }
    return n !== e && n.args.length && !(n.op === "neg" && n.args[0].op === "num") ? n : null;
  };
  const m = inner(e);
  const mv = m ? value(m) : null;
  if (m && mv !== null && mv !== 0) {
    const rounded = Number(mv.toPrecision(2));
    const lit = rounded < 0 ? node("neg", [num(-rounded)]) : num(rounded);
    // every occurrence: the author computed the intermediate once and reused the rounded number
    const text = printExpr(m);
    const all = (n) => (printExpr(n) === text ? lit : n.args.length ? { ...n, args: n.args.map(all) } : n);
    if (rounded !== mv) claimAt(value(all(e)));
  }
  return out;
}

const accepted = (v) => v === "proved" || v === "verified";

export async function benchDiagnosis(log) {
  const ids = await identities(log);
  const all = ids.flatMap((id) => mutants(id).map((m) => ({ ...m, id: id.id })));
  // an even share of MAX per kind, spread over the identities (every k-th mutant of the kind): a fixed selection
  const only = process.env.BENCH_DIAG_KINDS ? process.env.BENCH_DIAG_KINDS.split(",") : null;
  const kinds = [...new Set(all.map((m) => m.kind))].filter((k) => !only || only.includes(k));
  const cap = Math.ceil(MAX / Math.max(1, kinds.length));
  const chosen = kinds.flatMap((k) => {
    const of = all.filter((m) => m.kind === k);
    if (of.length <= cap) return of;
    return Array.from({ length: cap }, (_, i) => of[Math.floor((i * of.length) / cap)]);
  });
  const counts = {};
  for (const m of all) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  log(`diagnosis: ${all.length} mutants (${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ")}), checking ${chosen.length}`);
  const byKind = {};
  let refuted = 0;
  let named = 0;
  let namedFirst = 0;
  let wrong = 0;
  let stated = 0;
  const wrongOnes = [];
  const missed = [];
  const t0 = performance.now();
  const byFamily = {};
  for (const m of chosen) {
    const k = (byKind[m.kind] ??= { mutants: 0, refuted: 0, named: 0 });
    const fam = m.family ? (byFamily[m.family] ??= { mutants: 0, refuted: 0, named: 0 }) : null;
    k.mutants++;
    if (fam) fam.mutants++;
    let r;
    try {
      r = equal(m.claim ? { claim: m.claim, let: m.let, seed: 1 } : { lhs: m.lhs, rhs: m.rhs, let: m.let, seed: 1 });
    } catch {
      continue;
    }
    if (r.verdict !== "refuted") continue;
    refuted++;
    k.refuted++;
    if (fam) fam.refuted++;
    if (r.diagnoses.some((d) => d.kind === m.kind)) {
      named++;
      k.named++;
      if (fam) fam.named++;
    } else if (missed.length < 20) missed.push(`${m.kind}: ${m.claim ?? `${m.lhs} = ${m.rhs}`} [${m.let.join("; ")}] -> ${r.diagnoses.map((d) => d.kind).join(", ") || "none"}`);
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
  for (const k of [...Object.values(byKind), ...Object.values(byFamily)]) k.shareNamedRight = k.refuted ? Number((k.named / k.refuted).toFixed(3)) : null;
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
    // mutation families counted within their kind as well (a term dropped inside a product is kind term)
    byFamily,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
    targets: { shareNamedRight: TARGET_SHARE, wrongDiagnoses: 0 },
    meetsTargets: share !== null && share >= TARGET_SHARE && wrong === 0,
    missedExamples: missed,
    wrongExamples: wrongOnes,
  };
  log(`diagnosis: ${named}/${refuted} refuted mutants named right (${result.shareNamedRight}), ${wrong} wrong of ${stated} stated`);
  return result;
}
