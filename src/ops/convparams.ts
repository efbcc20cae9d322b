// The function `convparams(cin, cout, k, bias)`: the number of parameters of
// a convolution layer.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { integerArg } from "./conv-util.js";
import { SCALAR, isScalar, showShape } from "../core/shape.js";
import { DeriveError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";

const PARAMS = ["input channels cin", "output channels cout", "kernel entries k", "bias"] as const;

export const convparamsOp = defineOp({
  name: "convparams",
  doc:
    "convparams(cin, cout, k, bias) = cout * (cin * k + bias): weights and biases of a convolution with k kernel entries (write 3*3 for a 3 x 3 kernel); bias is 1 (the default) or 0. Integer arguments only.",
  syntax: { kind: "function", names: ["convparams"], arity: [3, 4] },
  shape: (args, ctx) => {
    args.forEach((a, i) => {
      if (!isScalar(a)) ctx.fail(`convparams's ${PARAMS[i]} must be a scalar, not ${ctx.argText(i)} (${showShape(a)})`, ctx.arg(i));
    });
    return SCALAR;
  },
  eval: (args, ctx) => {
    const cin = integerArg(args, 0, "input channels cin", 1, ctx);
    const cout = integerArg(args, 1, "output channels cout", 1, ctx);
    const k = integerArg(args, 2, "kernel entries k", 1, ctx);
    const bias = args.length > 3 ? integerArg(args, 3, "bias", 0, ctx) : 1;
    if (bias > 1) throw new DeriveError("value", `convparams needs bias 0 or 1, not ${bias}`, ctx.node.args[3]!.pos);
    return Tensor.scalar(cout * (cin * k + bias));
  },
  // no jvp: the arguments are integers
  latex: (args) => call(opName("convparams"), ...args),
  examples: [
    ["convparams(3, 96, 11 * 11)", "34944"],
    ["convparams(16, 32, 3 * 3, 0)", "4608"],
    ["convparams(c, d, k)", "d * (c * k + 1)", ["c, d, k: integer"]],
    ["convparams(c, d, k, 0)", "c * d * k", ["c, d, k: integer"]],
  ],
  source: "PyTorch, torch.nn.Conv2d (weight: cout x cin/groups x kH x kW, bias: cout)",
});
