// The function `convparams(cin, cout, k, bias)`: the number of parameters of
// a convolution layer. On a sheet it is the count itself, as deep-learning
// texts write it: c_out (c_in k + 1), weights plus one bias per output channel.

import { defineOp } from "./define.js";
import { isTight, isWrapped, paren } from "./latex-util.js";
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
  latex: (args) => convparamsLatex(args),
  examples: [
    ["convparams(3, 96, 11 * 11)", "34944"],
    ["convparams(16, 32, 3 * 3, 0)", "4608"],
    ["convparams(c, d, k)", "d * (c * k + 1)", ["c, d, k: integer"]],
    ["convparams(c, d, k, 0)", "c * d * k", ["c, d, k: integer"]],
  ],
  source: "PyTorch, torch.nn.Conv2d (weight: cout x cin/groups x kH x kW, bias: cout)",
});

/** A factor of a product: `k` and `3 \cdot 3` stay bare (a product is associative), `a + b` gets parentheses. */
const factor = (x: string): string => (isTight(x) || isWrapped(x) || !/[+\-]/.test(x) ? x : paren(x));

/** Two factors side by side: a dot between two numbers (`3 \cdot 96`, never `3 96`), a thin space otherwise. */
const times = (a: string, b: string): string => (/[\d.}]$/.test(a) && /^[\d.]/.test(b) ? `${a} \\cdot ${b}` : `${a} \\, ${b}`);

/** `cout (cin k + bias)`; with bias 0, `cout cin k`. */
function convparamsLatex([cin, cout, k, bias = "1"]: readonly string[]): string {
  const weights = times(factor(cin!), factor(k!));
  if (bias === "0") return times(factor(cout!), weights);
  return times(factor(cout!), paren(`${weights} + ${bias}`));
}
