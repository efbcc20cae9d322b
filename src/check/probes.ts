// Structured probe values for the adversarial search of inequalities
// (./adversarial.ts). Random draws rarely land where a bound is tight: at
// x = ones (where sum(abs(x)) = sqrt(n) * norm(x)), at A = -I (where a
// symmetric matrix that is not spd breaks x' * A * x >= 0), at a rank-one or
// nearly singular matrix, at 0 or just beside a kink. Each name gets a fixed
// list of such values at the given sizes; only those that satisfy every
// declared property and interval (numeric/properties.ts holds()) are kept, so
// a probe is always a legal point of the claim.

import { concreteDims } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Declaration, Interval, Property } from "../core/typed.js";
import { cond1 } from "../core/linalg.js";
import { holds } from "../numeric/properties.js";
import { MAX_COND } from "../numeric/sampler.js";

export interface Probe {
  readonly value: Tensor;
  /**
   * Far from the usual scale (1e3, 1e-3, 1e-9): a strict inequality met with
   * equality within rounding here is float64 saturation, not a counterexample
   * (the same rule as for wide samples, see confirm() in claim.ts).
   */
  readonly extreme: boolean;
}

/** Scales that stay inside what float64 and saturating functions handle (see WIDE_MAX in numeric/sampler.ts). */
const LARGE = 1e3;
const TINY = 1e-3;
/** beside a kink of abs, relu, sign, step at 0 */
const KINK = 1e-9;

/** Probe values of a declared name (or an undeclared scalar) at the given sizes, each legal. */
export function probesFor(decl: Declaration | undefined, sizes: ReadonlyMap<string, number>): Probe[] {
  const dims = decl ? concreteDims(decl.shape, sizes) : [1, 1];
  const props = decl?.properties ?? [];
  const rows = dims.length > 2 ? dims.slice(0, -1).reduce((a, b) => a * b, 1) : dims[0]!;
  const cols = dims[dims.length - 1]!;
  const out: Probe[] = [];
  const seen = new Set<string>();
  const add = (data: Float64Array, extreme = false): void => {
    const value = new Tensor(dims, data);
    const key = Array.from(data).join(",");
    if (seen.has(key) || !legal(value, props, decl?.interval)) return;
    seen.add(key);
    out.push({ value, extreme });
  };
  if (props.includes("integer")) {
    // `integer` means the counts the sampler draws (1, 2): larger ones break "holds for small k"
    for (const k of [1, 2, 3, 10, 50]) add(Float64Array.of(k));
    if (decl?.interval) for (const [k] of intervalPoints(decl.interval)) if (Number.isInteger(k)) add(Float64Array.of(k));
    return out;
  }
  for (const [data, extreme] of entrywise(rows * cols)) add(data, extreme);
  if (rows === cols && dims.length === 2 && rows > 1) for (const [data, extreme] of squares(rows)) add(data, extreme);
  if (cols === 1 && rows > 1) for (const data of simplexPoints(rows)) add(data);
  if (decl?.interval) {
    for (const [c, extreme] of intervalPoints(decl.interval)) {
      add(new Float64Array(rows * cols).fill(c), extreme);
      if (rows === cols && dims.length === 2 && rows > 1) add(diag(rows, () => c), extreme);
    }
  }
  return out;
}

/** Whether a value satisfies its declared properties and interval (an invertible one also the sampler's condition bound). */
export function legal(v: Tensor, props: readonly Property[], iv: Interval | undefined): boolean {
  if (!v.allFinite() || !props.every((p) => holds(p, v, props))) return false;
  if (props.includes("invertible") && cond1(v) > MAX_COND) return false;
  if (!iv) return true;
  const off = props.includes("diagonal") ? (k: number): boolean => k % (v.rows + 1) !== 0 : (): boolean => false;
  return Array.from(v.data).every((x, k) => off(k) || ((iv.loOpen ? x > iv.lo : x >= iv.lo) && (iv.hiOpen ? x < iv.hi : x <= iv.hi)));
}

/**
 * The ends of an interval that belong to it, the middle, points a tenth in
 * from each end, and points just inside each end (extreme: b^n for b = 1e-6
 * underflows, so `1 - b^n < 1` is met with equality there only by rounding).
 */
function intervalPoints(iv: Interval): [number, boolean][] {
  const w = iv.hi - iv.lo;
  const pts: [number, boolean][] = [[iv.lo + w / 2, false], [iv.lo + 0.1 * w, false], [iv.hi - 0.1 * w, false], [iv.lo + 1e-6 * w, true], [iv.hi - 1e-6 * w, true]];
  if (!iv.loOpen) pts.push([iv.lo, false]);
  if (!iv.hiOpen) pts.push([iv.hi, false]);
  return pts;
}

