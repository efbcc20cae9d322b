// The canonical normal form of a derivative-free typed tree: a sum of terms
// (./poly.ts). Products are expanded, transposes pushed to the atoms,
// inverses of products reversed, scalars pulled out of chains, traces rotated
// to a canonical cycle. Two expressions with the same normal form are equal
// for every value of their variables (every rewrite used is an identity, named
// in RULES and checked numerically by the rule suite), so `lhs - rhs`
// normalising to zero is a proof. Different normal forms prove nothing: the
// numeric check decides then.

import { key } from "../core/ast.js";
import { type Dim, type Shape, SCALAR, dimNames, divDim, isScalar, isSquare, isTensor, shape, transposeShape } from "../core/shape.js";
import type { Property, TNode } from "../core/typed.js";
import { opDef } from "../ops/registry.js";
import { eye, mk, onesOf } from "./build.js";
import { ChainSimplifier } from "./chain.js";
import {
  type Poly,
  type ScalarFactor,
  type Term,
  addPoly,
  constPoly,
  constantValue,
  makePoly,
  mergeScalars,
  monomial,
  negPoly,
  scalarFactor,
  zeroPoly,
} from "./poly.js";
import { Q } from "./rational.js";
import { normIndexSum } from "./sum-normal.js";
import { tensorNorm } from "./tensor-normal.js";
import { canonTree } from "./totree.js";

/** What the normal form may assume about a declared name. */
export interface Facts {
  has(name: string, p: Property): boolean;
  /** the lower end of a declared interval (`k: integer in [0, 5]`), if any */
  lowerBound?(name: string): number | null;
}

/** S' = S: declared symmetric, spd or diagonal. */
export function isSymmetric(facts: Facts, name: string): boolean {
  return facts.has(name, "symmetric") || facts.has(name, "spd") || facts.has(name, "diagonal");
}

/**
 * A family of extra rewrite rules (rules-*.ts, listed in families.ts): the
 * normal form of t when a rule of the family applies, else null (the
 * built-in rules go on). Every rule must be an identity.
 */
export type RuleFamily = (n: Normalizer, t: TNode) => Poly | null;

/** The normal form met something it has no rule for (it is then an opaque atom, or the proof fails). */
export class NotNormalizable extends Error {}

/** f(-u) in terms of f(u) = fu and u, for functions with a reflection identity. */
const REFLECTIONS: Record<string, (fu: TNode, u: TNode, s: Shape) => TNode> = {
  sigmoid: (fu, _u, s) => mk("sub", [onesOf(s), fu]),
  tanh: (fu) => mk("neg", [fu]),
  sin: (fu) => mk("neg", [fu]),
  cos: (fu) => fu,
  abs: (fu) => fu,
  softplus: (fu, u) => mk("sub", [fu, u]),
  relu: (fu, u) => mk("sub", [fu, u]),
};

/** Scalar integer exponents are expanded by repeated products up to this power. */
const MAX_EXPAND = 8;
/** A normal form larger than this is abandoned (no proof, the numeric check decides). */
const MAX_TERMS = 4000;

export class Normalizer {
  /** names of the rewrite rules that fired (a proof reports them) */
  readonly fired = new Set<string>();
  private readonly memo = new Map<string, Poly>();
  readonly chains: ChainSimplifier;

  constructor(
    readonly facts: Facts,
    readonly families: readonly RuleFamily[] = [],
  ) {
    this.chains = new ChainSimplifier(this);
  }

  /** Is the scalar name >= 0 by its declaration (nonnegative, positive, an interval above 0)? */
  nonnegative(name: string): boolean {
    return this.facts.has(name, "nonnegative") || this.facts.has(name, "positive") || (this.facts.lowerBound?.(name) ?? -1) >= 0;
  }

  rule(name: string): void {
    this.fired.add(name);
  }

  /** canonical tree of a subexpression: the argument of an atom */
  canon(t: TNode): TNode {
    return canonTree(this.norm(t));
  }

  norm(t: TNode): Poly {
    const k = `${key(t)}@${String(t.shape.rows)}x${String(t.shape.cols)}`;
    let p = this.memo.get(k);
    if (!p) {
      p = this.compute(t);
      if (p.terms.length > MAX_TERMS) throw new NotNormalizable("the expansion is too large");
      this.memo.set(k, p);
    }
    return p;
  }

