// gradcheck: right gradients pass, wrong ones fail with the likely cause named,
// kinks with a valid subgradient are not failures, and the result has the
// spec's shape.

import { describe, expect, it } from "vitest";
import { gradcheck, GradcheckError } from "../../src/testing/index.js";

type M = number[][];
const matvec = (W: M, x: number[]): number[] => W.map((r) => r.reduce((a, w, j) => a + w * x[j]!, 0));
/** f(W, x) = |W x|^2 and its gradient */
const sq = ({ W, x }: { W: M; x: number[] }): number => matvec(W, x).reduce((a, r) => a + r * r, 0);
const sqGrad = ({ W, x }: { W: M; x: number[] }) => {
  const r = matvec(W, x);
  return { W: r.map((ri) => x.map((xj) => 2 * ri * xj)), x: x.map((_, j) => r.reduce((a, ri, i) => a + 2 * ri * W[i]![j]!, 0)) };
};

describe("gradcheck at given points", () => {
  it("a right gradient passes with the spec's result fields", () => {
    const r = gradcheck(sq, { grad: sqGrad, at: { W: [[1, 2], [3, 4], [5, 6]], x: [1, -1] }, throws: false });
    expect(r.ok).toBe(true);
    expect(r.maxRelError).toBeLessThan(1e-8);
    expect(r.worst).not.toBeNull();
    expect(["W", "x"]).toContain(r.worst!.name);
    expect(typeof r.eps).toBe("number");
  });

  it("a halved gradient fails, names the entry, both values and the factor", () => {
    const half = (v: { W: M; x: number[] }) => ({ ...sqGrad(v), W: sqGrad(v).W.map((r) => r.map((z) => z / 2)) });
    const r = gradcheck(sq, { grad: half, at: { W: [[1, 2], [3, 4], [5, 6]], x: [1, -1] }, throws: false });
    expect(r.ok).toBe(false);
    expect(r.worst!.name).toBe("W");
    expect(r.worst!.analytic * 2).toBeCloseTo(r.worst!.numeric, 6);
    expect(r.cause).toMatch(/factor of 1\/2/);
    expect(() => gradcheck(sq, { grad: half, at: { W: [[1, 2], [3, 4], [5, 6]], x: [1, -1] }, throws: true })).toThrow(GradcheckError);
  });

  it("relu at exactly 0 with the subgradient 0 passes", () => {
    const relu = ({ x }: { x: number[] }) => x.reduce((a, v) => a + Math.max(0, v), 0);
    const r = gradcheck(relu, { grad: ({ x }: { x: number[] }) => ({ x: x.map((v) => (v > 0 ? 1 : 0)) }), at: { x: [0, 1, -1] }, throws: false });
    expect(r.ok).toBe(true);
    expect(r.kinks).toBe(1);
  });
});

describe("gradcheck as a property", () => {
  it("a right gradient passes over generated points", () => {
    const r = gradcheck(sq, { grad: sqGrad, let: "W: n x m; x: m", seed: 7, numRuns: 20, throws: false });
    expect(r.ok).toBe(true);
    expect(r.seed).toBe(7);
  });

  it("a wrong gradient fails with the seed and a shrunk counterexample in the message", () => {
    const neg = (v: { W: M; x: number[] }) => ({ ...sqGrad(v), x: sqGrad(v).x.map((z) => -z) });
    const r = gradcheck(sq, { grad: neg, let: "W: n x m; x: m", seed: 7, numRuns: 20, throws: false });
    expect(r.ok).toBe(false);
    expect(r.message).toContain("seed: 7");
    expect(r.message).toMatch(/flipped sign/);
    expect(r.counterexample).not.toBeNull();
  });
});
