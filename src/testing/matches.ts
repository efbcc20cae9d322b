// matches(f, expr, options): the property that the user's f(values) equals
// the language expression `expr` on every input arbitrary(options.let)
// generates (testing.md). The expression is evaluated by derive's own
// evaluator (check/evaluate.ts: `grad(...)` by its finite differences), at
// the generated values and dimension sizes, and compared as derive compares
// the sides of a claim: the largest difference at most rtol x the largest
// entry + atol.

import fc from "fast-check";
import { Tensor } from "../core/tensor.js";
import { evaluateExpression } from "../check/evaluate.js";
import { type ArbitraryOptions, type Decls, type Point, kindOf, parseDecls, pointArbitrary } from "./arbitrary.js";
import { likelyCause } from "./causes.js";
import { freshSeed, throwsByDefault } from "./gradcheck.js";
import { type As, formOf, indexOf, readValue, showDims, showEntry, showValue } from "./values.js";

export interface MatchesOptions {
  /** declarations of the names f and expr use */
  let: Decls;
  dims?: ArbitraryOptions["dims"];
  /** how generated values reach f */
  as?: As;
  seed?: number;
  /** generated points; default 100 */
  numRuns?: number;
  /** default 1e-6 and 1e-8, as derive compares the sides of a claim */
  rtol?: number;
  atol?: number;
  /** throw on failure (default: inside vitest) */
  throws?: boolean;
}

export interface MatchesResult {
  ok: boolean;
  seed: number;
  numRuns: number;
  /** the shrunk failing values (as f received them), null when ok */
  counterexample: Record<string, unknown> | null;
  /** its dimension sizes */
  dims: Record<string, number> | null;
  /** the entry that differs most: 0-based index, f's value and the expression's */
  entry: { index: number[]; actual: number; expected: number } | null;
  /** the two values in the expression language */
  actual: string | null;
  expected: string | null;
  cause: string | null;
  message: string | null;
}

export class MatchesError extends Error {
  readonly result: MatchesResult;
  constructor(result: MatchesResult) {
    super(result.message ?? "matches failed");
    this.name = "MatchesError";
    this.result = result;
  }
}

interface Comparison {
  ok: boolean;
  detail: string | null;
  entry: MatchesResult["entry"];
  actual: string | null;
  expected: string | null;
  cause: string | null;
}

