// core/interval-whole.ts answers WHOLE at once where the plain interval
// operation would throw Undecided for an unbounded operand: each operation
// must give exactly what the plain one gives with its Undecided caught, over
// intervals with infinite, zero, tiny and ordinary bounds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as I from "../../src/core/interval.js";
import { type Interval, Undecided } from "../../src/core/interval.js";
import * as W from "../../src/core/interval-whole.js";

const bound = fc.oneof(
  fc.constantFrom(-Infinity, Infinity, 0, -0, 1, -1, Number.MIN_VALUE, -Number.MAX_VALUE, Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);
const interval: fc.Arbitrary<Interval> = fc.tuple(bound, bound).map(([a, b]) => (a <= b ? { lo: a, hi: b } : { lo: b, hi: a }));

/** the plain operation, Undecided caught as WHOLE */
const plain = (f: () => Interval): Interval => {
  try {
    return f();
  } catch (e) {
    if (e instanceof Undecided) return W.WHOLE;
    throw e;
  }
};

describe("interval-whole: the same answers as the plain interval operations", () => {
  for (const op of ["add", "sub", "mul", "div"] as const) {
    it(`${op}`, () => {
      fc.assert(
        fc.property(interval, interval, (a, b) => {
          expect(W[op](a, b)).toEqual(plain(() => I[op](a, b)));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it("powInt, for every small exponent", () => {
    fc.assert(
      fc.property(interval, fc.integer({ min: -4, max: 9 }), (a, k) => {
        expect(W.powInt(a, k)).toEqual(plain(() => I.powInt(a, k)));
      }),
      { numRuns: 3000 },
    );
  });

  it("the cases the short cut is for, and the ones it must leave alone", () => {
    const half = { lo: 1, hi: Infinity };
    // an unbounded operand: WHOLE
    expect(W.mul(W.WHOLE, { lo: 2, hi: 3 })).toEqual(W.WHOLE);
    expect(W.add({ lo: 0, hi: 0 }, half)).toEqual(W.WHOLE);
    // a finite quotient by a half-infinite divisor is computed, not WHOLE
    expect(W.div({ lo: 1, hi: 2 }, half)).toEqual(I.div({ lo: 1, hi: 2 }, half));
    expect(W.div({ lo: 1, hi: 2 }, half).hi).toBeLessThan(3);
    // a first power keeps the interval as it is, and a zeroth power is 1
    expect(W.powInt(half, 1)).toEqual(half);
    expect(W.powInt(W.WHOLE, 0)).toEqual({ lo: 1, hi: 1 });
  });

  it("Undecided is still an Error with its message", () => {
    const e = new Undecided("why");
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe("why");
  });
});
