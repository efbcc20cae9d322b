// Rigorous interval arithmetic with outward rounding, for the proofs of claims
// about given numbers that use exp, log, sqrt, sigmoid, tanh, softplus
// (src/numeric/enclose.ts): an interval [lo, hi] of doubles always contains
// the true real value of the expression it stands for.
//
// How each bound stays on the safe side:
// - + - * / and sqrt are correctly rounded in IEEE 754 (the result is the
//   double nearest the real one), so the real result lies within one ulp of
//   the computed one: each bound is moved one ulp outwards.
// - Math.exp, Math.log, Math.log1p, Math.expm1, Math.tanh are not correctly
//   rounded in V8; they are fdlibm ports whose documented error is below 1 ulp.
//   Each bound is moved TRANSCENDENTAL_ULPS = 4 ulps outwards, four times that
//   bound, and these functions are monotone, so the interval of f over [lo, hi]
//   is [f(lo), f(hi)] (or the reverse) widened.
// - A rational (a decimal literal) becomes the nearest double widened until an
//   exact comparison confirms lo <= r <= hi (fromRational).
// Anything that cannot be bounded (log of an interval reaching 0, a division
// by an interval containing 0, an overflow) throws Undecided: the claim is then
// left to sampling, as before. An interval never refutes anything.

import { Rational } from "./rational.js";

/**
 * The interval cannot be computed or is unbounded: the claim is left to the
 * sampling check. It is always caught inside the engine and its stack is never
 * shown, so it is built without one: capturing a stack costs microseconds, and
 * an identity's field (numeric/atoms.ts) used to throw this hundreds of
 * thousands of times in one claim (a third of `derive check`'s time).
 */
export class Undecided extends Error {
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export const TRANSCENDENTAL_ULPS = 4;

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The next double above x (x finite or -Infinity). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] += x > 0 ? 1n : -1n;
  return f64[0];
}

export function nextDown(x: number): number {
  return -nextUp(-x);
}

function down(x: number, ulps = 1): number {
  for (let k = 0; k < ulps; k++) x = nextDown(x);
  return x;
}

function up(x: number, ulps = 1): number {
  for (let k = 0; k < ulps; k++) x = nextUp(x);
  return x;
}

/** An interval from bounds computed with rounding (each moved `ulps` outwards); NaN or an infinite bound is Undecided. */
export function widened(lo: number, hi: number, ulps = 1): Interval {
  const r = { lo: down(lo, ulps), hi: up(hi, ulps) };
  if (!(Number.isFinite(r.lo) && Number.isFinite(r.hi)) || r.lo > r.hi) throw new Undecided("a bound is not finite");
  return r;
}

export function point(x: number): Interval {
  if (!Number.isFinite(x)) throw new Undecided("not finite");
  return { lo: x, hi: x };
}

/** The tightest interval of doubles around an exact rational that provably contains it. */
export function fromRational(r: Rational): Interval {
  const x = r.toNumber();
  if (!Number.isFinite(x)) throw new Undecided("too large for a double");
  let lo = x;
  let hi = x;
  for (let k = 0; k < 8 && Rational.ofDouble(lo)!.cmp(r) > 0; k++) lo = nextDown(lo);
  for (let k = 0; k < 8 && Rational.ofDouble(hi)!.cmp(r) < 0; k++) hi = nextUp(hi);
  if (Rational.ofDouble(lo)!.cmp(r) > 0 || Rational.ofDouble(hi)!.cmp(r) < 0) throw new Undecided("cannot bound a rational");
  return { lo, hi };
}

export function add(a: Interval, b: Interval): Interval {
  return widened(a.lo + b.lo, a.hi + b.hi);
}

export function sub(a: Interval, b: Interval): Interval {
  return widened(a.lo - b.hi, a.hi - b.lo);
}

export function neg(a: Interval): Interval {
  return { lo: -a.hi, hi: -a.lo };
}

export function mul(a: Interval, b: Interval): Interval {
  const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  if (p.some(Number.isNaN)) throw new Undecided("0 * infinity");
  return widened(Math.min(...p), Math.max(...p));
}

export function div(a: Interval, b: Interval): Interval {
  if (b.lo <= 0 && b.hi >= 0) throw new Undecided("division by an interval that contains 0");
  const q = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi];
  return widened(Math.min(...q), Math.max(...q));
}

/** a^k for an integer k; an even power of an interval around 0 starts at 0. */
export function powInt(a: Interval, k: number): Interval {
  if (k === 0) return { lo: 1, hi: 1 };
  if (k < 0) return div({ lo: 1, hi: 1 }, powInt(a, -k));
  if (k % 2 === 0) a = abs(a);
  // repeated multiplication: each step rounds outwards
  let r = a;
  for (let i = 1; i < k; i++) r = mul(r, a);
  return r;
}

export function abs(a: Interval): Interval {
  if (a.lo >= 0) return a;
  if (a.hi <= 0) return neg(a);
  return { lo: 0, hi: Math.max(-a.lo, a.hi) };
}

/** A monotone increasing transcendental f over [lo, hi]. */
function increasing(f: (x: number) => number, a: Interval): Interval {
  return widened(f(a.lo), f(a.hi), TRANSCENDENTAL_ULPS);
}

export function exp(a: Interval): Interval {
  const r = increasing(Math.exp, a);
  return { lo: Math.max(0, r.lo), hi: r.hi };
}

export function log(a: Interval): Interval {
  if (!(a.lo > 0)) throw new Undecided("log of an interval that reaches 0");
  return increasing(Math.log, a);
}

export function sqrt(a: Interval): Interval {
  if (a.lo < 0) throw new Undecided("sqrt of an interval below 0");
  // correctly rounded: one ulp
  const r = widened(Math.sqrt(a.lo), Math.sqrt(a.hi));
  return { lo: Math.max(0, r.lo), hi: r.hi };
}

export function tanh(a: Interval): Interval {
  const r = increasing(Math.tanh, a);
  return { lo: Math.max(-1, r.lo), hi: Math.min(1, r.hi) };
}

/** sigmoid(t) = 1 / (1 + exp(-t)), increasing: its lower bound from the lower end, through interval steps. */
export function sigmoid(a: Interval): Interval {
  const at = (t: number): Interval => div(point(1), add(point(1), exp(point(-t))));
  const r = { lo: at(a.lo).lo, hi: at(a.hi).hi };
  return { lo: Math.max(0, r.lo), hi: Math.min(1, r.hi) };
}

/** softplus(t) = log(1 + exp(t)) = max(t, 0) + log1p(exp(-|t|)), increasing. */
export function softplus(a: Interval): Interval {
  const at = (t: number): Interval => add(point(Math.max(t, 0)), increasing(Math.log1p, exp(point(-Math.abs(t)))));
  const r = { lo: at(a.lo).lo, hi: at(a.hi).hi };
  return { lo: Math.max(0, r.lo), hi: r.hi };
}

export function relu(a: Interval): Interval {
  return { lo: Math.max(0, a.lo), hi: Math.max(0, a.hi) };
}

export function min(a: Interval, b: Interval): Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

export function max(a: Interval, b: Interval): Interval {
  return { lo: Math.max(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** -1, 0 or 1 when the sign of every point is the same, else null. */
export function signOf(a: Interval): -1 | 0 | 1 | null {
  if (a.lo > 0) return 1;
  if (a.hi < 0) return -1;
  if (a.lo === 0 && a.hi === 0) return 0;
  return null;
}

export const width = (a: Interval): number => a.hi - a.lo;
