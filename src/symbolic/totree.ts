// Normal form -> typed tree. `canonTree` is deterministic, so two expressions
// with the same normal form get the same tree (and the same key): the
// arguments of atoms (exp(...), inv(...), ...) are written this way, which is
// what lets `exp(A*x + b)` and `exp(b + A*x)` be one atom.

import { isScalar, type Shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { eye, mk, num, zerosOf } from "./build.js";
import type { Poly, ScalarFactor, Term } from "./poly.js";
import { Q } from "./rational.js";

export function canonTree(p: Poly): TNode {
  if (p.terms.length === 0) return zerosOf(p.shape);
  let out: TNode | null = null;
  for (const t of p.terms) {
    const neg = t.coef.isNegative();
    const tree = termTree(neg ? { ...t, coef: t.coef.neg() } : t, p.shape);
    if (!out) out = neg ? mk("neg", [tree]) : tree;
    else out = mk(neg ? "sub" : "add", [out, tree]);
  }
  return out!;
}

/** coef * scalars * chain, with negative exponents as a division. */
export function termTree(t: Term, shape: Shape): TNode {
  const up = t.scalars.filter((s) => s.exp > 0);
  const down = t.scalars.filter((s) => s.exp < 0);
  const hasOther = up.length > 0 || t.chain.length > 0 || down.length > 0 || !isScalar(shape);
  let head: TNode | null = t.coef.isOne() && hasOther ? null : num(t.coef);
  for (const s of up) head = head ? mk("mul", [head, power(s, s.exp)]) : power(s, s.exp);
  let body: TNode | null = null;
  for (const a of t.chain) body = body ? mk("mul", [body, a]) : a;
  if (!body && !isScalar(shape)) body = eye(shape);
  let out: TNode = head && body ? mk("mul", [head, body]) : (head ?? body ?? num(Q.ONE));
  if (down.length) {
    let den: TNode | null = null;
    for (const s of down) den = den ? mk("mul", [den, power(s, -s.exp)]) : power(s, -s.exp);
    out = mk("div", [out, den!]);
  }
  return out;
}

function power(s: ScalarFactor, k: number): TNode {
  return k === 1 ? s.node : mk("pow", [s.node, num(k)]);
}
