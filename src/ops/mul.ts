// The operator `a * b`: matrix product, or scaling when either side is a scalar.

import { defineOp, PREC } from "./define.js";
import { operand } from "./latex-util.js";
import { sumTerms } from "./derivative-util.js";
import { isScalar, shape, showShape } from "../core/shape.js";
import { matmul } from "../core/kernels.js";

/** A digit or sign at the start of the right factor would run into the left one. */
const needsDot = (b: string): boolean => /^[{\s]*[0-9.+-]/.test(b);

export const mulOp = defineOp({
  name: "mul",
  doc: "Matrix product; a scalar factor on either side scales the other.",
  syntax: { kind: "infix", symbol: "*", prec: PREC.mul, assoc: "left" },
  tensorArgs: "scalar",
  shape: ([a, b], ctx) => {
    if (isScalar(a!)) return b!;
    if (isScalar(b!)) return a!;
    if (a!.cols !== b!.rows) {
      ctx.fail(`cannot multiply ${ctx.argText(0)} (${showShape(a!)}) by ${ctx.argText(1)} (${showShape(b!)})`);
    }
    return shape(a!.rows, b!.cols);
  },
  eval: ([a, b]) => matmul(a!, b!),
  jvp: ({ args: [x, y], dargs: [dx, dy], b }) => sumTerms(b, [dx && b.mul(dx, y!), dy && b.mul(x!, dy)]),
  transpose: ({ args: [x, y], i, g, b }) => {
    if (i === 1) {
      // linear in y: <G, x y> = <x' G, y>; a scalar x scales; a scalar y met a matrix x
      if (isScalar(x!.shape)) return b.mul(x!, g);
      if (isScalar(y!.shape)) return b.call("sum", b.had(x!, g));
      return b.mul(b.tp(x!), g);
    }
    if (isScalar(y!.shape)) return b.mul(g, y!);
    if (isScalar(x!.shape)) return b.call("sum", b.had(y!, g));
    return b.mul(g, b.tp(y!));
  },
  latex: ([a, b], node) => {
    const [l, r] = [operand(a!, node.args[0]!), operand(b!, node.args[1]!, true)];
    return needsDot(r) ? `${l} \\cdot ${r}` : `${l} \\, ${r}`;
  },
  examples: [
    ["(A * B)'", "B' * A'", ["A: n x m", "B: m x p"]],
    ["A * (B * C)", "(A * B) * C", ["A: n x m", "B: m x p", "C: p x q"]],
    ["2 * X", "X + X", ["X: n x m"]],
  ],
  source: "Matrix Cookbook (5)",
});
