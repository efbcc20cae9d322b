// The differential of a matrix power X^k with a symbolic integer exponent k.
// For k >= 0 it is the Cookbook sum  d(X^k) = sum_{r=0}^{k-1} X^r dX X^(k-1-r);
// for k < 0 (X invertible), with Y = inv(X), dY = -Y dX Y, the same expansion
// of Y^(-k) gives -sum_{r=k}^{-1} X^r dX X^(k-1-r). Since a sum over an empty
// range is 0, the two together hold for every integer k:
//   d(X^k) = sum(X^r dX X^(k-1-r), r, 0, k-1) - sum(X^r dX X^(k-1-r), r, k, -1)
// and the symbolic engine drops the second sum when k is declared nonnegative.

import type { Builder } from "./define.js";
import { SCALAR } from "../core/shape.js";
import type { TNode } from "../core/typed.js";

/** Names used anywhere in a tree (so a new bound index captures none of them). */
function names(t: TNode, out = new Set<string>()): Set<string> {
  if (t.name) out.add(t.name);
  for (const a of t.args) names(a, out);
  return out;
}

/** A name for the summation index that no operand uses: r, s, r1, r2, ... */
export function freshIndex(...trees: TNode[]): TNode {
  const used = new Set<string>();
  for (const t of trees) names(t, used);
  const candidates = ["r", "s", ...Array.from({ length: 50 }, (_, i) => `r${i + 1}`)];
  const name = candidates.find((c) => !used.has(c))!;
  return { op: "sym", args: [], name, pos: 0, end: 0, shape: SCALAR };
}

/** d(X^k) for a square X, its tangent dx, and a symbolic integer exponent k. */
export function symbolicPowerJvp(b: Builder, x: TNode, k: TNode, dx: TNode): TNode {
  const r = freshIndex(x, k, dx);
  const one = b.num(1);
  const kMinusOne = b.sub(k, one);
  // X^r dX X^(k-1-r)
  const term = b.mul(b.mul(b.mk("pow", [x, r]), dx), b.mk("pow", [x, b.sub(kMinusOne, r)]));
  const up = b.mk("sum", [term, r, b.num(0), kMinusOne]);
  const down = b.mk("sum", [term, r, k, b.neg(one)]);
  return b.sub(up, down);
}
