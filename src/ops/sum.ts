// The function `sum(X)`: sum of all entries.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { SCALAR } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { sumAll } from "../core/kernels.js";

export const sumOp = defineOp({
  name: "sum",
  doc: "Sum of all entries of a tensor (a scalar).",
  syntax: { kind: "function", names: ["sum"], arity: 1 },
  shape: () => SCALAR,
  eval: ([a]) => Tensor.scalar(sumAll(a!)),
  jvp: ({ dargs: [da], b }) => b.call("sum", da!),
  transpose: ({ args: [a], g, b }) => b.mul(g, b.onesOf(a!.shape)),
  latex: ([a]) => call(opName("sum"), a!),
  examples: [
    ["sum(A + B)", "sum(A) + sum(B)", ["A, B: n x m"]],
    ["sum(X)", "ones(n)' * X * ones(m)", ["X: n x m"]],
    ["grad(sum(A .* X), X)", "A", ["A, X: n x m"]],
  ],
});
