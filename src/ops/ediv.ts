// The operator `a ./ b`: elementwise quotient.

import { defineOp, PREC } from "./define.js";
import { broadcastShape } from "./elementwise.js";
import { operand } from "./latex-util.js";
import { notLinearIn, unbroadcast } from "./derivative-util.js";
import { showShape } from "../core/shape.js";
import { ediv } from "../core/kernels.js";

export const edivOp = defineOp({
  name: "ediv",
  doc: "Elementwise quotient of two tensors of the same shape; a scalar broadcasts.",
  syntax: { kind: "infix", symbol: "./", prec: PREC.mul, assoc: "left" },
  tensorArgs: true,
  shape: ([a, b], ctx) =>
    broadcastShape(a!, b!) ??
    ctx.fail(`cannot divide ${ctx.argText(0)} (${showShape(a!)}) by ${ctx.argText(1)} (${showShape(b!)}) elementwise`),
  eval: ([a, b]) => ediv(a!, b!),
  // d(a ./ c) = da ./ c - (a ./ c) .* dc ./ c
  jvp: ({ node, args: [, c], dargs: [da, dc], b }) => {
    const dNum = da && b.mk("ediv", [da, c!]);
    const dDen = dc && b.mk("ediv", [b.had(node, dc), c!]);
    if (dNum && dDen) return b.sub(dNum, dDen);
    return dNum ?? b.neg(dDen!);
  },
  transpose: ({ args: [a, c], i, g, b }) => (i === 0 ? unbroadcast(b, b.mk("ediv", [g, c!]), a!.shape) : notLinearIn("ediv", i)),
  latex: ([a, b], node) => `${operand(a!, node.args[0]!)} \\oslash ${operand(b!, node.args[1]!, true)}`,
  examples: [
    ["A ./ B .* B", "A", ["A: n x m", "B: n x m positive"]],
    ["1 ./ x", "x .^ (-1)", ["x: n positive"]],
    ["X ./ 2", "X / 2", ["X: n x m"]],
  ],
});
