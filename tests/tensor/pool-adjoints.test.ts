// The adjoints of pooling, proved (issue 14, part 3): avgunpool spreads each
// cotangent entry over its window, maxunpool routes it to the window's
// maximum. The backprop identities grad(sum(G .* pool(X)), X) = unpool(...)
// and the pairings <G, pool(X)> = <unpool(G), X> are proved (method symbolic)
// and hold again by sampling alone; max pooling is piecewise linear, so its
// gradient identity holds away from ties (where the numeric check evaluates),
// while the pairing with maxpool(x, k, s, v) holds at every x, ties included
// (both use the first maximum). Wrong adjoints are refuted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";
import { flat, proves, refutes } from "./verdicts.js";

describe("average pooling: the adjoint spreads the cotangent evenly", () => {
  it("backprop through avgpool1d and avgpool2d, with strides that lose entries to the floor", () => {
    proves("grad(sum(G .* avgpool1d(X, 2)), X)", "avgunpool1d(G, 2)", ["X: 1 x 2 x 6", "G: 1 x 2 x 3"]);
    proves("grad(sum(G .* avgpool1d(X, 3, 2)), X)", "avgunpool1d(G, 3, 2, 1)", ["X: 2 x 3 x 8", "G: 2 x 3 x 3"]);
    proves("grad(sum(G .* avgpool2d(X, 2, 1)), X)", "avgunpool2d(G, 2, 1)", ["X: 1 x 2 x 4 x 5", "G: 1 x 2 x 3 x 4"]);
    proves("grad(sum(G .* avgpool2d(X, 2)), X)", "avgunpool2d(G, 2, 2, 1, 0)", ["X: 1 x 1 x 5 x 4", "G: 1 x 1 x 2 x 2"]);
  });

  it("the pairing <G, avgpool(X)> = <avgunpool(G), X>, and a loss through a convolution and a pooling", () => {
    proves("sum(G .* avgpool2d(X, 3, 2))", "sum(avgunpool2d(G, 3, 2, 1) .* X)", ["X: 2 x 3 x 8 x 8", "G: 2 x 3 x 3 x 3"]);
    proves("sum(X .* avgunpool1d(G, 2, 1))", "sum(avgpool1d(X, 2, 1) .* G)", ["X: 1 x 2 x 6", "G: 1 x 2 x 5"]);
    proves("grad(sum(G .* avgpool2d(conv2d(X, W, 0, 1, 1), 2)), W)", "convkernel2d(X, avgunpool2d(G, 2), 3, 3, 1, 1)", ["X: 1 x 2 x 4 x 4", "W: 3 x 2 x 3 x 3", "G: 1 x 3 x 2 x 2"]);
  });

  it("wrong adjoints are refuted: no division by the window, a wrong stride, a double division", () => {
    const lets = ["X: 1 x 2 x 6", "G: 1 x 2 x 3"];
    refutes("grad(sum(G .* avgpool1d(X, 2)), X)", "2 * avgunpool1d(G, 2)", lets);
    // the same 7 entries from 3 windows of 5 with stride 1
    refutes("grad(sum(G .* avgpool1d(X, 3, 2)), X)", "avgunpool1d(G, 5, 1)", ["X: 1 x 2 x 7", "G: 1 x 2 x 3"]);
    // divided by the window twice
    refutes("grad(sum(G .* avgpool2d(X, 2, 1)), X)", "avgunpool2d(G, 2, 1) / 4", ["X: 1 x 2 x 4 x 5", "G: 1 x 2 x 3 x 4"]);
  });
});

