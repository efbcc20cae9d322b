// Chains of matrix atoms in the normal form: cancellations (X inv(X), Q'Q for
// an orthogonal Q), Kronecker and vec rules, commuting diagonal factors, and
// 1 x 1 stretches pulled out as scalars (x'*y*A is (x'y) A, a scalar times A).
// Also the canonical trace (rotations and transposition of the cycle) and how
// single atoms transpose, invert, and go through det and logdet.

import { key } from "../core/ast.js";
import { type Shape, SCALAR, isScalar, shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { opDef } from "../ops/registry.js";
import { eye, mk, onesOf } from "./build.js";
import { type Normalizer, isSymmetric } from "./normal.js";
import { type Poly, constPoly, makePoly, negPoly, zeroPoly } from "./poly.js";
import { Q } from "./rational.js";
import { detPower, inversePower, logdetPower, mergeAroundTrace, mergePowers } from "./powers.js";
import { traceOfIndexSum } from "./sum-normal.js";
import { unitEntry } from "./rules-index.js";

const chainKey = (c: readonly TNode[]): string => c.map(key).join(",");

export class ChainSimplifier {
  constructor(private readonly n: Normalizer) {}

  /** The normal form of the product of `chain` (of shape `s`). */
  poly(chain: readonly TNode[], s: Shape): Poly {
    const c = chain.filter((x) => x.op !== "I");
    if (c.length === 0) return constPoly(Q.ONE, s);
    for (let k = 0; k + 1 < c.length; k++) {
      const rewritten = this.pair(c[k]!, c[k + 1]!);
      if (rewritten === undefined) continue;
      const prefix = c.slice(0, k);
      const suffix = c.slice(k + 2);
      let out = rewritten;
      if (prefix.length) out = this.n.mul(this.poly(prefix, shape(s.rows, prefix[prefix.length - 1]!.shape.cols)), out, shape(s.rows, out.shape.cols));
      if (suffix.length) out = this.n.mul(out, this.poly(suffix, shape(suffix[0]!.shape.rows, s.cols)), s);
      return makePoly(s, out.terms);
    }
    // diag(u) * V for a column V is u .* V: one form for both ways of writing it
    if (c[c.length - 1]!.shape.cols === 1) {
      const k = c.findIndex((x, i) => i < c.length - 1 && x.op === "diag" && x.args[0]!.shape.cols === 1);
      if (k >= 0) {
        this.n.rule("diag-times-vector");
        const tail = c.slice(k + 1);
        let v = tail[0]!;
        for (const x of tail.slice(1)) v = mk("mul", [v, x]);
        const had = this.n.hadamard(this.n.norm(c[k]!.args[0]!), this.n.norm(v), shape(c[k]!.shape.rows, 1));
        const prefix = c.slice(0, k);
        return prefix.length ? this.n.mul(this.poly(prefix, shape(s.rows, prefix[prefix.length - 1]!.shape.cols)), had, s) : makePoly(s, had.terms);
      }
    }
    // a 1 x 1 stretch u' ... v is a scalar: pull it out
    for (let i = 0; i < c.length; i++) {
      if (c[i]!.shape.rows !== 1) continue;
      for (let j = i; j < c.length; j++) {
        if (c[j]!.shape.cols !== 1) continue;
        const whole = i === 0 && j === c.length - 1;
        if (whole && !isScalar(s)) break;
        const scalar = this.segment(c.slice(i, j + 1));
        const rest = [...c.slice(0, i), ...c.slice(j + 1)];
        return this.n.mul(scalar, rest.length ? this.poly(rest, s) : constPoly(Q.ONE, s), s);
      }
    }
    return makePoly(s, [{ coef: Q.ONE, scalars: [], chain: c }]);
  }

  /** A rewrite of two adjacent atoms, or undefined when none applies. */
  private pair(x: TNode, y: TNode): Poly | undefined {
    const s = shape(x.shape.rows, y.shape.cols);
    if ((x.op === "inv" && key(x.args[0]!) === key(y)) || (y.op === "inv" && key(y.args[0]!) === key(x))) {
      this.n.rule("inverse-cancellation");
      return constPoly(Q.ONE, s);
    }
    if (this.orthogonalPair(x, y) || this.orthogonalPair(y, x)) {
      this.n.rule("orthogonal-cancellation");
      return constPoly(Q.ONE, s);
    }
    if (x.op === "kron" && y.op === "kron") {
      const [a, b] = x.args as [TNode, TNode];
      const [c, d] = y.args as [TNode, TNode];
      if (a.shape.cols === c.shape.rows && b.shape.cols === d.shape.rows) {
        this.n.rule("kron-mixed-product");
        return this.n.norm(mk("kron", [mk("mul", [a, c]), mk("mul", [b, d])]));
      }
    }
    if (x.op === "kron" && y.op === "vec") {
      const [p, q] = x.args as [TNode, TNode];
      const m = y.args[0]!;
      if (q.shape.cols === m.shape.rows && p.shape.cols === m.shape.cols) {
        this.n.rule("kron-vec");
        return this.n.norm(mk("vec", [mk("mul", [mk("mul", [q, m]), mk("transpose", [p])])]));
      }
    }
    const powers = mergePowers(this.n, x, y);
    if (powers) return powers;
    if (this.isDiagonal(x) && this.isDiagonal(y) && key(x) > key(y)) {
      this.n.rule("diagonal-commute");
      return makePoly(s, [{ coef: Q.ONE, scalars: [], chain: [y, x] }]);
    }
    return undefined;
  }

  private orthogonalPair(x: TNode, y: TNode): boolean {
    return x.op === "transpose" && x.args[0]!.op === "sym" && key(x.args[0]!) === key(y) && this.n.facts.has(y.name!, "orthogonal");
  }

  private isDiagonal(a: TNode): boolean {
    if (a.op === "sym") return this.n.facts.has(a.name!, "diagonal");
    if (a.op === "diag") return a.args[0]!.shape.cols === 1;
    if (a.op === "inv") return this.isDiagonal(a.args[0]!);
    return false;
  }

  /** A 1 x 1 stretch of a chain as a scalar. */
  private segment(seg: readonly TNode[]): Poly {
    const entry = unitEntry(this.n, seg);
    if (entry) return entry;
    if (seg.length === 2) {
      const [u, v] = seg as [TNode, TNode];
      if (u.op === "transpose" && u.args[0]!.op === "vec" && v.op === "vec") {
        this.n.rule("vec-inner-product");
        return this.n.norm(mk("tr", [mk("mul", [mk("transpose", [u.args[0]!.args[0]!]), v.args[0]!])]));
      }
      if (u.op === "transpose" && u.args[0]!.op === "ones" && v.op === "ones") {
        this.n.rule("ones-inner-product");
        return this.n.dimension(v.shape.rows);
      }
      // the entries of a simplex or one-hot vector sum to 1, and a one-hot y has y'y = 1
      const w = u.op === "transpose" ? u.args[0]! : null;
      const unitSum = (a: TNode, b: TNode | null): boolean =>
        a.op === "sym" && b?.op === "ones" && (this.n.facts.has(a.name!, "simplex") || this.n.facts.has(a.name!, "onehot"));
      if (w && (unitSum(w, v) || unitSum(v, w))) {
        this.n.rule("simplex-sum");
        return constPoly(Q.ONE);
      }
      if (w && w.op === "sym" && key(w) === key(v) && this.n.facts.has(v.name!, "onehot")) {
        this.n.rule("onehot-norm");
        return constPoly(Q.ONE);
      }
    }
    return this.traceOf(seg);
  }

  /**
   * tr of a square chain, canonical under rotation (tr(AB) = tr(BA)) and
   * transposition (tr(M') = tr(M)): the smallest key among all candidates.
   */
  traceOf(chain: readonly TNode[]): Poly {
    const k0 = chain[0]!;
    if (chain.length === 1 && k0.op === "kron" && k0.args.every((a) => a.shape.rows === a.shape.cols)) {
      this.n.rule("trace-of-kron");
      const [a, b] = chain[0]!.args as [TNode, TNode];
      return this.n.mul(this.n.norm(mk("tr", [a])), this.n.norm(mk("tr", [b])), SCALAR);
    }
    if (chain.length === 1 && (k0.op === "ptrace" || k0.op === "blocktrace")) {
      // the trace of the sum of the diagonal blocks is the trace of the whole
      this.n.rule("trace-of-ptrace");
      return this.n.norm(mk("tr", [k0.args[0]!]));
    }
    // tr(A * unit(p, m) * unit(q, n)') = unit(q, n)' * A * unit(p, m) = A[q, p]: a rotation through a 1 x 1 stretch
    for (let r = 0; r < chain.length && chain.length > 1; r++) {
      const rot = [...chain.slice(r), ...chain.slice(0, r)];
      const entry = rot[0]!.shape.rows === 1 ? unitEntry(this.n, rot) : null;
      if (entry) return entry;
    }
    const around = mergeAroundTrace(this.n, chain);
    if (around) return around;
    if (chain.length === 1 && k0.op === "sum" && k0.args.length === 4) return traceOfIndexSum(this.n, k0);
    const reversed = [...chain].reverse().map((x) => this.transposeAtom(x));
    let best = chain;
    let bestKey = chainKey(chain);
    for (const c of [chain, reversed]) {
      for (let r = 0; r < c.length; r++) {
        const rot = [...c.slice(r), ...c.slice(0, r)];
        const k = chainKey(rot);
        if (k < bestKey) {
          best = rot;
          bestKey = k;
        }
      }
    }
    if (best !== chain) this.n.rule("trace-cyclic");
    let prod = best[0]!;
    for (const x of best.slice(1)) prod = mk("mul", [prod, x]);
    return this.n.scalarAtom(mk("tr", [prod]));
  }

  /** The transpose of one atom, pushed inside where that is an identity. */
  transposeAtom(a: TNode): TNode {
    if (isScalar(a.shape)) return a;
    const def = ["sym", "matrix", "num", "dimval"].includes(a.op) ? null : opDef(a.op);
    switch (a.op) {
      case "sym":
        if (isSymmetric(this.n.facts, a.name!)) {
          this.n.rule("symmetric-transpose");
          return a;
        }
        return mk("transpose", [a]);
      case "transpose":
        return a.args[0]!;
      case "I":
        return a;
      case "ones":
        return a.shape.cols === 1 ? mk("transpose", [a]) : onesOf(shape(a.shape.cols, a.shape.rows));
      case "inv": {
        const inner = this.n.canon(mk("transpose", [a.args[0]!]));
        return key(inner) === key(a.args[0]!) ? a : mk("inv", [inner]);
      }
      case "diag":
        return a.args[0]!.shape.cols === 1 ? a : mk("transpose", [a]);
      case "kron":
        return mk("kron", a.args.map((x) => this.n.canon(mk("transpose", [x]))));
      case "hadamard":
        return mk("hadamard", a.args.map((x) => this.n.canon(mk("transpose", [x]))));
      case "pow":
        return mk("pow", [this.n.canon(mk("transpose", [a.args[0]!])), a.args[1]!]);
      case "matrix": {
        const [r, c] = a.dims!;
        const entries: TNode[] = [];
        for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) entries.push(a.args[i * c + j]!);
        return { ...a, args: entries, dims: [c, r], shape: shape(c, r) };
      }
    }
    if (def?.elementwise) {
      this.n.rule("elementwise-transpose");
      const first = a.args[0]!;
      return mk(
        a.op,
        a.args.map((x) => (x === first || !isScalar(x.shape) ? this.n.canon(mk("transpose", [x])) : x)),
      );
    }
    return mk("transpose", [a]);
  }

  /** inv of one (square) atom. */
  inverseAtom(a: TNode): Poly {
    const s = a.shape;
    if (a.op === "inv") {
      this.n.rule("inverse-of-inverse");
      return this.n.norm(a.args[0]!);
    }
    const q = a.op === "transpose" ? a.args[0]! : a;
    if (q.op === "sym" && this.n.facts.has(q.name!, "orthogonal")) {
      this.n.rule("orthogonal-inverse");
      return this.poly([this.transposeAtom(a)], s);
    }
    if (a.op === "I") return constPoly(Q.ONE, s);
    if (a.op === "pow") return inversePower(this.n, a);
    if (a.op === "diag" && a.args[0]!.shape.cols === 1) {
      this.n.rule("inverse-of-diag");
      return this.n.norm(mk("diag", [mk("epow", [a.args[0]!, mk("neg", [{ op: "num", args: [], value: 1, text: "1", pos: 0, end: 0, shape: SCALAR }])])]));
    }
    return this.poly([mk("inv", [a])], s);
  }

  detAtom(a: TNode): Poly {
    if (a.op === "inv") {
      this.n.rule("det-of-inverse");
      return this.n.invScalar(this.n.norm(mk("det", [a.args[0]!])));
    }
    if (a.op === "transpose") {
      this.n.rule("det-of-transpose");
      return this.n.norm(mk("det", [a.args[0]!]));
    }
    if (a.op === "pow") return detPower(this.n, a);
    return this.n.scalarAtom(mk("det", [a]));
  }

  logdetAtom(a: TNode): Poly {
    if (a.op === "inv") {
      this.n.rule("logdet-of-inverse");
      return negPoly(this.n.norm(mk("logdet", [a.args[0]!])));
    }
    if (a.op === "transpose") {
      this.n.rule("det-of-transpose");
      return this.n.norm(mk("logdet", [a.args[0]!]));
    }
    if (a.op === "pow") return logdetPower(this.n, a);
    if (a.op === "sym" && this.n.facts.has(a.name!, "orthogonal")) {
      this.n.rule("logdet-orthogonal");
      return zeroPoly(SCALAR);
    }
    return this.n.scalarAtom(mk("logdet", [a]));
  }

  /** The Hadamard product of two chains (an empty chain is the identity). */
  hadamardChains(ca: readonly TNode[], cb: readonly TNode[], s: Shape): Poly {
    if (ca.length === 1 && ca[0]!.op === "ones") {
      this.n.rule("hadamard-ones");
      return this.poly(cb, s);
    }
    if (cb.length === 1 && cb[0]!.op === "ones") {
      this.n.rule("hadamard-ones");
      return this.poly(ca, s);
    }
    if (ca.length === 0 && cb.length === 0) return constPoly(Q.ONE, s);
    const tree = (c: readonly TNode[]): TNode => {
      if (c.length === 0) return eye(s);
      let t = c[0]!;
      for (const x of c.slice(1)) t = mk("mul", [t, x]);
      return t;
    };
    // M .* I(n) keeps the diagonal: diag(diag(M)), so sum(M .* I(n)) is sum(diag(M)), the trace
    if ((ca.length === 0) !== (cb.length === 0) && s.rows === s.cols) {
      this.n.rule("hadamard-identity");
      return this.n.norm(mk("diag", [mk("diag", [tree(ca.length ? ca : cb)])]));
    }
    // F .* (u * v') = diag(u) * F * diag(v) for vectors u, v: one normal form for both
    const outer = (c: readonly TNode[]): boolean => c.length === 2 && c[0]!.shape.cols === 1 && c[0]!.shape.rows !== 1 && c[1]!.shape.rows === 1 && c[1]!.shape.cols !== 1;
    if ((outer(ca) || outer(cb)) && ca.length > 0 && cb.length > 0) {
      const [o, f] = outer(ca) ? [ca, cb] : [cb, ca];
      this.n.rule("hadamard-outer-product");
      const v = o[1]!.op === "transpose" ? o[1]!.args[0]! : mk("transpose", [o[1]!]);
      return this.n.norm(mk("mul", [mk("mul", [mk("diag", [o[0]!]), tree(f)]), mk("diag", [v])]));
    }
    const flat = (t: TNode): TNode[] => (t.op === "hadamard" ? t.args.flatMap(flat) : [t]);
    const factors = [tree(ca), tree(cb)].flatMap(flat);
    // u .* u.^-1 = ones where u is defined and nonzero (as with X * inv(X) = I)
    for (let i = 0; i < factors.length; i++) {
      const r = factors[i]!;
      if (r.op !== "epow" || key(r.args[1]!) !== key(this.n.canon(mk("neg", [{ op: "num", args: [], value: 1, text: "1", pos: 0, end: 0, shape: SCALAR }])))) continue;
      const j = factors.findIndex((f, k) => k !== i && key(f) === key(r.args[0]!));
      if (j < 0) continue;
      this.n.rule("hadamard-reciprocal");
      const rest = factors.filter((_, k) => k !== i && k !== j);
      if (rest.length === 0) return this.poly([onesOf(s)], s);
      return rest.slice(1).reduce((acc, f) => this.n.hadamard(acc, this.n.norm(f), s), this.n.norm(rest[0]!));
    }
    factors.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    let h = factors[0]!;
    for (const f of factors.slice(1)) h = mk("hadamard", [h, f]);
    return this.poly([h], s);
  }
}
