// The adjoints of the convolutions and the derivatives of pooling, proved by
// the symbolic engine (issue 14, part 3): the backprop identity of a
// convolution, grad(sum(G .* conv2d(X, W, ...)), X) = convtranspose2d(G, W, ...),
// is proved (method symbolic) and checked again by finite differences alone;
// the adjoint identity <G, conv(X, W)> = <convtranspose(G, W), X> holds on
// random sizes, strides and paddings (property); wrong adjoints are refuted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";

const proves = (lhs: string, rhs: string, lets: string[]): void => {
  const r = equal({ lhs, rhs, let: lets, seed: 1 });
  expect(r.verdict, r.detail).toBe("proved");
  expect(r.symbolic).toBe("proved");
  expect(r.method).toBe("symbolic");
  const numeric = equal({ lhs, rhs, let: lets, seed: 2, symbolic: false });
  expect(numeric.verdict, numeric.detail).toBe("verified");
};

describe("backprop through convolutions, proved", () => {
  it("conv2d in its input: a transposed convolution with the output padding of the sizes", () => {
    proves("grad(sum(G .* conv2d(X, W, 0, 2, 1)), X)", "convtranspose2d(G, W, 0, 2, 1, 1)", ["X: 1 x 3 x 8 x 8", "W: 4 x 3 x 3 x 3", "G: 1 x 4 x 4 x 4"]);
    proves("grad(sum(G .* conv2d(X, W, 0, 1, 1)), X)", "convtranspose2d(G, W, 0, 1, 1)", ["X: n x c x h x w", "W: o x c x 3 x 3", "G: n x o x h x w"]);
    proves("grad(sum(G .* conv2d(X, W, 0, 1, 2, 2, 2)), X)", "convtranspose2d(G, W, 0, 1, 2, 0, 2, 2)", ["X: 1 x 4 x 5 x 5", "W: 2 x 2 x 3 x 3", "G: 1 x 2 x 5 x 5"]);
  });

  it("conv1d in its input, and a transposed convolution in its input (a convolution)", () => {
    proves("grad(sum(G .* conv1d(X, W, 0, 2, 1)), X)", "convtranspose1d(G, W, 0, 2, 1)", ["X: 2 x 3 x 9", "W: 4 x 3 x 3", "G: 2 x 4 x 5"]);
    proves("grad(sum(G .* conv1d(X, W, 0, 2, 1)), X)", "convtranspose1d(G, W, 0, 2, 1, 1)", ["X: 2 x 3 x 10", "W: 4 x 3 x 3", "G: 2 x 4 x 5"]);
    proves("grad(sum(G .* convtranspose2d(X, W, 0, 1, 1)), X)", "conv2d(G, W, 0, 1, 1)", ["X: 1 x 3 x 5 x 5", "W: 3 x 2 x 3 x 3", "G: 1 x 2 x 5 x 5"]);
  });

  it("with a bias, a scale and a sum of losses", () => {
    proves("grad(sum(G .* conv2d(X, W, b, 1, 1)) + 3 * sum(H .* conv2d(X, W, 0, 1, 1)), X)", "convtranspose2d(G + 3 * H, W, 0, 1, 1)", ["X: 1 x 2 x 5 x 5", "W: 3 x 2 x 3 x 3", "G, H: 1 x 3 x 5 x 5", "b: 3"]);
  });

  it("directional derivatives in the input and in the kernel (bilinearity)", () => {
    proves("diff(sum(G .* conv2d(H, W)), H, V)", "sum(G .* conv2d(V, W))", ["H, V: 1 x 2 x 5 x 5", "W: 3 x 2 x 3 x 3", "G: 1 x 3 x 3 x 3"]);
    proves("diff(sum(G .* conv2d(H, W)), W, U)", "sum(G .* conv2d(H, U))", ["H: 1 x 2 x 5 x 5", "W, U: 3 x 2 x 3 x 3", "G: 1 x 3 x 3 x 3"]);
    proves("diff(sum(conv1d(X, W) .^ 2), W, V)", "2 * sum(conv1d(X, W) .* conv1d(X, V))", ["X: 2 x 3 x 6", "W, V: 2 x 3 x 2"]);
  });

  it("pooling: average pooling is linear, the derivative of max pooling is linear in the direction", () => {
    proves("diff(avgpool1d(z, 2, 1), z, v)", "avgpool1d(v, 2, 1)", ["z, v: 1 x 2 x 6"]);
    proves("diff(avgpool2d(Z, 2), Z, V)", "avgpool2d(V, 2, 2)", ["Z, V: 1 x 2 x 4 x 6"]);
    proves("diff(maxpool1d(z, 2, 1), z, v)", "maxpool1d(z, 2, 1, v)", ["z, v: 1 x 2 x 6"]);
    proves("diff(sum(maxpool2d(X, 2) .^ 2), X, V)", "2 * sum(maxpool2d(X, 2) .* maxpool2d(X, 2, 2, V))", ["X, V: 1 x 2 x 4 x 4"]);
  });

  it("wrong adjoints are refuted, never proved", () => {
    const lets = ["X: 1 x 3 x 8 x 8", "W: 4 x 3 x 3 x 3", "G: 1 x 4 x 4 x 4"];
    const wrong = [
      "2 * convtranspose2d(G, W, 0, 2, 1, 1)",
      "convtranspose2d(G, W, 1, 2, 1, 1)",
    ];
    for (const rhs of wrong) {
      const r = equal({ lhs: "grad(sum(G .* conv2d(X, W, 0, 2, 1)), X)", rhs, let: lets, seed: 1 });
      expect(r.verdict, rhs).toBe("refuted");
    }
    // the kernel not flipped: a convolution of G with W is not the adjoint
    const flip = equal({ lhs: "grad(sum(G .* conv1d(X, W, 0, 1, 1)), X)", rhs: "conv1d(G, reshape(W, 3, 2, 3), 0, 1, 1)", let: ["X: 1 x 3 x 6", "W: 2 x 3 x 3", "G: 1 x 2 x 6"], seed: 1 });
    expect(flip.verdict).toBe("refuted");
  });
});