  private compute(t: TNode): Poly {
    for (const family of this.families) {
      const p = family(this, t);
      if (p) return p;
    }
    const s = t.shape;
    const a = t.args;
    if (isTensor(s) || a.some((x) => isTensor(x.shape))) {
      const r = tensorNorm(this, t);
      if (r) return r;
    }
    switch (t.op) {
      case "num": {
        const q = Q.parse(t.text ?? "") ?? Q.fromNumber(t.value!);
        // a literal 0 alone on a side stands for a zero matrix
        return isScalar(s) ? constPoly(q) : zeroPoly(s);
      }
      case "sym":
        if (isScalar(s)) return this.scalarAtom(t);
        if (this.facts.has(t.name!, "diagonal") && s.cols !== 1) {
          // a diagonal D is diag(diag(D)): then D x = diag(D) .* x and D E = E D follow
          this.rule("diagonal-as-diag");
          return this.chains.poly([mk("diag", [mk("diag", [t])])], s);
        }
        return this.chains.poly([t], s);
      case "dimval":
        return this.dimension(t.name!);
      case "pi":
      case "e":
        return this.scalarAtom(t);
      case "I":
        return constPoly(Q.ONE, s);
      case "zeros":
        return zeroPoly(s);
      case "ones":
        return isScalar(s) ? constPoly(Q.ONE) : this.chains.poly([onesOf(s)], s);
      case "add":
        return addPoly(this.broadcast(a[0]!, s), this.broadcast(a[1]!, s));
      case "sub":
        return addPoly(this.broadcast(a[0]!, s), negPoly(this.broadcast(a[1]!, s)));
      case "neg":
        return negPoly(this.norm(a[0]!));
      case "mul":
        return this.mul(this.norm(a[0]!), this.norm(a[1]!), s);
      case "div":
        return this.mul(this.norm(a[0]!), this.invScalar(this.norm(a[1]!)), s);
      case "dot":
        return this.mul(this.transpose(this.norm(a[0]!)), this.norm(a[1]!), s);
      case "outer":
        return this.mul(this.norm(a[0]!), this.transpose(this.norm(a[1]!)), s);
      case "transpose":
        return this.transpose(this.norm(a[0]!));
      case "hadamard":
        return this.hadamard(this.norm(a[0]!), this.norm(a[1]!), s);
      case "ediv":
        if (isScalar(a[1]!.shape)) return this.mul(this.norm(a[0]!), this.invScalar(this.norm(a[1]!)), s);
        return this.hadamard(this.norm(a[0]!), this.elementwisePower(a[1]!, Q.MINUS_ONE), s);
      case "pow":
        return this.power(a[0]!, a[1]!, s);
      case "epow":
        return this.epow(a[0]!, a[1]!, s);
      case "sqrt":
        if (isScalar(s)) return this.halfPower(a[0]!, 0.5);
        return this.atom(t);
      case "inv":
        return this.inverse(this.norm(a[0]!), s);
      case "tr":
        return this.trace(this.norm(a[0]!));
      case "det":
        return this.det(this.norm(a[0]!));
      case "logdet":
        return this.logdet(this.norm(a[0]!));
      case "sum":
        // a sum over an index is an atom of its canonical body and bounds, or 0 over an empty range
        if (a.length === 4 && emptyRange(a[2]!, a[3]!)) {
          this.rule("empty-sum");
          return zeroPoly(s);
        }
        return a.length === 1 ? this.sum(this.norm(a[0]!)) : normIndexSum(this, t);
      case "prod":
        if (emptyRange(a[2]!, a[3]!)) {
          this.rule("empty-product");
          return constPoly(Q.ONE, s);
        }
        return this.atom(t);
      case "mean":
        return this.mul(this.sum(this.norm(a[0]!)), this.invScalar(this.numel(a[0]!.shape)), SCALAR);
      case "kron":
        return this.kron(this.norm(a[0]!), this.norm(a[1]!), s);
      case "unit":
        if (a.length === 4) {
          // unit(i, j, m, n) = unit(i, m) * unit(j, n)': its entries are then entries of products
          this.rule("matrix-unit-as-outer");
          return this.norm(mk("mul", [mk("unit", [a[0]!, a[2]!]), mk("transpose", [mk("unit", [a[1]!, a[3]!])])]));
        }
        return this.atom(t);
      case "ptrace":
        return this.linearAtom(this.norm(a[0]!), s, (m) => this.ptraceOf(m, a[1]!));
      case "blocktrace":
        return this.linearAtom(this.norm(a[0]!), s, (m) => this.blocktraceOf(m, a[1]!));
      case "vec":
        return this.linearAtom(this.norm(a[0]!), s, (m) => (m.shape.cols === 1 ? { rule: "vec-of-vector", value: m } : mk("vec", [m])));
      case "diag":
        // the diagonal of a diagonal D is an atom (D itself normalises to diag(diag(D)))
        if (a[0]!.op === "sym" && a[0]!.shape.cols !== 1 && this.facts.has(a[0]!.name!, "diagonal")) return this.chains.poly([t], s);
        return this.diag(this.norm(a[0]!), s);
      case "index":
        return this.index(t);
      case "softmax":
        return this.softmax(a[0]!, s);
      case "lse":
        return this.lse(a[0]!);
      case "logsoftmax":
        this.rule("logsoftmax-definition");
        return this.norm(mk("sub", [a[0]!, mk("mul", [mk("lse", [a[0]!]), onesOf(a[0]!.shape)])]));
      case "norm":
        return this.normOf(this.norm(a[0]!));
      case "log":
        return this.log(t);
      case "grad":
      case "jacobian":
      case "hessian":
      case "diff":
        throw new NotNormalizable("derivatives must be expanded before the normal form");
    }
    return this.atom(t);
  }

