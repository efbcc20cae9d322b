// The function `convtranspose1d(g, w [, b, stride, padding, output_padding,
// groups, dilation])`: PyTorch's conv_transpose1d, the adjoint of conv1d in its
// input. w is the weight of the convolution it transposes (C_in x C_out/groups x k).

import { defineOp } from "./define.js";
import { convLatex } from "./conv-latex.js";
import { convJvp, convTranspose, convTransposeEval } from "./conv-rules.js";
import { convTransposeShape } from "./tensor-util.js";

export const convtranspose1dOp = defineOp({
  name: "convtranspose1d",
  doc: "1-d transposed convolution as in PyTorch: convtranspose1d(g, w) or convtranspose1d(g, w, b, stride, padding, output_padding, groups, dilation); the adjoint of conv1d in its input.",
  syntax: { kind: "function", names: ["convtranspose1d"], arity: [2, 8] },
  tensorArgs: true,
  shape: (args, ctx) => convTransposeShape("convtranspose1d", 1, args, ctx),
  eval: convTransposeEval(1),
  jvp: convJvp("convtranspose1d"),
  transpose: convTranspose("convtranspose1d"),
  latex: (args, node) => convLatex(args, node, ["s", "p", "p_{\\mathrm{out}}", "g", "d"], true),
  examples: [
    // [1, 2] spread by the kernel [1, -1] with stride 2: [1, -1, 2, -2]
    ["convtranspose1d(reshape([1, 2], 1, 1, 2), reshape([1, -1], 1, 1, 2), 0, 2)", "reshape([1, -1, 2, -2], 1, 1, 4)"],
    ["sum(G .* conv1d(X, W, 0, 1, 1))", "sum(convtranspose1d(G, W, 0, 1, 1) .* X)", ["X: n x c x l", "W: o x c x 3", "G: n x o x l"]],
    ["sum(G .* conv1d(X, W, 0, 3, 2, 2))", "sum(convtranspose1d(G, W, 0, 3, 2, 2, 1, 2) .* X)", ["X: 2 x 2 x 9", "W: 3 x 2 x 3", "G: 2 x 3 x 3"]],
    ["grad(sum(G .* conv1d(X, W, 0, 1, 1)), X)", "convtranspose1d(G, W, 0, 1, 1)", ["X: 1 x 3 x 4", "W: 1 x 3 x 3", "G: 1 x 1 x 4"]],
  ],
  source: "PyTorch torch.nn.functional.conv_transpose1d",
});
