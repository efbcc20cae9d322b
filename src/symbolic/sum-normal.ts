// Sums over an index, sum(f, i, a, b), in the normal form. The sum is linear
// in f, so the body is split into its terms and what does not depend on i
// (coefficients, scalar factors, matrix factors at either end of a chain) is
// taken out; a term with nothing left that depends on i is f times the number
// of terms of the range. That count is b - a + 1 when the declarations show
// b >= a - 1 (dimension names are >= 1; names declared nonnegative, positive
// or in an interval), 0 when they show b < a; otherwise it stays the opaque
// count sum(1, i, a, b), of which one canonical range of each pair is kept:
// sum(1, i, a, b) = sum(1, i, b + 1, a - 1) + (b - a + 1) for all integers
// (one side is an empty range, the other has |b - a + 1| terms). What is left
// is an atom with its bound index renamed canonically (the first of i, j, ...
// that its body does not use), so that sum(f(r), r, a, b) and sum(f(i), i, a,
// b) are one atom.

import { key } from "../core/ast.js";
import { type Shape, SCALAR, isScalar, shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { mk, num, sym } from "./build.js";
import { mentions, substitute } from "./diff.js";
import type { Normalizer } from "./normal.js";
import { type Poly, type Term, addPoly, makePoly, zeroPoly } from "./poly.js";
import { Q } from "./rational.js";
import { canonTree } from "./totree.js";

/** The names a canonical bound index may take, in order. */
const INDEX_NAMES = ["i", "j", "l", "r", "s", "u", "v", ...Array.from({ length: 40 }, (_, k) => `i${k + 1}`)];

/** Every name a tree uses, bound or free (a new index name must capture none). */
function allNames(t: TNode, out = new Set<string>()): Set<string> {
  if (t.name) out.add(t.name);
  for (const a of t.args) allNames(a, out);
  return out;
}

/** Is the scalar p >= 0 for every value the declarations allow (a sufficient test)? */
export function provablyNonnegative(n: Normalizer, p: Poly): boolean {
  return p.terms.every(
    (t) =>
      !t.coef.isNegative() &&
      t.chain.length === 0 &&
      t.scalars.every((f) => f.exp > 0 && (f.node.op === "dimval" || (f.node.op === "sym" && n.nonnegative(f.node.name!)))),
  );
}

/** The normal form of sum(f, i, a, b). */
export function normIndexSum(n: Normalizer, t: TNode): Poly {
  const [body, idx, lo, hi] = t.args as [TNode, TNode, TNode, TNode];
  const s = t.shape;
  const i = idx.name!;
  // terms: b - a + 1; empty when a - b - 1 >= 0
  const count = n.norm(mk("add", [mk("sub", [hi, lo]), num(1)]));
  const minusCount = n.norm(mk("sub", [mk("sub", [lo, hi]), num(1)]));
  if (provablyNonnegative(n, minusCount)) {
    n.rule("empty-sum-declared");
    return zeroPoly(s);
  }
  const p = n.norm(body);
  let out = zeroPoly(s);
  for (const term of p.terms) out = addPoly(out, sumOfTerm(n, term, s, i, lo, hi, count));
  return out;
}

function sumOfTerm(n: Normalizer, t: Term, s: Shape, i: string, lo: TNode, hi: TNode, count: Poly): Poly {
  const outside = t.scalars.filter((f) => !mentions(f.node, i));
  const inside = t.scalars.filter((f) => mentions(f.node, i));
  let first = t.chain.findIndex((a) => mentions(a, i));
  let last = t.chain.length - 1 - [...t.chain].reverse().findIndex((a) => mentions(a, i));
  if (first < 0) {
    first = t.chain.length;
    last = t.chain.length - 1;
  }
  const head: Term = { coef: t.coef, scalars: outside, chain: [] };
  if (inside.length === 0 && first === t.chain.length) {
    // nothing depends on i: the term times the number of terms
    const c = rangeCount(n, i, lo, hi, count);
    return n.mul(c, makePoly(s, [{ ...head, chain: t.chain }]), s);
  }
  n.rule("sum-linear");
  const mid = t.chain.slice(first, last + 1);
  const midShape = mid.length ? shape(mid[0]!.shape.rows, mid[mid.length - 1]!.shape.cols) : SCALAR;
  const bodyTree = canonTree(makePoly(midShape, [{ coef: Q.ONE, scalars: inside, chain: mid }]));
  const left = t.chain.slice(0, first);
  const right = t.chain.slice(last + 1);
  // head * left * sum(mid) * right, with a scalar at any place
  let out = makePoly(SCALAR, [head]);
  const times = (p: Poly): void => {
    out = n.mul(out, p, product(out.shape, p.shape));
  };
  if (left.length) times(n.chains.poly(left, shape(left[0]!.shape.rows, left[left.length - 1]!.shape.cols)));
  times(sumAtom(n, bodyTree, i, lo, hi));
  if (right.length) times(n.chains.poly(right, shape(right[0]!.shape.rows, right[right.length - 1]!.shape.cols)));
  return makePoly(s, out.terms);
}

const product = (a: Shape, b: Shape): Shape => (isScalar(a) ? b : isScalar(b) ? a : shape(a.rows, b.cols));

/** The number of integers in [a, b] (b - a + 1 terms, or none). */
function rangeCount(n: Normalizer, i: string, lo: TNode, hi: TNode, count: Poly): Poly {
  if (provablyNonnegative(n, count)) {
    n.rule("sum-of-constant");
    return count;
  }
  // keep one range of the pair (a, b) ~ (b + 1, a - 1): the one with the smaller key
  const lo2 = n.canon(mk("add", [hi, num(1)]));
  const hi2 = n.canon(mk("sub", [lo, num(1)]));
  const here = sumAtom(n, num(1), i, lo, hi);
  const there = sumAtom(n, num(1), i, lo2, hi2);
  if (key(canonTree(here)) <= key(canonTree(there))) return here;
  n.rule("sum-count-reflection");
  return addPoly(there, count);
}

/** sum(body, i, a, b) as one atom, its index renamed canonically. */
function sumAtom(n: Normalizer, body: TNode, i: string, lo: TNode, hi: TNode): Poly {
  const used = allNames(body);
  used.delete(i);
  const name = INDEX_NAMES.find((c) => !used.has(c))!;
  const idx = sym(name, SCALAR);
  // renaming changes the order of terms: normalise again
  const renamed = name === i ? body : n.canon(substitute(body, i, idx));
  const [a, b] = [n.canon(lo), n.canon(hi)];
  // sum(f(i), i, a, b) = sum(f(a + b - i), i, a, b): of the two bodies, the
  // smaller (then the one with the smaller key), so that the Cookbook's
  // X^r A X^(k-1-r) and its mirror image X^(k-1-r) A X^r are one atom
  const mirrored = n.canon(substitute(renamed, name, mk("sub", [mk("add", [a, b]), idx])));
  const size = (t: TNode): number => 1 + t.args.reduce((acc, x) => acc + size(x), 0);
  const mirror = size(mirrored) < size(renamed) || (size(mirrored) === size(renamed) && key(mirrored) < key(renamed));
  if (mirror) n.rule("sum-reflection");
  const node = mk("sum", [mirror ? mirrored : renamed, idx, a, b]);
  return isScalar(node.shape) ? n.scalarAtom(node) : n.chains.poly([node], node.shape);
}

/** tr(sum(M(i), i, a, b)) = sum(tr(M(i)), i, a, b) */
export function traceOfIndexSum(n: Normalizer, a: TNode): Poly {
  n.rule("trace-of-sum");
  const [body, idx, lo, hi] = a.args as [TNode, TNode, TNode, TNode];
  return n.norm(mk("sum", [mk("tr", [body]), idx, lo, hi]));
}