  /** An operator without a rule here: an opaque atom of its canonical arguments. */
  atom(t: TNode): Poly {
    const x = t.args[0];
    const reflected = x && t.args.length === 1 ? this.reflect(t, x) : null;
    if (reflected) return reflected;
    if (t.op === "exp" && x) {
      const p = this.norm(x);
      if (p.terms.length > 1) {
        // exp(a + b) = exp(a) .* exp(b), entrywise
        this.rule("exp-of-sum");
        let out: Poly | null = null;
        for (const term of p.terms) {
          const e = this.atom(mk("exp", [canonTree(makePoly(p.shape, [term]))]));
          out = out ? this.hadamard(out, e, t.shape) : e;
        }
        return out!;
      }
    }
    if ((t.op === "relu" || t.op === "abs") && x?.op === "sym" && (this.facts.has(x.name!, "nonnegative") || this.facts.has(x.name!, "positive"))) {
      this.rule("relu-of-nonnegative");
      return this.norm(x);
    }
    const def = t.op === "matrix" ? null : opDef(t.op);
    const dims = def?.syntax.kind === "function" && def.syntax.dimArgs;
    const args = dims ? t.args : t.args.map((x) => this.canon(x));
    const node: TNode = t.op === "matrix" ? { ...t, args } : mk(t.op, args);
    return isScalar(t.shape) ? this.scalarAtom(node) : this.chains.poly([node], t.shape);
  }

  /**
   * f(-u) for an odd or even f, or one with a known reflection: written in
   * terms of f(u) when u's canonical form leads with a negative term, so that
   * f(u) and f(-u) meet (sigmoid(-t) = 1 - sigmoid(t), tanh(-t) = -tanh(t), ...).
   */
  private reflect(t: TNode, x: TNode): Poly | null {
    const r = REFLECTIONS[t.op];
    if (!r) return null;
    const p = this.norm(x);
    if (!p.terms[0]?.coef.isNegative()) return null;
    this.rule(`${t.op}-reflection`);
    const u = canonTree(negPoly(p));
    return this.norm(r(mk(t.op, [u]), u, t.shape));
  }

  scalarAtom(t: TNode, exp = 1): Poly {
    return makePoly(SCALAR, [{ coef: Q.ONE, scalars: this.finishScalars([scalarFactor(t, exp)]), chain: [] }]);
  }

  /** A dimension as a value: its size when known, else a scalar factor. */
  dimension(d: Dim): Poly {
    if (typeof d === "number") return constPoly(Q.int(d));
    let p = constPoly(Q.ONE);
    for (const n of dimNames(d)) p = this.mul(p, this.scalarAtom({ op: "dimval", args: [], name: n, pos: 0, end: 0, shape: SCALAR }), SCALAR);
    const numeric = typeof d === "string" ? d.split("*").filter((f) => /^\d+$/.test(f)) : [];
    for (const f of numeric) p = this.mul(p, constPoly(Q.int(Number(f))), SCALAR);
    return p;
  }

