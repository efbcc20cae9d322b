// The function `convtranspose2d(g, w [, b, stride, padding, output_padding,
// groups, dilation])`: PyTorch's conv_transpose2d, the adjoint of conv2d in
// its input (the backward pass of a convolution, "a transposed convolution"):
// sum(G .* conv2d(X, W, 0, s, p)) = sum(convtranspose2d(G, W, 0, s, p, op) .* X).
// w is the weight of the convolution it transposes (C_in x C_out/groups x kh x kw).

import { defineOp } from "./define.js";
import { convLatex } from "./conv-latex.js";
import { convJvp, convTranspose, convTransposeEval } from "./conv-rules.js";
import { convTransposeShape } from "./tensor-util.js";

export const convtranspose2dOp = defineOp({
  name: "convtranspose2d",
  doc: "2-d transposed convolution as in PyTorch: convtranspose2d(g, w) or convtranspose2d(g, w, b, stride, padding, output_padding, groups, dilation); the adjoint of conv2d in its input.",
  syntax: { kind: "function", names: ["convtranspose2d"], arity: [2, 8] },
  tensorArgs: true,
  shape: (args, ctx) => convTransposeShape("convtranspose2d", 2, args, ctx),
  eval: convTransposeEval(2),
  jvp: convJvp("convtranspose2d"),
  transpose: convTranspose("convtranspose2d"),
  latex: (args, node) => convLatex(args, node, ["s", "p", "p_{\\mathrm{out}}", "g", "d"], true),
  examples: [
    // a 1 x 1 input spreads the kernel: [[1*1, 1*2], [1*3, 1*4]] times 2
    ["convtranspose2d(reshape([2], 1, 1, 1, 1), reshape([1, 2, 3, 4], 1, 1, 2, 2))", "reshape([2, 4, 6, 8], 1, 1, 2, 2)"],
    // the adjoint of conv2d: <G, conv2d(X, W)> = <convtranspose2d(G, W), X>
    ["sum(G .* conv2d(X, W, 0, 2, 1))", "sum(convtranspose2d(G, W, 0, 2, 1, 1) .* X)", ["X: 2 x 3 x 6 x 6", "W: 4 x 3 x 3 x 3", "G: 2 x 4 x 3 x 3"]],
    ["sum(G .* conv2d(X, W, 0, 1, 1))", "sum(convtranspose2d(G, W, 0, 1, 1) .* X)", ["X: n x c x h x w", "W: o x c x 3 x 3", "G: n x o x h x w"]],
    ["sum(G .* conv2d(X, W, 0, 1, 2, 2, 2))", "sum(convtranspose2d(G, W, 0, 1, 2, 0, 2, 2) .* X)", ["X: 1 x 4 x 5 x 5", "W: 2 x 2 x 3 x 3", "G: 1 x 2 x 5 x 5"]],
    ["grad(sum(G .* conv2d(X, W, 0, 1, 1)), X)", "convtranspose2d(G, W, 0, 1, 1)", ["X: 1 x 2 x 4 x 3", "W: 3 x 2 x 3 x 3", "G: 1 x 3 x 4 x 3"]],
    ["convtranspose2d(G, W, b)", "convtranspose2d(G, W) + perchannel(b, convtranspose2d(G, W))", ["G: 1 x 2 x 3 x 3", "W: 2 x 3 x 2 x 2", "b: 3"]],
  ],
  source: "PyTorch torch.nn.functional.conv_transpose2d",
});
