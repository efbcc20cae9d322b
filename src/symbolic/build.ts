// Building typed trees in the symbolic engine: every constructor infers the
// shape with the operator's own shape rule, so a derivative rule that builds
// an ill-shaped expression fails loudly (an engine bug), never silently.

import { DeriveError } from "../core/errors.js";
import { type Dim, type Shape, SCALAR, isScalar, shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import type { ShapeCtx } from "../ops/define.js";
import { opDef } from "../ops/registry.js";
import { printExpr } from "../parse/print.js";
import { Q } from "./rational.js";

export function mk(op: string, args: readonly TNode[]): TNode {
  const def = opDef(op);
  const ctx: ShapeCtx = {
    node: { op, args, pos: 0, end: 0 },
    fail: (message: string): never => {
      throw new DeriveError("engine", `internal error: the symbolic engine built an ill-shaped ${op}: ${message}`);
    },
    dimArg: (i: number): Dim => {
      const a = args[i]!;
      return a.op === "num" ? a.value! : a.name!;
    },
    argText: (i: number) => printExpr(args[i]!),
    arg: (i: number) => args[i]!,
    requireMin: () => {},
    integerArg: (i: number) => {
      const a = args[i]!;
      if (a.op === "num" && Number.isInteger(a.value)) return a.value!;
      if (a.op === "neg" && a.args[0]!.op === "num" && Number.isInteger(a.args[0]!.value)) return -a.args[0]!.value!;
      return "symbol";
    },
  };
  return { op, args, pos: 0, end: 0, shape: def.shape(args.map((a) => a.shape), ctx) };
}

/** A scalar literal; a non-integer rational becomes `p / q`, a negative one `-(…)`. */
export function num(v: number | Q): TNode {
  const q = typeof v === "number" ? Q.fromNumber(v) : v;
  if (q.isNegative()) return mk("neg", [num(q.neg())]);
  if (q.isInteger()) return lit(Number(q.n));
  // a terminating decimal prints as one (0.1, 0.25); other fractions as p / q
  let d = q.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  const dec = q.toNumber();
  if (d === 1n && Q.fromNumber(dec).equals(q) && String(dec).length <= 12) return { ...lit(dec), text: String(dec) };
  return mk("div", [lit(Number(q.n)), lit(Number(q.d))]);
}

function lit(v: number): TNode {
  return { op: "num", args: [], value: v, text: String(v), pos: 0, end: 0, shape: SCALAR };
}

export const sym = (name: string, s: Shape): TNode => ({ op: "sym", args: [], name, pos: 0, end: 0, shape: s });

/** The identity of a square shape (prints as a bare `I` or `I(n)`). */
export const eye = (s: Shape): TNode => ({ op: "I", args: [], pos: 0, end: 0, shape: shape(s.rows, s.rows) });

/** A matrix of zeros of the given shape (a scalar 0 when scalar). */
export const zerosOf = (s: Shape): TNode =>
  isScalar(s) ? lit(0) : { op: "zeros", args: dimArgs(s), pos: 0, end: 0, shape: s };

export const onesOf = (s: Shape): TNode =>
  isScalar(s) ? lit(1) : { op: "ones", args: dimArgs(s), pos: 0, end: 0, shape: s };

function dimArgs(s: Shape): TNode[] {
  const one = (d: Dim): TNode => (typeof d === "number" ? lit(d) : { op: "dimval", args: [], name: d, pos: 0, end: 0, shape: SCALAR });
  return s.cols === 1 ? [one(s.rows)] : [one(s.rows), one(s.cols)];
}

export const add = (a: TNode, b: TNode): TNode => mk("add", [a, b]);
export const sub = (a: TNode, b: TNode): TNode => mk("sub", [a, b]);
export const mul = (a: TNode, b: TNode): TNode => mk("mul", [a, b]);
export const div = (a: TNode, b: TNode): TNode => mk("div", [a, b]);
export const had = (a: TNode, b: TNode): TNode => mk("hadamard", [a, b]);
export const neg = (a: TNode): TNode => mk("neg", [a]);
export const tp = (a: TNode): TNode => mk("transpose", [a]);
export const call = (name: string, ...args: TNode[]): TNode => mk(name, args);
