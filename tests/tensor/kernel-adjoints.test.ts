// The gradient of a convolution in its kernel, proved (issue 14, part 3):
// grad(sum(G .* conv(X, W, ...)), W) = convkernel(X, G, ...) and the pairing
// identity <G, conv(X, W)> = <convkernel(X, G), W> are proved by the symbolic
// engine (method symbolic) and hold again by sampling alone (symbolic off);
// the kernel convkernel is checked against finite differences of the loss;
// wrong adjoints (stride, dilation, scale, a flipped kernel) are refuted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";
import { flat, proves, refutes } from "./verdicts.js";

describe("the gradient of a convolution in its kernel, proved", () => {
  it("conv2d: stride, padding, symbolic sizes, a rectangular kernel with dilation and groups", () => {
    proves("grad(sum(G .* conv2d(X, W, 0, 2, 1)), W)", "convkernel2d(X, G, 3, 3, 2, 1)", ["X: 2 x 3 x 6 x 6", "W: 4 x 3 x 3 x 3", "G: 2 x 4 x 3 x 3"]);
    proves("grad(sum(G .* conv2d(X, W, 0, 1, 1)), W)", "convkernel2d(X, G, 3, 3, 1, 1)", ["X: n x c x h x w", "W: o x c x 3 x 3", "G: n x o x h x w"]);
    proves("grad(sum(G .* conv2d(X, W, 0, 1, 0, 2, 2)), W)", "convkernel2d(X, G, 2, 3, 1, 0, 2, 2)", ["X: 1 x 4 x 6 x 7", "W: 2 x 2 x 2 x 3", "G: 1 x 2 x 4 x 3"]);
  });

  it("conv1d, with a bias and a sum of losses", () => {
    proves("grad(sum(G .* conv1d(X, W, 0, 2, 1)), W)", "convkernel1d(X, G, 3, 2, 1)", ["X: 2 x 3 x 9", "W: 4 x 3 x 3", "G: 2 x 4 x 5"]);
    proves("grad(sum(G .* conv1d(X, W, b, 1, 1)) - 2 * sum(H .* conv1d(X, W, 0, 1, 1)), W)", "convkernel1d(X, G - 2 * H, 3, 1, 1)", ["X: 1 x 2 x 6", "W: 3 x 2 x 3", "G, H: 1 x 3 x 6", "b: 3"]);
  });

  it("a transposed convolution in its kernel, and the kernel gradient in each of its operands", () => {
    proves("grad(sum(A .* convtranspose2d(G, W, 0, 2, 1, 1)), W)", "convkernel2d(A, G, 3, 3, 2, 1)", ["A: 1 x 2 x 6 x 6", "W: 3 x 2 x 3 x 3", "G: 1 x 3 x 3 x 3"]);
    proves("grad(sum(V .* convkernel2d(X, G, 3, 3, 2, 1)), G)", "conv2d(X, V, 0, 2, 1)", ["X: 1 x 2 x 6 x 6", "V: 3 x 2 x 3 x 3", "G: 1 x 3 x 3 x 3"]);
    proves("grad(sum(V .* convkernel2d(X, G, 3, 3, 2, 1)), X)", "convtranspose2d(G, V, 0, 2, 1, 1)", ["X: 1 x 2 x 6 x 6", "V: 3 x 2 x 3 x 3", "G: 1 x 3 x 3 x 3"]);
  });

  it("the plain sum of a convolution's outputs: the cotangent is the ones tensor, written at concrete sizes", () => {
    proves("grad(sum(conv2d(X, W, 0, 2)), W)", "convkernel2d(X, reshape(ones(12), 1, 3, 2, 2), 3, 3, 2)", ["X: 1 x 2 x 5 x 5", "W: 3 x 2 x 3 x 3"]);
    proves("grad(3 * sum(conv1d(X, W)) - sum(G .* conv1d(X, W)), W)", "convkernel1d(X, 3 * reshape(ones(8), 2, 1, 4) - G, 2)", ["X: 2 x 2 x 5", "W: 1 x 2 x 2", "G: 2 x 1 x 4"]);
    refutes("grad(sum(conv2d(X, W, 0, 2)), W)", "convkernel2d(X, reshape(ones(12), 1, 3, 2, 2), 3, 3, 2) / 2", ["X: 1 x 2 x 5 x 5", "W: 3 x 2 x 3 x 3"]);
  });

  it("the pairing identities: <G, conv(X, W)> = <convkernel(X, G), W> = <convtranspose(G, W), X>", () => {
    const lets = ["X: 2 x 3 x 7 x 7", "W: 4 x 3 x 3 x 3", "G: 2 x 4 x 3 x 3"];
    proves("sum(G .* conv2d(X, W, 0, 2))", "sum(convkernel2d(X, G, 3, 3, 2) .* W)", lets);
    proves("sum(convkernel2d(X, G, 3, 3, 2) .* W)", "sum(X .* convtranspose2d(G, W, 0, 2))", lets);
    proves("sum(G .* conv1d(X, W, 0, 3, 2, 2))", "sum(W .* convkernel1d(X, G, 3, 3, 2, 2))", ["X: 2 x 2 x 9", "W: 3 x 2 x 3", "G: 2 x 3 x 3"]);
  });
});

