// Definitions the prover may unfold (issue 14): softmax and log-sum-exp in
// terms of exp, exp of a negation or of a broadcast scalar, log of a product
// of exponentials, the sum of a Hadamard product as an inner product, tanh as
// a rescaled sigmoid, and the matrix determinant lemma. Each is an identity
// for every value where both sides are defined (exp is positive, so no log
// here ever meets a non-positive argument), named in RULES and checked
// numerically by the rule suite. They are used by proofs only (prove.ts), not
// by the forms `derive grad` prints, so a printed gradient keeps its softmax.

import { SCALAR, type Shape, isScalar } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { mk, num, onesOf } from "./build.js";
import type { Normalizer, RuleFamily } from "./normal.js";
import { type Poly, type Term, addPoly, constPoly, makePoly } from "./poly.js";
import { Q } from "./rational.js";
import { canonTree } from "./totree.js";

export const definitions: RuleFamily = (n, t) => {
  switch (t.op) {
    case "softmax":
      return softmax(n, t);
    case "sum":
      return t.args.length === 1 ? sum(n, t.args[0]!) : null;
    case "exp":
      return exp(n, t);
    case "log":
      return log(n, t);
    case "tanh":
      return tanh(n, t);
    case "det":
      return detLemma(n, t.args[0]!);
  }
  return null;
};

/** the scalar poly of one term's coefficient and scalar factors (its chain dropped) */
function scalarPart(t: Term): Poly {
  return makePoly(SCALAR, [{ coef: t.coef, scalars: t.scalars, chain: [] }]);
}

/** the term's chain alone, as a tree */
function chainTree(t: Term, s: Shape): TNode {
  return canonTree(makePoly(s, [{ coef: Q.ONE, scalars: [], chain: t.chain }]));
}

/** a scalar poly broadcast over shape s (times ones) */
function spread(n: Normalizer, p: Poly, s: Shape): Poly {
  return isScalar(s) ? p : n.mul(p, n.chains.poly([onesOf(s)], s), s);
}

/** softmax(z) = exp(z) / exp(lse(z)): the one form softmax, exp(z) / sum(exp(z)) and exp(z - lse(z)) share */
function softmax(n: Normalizer, t: TNode): Poly {
  n.rule("softmax-definition");
  const z = t.args[0]!;
  return n.mul(n.norm(mk("exp", [z])), n.invScalar(n.norm(mk("exp", [mk("lse", [z])]))), t.shape);
}

/**
 * sum(exp(u)) = exp(lse(u)) for a column u (lse's definition), and
 * sum(A .* B) = tr(A' * B); other terms keep the built-in rule.
 */
function sum(n: Normalizer, arg: TNode): Poly | null {
  const p = n.norm(arg);
  if (isScalar(p.shape)) return null;
  const isExp = (c: readonly TNode[]): boolean => c.length === 1 && c[0]!.op === "exp" && c[0]!.shape.cols === 1 && !isScalar(c[0]!.shape);
  const isHad = (c: readonly TNode[]): boolean => c.length === 1 && c[0]!.op === "hadamard";
  if (!p.terms.some((x) => isExp(x.chain) || isHad(x.chain))) return null;
  let out = constPoly(Q.ZERO);
  for (const term of p.terms) {
    let value: Poly;
    if (isExp(term.chain)) {
      n.rule("sum-of-exp");
      value = n.norm(mk("exp", [mk("lse", [term.chain[0]!.args[0]!])]));
    } else if (isHad(term.chain)) {
      n.rule("hadamard-sum");
      const [first, ...rest] = term.chain[0]!.args;
      const other = rest.length === 1 ? rest[0]! : mk("hadamard", rest);
      value = n.norm(mk("tr", [mk("mul", [mk("transpose", [first!]), other])]));
    } else value = n.norm(mk("sum", [chainTree(term, p.shape)]));
    out = addPoly(out, n.mul(scalarPart(term), value, SCALAR));
  }
  return out;
}

/**
 * exp of a sum, term by term: a scalar term with a negative coefficient is
 * 1 / exp(-term), a broadcast scalar c * ones is exp(c) * ones, any other
 * term an atom; the factors are multiplied entrywise (exp(a + b) = exp(a) .* exp(b)).
 */
