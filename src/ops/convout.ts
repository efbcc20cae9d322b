// The function `convout(n, k, s, p, d)`: the output length of a convolution
// (or pooling) along one axis, with PyTorch's formula.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { integerArg } from "./conv-util.js";
import { SCALAR, isScalar, showShape } from "../core/shape.js";
import { DeriveError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import { convOut } from "../core/conv.js";

const PARAMS = ["input size n", "kernel size k", "stride s", "padding p", "dilation d"] as const;

export const convoutOp = defineOp({
  name: "convout",
  doc:
    "convout(n, k, s, p, d) = floor((n + 2p - d(k - 1) - 1) / s) + 1, the output length of a convolution or pooling (PyTorch); s = 1, p = 0, d = 1 when left out. Integer arguments only.",
  syntax: { kind: "function", names: ["convout"], arity: [2, 5] },
  shape: (args, ctx) => {
    args.forEach((a, i) => {
      if (!isScalar(a)) ctx.fail(`convout's ${PARAMS[i]} must be a scalar, not ${ctx.argText(i)} (${showShape(a)})`, ctx.arg(i));
    });
    return SCALAR;
  },
  eval: (args, ctx) => {
    const n = integerArg(args, 0, "input size n", 1, ctx);
    const k = integerArg(args, 1, "kernel size k", 1, ctx);
    const s = args.length > 2 ? integerArg(args, 2, "stride s", 1, ctx) : 1;
    const p = args.length > 3 ? integerArg(args, 3, "padding p", 0, ctx) : 0;
    const d = args.length > 4 ? integerArg(args, 4, "dilation d", 1, ctx) : 1;
    const span = d * (k - 1) + 1;
    if (n + 2 * p < span) {
      throw new DeriveError("value", `convout: the kernel spans ${span} but the padded input has ${n + 2 * p}`, ctx.node.pos);
    }
    return Tensor.scalar(convOut(n, k, s, p, d));
  },
  // no jvp: the arguments are integers (an argument that varies is an error above)
  latex: (args) => call(opName("convout"), ...args),
  examples: [
    ["convout(227, 11, 4)", "55"],
    ["convout(13, 3, 1, 1)", "13"],
    ["convout(32, 3, 2, 1)", "16"],
    ["convout(10, 3, 1, 0, 2)", "6"],
    ["convout(n + 2, 3)", "n", ["n: integer"]],
  ],
  source: "PyTorch, torch.nn.Conv2d (shape section)",
});
