// The function `kron(A, B)`: Kronecker product.

import { defineOp } from "./define.js";
import { body } from "./latex-util.js";
import { noAdjoint, sumTerms } from "./derivative-util.js";
import { mulDim, shape } from "../core/shape.js";
import { kron } from "../core/kernels.js";

export const kronOp = defineOp({
  name: "kron",
  doc: "Kronecker product: the block matrix whose (i, j) block is A_ij B.",
  syntax: { kind: "function", names: ["kron"], arity: 2 },
  shape: ([a, b]) => shape(mulDim(a!.rows, b!.rows), mulDim(a!.cols, b!.cols)),
  eval: ([a, b]) => kron(a!, b!),
  jvp: ({ args: [x, y], dargs: [dx, dy], b }) => sumTerms(b, [dx && b.call("kron", dx, y!), dy && b.call("kron", x!, dy)]),
  transpose: () => noAdjoint("kron"),
  latex: ([a, b]) => `${body(a!)} \\otimes ${body(b!)}`,
  examples: [
    ["kron(A, B + C)", "kron(A, B) + kron(A, C)", ["A: n x m", "B, C: p x q"]],
    ["kron(A, B)'", "kron(A', B')", ["A: n x m", "B: p x q"]],
    ["kron(A, B) * kron(C, D)", "kron(A * C, B * D)", ["A: n x m", "B: p x q", "C: m x r", "D: q x s"]],
    ["tr(kron(A, B))", "tr(A) * tr(B)", ["A: n x n", "B: m x m"]],
  ],
  source: "Matrix Cookbook (506)",
});
