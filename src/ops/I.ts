// The identity `I` (size from context) and `I(n)`.

import { defineOp } from "./define.js";
import { shape, type Shape } from "../core/shape.js";
import { identity } from "../core/kernels.js";

export const IOp = defineOp({
  name: "I",
  doc: "Identity matrix: I(n) is n x n; a bare I takes its size from the other operand or the other side of the claim.",
  syntax: { kind: "function", names: ["I"], arity: [0, 1], dimArgs: true },
  shape: (args, ctx) => {
    if (args.length === 0) {
      // The resolver sizes a bare I from its context and records it on the node.
      const sized = (ctx.node as { readonly shape?: Shape }).shape;
      return sized ?? ctx.fail("nothing fixes the size of I here; write I(n)");
    }
    const n = ctx.dimArg(0);
    return shape(n, n);
  },
  eval: (_args, ctx) => identity(ctx.size(ctx.node.shape.rows)),
  latex: ([n]) => (n === undefined ? "I" : `I_{${n}}`),
  examples: [
    ["I(n) * A", "A", ["A: n x m"]],
    ["A * I", "A", ["A: n x m"]],
    ["tr(I(n))", "n"],
  ],
});