  private numel(s: Shape): Poly {
    return this.mul(this.dimension(s.rows), this.dimension(s.cols), SCALAR);
  }

  /** A scalar broadcast over a tensor (`A + 1`) is that scalar times ones, not the identity. */
  private broadcast(t: TNode, s: Shape): Poly {
    const p = this.norm(t);
    if (isScalar(s) || !isScalar(t.shape)) return p;
    return this.mul(p, this.chains.poly([onesOf(s)], s), s);
  }

  /** Scalar factors after a merge: det(Q)^2 = 1 for an orthogonal Q. */
  finishScalars(s: readonly ScalarFactor[]): ScalarFactor[] {
    const merged = mergeScalars([], s);
    return merged
      .map((f) => {
        const q = f.node.op === "det" ? f.node.args[0]! : null;
        if (q && q.op === "sym" && this.facts.has(q.name!, "orthogonal") && f.exp % 2 === 0) {
          this.rule("orthogonal-det-square");
          return { ...f, exp: 0 };
        }
        return f;
      })
      .filter((f) => f.exp !== 0);
  }

  mul(a: Poly, b: Poly, s: Shape): Poly {
    const terms: Term[] = [];
    for (const x of a.terms) {
      for (const y of b.terms) {
        const coef = x.coef.mul(y.coef);
        const scalars = this.finishScalars([...x.scalars, ...y.scalars]);
        if (x.chain.length === 0 || y.chain.length === 0 || isScalar(a.shape) || isScalar(b.shape)) {
          const chain = x.chain.length ? x.chain : y.chain;
          if (x.chain.length && y.chain.length) {
            // two chains where one side is a scalar cannot happen: scalars have empty chains
            throw new NotNormalizable("internal: chain on a scalar");
          }
          // an empty chain times an empty chain of another size: the identity of the result
          terms.push({ coef, scalars, chain });
          continue;
        }
        for (const t of this.chains.poly([...x.chain, ...y.chain], s).terms) {
          terms.push({ coef: coef.mul(t.coef), scalars: this.finishScalars([...scalars, ...t.scalars]), chain: t.chain });
        }
      }
    }
    return makePoly(s, terms);
  }

  transpose(p: Poly): Poly {
    const s = transposeShape(p.shape);
    const terms: Term[] = [];
    for (const t of p.terms) {
      if (t.chain.length === 0) {
        terms.push(t);
        continue;
      }
      this.rule("transpose-of-product");
      const chain = [...t.chain].reverse().map((x) => this.chains.transposeAtom(x));
      for (const u of this.chains.poly(chain, s).terms) {
        terms.push({ coef: t.coef.mul(u.coef), scalars: this.finishScalars([...t.scalars, ...u.scalars]), chain: u.chain });
      }
    }
    return makePoly(s, terms);
  }

  /** 1 / p for a scalar p: exact for a monomial, an opaque power otherwise. */
  invScalar(p: Poly): Poly {
    const m = monomial(p);
    if (m && m.chain.length === 0) {
      if (m.coef.isZero()) throw new NotNormalizable("division by zero");
      return makePoly(SCALAR, [{ coef: m.coef.inv(), scalars: this.finishScalars(m.scalars.map((f) => ({ ...f, exp: -f.exp }))), chain: [] }]);
    }
    if (p.terms.length === 0) throw new NotNormalizable("division by zero");
    return this.scalarAtom(canonTree(p), -1);
  }

  inverse(p: Poly, s: Shape): Poly {
    if (isScalar(s)) return this.invScalar(p);
    const m = monomial(p);
    if (m && m.chain.every((x) => isSquare(x.shape))) {
      this.rule("inverse-of-product");
      let out = makePoly(s, [{ coef: m.coef.inv(), scalars: this.finishScalars(m.scalars.map((f) => ({ ...f, exp: -f.exp }))), chain: [] }]);
      for (const x of [...m.chain].reverse()) out = this.mul(out, this.chains.inverseAtom(x), s);
      return out;
    }
    if (p.terms.length === 0) throw new NotNormalizable("inverse of zero");
    return this.chains.poly([mk("inv", [canonTree(p)])], s);
  }