function exp(n: Normalizer, t: TNode): Poly | null {
  const p = n.norm(t.args[0]!);
  const s = t.shape;
  const simple = p.terms.length === 1 && !p.terms[0]!.coef.isNegative() && (isScalar(s) || !isOnes(p.terms[0]!.chain));
  if (simple || p.terms.length === 0) return null;
  let out: Poly | null = null;
  for (const term of p.terms) {
    let f: Poly;
    if (isScalar(p.shape) || isOnes(term.chain)) {
      const c = scalarPart(term);
      const negative = term.coef.isNegative();
      if (negative) n.rule("exp-of-negation");
      const pos = canonTree(negative ? makePoly(SCALAR, [{ ...term, coef: term.coef.neg(), chain: [] }]) : c);
      const e = n.atom(mk("exp", [pos]));
      f = negative ? n.invScalar(e) : e;
      if (!isScalar(s)) {
        n.rule("exp-of-broadcast");
        f = spread(n, f, s);
      }
    } else f = n.atom(mk("exp", [canonTree(makePoly(p.shape, [term]))]));
    if (out) n.rule("exp-of-sum");
    out = out ? n.hadamard(out, f, s) : f;
  }
  return out;
}

function isOnes(chain: readonly TNode[]): boolean {
  return chain.length === 1 && chain[0]!.op === "ones";
}

/**
 * log of a positive product of exponentials, c * exp(a)^i * exp(b)^j * exp(U):
 * log(c) + i a + j b + U (every factor positive, so the log of the product is
 * the sum of the logs). Anything else keeps the built-in rule.
 */
function log(n: Normalizer, t: TNode): Poly | null {
  const s = t.shape;
  const p = n.norm(t.args[0]!);
  const m = p.terms.length === 1 ? p.terms[0]! : null;
  if (!m || m.scalars.length === 0 || !m.scalars.every((f) => f.node.op === "exp")) return null;
  const ok = isScalar(s) ? m.chain.length === 0 : isOnes(m.chain) || (m.chain.length === 1 && m.chain[0]!.op === "exp");
  if (!ok || m.coef.isNegative() || m.coef.isZero()) return null;
  n.rule("log-of-exp-product");
  let out = m.chain.length === 1 && m.chain[0]!.op === "exp" ? n.norm(m.chain[0]!.args[0]!) : constPoly(Q.ZERO, s);
  for (const f of m.scalars) out = addPoly(out, spread(n, n.mul(constPoly(Q.int(f.exp)), n.norm(f.node.args[0]!), SCALAR), s));
  if (!m.coef.isOne()) out = addPoly(out, spread(n, n.atom(mk("log", [num(m.coef)])), s));
  return out;
}

/** tanh(u) = 2 sigmoid(2u) - 1, so tanh and sigmoid identities meet */
function tanh(n: Normalizer, t: TNode): Poly {
  n.rule("tanh-as-sigmoid");
  const u = t.args[0]!;
  const two = num(2);
  return n.norm(mk("sub", [mk("mul", [two, mk("sigmoid", [mk("mul", [two, u])])]), onesOf(t.shape)]));
}

/** det(I + u * w') = 1 + w' * u (the matrix determinant lemma), u a column and w' a row */
function detLemma(n: Normalizer, arg: TNode): Poly | null {
  const p = n.norm(arg);
  if (isScalar(p.shape) || p.shape.rows !== p.shape.cols || p.terms.length !== 2) return null;
  const id = p.terms.find((x) => x.chain.length === 0 && x.scalars.length === 0 && x.coef.isOne());
  const r = p.terms.find((x) => x !== id);
  if (!id || !r || r.chain.length < 2) return null;
  const first = r.chain[0]!;
  const rest = r.chain.slice(1);
  if (first.shape.cols !== 1) return null;
  const restTree = rest.reduce((a, b) => mk("mul", [a, b]));
  if (restTree.shape.rows !== 1) return null;
  n.rule("det-lemma");
  return addPoly(constPoly(Q.ONE), n.mul(scalarPart(r), n.norm(mk("mul", [restTree, first])), SCALAR));
}
