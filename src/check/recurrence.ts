// A recurrence with a claimed closed form, checked by induction (issue 6):
//
//   m_t0 = init,  m_t = step(m_(t-1), t)  for t > t0,  claimed  m_t = closed(t).
//
// Three checks, all reported:
// 1. base case: closed(t0) = init, as a claim (symbolic engine, then samples);
// 2. inductive step: closed(t) = step(closed(t-1), t) for a free integer t,
//    as a claim with t drawn from t0+1..t0+50 (`t: integer in [..]`);
// 3. iteration: m_t computed by the recurrence itself for t = t0+1..t0+50 on
//    random samples, compared with closed(t) at every t.
// Both claims proved symbolically: "proved by induction". Otherwise the
// verdict is "verified" when all three pass, "refuted" at the first failure
// (the iteration names the first t where the closed form departs).
//
// Sequence inputs (Adam's gradients g_t) are written `g[t]`, `g[i]`: each is
// declared here as a vector of fresh samples, one entry per t (scalar inputs;
// a vector recurrence that acts entrywise is checked per entry).

import { DeriveError, asDeriveError, located } from "../core/errors.js";
import { isScalar, sameShape, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { type TNode, variablesOf } from "../core/typed.js";
import { Evaluator, InvalidSample } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { drawScalar, drawSizes, drawValue } from "../numeric/sampler.js";
import { type ParseOptions, parseExpr } from "../parse/parser.js";
import { printExpr } from "../parse/print.js";
import { Resolver } from "../parse/resolve.js";
import { Scope } from "../parse/scope.js";
import { type Declarations, type Verdict, checkClaim, declarationList } from "./claim.js";
import { unfoldStep } from "./induction.js";
import { difference } from "./tolerance.js";
import { toText } from "./values.js";
import type { Expr } from "../core/ast.js";

/** How many steps the iteration runs (t = t0+1 .. t0+ITERATIONS). */
export const ITERATIONS = 50;
const ITERATION_SAMPLES = 3;

export interface RecurrenceSpec {
  /** the sequence's name as the step uses it for the previous value: "m" */
  readonly name: string;
  /** the index: "t" */
  readonly index: string;
  /** the first index (default 0) */
  readonly from?: number;
  /** the value at the first index: "0", "w0" */
  readonly init: string;
  /** the value at t from the value at t - 1 (written `name`) and t: "b * m + (1 - b) * g[t]" */
  readonly step: string;
  /** the claimed closed form in t: "(1 - b) * sum(b^(t - i) * g[i], i, 1, t)" */
  readonly closed: string;
  /** sequence inputs, fresh scalar samples per index: ["g"], written g[t] */
  readonly inputs?: readonly string[];
  /** declarations of the other names: { b: "scalar in (0, 1)", A: "n x n spd" } */
  readonly let?: Declarations;
}

export interface RecurrenceResult {
  verdict: Verdict;
  /** how, one line: "proved by induction", "verified by iteration t = 1..50 ..." */
  detail: string;
  base: Verdict;
  inductive: Verdict;
  iteration: Verdict;
  error: { message: string; position: number | null } | null;
}

/** The declarations of a recurrence's checks: the user's, t, and one vector per input. */
export function recurrenceDeclarations(spec: RecurrenceSpec): string[] {
  return declarations(spec, null);
}

function declarations(spec: RecurrenceSpec, initShape: string | null): string[] {
  const from = spec.from ?? 0;
  const out = declarationList(spec.let);
  out.push(`${spec.index}: integer in [${from + 1}, ${from + ITERATIONS}]`);
  for (const g of spec.inputs ?? []) out.push(`${g}: ${from + ITERATIONS + 1}`);
  if (initShape) out.push(`${spec.name}: ${initShape}`);
  return out;
}

/** Replaces the free name `name` by `by` in a syntax tree. */
function substitute(e: Expr, name: string, by: Expr): Expr {
  if (e.op === "sym" && e.name === name) return by;
  if (e.args.length === 0) return e;
  return { ...e, args: e.args.map((a) => substitute(a, name, by)) };
}

export function checkRecurrence(spec: RecurrenceSpec, seed: number, samples?: number): RecurrenceResult {
  const out: RecurrenceResult = { verdict: "error", detail: "", base: "error", inductive: "error", iteration: "error", error: null };
  try {
    for (const k of ["name", "index", "init", "step", "closed"] as const) {
      if (typeof spec[k] !== "string" || !spec[k].trim()) throw new DeriveError("usage", `a recurrence needs ${k} as a non-empty string`);
    }
    const scope = Scope.parse(declarations(spec, null));
    const popts: ParseOptions = { isVariable: scope.isVariable };
    const resolver = new Resolver(scope);
    const init = located("init", () => resolver.resolve(parseExpr(spec.init, popts)));
    const shapeText = isScalar(init.shape) ? "scalar" : `${init.shape.rows} x ${init.shape.cols}`;
    const full = Scope.parse(declarations(spec, shapeText));
    const fopts: ParseOptions = { isVariable: full.isVariable };
    const r2 = new Resolver(full);
    const step = located("step", () => r2.resolve(parseExpr(spec.step, fopts)));
    if (!sameShape(step.shape, init.shape)) throw new DeriveError("shape", `the step gives ${showShape(step.shape)}, but ${spec.name} starts as ${showShape(init.shape)}`, step.pos, "step");
    const closedExpr = located("closed", () => parseExpr(spec.closed, popts));
    const closed = located("closed", () => resolver.resolve(closedExpr));
    if (!sameShape(closed.shape, init.shape)) {
      throw new DeriveError("shape", `the closed form is ${showShape(closed.shape)}, but ${spec.name} is ${showShape(init.shape)}`, closed.pos, "closed");
    }
    const from = spec.from ?? 0;
    const t = spec.index;
    const lets = declarations(spec, null);
    const atFrom = printExpr(substitute(closedExpr, t, { op: "num", value: from, args: [], pos: 0, end: 0 }));
    const base = checkClaim({ claim: `${atFrom} = ${spec.init}`, let: lets, seed, samples }, seed);
    const tm1 = parseExpr(`(${t} - 1)`);
    const prev = printExpr(substitute(closedExpr, t, tm1));
    const stepExpr = parseExpr(spec.step, fopts);
    const stepped = printExpr(substitute(stepExpr, spec.name, parseExpr(`(${prev})`, popts)));
    let ind = checkClaim({ claim: `${spec.closed} = ${stepped}`, let: lets, seed, samples }, seed);
    if (ind.verdict === "verified") ind = unfolded(closedExpr, parseExpr(stepped, popts), t, from + 1, lets, seed, samples) ?? ind;
    out.base = base.verdict;
    out.inductive = ind.verdict;
    for (const [what, r] of [["base case", base], ["inductive step", ind]] as const) {
      if (r.verdict === "error") throw new DeriveError("value", `${what}: ${r.detail}`);
    }
    const bound = new Set([...resolver.boundNames, ...r2.boundNames]);
    const it = iterate(spec, full, init, step, closed, seed, bound);
    out.iteration = it.verdict;
    const fromText = `${t} = ${from + 1}..${from + ITERATIONS}`;
    if (base.verdict === "refuted") return { ...out, verdict: "refuted", detail: `refuted: base case ${atFrom} = ${spec.init} fails: ${base.detail}` };
    if (it.verdict === "refuted") return { ...out, verdict: "refuted", detail: `refuted ${it.detail}` };
    if (ind.verdict === "refuted") return { ...out, verdict: "refuted", detail: `refuted: inductive step fails: ${ind.detail}` };
    if (base.verdict === "proved" && ind.verdict === "proved") {
      return { ...out, verdict: "proved", detail: `proved by induction (base case and inductive step symbolically); verified by iteration ${fromText} on ${ITERATION_SAMPLES} samples` };
    }
    return {
      ...out,
      verdict: "verified",
      detail: `verified by iteration ${fromText} on ${ITERATION_SAMPLES} samples, max rel. error ${it.maxRel.toExponential(1)}; base case ${base.verdict}, inductive step ${ind.verdict} (${t} drawn from ${from + 1}..${from + ITERATIONS})`,
    };
  } catch (e) {
    const err = asDeriveError(e);
    return { ...out, verdict: "error", detail: err.message, error: { message: err.message, position: err.position } };
  }
}

/**
 * The inductive step again, with one step unfolded (./induction.ts) so that
 * the engine can cancel it; its result only when that is "proved".
 */
function unfolded(closed: Expr, stepped: Expr, t: string, first: number, lets: string[], seed: number, samples: number | undefined): ReturnType<typeof checkClaim> | null {
  const sides = unfoldStep([closed, stepped], t, first);
  if (!sides) return null;
  const r = checkClaim({ claim: `${printExpr(sides[0])} = ${printExpr(sides[1])}`, let: lets, seed, samples }, seed);
  if (r.verdict !== "proved") return null;
  return { ...r, detail: `proved with the last term of sums and one factor of powers in ${t} unfolded: ${r.detail}` };
}

/** Runs the recurrence for ITERATIONS steps on a few samples and compares with the closed form. */
function iterate(spec: RecurrenceSpec, scope: Scope, init: TNode, step: TNode, closed: TNode, seed: number, bound: ReadonlySet<string>): { verdict: Verdict; detail: string; maxRel: number } {
  const rng = new Random(seed ^ 0x5bd1e995);
  const from = spec.from ?? 0;
  const t = spec.index;
  const vars = [...variablesOf([init, step, closed])].filter((v) => v !== t && v !== spec.name && !bound.has(v));
  const dims = new Set<string>();
  for (const n of [init, step, closed]) for (const d of [n.shape.rows, n.shape.cols]) if (typeof d === "string") dims.add(d);
  for (const v of vars) {
    const d = scope.decls.get(v);
    for (const x of d ? [d.shape.rows, d.shape.cols] : []) if (typeof x === "string") dims.add(x);
  }
  let maxRel = 0;
  let done = 0;
  for (let draw = 0; draw < 50 && done < ITERATION_SAMPLES; draw++) {
    const sizes = drawSizes([...dims], new Map(), rng, done === 0);
    const values = new Map<string, Tensor>();
    for (const v of vars) {
      const d = scope.decls.get(v);
      values.set(v, d ? drawValue(d, sizes, rng, draw) : drawScalar(rng));
    }
    const ev = new Evaluator({ sizes, values });
    try {
      let m = ev.evaluate(init);
      for (let k = from + 1; k <= from + ITERATIONS; k++) {
        values.set(t, Tensor.scalar(k));
        values.set(spec.name, m);
        m = ev.evaluate(step);
        const c = ev.evaluate(closed);
        if (!m.allFinite() || !c.allFinite()) throw new InvalidSample("not finite");
        const d = difference(m, c);
        if (!d.equal) {
          const shown = [...sizes].map(([a, b]) => `${a} = ${b}`).concat(vars.filter((v) => values.get(v)!.size <= 4).map((v) => `${v} = ${toText(values.get(v)!, 6)}`));
          return { verdict: "refuted", detail: `at ${t} = ${k}: the recurrence gives ${spec.name} = ${toText(m, 6)}, the closed form ${toText(c, 6)}${shown.length ? ` (at ${shown.join("; ")})` : ""}`, maxRel };
        }
        maxRel = Math.max(maxRel, d.relError);
      }
      done++;
    } catch (e) {
      if (e instanceof InvalidSample) continue;
      throw e;
    }
  }
  if (done < ITERATION_SAMPLES) throw new DeriveError("sample", `the recurrence could not be iterated on ${ITERATION_SAMPLES} valid samples`);
  return { verdict: "verified", detail: "", maxRel };
}
