// The function `det(X)`: determinant of a square matrix.

import { defineOp } from "./define.js";
import { isSquare, SCALAR, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { det } from "../core/linalg.js";

export const detOp = defineOp({
  name: "det",
  doc: "Determinant of a square matrix.",
  syntax: { kind: "function", names: ["det"], arity: 1 },
  shape: ([a], ctx) =>
    isSquare(a!) ? SCALAR : ctx.fail(`det needs a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a]) => Tensor.scalar(det(a!)),
  // Jacobi's formula: d det(X) = det(X) tr(inv(X) dX)
  jvp: ({ node, args: [x], dargs: [dx], b }) => b.mul(node, b.call("tr", b.mul(b.call("inv", x!), dx!))),
  latex: ([a]) => `\\det\\left(${a}\\right)`,
  examples: [
    ["det(A * B)", "det(A) * det(B)", ["A, B: n x n"]],
    ["det(inv(A))", "1 / det(A)", ["A: n x n invertible"]],
    ["det(c * A)", "c^n * det(A)", ["A: n x n", "c: scalar"]],
    ["grad(det(X), X)", "det(X) * inv(X)'", ["X: n x n invertible"]],
  ],
  source: "Matrix Cookbook (21)",
});
