// The operator `a .* b`: elementwise (Hadamard) product.

import { defineOp, PREC } from "./define.js";
import { broadcastShape } from "./elementwise.js";
import { operand } from "./latex-util.js";
import { sumTerms, unbroadcast } from "./derivative-util.js";
import { showShape } from "../core/shape.js";
import { hadamard } from "../core/kernels.js";

export const hadamardOp = defineOp({
  name: "hadamard",
  doc: "Elementwise (Hadamard) product of two tensors of the same shape; a scalar broadcasts.",
  syntax: { kind: "infix", symbol: ".*", prec: PREC.mul, assoc: "left" },
  tensorArgs: true,
  shape: ([a, b], ctx) =>
    broadcastShape(a!, b!) ??
    ctx.fail(
      `cannot multiply ${ctx.argText(0)} (${showShape(a!)}) and ${ctx.argText(1)} (${showShape(b!)}) elementwise`,
    ),
  eval: ([a, b]) => hadamard(a!, b!),
  jvp: ({ args: [x, y], dargs: [dx, dy], b }) => sumTerms(b, [dx && b.had(dx, y!), dy && b.had(x!, dy)]),
  transpose: ({ args, i, g, b }) => unbroadcast(b, b.had(g, args[1 - i]!), args[i]!.shape),
  latex: ([a, b], node) => `${operand(a!, node.args[0]!)} \\odot ${operand(b!, node.args[1]!, true)}`,
  examples: [
    ["A .* B", "B .* A", ["A, B: n x m"]],
    ["(A .* B)'", "A' .* B'", ["A, B: n x m"]],
    ["diag(x) * y", "x .* y", ["x, y: n"]],
    ["diff((A + t*B) .* (C + t*D), t)", "B .* (C + t*D) + (A + t*B) .* D", ["A, B, C, D: n x m", "t: scalar"]],
  ],
  source: "Matrix Cookbook (38)",
});
