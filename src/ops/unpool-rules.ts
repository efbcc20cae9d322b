// Shape rules, kernels and derivative rules of the pooling adjoints (the
// backward pass of a pooling layer), shared by the 1-d and 2-d operators:
// avgunpool(g, k [, s, op]) spreads each entry of g evenly over its window
// (the adjoint of avgpool(x, k, s); op, the output padding, gives back the
// input's size lost to the floor of a stride > 1, as in convtranspose), and
// maxunpool(x, g, k [, s]) routes each entry of g to its window's maximum of x
// (the adjoint of maxpool(x, k, s, v) in v; the first maximum on a tie, the
// rule of maxpool itself, so the two are exact adjoints at every x).

import type { EvalCtx, JvpCtx, ShapeCtx, TransposeCtx } from "./define.js";
import { type Dim, type Shape, dimsOf, mulDim, rankOf, showShape, tensorShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { avgunpool, maxunpool } from "../core/unpool.js";
import { notLinearIn } from "./derivative-util.js";
import { type Spatial, intParam, outLength, tensorOperand } from "./tensor-util.js";

/** avgunpool: (g, k [, s, op]) -> N x C x ((n - 1) s + k + op)... */
export function avgUnpoolShape(name: string, spatial: Spatial, args: readonly Shape[], ctx: ShapeCtx): Shape {
  const [N, C, ...S] = tensorOperand(name, "input", args[0]!, 0, spatial, ctx);
  const k = intParam(ctx, args, 1, "kernel size", 1, 1) as number;
  const s = intParam(ctx, args, 2, "stride", k, 1) as number;
  if (args.length > 3 + spatial) ctx.fail(`${name} takes (g, k), (g, k, s) or (g, k, s, ${spatial === 1 ? "op" : "op [, op_w]"})`);
  // one output padding per axis; a single one applies to both
  const ops = S.map((_, a) => intParam(ctx, args, args.length > 4 ? 3 + a : 3, "output padding", 0, 0) as number);
  ops.forEach((op, a) => {
    if (op >= s) ctx.fail(`${name}: the output padding ${op} must be smaller than the stride ${s}`, ctx.arg(3 + (args.length > 4 ? a : 0)));
  });
  const outs = S.map((n, a): Dim => {
    const op = ops[a]!;
    if (typeof n === "number") return (n - 1) * s + k + op;
    if (k === 1 && s === 1) return n;
    return ctx.fail(`${name}: the output size (${n} - 1)*${s} + ${k} + ${op} needs concrete sizes`);
  });
  return tensorShape([N!, C!, ...outs]);
}

/** maxunpool: (x, g, k [, s]) -> the shape of x; g has the shape of maxpool(x, k, s). */
export function maxUnpoolShape(name: string, spatial: Spatial, args: readonly Shape[], ctx: ShapeCtx): Shape {
  const [N, C, ...S] = tensorOperand(name, "input", args[0]!, 0, spatial, ctx);
  const k = intParam(ctx, args, 2, "kernel size", 1, 1) as number;
  const s = intParam(ctx, args, 3, "stride", k, 1) as number;
  const want = [N!, C!, ...S.map((n) => outLength(name, n, k, s, 0, 1, ctx, ctx.node))];
  const got = dimsOf(args[1]!);
  if (rankOf(args[1]!) !== want.length || got.some((d, a) => mulDim(d, 1) !== mulDim(want[a]!, 1))) {
    ctx.fail(`${name}(x, g, k, s): g must have the shape of the pooled x, ${want.join(" x ")}, not ${showShape(args[1]!)}`, ctx.arg(1));
  }
  return args[0]!;
}

const params = (spatial: Spatial, k: number, s: number) => (spatial === 1 ? { kh: 1, kw: k, sh: 1, sw: s } : { kh: k, kw: k, sh: s, sw: s });

export const avgUnpoolEval = (spatial: Spatial) => (args: readonly Tensor[], ctx: EvalCtx): Tensor => {
  const k = ctx.dimArg(1);
  const s = args.length > 2 ? ctx.dimArg(2) : k;
  const out = [...ctx.node.shape.lead!, ctx.node.shape.rows, ctx.node.shape.cols].map(ctx.size);
  return avgunpool(args[0]!, params(spatial, k, s), out);
};

export const maxUnpoolEval = (spatial: Spatial) => (args: readonly Tensor[], ctx: EvalCtx): Tensor => {
  const k = ctx.dimArg(2);
  const s = args.length > 3 ? ctx.dimArg(3) : k;
  return maxunpool(args[0]!, args[1]!, params(spatial, k, s), (t) => ctx.kink(t));
};

export const avgUnpoolJvp = (name: string) => ({ args, dargs, b }: JvpCtx): TNode => b.mk(name, [dargs[0]!, ...args.slice(1)]);

/**
 * Linear in g; in x piecewise constant (the winner of a window changes only
 * at a tie, which the kink signs keep finite differences away from), so a
 * change of x alone contributes zero.
 */
export const maxUnpoolJvp = (name: string) => ({ node, args, dargs, b }: JvpCtx): TNode =>
  dargs[1] ? b.mk(name, [args[0]!, dargs[1], ...args.slice(2)]) : { op: "num", value: 0, args: [], pos: 0, end: 0, shape: node.shape };

/** <A, avgunpool(G)> = <avgpool(A), G>. */
export const avgUnpoolTranspose = (name: string) => ({ args, i, g, b }: TransposeCtx): TNode => {
  if (i !== 0) return notLinearIn(name, i);
  const k = args[1]!;
  return b.mk(name.replace("avgunpool", "avgpool"), [g, k, args[2] ?? k]);
};

/** <A, maxunpool(X, G)> = <maxpool(X, k, s, A), G>. */
export const maxUnpoolTranspose = (name: string) => ({ args, i, g, b }: TransposeCtx): TNode => {
  if (i !== 1) return notLinearIn(name, i);
  const k = args[2]!;
  return b.mk(name.replace("maxunpool", "maxpool"), [args[0]!, k, args[3] ?? k, g]);
};

/** Per axis, the output padding that gives back an input of size n from o windows of k with stride s (null: not known). */
export function unpoolPadding(xShape: Shape, gShape: Shape, k: number, s: number): number[] | null {
  const pads = dimsOf(xShape)
    .slice(2)
    .map((n, a) => {
      const o = dimsOf(gShape)[2 + a]!;
      return typeof n === "number" && typeof o === "number" ? n - ((o - 1) * s + k) : k === 1 && s === 1 ? 0 : null;
    });
  return pads.some((q) => q === null) ? null : (pads as number[]);
}
