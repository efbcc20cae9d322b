// The elementwise function `abs(X)`.

import { defineOp } from "./define.js";
import { chainRule, elementwise } from "./elementwise.js";

export const absOp = defineOp({
  ...elementwise("abs", Math.abs, { kinked: true }),
  doc: "Absolute value of every entry.",
  jvp: chainRule((b, u) => b.call("sign", u)),
  latex: ([x]) => `\\left| ${x} \\right|`,
  examples: [
    ["abs(X .* Y)", "abs(X) .* abs(Y)", ["X, Y: n x m"]],
    ["abs(X)", "X .* sign(X)", ["X: n x m"]],
    ["grad(sum(abs(x)), x)", "sign(x)", ["x: n positive"]],
  ],
});
