// The function `avgpool1d(x, k [, s])`: PyTorch's avg_pool1d with a window of
// k, stride s (default k) and no padding. x: N x C x L.

import { defineOp } from "./define.js";
import { poolLatex } from "./conv-latex.js";
import { avgEval, avgJvp, poolTranspose } from "./pool-rules.js";
import { poolShape } from "./tensor-util.js";

export const avgpool1dOp = defineOp({
  name: "avgpool1d",
  doc: "1-d average pooling as in PyTorch: avgpool1d(x, k) or avgpool1d(x, k, s), windows of k, stride s (default k), no padding; x: N x C x L.",
  syntax: { kind: "function", names: ["avgpool1d"], arity: [2, 3] },
  tensorArgs: true,
  shape: (args, ctx) => poolShape("avgpool1d", 1, args, ctx, false),
  eval: avgEval(1),
  jvp: avgJvp("avgpool1d"),
  transpose: poolTranspose("avgpool1d"),
  latex: (args) => poolLatex("avgpool", args, 1),
  examples: [
    ["avgpool1d(reshape([1, 3, 2, 6], 1, 1, 4), 2, 1)", "reshape([2, 2.5, 4], 1, 1, 3)"],
    ["avgpool1d(X + Y, 3, 2)", "avgpool1d(X, 3, 2) + avgpool1d(Y, 3, 2)", ["X, Y: 2 x 3 x 9"]],
    ["diff(sum(avgpool1d(X, 2) .* G), X, V)", "sum(avgpool1d(V, 2) .* G)", ["X, V: 1 x 2 x 6", "G: 1 x 2 x 3"]],
  ],
  source: "PyTorch torch.nn.functional.avg_pool1d",
});
