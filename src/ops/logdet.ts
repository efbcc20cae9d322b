// The function `logdet(X)`: log |det X| of an invertible matrix.

import { defineOp } from "./define.js";
import { isSquare, SCALAR, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { logAbsDet } from "../core/linalg.js";

export const logdetOp = defineOp({
  name: "logdet",
  doc: "Logarithm of the absolute value of the determinant, log|det X|, for an invertible X.",
  syntax: { kind: "function", names: ["logdet"], arity: 1 },
  shape: ([a], ctx) =>
    isSquare(a!) ? SCALAR : ctx.fail(`logdet needs a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a], ctx) => {
    const v = logAbsDet(a!);
    if (v === -Infinity) ctx.invalid("singular matrix");
    return Tensor.scalar(v);
  },
  // d log|det X| = tr(inv(X) dX)
  jvp: ({ args: [x], dargs: [dx], b }) => b.call("tr", b.mul(b.call("inv", x!), dx!)),
  latex: ([a]) => `\\log\\left|\\det\\left(${a}\\right)\\right|`,
  examples: [
    ["logdet(A * B)", "logdet(A) + logdet(B)", ["A, B: n x n invertible"]],
    ["logdet(X)", "log(abs(det(X)))", ["X: n x n invertible"]],
    ["grad(logdet(X), X)", "inv(X)'", ["X: n x n invertible"]],
    ["grad(logdet(X'*X), X)", "2*X*inv(X'*X)", ["X: 5 x 3"]],
  ],
  source: "Matrix Cookbook (57)",
});
