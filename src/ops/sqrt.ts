// The elementwise function `sqrt(X)`.

import { defineOp } from "./define.js";
import { elementwise } from "./elementwise.js";

export const sqrtOp = defineOp({
  ...elementwise("sqrt", Math.sqrt),
  doc: "Square root of every entry.",
  latex: ([x]) => `\\sqrt{${x}}`,
  examples: [
    ["sqrt(X) .* sqrt(X)", "X", ["X: n x m nonnegative"]],
    ["sqrt(x .* x)", "abs(x)", ["x: n"]],
    ["grad(sum(sqrt(x)), x)", "0.5 ./ sqrt(x)", ["x: n positive"]],
  ],
});
