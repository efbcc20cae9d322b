// The operator `a - b`: difference, with a scalar broadcast over a tensor.

import { defineOp, PREC } from "./define.js";
import { broadcastShape } from "./elementwise.js";
import { operand } from "./latex-util.js";
import { broadcastTo, unbroadcast } from "./derivative-util.js";
import { showShape } from "../core/shape.js";
import { sub } from "../core/kernels.js";

export const subOp = defineOp({
  name: "sub",
  doc: "Difference of two tensors of the same shape; a scalar on either side is subtracted entrywise.",
  syntax: { kind: "infix", symbol: "-", prec: PREC.add, assoc: "left" },
  tensorArgs: true,
  shape: ([a, b], ctx) =>
    broadcastShape(a!, b!) ??
    ctx.fail(`cannot subtract ${ctx.argText(1)} (${showShape(b!)}) from ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a, b]) => sub(a!, b!),
  jvp: ({ node, dargs: [da, db], b }) => {
    if (da && db) return b.sub(da, db);
    return da ? broadcastTo(b, da, node.shape) : b.neg(broadcastTo(b, db!, node.shape));
  },
  transpose: ({ args, i, g, b }) => {
    const own = unbroadcast(b, g, args[i]!.shape);
    return i === 0 ? own : b.neg(own);
  },
  latex: ([a, b], node) => `${operand(a!, node.args[0]!, false, true)} - ${operand(b!, node.args[1]!, true, true)}`,
  examples: [
    ["A - B", "A + (-1) * B", ["A, B: n x m"]],
    ["X - X", "zeros(n, m)", ["X: n x m"]],
    ["x - 1", "x - ones(n)", ["x: n"]],
  ],
});
