// The function `maxpool2d(x, k [, s])`: PyTorch's max_pool2d with a k x k
// window, stride s (default k) and no padding. maxpool2d(x, k, s, v) is its
// differential in the direction v: the entry of v at each window's maximum of x
// (the first one on a tie, as PyTorch), linear in v.

import { defineOp } from "./define.js";
import { poolLatex } from "./conv-latex.js";
import { maxEval, maxJvp, poolTranspose } from "./pool-rules.js";
import { poolShape } from "./tensor-util.js";

export const maxpool2dOp = defineOp({
  name: "maxpool2d",
  doc: "2-d max pooling as in PyTorch: maxpool2d(x, k) or maxpool2d(x, k, s) (stride default k, no padding); maxpool2d(x, k, s, v) takes v at the maxima of x.",
  syntax: { kind: "function", names: ["maxpool2d"], arity: [2, 4] },
  tensorArgs: true,
  shape: (args, ctx) => poolShape("maxpool2d", 2, args, ctx, true),
  eval: maxEval(2),
  jvp: maxJvp("maxpool2d"),
  transpose: poolTranspose("maxpool2d"),
  latex: (args) => poolLatex("maxpool", args, 2),
  examples: [
    ["maxpool2d(reshape([1, 5, 2, 0, 3, 4, 8, 1, 0, 2, 1, 1, 9, 1, 3, 7], 1, 1, 4, 4), 2)", "reshape([5, 8, 9, 7], 1, 1, 2, 2)"],
    ["maxpool2d(a * a * X + 1, 2, 1)", "a * a * maxpool2d(X, 2, 1) + 1", ["X: 2 x 2 x 4 x 5"]],
    ["maxpool2d(X, 2, 2, X)", "maxpool2d(X, 2)", ["X: 1 x 3 x 4 x 6"]],
    ["diff(sum(maxpool2d(X, 2) .^ 2), X, V)", "2 * sum(maxpool2d(X, 2) .* maxpool2d(X, 2, 2, V))", ["X, V: 1 x 2 x 4 x 4"]],
  ],
  source: "PyTorch torch.nn.functional.max_pool2d",
});
