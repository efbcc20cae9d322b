// The constant `pi`.

import { defineOp } from "./define.js";
import { SCALAR } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";

export const piOp = defineOp({
  name: "pi",
  doc: "The constant π (a declaration of `pi` shadows it).",
  syntax: { kind: "leaf", names: ["pi"] },
  shape: () => SCALAR,
  eval: () => Tensor.scalar(Math.PI),
  latex: () => "\\pi",
  examples: [
    ["cos(pi) + 1", "0"],
    ["sin(pi / 2)", "1"],
    ["2 * pi * t", "t * pi * 2", ["t: scalar"]],
  ],
});
