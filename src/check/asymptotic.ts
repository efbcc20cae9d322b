// The asymptotic `≈`: `lhs ≈ rhs as eps -> 0` (several: `as eps -> 0, lam -> 0`;
// a large parameter: `as n -> inf`). Distinct from the decimal `≈ 0.65`: it
// claims that lhs/rhs tends to 1, i.e. that lhs - rhs is of higher order
// than rhs, as the named parameters shrink (or grow) together.
//
// Checked numerically, never proved: at each of several samples of the other
// variables (and of the parameters' starting values), every named parameter
// is scaled by 10^(-k/4), k = 0..24 (six decades; 10^(k/4) towards inf),
// (a large parameter starts at 1 + its drawn magnitude) and the relative difference r_k = max|lhs - rhs| / max|rhs| is followed
// (see judge() for the exact rule):
// - verified: on every sample r falls, staying at most 1e-3 over two decades;
// - refuted: on some sample r stays above 1e-2 over two decades without
//   halving: the ratio does not tend to 1 (the sequence is shown);
// - otherwise an error: the sequence did not decide (too slow, a plateau
//   below 1e-2, not finite, cancellation). A difference that vanishes only
//   beyond six decades, or converges like 1/log(1/eps), is beyond what this
//   can see; docs/language.md says so.

