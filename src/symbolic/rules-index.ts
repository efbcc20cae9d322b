// One entry of a structured matrix (issue 14), so that an entry written by hand
// meets the same entry of the matrix expression: f(X)[i, j] = f(X[i, j]) for an
// elementwise f, ones(...)[i, j] = 1, (u * w')[i, j] = u[i] * w'[1, j] for a
// column u, X'[i, j] = X[j, i], (A .* B)[i, j] = A[i, j] * B[i, j], and a
// column's x[i, 1] = x[i]. Indexing is linear, so sums and scalar factors
// come out first. Every rule is an identity for every index in range.
//
// Unit vectors meet indexing (the Kronecker delta of SymPy): a 1 x 1 product
// that starts with unit(i, m)' or ends with unit(j, n) is an entry,
//   unit(i, n)' * unit(k, n)    = I(n)[i, k]   (the Kronecker delta)
//   unit(i, n)' * x             = x[i]
//   unit(i, m)' * A * unit(j, n) = A[i, j]
// (unitEntry, used by the chain simplifier for every 1 x 1 stretch), and a
// product that ends with unit(k, n) is column k: (A * unit(k, n))[i] = A[i, k]
// (the indexing family below).

import { key } from "../core/ast.js";
import { type Shape, SCALAR, isScalar, shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { opDef } from "../ops/registry.js";
import { eye, mk } from "./build.js";
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
  const values = p.terms.map((term) => entryOf(n, term, idx, p.shape));
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
function entryOf(n: Normalizer, term: Term, idx: readonly TNode[], s: Shape): Poly | null {
  const c = term.chain;
  if (c.length === 0) {
    // the identity: a Kronecker delta, an atom, symmetric in its indices
    if (idx.length !== 2 || key(n.canon(idx[0]!)) <= key(n.canon(idx[1]!))) return null;
    n.rule("kronecker-delta-symmetric");
    return n.norm(mk("index", [eye(s), idx[1]!, idx[0]!]));
  }
  const a = c[0]!;
  const last = c[c.length - 1]!;
  if (idx.length === 1 && isUnitVector(last)) {
    // (A * unit(k, n))[i] = A[i, k]: a product ending in a unit vector is a column; unit(k, n)[i] = I(n)[i, k]
    n.rule("unit-column");
    const M = c.length > 1 ? product(c.slice(0, -1)) : eye(shape(last.shape.rows, last.shape.rows));
    return n.norm(mk("index", [M, idx[0]!, last.args[0]!]));
  }
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

const isUnitVector = (t: TNode): boolean => t.op === "unit" && t.args.length === 2;
const isUnitRow = (t: TNode): boolean => t.op === "transpose" && isUnitVector(t.args[0]!);

function product(c: readonly TNode[]): TNode {
  return c.reduce((x, y) => mk("mul", [x, y]));
}

/**
 * A 1 x 1 stretch of a chain that starts with unit(i, m)' or ends with
 * unit(j, n), as the entry it picks (rule unit-entry), or null. Its
 * transpose is itself, so x' * unit(j, n) is read as unit(j, n)' * x = x[j].
 */
export function unitEntry(n: Normalizer, seg: readonly TNode[]): Poly | null {
  if (seg.length < 2) return null;
  const first = seg[0]!;
  const last = seg[seg.length - 1]!;
  if (!isUnitRow(first)) {
    if (!isUnitVector(last)) return null;
    // the scalar is its own transpose: unit(j, n)' * (the rest, transposed and reversed)
    const rest = seg.slice(0, -1).reverse().map((x) => mk("transpose", [x]));
    return unitEntry(n, [mk("transpose", [last]), ...rest]);
  }
  n.rule("unit-entry");
  const i = first.args[0]!.args[0]!;
  const mid = seg.slice(1, -1);
  if (isUnitVector(last)) {
    // unit(i, m)' * M * unit(j, n) = M[i, j]; with no M, I(n)[i, j]
    const M = mid.length ? product(mid) : eye(shape(last.shape.rows, last.shape.rows));
    return n.norm(mk("index", [M, i, last.args[0]!]));
  }
  // unit(i, m)' * x = x[i] for the column x = the rest of the stretch
  return n.norm(mk("index", [product(seg.slice(1)), i]));
}
