// The function `avgpool2d(x, k [, s])`: PyTorch's avg_pool2d with a k x k
// window, stride s (default k, as in PyTorch) and no padding. x: N x C x H x W.

import { defineOp } from "./define.js";
import { poolLatex } from "./conv-latex.js";
import { avgEval, avgJvp, poolTranspose } from "./pool-rules.js";
import { poolShape } from "./tensor-util.js";

export const avgpool2dOp = defineOp({
  name: "avgpool2d",
  doc: "2-d average pooling as in PyTorch: avgpool2d(x, k) or avgpool2d(x, k, s), k x k windows, stride s (default k), no padding; x: N x C x H x W.",
  syntax: { kind: "function", names: ["avgpool2d"], arity: [2, 3] },
  tensorArgs: true,
  shape: (args, ctx) => poolShape("avgpool2d", 2, args, ctx, false),
  eval: avgEval(2),
  jvp: avgJvp("avgpool2d"),
  transpose: poolTranspose("avgpool2d"),
  latex: (args) => poolLatex("avgpool", args, 2),
  examples: [
    ["avgpool2d(reshape([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 1, 1, 4, 4), 2)", "reshape([3.5, 5.5, 11.5, 13.5], 1, 1, 2, 2)"],
    ["avgpool2d(X + a * Y, 2, 1)", "avgpool2d(X, 2, 1) + a * avgpool2d(Y, 2, 1)", ["X, Y: 2 x 3 x 5 x 4"]],
    ["avgpool2d(X, 1)", "X", ["X: n x c x h x w"]],
    ["sum(avgpool2d(X, 2))", "sum(X) / 4", ["X: 2 x 2 x 4 x 6"]],
  ],
  source: "PyTorch torch.nn.functional.avg_pool2d",
});
