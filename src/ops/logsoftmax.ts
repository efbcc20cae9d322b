// The function `logsoftmax(z)`: z - lse(z) of a vector.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { isColumn, showShape } from "../core/shape.js";
import { logsoftmax } from "../core/stable.js";

export const logsoftmaxOp = defineOp({
  name: "logsoftmax",
  doc: "Log-softmax z - lse(z) of a vector, finite where log(softmax(z)) would underflow.",
  syntax: { kind: "function", names: ["logsoftmax"], arity: 1 },
  shape: ([z], ctx) =>
    isColumn(z!) ? z! : ctx.fail(`logsoftmax takes a vector, not ${ctx.argText(0)} (${showShape(z!)})`),
  eval: ([z]) => logsoftmax(z!),
  // d logsoftmax(z) = dz - ones (softmax(z)' dz)
  jvp: ({ args: [z], dargs: [dz], b }) =>
    b.sub(dz!, b.mul(b.onesOf(z!.shape), b.mul(b.tp(b.call("softmax", z!)), dz!))),
  latex: ([z]) => call(opName("logsoftmax"), z!),
  examples: [
    ["logsoftmax(z)", "z - lse(z)", ["z: n"]],
    ["logsoftmax(z)", "log(softmax(z))", ["z: n"]],
    ["jacobian(logsoftmax(z), z)", "I(n) - ones(n) * softmax(z)'", ["z: n"]],
  ],
});
