// Tests for the stable elementwise and vector functions: exact tail values at
// |t| = 1000 (where naive formulas give Infinity or NaN), NaN propagation, and
// identities such as sigmoid(t) + sigmoid(-t) = 1 and softmax shift invariance.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Tensor } from "../../src/core/tensor.js";
import {
  leakyrelu,
  logSigmoid,
  logsoftmax,
  lse,
  relu,
  sigmoid,
  sign,
  softmax,
  softplus,
  step,
} from "../../src/core/stable.js";

const wide = fc.double({ min: -1e4, max: 1e4, noNaN: true });
const vectorArb = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 6 });
const wideVectorArb = fc.array(wide, { minLength: 1, maxLength: 6 });

const col = (xs: number[]): Tensor => Tensor.column(xs);

function expectNear(x: number, y: number, rtol = 1e-12): void {
  expect(Math.abs(x - y)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(x), Math.abs(y)));
}

describe("sigmoid family", () => {
  it("saturates exactly without NaN at |t| = 1000", () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(-Infinity)).toBe(0);
    expect(sigmoid(-30)).toBeCloseTo(Math.exp(-30), 25);
    expect(Number.isNaN(sigmoid(NaN))).toBe(true);
  });

  it("sigmoid(t) + sigmoid(-t) = 1 and matches 1 / (1 + e^-t) in range", () => {
    fc.assert(
      fc.property(wide, (t) => {
        const s = sigmoid(t);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expectNear(s + sigmoid(-t), 1, 1e-15);
        if (Math.abs(t) < 30) expectNear(s, 1 / (1 + Math.exp(-t)), 1e-14);
      }),
    );
  });

  it("softplus is finite in both tails", () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0); // e^-1000 underflows to 0, without NaN
    expect(softplus(-700)).toBeCloseTo(Math.exp(-700), 320);
    expect(softplus(-700)).toBeGreaterThan(0);
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(-Infinity)).toBe(0);
    expect(softplus(Infinity)).toBe(Infinity);
    expect(Number.isNaN(softplus(NaN))).toBe(true);
  });

  it("softplus(t) - softplus(-t) = t and matches log(1 + e^t) in range", () => {
    fc.assert(
      fc.property(wide, (t) => {
        expectNear(softplus(t) - softplus(-t), t, 1e-14);
        if (Math.abs(t) < 30) expectNear(softplus(t), Math.log(1 + Math.exp(t)), 1e-13);
      }),
    );
  });

  it("logSigmoid = log(sigmoid) and stays finite where sigmoid is 0", () => {
    expect(logSigmoid(-1000)).toBe(-1000);
    expect(logSigmoid(1000)).toBe(-0);
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (t) => {
        expectNear(logSigmoid(t), Math.log(sigmoid(t)), 1e-13);
      }),
    );
  });
});

describe("piecewise functions", () => {
  it("relu, step and sign", () => {
    expect([relu(-2), relu(0), relu(3)]).toEqual([0, 0, 3]);
    expect([step(-2), step(0), step(-0), step(3)]).toEqual([0, 0.5, 0.5, 1]);
    expect([sign(-2), sign(0), sign(3)]).toEqual([-1, 0, 1]);
    expect(Object.is(sign(-0), 0)).toBe(true);
    expect(Number.isNaN(relu(NaN))).toBe(true);
    expect(Number.isNaN(step(NaN))).toBe(true);
    expect(Number.isNaN(sign(NaN))).toBe(true);
  });

  it("relu(t) = t step(t) away from 0 and relu(t) - relu(-t) = t", () => {
    fc.assert(
      fc.property(wide, (t) => {
        if (t !== 0) expect(relu(t) === t * step(t)).toBe(true);
        expect(relu(t) - relu(-t) === t).toBe(true);
        expect(step(t) + step(-t)).toBe(1);
        expect(sign(t) * Math.abs(t) === t).toBe(true);
      }),
    );
  });

  it("leakyrelu is max(a t, t) for 0 < a < 1 and NaN otherwise", () => {
    expect(leakyrelu(2, 0.1)).toBe(2);
    expect(leakyrelu(-2, 0.1)).toBeCloseTo(-0.2, 15);
    expect(Number.isNaN(leakyrelu(1, 0))).toBe(true);
    expect(Number.isNaN(leakyrelu(1, 1))).toBe(true);
    expect(Number.isNaN(leakyrelu(1, -0.5))).toBe(true);
    expect(Number.isNaN(leakyrelu(1, NaN))).toBe(true);
    fc.assert(
      fc.property(wide, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (t, a) => {
        expect(leakyrelu(t, a)).toBe(t >= 0 ? t : a * t);
      }),
    );
  });
});

