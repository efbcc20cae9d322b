// The adjoint of the linear map B -> kron(A, B) (or A -> kron(A, B)), written
// in the language where the cotangent G has Kronecker structure in the same
// block grid: <kron(A, B), kron(P, Q)> = <A, P> <B, Q>, so the adjoint in B at
// kron(P, Q) is tr(A' * P) * Q, and at the identity kron(I(p), I(r)) (A and B
// square) it is tr(A) * I(r). A general G needs a partial trace, which the
// language does not have: that is NotDifferentiable (the numeric check decides).

import { type Dim, type Shape, SCALAR } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { eye, mk, zerosOf } from "./build.js";
import { NotDifferentiable } from "./diff.js";
import type { Normalizer } from "./normal.js";
import { makePoly } from "./poly.js";
import { canonTree } from "./totree.js";

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
    if (t.chain.length === 0 && square(A.shape) && square(B.shape)) {
      // G = c kron(I, I): <other, I> = tr(other), times the identity of mine
      n.rule("kron-adjoint");
      part = mk("mul", [mk("mul", [scale, mk("tr", [other])]), eye(mine.shape)]);
    } else if (t.chain.length === 1 && t.chain[0]!.op === "kron" && sameShape2(t.chain[0]!.args[0]!.shape, A.shape) && sameShape2(t.chain[0]!.args[1]!.shape, B.shape)) {
      // G = c kron(P, Q) in the block grid of kron(A, B)
      n.rule("kron-adjoint");
      const [P, Q] = t.chain[0]!.args as [TNode, TNode];
      const [otherG, mineG] = i === 0 ? [Q, P] : [P, Q];
      part = mk("mul", [mk("mul", [scale, mk("tr", [mk("mul", [mk("transpose", [other]), otherG])])]), mineG]);
    } else {
      throw new NotDifferentiable("the adjoint of kron is written only for a cotangent that is a Kronecker product in the same blocks (or the identity)");
    }
    parts.push(part);
  }
  if (parts.length === 0) return zerosOf(mine.shape);
  return parts.reduce((a, b) => mk("add", [a, b]));
}
