// Local simplification of a tree, bottom-up, without expanding products: what
// a derivative looks like after back-propagation with the noise removed
// (`1 * `, `X''`, `ones .* u`, `u.^1`, `x + x`). Its size grows linearly with
// the expression, unlike the fully expanded normal form, so it is what deep
// networks print; readable.ts picks whichever form is shorter.

import { key } from "../core/ast.js";
import { isScalar, sameShape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { type Facts, isSymmetric } from "./normal.js";
import { mk, num, onesOf, zerosOf } from "./build.js";
import { Q } from "./rational.js";

const isNum = (t: TNode, v?: number): boolean => t.op === "num" && (v === undefined || t.value === v);
const isZero = (t: TNode): boolean => isNum(t, 0) || t.op === "zeros";
const isOnes = (t: TNode): boolean => t.op === "ones";
const isEye = (t: TNode): boolean => t.op === "I";

export function simplify(t: TNode, facts: Facts): TNode {
  const memo = new Map<TNode, TNode>();
  const go = (n: TNode): TNode => {
    const hit = memo.get(n);
    if (hit) return hit;
    const args = n.args.map(go);
    const m: TNode = args.every((a, i) => a === n.args[i]) ? n : { ...n, args };
    const out = step(m, facts);
    memo.set(n, out);
    return out;
  };
  let cur = t;
  // a few passes: a rewrite can expose another one above it
  for (let i = 0; i < 4; i++) {
    memo.clear();
    const next = collectLikeTerms(go(cur));
    if (key(next) === key(cur)) return next;
    cur = next;
  }
  return cur;
}

function step(n: TNode, facts: Facts): TNode {
  const [a, b] = n.args as [TNode, TNode];
  switch (n.op) {
    case "mul":
      if (isZero(a) || isZero(b)) return zeroLike(n);
      if (isNum(a, 1) || (isEye(a) && !isScalar(b.shape))) return b;
      if (isNum(b, 1) || (isEye(b) && !isScalar(a.shape))) return a;
      if (isNum(a, -1)) return mk("neg", [b]);
      if (a.op === "neg") return mk("neg", [mk("mul", [a.args[0]!, b])]);
      if (b.op === "neg") return mk("neg", [mk("mul", [a, b.args[0]!])]);
      if (isNum(a) && b.op === "mul" && isNum(b.args[0]!)) return mk("mul", [num(a.value! * b.args[0]!.value!), b.args[1]!]);
      // a scalar factor goes first: x * 2 -> 2 * x
      if (isScalar(b.shape) && !isScalar(a.shape) && isNum(b)) return mk("mul", [b, a]);
      return cancelScalarQuotients(n);
    case "div":
      if (isNum(b, 1)) return a;
      if (isZero(a)) return zeroLike(n);
      if (key(a) === key(b)) return num(1);
      // (c * q) / q = c
      if (a.op === "mul" && key(a.args[1]!) === key(b)) return a.args[0]!;
      if (a.op === "mul" && key(a.args[0]!) === key(b)) return a.args[1]!;
      return n;
    case "add":
      if (isZero(a)) return b.shape === n.shape || !isScalar(b.shape) ? b : n;
      if (isZero(b)) return a.shape === n.shape || !isScalar(a.shape) ? a : n;
      if (b.op === "neg") return mk("sub", [a, b.args[0]!]);
      if (a.op === "neg") return mk("sub", [b, a.args[0]!]);
      if (key(a) === key(b)) return mk("mul", [num(2), a]);
      // [0; u; 0] + [v; 0; 0] = [v; u; 0]
      if (a.op === "matrix" && b.op === "matrix" && a.dims![0] === b.dims![0] && a.dims![1] === b.dims![1]) {
        return { ...a, args: a.args.map((x, i) => step(mk("add", [x, b.args[i]!]), facts)) };
      }
      return n;
    case "sub":
      if (isZero(b)) return a;
      if (isZero(a)) return mk("neg", [b]);
      if (b.op === "neg") return mk("add", [a, b.args[0]!]);
      if (key(a) === key(b)) return zeroLike(n);
      return n;
    case "neg":
      if (a.op === "neg") return a.args[0]!;
      if (isZero(a)) return a;
      return n;
    case "transpose":
      if (isScalar(a.shape)) return a;
      if (a.op === "transpose") return a.args[0]!;
      if (a.op === "neg") return mk("neg", [mk("transpose", [a.args[0]!])]);
      if (isEye(a)) return a;
      if (a.op === "sym" && isSymmetric(facts, a.name!)) return a;
      if (a.op === "diag" && a.args[0]!.shape.cols === 1) return a;
      // (P' * Q')' = Q * P: fewer transposes
      if (a.op === "mul" && (a.args[0]!.op === "transpose" || isScalar(a.args[0]!.shape)) && (a.args[1]!.op === "transpose" || isScalar(a.args[1]!.shape))) {
        return mk("mul", [mk("transpose", [a.args[1]!]), mk("transpose", [a.args[0]!])]);
      }
      return n;
    case "hadamard":
      if (isZero(a) || isZero(b)) return zeroLike(n);
      if (isOnes(a)) return b;
      if (isOnes(b)) return a;
      if (isNum(a, 1) && (!isScalar(b.shape) || isScalar(n.shape))) return b;
      if (isNum(b, 1) && (!isScalar(a.shape) || isScalar(n.shape))) return a;
      // (c * ones) .* u = c * u
      if (a.op === "mul" && isScalar(a.args[0]!.shape) && isOnes(a.args[1]!)) return mk("mul", [a.args[0]!, b]);
      if (b.op === "mul" && isScalar(b.args[0]!.shape) && isOnes(b.args[1]!)) return mk("mul", [b.args[0]!, a]);
      if (isScalar(a.shape) && !isScalar(b.shape)) return mk("mul", [a, b]);
      if (isScalar(b.shape) && !isScalar(a.shape)) return mk("mul", [b, a]);
      if (a.op === "neg") return mk("neg", [mk("hadamard", [a.args[0]!, b])]);
      if (b.op === "neg") return mk("neg", [mk("hadamard", [a, b.args[0]!])]);
      return cancelReciprocals(n);
    case "ediv":
      if (isNum(b, 1)) return a;
      return n;
    case "epow":
      if (isNum(b, 1)) return a;
      return n;
    case "pow":
      if (isNum(b, 1)) return a;
      // one printed form for square roots (as readable.ts): s^(1/2) is sqrt(s), s^(-1/2) is 1 / sqrt(s)
      if (isScalar(a.shape) && halfOf(b) === 1) return mk("sqrt", [a]);
      if (isScalar(a.shape) && halfOf(b) === -1) return mk("div", [num(1), mk("sqrt", [a])]);
      return n;
    case "sum":
      if (isScalar(a.shape)) return a;
      if (a.op === "hadamard" && isOnes(a.args[0]!)) return mk("sum", [a.args[1]!]);
      return n;
    case "tr":
      if (isScalar(a.shape)) return a;
      return n;
  }
  return n;
}

/**
 * Like terms of every sum collected: `u + 2 * u - u + v` is `2 * u + v`, so
 * the gradient of a 1,000-term loss prints `500 * x[1]`, not `x[1] + x[1] +
 * ...` (the local rule for `x + x` sees only neighbours). A sum is a maximal
 * chain of + and - (walked with a loop, not recursion, so a long chain costs
 * no stack); it is rebuilt, in the order of first appearance, only when two of
 * its terms share a base and all its terms have the sum's shape.
 */
export function collectLikeTerms(t: TNode): TNode {
  const memo = new Map<TNode, TNode>();
  const go = (n: TNode): TNode => {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: TNode;
    if (n.op === "add" || n.op === "sub") {
      const flat = flattenSum(n);
      const terms = flat.map(({ sign, term }) => ({ sign, term: go(term) }));
      out = collectSum(terms, n, terms.some(({ term }, i) => term !== flat[i]!.term));
    } else {
      const args = n.args.map(go);
      out = args.every((a, i) => a === n.args[i]) ? n : { ...n, args };
    }
    memo.set(n, out);
    return out;
  };
  return go(t);
}

/** The terms of a chain of + and -, with their signs, in order. */
function flattenSum(n: TNode): { sign: 1 | -1; term: TNode }[] {
  const out: { sign: 1 | -1; term: TNode }[] = [];
  // an explicit stack of (node, sign): left operands first
  const stack: [TNode, 1 | -1][] = [[n, 1]];
  while (stack.length) {
    const [e, sign] = stack.pop()!;
    if (e.op === "add" || e.op === "sub") {
      const minus = e.op === "sub" ? (-sign as 1 | -1) : sign;
      stack.push([e.args[1]!, minus], [e.args[0]!, sign]);
    } else out.push({ sign, term: e });
  }
  return out;
}

/** A term as coefficient times base: `3 * u`, `u * 3`, `-u`. */
function splitCoefficient(term: TNode, sign: 1 | -1): { coef: Q; base: TNode } {
  let coef = sign === 1 ? Q.ONE : Q.MINUS_ONE;
  let base = term;
  for (;;) {
    if (base.op === "neg") {
      coef = coef.neg();
      base = base.args[0]!;
    } else if (base.op === "mul" && isNum(base.args[0]!) && Number.isFinite(base.args[0]!.value)) {
      coef = coef.mul(Q.fromNumber(base.args[0]!.value!));
      base = base.args[1]!;
    } else if (base.op === "mul" && isNum(base.args[1]!) && Number.isFinite(base.args[1]!.value)) {
      coef = coef.mul(Q.fromNumber(base.args[1]!.value!));
      base = base.args[0]!;
    } else return { coef, base };
  }
}

function collectSum(terms: readonly { sign: 1 | -1; term: TNode }[], n: TNode, changed: boolean): TNode {
  const rebuild = (): TNode => terms.slice(1).reduce<TNode>((l, { sign, term }) => mk(sign === 1 ? "add" : "sub", [l, term]), terms[0]!.sign === 1 ? terms[0]!.term : mk("neg", [terms[0]!.term]));
  const same = terms.every(({ term }) => term.shape.rows === n.shape.rows && term.shape.cols === n.shape.cols && !term.shape.lead && !n.shape.lead);
  const groups = new Map<string, { coef: Q; base: TNode }>();
  for (const { sign, term } of terms) {
    const { coef, base } = splitCoefficient(term, sign);
    const k = key(base);
    const g = groups.get(k);
    if (g) g.coef = g.coef.add(coef);
    else groups.set(k, { coef, base });
  }
  if (!same || groups.size === terms.length) return changed ? rebuild() : n;
  const parts = [...groups.values()].filter((g) => !g.coef.isZero());
  if (parts.length === 0) return zeroLike(n);
  let out: TNode | null = null;
  for (const { coef, base } of parts) {
    const negative = coef.isNegative();
    const c = negative ? coef.neg() : coef;
    const term = c.isOne() ? base : mk("mul", [num(c), base]);
    out = out === null ? (negative ? mk("neg", [term]) : term) : mk(negative ? "sub" : "add", [out, term]);
  }
  return out!;
}

/**
 * u .* ... .* (a ./ u) .* ...: the quotient's u cancels against the factor u
 * (rule hadamard-quotient-cancel; where u is defined and nonzero, as the
 * quotient requires). Back-propagation through log(sigmoid(z)) gives
 * (1 ./ s) .* (s .* (1 - s)) with s = sigmoid(z): this leaves 1 - s, and
 * log(1 - sigmoid(z)) leaves s, so the gradient of the binary cross-entropy
 * collapses to sigmoid(z) - y once the normal form collects it.
 */
function cancelReciprocals(n: TNode): TNode {
  const flat = (t: TNode): TNode[] => (t.op === "hadamard" ? t.args.flatMap(flat) : [t]);
  const fs = flat(n);
  for (let i = 0; i < fs.length; i++) {
    const r = fs[i]!;
    if (r.op !== "ediv" || !sameShape(r.shape, n.shape)) continue;
    const j = fs.findIndex((f, k) => k !== i && key(f) === key(r.args[1]!));
    if (j < 0) continue;
    const top = r.args[0]!;
    const rest = fs.map((f, k) => (k === i && !isNum(top, 1) ? (sameShape(top.shape, n.shape) ? top : null) : k === i || k === j ? undefined : f));
    if (rest.includes(null)) continue;
    const kept = rest.filter((f): f is TNode => !!f);
    if (kept.length === 0) return onesOf(n.shape);
    return kept.reduce((x, y) => mk("hadamard", [x, y]));
  }
  return n;
}

/**
 * The same for scalars: (a / u) * ... * u * ... = a * ... (a product of
 * scalar factors, u nonzero where the quotient is defined).
 */
function cancelScalarQuotients(n: TNode): TNode {
  if (!isScalar(n.shape)) return n;
  const flat = (t: TNode): TNode[] => (t.op === "mul" && isScalar(t.args[0]!.shape) && isScalar(t.args[1]!.shape) ? t.args.flatMap(flat) : [t]);
  const fs = flat(n);
  for (let i = 0; i < fs.length; i++) {
    const r = fs[i]!;
    if (r.op !== "div") continue;
    const j = fs.findIndex((f, k) => k !== i && key(f) === key(r.args[1]!));
    if (j < 0) continue;
    const kept = fs.map((f, k) => (k === i ? r.args[0]! : f)).filter((_, k) => k !== j);
    return kept.reduce((x, y) => mk("mul", [x, y]));
  }
  return n;
}

/** 1 for an exponent 1/2 (0.5, 1 / 2), -1 for -1/2, else 0. */
function halfOf(e: TNode): number {
  if (e.op === "neg") return -halfOf(e.args[0]!);
  if (isNum(e)) return e.value === 0.5 ? 1 : e.value === -0.5 ? -1 : 0;
  if (e.op === "div" && isNum(e.args[0]!, 1) && isNum(e.args[1]!, 2)) return 1;
  return 0;
}

function zeroLike(n: TNode): TNode {
  return zerosOf(n.shape);
}

/** Number of nodes: the measure of "shorter" between two forms of a result. */
export function size(t: TNode): number {
  let s = 1;
  for (const a of t.args) s += size(a);
  return s;
}
