// The function `avgunpool1d(g, k [, s, op])`: the adjoint of avgpool1d(x, k, s)
// (its backward pass): each entry of g (N x C x L) spread evenly, g / k, over
// its window; overlapping windows add. Output length (L - 1) s + k + op, the
// output padding op < s giving back an input length lost to the floor.

import { defineOp } from "./define.js";
import { unpoolLatex } from "./conv-latex.js";
import { avgUnpoolEval, avgUnpoolJvp, avgUnpoolShape, avgUnpoolTranspose } from "./unpool-rules.js";

export const avgunpool1dOp = defineOp({
  name: "avgunpool1d",
  doc: "adjoint of avgpool1d (its backward pass): avgunpool1d(g, k) or avgunpool1d(g, k, s, op), each entry of g spread evenly over its window of k; output length (L - 1) s + k + op.",
  syntax: { kind: "function", names: ["avgunpool1d"], arity: [2, 4] },
  tensorArgs: true,
  shape: (args, ctx) => avgUnpoolShape("avgunpool1d", 1, args, ctx),
  eval: avgUnpoolEval(1),
  jvp: avgUnpoolJvp("avgunpool1d"),
  transpose: avgUnpoolTranspose("avgunpool1d"),
  latex: (args) => unpoolLatex("avgunpool", args, 1),
  examples: [
    // windows of 2 with stride 1 overlap: [2, 4] -> [1, 1 + 2, 2]
    ["avgunpool1d(reshape([2, 4], 1, 1, 2), 2, 1)", "reshape([1, 3, 2], 1, 1, 3)"],
    // stride 2 over 5 entries: the last entry is in no window (op = 1)
    ["avgunpool1d(reshape([2, 4], 1, 1, 2), 2, 2, 1)", "reshape([1, 1, 2, 2, 0], 1, 1, 5)"],
    ["sum(G .* avgpool1d(X, 3, 2))", "sum(avgunpool1d(G, 3, 2, 1) .* X)", ["X: 2 x 3 x 8", "G: 2 x 3 x 3"]],
    ["grad(sum(G .* avgpool1d(X, 2)), X)", "avgunpool1d(G, 2)", ["X: 1 x 2 x 6", "G: 1 x 2 x 3"]],
  ],
  source: "PyTorch torch.nn.functional.avg_pool1d (its backward)",
});
