// The elementwise function `sign(X)`.

import { defineOp } from "./define.js";
import { elementwise } from "./elementwise.js";
import { opName } from "./latex-util.js";
import { sign } from "../core/stable.js";

export const signOp = defineOp({
  ...elementwise("sign", sign, { kinked: true }),
  doc: "Sign of every entry: 1, -1, or 0 at 0.",
  // zero almost everywhere (the kink is left to the numeric check)
  jvp: ({ node, b }) => b.zerosOf(node.shape),
  latex: ([x]) => `${opName("sign")}\\left(${x}\\right)`,
  examples: [
    ["sign(X) .* abs(X)", "X", ["X: n x m"]],
    ["sign(A)", "ones(n, m)", ["A: n x m positive"]],
    ["sign(x .* y)", "sign(x) .* sign(y)", ["x, y: n"]],
  ],
});
