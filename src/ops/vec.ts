// The function `vec(X)`: column-stacking vectorisation.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { noAdjoint } from "./derivative-util.js";
import { mulDim, shape } from "../core/shape.js";
import { vec } from "../core/kernels.js";

export const vecOp = defineOp({
  name: "vec",
  doc: "The columns of a matrix stacked into one vector (column-major).",
  syntax: { kind: "function", names: ["vec"], arity: 1 },
  shape: ([a]) => shape(mulDim(a!.rows, a!.cols), 1),
  eval: ([a]) => vec(a!),
  jvp: ({ dargs: [da], b }) => b.call("vec", da!),
  transpose: () => noAdjoint("vec (there is no un-vec)"),
  latex: ([a]) => call(opName("vec"), a!),
  examples: [
    ["vec(A * X * B)", "kron(B', A) * vec(X)", ["A: p x n", "X: n x m", "B: m x q"]],
    ["tr(A' * B)", "vec(A)' * vec(B)", ["A, B: n x m"]],
    ["vec(A + B)", "vec(A) + vec(B)", ["A, B: n x m"]],
    ["jacobian(vec(A * X), X)", "kron(I(m), A)", ["A: p x n", "X: n x m"]],
  ],
  source: "Matrix Cookbook (520)",
});
