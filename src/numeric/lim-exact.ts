// Limits at ±inf that a few exact rules settle, for the proofs of claims about
// numbers (./exact.ts): `lim(sigmoid(t), t, inf) = 1`, `lim(sigmoid(t) * (1 -
// sigmoid(t)), t, -inf) = 0`, `lim((2t^2 + 1) / (t^2 + 3), t, inf) = 2`.
// The body's behaviour as t -> ±inf is a finite rational value or ±inf; sums,
// products and quotients of these combine by the limit laws, and the
// undetermined forms (inf - inf, 0 * inf, inf / inf) are settled only for a
// quotient of polynomials in t (by degrees), or give up. Giving up (Undecided)
// leaves the limit to the numeric sequence of ops/limits.ts, as before.

import { Rational } from "../core/rational.js";
import type { TNode } from "../core/typed.js";
import { undecided } from "./fields.js";

type Behaviour = { finite: Rational } | { inf: 1 | -1 };

const fin = (r: Rational): Behaviour => ({ finite: r });
const ZERO = fin(Rational.ZERO);
const ONE = fin(Rational.ONE);

/** The limit of the body as `t` tends to `dir` (+1: inf, -1: -inf); `constant` evaluates a subtree without t exactly. */
export function limitAtInfinity(body: TNode, t: string, dir: 1 | -1, constant: (n: TNode) => Rational): Rational {
  const b = behaviour(body, t, dir, constant);
  if ("inf" in b) undecided("the limit is infinite");
  return b.finite;
}

function mentions(n: TNode, t: string): boolean {
  return (n.op === "sym" && n.name === t) || n.args.some((a) => mentions(a, t));
}

function behaviour(n: TNode, t: string, dir: 1 | -1, constant: (n: TNode) => Rational): Behaviour {
  if (!mentions(n, t)) return fin(constant(n));
  const go = (m: TNode): Behaviour => behaviour(m, t, dir, constant);
  const [a, b] = n.args as [TNode, TNode];
  switch (n.op) {
    case "sym":
      return { inf: dir };
    case "neg":
      return negate(go(a));
    case "add":
      return sum(go(a), go(b));
    case "sub":
      return sum(go(a), negate(go(b)));
    case "mul":
      return product(go(a), go(b));
    case "div": {
      const ratio = polyRatio(a, b, t, dir, constant);
      if (ratio) return ratio;
      return product(go(a), inverse(go(b)));
    }
    case "pow": {
      if (mentions(b, t)) return undecided("an exponent that depends on the variable");
      const k = constant(b);
      if (!k.isInteger()) return undecided("a fractional power");
      const base = go(a);
      const e = Number(k.n);
      if ("finite" in base) return e < 0 && base.finite.sign() === 0 ? undecided("0 to a negative power") : fin(base.finite.pow(e));
      if (e === 0) return ONE;
      if (e < 0) return ZERO;
      return { inf: base.inf === 1 || e % 2 === 0 ? 1 : -1 };
    }
    case "exp": {
      const x = go(a);
      if ("inf" in x) return x.inf === 1 ? { inf: 1 } : ZERO;
      return x.finite.sign() === 0 ? ONE : undecided("exp of a non-zero rational");
    }
    case "sigmoid": {
      const x = go(a);
      if ("inf" in x) return x.inf === 1 ? ONE : ZERO;
      return x.finite.sign() === 0 ? fin(Rational.of(1n, 2n)) : undecided("sigmoid of a non-zero rational");
    }
    case "tanh": {
      const x = go(a);
      if ("inf" in x) return fin(Rational.int(x.inf));
      return x.finite.sign() === 0 ? ZERO : undecided("tanh of a non-zero rational");
    }
    case "softplus":
    case "relu": {
      const x = go(a);
      if ("inf" in x) return x.inf === 1 ? { inf: 1 } : ZERO;
      if (n.op === "relu") return fin(x.finite.sign() > 0 ? x.finite : Rational.ZERO);
      return undecided("softplus of a rational");
    }
    case "log": {
      const x = go(a);
      if ("inf" in x) return x.inf === 1 ? { inf: 1 } : undecided("log of -inf");
      return x.finite.eq(Rational.ONE) ? ZERO : undecided("log of a rational other than 1");
    }
  }
  return undecided(`no limit rule for ${n.op}`);
}

