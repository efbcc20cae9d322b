// The function `maxunpool2d(x, g, k [, s])`: the adjoint of max pooling (its
// backward pass): each entry of g goes to the maximum of its k x k window of x
// (the first one in row-major order on a tie, the rule of maxpool2d), zeros
// elsewhere; overlapping windows add. The shape of x; g has the shape of
// maxpool2d(x, k, s). PyTorch's max_unpool2d given the indices of max_pool2d.

import { defineOp } from "./define.js";
import { unpoolLatex } from "./conv-latex.js";
import { maxUnpoolEval, maxUnpoolJvp, maxUnpoolShape, maxUnpoolTranspose } from "./unpool-rules.js";

export const maxunpool2dOp = defineOp({
  name: "maxunpool2d",
  doc: "adjoint of maxpool2d (its backward pass): maxunpool2d(x, g, k) or maxunpool2d(x, g, k, s), each entry of g at its window's maximum of x (the first one on a tie), zeros elsewhere.",
  syntax: { kind: "function", names: ["maxunpool2d"], arity: [3, 4] },
  tensorArgs: true,
  shape: (args, ctx) => maxUnpoolShape("maxunpool2d", 2, args, ctx),
  eval: maxUnpoolEval(2),
  jvp: maxUnpoolJvp("maxunpool2d"),
  transpose: maxUnpoolTranspose("maxunpool2d"),
  latex: (args) => unpoolLatex("maxunpool", args, 2, true),
  examples: [
    // the maxima 5, 8, 9, 7 of the four 2 x 2 windows receive 1, 2, 3, 4
    ["maxunpool2d(reshape([1, 5, 2, 0, 3, 4, 8, 1, 0, 2, 1, 1, 9, 1, 3, 7], 1, 1, 4, 4), reshape([1, 2, 3, 4], 1, 1, 2, 2), 2)", "reshape([0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 4], 1, 1, 4, 4)"],
    ["sum(G .* maxpool2d(X, 2, 1, V))", "sum(maxunpool2d(X, G, 2, 1) .* V)", ["X, V: 1 x 2 x 4 x 5", "G: 1 x 2 x 3 x 4"]],
    ["grad(sum(G .* maxpool2d(X, 2)), X)", "maxunpool2d(X, G, 2)", ["X: 2 x 2 x 4 x 4", "G: 2 x 2 x 2 x 2"]],
    ["maxunpool2d(X, a * G + H, 2)", "a * maxunpool2d(X, G, 2) + maxunpool2d(X, H, 2)", ["X: 1 x 2 x 4 x 4", "G, H: 1 x 2 x 2 x 2"]],
  ],
  source: "PyTorch torch.nn.functional.max_unpool2d (with the indices of max_pool2d)",
});
