// Shared pieces of the tensor operators (conv1d/2d, pooling, batchnorm,
// reshape, perchannel): integer parameters, output sizes with symbolic
// dimensions where no arithmetic is needed, and the rank checks. Layout is
// PyTorch's: batch first, then channels, then the spatial axes; the batch
// dimension is required (N = 1 for a single example).

import type { EvalCtx, ShapeCtx } from "./define.js";
import { type Dim, type Shape, dimsOf, isScalar, isTensor, isVector, mulDim, rankOf, showShape, tensorShape } from "../core/shape.js";
import type { Expr } from "../core/ast.js";
import type { TNode } from "../core/typed.js";
import { type ConvParams, type PoolParams, convOut } from "../core/conv.js";

/** The spatial layout an operator expects: 1 (N x C x L) or 2 (N x C x H x W). */
export type Spatial = 1 | 2;

const layout = (s: Spatial): string => (s === 1 ? "N x C x L" : "N x C x H x W");

/** Requires a rank of 2 + spatial; returns the full dimension list. */
export function tensorOperand(name: string, what: string, s: Shape, i: number, spatial: Spatial, ctx: ShapeCtx): Dim[] {
  if (rankOf(s) !== spatial + 2 || (!isTensor(s) && spatial === 1)) {
    const want = what === "kernel" ? (spatial === 1 ? "C_out x C_in/groups x k" : "C_out x C_in/groups x kh x kw") : layout(spatial);
    ctx.fail(`${name} needs ${what === "kernel" ? "a kernel" : "an input"} ${want}, not ${ctx.argText(i)} (${showShape(s)})`, ctx.arg(i));
  }
  return dimsOf(s);
}

/**
 * The i-th argument as an integer literal >= min (default when absent). A
 * dimension name is accepted only where `dims` is set (groups = c for a
 * depthwise convolution), as that name.
 */
export function intParam(ctx: ShapeCtx, args: readonly Shape[], i: number, label: string, def: number, min: number, dims = false): Dim {
  if (i >= args.length) return def;
  const a = ctx.arg(i);
  if (dims && a.op === "dimval") return a.name!;
  const v = ctx.integerArg(i);
  if (typeof v !== "number") ctx.fail(`the ${label} must be an integer literal${dims ? " or a dimension name" : ""}, not ${ctx.argText(i)}`, a);
  if (v < min) ctx.fail(`the ${label} must be at least ${min}, not ${v}`, a);
  return v;
}

/**
 * Output length of one axis: floor((n + 2p - d (k - 1) - 1) / s) + 1. With a
 * symbolic n it is n itself when stride 1 and "same" padding (2p = d (k - 1));
 * anything else needs concrete sizes (dimensions are not arithmetic).
 */
export function outLength(name: string, n: Dim, k: Dim, s: number, p: number, d: number, ctx: ShapeCtx, at: Expr): Dim {
  if (typeof n === "number" && typeof k === "number") {
    const out = convOut(n, k, s, p, d);
    if (out < 1) ctx.fail(`${name}: a kernel of size ${k}${d > 1 ? ` with dilation ${d}` : ""} does not fit an input of size ${n}${p > 0 ? ` padded by ${p}` : ""}`, at);
    return out;
  }
  if (typeof k === "number" && s === 1 && 2 * p === d * (k - 1)) return n;
  ctx.fail(`${name}: the output size (${n} + 2*${p} - ${d}*(${k} - 1) - 1)/${s} + 1 needs concrete sizes (or stride 1 and padding ${typeof k === "number" ? (d * (k - 1)) / 2 : "d(k-1)/2"})`, at);
}

/** The number of groups divides the channel count (trivially when it is 1 or the count itself). */
export function groupsDivide(name: string, g: Dim, channels: Dim, which: string, ctx: ShapeCtx): void {
  if (g === 1 || g === channels) return;
  if (typeof g !== "number" || typeof channels !== "number") ctx.fail(`${name}: cannot check that ${g} groups divide ${channels} ${which} channels; use concrete sizes`);
  if ((channels as number) % (g as number) !== 0) ctx.fail(`${name}: ${g} groups do not divide ${channels} ${which} channels`);
}

/** Shape rule of conv1d / conv2d: (x, w [, b, stride, padding, dilation, groups]). */
export function convShape(name: string, spatial: Spatial, args: readonly Shape[], ctx: ShapeCtx): Shape {
  if (args.length !== 2 && (args.length < 3 || args.length > 7)) ctx.fail(`${name} takes (x, w) or (x, w, b, stride, padding, dilation, groups)`);
  const [N, C, ...S] = tensorOperand(name, "input", args[0]!, 0, spatial, ctx);
  const [O, Cg, ...K] = tensorOperand(name, "kernel", args[1]!, 1, spatial, ctx);
  const s = intParam(ctx, args, 3, "stride", 1, 1) as number;
  const p = intParam(ctx, args, 4, "padding", 0, 0) as number;
  const d = intParam(ctx, args, 5, "dilation", 1, 1) as number;
  const g = intParam(ctx, args, 6, "number of groups", 1, 1, true);
  if (mulDim(Cg!, g) !== mulDim(C!, 1)) {
    ctx.fail(`${name}: the input has ${C} channels but the kernel takes ${Cg}${g === 1 ? "" : ` per group x ${g} groups`} (${ctx.argText(0)}: ${showShape(args[0]!)}, ${ctx.argText(1)}: ${showShape(args[1]!)})`);
  }
  groupsDivide(name, g, O!, "output", ctx);
  if (args.length >= 3) {
    const b = args[2]!;
    if (!isScalar(b) && !(isVector(b) && b.rows === O)) ctx.fail(`${name}: the bias must be a vector of ${O} entries (one per output channel) or a scalar (0: no bias), not ${ctx.argText(2)} (${showShape(b)})`, ctx.arg(2));
  }
  const outs = S.map((n, a) => outLength(name, n, K[a]!, s, p, d, ctx, ctx.node));
  return tensorShape([N!, O!, ...outs]);
}

