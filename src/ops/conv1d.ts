// The function `conv1d(x, w [, b, stride, padding, dilation, groups])`:
// PyTorch's torch.nn.functional.conv1d (a cross-correlation). x: N x C_in x L,
// w: C_out x C_in/groups x k, b: a vector of C_out entries or a scalar (0: no
// bias); evaluated as conv2d with a height of 1.

import { defineOp } from "./define.js";
import { convLatex } from "./conv-latex.js";
import { convEval, convJvp, convTranspose } from "./conv-rules.js";
import { convShape } from "./tensor-util.js";

export const conv1dOp = defineOp({
  name: "conv1d",
  doc: "1-d convolution as in PyTorch (cross-correlation): conv1d(x, w) or conv1d(x, w, b, stride, padding, dilation, groups); x: N x C x L, w: C_out x C/groups x k.",
  syntax: { kind: "function", names: ["conv1d"], arity: [2, 7] },
  tensorArgs: true,
  shape: (args, ctx) => convShape("conv1d", 1, args, ctx),
  eval: convEval(1),
  jvp: convJvp("conv1d"),
  transpose: convTranspose("conv1d"),
  latex: (args, node) => convLatex(args, node, ["s", "p", "d", "g"]),
  examples: [
    // hand-computed: [1 2 3 4] * [1 -1] -> [-1 -1 -1]; with stride 2, padding 1: [0 1 2 3 4 0] -> [-1, -1, 4]
    ["conv1d(reshape([1, 2, 3, 4], 1, 1, 4), reshape([1, -1], 1, 1, 2))", "reshape([-1, -1, -1], 1, 1, 3)"],
    ["conv1d(reshape([1, 2, 3, 4], 1, 1, 4), reshape([1, -1], 1, 1, 2), 0, 2, 1)", "reshape([-1, -1, 4], 1, 1, 3)"],
    ["conv1d(X, W + V, 0, 1, 2, 2)", "conv1d(X, W, 0, 1, 2, 2) + conv1d(X, V, 0, 1, 2, 2)", ["X: n x c x l", "W, V: o x c x 3"]],
    ["conv1d(X, W, b, 2)", "conv1d(X, W, 0, 2) + perchannel(b, conv1d(X, W, 0, 2))", ["X: 2 x 4 x 9", "W: 6 x 4 x 3", "b: 6"]],
    ["conv1d(X + Y, W, 0, 1, 0, 1, 2)", "conv1d(X, W, 0, 1, 0, 1, 2) + conv1d(Y, W, 0, 1, 0, 1, 2)", ["X, Y: 1 x 4 x 5", "W: 6 x 2 x 2"]],
    ["diff(sum(conv1d(X, W) .* G), X, V)", "sum(conv1d(V, W) .* G)", ["X, V: 2 x 3 x 6", "W: 2 x 3 x 3", "G: 2 x 2 x 4"]],
  ],
  source: "PyTorch torch.nn.functional.conv1d",
});
