// Symbolic differentiation. Forward differentials come from each operator's
// `jvp` rule (src/ops/<name>.ts); a gradient is the transpose of the
// differential (each linear operator's `transpose` rule), as JAX does it;
// a Jacobian is read off the normal form of the differential, and a Hessian is
// the Jacobian of the gradient. A missing rule is an error, never a zero.

import { key } from "../core/ast.js";
import { type Dim, type Shape, SCALAR, isScalar, isTensor, mulDim, shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { type Builder, type OpDef, isDimArg } from "../ops/define.js";
import { opDef } from "../ops/registry.js";
import * as build from "./build.js";
import { mk, sym } from "./build.js";
import type { Normalizer } from "./normal.js";
import { type Poly, type Term, makePoly } from "./poly.js";
import { canonTree } from "./totree.js";
import { closeSums } from "./index-sums.js";
import { kronAdjoint } from "./kron-adjoint.js";
import { tensorSumParts } from "./tensor-adjoint.js";

/** The derivative cannot be computed or written in the language (the numeric check still decides). */
export class NotDifferentiable extends Error {}

/** Does any node of the tree have rank > 2? */
export const hasTensor = (t: TNode): boolean => isTensor(t.shape) || t.args.some(hasTensor);

const B: Builder = {
  mk: build.mk,
  num: (v: number) => build.num(v),
  eye: build.eye,
  zerosOf: (s: Shape) => build.zerosOf(matrixOnly(s)),
  onesOf: (s: Shape) => build.onesOf(matrixOnly(s)),
  add: build.add,
  sub: build.sub,
  mul: build.mul,
  div: build.div,
  had: build.had,
  neg: build.neg,
  tp: build.tp,
  call: build.call,
};

/**
 * `zeros` and `ones` are vectors or matrices: a tree that needs them at a
 * rank > 2 shape cannot be written (the numeric check decides).
 */
function matrixOnly(s: Shape): Shape {
  if (isTensor(s)) throw new NotDifferentiable("zeros and ones of a rank > 2 tensor cannot be written in the language");
  return s;
}

let tangentCount = 0;

/**
 * Test hook: replaces an operator's jvp rule, so the tests can plant a wrong
 * rule and see the cross-check against finite differences catch it.
 */
export const jvpOverrides = new Map<string, NonNullable<OpDef["jvp"]>>();

export class Differentiator {
  constructor(private readonly n: Normalizer) {}

  /** Replaces every grad/jacobian/hessian/diff node by its symbolic value, innermost first. */
  expand(t: TNode): TNode {
    if (t.args.length === 0) return t;
    const args = t.args.map((a) => this.expand(a));
    const node: TNode = args.every((a, i) => a === t.args[i]) ? t : { ...t, args };
    switch (node.op) {
      case "grad":
        return this.grad(args[0]!, args[1]!);
      case "jacobian":
        return this.jacobian(args[0]!, args[1]!);
      case "hessian":
        return this.jacobian(this.grad(args[0]!, args[1]!), args[1]!);
      case "diff":
        return this.directional(args[0]!, args[1]!, args[2] ?? build.num(1));
    }
    return node;
  }

  /** d/ds F(x + s v) at 0, with v fixed. */
  directional(F: TNode, x: TNode, v: TNode): TNode {
    const T = this.tangent(x.shape);
    const L = this.jvp(F, x.name!, T);
    if (!L) return build.zerosOf(matrixOnly(F.shape));
    return substitute(L, T.name!, v);
  }

  /** The gradient (shape of x) of a scalar f. */
  grad(f: TNode, x: TNode): TNode {
    const T = this.tangent(x.shape);
    const L = this.jvp(f, x.name!, T);
    if (!L) return build.zerosOf(matrixOnly(x.shape));
    const parts = this.transposeLinear(L, T.name!, build.num(1));
    if (parts.length === 0) return build.zerosOf(matrixOnly(x.shape));
    // the gradient of an index sum is a sum of unit vectors: closed where it has a closed form
    return closeSums(sumOf(parts));
  }

  /** numerator layout: numel(F) x numel(x), over column-major vec */
  jacobian(F: TNode, x: TNode): TNode {
    if (isScalar(F.shape)) {
      const g = this.grad(F, x);
      return build.tp(x.shape.cols === 1 ? g : mk("vec", [g]));
    }
    const T = this.tangent(x.shape);
    const L = this.jvp(F, x.name!, T);
    const out = shape(mulDim(F.shape.rows, F.shape.cols), mulDim(x.shape.rows, x.shape.cols));
    if (!L) return build.zerosOf(out);
    const J = this.extract(this.n.norm(L), T, out);
    return canonTree(J);
  }

  private tangent(s: Shape): TNode {
    return sym(`δ${++tangentCount}`, s);
  }

  /** Forward differential of t in the direction T of the variable x; null when t does not depend on x. */
  jvp(t: TNode, x: string, T: TNode, memo = new Map<TNode, TNode | null>()): TNode | null {
    const hit = memo.get(t);
    if (hit !== undefined) return hit;
    let out: TNode | null;
    if (t.op === "sym") out = t.name === x ? T : null;
    else if (t.args.length === 0) out = null;
    else if (t.op === "matrix") {
      if (t.args.some((a) => this.jvp(a, x, T, memo))) throw new NotDifferentiable("a matrix literal with variable entries");
      out = null;
    } else {
      const def = opDef(t.op);
      // sizes (I(n), the n of ptrace(M, n)) have no differential
      const dargs = t.args.map((a, i) => (isDimArg(def.syntax, i, t.args.length) ? null : this.jvp(a, x, T, memo)));
      if (dargs.every((d) => d === null)) out = null;
      else {
        const rule = jvpOverrides.get(t.op) ?? def.jvp;
        if (!rule) throw new NotDifferentiable(`no derivative rule for ${t.op}`);
        let d: TNode;
        try {
          d = rule({ node: t, args: t.args, dargs, b: B });
        } catch (e) {
          throw new NotDifferentiable(e instanceof Error ? e.message : String(e));
        }
        // a differential without the tangent is zero (linearity): sign, step
        out = mentions(d, T.name!) ? d : null;
      }
    }
    memo.set(t, out);
    return out;
  }

  /** Cotangents of the tangent symbol in a linear tree, given the output cotangent g. */
  private transposeLinear(L: TNode, tname: string, g: TNode): TNode[] {
    if (L.op === "sym") return L.name === tname ? [g] : [];
    if (!mentions(L, tname)) return []; // a constant term of a linear map is zero
    const def = opDef(L.op);
    const linear = L.args.map((a) => mentions(a, tname));
    if (L.op === "vec") return this.transposeLinear(L.args[0]!, tname, this.unvec(g, L.args[0]!.shape));
    if (L.op === "index") return this.transposeLinear(L.args[0]!, tname, this.unindex(g, L));
    if (L.op === "sum" && L.args.length === 4) return this.unsum(L, tname, g);
    if (L.op === "sum" && isTensor(L.args[0]!.shape)) return tensorSumParts(L.args[0]!, tname, g).flatMap(([inner, cot]) => this.transposeLinear(inner, tname, cot));
    if (L.op === "kron" && linear.filter(Boolean).length === 1) return this.transposeLinear(L.args[linear[0] ? 0 : 1]!, tname, kronAdjoint(this.n, L, linear[0] ? 0 : 1, g));
    if (!def.transpose) throw new NotDifferentiable(`the gradient through ${L.op} cannot be written in the language`);
    if (["mul", "hadamard", "kron", "dot", "outer", "div", "ediv"].includes(L.op) && linear.filter(Boolean).length > 1) {
      throw new NotDifferentiable(`internal: ${L.op} of two tangent terms is not linear`);
    }
    const out: TNode[] = [];
    L.args.forEach((a, i) => {
      if (!linear[i]) return;
      let gi: TNode;
      try {
        gi = def.transpose!({ node: L, args: L.args, i, g, b: B });
      } catch (e) {
        throw new NotDifferentiable(e instanceof Error ? e.message : String(e));
      }
      out.push(...this.transposeLinear(a, tname, gi));
    });
    return out;
  }

  /**
   * The adjoint of sum(f, i, a, b), linear in f: the sum over i of the
   * adjoints of f (the cotangent g comes from outside the sum, so it does
   * not depend on i).
   */
  private unsum(L: TNode, tname: string, g: TNode): TNode[] {
    const [body, i, ...bounds] = L.args as [TNode, TNode, TNode, TNode];
    if (mentions(g, i.name!)) throw new NotDifferentiable(`the index ${i.name} of a sum is used outside it`);
    const parts = this.transposeLinear(body, tname, g);
    return parts.length === 0 ? [] : [mk("sum", [sumOf(parts), i, ...bounds])];
  }

  /**
   * The adjoint of X[i, j]: the matrix with g at (i, j) and zeros elsewhere.
   * At concrete sizes (at most 400 entries) with literal indices it is
   * written as a matrix literal ([g; 0; 0]); otherwise as g times the unit
   * vector unit(i, n) or the matrix unit unit(i, j, m, n).
   */
  private unindex(g: TNode, L: TNode): TNode {
    const target = L.args[0]!;
    const { rows, cols } = target.shape;
    const idx = L.args.slice(1).map((a) => (a.op === "num" && Number.isInteger(a.value) ? a.value! : null));
    if (typeof rows !== "number" || typeof cols !== "number" || idx.some((i) => i === null) || rows * cols > 400) {
      const size = (d: Dim): TNode => (typeof d === "number" ? build.num(d) : { op: "dimval", args: [], name: d, pos: 0, end: 0, shape: SCALAR });
      const unit = mk("unit", L.args.length === 2 ? [L.args[1]!, size(rows)] : [L.args[1]!, L.args[2]!, size(rows), size(cols)]);
      return g.op === "num" && g.value === 1 ? unit : build.mul(g, unit);
    }
    const [i, j] = idx.length === 2 ? [idx[0]!, idx[1]!] : [idx[0]!, 1];
    const entries: TNode[] = [];
    for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) entries.push(r === i && c === j ? g : build.num(0));
    return { op: "matrix", args: entries, dims: [rows, cols], pos: 0, end: 0, shape: target.shape };
  }

  /**
   * The adjoint of vec: M when the cotangent normalises to vec(M) (the
   * language has no un-vec, but kron(B', A) * vec(X) is vec(A * X * B)).
   */
  private unvec(g: TNode, s: Shape): TNode {
    if (s.cols === 1) return g; // vec of a vector is the vector
    const p = this.n.norm(g);
    const parts = p.terms.map((t) => {
      if (t.chain.length !== 1 || t.chain[0]!.op !== "vec") throw new NotDifferentiable("the adjoint of vec cannot be written in the language here");
      return canonTree(makePoly(s, [{ coef: t.coef, scalars: t.scalars, chain: [] }]));
    });
    const ms = p.terms.map((t, i) => build.mul(parts[i]!, t.chain[0]!.args[0]!));
    if (ms.length === 0) return build.zerosOf(s);
    return ms.reduce((a, b) => build.add(a, b));
  }

  /**
   * The matrix J with vec(L) = J vec(T), read off the normal form of a
   * differential L (each term is linear in the tangent T).
   */
  private extract(p: Poly, T: TNode, out: Shape): Poly {
    let J = makePoly(out, []);
    for (const t of p.terms) J = this.addTerm(J, t, p.shape, T, out);
    return J;
  }

  private addTerm(J: Poly, t: Term, s: Shape, T: TNode, out: Shape): Poly {
    const tk = key(T);
    const head = makePoly(SCALAR, [{ coef: t.coef, scalars: t.scalars.filter((f) => !mentions(f.node, T.name!)), chain: [] }]);
    const inScalar = t.scalars.filter((f) => mentions(f.node, T.name!));
    const at = t.chain.findIndex((a) => key(a) === tk);
    if (inScalar.length === 0 && at >= 0 && t.chain.filter((a) => mentions(a, T.name!)).length === 1) {
      // vec(P T S) = kron(S', P) vec(T)
      const P = this.product(t.chain.slice(0, at), shape(s.rows, T.shape.rows));
      const S = this.product(t.chain.slice(at + 1), shape(T.shape.cols, s.cols));
      const coefTree = T.shape.cols === 1 && s.cols === 1 ? P : mk("kron", [build.tp(S), P]);
      return this.plus(J, this.n.mul(head, this.n.norm(coefTree), out));
    }
    if (inScalar.length === 1 && inScalar[0]!.exp === 1 && !t.chain.some((a) => mentions(a, T.name!))) {
      // c * tr(Q) with T once in the cycle Q: tr(R T) = vec(R')' vec(T)
      const f = inScalar[0]!.node;
      if (f.op !== "tr") throw new NotDifferentiable(`the Jacobian through ${f.op} cannot be written in the language`);
      const cycle = flattenProduct(f.args[0]!);
      const k = cycle.findIndex((a) => key(a) === tk);
      const kt = cycle.findIndex((a) => a.op === "transpose" && key(a.args[0]!) === tk);
      if (cycle.filter((a) => mentions(a, T.name!)).length !== 1 || (k < 0 && kt < 0)) {
        throw new NotDifferentiable("the Jacobian of this expression cannot be written in the language");
      }
      let R: TNode;
      if (k >= 0) R = this.productTree([...cycle.slice(k + 1), ...cycle.slice(0, k)]);
      else R = build.tp(this.productTree([...cycle.slice(kt + 1), ...cycle.slice(0, kt)])); // tr(Q1 T' Q2) = tr((Q2 Q1)' T)
      const C = this.product(t.chain, s);
      const row = T.shape.cols === 1 ? R : build.tp(mk("vec", [build.tp(R)]));
      const col = s.cols === 1 ? C : mk("vec", [C]);
      return this.plus(J, this.n.mul(head, this.n.norm(build.mul(col, row)), out));
    }
    // T inside an atom: a Hadamard product or diag of vectors becomes a diagonal matrix
    const idx = t.chain.findIndex((a) => mentions(a, T.name!));
    const a = idx >= 0 ? t.chain[idx]! : null;
    if (a && inScalar.length === 0 && idx === t.chain.length - 1 && a.shape.cols === 1 && s.cols === 1 && a.op === "hadamard") {
      // P (c .* u) = P diag(c) u for vectors: J += P diag(c) J_u
      const factors = flattenHadamard(a);
      const j = factors.findIndex((f) => mentions(f, T.name!));
      if (factors.filter((f) => mentions(f, T.name!)).length !== 1) throw new NotDifferentiable("the Jacobian of this expression cannot be written in the language");
      const others = factors.filter((_, i) => i !== j);
      let c = others[0]!;
      for (const o of others.slice(1)) c = build.had(c, o);
      const left = this.n.norm(this.productTree([...t.chain.slice(0, idx), mk("diag", [c])]));
      const inner = this.extract(this.n.norm(factors[j]!), T, shape(a.shape.rows, out.cols));
      return this.plus(J, this.n.mul(head, this.n.mul(left, inner, out), out));
    }
    if (a && inScalar.length === 0 && a.op === "diag" && a.args[0]!.shape.cols === 1 && s.cols === 1 && idx < t.chain.length - 1) {
      // P diag(u) S = P diag(S) u for a column S: J += P diag(S) J_u
      const S = this.productTree(t.chain.slice(idx + 1));
      const left = this.n.norm(this.productTree([...t.chain.slice(0, idx), mk("diag", [S])]));
      const inner = this.extract(this.n.norm(a.args[0]!), T, shape(a.shape.rows, out.cols));
      return this.plus(J, this.n.mul(head, this.n.mul(left, inner, out), out));
    }
    if (a && inScalar.length === 0 && a.op === "vec" && t.chain.length === 1) {
      return this.plus(J, this.n.mul(head, this.extract(this.n.norm(a.args[0]!), T, out), out));
    }
    throw new NotDifferentiable("the Jacobian of this expression cannot be written in the language");
  }

  private plus(a: Poly, b: Poly): Poly {
    return makePoly(a.shape, [...a.terms, ...b.terms]);
  }

  private product(chain: readonly TNode[], s: Shape): TNode {
    return chain.length === 0 ? build.eye(s) : this.productTree(chain);
  }

  private productTree(chain: readonly TNode[]): TNode {
    let t = chain[0]!;
    for (const x of chain.slice(1)) t = build.mul(t, x);
    return t;
  }
}

