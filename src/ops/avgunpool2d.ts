// The function `avgunpool2d(g, k [, s, op [, op_w]])`: the adjoint of avgpool2d(x, k, s)
// (its backward pass): each entry of g (N x C x H x W) spread evenly, g / k^2,
// over its k x k window; overlapping windows add. Output sizes (n - 1) s + k + op
// on both axes, the output padding op < s giving back sizes lost to the floor
// (op_w, when given, is the width's and op the height's).

import { defineOp } from "./define.js";
import { unpoolLatex } from "./conv-latex.js";
import { avgUnpoolEval, avgUnpoolJvp, avgUnpoolShape, avgUnpoolTranspose } from "./unpool-rules.js";

export const avgunpool2dOp = defineOp({
  name: "avgunpool2d",
  doc: "adjoint of avgpool2d (its backward pass): avgunpool2d(g, k) or avgunpool2d(g, k, s, op [, op_w]), each entry of g spread evenly over its k x k window; output sizes (n - 1) s + k + op (op_w for the width when given).",
  syntax: { kind: "function", names: ["avgunpool2d"], arity: [2, 5] },
  tensorArgs: true,
  shape: (args, ctx) => avgUnpoolShape("avgunpool2d", 2, args, ctx),
  eval: avgUnpoolEval(2),
  jvp: avgUnpoolJvp("avgunpool2d"),
  transpose: avgUnpoolTranspose("avgunpool2d"),
  latex: (args) => unpoolLatex("avgunpool", args, 2),
  examples: [
    // one entry 4 over a 2 x 2 window: 1 each
    ["avgunpool2d(reshape([4], 1, 1, 1, 1), 2)", "reshape([1, 1, 1, 1], 1, 1, 2, 2)"],
    ["sum(G .* avgpool2d(X, 2))", "sum(avgunpool2d(G, 2) .* X)", ["X: 2 x 3 x 4 x 6", "G: 2 x 3 x 2 x 3"]],
    ["grad(sum(G .* avgpool2d(X, 3, 2)), X)", "avgunpool2d(G, 3, 2, 1)", ["X: 1 x 2 x 8 x 8", "G: 1 x 2 x 3 x 3"]],
    ["sum(avgunpool2d(G, 2))", "sum(G)", ["G: 1 x 2 x 3 x 3"]],
    // a 5 x 4 input pooled with stride 2 loses its last row only: output paddings 1 and 0
    ["grad(sum(G .* avgpool2d(X, 2)), X)", "avgunpool2d(G, 2, 2, 1, 0)", ["X: 1 x 1 x 5 x 4", "G: 1 x 1 x 2 x 2"]],
  ],
  source: "PyTorch torch.nn.functional.avg_pool2d (its backward)",
});
