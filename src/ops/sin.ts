// The elementwise function `sin(X)`.

import { defineOp } from "./define.js";
import { elementwise } from "./elementwise.js";

export const sinOp = defineOp({
  ...elementwise("sin", Math.sin),
  doc: "Sine of every entry.",
  latex: ([x]) => `\\sin\\left(${x}\\right)`,
  examples: [
    ["sin(x) .^ 2 + cos(x) .^ 2", "ones(n)", ["x: n"]],
    ["sin(2 * X)", "2 * sin(X) .* cos(X)", ["X: n x m"]],
    ["diff(sin(t), t)", "cos(t)", ["t: scalar"]],
  ],
});
