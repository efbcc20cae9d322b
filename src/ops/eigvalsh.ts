// The function `eigvalsh(S)`: eigenvalues of a symmetric matrix, descending.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { isSquare, shape, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { isSymmetric, symmetricEigen } from "../core/eigen.js";

export const eigvalshOp = defineOp({
  name: "eigvalsh",
  doc: "Eigenvalues of a symmetric matrix, in descending order; a sample where the matrix is not symmetric is redrawn.",
  syntax: { kind: "function", names: ["eigvalsh"], arity: 1 },
  work: 10, // iterative sweeps, about 10 n^3
  shape: ([a], ctx) =>
    isSquare(a!) ? shape(a!.rows) : ctx.fail(`eigvalsh needs a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a], ctx) => {
    // Not symmetric: the eigenvalues of the symmetric part would be a silent
    // reinterpretation, and those of a itself need not be real. Rejecting the
    // sample makes a claim about a non-symmetric argument an error.
    if (!isSymmetric(a!)) ctx.invalid("eigvalsh needs a symmetric matrix");
    return Tensor.column(symmetricEigen(a!).values);
  },
  // d lambda_i = u_i' dS u_i for distinct eigenvalues: diag(U' dS U), U = eigvecsh(S)
  jvp: ({ args: [s], dargs: [ds], b }) => {
    const u = b.call("eigvecsh", s!);
    return b.call("diag", b.mul(b.mul(b.tp(u), ds!), u));
  },
  latex: ([a]) => call(opName("eigvalsh"), a!),
  examples: [
    ["sum(eigvalsh(A + A'))", "2 * tr(A)", ["A: n x n"]],
    ["prod(eigvalsh(X' * X)[i], i, 1, n)", "det(X' * X)", ["X: n x n"]],
    ["eigvalsh(c * (X' * X))", "c * eigvalsh(X' * X)", ["X: m x n", "c: scalar positive"]],
    ["eigvalsh([2, 1; 1, 2])", "[3; 1]"],
    ["grad(sum(eigvalsh(X' * X)), X)", "2 * X", ["X: m x n"]],
  ],
  source: "Golub and Van Loan, Matrix Computations, 8.1 and 8.5 (Jacobi)",
});