describe("wrong kernel gradients are refuted", () => {
  it("a wrong stride, dilation, scale or a flipped kernel", () => {
    // the same output size with stride 2 and padding 0 as with stride 3 and padding 1
    refutes("grad(sum(G .* conv1d(X, W, 0, 2)), W)", "convkernel1d(X, G, 3, 3, 1)", ["X: 1 x 2 x 7", "W: 3 x 2 x 3", "G: 1 x 3 x 3"]);
    // dilation 2 with stride 2 against dilation 1: both give 3 outputs of 7
    refutes("grad(sum(G .* conv1d(X, W, 0, 2, 0, 2)), W)", "convkernel1d(X, G, 2, 2)", ["X: 1 x 2 x 7", "W: 3 x 2 x 2", "G: 1 x 3 x 3"]);
    refutes("grad(sum(G .* conv2d(X, W)), W)", "2 * convkernel2d(X, G, 2, 2)", ["X: 1 x 2 x 4 x 4", "W: 3 x 2 x 2 x 2", "G: 1 x 3 x 3 x 3"]);
    // a flipped kernel: reverse the two taps of a 1-d kernel gradient
    refutes(
      "grad(sum(G .* conv1d(X, W)), W)",
      "reshape(reshape(convkernel1d(X, G, 2), 1, 2) * [0, 1; 1, 0], 1, 1, 2)",
      ["X: 1 x 1 x 6", "W: 1 x 1 x 2", "G: 1 x 1 x 5"],
    );
  });
});

describe("convkernel against finite differences (property)", () => {
  it("each entry of convkernel2d(X, G, ...) is the derivative of <G, conv2d(X, W, ...)> in that entry of W", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 4, max: 6 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 99 }), (s, p, h, k, seed) => {
        const o = Math.floor((h + 2 * p - k) / s) + 1;
        const lets = [`X: 1 x 2 x ${h} x ${h}`, `W: 2 x 2 x ${k} x ${k}`, `G: 1 x 2 x ${o} x ${o}`];
        // symbolic off: the gradient is the engine's finite differences only
        const fd = equal({ lhs: `grad(sum(G .* conv2d(X, W, 0, ${s}, ${p})), W)`, rhs: `convkernel2d(X, G, ${k}, ${k}, ${s}, ${p})`, let: lets, seed, symbolic: false });
        expect(fd.verdict, fd.detail).toBe("verified");
        const proved = equal({ lhs: `grad(sum(G .* conv2d(X, W, 0, ${s}, ${p})), W)`, rhs: `convkernel2d(X, G, ${k}, ${k}, ${s}, ${p})`, let: lets, seed });
        expect(proved.verdict, proved.detail).toBe("proved");
      }),
      { numRuns: 6 },
    );
  });

  it("matches the finite-difference gradient at a concrete point", () => {
    const at = { X: "reshape([1, -2, 0.5, 3, 0, 1, -1, 2, 0.25], 1, 1, 3, 3)", W: "reshape([1, 2, -1, 0.5], 1, 1, 2, 2)", G: "reshape([0.5, -1, 2, 1], 1, 1, 2, 2)" };
    const lets = ["X: 1 x 1 x 3 x 3", "W: 1 x 1 x 2 x 2", "G: 1 x 1 x 2 x 2"];
    const fd = flat(evaluate({ expr: "grad(sum(G .* conv2d(X, W)), W)", let: lets, at, seed: 1 }).value);
    const adj = flat(evaluate({ expr: "convkernel2d(X, G, 2, 2)", let: lets, at, seed: 1 }).value);
    // by hand: w[u, v] = sum_ij G[i, j] X[i + u, j + v]
    expect(adj).toEqual([0.5 * 1 - 1 * -2 + 2 * 3 + 1 * 0, 0.5 * -2 - 1 * 0.5 + 2 * 0 + 1 * 1, 0.5 * 3 - 1 * 0 + 2 * -1 + 1 * 2, 0.5 * 0 - 1 * 1 + 2 * 2 + 1 * 0.25]);
    expect(fd.length).toBe(4);
    fd.forEach((x, i) => expect(Math.abs(x - adj[i]!)).toBeLessThan(1e-6));
  });
});
