// Interval arithmetic where "cannot be computed" means "any value" (WHOLE):
// the intervals an identity's field carries (numeric/atoms.ts), whose atoms
// are free variables of unknown value. The answer is that of the interval
// operation with its Undecided caught, exactly; the only difference is speed.
// An identity over free variables carries WHOLE through nearly every product,
// and each of those used to throw and catch an Undecided (the largest single
// cost of `derive check`), so an operand with an infinite bound is answered
// WHOLE at once wherever the operation is known to throw for it:
// - add, sub: every bound of each operand enters one bound of the result, and
//   an infinite bound plus or minus anything is infinite or NaN;
// - mul: an infinite bound times a non-zero bound is infinite, times 0 is NaN;
// - div: a divisor containing 0 throws; an infinite dividend over a divisor
//   that excludes 0 (both bounds non-zero) is infinite or NaN;
// - powInt(a, k) for k >= 2: |a| keeps the infinite bound, and a * a throws.
// tests/core/interval-whole.test.ts checks each against the plain operation
// over intervals with infinite, zero and ordinary bounds.

import * as I from "./interval.js";
import { type Interval, Undecided } from "./interval.js";

/** No bound known: the values of free variables in an identity (every value at once). */
export const WHOLE: Interval = { lo: -Infinity, hi: Infinity };

/** f's interval, or WHOLE when it cannot be computed. */
export function orWhole(f: () => Interval): Interval {
  try {
    return f();
  } catch (e) {
    if (e instanceof Undecided) return WHOLE;
    throw e;
  }
}

const bounded = (a: Interval): boolean => Number.isFinite(a.lo) && Number.isFinite(a.hi);
const hasZero = (a: Interval): boolean => a.lo <= 0 && a.hi >= 0;

export const add = (a: Interval, b: Interval): Interval => (bounded(a) && bounded(b) ? orWhole(() => I.add(a, b)) : WHOLE);
export const sub = (a: Interval, b: Interval): Interval => (bounded(a) && bounded(b) ? orWhole(() => I.sub(a, b)) : WHOLE);
export const mul = (a: Interval, b: Interval): Interval => (bounded(a) && bounded(b) ? orWhole(() => I.mul(a, b)) : WHOLE);
export const div = (a: Interval, b: Interval): Interval => (hasZero(b) || !bounded(a) ? WHOLE : orWhole(() => I.div(a, b)));
export const powInt = (a: Interval, k: number): Interval => (k >= 2 && !bounded(a) ? WHOLE : orWhole(() => I.powInt(a, k)));