/**
 * Shape rule of convtranspose1d / convtranspose2d, PyTorch's argument order:
 * (g, w [, b, stride, padding, output_padding, groups, dilation]); w is laid
 * out as the weight of the convolution it transposes (C_in x C_out/groups x
 * k...), and the output length is (n - 1) s - 2p + d (k - 1) + output_padding + 1.
 */
export function convTransposeShape(name: string, spatial: Spatial, args: readonly Shape[], ctx: ShapeCtx): Shape {
  if (args.length !== 2 && (args.length < 3 || args.length > 8)) ctx.fail(`${name} takes (g, w) or (g, w, b, stride, padding, output_padding, groups, dilation)`);
  const [N, C, ...S] = tensorOperand(name, "input", args[0]!, 0, spatial, ctx);
  const [Ci, Cg, ...K] = tensorOperand(name, "kernel", args[1]!, 1, spatial, ctx);
  const s = intParam(ctx, args, 3, "stride", 1, 1) as number;
  const p = intParam(ctx, args, 4, "padding", 0, 0) as number;
  const op = intParam(ctx, args, 5, "output padding", 0, 0) as number;
  const g = intParam(ctx, args, 6, "number of groups", 1, 1, true);
  const d = intParam(ctx, args, 7, "dilation", 1, 1) as number;
  if (op >= Math.max(s, d)) ctx.fail(`${name}: the output padding ${op} must be smaller than the stride or the dilation`, ctx.arg(5));
  if (mulDim(C!, 1) !== mulDim(Ci!, 1)) ctx.fail(`${name}: the input has ${C} channels but the kernel takes ${Ci} (${ctx.argText(0)}: ${showShape(args[0]!)}, ${ctx.argText(1)}: ${showShape(args[1]!)})`);
  groupsDivide(name, g, Ci!, "input", ctx);
  const O = mulDim(Cg!, g);
  if (args.length >= 3) {
    const b = args[2]!;
    if (!isScalar(b) && !(isVector(b) && b.rows === O)) ctx.fail(`${name}: the bias must be a vector of ${O} entries (one per output channel) or a scalar (0: no bias), not ${ctx.argText(2)} (${showShape(b)})`, ctx.arg(2));
  }
  const outs = S.map((n, a) => {
    const k = K[a]!;
    if (typeof n === "number" && typeof k === "number") {
      const out = (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
      if (out < 1) ctx.fail(`${name}: the padding ${p} removes the whole output (size ${out})`);
      return out;
    }
    if (typeof k === "number" && s === 1 && op === 0 && 2 * p === d * (k - 1)) return n;
    return ctx.fail(`${name}: the output size (${n} - 1)*${s} - 2*${p} + ${d}*(${k} - 1) + ${op} + 1 needs concrete sizes (or stride 1 and padding ${typeof k === "number" ? (d * (k - 1)) / 2 : "d(k-1)/2"})`);
  });
  return tensorShape([N!, O, ...outs]);
}

/** The convolution parameters at evaluation (the shape rule has checked them). */
export function convParams(args: readonly unknown[], ctx: EvalCtx, spatial: Spatial): ConvParams {
  const n = args.length;
  const s = n > 3 ? ctx.dimArg(3) : 1;
  const p = n > 4 ? ctx.dimArg(4) : 0;
  const d = n > 5 ? ctx.dimArg(5) : 1;
  const groups = n > 6 ? ctx.dimArg(6) : 1;
  return spatial === 1 ? { sh: 1, sw: s, ph: 0, pw: p, dh: 1, dw: d, groups } : { sh: s, sw: s, ph: p, pw: p, dh: d, dw: d, groups };
}

/** Shape rule of the pooling operators: (x, k [, s]) with s = k by default; maxpool also (x, k, s, v). */
export function poolShape(name: string, spatial: Spatial, args: readonly Shape[], ctx: ShapeCtx, withTangent: boolean): Shape {
  const [N, C, ...S] = tensorOperand(name, "input", args[0]!, 0, spatial, ctx);
  const k = intParam(ctx, args, 1, "kernel size", 1, 1) as number;
  const s = intParam(ctx, args, 2, "stride", k, 1) as number;
  if (args.length === 4) {
    if (!withTangent) ctx.fail(`${name} takes (x, k) or (x, k, s)`);
    if (dimsOf(args[3]!).join() !== dimsOf(args[0]!).join() || rankOf(args[3]!) !== rankOf(args[0]!)) {
      ctx.fail(`${name}(x, k, s, v): v must have the shape of x, not ${showShape(args[3]!)}`, ctx.arg(3));
    }
  }
  const outs = S.map((n) => outLength(name, n, k, s, 0, 1, ctx, ctx.node));
  return tensorShape([N!, C!, ...outs]);
}

export function poolParams(args: readonly unknown[], ctx: EvalCtx, spatial: Spatial): PoolParams {
  const k = ctx.dimArg(1);
  const s = args.length > 2 ? ctx.dimArg(2) : k;
  return spatial === 1 ? { kh: 1, kw: k, sh: 1, sw: s } : { kh: k, kw: k, sh: s, sw: s };
}

/** The arguments of a node from `from` on, for rebuilding it with other operands (jvp rules). */
export const tail = (node: TNode, from: number): TNode[] => node.args.slice(from);