function negate(x: Behaviour): Behaviour {
  return "inf" in x ? { inf: x.inf === 1 ? -1 : 1 } : fin(x.finite.neg());
}

function sum(x: Behaviour, y: Behaviour): Behaviour {
  if ("finite" in x && "finite" in y) return fin(x.finite.add(y.finite));
  if ("inf" in x && "inf" in y) return x.inf === y.inf ? x : undecided("inf - inf");
  return "inf" in x ? x : y;
}

function product(x: Behaviour, y: Behaviour): Behaviour {
  if ("finite" in x && "finite" in y) return fin(x.finite.mul(y.finite));
  if ("inf" in x && "inf" in y) return { inf: x.inf === y.inf ? 1 : -1 };
  const [i, f] = ("inf" in x ? [x, y] : [y, x]) as [{ inf: 1 | -1 }, { finite: Rational }];
  const s = f.finite.sign();
  if (s === 0) return undecided("0 * inf");
  return { inf: s === i.inf ? 1 : -1 };
}

function inverse(x: Behaviour): Behaviour {
  if ("inf" in x) return ZERO;
  // 1 / (something tending to 0) has no sign we track
  return x.finite.sign() === 0 ? undecided("division by a value tending to 0") : fin(Rational.ONE.div(x.finite));
}

/** Coefficients of a polynomial in t (index = degree), or null when the tree is not one. */
function poly(n: TNode, t: string, constant: (n: TNode) => Rational): Rational[] | null {
  if (!mentions(n, t)) return [constant(n)];
  const [a, b] = n.args as [TNode, TNode];
  const combine = (p: Rational[], q: Rational[], f: (x: Rational, y: Rational) => Rational): Rational[] =>
    Array.from({ length: Math.max(p.length, q.length) }, (_, k) => f(p[k] ?? Rational.ZERO, q[k] ?? Rational.ZERO));
  const times = (p: Rational[], q: Rational[]): Rational[] => {
    const out = Array.from({ length: p.length + q.length - 1 }, () => Rational.ZERO);
    p.forEach((x, i) => q.forEach((y, j) => (out[i + j] = out[i + j]!.add(x.mul(y)))));
    return out;
  };
  switch (n.op) {
    case "sym":
      return [Rational.ZERO, Rational.ONE];
    case "neg": {
      const p = poly(a, t, constant);
      return p && p.map((x) => x.neg());
    }
    case "add":
    case "sub": {
      const p = poly(a, t, constant);
      const q = poly(b, t, constant);
      return p && q && combine(p, q, n.op === "add" ? (x, y) => x.add(y) : (x, y) => x.sub(y));
    }
    case "mul": {
      const p = poly(a, t, constant);
      const q = poly(b, t, constant);
      return p && q && times(p, q);
    }
    case "pow": {
      if (mentions(b, t)) return null;
      const k = constant(b);
      if (!k.isInteger() || k.sign() < 0 || k.cmp(Rational.int(64)) > 0) return null;
      const p = poly(a, t, constant);
      if (!p) return null;
      let r = [Rational.ONE];
      for (let i = 0; i < Number(k.n); i++) r = times(r, p);
      return r;
    }
  }
  return null;
}

/** p(t) / q(t) for polynomials: by the degrees and leading coefficients. */
function polyRatio(a: TNode, b: TNode, t: string, dir: 1 | -1, constant: (n: TNode) => Rational): Behaviour | null {
  const p = poly(a, t, constant);
  const q = poly(b, t, constant);
  if (!p || !q) return null;
  const degree = (c: Rational[]): number => {
    for (let k = c.length - 1; k >= 0; k--) if (c[k]!.sign() !== 0) return k;
    return -1;
  };
  const dp = degree(p);
  const dq = degree(q);
  if (dq < 0) return undecided("division by the zero polynomial");
  if (dp < 0) return ZERO;
  if (dp < dq) return ZERO;
  const lead = p[dp]!.div(q[dq]!);
  if (dp === dq) return fin(lead);
  // t^(dp - dq) times the leading ratio, at +inf or -inf
  const sign = lead.sign() * (dir === -1 && (dp - dq) % 2 === 1 ? -1 : 1);
  return { inf: sign > 0 ? 1 : -1 };
}
