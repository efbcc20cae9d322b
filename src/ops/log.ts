// The elementwise function `log(X)`.

import { defineOp } from "./define.js";
import { elementwise } from "./elementwise.js";

export const logOp = defineOp({
  ...elementwise("log", Math.log),
  doc: "Natural logarithm of every entry.",
  jvp: ({ args: [u], dargs: [du], b }) => b.mk("ediv", [du!, u!]),
  latex: ([x]) => `\\log\\left(${x}\\right)`,
  examples: [
    ["log(X .* Y)", "log(X) + log(Y)", ["X, Y: n x m positive"]],
    ["log(exp(X))", "X", ["X: n x m"]],
    ["grad(sum(log(x)), x)", "1 ./ x", ["x: n positive"]],
  ],
});
