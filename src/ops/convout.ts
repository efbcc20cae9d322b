// The function `convout(n, k, s, p, d)`: the output length of a convolution
// (or pooling) along one axis, with PyTorch's formula. On a sheet it is that
// formula, the standard output-size formula of deep-learning texts:
// \left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1, with d(k - 1) + 1 for k
// under a dilation d.

import { defineOp } from "./define.js";
import { isTight, isWrapped, paren, unwrap } from "./latex-util.js";
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
  latex: (args) => convoutLatex(args),
  examples: [
    ["convout(227, 11, 4)", "55"],
    ["convout(13, 3, 1, 1)", "13"],
    ["convout(32, 3, 2, 1)", "16"],
    ["convout(10, 3, 1, 0, 2)", "6"],
    ["convout(n + 2, 3)", "n", ["n: integer"]],
  ],
  source: "PyTorch, torch.nn.Conv2d (shape section)",
});

/** An operand that a sign or a factor must not split: `k` stays `k`, `a + b` becomes `\left(a + b\right)`. */
const unit = (x: string): string => (isTight(x) || isWrapped(x) ? x : paren(x));

/**
 * `\left\lfloor \frac{n + 2 p - k}{s} \right\rfloor + 1`; the terms that defaults make
 * vanish are left out (p = 0, d = 1), and so is the floor of a division by 1
 * (every argument is an integer, so there is nothing to round).
 */
function convoutLatex([n, k, s = "1", p = "0", d = "1"]: readonly string[]): string {
  const terms = [unwrap(n!)];
  // 2 times a number needs a dot (`2 \cdot 1`, never `2 1`); times a name, none (`2 p`)
  if (p !== "0") terms.push(`+ 2 ${/^[\d.]/.test(p) ? "\\cdot " : ""}${unit(p)}`);
  // the kernel's span is d(k - 1) + 1: its "+ 1" and the formula's "- 1" cancel only when d = 1
  if (d === "1") terms.push(`- ${unit(k!)}`);
  else terms.push(`- ${unit(d)} \\left(${unwrap(k!)} - 1\\right) - 1`);
  const top = terms.join(" ");
  return s === "1" ? `${top} + 1` : `\\left\\lfloor \\frac{${top}}{${unwrap(s)}} \\right\\rfloor + 1`;
}
