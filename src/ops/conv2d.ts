// The function `conv2d(x, w [, b, stride, padding, dilation, groups])`:
// PyTorch's torch.nn.functional.conv2d (a cross-correlation; the kernel is not
// flipped). x: N x C_in x H x W, w: C_out x C_in/groups x kh x kw, b: a vector
// of C_out entries or a scalar (0: no bias); stride, padding, dilation are
// integers applied to both axes, groups divides both channel counts, so a
// depthwise convolution is groups = C_in and a 1 x 1 convolution a per-pixel
// matrix product.

import { defineOp } from "./define.js";
import { convLatex } from "./conv-latex.js";
import { convEval, convJvp, convTranspose } from "./conv-rules.js";
import { convShape } from "./tensor-util.js";

export const conv2dOp = defineOp({
  name: "conv2d",
  doc: "2-d convolution as in PyTorch (cross-correlation): conv2d(x, w) or conv2d(x, w, b, stride, padding, dilation, groups); x: N x C x H x W, w: C_out x C/groups x kh x kw.",
  syntax: { kind: "function", names: ["conv2d"], arity: [2, 7] },
  tensorArgs: true,
  shape: (args, ctx) => convShape("conv2d", 2, args, ctx),
  eval: convEval(2),
  jvp: convJvp("conv2d"),
  transpose: convTranspose("conv2d"),
  latex: (args, node) => convLatex(args, node, ["s", "p", "d", "g"]),
  examples: [
    // hand-computed: x[i, j] - x[i + 1, j + 1] over a 3 x 3 ramp
    ["conv2d(reshape([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3), reshape([1, 0, 0, -1], 1, 1, 2, 2))", "reshape([-4, -4, -4, -4], 1, 1, 2, 2)"],
    ["conv2d(X + Y, W, 0, 1, 1)", "conv2d(X, W, 0, 1, 1) + conv2d(Y, W, 0, 1, 1)", ["X, Y: n x c x h x w", "W: o x c x 3 x 3"]],
    ["conv2d(X, a * W, 0, 2, 1, 2)", "a * conv2d(X, W, 0, 2, 1, 2)", ["X: 2 x 3 x 7 x 6", "W: 4 x 3 x 2 x 2"]],
    ["conv2d(X, W, b)", "conv2d(X, W) + perchannel(b, conv2d(X, W))", ["X: n x c x h x w", "W: o x c x 1 x 1", "b: o"]],
    // a 1 x 1 convolution is the same matrix product at every pixel
    ["conv2d(X, W)", "reshape(reshape(W, 2, 3) * reshape(X, 3, 20), 1, 2, 4, 5)", ["X: 1 x 3 x 4 x 5", "W: 2 x 3 x 1 x 1"]],
    // depthwise: groups = channels
    ["conv2d(a * X, W, 0, 1, 1, 1, c)", "a * conv2d(X, W, 0, 1, 1, 1, c)", ["X: n x c x h x w", "W: c x 1 x 3 x 3"]],
    ["diff(sum(conv2d(X, W) .^ 2), W, V)", "2 * sum(conv2d(X, W) .* conv2d(X, V))", ["X: 2 x 3 x 5 x 4", "W, V: 2 x 3 x 2 x 2"]],
  ],
  source: "PyTorch torch.nn.functional.conv2d",
});