export function matches(f: (values: any) => unknown, expr: string, options: MatchesOptions): MatchesResult {
  if (typeof f !== "function") throw new Error("matches(f, expr, options): f must be a function of the values");
  if (typeof expr !== "string") throw new Error("matches(f, expr, options): expr must be an expression of the language, as a string");
  if (!options || options.let === undefined) throw new Error('matches(f, expr, options): options.let declares the names, e.g. { let: "X: n x m; A: n x n" }');
  const decls = parseDecls(options.let);
  const as = options.as ?? "array";
  const forms = new Map(decls.map((d) => [d.name, formOf(kindOf(d), as)]));
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-8;
  const seed = options.seed ?? freshSeed();
  const numRuns = options.numRuns ?? 100;
  const throws = options.throws ?? throwsByDefault();
  const userValues = (p: Point): Record<string, unknown> => Object.fromEntries(decls.map((d) => [d.name, forms.get(d.name)!.rebuild(p.values.get(d.name)!)]));

  const compare = (p: Point, inProperty: boolean): Comparison => {
    let expected: Tensor;
    try {
      expected = expressionAt(expr, options.let, p);
    } catch (e) {
      // derive cannot evaluate the expression here (its finite differences sit on a kink of
      // relu/abs, a value leaves the domain): the point says nothing about f, and is skipped
      if (inProperty) fc.pre(false);
      throw e;
    }
    const got = f(userValues(p));
    const a0 = readValue(got, "the value of f").tensor;
    const a = align(a0, expected);
    if (!a) return { ok: false, detail: `f returned a value of shape ${showDims(a0)}, but ${expr} has shape ${showDims(expected)}`, entry: null, actual: showValue(a0, 17), expected: showValue(expected, 17), cause: null };
    const scale = Math.max(a.maxAbs(), expected.maxAbs());
    const agrees = (k: number, v: number): boolean => Math.abs(v - expected.data[k]!) <= atol + rtol * scale;
    let worst = -1;
    let worstDiff = -1;
    for (let k = 0; k < a.size; k++) {
      const d = Math.abs(a.data[k]! - expected.data[k]!);
      if (!agrees(k, a.data[k]!) && d > worstDiff) {
        worst = k;
        worstDiff = d;
      }
    }
    if (worst < 0) return { ok: true, detail: null, entry: null, actual: null, expected: null, cause: null };
    const index = indexOf(a, worst);
    return {
      ok: false,
      detail: `entry ${showEntry("", index) || "(the scalar)"}: f gives ${fmt(a.data[worst]!)}, ${expr} gives ${fmt(expected.data[worst]!)}`,
      entry: { index, actual: a.data[worst]!, expected: expected.data[worst]! },
      actual: showValue(a, 17),
      expected: showValue(expected, 17),
      cause: likelyCause("value", a, expected, agrees),
    };
  };

  // an expression that does not parse or whose shapes do not fit fails at once, not as a counterexample
  const arb = pointArbitrary(decls, { dims: options.dims });
  const probe = fc.sample(arb, { numRuns: 1, seed })[0]!;
  expressionAt(expr, options.let, probe);

  const out = fc.check(fc.property(arb, (p) => compare(p, true).ok), { seed, numRuns });
  if (!out.failed) return { ok: true, seed, numRuns, counterexample: null, dims: null, entry: null, actual: null, expected: null, cause: null, message: null };
  const p = out.counterexample![0] as Point;
  let c: Comparison;
  try {
    c = compare(p, false);
  } catch (e) {
    c = { ok: false, detail: `f threw: ${(e as Error).message}`, entry: null, actual: null, expected: null, cause: null };
  }
  const dims = Object.fromEntries(p.sizes);
  const lines = [`matches failed: f(values) differs from ${expr}`, `  ${c.detail ?? "mismatch"}`];
  if (c.cause) lines.push(`  likely cause: ${c.cause}`);
  if (c.actual !== null) lines.push(`  f(values) = ${c.actual}`, `  ${expr} = ${c.expected}`);
  lines.push(`  tolerance: largest difference <= rtol * largest entry + atol with rtol ${rtol}, atol ${atol}`);
  lines.push(`  shrunk counterexample (found at point ${out.numRuns}, ${out.numShrinks} shrinks):`);
  if (p.sizes.size > 0) lines.push(`    ${[...p.sizes].map(([k, v]) => `${k} = ${v}`).join(", ")}`);
  for (const d of decls) lines.push(`    ${d.name} = ${showValue(p.values.get(d.name)!, 17)}`);
  lines.push(`  seed: ${seed} (pass { seed: ${seed} } to replay)`);
  const result: MatchesResult = { ok: false, seed, numRuns, counterexample: userValues(p), dims, entry: c.entry, actual: c.actual, expected: c.expected, cause: c.cause, message: lines.join("\n") };
  if (throws) throw new MatchesError(result);
  return result;
}

/** The value of a language expression at a point (its values and dimension sizes), by derive's evaluator. */
export function expressionAt(expr: string, lets: Decls, p: Point): Tensor {
  const at: Record<string, number | unknown[]> = {};
  for (const [k, v] of p.values) at[k] = v.isScalar() ? v.data[0]! : (toNested(v) as unknown[]);
  for (const [k, v] of p.sizes) at[k] = v;
  const letList = typeof lets === "string" ? lets : Array.isArray(lets) ? [...(lets as readonly string[])] : lets;
  const r = evaluateExpression({ expr, let: letList as never, at: at as never, seed: 1 }, 1);
  if (r.error || r.value === null) throw new Error(`${expr}: ${r.error?.message ?? "no value"}`);
  return readValue(r.value, expr).tensor;
}

/** a column vector as a flat array (how `at` reads a vector), else rows */
function toNested(t: Tensor): unknown {
  if (t.shape.length === 2 && t.cols === 1) return Array.from(t.data);
  return nestedRows(t);
}

function nestedRows(t: Tensor): unknown {
  if (t.shape.length === 2) return t.toRows();
  const go = (off: number, dims: readonly number[]): unknown => {
    if (dims.length === 1) return Array.from(t.data.subarray(off, off + dims[0]!));
    const step = dims.slice(1).reduce((a, b) => a * b, 1);
    return Array.from({ length: dims[0]! }, (_, i) => go(off + i * step, dims.slice(1)));
  };
  return go(0, t.shape);
}

/** f's value with the expression's shape: a vector may come flat or as a row, a 1 x 1 as a number. */
function align(a: Tensor, e: Tensor): Tensor | null {
  if (a.shape.length === e.shape.length && a.shape.every((d, i) => d === e.shape[i])) return a;
  const vec = (t: Tensor): boolean => t.shape.length === 2 && (t.rows === 1 || t.cols === 1);
  if (a.size === e.size && vec(a) && vec(e)) return new Tensor(e.shape, a.data);
  return null;
}

const fmt = (x: number): string => String(Number(x.toPrecision(10)));
