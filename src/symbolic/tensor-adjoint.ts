// The adjoint of sum(X) for a rank > 2 tensor X would be g * ones(shape of X),
// which the language cannot write (ones is a vector or a matrix). Backprop of a
// loss sum(G .* L(T)) never needs it: the cotangent of L(T) is g * G. So
// sum(C .* L) with C constant transposes to L with cotangent g * C; any other
// sum of a tensor is NotDifferentiable (the numeric check decides).

import type { TNode } from "../core/typed.js";
import { mk } from "./build.js";
import { NotDifferentiable, mentions } from "./diff.js";

/** For sum(C .* L) with L linear in the tangent: [L, g * C]. */
export function tensorSumCotangent(x: TNode, tname: string, g: TNode): [TNode, TNode] {
  if (x.op === "hadamard") {
    const [a, b] = x.args as [TNode, TNode];
    const la = mentions(a, tname);
    const lb = mentions(b, tname);
    if (la !== lb) return la ? [a, mk("mul", [g, b])] : [b, mk("mul", [g, a])];
  }
  throw new NotDifferentiable("the gradient of the sum of a rank > 2 tensor is written only for sum(G .* L(X))");
}
