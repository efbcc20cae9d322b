// The function `blocktrace(M, p)`: the partial trace over the second factor
// of a Kronecker product. M, of shape (m*p) x (n*p), is read as an m x n grid
// of p x p blocks, and blocktrace(M, p) is the m x n matrix of their traces,
// so blocktrace(kron(A, B), p) = tr(B) * A for a p x p B. It is the gradient
// of a Kronecker product in its first factor for a general cotangent (issue
// 14): <G, kron(A, X)> = <blocktrace(G * kron(I(n), X'), p), A> for A: m x n,
// X: p x q (ptrace.ts is the trace over the first factor). The block size p
// is written: the shape alone does not say how (m*p) splits.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { divDim, shape, showShape } from "../core/shape.js";
import { blocktrace } from "../core/kernels.js";

export const blocktraceOp = defineOp({
  name: "blocktrace",
  doc: "Partial trace over the second factor: blocktrace(M, p) for M of shape (m*p) x (n*p) is the m x n matrix of the traces of its p x p blocks, so blocktrace(kron(A, B), p) = tr(B) * A.",
  syntax: { kind: "function", names: ["blocktrace"], arity: 2, dimArgs: (i) => i === 1 },
  shape: ([m], ctx) => {
    const p = ctx.dimArg(1);
    const rows = divDim(m!.rows, p);
    const cols = divDim(m!.cols, p);
    if (rows === null || cols === null) {
      return ctx.fail(`blocktrace(M, ${p}) needs both dimensions of M to be multiples of ${p} (M is a grid of ${p} x ${p} blocks), not ${ctx.argText(0)} (${showShape(m!)})`);
    }
    return shape(rows, cols);
  },
  eval: ([m], ctx) => blocktrace(m!, ctx.dimArg(1)),
  jvp: ({ args: [, p], dargs: [dm], b }) => b.mk("blocktrace", [dm!, p!]),
  // <blocktrace(M, p), G> = sum_ij G[i, j] tr(M_ij) = <kron(G, I(p)), M>
  transpose: ({ node, g, b }) => b.mk("kron", [g, b.mk("I", [node.args[1]!])]),
  latex: ([m, p]) => call(`${opName("blocktrace")}_{${p}}`, m!),
  examples: [
    ["blocktrace(kron(A, B), p)", "tr(B) * A", ["A: m x n", "B: p x p"]],
    ["blocktrace(M, 2)[2, 1]", "M[3, 1] + M[4, 2]", ["M: 4 x 2"]],
    ["tr(blocktrace(M, 3))", "tr(M)", ["M: 6 x 6"]],
    ["blocktrace(kron(A, X) + kron(B, Y), p)", "tr(X) * A + tr(Y) * B", ["A, B: m x n", "X, Y: p x p"]],
    ["grad(tr(G' * kron(A, X)), A)", "blocktrace(G * kron(I(3), X'), 2)", ["A: 2 x 3", "X: 2 x 2", "G: 4 x 6"]],
  ],
  source: "partial trace (quantum information); Matrix Cookbook (506) for kron",
});
