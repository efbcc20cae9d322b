// Local simplification of a tree, bottom-up, without expanding products: what
// a derivative looks like after back-propagation with the noise removed
// (`1 * `, `X''`, `ones .* u`, `u.^1`, `x + x`). Its size grows linearly with
// the expression, unlike the fully expanded normal form, so it is what deep
// networks print; readable.ts picks whichever form is shorter.

import { key } from "../core/ast.js";
import { isScalar } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { type Facts, isSymmetric } from "./normal.js";
import { mk, num, onesOf, zerosOf } from "./build.js";

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
    const next = go(cur);
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
      return n;
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
      if (isNum(a, 1) && !isScalar(b.shape)) return b;
      if (isNum(b, 1) && !isScalar(a.shape)) return a;
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

/** u .* ... .* (1 ./ u) .* ...: the reciprocal pair cancels (where u is defined and nonzero, as the expression requires). */
function cancelReciprocals(n: TNode): TNode {
  const flat = (t: TNode): TNode[] => (t.op === "hadamard" ? t.args.flatMap(flat) : [t]);
  const fs = flat(n);
  for (let i = 0; i < fs.length; i++) {
    const r = fs[i]!;
    if (!(r.op === "ediv" && isNum(r.args[0]!, 1))) continue;
    const j = fs.findIndex((f, k) => k !== i && key(f) === key(r.args[1]!));
    if (j < 0) continue;
    const rest = fs.filter((_, k) => k !== i && k !== j);
    if (rest.length === 0) return onesOf(n.shape);
    return rest.reduce((x, y) => mk("hadamard", [x, y]));
  }
  return n;
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
