// Index sums in closed form: `sum(f, i, 1, n)` over the whole range of i,
// where f is a product of entries x[i], A[i, j], unit vectors and matrix
// units, read back into matrix algebra as a reader of the Matrix Cookbook
// writes it (index notation, Einstein's convention, contracted):
//
//   sum(x[i] * unit(i, n), i, 1, n)                     = x
//   sum(unit(i, i, n, n), i, 1, n)                       = I(n)
//   sum(A[i, i], i, 1, n)                                = tr(A)
//   sum(sum(B[j, i] * unit(i, j, n, n), j, 1, n), i, 1, n) = B'
//
// This is what makes the gradient of an index sum readable: the gradient of
// a sum is the sum of the gradients (diff.ts), each an entry's unit vector.
// Each factor is an entry M[r, c] with two slots (an index, or nothing for
// the side of size 1 of a vector); summing over an index that occurs in two
// slots multiplies the two matrices (transposed so the index meets itself),
// in both slots of one factor takes the trace, in one slot multiplies by
// ones(n); a factor f(x[i]) other than a plain entry is lifted entrywise,
// (x .^ 2)[i]. Anything else (shifted indices x[i + 1], partial ranges, an
// index in three slots that is not a diagonal) is left as the sum it was:
// closing a sum is an optimisation of the printed form, never needed for
// correctness, and the result is checked numerically like any other.