import { DeriveError, asDeriveError } from "../core/errors.js";
import { isScalar, sameShape, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { type TNode, variablesOf } from "../core/typed.js";
import { Evaluator, InvalidSample } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { drawScalar, drawSizes, drawValue } from "../numeric/sampler.js";
import type { Claim, SmallParam } from "../parse/parser.js";
import { printExpr } from "../parse/print.js";
import { type ClaimOptions, type EqualResult, blankResult } from "./claim.js";
import type { ReadClaim } from "./kinds.js";
import { toJson, toText } from "./values.js";

const STEPS = 24;
const TAIL = 9;
const SAMPLES = 6;
const CLOSE = 1e-3;
const FAR = 1e-2;

/** The claim as text, with its `as` clause. */
export function printAsymptotic(c: Claim): string {
  const params = (c.as ?? []).map((p) => `${p.name} -> ${p.to}`).join(", ");
  return `${printExpr(c.sides[0]!)} ≈ ${printExpr(c.sides[1]!)} as ${params}`;
}

/**
 * Checks an asymptotic `≈ ... as ...` claim, as check/claim.ts has read it
 * (parsed and resolved once; check/kinds.ts).
 */
export function checkAsymptotic(read: ReadClaim, opts: ClaimOptions, seed: number): EqualResult {
  const base = blankResult(printAsymptotic(read.claim), seed);
  try {
    return { ...base, ...run(read, seed, opts.samples ?? SAMPLES, base) };
  } catch (e) {
    return asymptoticError(read.claim, seed, e, base);
  }
}

/** An asymptotic claim that could not be checked (its sides did not resolve, or no sample decided): an error with the claim as written. */
export function asymptoticError(claim: Claim, seed: number, e: unknown, base = blankResult(printAsymptotic(claim), seed)): EqualResult {
  const err = asDeriveError(e);
  return { ...base, error: { message: err.message, position: err.position }, detail: err.message };
}

function run(read: ReadClaim, seed: number, samples: number, base: EqualResult): Partial<EqualResult> {
  const { claim, scope, resolver } = read;
  const [lhs, rhs] = read.sides as [TNode, TNode];
  base.assumptions = [...resolver.assumptions.keys()].map((n) => `${n}: scalar`);
  if (!sameShape(lhs.shape, rhs.shape) && !isScalar(rhs.shape)) {
    throw new DeriveError("shape", `the sides have different shapes: ${showShape(lhs.shape)} and ${showShape(rhs.shape)}`, rhs.pos, "claim");
  }
  const vars = [...variablesOf([lhs, rhs])].filter((v) => !resolver.boundNames.has(v));
  const params = claim.as!;
  for (const p of params) {
    if (!vars.includes(p.name)) throw new DeriveError("name", `${p.name} after 'as' does not appear in the claim`, p.pos, "claim");
    const d = scope.decls.get(p.name);
    if (d && !isScalar(d.shape)) throw new DeriveError("shape", `the parameter ${p.name} after 'as' must be a scalar, not ${showShape(d.shape)}`, p.pos, "claim");
  }
  const rng = new Random(seed);
  const dims = [...resolver.dims];
  let worst = 0;
  let done = 0;
  let lastWhy = "";
  let undecided = 0;
  for (let draw = 0; draw < samples * 25 && done + undecided < samples; draw++) {
    const sizes = drawSizes(dims, resolver.minDims, rng, done === 0);
    const values = new Map<string, Tensor>();
    for (const v of vars) {
      const d = scope.decls.get(v);
      // an undeclared parameter starts at a magnitude in [0.5, 2]: a start near 0
      // would take the sequence into float64 cancellation (1 - cos(x) at x = 1e-8)
      const small = !d && params.some((p) => p.name === v);
      values.set(v, d ? drawValue(d, sizes, rng, draw) : small ? Tensor.scalar((rng.float() < 0.5 ? -1 : 1) * rng.uniform(0.5, 2)) : drawScalar(rng));
    }
    if (params.some((p) => values.get(p.name)!.scalar() === 0)) continue;
    const trail = follow(lhs, rhs, params, sizes, values);
    if (typeof trail === "string") {
      lastWhy = trail;
      continue;
    }
    const r = trail.map((s) => s.r);
    const verdict = judge(r);
    if (verdict === "holds") {
      worst = Math.max(worst, Math.min(...r.slice(-TAIL)));
      done++;
      continue;
    }
    if (verdict === "fails") return refutation(params, sizes, values, trail);
    // undecided here: another sample may still refute; it is never accepted
    lastWhy = `the relative difference went from ${sci(r[0]!)} to ${sci(r[r.length - 1]!)}: ${verdict}`;
    if (++undecided >= samples) break;
  }
  if (undecided > 0) throw new DeriveError("sample", `the asymptotic claim could not be decided: ${lastWhy}`, null, "claim");
  if (done < samples) throw new DeriveError("sample", `the asymptotic claim could not be decided: ${lastWhy || "no valid sample"}`, null, "claim");
  const names = params.map((p) => `${p.name} -> ${p.to}`).join(", ");
  const span = params[0]!.to === "0" ? "shrunk by 10^-6" : "grown by 10^6";
  return {
    verdict: "verified",
    numeric: { samples: done, maxRelError: worst },
    detail: `verified as ${names} on ${done} samples (parameters ${span} in quarter decades): lhs/rhs -> 1, relative difference at most ${sci(worst)} at the end`,
  };
}

interface Point {
  /** the scale factor of the parameters */
  f: number;
  r: number;
  lhs: Tensor;
  rhs: Tensor;
}

/** The relative difference along the sequence, or why the sample cannot be used. */
function follow(lhs: TNode, rhs: TNode, params: readonly SmallParam[], sizes: ReadonlyMap<string, number>, values: Map<string, Tensor>): Point[] | string {
  const out: Point[] = [];
  for (let k = 0; k <= STEPS; k++) {
    const vals = new Map(values);
    for (const p of params) {
      const v = values.get(p.name)!.scalar();
      const f = p.to === "0" ? 10 ** (-k / 4) : 10 ** (k / 4);
      vals.set(p.name, Tensor.scalar(p.to === "0" ? v * f : (1 + Math.abs(v)) * f));
    }
    let a: Tensor;
    let b: Tensor;
    try {
      const ev = new Evaluator({ sizes, values: vals });
      a = ev.evaluate(lhs);
      b = ev.evaluate(rhs);
    } catch (e) {
      if (e instanceof InvalidSample) return e.message;
      throw e;
    }
    if (!a.allFinite() || !b.allFinite()) return `a value is not finite at step ${k} of the sequence`;
    let d = 0;
    for (let i = 0; i < a.size; i++) d = Math.max(d, Math.abs(a.data[i]! - (b.size === 1 ? b.data[0]! : b.data[i]!)));
    const scale = b.maxAbs();
    if (scale === 0) return "the right side is 0 along the sequence (a ratio needs a non-zero rhs)";
    out.push({ f: p0(params, k), r: d / scale, lhs: a, rhs: b });
  }
  return out;
}

const p0 = (params: readonly SmallParam[], k: number): number => (params[0]!.to === "0" ? 10 ** (-k / 4) : 10 ** (k / 4));
const sci = (x: number): string => x.toExponential(1);

/**
 * Over two decades (9 points), r is "flat" when it stays above `level` and
 * within a factor 3: a plateau, i.e. lhs/rhs tends to something other than 1.
 * "fails": a flat stretch above 1e-2 (a wrong factor), or r above 1e-2
 * everywhere and not falling over the last two decades (a wrong power).
 * "holds": somewhere r stays at most 1e-3 over two decades while falling at
 * least threefold (or sits at rounding level), and later neither exceeds 1e-2
 * (float64 cancellation can grow it again: then undecided, never accepted)
 * nor goes flat above 1e-9 (`(1 + 1e-4) x ≈ x`: undecided, never accepted).
 * Otherwise the reason it is undecided.
 */
function judge(r: readonly number[]): "holds" | "fails" | string {
  const win = (s: number): number[] => r.slice(s, s + TAIL);
  const flat = (s: number, level: number): boolean => {
    const w = win(s);
    const lo = Math.min(...w);
    return lo > level && Math.max(...w) < 3 * lo;
  };
  const starts = Array.from({ length: r.length - TAIL + 1 }, (_, s) => s);
  if (starts.some((s) => flat(s, FAR))) return "fails";
  // never within 1% over six decades, and not falling at the end: lhs/rhs grows away from 1
  const end = r.length - TAIL;
  if (r.every((x) => x > FAR) && r[r.length - 1]! >= r[end]! / 2) return "fails";
  for (const s of starts) {
    const w = win(s);
    const last = w[TAIL - 1]!;
    if (!w.every((x) => x <= CLOSE) || !(last <= w[0]! / 3 || last <= 1e-12)) continue;
    if (r.slice(s + TAIL).some((x) => x > FAR)) return "it came close to 0, then grew again (cancellation in float64?)";
    if (starts.some((t) => t > s && flat(t, 1e-9))) return "it levels off above 0 (lhs/rhs may tend to a number near 1, not 1)";
    return "holds";
  }
  return "neither clearly to 0 nor away from it";
}

function refutation(params: readonly SmallParam[], sizes: ReadonlyMap<string, number>, values: Map<string, Tensor>, trail: Point[]): Partial<EqualResult> {
  const parts = [...sizes].map(([k, v]) => `${k} = ${v}`);
  const vals: Record<string, ReturnType<typeof toJson>> = {};
  for (const [k, v] of values) {
    vals[k] = toJson(v);
    parts.push(`${k} = ${toText(v, 6)}`);
  }
  const picks = [0, 4, 8, 12, 16, 20, 24].map((k) => trail[k]!);
  const first = params[0]!;
  const start = values.get(first.name)!.scalar();
  const seq = picks
    .map((s) => {
      const at = first.to === "0" ? start * s.f : (1 + Math.abs(start)) * s.f;
      const ratio = s.lhs.size === 1 && s.rhs.size === 1 ? `lhs/rhs = ${Number((s.lhs.data[0]! / s.rhs.data[0]!).toPrecision(6))}` : `rel. diff ${sci(s.r)}`;
      return `${first.name} = ${Number(at.toPrecision(4))}: ${ratio}`;
    })
    .join(", ");
  const also = params.length > 1 ? ` (${params.slice(1).map((p) => p.name).join(", ")} scaled alike)` : "";
  const last = trail[trail.length - 1]!;
  const dims: Record<string, number> = {};
  for (const [k, v] of sizes) dims[k] = v;
  return {
    verdict: "refuted",
    counterexample: { dims, values: vals, lhs: toJson(last.lhs), rhs: toJson(last.rhs), text: parts.join("; "), hint: null, notes: [`as ${params.map((p) => `${p.name} -> ${p.to}`).join(", ")}: ${seq}${also}`], entries: null },
    detail: `refuted: lhs/rhs does not tend to 1 as ${params.map((p) => `${p.name} -> ${p.to}`).join(", ")}, at ${parts.join("; ")}: ${seq}${also}`,
  };
}
