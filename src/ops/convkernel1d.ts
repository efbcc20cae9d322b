// The function `convkernel1d(x, g, k [, stride, padding, dilation, groups])`:
// the gradient of conv1d in its kernel (PyTorch's torch.nn.grad.conv1d_weight),
// a correlation of the input x (N x C x L) with the output cotangent g
// (N x C_out x L_out), summed over the batch; a kernel C_out x C/groups x k.
// The adjoint of conv1d(x, w, 0, s, p, d, groups) in w.

import { defineOp } from "./define.js";
import { convKernelLatex } from "./conv-latex.js";
import { convKernelEval, convKernelJvp, convKernelShape, convKernelTranspose } from "./convkernel-rules.js";

export const convkernel1dOp = defineOp({
  name: "convkernel1d",
  doc: "gradient of conv1d in its kernel (PyTorch's conv1d_weight): convkernel1d(x, g, k) or convkernel1d(x, g, k, stride, padding, dilation, groups); x: N x C x L, g: N x C_out x L_out, result C_out x C/groups x k.",
  syntax: { kind: "function", names: ["convkernel1d"], arity: [3, 7] },
  tensorArgs: true,
  shape: (args, ctx) => convKernelShape("convkernel1d", 1, args, ctx),
  eval: convKernelEval(1),
  jvp: convKernelJvp("convkernel1d"),
  transpose: convKernelTranspose("convkernel1d"),
  latex: (args) => convKernelLatex(args, 1),
  examples: [
    // hand-computed: x = [1 2 3 4], g = [1 0 -1]: w[u] = sum_j g[j] x[j + u] = [1 - 3, 2 - 4]
    ["convkernel1d(reshape([1, 2, 3, 4], 1, 1, 4), reshape([1, 0, -1], 1, 1, 3), 2)", "reshape([-2, -2], 1, 1, 2)"],
    // stride 2, padding 1: x padded [0 1 2 3 4 0], windows at 0, 2, 4 with g = [1 1 1]: [0 + 2 + 4, 1 + 3 + 0]
    ["convkernel1d(reshape([1, 2, 3, 4], 1, 1, 4), reshape([1, 1, 1], 1, 1, 3), 2, 2, 1)", "reshape([6, 4], 1, 1, 2)"],
    // the backprop identity: <G, conv1d(X, W)> = <convkernel1d(X, G), W>
    ["sum(G .* conv1d(X, W, 0, 2, 1))", "sum(convkernel1d(X, G, 3, 2, 1) .* W)", ["X: 2 x 3 x 9", "W: 4 x 3 x 3", "G: 2 x 4 x 5"]],
    ["grad(sum(G .* conv1d(X, W, 0, 1, 1)), W)", "convkernel1d(X, G, 3, 1, 1)", ["X: n x c x l", "W: o x c x 3", "G: n x o x l"]],
    ["convkernel1d(X + a * Y, G, 2)", "convkernel1d(X, G, 2) + a * convkernel1d(Y, G, 2)", ["X, Y: 1 x 2 x 5", "G: 1 x 3 x 4"]],
  ],
  source: "PyTorch torch.nn.grad.conv1d_weight",
});