  private power(base: TNode, exponent: TNode, s: Shape): Poly {
    const k = constantValue(this.norm(exponent));
    if (isScalar(s)) {
      if (base.op === "e") {
        this.rule("e-power");
        return this.atom(mk("exp", [exponent]));
      }
      const bc = this.canon(base);
      if (k && k.isInteger() && Number(k.n) > 0 && Number(k.n) % 2 === 0 && bc.op === "norm") {
        // norm(M)^2 = tr(M' M): one form for the norm and the inner product
        this.rule("norm-squared");
        const m = bc.args[0]!;
        const sq = isScalar(m.shape) ? mk("mul", [m, m]) : mk("tr", [mk("mul", [mk("transpose", [m]), m])]);
        return this.power(sq, mk("div", [exponent, build2()]), s);
      }
      if (k && k.isInteger() && Math.abs(Number(k.n)) <= MAX_EXPAND) {
        const b = this.norm(base);
        const n = Number(k.n);
        const m = monomial(b);
        if (m && m.chain.length === 0) {
          if (m.coef.isZero() && n < 0) throw new NotNormalizable("division by zero");
          return makePoly(SCALAR, [{ coef: m.coef.pow(n), scalars: this.finishScalars(m.scalars.map((f) => ({ ...f, exp: f.exp * n }))), chain: [] }]);
        }
        let out = constPoly(Q.ONE);
        for (let i = 0; i < Math.abs(n); i++) out = this.mul(out, b, SCALAR);
        return n < 0 ? this.invScalar(out) : out;
      }
      if (k && !k.isInteger() && k.mul(Q.int(2)).isInteger()) return this.halfPower(base, k.toNumber());
      return this.scalarAtom(mk("pow", [this.canon(base), this.canon(exponent)]));
    }
    if (k && k.isInteger() && Math.abs(Number(k.n)) <= MAX_EXPAND) {
      const n = Number(k.n);
      const b = n < 0 ? this.inverse(this.norm(base), s) : this.norm(base);
      let out = constPoly(Q.ONE, s);
      for (let i = 0; i < Math.abs(n); i++) out = this.mul(out, b, s);
      return out;
    }
    return this.chains.poly([mk("pow", [this.canon(base), this.canon(exponent)])], s);
  }

  /**
   * b^k for a half-integer k, and sqrt(b) as b^(1/2): one normal form for
   * both, so s^(1/2) = sqrt(s) and sqrt(s) * sqrt(s) = s (where defined, b >= 0).
   * b stays one factor: sqrt(a * b) is not sqrt(a) * sqrt(b) for negative a, b.
   */
  private halfPower(base: TNode, k: number): Poly {
    this.rule("sqrt-as-power");
    const p = this.norm(base);
    const m = monomial(p);
    const one = m && m.chain.length === 0 && m.coef.isOne() && m.scalars.length === 1 && m.scalars[0]!.exp === 1 ? m.scalars[0]! : null;
    if (one) return makePoly(SCALAR, [{ coef: Q.ONE, scalars: this.finishScalars([{ ...one, exp: k }]), chain: [] }]);
    return this.scalarAtom(canonTree(p), k);
  }

  private elementwisePower(base: TNode, k: Q): Poly {
    return this.chains.poly([mk("epow", [this.canon(base), canonTree(constPoly(k))])], base.shape);
  }

  private epow(base: TNode, exponent: TNode, s: Shape): Poly {
    if (isScalar(base.shape) && isScalar(exponent.shape)) return this.power(base, exponent, s);
    const k = isScalar(exponent.shape) ? constantValue(this.norm(exponent)) : null;
    if (k && k.isInteger() && k.toNumber() >= 0 && k.toNumber() <= MAX_EXPAND && !isScalar(base.shape)) {
      this.rule("elementwise-power");
      let out = this.chains.poly([onesOf(s)], s);
      const b = this.norm(base);
      for (let i = 0; i < k.toNumber(); i++) out = this.hadamard(out, b, s);
      return out;
    }
    if (k && k.equals(Q.ONE.div(Q.int(2))) && !isScalar(base.shape)) {
      // X .^ (1/2) is sqrt(X), entrywise: one normal form for both
      this.rule("sqrt-as-power");
      return this.atom(mk("sqrt", [base]));
    }
    return this.atom(mk("epow", [base, exponent]));
  }

