// The constant `e`, the base of the natural logarithm.

import { defineOp } from "./define.js";
import { SCALAR } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";

export const eOp = defineOp({
  name: "e",
  doc: "Euler's number e (a declaration of `e` shadows it).",
  syntax: { kind: "leaf", names: ["e"] },
  shape: () => SCALAR,
  eval: () => Tensor.scalar(Math.E),
  latex: () => "e",
  examples: [
    ["log(e)", "1"],
    ["log(e^t)", "t", ["t: scalar"]],
    ["exp(t)", "e^t", ["t: scalar"]],
  ],
});
