// The elementwise function `sigmoid(X)`.

import { defineOp } from "./define.js";
import { chainRule, elementwise } from "./elementwise.js";
import { sigmoid } from "../core/stable.js";

export const sigmoidOp = defineOp({
  ...elementwise("sigmoid", sigmoid),
  doc: "Logistic sigmoid 1 / (1 + exp(-t)) of every entry.",
  jvp: chainRule((b, _u, y) => b.had(y, b.sub(b.num(1), y))),
  latex: ([x]) => `\\sigma\\left(${x}\\right)`,
  examples: [
    ["sigmoid(-t)", "1 - sigmoid(t)", ["t: scalar"]],
    ["sigmoid(x)", "1 ./ (1 + exp(-x))", ["x: n"]],
    ["grad(sum(sigmoid(x)), x)", "sigmoid(x) .* (1 - sigmoid(x))", ["x: n"]],
  ],
});
