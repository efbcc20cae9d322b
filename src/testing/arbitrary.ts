// arbitrary(decls, options): a fast-check arbitrary of named values that
// satisfy declarations written as in the language (testing.md). The
// declarations are read by the language's own parser (the one `--let` uses);
// dimensions are drawn first and shared between names; each value is built
// from small integer draws through a construction that keeps its properties
// (spd = B B'/n + I, simplex = normalised positives, orthogonal = a product of
// Householder reflections, ...), so fast-check's shrinking of the draws (towards
// 0) and of the dimensions gives smaller, rounder values that still satisfy
// them. The checker's own property test (numeric/properties.ts) and its
// conditioning bound (numeric/sampler.ts) are the final word on every value.

import fc from "fast-check";
import { DeriveError } from "../core/errors.js";
import { dimNames, dimsOf, dimSize, isScalar, isVector } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Declaration, Interval, Property } from "../core/typed.js";
import { cond1 } from "../core/linalg.js";
import { matmul, transpose } from "../core/kernels.js";
import { holds } from "../numeric/properties.js";
import { maxCond, symmetrize } from "../numeric/sampler.js";
import { Scope } from "../parse/scope.js";
import { type As, formOf, present, type Form } from "./values.js";

/** Declarations: `"X: n x m; A: n x n spd"`, a list of such strings, or `{ X: "n x m", A: "n x n spd" }`. */
export type Decls = string | readonly string[] | Readonly<Record<string, string>>;

export interface ArbitraryOptions {
  /** fix a dimension (`{ n: 3 }`) or bound it (`{ n: [1, 6] }`); unlisted dimensions take 1 to 5 */
  dims?: Readonly<Record<string, number | readonly [number, number]>>;
  /** how values reach user code: nested arrays (default), `tensor` (Float64Array + shape) or `mathjs` matrices */
  as?: As;
}

/** Default bounds of a dimension that options.dims does not mention. */
export const DEFAULT_DIMS: readonly [number, number] = [1, 5];

/** A point of the kit: sizes of the dimensions and a Tensor per declared name. */
export interface Point {
  readonly sizes: ReadonlyMap<string, number>;
  readonly values: ReadonlyMap<string, Tensor>;
}

export type Kind = "scalar" | "vector" | "matrix";
/** How a declared name is handed to user code: a number, a flat array, nested arrays. */
export const kindOf = (d: Declaration): Kind => (isScalar(d.shape) ? "scalar" : isVector(d.shape) ? "vector" : "matrix");

/** The declarations, parsed as `--let` parses them (errors carry the position in the text). */
export function parseDecls(decls: Decls): Declaration[] {
  const list = typeof decls === "string" ? [decls] : Array.isArray(decls) ? [...(decls as readonly string[])] : Object.entries(decls as Record<string, string>).map(([k, v]) => `${k}: ${v}`);
  const scope = Scope.parse(list);
  const out = [...scope.decls.values()];
  for (const d of out) {
    if (d.distribution) throw new DeriveError("declaration", `${d.name} is a random variable (~ ${d.distribution.kind}); arbitrary() draws values for shapes and properties only`, null, `let "${d.origin}"`);
  }
  return out;
}

/** The values as user code receives them, in `as` form. */
export function present1(decls: readonly Declaration[], p: Point, as: As = "array"): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of decls) out[d.name] = present(p.values.get(d.name)!, kindOf(d), as);
  return out;
}

/** The form of each generated name, to hand perturbed copies back the same way. */
export function formsOf(decls: readonly Declaration[], as: As = "array"): Map<string, Form> {
  return new Map(decls.map((d) => [d.name, formOf(kindOf(d), as)]));
}

/** A fast-check arbitrary of `{ name: value }` satisfying the declarations. */
export function arbitrary(decls: Decls, options: ArbitraryOptions = {}): fc.Arbitrary<Record<string, any>> {
  const ds = parseDecls(decls);
  return pointArbitrary(ds, options).map((p) => present1(ds, p, options.as ?? "array"));
}

