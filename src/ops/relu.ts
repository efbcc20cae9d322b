// The elementwise function `relu(X)`.

import { defineOp } from "./define.js";
import { chainRule, elementwise } from "./elementwise.js";
import { opName } from "./latex-util.js";
import { relu } from "../core/stable.js";

export const reluOp = defineOp({
  ...elementwise("relu", relu, { kinked: true }),
  doc: "Rectified linear unit max(t, 0) of every entry.",
  jvp: chainRule((b, u) => b.call("step", u)),
  latex: ([x]) => `${opName("relu")}\\left(${x}\\right)`,
  examples: [
    ["relu(x) - relu(-x)", "x", ["x: n"]],
    ["relu(A)", "A", ["A: n x m nonnegative"]],
    ["relu(X)", "X .* step(X)", ["X: n x m"]],
  ],
});
