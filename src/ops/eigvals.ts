// The function `eigvals(X)`: eigenvalues of a general real square matrix, in
// real arithmetic: one row [re, im] per eigenvalue.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { isSquare, shape, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { generalEigenvalues } from "../core/eigen.js";

export const eigvalsOp = defineOp({
  name: "eigvals",
  doc:
    "Eigenvalues of a real square matrix as an n x 2 matrix of rows [re, im], by descending real part, then descending imaginary part (a complex pair: (re, +im) then (re, -im)). No derivative rule.",
  syntax: { kind: "function", names: ["eigvals"], arity: 1 },
  work: 10, // iterative sweeps, about 10 n^3
  shape: ([a], ctx) =>
    isSquare(a!) ? shape(a!.rows, 2) : ctx.fail(`eigvals needs a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`),
  eval: ([a], ctx) => {
    const ev = generalEigenvalues(a!);
    if (ev.some(([re, im]) => !Number.isFinite(re) || !Number.isFinite(im))) ctx.invalid("eigvals did not converge");
    return Tensor.fromRows(ev);
  },
  // No jvp, on purpose: d lambda = (w' dX v) / (w' v) needs complex left and
  // right eigenvectors, which the language cannot write, and the sorted pairs
  // are not differentiable where two real eigenvalues meet and turn complex.
  // derive grad reports that eigvals has no derivative rule; derive equal
  // checks derivatives of it by finite differences only.
  latex: ([a]) => call(opName("eigvals"), a!),
  examples: [
    ["eigvals([0, -1; 1, 0])", "[0, 1; 0, -1]"],
    ["eigvals([2, 0; 0, 3])", "[3, 0; 2, 0]"],
    ["sum(eigvals(X)[i, 1], i, 1, n)", "tr(X)", ["X: n x n"]],
    ["eigvals([cos(t), -sin(t); sin(t), cos(t)])", "[cos(t), abs(sin(t)); cos(t), -abs(sin(t))]", ["t: scalar"]],
    ["eigvals(X')", "eigvals(X)", ["X: n x n"]],
  ],
  source: "Golub and Van Loan, Matrix Computations, 7.5 (Francis QR); JAMA's orthes and hqr2",
});