describe("max pooling: the adjoint routes the cotangent to each window's maximum", () => {
  it("backprop through maxpool1d and maxpool2d, overlapping windows add", () => {
    proves("grad(sum(G .* maxpool1d(X, 2)), X)", "maxunpool1d(X, G, 2)", ["X: 1 x 2 x 6", "G: 1 x 2 x 3"]);
    proves("grad(sum(G .* maxpool1d(X, 3, 1)), X)", "maxunpool1d(X, G, 3, 1)", ["X: 2 x 2 x 7", "G: 2 x 2 x 5"]);
    proves("grad(sum(G .* maxpool2d(X, 2)), X)", "maxunpool2d(X, G, 2)", ["X: 2 x 2 x 4 x 4", "G: 2 x 2 x 2 x 2"]);
    proves("grad(sum(maxpool2d(X, 2, 1) .^ 2), X)", "2 * maxunpool2d(X, maxpool2d(X, 2, 1), 2, 1)", ["X: 1 x 2 x 4 x 5"]);
  });

  it("the pairing <G, maxpool(X, k, s, V)> = <maxunpool(X, G, k, s), V>", () => {
    proves("sum(G .* maxpool2d(X, 2, 1, V))", "sum(maxunpool2d(X, G, 2, 1) .* V)", ["X, V: 1 x 2 x 4 x 5", "G: 1 x 2 x 3 x 4"]);
    proves("sum(maxunpool1d(X, G, 3, 2) .* V)", "sum(G .* maxpool1d(X, 3, 2, V))", ["X, V: 2 x 3 x 7", "G: 2 x 3 x 3"]);
  });

  it("ties: the first maximum receives the cotangent, as maxpool(x, k, s, v) takes v there, so the pairing holds at a tie", () => {
    const at = { X: "reshape([5, 5, 1, 1, 2, 7], 1, 1, 6)", G: "reshape([1, 2, 3], 1, 1, 3)", V: "reshape([10, 20, 30, 40, 50, 60], 1, 1, 6)" };
    const lets = ["X, V: 1 x 1 x 6", "G: 1 x 1 x 3"];
    expect(flat(evaluate({ expr: "maxunpool1d(X, G, 2)", let: lets, at, seed: 1 }).value)).toEqual([1, 0, 2, 0, 0, 3]);
    const lhs = evaluate({ expr: "sum(G .* maxpool1d(X, 2, 2, V))", let: lets, at, seed: 1 }).value as number;
    const rhs = evaluate({ expr: "sum(maxunpool1d(X, G, 2) .* V)", let: lets, at, seed: 1 }).value as number;
    expect(lhs).toBe(1 * 10 + 2 * 30 + 3 * 60);
    expect(rhs).toBe(lhs);
  });

  it("wrong adjoints are refuted: the cotangent spread like average pooling, routed to the minimum, a wrong stride", () => {
    const lets = ["X: 1 x 2 x 6", "G: 1 x 2 x 3"];
    refutes("grad(sum(G .* maxpool1d(X, 2)), X)", "2 * avgunpool1d(G, 2)", lets);
    refutes("grad(sum(G .* maxpool1d(X, 2)), X)", "-maxunpool1d(-X, G, 2)", lets);
    // the same 2 outputs of 4 entries from windows of 3 with stride 1
    refutes("grad(sum(G .* maxpool1d(X, 2, 2)), X)", "maxunpool1d(X, G, 3, 1)", ["X: 1 x 2 x 4", "G: 1 x 2 x 2"]);
  });
});

describe("the pooling adjoints against finite differences (property)", () => {
  it("on random sizes and strides, the engine's finite differences of the loss agree with the unpooling, and the engine proves it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 4, max: 7 }), fc.boolean(), fc.integer({ min: 1, max: 99 }), (s, k, h, max, seed) => {
        const o = Math.floor((h - k) / s) + 1;
        const op = h - ((o - 1) * s + k);
        const lets = [`X: 1 x 2 x ${h} x ${h}`, `G: 1 x 2 x ${o} x ${o}`];
        const lhs = `grad(sum(G .* ${max ? "maxpool2d" : "avgpool2d"}(X, ${k}, ${s})), X)`;
        const rhs = max ? `maxunpool2d(X, G, ${k}, ${s})` : `avgunpool2d(G, ${k}, ${s}, ${op})`;
        const fd = equal({ lhs, rhs, let: lets, seed, symbolic: false });
        expect(fd.verdict, fd.detail).toBe("verified");
        expect(equal({ lhs, rhs, let: lets, seed }).verdict).toBe("proved");
      }),
      { numRuns: 8 },
    );
  });
});
