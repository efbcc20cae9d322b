// The function `softmax(z)`: exp(z) / sum(exp(z)) of a vector.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { isColumn, showShape } from "../core/shape.js";
import { softmax } from "../core/stable.js";

export const softmaxOp = defineOp({
  name: "softmax",
  doc: "Softmax exp(z) / sum(exp(z)) of a vector: positive entries summing to 1.",
  syntax: { kind: "function", names: ["softmax"], arity: 1 },
  shape: ([z], ctx) =>
    isColumn(z!) ? z! : ctx.fail(`softmax takes a vector, not ${ctx.argText(0)} (${showShape(z!)})`),
  eval: ([z]) => softmax(z!),
  // with p = softmax(z): dp = diag(p) dz - p (p' dz)
  jvp: ({ node: p, dargs: [dz], b }) => b.sub(b.mul(b.call("diag", p), dz!), b.mul(p, b.mul(b.tp(p), dz!))),
  latex: ([z]) => call(opName("softmax"), z!),
  examples: [
    ["softmax(z + c)", "softmax(z)", ["z: n", "c: scalar"]],
    ["softmax(z)", "exp(z) / sum(exp(z))", ["z: n"]],
    ["jacobian(softmax(z), z)", "diag(softmax(z)) - softmax(z) * softmax(z)'", ["z: n"]],
  ],
});
