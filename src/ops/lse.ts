// The function `lse(z)`: log-sum-exp of a vector.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { isColumn, SCALAR, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { lse } from "../core/stable.js";

export const lseOp = defineOp({
  name: "lse",
  doc: "Log-sum-exp log(sum(exp(z))) of a vector, computed without overflow.",
  syntax: { kind: "function", names: ["lse"], arity: 1 },
  shape: ([z], ctx) =>
    isColumn(z!) ? SCALAR : ctx.fail(`lse takes a vector, not ${ctx.argText(0)} (${showShape(z!)})`),
  eval: ([z]) => Tensor.scalar(lse(z!)),
  // d lse(z) = softmax(z)' dz
  jvp: ({ args: [z], dargs: [dz], b }) => b.mul(b.tp(b.call("softmax", z!)), dz!),
  latex: ([z]) => call(opName("lse"), z!),
  examples: [
    ["lse(z)", "log(sum(exp(z)))", ["z: n"]],
    ["lse(z + c)", "lse(z) + c", ["z: n", "c: scalar"]],
    ["grad(lse(z), z)", "softmax(z)", ["z: n"]],
  ],
});
