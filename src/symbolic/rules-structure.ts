// Structural rules a proof may use (issue 14): a stretch of a chain next to
// the inverse of that very product cancels (X' * X * inv(X' * X) = I, where
// X' * X is square but X is not, so inverse-of-product cannot split it),
// kron is associative, inv(kron(F, G)) = kron(inv(F), inv(G)) for square F, G,
// kron of ones is ones, mean(X) = sum(X) / (the product of all its dimensions), and the sum of a
// declared vector or matrix of at most 9 entries is the sum of its entries.

import { SCALAR, type Shape, isScalar, isSquare } from "../core/shape.js";
import { key } from "../core/ast.js";
import type { TNode } from "../core/typed.js";
import { mk, onesOf } from "./build.js";
import type { Normalizer, RuleFamily } from "./normal.js";
import { type Poly, type Term, addPoly, constPoly, makePoly } from "./poly.js";
import { Q } from "./rational.js";

export const structure: RuleFamily = (n, t) => {
  const a = t.args;
  switch (t.op) {
    case "mul":
      return cancelStretches(n, n.mul(n.norm(a[0]!), n.norm(a[1]!), t.shape), t.shape);
    case "kron":
      return kron(n, t);
    case "inv":
      return invKron(n, t);
    case "mean": {
      n.rule("mean-definition");
      const s = a[0]!.shape;
      // every dimension counts: a tensor's leading dimensions too (n x c x h x w has n*c*h*w entries)
      const count = [...(s.lead ?? []), s.rows, s.cols].map((d) => n.dimension(d)).reduce((p, q) => n.mul(p, q, SCALAR));
      return n.mul(n.norm(mk("sum", [a[0]!])), n.invScalar(count), SCALAR);
    }
    case "sum":
      return a.length === 1 ? sumOfEntries(n, a[0]!) : null;
  }
  return null;
};

const scalarPart = (t: Term): Poly => makePoly(SCALAR, [{ coef: t.coef, scalars: t.scalars, chain: [] }]);

/** The product a chain atom `inv(C)` inverts, as a chain (with its coefficient), when C is a plain product. */
function inverted(n: Normalizer, x: TNode): { chain: readonly TNode[]; coef: Q } | null {
  if (x.op !== "inv") return null;
  const p = n.norm(x.args[0]!);
  const m = p.terms.length === 1 ? p.terms[0]! : null;
  return m && m.scalars.length === 0 && m.chain.length >= 2 ? { chain: m.chain, coef: m.coef } : null;
}

function sameChain(a: readonly TNode[], b: readonly TNode[]): boolean {
  return a.length === b.length && a.every((x, i) => key(x) === key(b[i]!));
}

/** C * inv(c C) = I / c and inv(c C) * C = I / c inside each term's chain; null when nothing cancels */
function cancelStretches(n: Normalizer, p: Poly, s: Shape): Poly | null {
  let changed = false;
  const terms: Term[] = [];
  for (const term of p.terms) {
    let chain = [...term.chain];
    let coef = term.coef;
    for (let k = 0; k < chain.length; k++) {
      const inv = inverted(n, chain[k]!);
      if (!inv) continue;
      const L = inv.chain.length;
      if (k >= L && sameChain(chain.slice(k - L, k), inv.chain)) {
        chain.splice(k - L, L + 1);
      } else if (k + L < chain.length && sameChain(chain.slice(k + 1, k + 1 + L), inv.chain)) {
        chain.splice(k, L + 1);
      } else continue;
      n.rule("inverse-cancellation-of-product");
      coef = coef.div(inv.coef);
      changed = true;
      k = -1;
    }
    if (chain.length === term.chain.length) {
      terms.push(term);
      continue;
    }
    for (const u of n.chains.poly(chain, s).terms) terms.push({ coef: coef.mul(u.coef), scalars: n.finishScalars([...term.scalars, ...u.scalars]), chain: u.chain });
  }
  return changed ? makePoly(s, terms) : null;
}

/** kron(A, kron(B, D)) = kron(kron(A, B), D), and kron of two ones is ones */
function kron(n: Normalizer, t: TNode): Poly | null {
  const [a, b] = t.args as [TNode, TNode];
  if (isScalar(a.shape) || isScalar(b.shape)) return null;
  const pa = n.norm(a);
  const pb = n.norm(b);
  const ma = pa.terms.length === 1 ? pa.terms[0]! : null;
  const mb = pb.terms.length === 1 ? pb.terms[0]! : null;
  if (!ma || !mb) return null;
  const both = n.mul(scalarPart(ma), scalarPart(mb), SCALAR);
  const onesChain = (c: readonly TNode[]): boolean => c.length === 1 && c[0]!.op === "ones";
  if (onesChain(ma.chain) && onesChain(mb.chain)) {
    n.rule("kron-of-ones");
    return n.mul(both, n.chains.poly([onesOf(t.shape)], t.shape), t.shape);
  }
  if (mb.chain.length === 1 && mb.chain[0]!.op === "kron") {
    n.rule("kron-associative");
    const [b1, b2] = mb.chain[0]!.args as [TNode, TNode];
    const aChain = ma.chain.length ? ma.chain.reduce((x, y) => mk("mul", [x, y])) : null;
    if (!aChain) return null;
    return n.mul(both, n.norm(mk("kron", [mk("kron", [aChain, b1]), b2])), t.shape);
  }
  return null;
}

/** inv(kron(F, G)) = kron(inv(F), inv(G)) for square F and G */
function invKron(n: Normalizer, t: TNode): Poly | null {
  const p = n.norm(t.args[0]!);
  const m = p.terms.length === 1 ? p.terms[0]! : null;
  if (!m || m.chain.length !== 1 || m.chain[0]!.op !== "kron") return null;
  const [f, g] = m.chain[0]!.args as [TNode, TNode];
  if (!isSquare(f.shape) || !isSquare(g.shape)) return null;
  n.rule("inverse-of-kron");
  return n.mul(n.invScalar(scalarPart(m)), n.norm(mk("kron", [mk("inv", [f]), mk("inv", [g])])), t.shape);
}

/** sum(x) = x[1] + ... for a declared x of at most 9 entries */
function sumOfEntries(n: Normalizer, x: TNode): Poly | null {
  const { rows, cols } = x.shape;
  if (x.op !== "sym" || x.shape.lead !== undefined || typeof rows !== "number" || typeof cols !== "number" || rows * cols > 9 || isScalar(x.shape)) return null;
  n.rule("sum-of-entries");
  let out = constPoly(Q.ZERO);
  const lit = (v: number): TNode => ({ op: "num", args: [], value: v, text: String(v), pos: 0, end: 0, shape: SCALAR });
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) out = addPoly(out, n.norm(mk("index", cols === 1 ? [x, lit(i)] : [x, lit(i), lit(j)])));
  }
  return out;
}
