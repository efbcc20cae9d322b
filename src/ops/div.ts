// The operator `a / s`: division by a scalar.

import { defineOp, PREC } from "./define.js";
import { unwrap } from "./latex-util.js";
import { notLinearIn } from "./derivative-util.js";
import { isScalar, showShape } from "../core/shape.js";
import { ediv } from "../core/kernels.js";

export const divOp = defineOp({
  name: "div",
  doc: "Division of a tensor by a scalar.",
  syntax: { kind: "infix", symbol: "/", prec: PREC.mul, assoc: "left" },
  tensorArgs: "scalar",
  shape: ([a, b], ctx) => {
    if (!isScalar(b!)) {
      ctx.fail(
        `cannot divide ${ctx.argText(0)} (${showShape(a!)}) by ${ctx.argText(1)} (${showShape(b!)}): ` +
          "can only divide by a scalar; use inv(...)",
      );
    }
    return a!;
  },
  eval: ([a, s]) => ediv(a!, s!),
  // d(a / s) = da / s - (a / s) * ds / s
  jvp: ({ node, args: [, s], dargs: [da, ds], b }) =>
    da && ds ? b.sub(b.div(da, s!), b.div(b.mul(node, ds), s!)) : da ? b.div(da, s!) : b.neg(b.div(b.mul(node, ds!), s!)),
  transpose: ({ args: [, s], i, g, b }) => (i === 0 ? b.div(g, s!) : notLinearIn("div", i)),
  latex: ([a, b]) => `\\frac{${unwrap(a!)}}{${unwrap(b!)}}`,
  examples: [
    ["X / 2", "0.5 * X", ["X: n x m"]],
    ["(A * B) / t", "A * (B / t)", ["A: n x m", "B: m x p", "t: scalar positive"]],
    ["mean(x)", "sum(x) / n", ["x: n"]],
  ],
});
