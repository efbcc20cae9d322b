// The function `inv(X)`: inverse of a square matrix.

import { defineOp } from "./define.js";
import { latexAtom } from "./latex-util.js";
import { isSquare, showShape } from "../core/shape.js";
import { cond1, inv } from "../core/linalg.js";

export const invOp = defineOp({
  name: "inv",
  doc: "Inverse of a square matrix; a sample where the matrix is (nearly) singular is redrawn.",
  syntax: { kind: "function", names: ["inv"], arity: 1 },
  shape: ([a], ctx) =>
    isSquare(a!) ? a! : ctx.fail(`inv needs a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a], ctx) => {
    if (cond1(a!) > 1e12) ctx.invalid("singular matrix");
    try {
      return inv(a!);
    } catch (err) {
      if (err instanceof RangeError) ctx.invalid("singular matrix");
      throw err;
    }
  },
  // d inv(X) = -inv(X) dX inv(X)
  jvp: ({ node, dargs: [dx], b }) => b.neg(b.mul(b.mul(node, dx!), node)),
  latex: ([a], node) => `{${latexAtom(a!, node.args[0]!)}}^{-1}`,
  examples: [
    ["inv(A * B)", "inv(B) * inv(A)", ["A, B: n x n invertible"]],
    ["inv(A')", "inv(A)'", ["A: n x n invertible"]],
    ["inv(I + inv(A))", "A * inv(A + I)", ["A: n x n invertible"]],
    ["diff(inv(X), X, V)", "(-inv(X) * V * inv(X))", ["X: n x n invertible", "V: n x n"]],
  ],
  source: "Matrix Cookbook (1)",
});
