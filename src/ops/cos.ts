// The elementwise function `cos(X)`.

import { defineOp } from "./define.js";
import { elementwise } from "./elementwise.js";

export const cosOp = defineOp({
  ...elementwise("cos", Math.cos),
  doc: "Cosine of every entry.",
  jvp: ({ args: [u], dargs: [du], b }) => b.neg(b.had(b.call("sin", u!), du!)),
  latex: ([x]) => `\\cos\\left(${x}\\right)`,
  examples: [
    ["cos(-X)", "cos(X)", ["X: n x m"]],
    ["cos(2 * x)", "1 - 2 * sin(x) .^ 2", ["x: n"]],
    ["diff(cos(t), t) + sin(t)", "0", ["t: scalar"]],
  ],
});
