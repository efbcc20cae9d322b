// The elementwise function `softplus(X)`.

import { defineOp } from "./define.js";
import { chainRule, elementwise } from "./elementwise.js";
import { opName } from "./latex-util.js";
import { softplus } from "../core/stable.js";

export const softplusOp = defineOp({
  ...elementwise("softplus", softplus),
  doc: "Softplus log(1 + exp(t)) of every entry, a smooth relu.",
  jvp: chainRule((b, u) => b.call("sigmoid", u)),
  latex: ([x]) => `${opName("softplus")}\\left(${x}\\right)`,
  examples: [
    ["softplus(x) - softplus(-x)", "x", ["x: n"]],
    ["softplus(x)", "log(1 + exp(x))", ["x: n"]],
    ["grad(sum(softplus(x)), x)", "sigmoid(x)", ["x: n"]],
  ],
});
