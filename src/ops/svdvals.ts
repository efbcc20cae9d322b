// The function `svdvals(X)`: singular values, descending, min(m, n) of them.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { shape, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { singularValues } from "../core/eigen.js";

export const svdvalsOp = defineOp({
  name: "svdvals",
  doc: "Singular values of a matrix, descending; min(m, n) of them, so a non-square X needs concrete sizes.",
  syntax: { kind: "function", names: ["svdvals"], arity: 1 },
  work: 10, // iterative sweeps, about 10 n^3
  // min(m, n) of two different symbolic sizes is no dimension of the language
  shape: ([a], ctx) => {
    const { rows, cols } = a!;
    if (rows === cols) return shape(rows);
    if (typeof rows === "number" && typeof cols === "number") return shape(Math.min(rows, cols));
    return ctx.fail(
      `svdvals of ${ctx.argText(0)} (${showShape(a!)}) has min(${rows}, ${cols}) entries: give concrete sizes or a square matrix`,
    );
  },
  eval: ([a]) => Tensor.column(singularValues(a!)),
  // d sigma_i = u_i' dX v_i (distinct, nonzero singular values). With V from
  // the Gram matrix X'X (tall or square X), u_i = X v_i / sigma_i, so
  // d sigma = diag(V' X' dX V) ./ sigma; for a wide X, U = eigvecsh(X X') and
  // v_i = X' u_i / sigma_i give diag(U' dX X' U) ./ sigma.
  jvp: ({ node, args: [x], dargs: [dx], b }) => {
    const { rows, cols } = x!.shape;
    const wide = typeof rows === "number" && typeof cols === "number" && rows < cols;
    if (wide) {
      const u = b.call("eigvecsh", b.mul(x!, b.tp(x!)));
      return b.mk("ediv", [b.call("diag", b.mul(b.mul(b.mul(b.tp(u), dx!), b.tp(x!)), u)), node]);
    }
    const v = b.call("eigvecsh", b.mul(b.tp(x!), x!));
    return b.mk("ediv", [b.call("diag", b.mul(b.mul(b.mul(b.tp(v), b.tp(x!)), dx!), v)), node]);
  },
  latex: ([a]) => call(opName("svdvals"), a!),
  examples: [
    ["svdvals(X) .^ 2", "eigvalsh(X' * X)", ["X: n x n"]],
    ["svdvals(X) .^ 2", "eigvalsh(X' * X)", ["X: 5 x 3"]],
    ["svdvals(X) .^ 2", "eigvalsh(X * X')", ["X: 2 x 4"]],
    ["sum(svdvals(X) .^ 2)", "norm(X)^2", ["X: 3 x 4"]],
    ["svdvals(X')", "svdvals(X)", ["X: n x n"]],
    ["grad(sum(svdvals(X) .^ 2), X)", "2 * X", ["X: n x n"]],
  ],
  source: "Golub and Van Loan, Matrix Computations, 8.6.3 (one-sided Jacobi SVD)",
});
