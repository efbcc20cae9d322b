// The elementwise function `sqrt(X)`.

import { defineOp } from "./define.js";
import { elementwise } from "./elementwise.js";

export const sqrtOp = defineOp({
  ...elementwise("sqrt", Math.sqrt),
  doc: "Square root of every entry.",
  jvp: ({ node, dargs: [du], b }) => b.mk("ediv", [du!, b.mul(b.num(2), node)]),
  latex: ([x]) => `\\sqrt{${x}}`,
  examples: [
    ["sqrt(X) .* sqrt(X)", "X", ["X: n x m nonnegative"]],
    ["sqrt(x .* x)", "abs(x)", ["x: n"]],
    ["grad(sum(sqrt(x)), x)", "0.5 ./ sqrt(x)", ["x: n positive"]],
  ],
});
