// The prefix operator `-a`: negation.

import { defineOp, PREC } from "./define.js";
import { operand } from "./latex-util.js";
import { neg } from "../core/kernels.js";

export const negOp = defineOp({
  name: "neg",
  doc: "Negation of every entry (`-x^2` is `-(x^2)`).",
  syntax: { kind: "prefix", symbol: "-", prec: PREC.neg },
  tensorArgs: true,
  shape: ([a]) => a!,
  eval: ([a]) => neg(a!),
  jvp: ({ dargs: [da], b }) => b.neg(da!),
  transpose: ({ g, b }) => b.neg(g),
  latex: ([a], node) => `-${operand(a!, node.args[0]!)}`,
  examples: [
    ["A + (-B)", "A - B", ["A, B: n x m"]],
    ["(-X)'", "(-X')", ["X: n x m"]],
    ["(-t^2) + t^2", "0", ["t: scalar"]],
  ],
});
