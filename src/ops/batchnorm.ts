// The function `batchnorm(x, gamma, beta, eps)`: batch normalisation in
// training mode, as PyTorch's batch_norm(training=True): per channel (axis 1),
// over the batch and spatial axes, gamma (x - mean) / sqrt(var + eps) + beta
// with the biased variance (divided by the count). x: N x C (a matrix), N x C x
// L or N x C x H x W; gamma, beta: C entries or scalars; eps a positive scalar.
// batchnorm(x, gamma, beta, eps, v) is the differential in x along v, linear in v.

import { defineOp } from "./define.js";
import { sumTerms } from "./derivative-util.js";
import { call, opName } from "./latex-util.js";
import { dimsOf, isScalar, isVector, showShape } from "../core/shape.js";
import { batchnorm } from "../core/conv.js";

export const batchnormOp = defineOp({
  name: "batchnorm",
  doc: "Training-mode batch normalisation per channel (axis 1) over every other axis, biased variance: batchnorm(x, gamma, beta, eps); batchnorm(x, gamma, beta, eps, v) is its differential in x along v.",
  syntax: { kind: "function", names: ["batchnorm"], arity: [4, 5] },
  tensorArgs: true,
  shape: ([x, gamma, beta, eps, v], ctx) => {
    if (x!.cols === 1 && !x!.lead) ctx.fail(`batchnorm needs N x C, N x C x L or N x C x H x W, not ${ctx.argText(0)} (${showShape(x!)})`, ctx.arg(0));
    const C = dimsOf(x!)[1]!;
    for (const [i, s] of [[1, gamma!], [2, beta!]] as const) {
      if (!isScalar(s) && !(isVector(s) && s.rows === C)) ctx.fail(`batchnorm: ${ctx.argText(i)} (${showShape(s)}) must have one entry per channel (${C}) or be a scalar`, ctx.arg(i));
    }
    if (!isScalar(eps!)) ctx.fail(`batchnorm: eps must be a scalar, not ${showShape(eps!)}`, ctx.arg(3));
    if (v && dimsOf(v).join() !== dimsOf(x!).join()) ctx.fail(`batchnorm(x, gamma, beta, eps, v): v must have the shape of x, not ${showShape(v)}`, ctx.arg(4));
    return x!;
  },
  eval: ([x, gamma, beta, eps, v], ctx) => {
    const e = eps!.scalar();
    if (!(e >= 0)) ctx.invalid("batchnorm needs eps >= 0");
    return batchnorm(x!, gamma!, beta!, e, v ?? null);
  },
  // d bn = bn'(x)[dx] + xhat .* perchannel(dgamma) + perchannel(dbeta), xhat = batchnorm(x, 1, 0, eps)
  jvp: ({ node, args: [x, gamma, beta, eps, v], dargs: [dx, dgamma, dbeta, deps, dv], b }) => {
    if (deps) throw new Error("batchnorm is not differentiated in eps");
    if (v) {
      // linear in v, independent of beta; its derivatives in x and gamma (second derivatives of batchnorm) are not written
      if (dx || dgamma) throw new Error("batchnorm(x, gamma, beta, eps, v) is differentiated in v only (a second derivative of batchnorm is not written)");
      return dv ? b.mk("batchnorm", [x!, gamma!, beta!, eps!, dv]) : { op: "num", value: 0, args: [], pos: 0, end: 0, shape: node.shape };
    }
    return sumTerms(b, [
      dx ? b.mk("batchnorm", [x!, gamma!, beta!, eps!, dx]) : null,
      dgamma ? b.had(b.mk("batchnorm", [x!, b.num(1), b.num(0), eps!]), b.mk("perchannel", [dgamma, node])) : null,
      dbeta ? b.mk("perchannel", [dbeta, node]) : null,
    ]);
  },
  transpose: () => {
    throw new Error("the adjoint of batchnorm cannot be written in the language");
  },
  latex: (args) => call(opName("BN"), ...args),
  examples: [
    // channel 0 holds 1, 3 (mean 2, biased variance 1), channel 1 holds 2, 6 (mean 4, variance 4)
    ["batchnorm([1, 2; 3, 6], 1, 0, 0)", "[-1, -1; 1, 1]"],
    ["mean(batchnorm(X, 1, 0, 0.001))", "0", ["X: n x c x h x w"]],
    ["batchnorm((a * a + 1) * X + 1, g, b, 0)", "batchnorm(X, g, b, 0)", ["X: 3 x 2 x 3 x 4", "g, b: 2"]],
    ["batchnorm(X, g, b, 0.01)", "perchannel(g, X) .* batchnorm(X, 1, 0, 0.01) + perchannel(b, X)", ["X: n x c x l", "g, b: c"]],
    ["diff(sum(batchnorm(X, g, b, 0.1) .^ 2), g, h)", "2 * sum(batchnorm(X, g, b, 0.1) .* batchnorm(X, h, 0, 0.1))", ["X: 4 x 3 x 5", "g, h, b: 3"]],
  ],
  source: "PyTorch torch.nn.functional.batch_norm (training=True); Ioffe and Szegedy (2015)",
});