function flattenProduct(t: TNode): TNode[] {
  return t.op === "mul" ? t.args.flatMap(flattenProduct) : [t];
}

function flattenHadamard(t: TNode): TNode[] {
  return t.op === "hadamard" ? t.args.flatMap(flattenHadamard) : [t];
}

const mentionMemo = new WeakMap<TNode, Map<string, boolean>>();

/** Does the tree mention the symbol? */
export function mentions(t: TNode, name: string): boolean {
  let m = mentionMemo.get(t);
  if (!m) {
    m = new Map();
    mentionMemo.set(t, m);
  }
  const hit = m.get(name);
  if (hit !== undefined) return hit;
  const r = t.op === "sym" ? t.name === name : t.args.some((a) => mentions(a, name));
  m.set(name, r);
  return r;
}

/** Replaces a symbol by a tree (the direction of a directional derivative). */
export function substitute(t: TNode, name: string, by: TNode): TNode {
  if (t.op === "sym") return t.name === name ? by : t;
  if (!mentions(t, name)) return t;
  return { ...t, args: t.args.map((a) => substitute(a, name, by)) };
}

/**
 * The sum of the contributions to a gradient. A 10,000-term loss has 10,000
 * of them, and a left fold would be a tree as deep, which the recursive walks
 * after it (simplify, print) cannot take; above 64 parts they are summed in
 * groups of 32 (the parser groups long sums the same way), below as before.
 */
function sumOf(parts: readonly TNode[]): TNode {
  const fold = (ps: readonly TNode[]): TNode => ps.reduce((a, b) => build.add(a, b));
  if (parts.length <= 64) return fold(parts);
  const groups: TNode[] = [];
  for (let i = 0; i < parts.length; i += 32) groups.push(fold(parts.slice(i, i + 32)));
  return groups.length <= 64 ? fold(groups) : sumOf(groups);
}
