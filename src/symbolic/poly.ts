// The normal form's data: a sum of terms, each an exact rational coefficient,
// commuting scalar factors with integer exponents, and an ordered chain of
// matrix atoms. Matrix products do not commute, scalars do: keeping the two
// apart is what makes `tr(A*B) = tr(B*A)` a question of rotating a chain and
// `x'*y*A = A*(y'*x)` a question of moving a scalar.

import { type Shape, SCALAR } from "../core/shape.js";
import { key } from "../core/ast.js";
import type { TNode } from "../core/typed.js";
import { Q } from "./rational.js";

/** A scalar factor node^exp; node is a canonical tree (a scalar variable, tr(...), det(...), ...). */
export interface ScalarFactor {
  readonly node: TNode;
  readonly key: string;
  readonly exp: number;
}

/** coef * Π scalars * chain[0] * chain[1] * ...; an empty chain is the identity of the poly's shape. */
export interface Term {
  readonly coef: Q;
  readonly scalars: readonly ScalarFactor[];
  readonly chain: readonly TNode[];
}

export interface Poly {
  readonly shape: Shape;
  /** like terms combined, no zero coefficient, sorted by termKey */
  readonly terms: readonly Term[];
}

export const scalarFactor = (node: TNode, exp = 1): ScalarFactor => ({ node, key: key(node), exp });

export function termKey(t: Term): string {
  return `${t.scalars.map((s) => `${s.key}^${s.exp}`).join("*")}|${t.chain.map(key).join(",")}`;
}

/** Combines like terms, drops zeros, sorts: the canonical list of a sum. */
export function makePoly(shape: Shape, terms: readonly Term[]): Poly {
  const byKey = new Map<string, Term>();
  for (const t of terms) {
    if (t.coef.isZero()) continue;
    const k = termKey(t);
    const prev = byKey.get(k);
    byKey.set(k, prev ? { ...prev, coef: prev.coef.add(t.coef) } : t);
  }
  const out = [...byKey.entries()].filter(([, t]) => !t.coef.isZero()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { shape, terms: out.map(([, t]) => t) };
}

export const zeroPoly = (shape: Shape): Poly => ({ shape, terms: [] });

/** q, or q times the identity for a square shape. */
export const constPoly = (q: Q, shape: Shape = SCALAR): Poly => makePoly(shape, [{ coef: q, scalars: [], chain: [] }]);

export const isZeroPoly = (p: Poly): boolean => p.terms.length === 0;

export const addPoly = (a: Poly, b: Poly): Poly => makePoly(a.shape, [...a.terms, ...b.terms]);

export const scalePoly = (a: Poly, q: Q): Poly => makePoly(a.shape, a.terms.map((t) => ({ ...t, coef: t.coef.mul(q) })));

export const negPoly = (a: Poly): Poly => scalePoly(a, Q.MINUS_ONE);

/** Multiplies commuting scalar factors, adding exponents; a zero exponent drops the factor. */
export function mergeScalars(a: readonly ScalarFactor[], b: readonly ScalarFactor[]): ScalarFactor[] {
  const m = new Map<string, ScalarFactor>();
  for (const s of [...a, ...b]) {
    const prev = m.get(s.key);
    m.set(s.key, prev ? { ...prev, exp: prev.exp + s.exp } : s);
  }
  return [...m.values()].filter((s) => s.exp !== 0).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** The single term of a one-term poly, or null. */
export const monomial = (p: Poly): Term | null => (p.terms.length === 1 ? p.terms[0]! : null);

/** A scalar poly's value when it is a plain number (no factors), else null. */
export function constantValue(p: Poly): Q | null {
  if (p.terms.length === 0) return Q.ZERO;
  const t = monomial(p);
  return t && t.scalars.length === 0 && t.chain.length === 0 ? t.coef : null;
}
