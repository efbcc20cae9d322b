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

// f(X) = tr(X' A X), A not symmetric: the gradient is (A + A') X
const matmul = (A: M, B: M): M => A.map((r) => B[0]!.map((_, j) => r.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
const tp = (A: M): M => A[0]!.map((_, j) => A.map((r) => r[j]!));
const quad = ({ X, A }: { X: M; A: M }): number => {
  const P = matmul(tp(X), matmul(A, X));
  return P.reduce((s, r, i) => s + r[i]!, 0);
};
const quadGrad = ({ X, A }: { X: M; A: M }): M => matmul(A.map((r, i) => r.map((a, j) => a + A[j]![i]!)), X);
const X0 = [[1, 2, 0.5], [-1, 0.3, 2], [0.7, -0.4, 1.1]];
const A0 = [[2, 1, 0], [-3, 1, 0.5], [0.2, 4, -1]];
const mutants: Record<string, (G: M) => M> = {
  transposed: (G) => tp(G),
  "factor of 2": (G) => G.map((r) => r.map((g) => 2 * g)),
  "factor of 1/2": (G) => G.map((r) => r.map((g) => g / 2)),
  "flipped sign": (G) => G.map((r) => r.map((g) => -g)),
  "one entry wrong": (G) => G.map((r, i) => r.map((g, j) => (i === 1 && j === 2 ? g + 1 : g))),
};

describe("the likely cause of a wrong gradient", () => {
  for (const [cause, mutate] of Object.entries(mutants)) {
    it(`names "${cause}" for such a gradient, in the thrown message too`, () => {
      const opts = { grad: (v: { X: M; A: M }) => ({ X: mutate(quadGrad(v)) }), at: { X: X0, A: A0 }, wrt: "X" };
      const r = gradcheck(quad, { ...opts, throws: false });
      expect(r.ok).toBe(false);
      expect(r.cause).toContain(cause === "one entry wrong" ? "one entry wrong: X[1][2]" : cause === "transposed" ? "transposed" : cause);
      let message = "";
      try {
        gradcheck(quad, opts);
      } catch (e) {
        message = (e as Error).message;
      }
      // inside vitest gradcheck throws by default; the message names the input, entry, values, tolerances
      expect(message).toMatch(/the gradient of X does not match/);
      expect(message).toMatch(/entry X\[\d\]\[\d\]: analytic -?[\d.]+, numeric -?[\d.]+/);
      expect(message).toMatch(/rtol 0\.00001, atol 1e-8/);
      expect(message).toContain("likely cause:");
    });
  }

  it("stays silent on an unrelated wrong gradient (a dropped term: A X)", () => {
    const r = gradcheck(quad, { grad: ({ X, A }: { X: M; A: M }) => ({ X: matmul(A, X) }), at: { X: X0, A: A0 }, wrt: "X", throws: false });
    expect(r.ok).toBe(false);
    expect(r.cause).toBeNull();
    expect(r.message).not.toContain("likely cause");
  });

  it("finds the transposed gradient as a property too, and prints the shrunk point and its seed", () => {
    const r = gradcheck(quad, { grad: (v: { X: M; A: M }) => ({ X: tp(quadGrad(v)) }), let: "X: n x n; A: n x n", wrt: "X", seed: 11, numRuns: 30, throws: false });
    expect(r.ok).toBe(false);
    expect(r.cause).toMatch(/transposed/);
    expect(r.message).toMatch(/n = [2-5]/);
    expect(r.message).toContain("seed: 11");
    expect(r.message).toMatch(/X = \[.*;.*\]/);
    expect((r.counterexample!.X as M).length).toBeGreaterThanOrEqual(2);
  });

  it("a right gradient of the same loss passes at the point and as a property", () => {
    expect(gradcheck(quad, { grad: (v: { X: M; A: M }) => ({ X: quadGrad(v) }), at: { X: X0, A: A0 }, wrt: "X", throws: false }).ok).toBe(true);
    expect(gradcheck(quad, { grad: (v: { X: M; A: M }) => ({ X: quadGrad(v) }), let: "X: n x m; A: n x n", wrt: ["X"], seed: 2, numRuns: 40, throws: false }).ok).toBe(true);
  });
});

describe("kinks", () => {
  const sumAbs = ({ x }: { x: number[] }) => x.reduce((a, v) => a + Math.abs(v), 0);
  const maxOf = ({ x }: { x: number[] }) => Math.max(...x);

  it("abs and max at exactly their kinks accept any valid subgradient", () => {
    for (const s of [-1, 0, 0.5, 1]) {
      expect(gradcheck(sumAbs, { grad: ({ x }: { x: number[] }) => ({ x: x.map((v) => (v === 0 ? s : Math.sign(v))) }), at: { x: [0, 2, -3] }, throws: false }).ok).toBe(true);
    }
    // a tie: x[0] = x[1] is the max, (1, 0, 0) and (0, 1, 0) are subgradients
    expect(gradcheck(maxOf, { grad: () => ({ x: [1, 0, 0] }), at: { x: [1, 1, -2] }, throws: false }).ok).toBe(true);
    expect(gradcheck(maxOf, { grad: () => ({ x: [0, 1, 0] }), at: { x: [1, 1, -2] }, throws: false }).ok).toBe(true);
  });

  it("a value outside the subdifferential fails even at a kink", () => {
    const r = gradcheck(sumAbs, { grad: ({ x }: { x: number[] }) => ({ x: x.map((v) => (v === 0 ? 2 : Math.sign(v))) }), at: { x: [0, 2, -3] }, throws: false });
    expect(r.ok).toBe(false);
    expect(r.worst).toMatchObject({ name: "x", index: [0], analytic: 2 });
    expect(r.message).toMatch(/a kink: the one-sided differences are -1 and 1/);
    // a wrong slope away from the kink is caught as usual
    expect(gradcheck(sumAbs, { grad: ({ x }: { x: number[] }) => ({ x: x.map(() => 1) }), at: { x: [0, 2, -3] }, throws: false }).ok).toBe(false);
  });

  it("relu as a property: generated points land on kinks, and a valid subgradient never fails", () => {
    const relu = ({ x, W }: { x: number[]; W: M }) => matvec(W, x).reduce((a, v) => a + Math.max(0, v), 0);
    const reluGrad = ({ x, W }: { x: number[]; W: M }) => {
      const on = matvec(W, x).map((v): number => (v > 0 ? 1 : 0));
      return { W: on.map((o) => x.map((xj) => o * xj)), x: x.map((_, j) => on.reduce((a, o, i) => a + o * W[i]![j]!, 0)) };
    };
    const r = gradcheck(relu, { grad: reluGrad, let: "W: n x m; x: m", seed: 4, numRuns: 200, throws: false });
    expect(r.ok).toBe(true);
    expect(r.kinks).toBeGreaterThan(0);
  });
});

describe("bad gradients and options", () => {
  it("a gradient of the wrong shape is a clear message (transposed shape named)", () => {
    const r = gradcheck(sq, { grad: (v: { W: M; x: number[] }) => ({ ...sqGrad(v), W: tp(sqGrad(v).W) }), at: { W: [[1, 2], [3, 4], [5, 6]], x: [1, -1] }, throws: false });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/the gradient of W has shape 2 x 3, but W has shape 3 x 2: the gradient is transposed/);
  });

  it("a missing gradient names what was returned; wrt restricts the inputs checked", () => {
    const r = gradcheck(sq, { grad: (v: { W: M; x: number[] }) => ({ W: sqGrad(v).W }), at: { W: [[1, 2]], x: [1, -1] }, throws: false });
    expect(r.message).toMatch(/options\.grad returned no gradient for x \(it returned: W\)/);
    expect(gradcheck(sq, { grad: (v: { W: M; x: number[] }) => ({ W: sqGrad(v).W }), at: { W: [[1, 2]], x: [1, -1] }, wrt: "W", throws: false }).ok).toBe(true);
  });

  it("usage errors throw at once", () => {
    expect(() => gradcheck(sq, { grad: sqGrad } as never)).toThrow(/either options\.at .* or options\.let/);
    expect(() => gradcheck(sq, { grad: sqGrad, at: { W: [[1]] }, wrt: "x" })).toThrow(/wrt names x/);
    expect(() => gradcheck(sq, { grad: sqGrad, let: "W: n x q x" })).toThrow(/declaration error/);
  });
});

describe("other inputs", () => {
  it("rank-4 tensors (N x C x H x W) are nested arrays with 4 indices", () => {
    type T4 = number[][][][];
    const flat = (X: T4): number[] => X.flat(3);
    const f = ({ X }: { X: T4 }) => flat(X).reduce((s, v, k) => s + (k + 1) * v * v, 0);
    const right = ({ X }: { X: T4 }) => ({ X: X.map((a, i) => a.map((b, j) => b.map((c, k) => c.map((v, l) => 2 * (((i * X[0]!.length + j) * b.length + k) * c.length + l + 1) * v)))) });
    expect(gradcheck(f, { grad: right, let: "X: 2 x c x h x w", seed: 1, numRuns: 15, throws: false }).ok).toBe(true);
    const wrong = ({ X }: { X: T4 }) => ({ X: right({ X }).X.map((a, i) => a.map((b, j) => b.map((c, k) => c.map((v, l) => (i + j + k + l === 0 ? v + 1 : v))))) });
    const r = gradcheck(f, { grad: wrong, let: "X: 2 x c x h x w", seed: 1, numRuns: 15, throws: false });
    expect(r.ok).toBe(false);
    expect(r.worst!.index).toEqual([0, 0, 0, 0]);
    expect(r.cause).toMatch(/one entry wrong: X\[0\]\[0\]\[0\]\[0\]/);
  });

  it("a loss that is not finite at a generated point, or that throws, is a failure that says so", () => {
    const logs = ({ x }: { x: number[] }) => x.reduce((s, v) => s + Math.log(v), 0);
    const grad = ({ x }: { x: number[] }) => ({ x: x.map((v) => 1 / v) });
    expect(gradcheck(logs, { grad, let: "x: n positive", seed: 3, numRuns: 30, throws: false }).ok).toBe(true);
    const r = gradcheck(logs, { grad, let: "x: n", seed: 3, numRuns: 30, throws: false });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/f is not finite here .*declare the properties f needs/);
    const thrower = gradcheck(() => {
      throw new Error("boom");
    }, { grad, let: "x: n", seed: 3, numRuns: 5, throws: false });
    expect(thrower.message).toMatch(/f or grad threw: boom/);
  });

  it("intervals and integers: integer names are not differentiated by default", () => {
    const f = ({ b, k, x }: { b: number; k: number; x: number[] }) => b * k * x.reduce((s, v) => s + v * v, 0);
    const grad = ({ b, k, x }: { b: number; k: number; x: number[] }) => ({ b: k * x.reduce((s, v) => s + v * v, 0), x: x.map((v) => 2 * b * k * v) });
    expect(gradcheck(f, { grad, let: "b: scalar in (0, 1); k: integer in [1, 4]; x: n", seed: 5, numRuns: 30, throws: false }).ok).toBe(true);
  });
});

describe("several given points", () => {
  it("options.at may be a list: all pass, or the first failing point is reported by its index", () => {
    const relu = ({ x }: { x: number[] }) => x.reduce((a, v) => a + Math.max(0, v), 0);
    const right = ({ x }: { x: number[] }) => ({ x: x.map((v) => (v > 0 ? 1 : 0)) });
    const r = gradcheck(relu, { grad: right, at: [{ x: [1, -1] }, { x: [0, 2] }, { x: [-3, 0.5] }], throws: false });
    expect(r.ok).toBe(true);
    expect(r.kinks).toBe(1);
    const wrongAtNegatives = ({ x }: { x: number[] }) => ({ x: x.map(() => 1) });
    const w = gradcheck(relu, { grad: wrongAtNegatives, at: [{ x: [1, 2] }, { x: [3, -1] }], throws: false });
    expect(w.ok).toBe(false);
    expect(w.worst).toMatchObject({ name: "x", index: [1], analytic: 1 });
    expect(w.message).toContain("at the given point options.at[1]");
  });
});
