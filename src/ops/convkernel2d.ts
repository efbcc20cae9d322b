// The function `convkernel2d(x, g, kh, kw [, stride, padding, dilation,
// groups])`: the gradient of conv2d in its kernel (PyTorch's
// torch.nn.grad.conv2d_weight), a correlation of the input x (N x C x H x W)
// with the output cotangent g (N x C_out x H_out x W_out), summed over the
// batch; a kernel C_out x C/groups x kh x kw. The adjoint of
// conv2d(x, w, 0, s, p, d, groups) in w: what backprop computes for dL/dW.

import { defineOp } from "./define.js";
import { convKernelLatex } from "./conv-latex.js";
import { convKernelEval, convKernelJvp, convKernelShape, convKernelTranspose } from "./convkernel-rules.js";

export const convkernel2dOp = defineOp({
  name: "convkernel2d",
  doc: "gradient of conv2d in its kernel (PyTorch's conv2d_weight): convkernel2d(x, g, kh, kw) or convkernel2d(x, g, kh, kw, stride, padding, dilation, groups); x: N x C x H x W, g: N x C_out x H_out x W_out, result C_out x C/groups x kh x kw.",
  syntax: { kind: "function", names: ["convkernel2d"], arity: [4, 8] },
  tensorArgs: true,
  shape: (args, ctx) => convKernelShape("convkernel2d", 2, args, ctx),
  eval: convKernelEval(2),
  jvp: convKernelJvp("convkernel2d"),
  transpose: convKernelTranspose("convkernel2d"),
  latex: (args) => convKernelLatex(args, 2),
  examples: [
    // hand-computed: a 3 x 3 ramp and a 2 x 2 cotangent of ones: each kernel entry sums a 2 x 2 block
    ["convkernel2d(reshape([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3), reshape([1, 1, 1, 1], 1, 1, 2, 2), 2, 2)", "reshape([12, 16, 24, 28], 1, 1, 2, 2)"],
    // the backprop identity: <G, conv2d(X, W)> = <convkernel2d(X, G), W>
    ["sum(G .* conv2d(X, W, 0, 2, 1))", "sum(convkernel2d(X, G, 3, 3, 2, 1) .* W)", ["X: 2 x 3 x 6 x 6", "W: 4 x 3 x 3 x 3", "G: 2 x 4 x 3 x 3"]],
    ["grad(sum(G .* conv2d(X, W, 0, 1, 1)), W)", "convkernel2d(X, G, 3, 3, 1, 1)", ["X: n x c x h x w", "W: o x c x 3 x 3", "G: n x o x h x w"]],
    // a rectangular kernel, dilation 2, two groups
    ["grad(sum(G .* conv2d(X, W, 0, 1, 0, 2, 2)), W)", "convkernel2d(X, G, 2, 3, 1, 0, 2, 2)", ["X: 1 x 4 x 6 x 7", "W: 2 x 2 x 2 x 3", "G: 1 x 2 x 4 x 3"]],
    ["convkernel2d(X, a * G + H, 2, 2)", "a * convkernel2d(X, G, 2, 2) + convkernel2d(X, H, 2, 2)", ["X: 1 x 2 x 4 x 4", "G, H: 1 x 3 x 3 x 3"]],
  ],
  source: "PyTorch torch.nn.grad.conv2d_weight",
});