/** The same, as the kit's internal points (Tensors and dimension sizes). */
export function pointArbitrary(decls: readonly Declaration[], options: ArbitraryOptions = {}): fc.Arbitrary<Point> {
  const names = [...new Set(decls.flatMap((d) => dimsOf(d.shape).flatMap((x) => (typeof x === "string" ? dimNames(x) : []))))];
  const given = options.dims ?? {};
  for (const k of Object.keys(given)) {
    if (!names.includes(k)) throw new Error(`options.dims: ${k} is not a dimension of the declarations (they use ${names.length ? names.join(", ") : "none"})`);
  }
  const dimArbs: Record<string, fc.Arbitrary<number>> = {};
  for (const n of names) {
    const g = given[n];
    const [lo, hi] = g === undefined ? DEFAULT_DIMS : typeof g === "number" ? [g, g] : g;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) throw new Error(`options.dims.${n}: a size is a positive integer or [min, max] with 1 <= min <= max, not ${JSON.stringify(g)}`);
    dimArbs[n] = lo === hi ? fc.constant(lo) : fc.integer({ min: lo, max: hi });
  }
  return fc.record(dimArbs).chain((dims) => {
    const sizes = new Map(Object.entries(dims));
    return fc.tuple(...decls.map((d) => valueArbitrary(d, sizes))).map((vs) => ({ sizes, values: new Map(decls.map((d, i) => [d.name, vs[i]!])) }) as Point);
  });
}

// The underlying draws: small integers, mapped to round entries (hundredths).
// An entry is an integer part and hundredths, drawn hundredths first so that
// fast-check shrinks them first: an entry that must stay nonzero shrinks to
// 1 rather than to 0.01 (gradients of a size one can read, far above atol).
/** any sign, in (-4, 4); shrinks to 0, then to ±1 */
const free = fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -3, max: 3 })).map(([c, i]) => i + c / 100);
/** in [0.1, 3]; shrinks to 1 */
const positive = fc.integer({ min: -90, max: 200 }).map((k) => 1 + k / 100);
/** in [0, 4); shrinks to 0, then to 1 */
const nonnegative = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 3 })).map(([c, i]) => i + c / 100);
const sign = fc.boolean().map((b) => (b ? -1 : 1));

/** Entries inside a declared interval on a grid of 100 steps; shrinks to the lower end (or the integer nearest it). */
function insideInterval(iv: Interval, integer: boolean): fc.Arbitrary<number> {
  if (integer) {
    const lo = iv.loOpen && Number.isInteger(iv.lo) ? iv.lo + 1 : Math.ceil(iv.lo);
    const hi = iv.hiOpen && Number.isInteger(iv.hi) ? iv.hi - 1 : Math.floor(iv.hi);
    if (lo > hi) throw new Error(`no integer lies in the interval ${iv.loOpen ? "(" : "["}${iv.lo}, ${iv.hi}${iv.hiOpen ? ")" : "]"}`);
    return fc.integer({ min: lo, max: hi });
  }
  const steps = 100;
  return fc.integer({ min: iv.loOpen ? 1 : 0, max: iv.hiOpen ? steps - 1 : steps }).map((k) => (k === steps ? iv.hi : iv.lo + ((iv.hi - iv.lo) * k) / steps));
}

const entries = (g: fc.Arbitrary<number>, n: number): fc.Arbitrary<number[]> => fc.array(g, { minLength: n, maxLength: n });