describe("tensors in the normal form: counts and what cannot be written", () => {
  it("mean divides by every entry, not rows x cols; a false count is refuted", () => {
    proves("mean(X)", "sum(X) / (n * c * 9)", ["X: n x c x 3 x 3"]);
    expect(equal({ lhs: "mean(X)", rhs: "sum(X) / 9", let: ["X: 2 x 2 x 3 x 3"], seed: 1 }).verdict).toBe("refuted");
  });

  it("a derivative that would need ones of a tensor is left to the numeric check, never an engine error", () => {
    const r = equal({ lhs: "diff(sum(X + c), c)", rhs: "36", let: ["X: 2 x 2 x 3 x 3", "c: scalar"], seed: 1 });
    expect(r.verdict, r.detail).toBe("verified");
    expect(r.symbolic).toBe("unproved");
    const wrong = equal({ lhs: "diff(sum(X + c), c)", rhs: "9", let: ["X: 2 x 2 x 3 x 3", "c: scalar"], seed: 1 });
    expect(wrong.verdict).toBe("refuted");
  });
});

describe("the adjoint identity, on random sizes (property)", () => {
  it("<G, conv2d(X, W, 0, s, p)> = <convtranspose2d(G, W, 0, s, p, op), X>", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 4, max: 7 }), fc.integer({ min: 1, max: 99 }), (s, p, h, seed) => {
        const k = 3;
        const o = Math.floor((h + 2 * p - k) / s) + 1;
        const op = h - ((o - 1) * s - 2 * p + k);
        fc.pre(o >= 1 && op >= 0 && op < s);
        const lets = [`X: 1 x 2 x ${h} x ${h}`, `W: 3 x 2 x ${k} x ${k}`, `G: 1 x 3 x ${o} x ${o}`];
        const r = equal({ lhs: `sum(G .* conv2d(X, W, 0, ${s}, ${p}))`, rhs: `sum(convtranspose2d(G, W, 0, ${s}, ${p}, ${op}) .* X)`, let: lets, seed, symbolic: false });
        expect(r.verdict, r.detail).toBe("verified");
        const g = equal({ lhs: `grad(sum(G .* conv2d(X, W, 0, ${s}, ${p})), X)`, rhs: `convtranspose2d(G, W, 0, ${s}, ${p}, ${op})`, let: lets, seed });
        expect(g.verdict, g.detail).toBe("proved");
      }),
      { numRuns: 8 },
    );
  });

  it("finite differences of the loss match the proved adjoint at a concrete point", () => {
    const at = { X: "reshape([1, -2, 0.5, 3, 0, 1, -1, 2, 0.25], 1, 1, 3, 3)", W: "reshape([1, 2, -1, 0.5], 1, 1, 2, 2)", G: "reshape([0.5, -1, 2, 1], 1, 1, 2, 2)" };
    const lets = ["X: 1 x 1 x 3 x 3", "W: 1 x 1 x 2 x 2", "G: 1 x 1 x 2 x 2"];
    const fd = evaluate({ expr: "grad(sum(G .* conv2d(X, W)), X)", let: lets, at, seed: 1 }).value as number[];
    const adj = evaluate({ expr: "convtranspose2d(G, W)", let: lets, at, seed: 1 }).value as number[];
    const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
    const a = flat(fd);
    const b = flat(adj);
    expect(a.length).toBe(9);
    a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThan(1e-6));
  });
});
