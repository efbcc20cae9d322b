// Property-aware random samples (language.md, "Sampling and tolerance").
// Dimension names take distinct sizes from 2 to 5 (the first sample >= 3
// only); values respect the declared properties; a draw that cannot satisfy
// them is retried, and a declaration that can never be satisfied is an error.

import { DeriveError } from "../core/errors.js";
import { concreteDims, dimSize } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Declaration, Interval, Property } from "../core/typed.js";
import { matmul, transpose } from "../core/kernels.js";
import { cond1, randomOrthogonalFrom } from "../core/linalg.js";
import { softmax } from "../core/stable.js";
import { holds } from "./properties.js";
import type { Random } from "./random.js";

/**
 * Condition number (1-norm) above which an `invertible` draw is rejected at
 * sizes up to 5 (keeps inverses accurate).
 */
export const MAX_COND = 1e3;
/**
 * The bound at size n: a random n x n matrix's 1-norm condition number grows
 * about like n^2, so a fixed 1e3 made `X: 100 x 100 invertible` impossible.
 * At n = 100 it is 4e5: an inverse still has ~1e-11 relative error, far
 * inside the 1e-6 tolerance.
 */
export const maxCond = (n: number): number => MAX_COND * Math.max(1, n / 5) ** 2;
const MAX_TRIES = 200;

/**
 * Distinct sizes for the dimension names. `first`: only sizes >= 3. When there
 * are more names than sizes in range, the range grows (distinctness matters
 * more: `n x m` with n = m would hide a transposition).
 */