function valueArbitrary(d: Declaration, sizes: ReadonlyMap<string, number>): fc.Arbitrary<Tensor> {
  const full = dimsOf(d.shape).map((x) => dimSize(x, sizes));
  const rows = full[full.length - 2]!;
  const cols = full[full.length - 1]!;
  const size = full.reduce((a, b) => a * b, 1);
  const props = d.properties;
  const has = (p: Property): boolean => props.includes(p);
  const keep = (t: Tensor): boolean => t.allFinite() && props.every((p) => holds(p, t, props)) && (!has("invertible") || cond1(t) <= maxCond(t.rows));
  const build = (): fc.Arbitrary<Tensor> => {
    if (d.shape.lead) {
      const g = d.interval ? insideInterval(d.interval, false) : has("positive") ? positive : has("nonnegative") ? nonnegative : free;
      return entries(g, size).map((v) => new Tensor(full, Float64Array.from(v)));
    }
    if (d.interval) {
      const g = insideInterval(d.interval, has("integer"));
      if (has("diagonal")) return entries(g, rows).map((v) => diag(v));
      const m = entries(g, rows * cols).map((v) => mat(rows, cols, v));
      return has("symmetric") ? m.map(symmetrize) : m;
    }
    if (has("integer")) return fc.integer({ min: 1, max: 5 }).map((k) => Tensor.scalar(k));
    if (has("onehot")) return fc.integer({ min: 0, max: rows - 1 }).map((i) => {
      const t = Tensor.zeros(rows, 1);
      t.data[i] = 1;
      return t;
    });
    if (has("simplex")) return entries(positive, rows).map((w) => {
      const s = w.reduce((a, b) => a + b, 0);
      return new Tensor([rows, 1], Float64Array.from(w, (x) => x / s));
    });
    if (has("orthogonal")) {
      const n = rows;
      if (has("diagonal")) return entries(sign, n).map((s) => diag(s));
      const q = entries(free, n * n).map((v) => householder(n, v));
      // orthogonal and symmetric: Q diag(±1) Q'
      if (has("symmetric")) return fc.tuple(q, entries(sign, n)).map(([qq, s]) => symmetrize(matmul(matmul(qq, diag(s)), transpose(qq))));
      return q;
    }
    if (has("spd")) {
      const n = rows;
      if (has("diagonal")) return entries(positive, n).map((v) => diag(v));
      const signed = has("positive") || has("nonnegative");
      // B B'/n + I: eigenvalues in [1, 1 + 16n], well conditioned, shrinks to I;
      // a positive spd matrix adds 0.1 * ones (positive semidefinite) so that no entry is 0
      return entries(signed ? nonnegative : free, n * n).map((v) => {
        const b = mat(n, n, v);
        const s = matmul(b, transpose(b)).map((x) => x / n + (has("positive") ? 0.1 : 0));
        for (let i = 0; i < n; i++) s.data[i * n + i] = s.data[i * n + i]! + 1;
        return symmetrize(s);
      });
    }
    const g = has("positive") ? positive : has("nonnegative") ? nonnegative : free;
    if (has("diagonal")) {
      if (has("invertible") && !has("positive")) return fc.tuple(entries(positive, rows), entries(sign, rows)).map(([v, s]) => diag(v.map((x, i) => x * s[i]!)));
      return entries(g, rows).map((v) => diag(v));
    }
    let m = entries(g, rows * cols).map((v) => mat(rows, cols, v));
    if (has("symmetric")) m = m.map(symmetrize);
    if (has("invertible")) {
      // V + c I with |c| in [1, 3]: shrinks to ±I; a positive V keeps c > 0 (its entries stay positive).
      // Beyond size 5 the eigenvalues of V spread like sqrt(n): V is divided by 2 ceil(sqrt(n)) (radius
      // about 2.3 even when symmetric) and |c| is 2 more, so the draw stays well conditioned and is
      // not rejected over and over (the sampler's `shifted` does the same for the checker)
      const keepSign = has("positive") || has("nonnegative");
      const big = rows > 5;
      const div = big ? 2 * Math.ceil(Math.sqrt(rows)) : 1;
      const shift = fc.tuple(fc.integer({ min: 0, max: 200 }).map((k) => (big ? 3 : 1) + k / 100), keepSign ? fc.constant(1) : sign).map(([c, s]) => c * s);
      return fc.tuple(m, shift).map(([v, c]) => {
        const out = v.map((x) => x / div);
        for (let i = 0; i < rows; i++) out.data[i * rows + i] = out.data[i * rows + i]! + c;
        return out;
      });
    }
    return m;
  };
  // fast-check retries a filter forever: properties that conflict (`orthogonal positive`)
  // end, as in the checker's sampler, in an error after many rejections in a row
  let rejected = 0;
  return build().filter((t) => {
    if (keep(t)) {
      rejected = 0;
      return true;
    }
    if (++rejected >= MAX_REJECTED) {
      rejected = 0;
      throw new DeriveError("sample", `no valid value could be drawn for ${d.name} (${props.join(" ")}) at size ${full.join(" x ")}: the properties may conflict`);
    }
    return false;
  });
}

/** rejections in a row after which a declaration is taken to be unsatisfiable */
const MAX_REJECTED = 2000;

const mat = (rows: number, cols: number, v: readonly number[]): Tensor => new Tensor([rows, cols], Float64Array.from(v));

function diag(v: readonly number[]): Tensor {
  const n = v.length;
  const t = Tensor.zeros(n, n);
  for (let i = 0; i < n; i++) t.data[i * n + i] = v[i]!;
  return t;
}

/**
 * An orthogonal matrix as the product of the Householder reflections
 * I - 2 v v' / (v'v) of the n columns v of a draw (a zero column is skipped):
 * any orthogonal matrix is such a product, and the draws shrinking to 0 give I.
 */
function householder(n: number, v: readonly number[]): Tensor {
  let q = Tensor.eye(n);
  for (let c = 0; c < n; c++) {
    const col = Array.from({ length: n }, (_, i) => v[i * n + c]!);
    const vv = col.reduce((a, x) => a + x * x, 0);
    if (vv < 1e-12) continue;
    // q := q (I - 2 v v'/vv)
    const qv = Array.from({ length: n }, (_, i) => col.reduce((a, x, j) => a + q.data[i * n + j]! * x, 0));
    const next = q.data.slice();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) next[i * n + j] = next[i * n + j]! - (2 * qv[i]! * col[j]!) / vv;
    q = new Tensor([n, n], next);
  }
  return q;
}
