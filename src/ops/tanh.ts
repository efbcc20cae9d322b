// The elementwise function `tanh(X)`.

import { defineOp } from "./define.js";
import { chainRule, elementwise } from "./elementwise.js";

export const tanhOp = defineOp({
  ...elementwise("tanh", Math.tanh),
  doc: "Hyperbolic tangent of every entry.",
  jvp: chainRule((b, _u, y) => b.sub(b.num(1), b.mk("epow", [y, b.num(2)]))),
  latex: ([x]) => `\\tanh\\left(${x}\\right)`,
  examples: [
    ["tanh(x)", "2 * sigmoid(2 * x) - 1", ["x: n"]],
    ["tanh(-x) + tanh(x)", "0", ["x: n"]],
    ["diff(tanh(t), t)", "1 - tanh(t)^2", ["t: scalar"]],
  ],
});