describe("log-sum-exp and softmax", () => {
  it("handles |z| = 1000 without overflow", () => {
    expect(lse(col([1000, 1000]))).toBe(1000 + Math.LN2);
    expect(lse(col([-1000, -1000]))).toBe(-1000 + Math.LN2);
    expect(lse(col([1000, 0]))).toBe(1000);
    expect(Array.from(softmax(col([1000, 1000])).data)).toEqual([0.5, 0.5]);
    expect(Array.from(softmax(col([1000, -1000])).data)).toEqual([1, 0]);
    const ls = logsoftmax(col([1000, -1000]));
    expect(Array.from(ls.data)).toEqual([0, -2000]);
    expect(logsoftmax(col([1000, 1000])).data[0]).toBe(-Math.LN2);
  });

  it("propagates NaN into the result instead of throwing", () => {
    const z = col([1, NaN, 2]);
    expect(Number.isNaN(lse(z))).toBe(true);
    expect(Array.from(softmax(z).data).every(Number.isNaN)).toBe(true);
    expect(Array.from(logsoftmax(z).data).every(Number.isNaN)).toBe(true);
  });

  it("takes the limit at +Infinity and keeps the input shape", () => {
    expect(lse(col([Infinity, 1]))).toBe(Infinity);
    expect(lse(col([-Infinity, -Infinity]))).toBe(-Infinity);
    expect(Array.from(softmax(col([Infinity, 0, Infinity])).data)).toEqual([0.5, 0, 0.5]);
    expect(Array.from(softmax(col([-Infinity, 0])).data)).toEqual([0, 1]);
    const row = softmax(Tensor.matrix(1, 3, Float64Array.of(1, 2, 3)));
    expect(row.shape).toEqual([1, 3]);
  });

  it("lse matches log(sum(exp)) in range and lies in [max, max + log n]", () => {
    fc.assert(
      fc.property(vectorArb, (xs) => {
        const l = lse(col(xs));
        expectNear(l, Math.log(xs.reduce((s, x) => s + Math.exp(x), 0)), 1e-13);
        const m = Math.max(...xs);
        expect(l).toBeGreaterThanOrEqual(m);
        expect(l).toBeLessThanOrEqual(m + Math.log(xs.length) + 1e-12 * Math.max(1, Math.abs(m)));
      }),
    );
  });

  it("softmax is a probability vector and shift invariant", () => {
    fc.assert(
      fc.property(wideVectorArb, fc.double({ min: -1000, max: 1000, noNaN: true }), (xs, c) => {
        const p = softmax(col(xs));
        let sum = 0;
        for (const v of p.data) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          sum += v;
        }
        expectNear(sum, 1, 1e-14);
        const shifted = softmax(col(xs.map((x) => x + c)));
        // the shift itself rounds each entry by up to ulp(|x| + |c|)
        const slack = 1e-14 * Math.max(1, ...xs.map((x) => Math.abs(x) + Math.abs(c)));
        for (let k = 0; k < xs.length; k++) expect(Math.abs(shifted.data[k]! - p.data[k]!)).toBeLessThanOrEqual(slack);
      }),
    );
  });

  it("logsoftmax = log(softmax) where finite, and = z - lse(z)", () => {
    fc.assert(
      fc.property(wideVectorArb, (xs) => {
        const z = col(xs);
        const ls = logsoftmax(z);
        const p = softmax(z);
        const l = lse(z);
        for (let k = 0; k < xs.length; k++) {
          expect(ls.data[k]!).toBeLessThanOrEqual(0);
          // the reference x - lse(x) itself rounds at the scale of |x|
          const tol = 1e-14 * Math.max(1, Math.abs(xs[k]!), Math.abs(l));
          expect(Math.abs(ls.data[k]! - (xs[k]! - l))).toBeLessThanOrEqual(tol);
          const logp = Math.log(p.data[k]!);
          if (Number.isFinite(logp) && p.data[k]! > 1e-300) expectNear(ls.data[k]!, logp, 1e-12);
        }
      }),
    );
  });
});