import { key } from "../core/ast.js";
import { type Dim, type Shape, SCALAR, isScalar, shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { opDef } from "../ops/registry.js";
import * as build from "./build.js";
import { mk, sym } from "./build.js";
import { mentions } from "./diff.js";

/** A slot of an entry: an index expression, or null for a side of size 1. */
type Slot = TNode | null;
/** The entry M[r, c] of a matrix (a vector has c = null; a row r = null). */
interface Fac {
  M: TNode;
  r: Slot;
  c: Slot;
}
/** An index summed over 1..size. */
interface Bound {
  name: string;
  size: Dim;
}
/** c1 * c2 * ... * (product of the entries), summed over the bounds. */
interface Term {
  coef: TNode[];
  facs: Fac[];
  summed: Bound[];
}

/** Most terms one sum may expand to (products of sums multiply out). */
const MAX_TERMS = 64;

class Open extends Error {}

let fresh = 0;
const OUT_R = sym("⟨row⟩", SCALAR);
const OUT_C = sym("⟨col⟩", SCALAR);

/** The tree with every index sum that has a closed form replaced by it. */
export function closeSums(t: TNode): TNode {
  if (t.op === "sum" && t.args.length === 4) {
    const closed = closeSum(t);
    // sums left inside the closed form (a factor that does not depend on the index) close on their own
    if (closed) return closed.args.length === 0 ? closed : { ...closed, args: closed.args.map(closeSums) };
  }
  if (t.args.length === 0) return t;
  const args = t.args.map(closeSums);
  return args.every((a, i) => a === t.args[i]) ? t : { ...t, args };
}

/** The closed form of one sum (nested sums in its body with it), or null. */
export function closeSum(t: TNode): TNode | null {
  try {
    const s = t.shape;
    const r = s.rows === 1 ? null : OUT_R;
    const c = s.cols === 1 ? null : OUT_C;
    const terms = expand(t, r, c, []);
    const parts = terms.map((term) => assemble(contract(term), s));
    return parts.reduce((a, b) => build.add(a, b));
  } catch (e) {
    if (e instanceof Open) return null;
    throw e;
  }
}

// ---------------------------------------------------------------------------
// expansion into terms

const dimNode = (d: Dim): TNode =>
  typeof d === "number"
    ? { op: "num", args: [], value: d, text: String(d), pos: 0, end: 0, shape: SCALAR }
    : { op: "dimval", args: [], name: d, pos: 0, end: 0, shape: SCALAR };

/** I(n) with its size written (never a bare I). */
const eyeOf = (d: Dim): TNode => mk("I", [dimNode(d)]);

const boundNames = (summed: readonly Bound[]): string[] => summed.map((b) => b.name);
const touches = (t: TNode, summed: readonly Bound[]): boolean => summed.some((b) => mentions(t, b.name));

function product(a: readonly Term[], b: readonly Term[]): Term[] {
  if (a.length * b.length > MAX_TERMS) throw new Open();
  return a.flatMap((x) => b.map((y) => ({ coef: [...x.coef, ...y.coef], facs: [...x.facs, ...y.facs], summed: [...x.summed, ...y.summed] })));
}

const constant = (t: TNode): Term[] => [{ coef: [t], facs: [], summed: [] }];
const negated = (ts: readonly Term[]): Term[] => ts.map((t) => ({ ...t, coef: [build.num(-1), ...t.coef] }));

/**
 * The terms of t (shape rows x cols) whose entry at slots (r, c) they are;
 * `summed` are the sums t sits inside (their indices are bound here).
 */
function expand(t: TNode, r: Slot, c: Slot, summed: readonly Bound[]): Term[] {
  const scalar = isScalar(t.shape);
  if (!touches(t, summed) && !(t.op === "sum" && t.args.length === 4)) {
    return scalar ? constant(t) : [{ coef: [], facs: [{ M: t, r, c }], summed: [] }];
  }
  switch (t.op) {
    case "sum": {
      if (t.args.length !== 4) throw new Open();
      const [body, i, lo, hi] = t.args as [TNode, TNode, TNode, TNode];
      if (!(lo.op === "num" && lo.value === 1) || boundNames(summed).includes(i.name!)) throw new Open();
      // the size is checked against every slot the index lands in (contract)
      if (hi.op !== "num" && hi.op !== "dimval") throw new Open();
      const size: Dim = hi.op === "num" ? hi.value! : hi.name!;
      const b: Bound = { name: i.name!, size };
      return expand(body, r, c, [...summed, b]).map((x) => ({ ...x, summed: [b, ...x.summed] }));
    }
    case "add":
      return capped([...expand(t.args[0]!, r, c, summed), ...expand(t.args[1]!, r, c, summed)]);
    case "sub":
      return capped([...expand(t.args[0]!, r, c, summed), ...negated(expand(t.args[1]!, r, c, summed))]);
    case "neg":
      return negated(expand(t.args[0]!, r, c, summed));
    case "transpose":
      return expand(t.args[0]!, c, r, summed);
    case "div": {
      // u / x[i] = u * (1 ./ x)[i]
      if (touches(t.args[1]!, summed)) return product(expand(t.args[0]!, r, c, summed), lifted(build.div(build.num(1), t.args[1]!), summed));
      return product(expand(t.args[0]!, r, c, summed), constant(build.div(build.num(1), t.args[1]!)));
    }
    case "hadamard":
    case "mul": {
      const [a, b] = t.args as [TNode, TNode];
      // a scalar .* a scalar (the jvp rules of elementwise functions write them) is a product
      if (t.op === "hadamard" && !(isScalar(a.shape) && isScalar(b.shape))) return scalar ? lifted(t, summed) : open();
      if (isScalar(a.shape)) return product(expand(a, null, null, summed), expand(b, r, c, summed));
      if (isScalar(b.shape)) return product(expand(a, r, c, summed), expand(b, null, null, summed));
      // a matrix product: a new index over the inner dimension (none when it is 1)
      const inner = a.shape.cols;
      if (inner === 1) return product(expand(a, r, null, summed), expand(b, null, c, summed));
      const k: Bound = { name: `⟨k${++fresh}⟩`, size: inner };
      const ks = sym(k.name, SCALAR);
      return product(expand(a, r, ks, summed), expand(b, ks, c, summed)).map((x) => ({ ...x, summed: [k, ...x.summed] }));
    }
    case "unit": {
      const n = t.args.length;
      if (n === 2) return [{ coef: [], facs: [{ M: eyeOf(t.shape.rows), r, c: t.args[0]! }], summed: [] }];
      const facs: Fac[] = [
        { M: eyeOf(t.shape.rows), r, c: t.args[0]! },
        { M: eyeOf(t.shape.cols), r: t.args[1]!, c },
      ];
      return [{ coef: [], facs, summed: [] }];
    }
    case "index": {
      const M = t.args[0]!;
      if (touches(M, summed)) return lifted(t, summed);
      return [{ coef: [], facs: [{ M, r: t.args[1]!, c: t.args[2] ?? null }], summed: [] }];
    }
  }
  return scalar ? lifted(t, summed) : open();
}

function open(): never {
  throw new Open();
}

function capped(ts: Term[]): Term[] {
  if (ts.length > MAX_TERMS) throw new Open();
  return ts;
}

/**
 * A scalar f(x[i], y[i], ...) whose entries all sit at the same slots, as one
 * entry of the entrywise function: exp(x[i]) * y[i] is (exp(x) .* y)[i].
 */
function lifted(t: TNode, summed: readonly Bound[]): Term[] {
  let at: TNode[] | null = null;
  let over: Shape | null = null;
  const lift = (u: TNode): { tree: TNode; dep: boolean } => {
    if (!touches(u, summed)) return { tree: u, dep: false };
    if (u.args.length === 0) throw new Open(); // the index itself as a value: i * x[i]
    if (u.op === "index") {
      const slots = u.args.slice(1);
      if (touches(u.args[0]!, summed)) throw new Open();
      if (at === null) [at, over] = [slots, u.args[0]!.shape];
      else if (at.length !== slots.length || at.some((s, k) => key(s) !== key(slots[k]!)) || !sameDims(over!, u.args[0]!.shape)) throw new Open();
      return { tree: u.args[0]!, dep: true };
    }
    const parts = u.args.map(lift);
    const [a, b] = parts;
    switch (u.op) {
      case "mul":
      case "hadamard":
        return { tree: a!.dep && b!.dep ? build.had(a!.tree, b!.tree) : build.mul(a!.tree, b!.tree), dep: true };
      case "div":
        return { tree: b!.dep ? mk("ediv", [a!.tree, b!.tree]) : build.div(a!.tree, b!.tree), dep: true };
      case "neg":
        return { tree: build.neg(a!.tree), dep: true };
      case "add":
      case "sub":
        if (!a!.dep || !b!.dep) throw new Open();
        return { tree: mk(u.op, [a!.tree, b!.tree]), dep: true };
      case "pow":
        if (b!.dep) throw new Open();
        if (u.args[1]!.op === "num" && u.args[1]!.value === 1) return a!;
        return { tree: mk("epow", [a!.tree, b!.tree]), dep: true };
    }
    const def = opDef(u.op);
    if (!def.elementwise || parts.slice(1).some((p) => p.dep) || !parts[0]!.dep) throw new Open();
    return { tree: mk(u.op, parts.map((p) => p.tree)), dep: true };
  };
  const { tree } = lift(t);
  const slots = at as TNode[] | null;
  if (!slots) throw new Open();
  return [{ coef: [], facs: [{ M: tree, r: slots[0]!, c: slots[1] ?? null }], summed: [] }];
}

const sameDims = (a: Shape, b: Shape): boolean => a.rows === b.rows && a.cols === b.cols;

// ---------------------------------------------------------------------------
// contraction

const isSlot = (s: Slot, name: string): boolean => s !== null && s.op === "sym" && s.name === name;
const rowsOf = (f: Fac): Dim => f.M.shape.rows;
const colsOf = (f: Fac): Dim => f.M.shape.cols;

/** M' without a double transpose; I(n)' is I(n). */
function tpS(M: TNode): TNode {
  if (M.op === "transpose") return M.args[0]!;
  if (M.op === "I" || isScalar(M.shape)) return M;
  return build.tp(M);
}

/** P * Q without identity factors. */
function mulS(P: TNode, Q: TNode): TNode {
  if (P.op === "I") return Q;
  if (Q.op === "I") return P;
  return build.mul(P, Q);
}

/** The same entry with its slots swapped: M[r, c] = M'[c, r]. */
const flip = (f: Fac): Fac => ({ M: tpS(f.M), r: f.c, c: f.r });

/** Sums the term over each of its bounds; throws Open where there is no closed form. */
function contract(term: Term): Term {
  let { coef, facs } = term;
  const bounds = [...term.summed];
  while (bounds.length > 0) {
    const b = bounds.shift()!;
    // the index may occur only as a whole slot, never inside a matrix, a coefficient or a shifted slot
    const loose = coef.some((t) => mentions(t, b.name)) || facs.some((f) => mentions(f.M, b.name) || [f.r, f.c].some((s) => s !== null && !isSlot(s, b.name) && mentions(s, b.name)));
    if (loose) throw new Open();
    const occ = (): [number, "r" | "c"][] => facs.flatMap((f, k) => [...(isSlot(f.r, b.name) ? [[k, "r"] as [number, "r"]] : []), ...(isSlot(f.c, b.name) ? [[k, "c"] as [number, "c"]] : [])]);
    for (const [k, side] of occ()) if ((side === "r" ? rowsOf(facs[k]!) : colsOf(facs[k]!)) !== b.size) throw new Open();
    let o = occ();
    if (o.length > 2) {
      // M[i, i] beside other factors with i: the diagonal as a vector, diag(M)[i]
      facs = facs.map((f) => (isSlot(f.r, b.name) && isSlot(f.c, b.name) ? { M: build.call("diag", f.M), r: f.r, c: null } : f));
      facs = mergeSamePattern(facs, b.name);
    }
    o = occ();
    if (o.length === 3) {
      // v[i] with i in two more slots: diag(v)[i, i2], and one of the others renamed i2
      const v = o.find(([k]) => facs[k]!.M.shape.cols === 1 && facs[k]!.c === null);
      if (!v) throw new Open();
      const b2: Bound = { name: `⟨k${++fresh}⟩`, size: b.size };
      const s2 = sym(b2.name, SCALAR);
      const other = o.find(([k]) => k !== v[0])!;
      facs = facs.map((f, k) => {
        if (k === v[0]) return { M: build.call("diag", f.M), r: f.r, c: s2 };
        if (k === other[0]) return other[1] === "r" ? { ...f, r: s2 } : { ...f, c: s2 };
        return f;
      });
      bounds.unshift(b, b2);
      continue;
    }
    if (o.length === 0) {
      coef = [...coef, dimNode(b.size)];
      continue;
    }
    if (o.length === 1) {
      // sum over i of M[r, i] = (M * ones)[r]
      const [k, side] = o[0]!;
      const f = side === "c" ? facs[k]! : flip(facs[k]!);
      facs = facs.map((g, j) => (j === k ? { M: build.mul(f.M, build.onesOf(shape(colsOf(f), 1))), r: f.r, c: null } : g));
      continue;
    }
    const [[k1, s1], [k2, s2]] = o as [[number, "r" | "c"], [number, "r" | "c"]];
    if (k1 === k2) {
      // M[i, i] summed: the trace
      coef = [...coef, build.call("tr", facs[k1]!.M)];
      facs = facs.filter((_, j) => j !== k1);
      continue;
    }
    // M[r, i] N[i, c] summed: (M N)[r, c]
    const A = s1 === "c" ? facs[k1]! : flip(facs[k1]!);
    const B = s2 === "r" ? facs[k2]! : flip(facs[k2]!);
    const joined: Fac = { M: mulS(A.M, B.M), r: A.r, c: B.c };
    facs = [...facs.filter((_, j) => j !== k1 && j !== k2), joined];
  }
  return { coef, facs, summed: [] };
}

/** Entries at the same two slots (both mentioning the index) multiplied entrywise: x[i] * y[i] = (x .* y)[i]. */
function mergeSamePattern(facs: readonly Fac[], name: string): Fac[] {
  const out: Fac[] = [];
  const slotKey = (s: Slot): string => (s === null ? "-" : key(s));
  for (const f of facs) {
    const uses = isSlot(f.r, name) || isSlot(f.c, name);
    const same = uses ? out.find((g) => slotKey(g.r) === slotKey(f.r) && slotKey(g.c) === slotKey(f.c) && sameDims(g.M.shape, f.M.shape)) : undefined;
    if (same) same.M = build.had(same.M, f.M);
    else out.push({ ...f });
  }
  return out;
}

// ---------------------------------------------------------------------------
// back to a tree

/** The entry as a scalar tree: x[r], A[r, c], or the 1 x 1 product itself. */
function entryTree(f: Fac): TNode {
  if (f.r === null && f.c === null) return f.M;
  if (f.c === null) return mk("index", [f.M, f.r!]);
  if (f.r === null) return mk("index", [tpS(f.M), f.c]);
  return mk("index", [f.M, f.r, f.c]);
}

const isOut = (s: Slot): boolean => s === OUT_R || s === OUT_C;

function assemble(term: Term, s: Shape): TNode {
  const outer = term.facs.filter((f) => isOut(f.r) || isOut(f.c));
  const scalars = [...term.coef, ...term.facs.filter((f) => !outer.includes(f)).map(entryTree)];
  let body: TNode | null = null;
  if (!isScalar(s)) {
    const rowF = outer.filter((f) => f.r === OUT_R || f.c === OUT_R);
    const colF = outer.filter((f) => f.r === OUT_C || f.c === OUT_C);
    if (rowF.length > 1 || colF.length > 1 || (s.rows !== 1 && rowF.length === 0) || (s.cols !== 1 && colF.length === 0)) throw new Open();
    const R = rowF[0];
    const C = colF[0];
    if (R && C && R === C) body = R.r === OUT_R ? R.M : tpS(R.M);
    else {
      // column r of the left factor times row c of the right one
      let left: TNode | null = null;
      let right: TNode | null = null;
      if (R) {
        const f = R.r === OUT_R ? R : flip(R);
        left = f.c === null ? f.M : mulS(f.M, mk("unit", [f.c, dimNode(colsOf(f))]));
      }
      if (C) {
        const f = C.c === OUT_C ? C : flip(C);
        right = f.r === null ? f.M : mulS(tpS(mk("unit", [f.r, dimNode(rowsOf(f))])), f.M);
      }
      body = left && right ? mulS(left, right) : (left ?? right)!;
    }
  } else if (outer.length > 0) throw new Open();
  let out: TNode | null = body;
  for (const c of scalars) out = out === null ? c : build.mul(c, out);
  return out ?? build.num(1);
}
