// The elementwise function `exp(X)`.

import { defineOp } from "./define.js";
import { chainRule, elementwise } from "./elementwise.js";

export const expOp = defineOp({
  ...elementwise("exp", Math.exp),
  doc: "Exponential of every entry (entrywise, not the matrix exponential).",
  jvp: chainRule((_b, _u, y) => y),
  latex: ([x]) => `\\exp\\left(${x}\\right)`,
  examples: [
    ["exp(a + b)", "exp(a) .* exp(b)", ["a, b: n"]],
    ["exp(log(X))", "X", ["X: n x m positive"]],
    ["jacobian(exp(A * x), x)", "diag(exp(A * x)) * A", ["A: m x n", "x: n"]],
  ],
});
