// The function `ptrace(M, n)`: the partial trace over the first factor of a
// Kronecker product. M, of shape (n*p) x (n*q), is read as an n x n grid of
// p x q blocks, and ptrace(M, n) is the sum of the n diagonal blocks, so
// ptrace(kron(A, B), n) = tr(A) * B for an n x n A. It is what the gradient
// of a Kronecker product is for a general cotangent (issue 14):
// <G, kron(A, X)> = <ptrace(kron(A', I(p)) * G, n), X> for A: m x n, X: p x q.
// The size n of the traced factor is written: the shape alone does not say
// how (n*p) splits.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { divDim, shape, showShape } from "../core/shape.js";
import { ptrace } from "../core/kernels.js";

export const ptraceOp = defineOp({
  name: "ptrace",
  doc: "Partial trace over the first factor: ptrace(M, n) for M of shape (n*p) x (n*q) is the sum of the n diagonal p x q blocks of M, so ptrace(kron(A, B), n) = tr(A) * B.",
  syntax: { kind: "function", names: ["ptrace"], arity: 2, dimArgs: (i) => i === 1 },
  shape: ([m], ctx) => {
    const n = ctx.dimArg(1);
    const p = divDim(m!.rows, n);
    const q = divDim(m!.cols, n);
    if (p === null || q === null) {
      return ctx.fail(`ptrace(M, ${n}) needs both dimensions of M to be multiples of ${n} (M is cut into ${n} rows and ${n} columns of blocks), not ${ctx.argText(0)} (${showShape(m!)})`);
    }
    return shape(p, q);
  },
  eval: ([m], ctx) => ptrace(m!, ctx.dimArg(1)),
  jvp: ({ args: [, n], dargs: [dm], b }) => b.mk("ptrace", [dm!, n!]),
  // <ptrace(M, n), G> = sum_b <M_bb, G> = <kron(I(n), G), M>
  transpose: ({ node, g, b }) => b.mk("kron", [b.mk("I", [node.args[1]!]), g]),
  latex: ([m, n]) => call(`${opName("ptrace")}_{${n}}`, m!),
  examples: [
    ["ptrace(kron(A, B), n)", "tr(A) * B", ["A: n x n", "B: p x q"]],
    ["ptrace(M, 2)[2, 1]", "M[2, 1] + M[4, 2]", ["M: 4 x 2"]],
    ["tr(ptrace(M, 3))", "tr(M)", ["M: 6 x 6"]],
    ["ptrace(kron(A, X) + kron(B, Y), n)", "tr(A) * X + tr(B) * Y", ["A, B: n x n", "X, Y: p x q"]],
    ["grad(tr(G' * kron(A, X)), X)", "ptrace(kron(A', I(2)) * G, 3)", ["A: 2 x 3", "X: 2 x 2", "G: 4 x 6"]],
  ],
  source: "partial trace (quantum information); Matrix Cookbook (506) for kron",
});
