// The function `norm(X)`: Euclidean norm of a vector, Frobenius norm of a matrix.

import { defineOp } from "./define.js";
import { SCALAR } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { frobenius } from "../core/kernels.js";

export const normOp = defineOp({
  name: "norm",
  doc: "Euclidean norm of a vector, Frobenius norm of a matrix.",
  syntax: { kind: "function", names: ["norm"], arity: 1 },
  tensorArgs: true,
  shape: () => SCALAR,
  eval: ([a]) => Tensor.scalar(frobenius(a!)),
  // d norm(X) = sum(X .* dX) / norm(X)
  jvp: ({ node, args: [x], dargs: [dx], b }) => b.div(b.call("sum", b.had(x!, dx!)), node),
  latex: ([a]) => `\\left\\| ${a} \\right\\|`,
  examples: [
    ["norm(x)^2", "x' * x", ["x: n"]],
    ["norm(X)^2", "tr(X' * X)", ["X: n x m"]],
    ["norm(c * X)", "abs(c) * norm(X)", ["X: n x m", "c: scalar"]],
    ["grad(norm(X), X)", "X / norm(X)", ["X: n x m"]],
  ],
});
