// The operator `a + b`: sum, with a scalar broadcast over a tensor.

import { defineOp, PREC } from "./define.js";
import { broadcastShape } from "./elementwise.js";
import { operand } from "./latex-util.js";
import { broadcastTo, unbroadcast } from "./derivative-util.js";
import { showShape } from "../core/shape.js";
import { add } from "../core/kernels.js";

export const addOp = defineOp({
  name: "add",
  doc: "Sum of two tensors of the same shape; a scalar added to a tensor is added to every entry.",
  syntax: { kind: "infix", symbol: "+", prec: PREC.add, assoc: "left" },
  tensorArgs: true,
  shape: ([a, b], ctx) =>
    broadcastShape(a!, b!) ??
    ctx.fail(`cannot add ${ctx.argText(0)} (${showShape(a!)}) and ${ctx.argText(1)} (${showShape(b!)})`),
  eval: ([a, b]) => add(a!, b!),
  jvp: ({ node, dargs: [da, db], b }) =>
    da && db ? b.add(da, db) : broadcastTo(b, (da ?? db)!, node.shape),
  transpose: ({ args, i, g, b }) => unbroadcast(b, g, args[i]!.shape),
  latex: ([a, b], node) => `${operand(a!, node.args[0]!, false, true)} + ${operand(b!, node.args[1]!, true, true)}`,
  examples: [
    ["A + B", "B + A", ["A, B: n x m"]],
    ["(A + B)'", "A' + B'", ["A, B: n x m"]],
    ["X + 1", "X + ones(n, m)", ["X: n x m"]],
  ],
  source: "Matrix Cookbook (4)",
});