/** Patterns for any shape, on the flat entries: constants at several scales, one-hot, e1 - e2, one dominant entry, alternating signs. */
function* entrywise(n: number): Generator<[Float64Array, boolean]> {
  const fill = (f: (k: number) => number): Float64Array => Float64Array.from({ length: n }, (_, k) => f(k));
  yield [fill(() => 0), false];
  for (const c of [1, -1, 2, -2, 0.5, -0.5]) yield [fill(() => c), false];
  for (const c of [LARGE, -LARGE, TINY, -TINY, KINK, -KINK]) yield [fill(() => c), true];
  if (n === 1) {
    for (const c of [10, -10, 0.1, -0.1, 3, -3]) yield [fill(() => c), false];
    return;
  }
  yield [fill((k) => (k === 0 ? 1 : 0)), false];
  yield [fill((k) => (k === 0 ? -1 : 0)), false];
  yield [fill((k) => (k === n - 1 ? 1 : 0)), false];
  yield [fill((k) => (k === 0 ? 1 : k === 1 ? -1 : 0)), false];
  yield [fill((k) => (k % 2 === 0 ? 1 : -1)), false];
  yield [fill((k) => k + 1), false];
  // 100 against 1 saturates softmax in float64 (exp(-99) is below rounding of 1): extreme
  yield [fill((k) => (k === 0 ? 100 : 1)), true];
  yield [fill((k) => (k === 0 ? LARGE : 1)), true];
  yield [fill((k) => (k === 0 ? 1 : TINY)), true];
  yield [fill((k) => (k === 0 ? TINY : 1)), true];
  yield [fill((k) => (k === 0 ? LARGE : 0)), true];
  yield [fill((k) => (k === 0 ? KINK : 0)), true];
}

/**
 * Square matrices: the identity and its multiples, rank one (u u', and u u' +
 * eps I, which is spd), a dominant or a tiny eigenvalue (nearly singular), an
 * indefinite diagonal, a permutation, a rotation, a reflection, a nilpotent
 * shift. Which of them a declaration admits is left to the filter.
 */
function* squares(n: number): Generator<[Float64Array, boolean]> {
  const at = (f: (i: number, j: number) => number): Float64Array => {
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = f(i, j);
    return d;
  };
  const eye = (i: number, j: number): number => (i === j ? 1 : 0);
  for (const c of [1, -1, 2, 0.5]) yield [at((i, j) => c * eye(i, j)), false];
  for (const c of [LARGE, TINY, -LARGE]) yield [at((i, j) => c * eye(i, j)), true];
  yield [at((i, j) => 1 + 1e-3 * eye(i, j)), false];
  yield [at((i, j) => -1 - 1e-3 * eye(i, j)), false];
  yield [at((i, j) => (i + 1) * (j + 1) / n + 1e-3 * eye(i, j)), false];
  yield [at((i, j) => (i === j ? (i === 0 ? 100 : 1) : 0)), true];
  yield [at((i, j) => (i === j ? (i === 0 ? LARGE : 1) : 0)), true];
  yield [at((i, j) => (i === j ? (i === n - 1 ? 1e-4 : 1) : 0)), true];
  yield [at((i, j) => (i === j ? (i % 2 === 0 ? 1 : -1) : 0)), false];
  yield [at((i, j) => (i === j ? (i === 0 ? -1 : 1) : 0)), false];
  yield [at((i, j) => (i === j ? i + 1 : 0)), false];
  yield [at((i, j) => (i === j && i > 0 ? 1 : 0)), false];
  yield [at((i, j) => eye(i, j) - 1), false];
  yield [at((i, j) => ((i + 1) % n === j ? 1 : 0)), false];
  yield [at((i, j) => (i < 2 && j < 2 ? (i === j ? 0 : i === 0 ? -1 : 1) : eye(i, j))), false];
  yield [at((i, j) => eye(i, j) - 2 / n), false];
  yield [at((i, j) => (j === i + 1 ? 1 : 0)), false];
  yield [at((i, j) => (j === i + 1 ? 1 : eye(i, j))), false];
}

/** A simplex's centre, a point near a vertex, and one on an edge (the sampler's softmax draws stay inside). */
function* simplexPoints(n: number): Generator<Float64Array> {
  yield new Float64Array(n).fill(1 / n);
  const eps = 1e-6;
  yield Float64Array.from({ length: n }, (_, k) => (k === 0 ? 1 - (n - 1) * eps : eps));
  yield Float64Array.from({ length: n }, (_, k) => (k < 2 ? (1 - (n - 2) * eps) / 2 : eps));
}

function diag(n: number, f: (i: number) => number): Float64Array {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = f(i);
  return d;
}
