// The adjoint of the linear map B -> kron(A, B) (or A -> kron(A, B)), written
// in the language where the cotangent G has Kronecker structure in the same
// block grid: <kron(A, B), kron(P, Q)> = <A, P> <B, Q>, so the adjoint in B at
// kron(P, Q) is tr(A' * P) * Q, and at the identity kron(I(p), I(r)) (A and B
// square) it is tr(A) * I(r). A general G is summed over its blocks: for
// A: m x n and B: p x q the adjoint in B is ptrace(kron(A', I(p)) * G, n)
// (src/ops/ptrace.ts), block (i, j) of G weighted by A[i, j]. The adjoint in
// A at a general G is the matrix of the traces of the blocks of
// G * kron(I(n), B'): blocktrace(G * kron(I(n), B'), p) (src/ops/blocktrace.ts).

import { type Dim, type Shape, SCALAR } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { eye, mk, onesOf, zerosOf } from "./build.js";
import { NotDifferentiable } from "./diff.js";
import type { Normalizer } from "./normal.js";
import { makePoly } from "./poly.js";
import { Q } from "./rational.js";
import { canonTree } from "./totree.js";

/** a dimension as the size argument of I(p) or ptrace(M, n); a product dimension has no such name */
function dimNode(d: Dim): TNode {
  if (typeof d === "number") return { op: "num", args: [], value: d, text: String(d), pos: 0, end: 0, shape: SCALAR };
  if (d.includes("*")) throw new NotDifferentiable(`the gradient of kron here needs a size argument ${d}, a product of dimensions, which cannot be written as one`);
  return { op: "dimval", args: [], name: d, pos: 0, end: 0, shape: SCALAR };
}

const sameDim = (a: Dim, b: Dim): boolean => a === b;
const sameShape2 = (a: Shape, b: Shape): boolean => sameDim(a.rows, b.rows) && sameDim(a.cols, b.cols);
const square = (s: Shape): boolean => sameDim(s.rows, s.cols);

/** The cotangent of argument `i` (0: A, 1: B) of L = kron(A, B), given the cotangent g of L. */
export function kronAdjoint(n: Normalizer, L: TNode, i: 0 | 1, g: TNode): TNode {
  const [A, B] = L.args as [TNode, TNode];
  const other = i === 0 ? B : A;
  const mine = i === 0 ? A : B;
  const p = n.norm(g);
  const parts: TNode[] = [];
  for (const t of p.terms) {
    const scale = canonTree(makePoly(SCALAR, [{ coef: t.coef, scalars: t.scalars, chain: [] }]));
    let part: TNode;
    // ones(m*p, n*q) = kron(ones(m, n), ones(p, q)): a cotangent in the block grid
    const chain = t.chain.length === 1 && t.chain[0]!.op === "ones" ? [mk("kron", [onesOf(A.shape), onesOf(B.shape)])] : t.chain;
    if (chain.length === 0 && square(A.shape) && square(B.shape)) {
      // G = c kron(I, I): <other, I> = tr(other), times the identity of mine
      n.rule("kron-adjoint");
      part = mk("mul", [mk("mul", [scale, mk("tr", [other])]), eye(mine.shape)]);
    } else if (chain.length === 1 && chain[0]!.op === "kron" && sameShape2(chain[0]!.args[0]!.shape, A.shape) && sameShape2(chain[0]!.args[1]!.shape, B.shape)) {
      // G = c kron(P, Q) in the block grid of kron(A, B)
      n.rule("kron-adjoint");
      const [P, Q] = chain[0]!.args as [TNode, TNode];
      const [otherG, mineG] = i === 0 ? [Q, P] : [P, Q];
      part = mk("mul", [mk("mul", [scale, mk("tr", [mk("mul", [mk("transpose", [other]), otherG])])]), mineG]);
    } else if (i === 1) {
      // a general G: <G, kron(A, X)> = <ptrace(kron(A', I(p)) * G, n), X> for A: m x n, X: p x q
      n.rule("kron-adjoint");
      const G = canonTree(makePoly(L.shape, [{ coef: Q.ONE, scalars: [], chain: t.chain }]));
      const weighted = mk("mul", [mk("kron", [mk("transpose", [A]), mk("I", [dimNode(B.shape.rows)])]), G]);
      part = mk("mul", [scale, mk("ptrace", [weighted, dimNode(A.shape.cols)])]);
    } else {
      // in A: <G, kron(A, X)> = <blocktrace(G * kron(I(n), X'), p), A> for A: m x n, X: p x q
      n.rule("kron-adjoint");
      const G = canonTree(makePoly(L.shape, [{ coef: Q.ONE, scalars: [], chain: t.chain }]));
      const weighted = mk("mul", [G, mk("kron", [mk("I", [dimNode(A.shape.cols)]), mk("transpose", [B])])]);
      part = mk("mul", [scale, mk("blocktrace", [weighted, dimNode(B.shape.rows)])]);
    }
    parts.push(part);
  }
  if (parts.length === 0) return zerosOf(mine.shape);
  return parts.reduce((a, b) => mk("add", [a, b]));
}