  hadamard(a: Poly, b: Poly, s: Shape): Poly {
    if (isScalar(a.shape) || isScalar(b.shape)) return this.mul(a, b, s);
    const terms: Term[] = [];
    for (const x of a.terms) {
      for (const y of b.terms) {
        const coef = x.coef.mul(y.coef);
        const scalars = this.finishScalars([...x.scalars, ...y.scalars]);
        for (const u of this.chains.hadamardChains(x.chain, y.chain, s).terms) {
          terms.push({ coef: coef.mul(u.coef), scalars: this.finishScalars([...scalars, ...u.scalars]), chain: u.chain });
        }
      }
    }
    return makePoly(s, terms);
  }

  private trace(p: Poly): Poly {
    if (isScalar(p.shape)) return p;
    const terms: Term[] = [];
    for (const t of p.terms) {
      const factor = t.chain.length === 0 ? this.dimension(p.shape.rows) : this.chains.traceOf(t.chain);
      for (const u of factor.terms) terms.push({ coef: t.coef.mul(u.coef), scalars: this.finishScalars([...t.scalars, ...u.scalars]), chain: [] });
    }
    return makePoly(SCALAR, terms);
  }

  private sum(p: Poly): Poly {
    if (isScalar(p.shape)) return p;
    // sum(diag(v)) = sum(v): the entries of a diagonal matrix are those of its diagonal
    // (with hadamard-identity, sum(M .* I(n)) = sum(diag(M)) = tr(M))
    const diagOf = (t: Term): TNode | null => (t.chain.length === 1 && t.chain[0]!.op === "diag" && t.chain[0]!.args[0]!.shape.cols === 1 && t.chain[0]!.args[0]!.shape.rows !== 1 ? t.chain[0]!.args[0]! : null);
    if (p.terms.length > 0 && p.terms.every((t) => diagOf(t))) {
      const v = diagOf(p.terms[0]!)!;
      if (p.terms.every((t) => diagOf(t)!.shape.rows === v.shape.rows)) {
        this.rule("sum-of-diag-matrix");
        return this.sum(makePoly(v.shape, p.terms.map((t) => ({ ...t, chain: [diagOf(t)!] }))));
      }
    }
    const diagOnly = p.terms.every((t) => t.chain.length === 1 && t.chain[0]!.op === "diag" && t.chain[0]!.shape.cols === 1 && t.chain[0]!.args[0]!.shape.cols !== 1);
    if (diagOnly && p.terms.length > 0) {
      this.rule("sum-of-diagonal");
      return makePoly(
        SCALAR,
        p.terms.flatMap((t) => this.trace(this.norm(t.chain[0]!.args[0]!)).terms.map((u) => ({ coef: t.coef.mul(u.coef), scalars: this.finishScalars([...t.scalars, ...u.scalars]), chain: [] }))),
      );
    }
    this.rule("sum-as-quadratic-form");
    let out = p;
    if (p.shape.rows !== 1) {
      const left = mk("transpose", [onesOf(shape(p.shape.rows, 1))]);
      out = this.mul(this.chains.poly([left], left.shape), out, shape(1, p.shape.cols));
    }
    if (p.shape.cols !== 1) {
      const right = onesOf(shape(p.shape.cols, 1));
      out = this.mul(out, this.chains.poly([right], right.shape), SCALAR);
    }
    return out;
  }

  private det(p: Poly): Poly {
    if (isScalar(p.shape)) return p;
    const n = p.shape.rows;
    const m = monomial(p);
    const plain = m && m.chain.every((x) => isSquare(x.shape)) && ((m.coef.isOne() && m.scalars.length === 0) || typeof n === "number");
    if (m && !plain && m.chain.every((x) => isSquare(x.shape))) {
      // det(c M) = c^n det(M) with n symbolic
      this.rule("det-of-scaled");
      const c = canonTree(makePoly(SCALAR, [{ coef: m.coef, scalars: m.scalars, chain: [] }]));
      const cn = this.scalarAtom(mk("pow", [c, this.canon(dimTree(n))]));
      return this.mul(cn, this.det(makePoly(p.shape, [{ coef: Q.ONE, scalars: [], chain: m.chain }])), SCALAR);
    }
    if (!m || !plain) return p.terms.length === 0 ? constPoly(Q.ZERO) : this.scalarAtom(mk("det", [canonTree(p)]));
    this.rule("det-of-product");
    const k = typeof n === "number" ? n : 1;
    let out = makePoly(SCALAR, [{ coef: m.coef.pow(k), scalars: this.finishScalars(m.scalars.map((f) => ({ ...f, exp: f.exp * k }))), chain: [] }]);
    for (const x of m.chain) out = this.mul(out, this.chains.detAtom(x), SCALAR);
    return out;
  }

