// Kernels and derivative rules shared by the pooling operators (1-d and 2-d
// differ only in their spatial rank). Average pooling is linear; max pooling
// is piecewise linear: its differential in the direction v picks v at each
// window's maximum, written maxpool2d(x, k, s, v), linear in v. Their adjoints
// are avgunpool and maxunpool (unpool-rules.ts).

import type { EvalCtx, OpDef, TransposeCtx } from "./define.js";
import type { TNode } from "../core/typed.js";
import { literal } from "./convkernel-rules.js";
import { unpoolPadding } from "./unpool-rules.js";
import { noAdjoint, notLinearIn } from "./derivative-util.js";
import { type Spatial, poolParams } from "./tensor-util.js";
import type { Tensor } from "../core/tensor.js";
import { avgpool, maxpool } from "../core/conv.js";

export const avgEval = (spatial: Spatial) => (args: readonly Tensor[], ctx: EvalCtx): Tensor => avgpool(args[0]!, poolParams(args, ctx, spatial));

export const avgJvp = (name: string): NonNullable<OpDef["jvp"]> => ({ args, dargs, b }) => b.mk(name, [dargs[0]!, ...args.slice(1)]);

export const maxEval = (spatial: Spatial) => (args: readonly Tensor[], ctx: EvalCtx): Tensor =>
  maxpool(args[0]!, poolParams(args, ctx, spatial), args.length === 4 ? args[3]! : null, (t) => ctx.kink(t));

/**
 * d maxpool(x, k, s) = maxpool(x, k, s, dx). The 4-argument form is linear in
 * its last argument and, away from ties (which the kink signs exclude),
 * constant in x: a change of x alone contributes zero.
 */
export const maxJvp = (name: string): NonNullable<OpDef["jvp"]> => ({ node, args, dargs, b }) => {
  if (args.length === 4) return dargs[3] ? b.mk(name, [args[0]!, args[1]!, args[2]!, dargs[3]]) : { op: "num", value: 0, args: [], pos: 0, end: 0, shape: node.shape };
  const s = args.length > 2 ? args[2]! : args[1]!;
  return b.mk(name, [args[0]!, args[1]!, s, dargs[0]!]);
};

/**
 * The adjoints: of avgpool(x, k, s) in x, avgunpool(g, k, s, op) with the
 * output padding that gives back x's size; of maxpool(x, k, s, v) in v,
 * maxunpool(x, g, k, s) (the same first-maximum rule). Optional arguments
 * equal to their defaults (s = k, op = 0) are left out, as one writes them.
 */
export const poolTranspose = (name: string) => ({ node, args, i, g, b }: TransposeCtx): TNode => {
  const k = literal(args, 1, 1);
  const s = literal(args, 2, k ?? 1);
  if (k === null || s === null) return noAdjoint(`${name} with a window or stride that is not a literal`);
  const short = (values: number[], defaults: number[]): TNode[] => {
    let n = values.length;
    while (n > 0 && values[n - 1] === defaults[n - 1]) n--;
    return values.slice(0, n).map((v) => b.num(v));
  };
  if (name.startsWith("maxpool")) {
    if (i !== 3) return notLinearIn(name, i);
    return b.mk(name.replace("maxpool", "maxunpool"), [args[0]!, g, b.num(k), ...short([s], [k])]);
  }
  if (i !== 0) return notLinearIn(name, i);
  const ops = unpoolPadding(args[0]!.shape, node.shape, k, s);
  if (ops === null) return noAdjoint(`${name} at sizes that do not give its output padding`);
  // one output padding when the axes agree, one per axis (height, width) otherwise
  if (ops.some((q) => q !== ops[0])) return b.mk(name.replace("avgpool", "avgunpool"), [g, b.num(k), ...[s, ...ops].map((v) => b.num(v))]);
  return b.mk(name.replace("avgpool", "avgunpool"), [g, b.num(k), ...short([s, ops[0]!], [k, 0])]);
};
