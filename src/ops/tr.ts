// The function `tr(X)`: trace of a square matrix.

import { defineOp } from "./define.js";
import { opName, call } from "./latex-util.js";
import { isSquare, SCALAR, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { trace } from "../core/kernels.js";

export const trOp = defineOp({
  name: "tr",
  doc: "Trace (sum of the diagonal) of a square matrix.",
  syntax: { kind: "function", names: ["tr"], arity: 1 },
  shape: ([a], ctx) =>
    isSquare(a!) ? SCALAR : ctx.fail(`tr needs a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a]) => Tensor.scalar(trace(a!)),
  jvp: ({ dargs: [da], b }) => b.call("tr", da!),
  transpose: ({ args: [a], g, b }) => b.mul(g, b.eye(a!.shape)),
  latex: ([a]) => call(opName("tr"), a!),
  examples: [
    ["tr(A * B)", "tr(B * A)", ["A: n x m", "B: m x n"]],
    ["tr(A')", "tr(A)", ["A: n x n"]],
    ["tr(A)", "A[1, 1] + A[2, 2]", ["A: 2 x 2"]],
    ["grad(tr(A * X), X)", "A'", ["A: m x n", "X: n x m"]],
  ],
  source: "Matrix Cookbook (14)",
});
