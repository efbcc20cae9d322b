// The function `eigvecsh(S)`: unit eigenvectors of a symmetric matrix, as
// columns in the order of eigvalsh(S). It is here mainly because the
// derivatives of eigvalsh and svdvals need the eigenvectors.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { isSquare, showShape } from "../core/shape.js";
import { isSymmetric, symmetricEigen } from "../core/eigen.js";

export const eigvecshOp = defineOp({
  name: "eigvecsh",
  doc:
    "Unit eigenvectors of a symmetric matrix as columns, in the order of eigvalsh; each column's entry of largest magnitude is positive. A sample where the matrix is not symmetric is redrawn.",
  syntax: { kind: "function", names: ["eigvecsh"], arity: 1 },
  work: 10, // iterative sweeps, about 10 n^3
  shape: ([a], ctx) =>
    isSquare(a!) ? a! : ctx.fail(`eigvecsh needs a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a], ctx) => {
    if (!isSymmetric(a!)) ctx.invalid("eigvecsh needs a symmetric matrix");
    return symmetricEigen(a!).vectors;
  },
  // S U = U L with U'U = I gives, for distinct eigenvalues, dU = U C with
  // C_ij = (U' dS U)_ij / (l_j - l_i) off the diagonal and C_ii = 0 (the sign
  // convention is locally constant, so it adds nothing). F_ij = 1 / (l_j - l_i)
  // is built as (ones - I) ./ (D + I), D_ij = l_j - l_i, which is 0 on the diagonal.
  jvp: ({ node, args: [s], dargs: [ds], b }) => {
    const l = b.call("eigvalsh", s!);
    const one = b.onesOf(l.shape);
    const d = b.sub(b.mul(one, b.tp(l)), b.mul(l, b.tp(one)));
    const eye = b.eye(node.shape);
    const f = b.mk("ediv", [b.sub(b.onesOf(node.shape), eye), b.add(d, eye)]);
    return b.mul(node, b.had(f, b.mul(b.mul(b.tp(node), ds!), node)));
  },
  latex: ([a]) => call(opName("eigvecsh"), a!),
  examples: [
    ["eigvecsh(A + A')' * eigvecsh(A + A')", "I", ["A: n x n"]],
    ["(A + A') * eigvecsh(A + A')", "eigvecsh(A + A') * diag(eigvalsh(A + A'))", ["A: n x n"]],
    ["eigvecsh(X' * X) * diag(eigvalsh(X' * X)) * eigvecsh(X' * X)'", "X' * X", ["X: m x n"]],
    ["eigvecsh([1, 0; 0, 3])", "[0, 1; 1, 0]"],
  ],
  source: "Magnus and Neudecker, Matrix Differential Calculus, 8.9 (derivative of an eigenvector)",
});