  private logdet(p: Poly): Poly {
    if (isScalar(p.shape)) return this.atom(mk("log", [mk("abs", [canonTree(p)])]));
    const m = monomial(p);
    if (!m || m.scalars.length > 0 || !m.chain.every((x) => isSquare(x.shape))) return this.scalarAtom(mk("logdet", [canonTree(p)]));
    this.rule("logdet-of-product");
    let out = constPoly(Q.ZERO);
    if (!m.coef.isOne()) {
      // log|det(c M)| = n log|c| + log|det(M)|
      const logc = this.scalarAtom(mk("log", [canonTree(constPoly(m.coef.isNegative() ? m.coef.neg() : m.coef))]));
      out = this.mul(this.dimension(p.shape.rows), logc, SCALAR);
    }
    for (const x of m.chain) out = addPoly(out, this.chains.logdetAtom(x));
    return out;
  }

  private kron(a: Poly, b: Poly, s: Shape): Poly {
    if (isScalar(a.shape) || isScalar(b.shape)) return this.mul(a, b, s);
    const terms: Term[] = [];
    for (const x of a.terms) {
      for (const y of b.terms) {
        const tx = canonTree(makePoly(a.shape, [{ coef: Q.ONE, scalars: [], chain: x.chain }]));
        const ty = canonTree(makePoly(b.shape, [{ coef: Q.ONE, scalars: [], chain: y.chain }]));
        const both = x.chain.length === 0 && y.chain.length === 0;
        if (both) this.rule("kron-identity");
        const chain = both ? [] : [mk("kron", [tx, ty])];
        terms.push({ coef: x.coef.mul(y.coef), scalars: this.finishScalars([...x.scalars, ...y.scalars]), chain });
      }
    }
    return makePoly(s, terms);
  }

  /**
   * A linear function of a matrix applied term by term: f(c M) = c f(M).
   * `f` gives f(M) as a new atom, or `{ rule, value }` when a rule says what
   * f(M) is (a tree to normalise).
   */
  private linearAtom(p: Poly, s: Shape, f: (m: TNode) => TNode | { rule: string; value: TNode }): Poly {
    const terms: Term[] = [];
    for (const t of p.terms) {
      const m = canonTree(makePoly(p.shape, [{ coef: Q.ONE, scalars: [], chain: t.chain }]));
      const image = f(m);
      let inner: Poly;
      if ("rule" in image) {
        this.rule(image.rule);
        inner = this.norm(image.value);
      } else inner = isScalar(s) ? this.scalarAtom(image) : this.chains.poly([image], s);
      for (const u of inner.terms) terms.push({ coef: t.coef.mul(u.coef), scalars: this.finishScalars([...t.scalars, ...u.scalars]), chain: u.chain });
    }
    return makePoly(s, terms);
  }

  /**
   * ptrace(M, n) of one chain M: tr(P) * Q for M = kron(P, Q) with P n x n,
   * n times I(p) for the identity of size n*p, else an atom.
   */
  private ptraceOf(m: TNode, n: TNode): TNode | { rule: string; value: TNode } {
    const size = n.op === "num" ? n.value! : n.name!;
    if (m.op === "kron" && m.args[0]!.shape.rows === size && m.args[0]!.shape.cols === size) {
      return { rule: "ptrace-of-kron", value: mk("mul", [mk("tr", [m.args[0]!]), m.args[1]!]) };
    }
    if (m.op === "I") {
      const rest = divDim(m.shape.rows, size);
      if (rest !== null) return { rule: "ptrace-of-kron", value: mk("mul", [n, eye(shape(rest, rest))]) };
    }
    return mk("ptrace", [m, n]);
  }

