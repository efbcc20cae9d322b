// The function `maxpool1d(x, k [, s])`: PyTorch's max_pool1d with a window of
// k, stride s (default k) and no padding; maxpool1d(x, k, s, v) is its
// differential in the direction v (v at each window's maximum of x).

import { defineOp } from "./define.js";
import { poolLatex } from "./conv-latex.js";
import { maxEval, maxJvp, poolTranspose } from "./pool-rules.js";
import { poolShape } from "./tensor-util.js";

export const maxpool1dOp = defineOp({
  name: "maxpool1d",
  doc: "1-d max pooling as in PyTorch: maxpool1d(x, k) or maxpool1d(x, k, s) (stride default k, no padding); maxpool1d(x, k, s, v) takes v at the maxima of x.",
  syntax: { kind: "function", names: ["maxpool1d"], arity: [2, 4] },
  tensorArgs: true,
  shape: (args, ctx) => poolShape("maxpool1d", 1, args, ctx, true),
  eval: maxEval(1),
  jvp: maxJvp("maxpool1d"),
  transpose: poolTranspose("maxpool1d"),
  latex: (args) => poolLatex("maxpool", args, 1),
  examples: [
    ["maxpool1d(reshape([1, 3, 2, 6, 4], 1, 1, 5), 2, 1)", "reshape([3, 3, 6, 6], 1, 1, 4)"],
    ["maxpool1d(exp(X), 3, 2)", "exp(maxpool1d(X, 3, 2))", ["X: 2 x 2 x 7"]],
    ["diff(sum(maxpool1d(X, 2, 1) .* G), X, V)", "sum(maxpool1d(X, 2, 1, V) .* G)", ["X, V: 2 x 3 x 6", "G: 2 x 3 x 5"]],
  ],
  source: "PyTorch torch.nn.functional.max_pool1d",
});
