// The function `maxunpool1d(x, g, k [, s])`: the adjoint of max pooling (its
// backward pass): each entry of g goes to the maximum of its window of x (the
// first one on a tie, the rule of maxpool1d), zeros elsewhere; overlapping
// windows add. The shape of x; g has the shape of maxpool1d(x, k, s). It is
// PyTorch's max_unpool1d given the indices max_pool1d returns, with x in
// place of the indices.

import { defineOp } from "./define.js";
import { unpoolLatex } from "./conv-latex.js";
import { maxUnpoolEval, maxUnpoolJvp, maxUnpoolShape, maxUnpoolTranspose } from "./unpool-rules.js";

export const maxunpool1dOp = defineOp({
  name: "maxunpool1d",
  doc: "adjoint of maxpool1d (its backward pass): maxunpool1d(x, g, k) or maxunpool1d(x, g, k, s), each entry of g at its window's maximum of x (the first one on a tie), zeros elsewhere.",
  syntax: { kind: "function", names: ["maxunpool1d"], arity: [3, 4] },
  tensorArgs: true,
  shape: (args, ctx) => maxUnpoolShape("maxunpool1d", 1, args, ctx),
  eval: maxUnpoolEval(1),
  jvp: maxUnpoolJvp("maxunpool1d"),
  transpose: maxUnpoolTranspose("maxunpool1d"),
  latex: (args) => unpoolLatex("maxunpool", args, 1, true),
  examples: [
    // windows [1 3], [3 2], [2 6], [6 4]: maxima at 3, 3, 6, 6
    ["maxunpool1d(reshape([1, 3, 2, 6, 4], 1, 1, 5), reshape([1, 2, 3, 4], 1, 1, 4), 2, 1)", "reshape([0, 3, 0, 7, 0], 1, 1, 5)"],
    // a tie goes to the first maximum
    ["maxunpool1d(reshape([5, 5, 1, 1], 1, 1, 4), reshape([2, 3], 1, 1, 2), 2)", "reshape([2, 0, 3, 0], 1, 1, 4)"],
    ["sum(G .* maxpool1d(X, 3, 2, V))", "sum(maxunpool1d(X, G, 3, 2) .* V)", ["X, V: 2 x 3 x 7", "G: 2 x 3 x 3"]],
    ["grad(sum(G .* maxpool1d(X, 2)), X)", "maxunpool1d(X, G, 2)", ["X: 1 x 2 x 6", "G: 1 x 2 x 3"]],
  ],
  source: "PyTorch torch.nn.functional.max_unpool1d (with the indices of max_pool1d)",
});
