// One entry of a structured matrix (issue 14), so that an entry written by hand
// meets the same entry of the matrix expression: f(X)[i, j] = f(X[i, j]) for an
// elementwise f, ones(...)[i, j] = 1, (u * w')[i, j] = u[i] * w'[1, j] for a
// column u, X'[i, j] = X[j, i], (A .* B)[i, j] = A[i, j] * B[i, j], and a
// column's x[i, 1] = x[i]. Indexing is linear, so sums and scalar factors
// come out first. Every rule is an identity for every index in range.

import { SCALAR, isScalar } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { opDef } from "../ops/registry.js";
import { mk } from "./build.js";
import type { Normalizer, RuleFamily } from "./normal.js";
import { type Poly, type Term, addPoly, constPoly, makePoly } from "./poly.js";
import { Q } from "./rational.js";
import { canonTree } from "./totree.js";

export const indexing: RuleFamily = (n, t) => {
  if (t.op !== "index") return null;
  const target = t.args[0]!;
  const idx = t.args.slice(1);
  if (isScalar(target.shape)) return null;
  if (target.shape.cols === 1 && idx.length === 2 && idx[1]!.op === "num" && idx[1]!.value === 1) {
    n.rule("index-of-column");
    return n.norm(mk("index", [target, idx[0]!]));
  }
  const p = n.norm(target);
  const values = p.terms.map((term) => entryOf(n, term, idx));
  if (values.every((v) => v === null)) return null;
  let out = constPoly(Q.ZERO);
  p.terms.forEach((term, k) => {
    const chain = canonTree(makePoly(p.shape, [{ coef: Q.ONE, scalars: [], chain: term.chain }]));
    const v = values[k] ?? n.norm(mk("index", [chain, ...idx]));
    out = addPoly(out, n.mul(makePoly(SCALAR, [{ coef: term.coef, scalars: term.scalars, chain: [] }]), v, SCALAR));
  });
  return out;
};

/** the entry of one term's chain, when a rule knows it, else null */
function entryOf(n: Normalizer, term: Term, idx: readonly TNode[]): Poly | null {
  const c = term.chain;
  if (c.length === 0) return null; // the identity: a Kronecker delta, left as an atom
  const a = c[0]!;
  if (c.length === 1) {
    if (a.op === "ones") {
      n.rule("index-of-ones");
      return constPoly(Q.ONE);
    }
    if (a.op === "transpose" && idx.length === 2) {
      n.rule("index-of-transpose");
      return n.norm(mk("index", [a.args[0]!, idx[1]!, idx[0]!]));
    }
    if (a.op === "hadamard") {
      n.rule("index-of-hadamard");
      return n.mul(n.norm(mk("index", [a.args[0]!, ...idx])), n.norm(mk("index", [a.args[1]!, ...idx])), SCALAR);
    }
    if (elementwise(a.op) && a.args.length === 1 && !isScalar(a.args[0]!.shape)) {
      n.rule("index-of-elementwise");
      return n.norm(mk(a.op, [mk("index", [a.args[0]!, ...idx])]));
    }
    return null;
  }
  if (a.shape.cols === 1 && idx.length === 2) {
    // a column times a row: (u * r)[i, j] = u[i] * r[1, j]
    n.rule("index-of-outer");
    const rest = c.slice(1).reduce((x, y) => mk("mul", [x, y]));
    const one: TNode = { op: "num", args: [], value: 1, text: "1", pos: 0, end: 0, shape: SCALAR };
    return n.mul(n.norm(mk("index", [a, idx[0]!])), n.norm(mk("index", [rest, one, idx[1]!])), SCALAR);
  }
  return null;
}

/** a unary operator applied entry by entry (exp, log, sigmoid, ...) */
function elementwise(op: string): boolean {
  try {
    return opDef(op).elementwise === true;
  } catch {
    return false;
  }
}