export function drawSizes(names: readonly string[], minDims: ReadonlyMap<string, number>, rng: Random, first: boolean): Map<string, number> {
  const lo = first ? 3 : 2;
  const hi = Math.max(5, lo + names.length - 1);
  const pool = rng.shuffle(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
  const sizes = new Map<string, number>();
  const used = new Set<number>();
  for (const name of names) {
    const min = minDims.get(name) ?? 1;
    let pick = pool.find((s) => s >= min && !used.has(s));
    if (pick === undefined) {
      pick = Math.max(min, hi + 1);
      while (used.has(pick)) pick++;
    }
    used.add(pick);
    sizes.set(name, pick);
  }
  return sizes;
}

/**
 * A value for a declared name under the given sizes. `variant` varies edge
 * cases (zeros for nonnegative). `wide` spreads values over a much larger
 * range (magnitudes up to 15, positive ones from 0.002):
 * inequality claims use it on every other sample, so that `A <= 2` for a
 * positive A is not verified just because the usual draws stay small.
 */
export function drawValue(decl: Declaration, sizes: ReadonlyMap<string, number>, rng: Random, variant = 0, wide = false): Tensor {
  // a rank > 2 tensor (entry properties only) is drawn as a stack of its rows x cols slices
  const stack = (decl.shape.lead ?? []).reduce<number>((p, d) => p * dimSize(d, sizes), 1);
  const rows = stack * dimSize(decl.shape.rows, sizes);
  const cols = dimSize(decl.shape.cols, sizes);
  const props = decl.properties;
  if (decl.shape.lead) {
    const full = concreteDims(decl.shape, sizes);
    return new Tensor(full, drawValue({ ...decl, shape: { rows, cols } }, sizes, rng, variant, wide).data);
  }
  for (let t = 0; t < MAX_TRIES; t++) {
    const v = decl.interval ? inside(decl.interval, rows, cols, props, rng, variant) : candidate(rows, cols, props, rng, variant, wide, t);
    if (v && v.allFinite() && props.every((p) => holds(p, v, props))) return v;
  }
  throw new DeriveError("sample", `no valid sample could be drawn for ${decl.name} (${props.join(" ")}): the properties may conflict`);
}

/**
 * Wide draws reach magnitudes up to 15: large enough that a bound
 * holding only for small values fails, small enough that exp(-t) and
 * tanh(t) or sigmoid(t) do not saturate in float64 (which would refute
 * `tanh(t)^2 < 1`; a strict bound met with equality at a wide sample is
 * also not counted, see claim.ts).
 */
const WIDE_MAX = 15;
const logUniform = (rng: Random, lo: number, hi: number): number => Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
/** magnitudes: log-uniform over the whole range, or near its top, or near its bottom */
const wideMagnitude = (rng: Random, lo: number): number => {
  const u = rng.float();
  if (u < 0.4) return logUniform(rng, lo, WIDE_MAX);
  if (u < 0.7) return rng.uniform(WIDE_MAX / 3, WIDE_MAX);
  return logUniform(rng, lo, 10 * lo);
};
const wideSigned = (rng: Random): number => (rng.float() < 0.5 ? -1 : 1) * wideMagnitude(rng, 0.01);

/** A scalar drawn for an undeclared name: standard normal, or wide. */
export function drawScalar(rng: Random, wide = false): Tensor {
  return Tensor.scalar(wide ? wideSigned(rng) : rng.normal());
}

function candidate(rows: number, cols: number, props: readonly Property[], rng: Random, variant: number, wide: boolean, attempt = 0): Tensor | null {
  const has = (p: Property): boolean => props.includes(p);
  if (has("integer")) return Tensor.scalar(rng.int(1, 2));
  if (has("onehot")) {
    const t = Tensor.zeros(rows, cols);
    t.data[rng.int(0, rows - 1)] = 1;
    return t;
  }
  if (has("simplex")) return softmax(fill(rows, 1, () => rng.normal()));
  if (has("orthogonal")) {
    const sign = (): number => (rng.float() < 0.5 ? -1 : 1);
    // the orthogonal matrices that are also diagonal are diag(±1); also symmetric: Q diag(±1) Q'
    if (has("diagonal")) return diagonal(rows, sign);
    const q = randomOrthogonalFrom(fill(rows, rows, () => rng.normal()));
    if (!has("symmetric")) return q;
    const d = diagonal(rows, sign);
    return symmetrize(matmul(matmul(q, d), transpose(q)));
  }
  if (has("spd")) {
    if (has("diagonal")) return diagonal(rows, () => rng.uniform(0.5, 2));
    // B B' / n + I/2: eigenvalues in about [0.5, 4.5], so the condition number is bounded
    // nonnegative entries in B make B B' entrywise positive too (spd positive / nonnegative)
    const b = fill(rows, rows, has("positive") || has("nonnegative") ? () => rng.uniform(0, 1) : () => rng.normal());
    const s = matmul(b, transpose(b)).map((x) => x / rows);
    for (let i = 0; i < rows; i++) s.data[i * rows + i] = s.data[i * rows + i]! + 0.5;
    // a positive scale keeps it spd (and its condition number)
    if (!wide) return s;
    const c = logUniform(rng, 0.01, 10); // one factor for the whole matrix
    return s.map((x) => x * c);
  }
  const logNormal = (): number => wideMagnitude(rng, 0.002);
  const entry = has("positive")
    ? wide
      ? logNormal
      : () => rng.uniform(0.2, 2)
    : has("nonnegative")
      ? () => (variant % 2 === 1 && rng.float() < 0.25 ? 0 : wide ? logNormal() : rng.uniform(0, 2))
      : has("invertible") && has("diagonal")
        ? () => (rng.float() < 0.5 ? -1 : 1) * (wide ? logNormal() : rng.uniform(0.3, 2))
        : () => (wide ? wideSigned(rng) : rng.normal());
  let v = has("diagonal") ? diagonal(rows, entry) : fill(rows, cols, entry);
  if (has("symmetric") && !has("diagonal")) v = symmetrize(v);
  if (has("invertible") && !has("diagonal")) {
    // beyond size 8, every other attempt (and every one after the tenth) is built well
    // conditioned, so any declared size can be drawn (a plain draw is kept when it passes)
    if (attempt >= 10 || (rows > 8 && attempt % 2 === 1)) v = shifted(v, has("positive") || has("nonnegative"), rng);
    if (cond1(v) > maxCond(rows)) return null;
  }
  return v;
}

/**
 * A well-conditioned invertible matrix from a draw V of the same kind:
 * V / (scale sqrt(n)) + c I with |c| in [2, 3]. The eigenvalues of the scaled
 * part lie in a disc of radius about 1.5 (a symmetric V's on an interval of
 * that half-length), so the shift keeps them away from 0; a positive V keeps
 * its positive entries (c > 0, and its large Perron eigenvalue only grows).
 * Symmetry, positivity and nonnegativity of V are kept.
 */
function shifted(v: Tensor, keepSign: boolean, rng: Random): Tensor {
  const n = v.rows;
  const scale = Math.max(1e-300, v.maxAbs()) * Math.sqrt(n);
  const c = (keepSign || rng.float() < 0.5 ? 1 : -1) * rng.uniform(2, 3);
  const out = v.map((x) => x / scale);
  for (let i = 0; i < n; i++) out.data[i * n + i] = out.data[i * n + i]! + c;
  return out;
}

/**
 * Entries drawn uniformly inside a declared interval (`b: scalar in (0, 1)`);
 * an integer takes a uniform integer in it. Wide draws do not apply: the
 * interval is what the author assumed. Other properties are checked after.
 */
function inside(iv: Interval, rows: number, cols: number, props: readonly Property[], rng: Random, variant: number): Tensor | null {
  const integer = props.includes("integer");
  // A closed end is itself drawn: `b < 1` must fail for b in (0, 1]. The
  // normal-sized draws of an inequality (variant % 3 === 0, see claim.ts)
  // take the ends in turn, so a strict bound is always tried at them.
  const turn = variant % 3 === 0 ? (variant / 3) % 3 : 0;
  const entry = (): number => {
    if (integer) return turn === 1 ? Math.ceil(iv.lo) : turn === 2 ? Math.floor(iv.hi) : rng.int(Math.ceil(iv.lo), Math.floor(iv.hi));
    if (turn === 1 && !iv.loOpen) return iv.lo;
    if (turn === 2 && !iv.hiOpen) return iv.hi;
    const u = rng.float();
    if (!iv.loOpen && u < 0.1) return iv.lo;
    if (!iv.hiOpen && u > 0.9) return iv.hi;
    return rng.uniform(iv.lo, iv.hi);
  };
  let v = props.includes("diagonal") ? diagonal(rows, entry) : fill(rows, cols, entry);
  if (props.includes("symmetric") && !props.includes("diagonal")) v = symmetrize(v);
  const off = props.includes("diagonal") ? (k: number): boolean => k % (rows + 1) !== 0 : (): boolean => false;
  for (let k = 0; k < v.data.length; k++) if (!off(k) && !inInterval(iv, v.data[k]!)) return null;
  return v;
}

const inInterval = (i: Interval, x: number): boolean => (i.loOpen ? x > i.lo : x >= i.lo) && (i.hiOpen ? x < i.hi : x <= i.hi);

function fill(rows: number, cols: number, f: () => number): Tensor {
  const t = Tensor.zeros(rows, cols);
  for (let k = 0; k < t.data.length; k++) t.data[k] = f();
  return t;
}

function diagonal(n: number, f: () => number): Tensor {
  const t = Tensor.zeros(n, n);
  for (let i = 0; i < n; i++) t.data[i * n + i] = f();
  return t;
}

/** (A + Aᵀ) / 2, entry by entry (shared with testing/arbitrary.ts). */
export function symmetrize(a: Tensor): Tensor {
  const n = a.rows;
  const t = Tensor.zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t.data[i * n + j] = (a.data[i * n + j]! + a.data[j * n + i]!) / 2;
  return t;
}

/**
 * Whether a value is one the sampler could have drawn for a declaration: every
 * property holds, the entries are inside a declared interval, and an
 * invertible matrix is as well conditioned as a draw (so inverses stay
 * accurate). Used by check/shrink.ts to keep a simplified counterexample
 * inside what the author declared.
 */
export function satisfiesDeclaration(decl: Declaration, v: Tensor): boolean {
  if (!v.allFinite()) return false;
  const props = decl.properties;
  if (!props.every((p) => holds(p, v, props))) return false;
  if (props.includes("invertible") && !props.includes("diagonal") && !props.includes("orthogonal") && cond1(v) > maxCond(v.rows)) return false;
  if (decl.interval) {
    const n = v.rows;
    const diag = props.includes("diagonal");
    for (let k = 0; k < v.data.length; k++) if ((!diag || k % (n + 1) === 0) && !inInterval(decl.interval, v.data[k]!)) return false;
  }
  return true;
}