  /**
   * blocktrace(M, p) of one chain M: tr(Q) * P for M = kron(P, Q) with Q p x p,
   * p times I(m) for the identity of size m*p, else an atom.
   */
  private blocktraceOf(m: TNode, p: TNode): TNode | { rule: string; value: TNode } {
    const size = p.op === "num" ? p.value! : p.name!;
    if (m.op === "kron" && m.args[1]!.shape.rows === size && m.args[1]!.shape.cols === size) {
      return { rule: "ptrace-of-kron", value: mk("mul", [mk("tr", [m.args[1]!]), m.args[0]!]) };
    }
    if (m.op === "I") {
      const rest = divDim(m.shape.rows, size);
      if (rest !== null) return { rule: "ptrace-of-kron", value: mk("mul", [p, eye(shape(rest, rest))]) };
    }
    return mk("blocktrace", [m, p]);
  }

  private diag(p: Poly, s: Shape): Poly {
    if (isScalar(p.shape)) return p;
    if (p.shape.cols === 1) {
      // vector -> diagonal matrix; diag(ones(n)) = I
      return this.linearAtom(p, s, (m) => (m.op === "ones" ? { rule: "diag-of-ones", value: eye(s) } : mk("diag", [m])));
    }
    // matrix -> vector of its diagonal; diag(I) = ones, diag(diag(x)) = x
    return this.linearAtom(p, s, (m) => {
      if (m.op === "I") return { rule: "diag-of-identity", value: onesOf(s) };
      if (m.op === "diag" && m.args[0]!.shape.cols === 1) return { rule: "diag-of-diag", value: m.args[0]! };
      return mk("diag", [m]);
    });
  }

  private index(t: TNode): Poly {
    const target = this.norm(t.args[0]!);
    const idx = t.args.slice(1).map((x) => this.canon(x));
    return this.linearAtom(target, SCALAR, (m) => mk("index", [m, ...idx]));
  }

  private softmax(z: TNode, s: Shape): Poly {
    const p = this.norm(z);
    const rest = p.terms.filter((t) => !this.isOnes(t.chain));
    if (rest.length !== p.terms.length) this.rule("softmax-shift");
    return this.chains.poly([mk("softmax", [canonTree(makePoly(p.shape, rest))])], s);
  }

  private lse(z: TNode): Poly {
    const p = this.norm(z);
    const rest = p.terms.filter((t) => !this.isOnes(t.chain));
    const shift = p.terms.filter((t) => this.isOnes(t.chain)).map((t) => ({ ...t, chain: [] }));
    if (shift.length) this.rule("lse-shift");
    return addPoly(this.scalarAtom(mk("lse", [canonTree(makePoly(p.shape, rest))])), makePoly(SCALAR, shift));
  }

  private isOnes(chain: readonly TNode[]): boolean {
    return chain.length === 1 && chain[0]!.op === "ones";
  }

  private normOf(p: Poly): Poly {
    const first = p.terms[0];
    const q = first && first.coef.isNegative() ? negPoly(p) : p;
    if (q !== p) this.rule("norm-of-negation");
    return this.scalarAtom(mk("norm", [canonTree(q)]));
  }

  private log(t: TNode): Poly {
    const arg = t.args[0]!;
    const c = this.canon(arg);
    if (c.op === "exp") {
      this.rule("log-of-exp");
      return this.norm(c.args[0]!);
    }
    if (c.op === "softmax") {
      this.rule("log-of-softmax");
      return this.norm(mk("logsoftmax", [c.args[0]!]));
    }
    return this.atom(mk("log", [c]));
  }
}

/** the literal 2 */
function build2(): TNode {
  return { op: "num", args: [], value: 2, text: "2", pos: 0, end: 0, shape: SCALAR };
}

/** A dimension as a tree: its number, a name, or a product of names. */
function dimTree(d: Dim): TNode {
  if (typeof d === "number") return { op: "num", args: [], value: d, text: String(d), pos: 0, end: 0, shape: SCALAR };
  const parts = d.split("*").map((f): TNode =>
    /^\d+$/.test(f) ? { op: "num", args: [], value: Number(f), text: f, pos: 0, end: 0, shape: SCALAR } : { op: "dimval", args: [], name: f, pos: 0, end: 0, shape: SCALAR },
  );
  return parts.reduce((a, b) => mk("mul", [a, b]));
}

/** Literal integer bounds with hi < lo: `sum(f, i, 1, 0)` has no terms. */
function emptyRange(lo: TNode, hi: TNode): boolean {
  return lo.op === "num" && hi.op === "num" && hi.value! < lo.value!;
}
