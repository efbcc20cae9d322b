// The function `rank(X)`: numerical rank.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { SCALAR } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { numericalRank } from "../core/eigen.js";

export const rankOp = defineOp({
  name: "rank",
  doc: "Numerical rank: the number of singular values above max(m, n) * eps * sigma_max (NumPy's matrix_rank tolerance).",
  syntax: { kind: "function", names: ["rank"], arity: 1 },
  work: 10, // iterative sweeps, about 10 n^3
  shape: () => SCALAR,
  eval: ([a], ctx) => {
    const r = numericalRank(a!);
    if (Number.isNaN(r)) ctx.invalid("rank of a matrix with a non-finite entry");
    return Tensor.scalar(r);
  },
  // integer-valued, so constant wherever it is continuous (the jumps are left to the numeric check)
  jvp: ({ node, b }) => b.zerosOf(node.shape),
  latex: ([a]) => call(opName("rank"), a!),
  examples: [
    ["rank(A * B)", "4", ["A: 5 x 4", "B: 4 x 5"]],
    ["rank(X)", "n", ["X: n x n"]],
    ["rank(x * y')", "1", ["x: n", "y: m"]],
    ["rank(X' * X)", "rank(X)", ["X: 5 x 3"]],
    ["rank(0 * X)", "0", ["X: n x m"]],
  ],
  source: "Golub and Van Loan, Matrix Computations, 5.4.1 (numerical rank)",
});
