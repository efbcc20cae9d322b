// The elementwise function `sin(X)`.

import { defineOp } from "./define.js";
import { chainRule, elementwise } from "./elementwise.js";

export const sinOp = defineOp({
  ...elementwise("sin", Math.sin),
  doc: "Sine of every entry.",
  jvp: chainRule((b, u) => b.call("cos", u)),
  latex: ([x]) => `\\sin\\left(${x}\\right)`,
  examples: [
    ["sin(x) .^ 2 + cos(x) .^ 2", "ones(n)", ["x: n"]],
    ["sin(2 * X)", "2 * sin(X) .* cos(X)", ["X: n x m"]],
    ["diff(sin(t), t)", "cos(t)", ["t: scalar"]],
  ],
});
