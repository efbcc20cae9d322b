// The elementwise function `step(X)`.

import { defineOp } from "./define.js";
import { elementwise } from "./elementwise.js";
import { opName } from "./latex-util.js";
import { step } from "../core/stable.js";

export const stepOp = defineOp({
  ...elementwise("step", step, { kinked: true }),
  doc: "Heaviside step of every entry: 1 for t > 0, 0 for t < 0, 1/2 at 0.",
  // zero almost everywhere (the kink is left to the numeric check)
  jvp: ({ node, b }) => b.zerosOf(node.shape),
  latex: ([x]) => `${opName("step")}\\left(${x}\\right)`,
  examples: [
    ["step(x) + step(-x)", "ones(n)", ["x: n"]],
    ["step(A)", "ones(n, m)", ["A: n x m positive"]],
    ["relu(x)", "x .* step(x)", ["x: n"]],
  ],
});
