// The shape rule, kernel and derivative rules shared by convkernel1d and
// convkernel2d: the gradient of a convolution in its kernel (PyTorch's
// torch.nn.grad.conv1d_weight / conv2d_weight), a correlation of the input x
// with the output cotangent g, summed over the batch. Arguments: (x, g, the
// kernel's spatial sizes [k] or [kh, kw], stride, padding, dilation, groups),
// the sizes given because a stride > 1 does not determine them. It is
// bilinear in (x, g), and it is the third side of one trilinear form:
// <G, conv(X, W)> = <convtranspose(G, W), X> = <convkernel(X, G), W>.

import type { EvalCtx, JvpCtx, ShapeCtx, TransposeCtx } from "./define.js";
import { type Shape, dimsOf, mulDim, showShape, tensorShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { conv2dWeightGrad } from "../core/conv.js";
import { noAdjoint, notLinearIn, sumTerms } from "./derivative-util.js";
import { type Spatial, groupsDivide, intParam, outLength, tensorOperand } from "./tensor-util.js";

/** Default values of stride, padding, dilation, groups (after x, g and the kernel sizes). */
export const CONVKERNEL_DEFAULTS = [1, 0, 1, 1];

/** Shape rule: (x, g, k... [, stride, padding, dilation, groups]) -> C_out x C_in/groups x k... */
export function convKernelShape(name: string, spatial: Spatial, args: readonly Shape[], ctx: ShapeCtx): Shape {
  const base = 2 + spatial;
  if (args.length < base || args.length > base + 4) ctx.fail(`${name} takes (x, g, ${spatial === 1 ? "k" : "kh, kw"}) or (x, g, ${spatial === 1 ? "k" : "kh, kw"}, stride, padding, dilation, groups)`);
  const [N, C, ...S] = tensorOperand(name, "input", args[0]!, 0, spatial, ctx);
  const [Ng, O, ...OS] = tensorOperand(name, "input", args[1]!, 1, spatial, ctx);
  if (mulDim(N!, 1) !== mulDim(Ng!, 1)) ctx.fail(`${name}: the input has a batch of ${N} but the cotangent ${Ng} (${ctx.argText(0)}: ${showShape(args[0]!)}, ${ctx.argText(1)}: ${showShape(args[1]!)})`);
  const K = S.map((_, a) => intParam(ctx, args, 2 + a, "kernel size", 1, 1) as number);
  const s = intParam(ctx, args, base, "stride", 1, 1) as number;
  const p = intParam(ctx, args, base + 1, "padding", 0, 0) as number;
  const d = intParam(ctx, args, base + 2, "dilation", 1, 1) as number;
  const g = intParam(ctx, args, base + 3, "number of groups", 1, 1, true);
  groupsDivide(name, g, C!, "input", ctx);
  groupsDivide(name, g, O!, "output", ctx);
  const Cg = g === 1 ? C! : mulDim(g, 1) === mulDim(C!, 1) ? 1 : (C as number) / (g as number);
  S.forEach((n, a) => {
    const o = outLength(name, n, K[a]!, s, p, d, ctx, ctx.node);
    if (mulDim(o, 1) !== mulDim(OS[a]!, 1)) ctx.fail(`${name}: a convolution of an input of size ${n} with a kernel of size ${K[a]} gives ${o}, but the cotangent ${ctx.argText(1)} has ${OS[a]} (${showShape(args[1]!)})`, ctx.arg(1));
  });
  return tensorShape([O!, Cg, ...K]);
}

export const convKernelEval = (spatial: Spatial) => (args: readonly Tensor[], ctx: EvalCtx): Tensor => {
  const base = 2 + spatial;
  const n = args.length;
  const s = n > base ? ctx.dimArg(base) : 1;
  const p = n > base + 1 ? ctx.dimArg(base + 1) : 0;
  const d = n > base + 2 ? ctx.dimArg(base + 2) : 1;
  const groups = n > base + 3 ? ctx.dimArg(base + 3) : 1;
  const params = spatial === 1 ? { sh: 1, sw: s, ph: 0, pw: p, dh: 1, dw: d, groups } : { sh: s, sw: s, ph: p, pw: p, dh: d, dw: d, groups };
  const wShape = [...ctx.node.shape.lead!, ctx.node.shape.rows, ctx.node.shape.cols].map(ctx.size);
  return conv2dWeightGrad(args[0]!, args[1]!, wShape, params);
};

/** Bilinear in (x, g): d convkernel(x, g) = convkernel(dx, g) + convkernel(x, dg). */
export const convKernelJvp = (name: string) => ({ args, dargs, b }: JvpCtx): TNode => {
  for (let i = 2; i < dargs.length; i++) if (dargs[i]) throw new Error(`${name}: kernel sizes, stride, padding, dilation and groups are integers, not differentiated`);
  const rest = args.slice(2);
  return sumTerms(b, [dargs[0] ? b.mk(name, [dargs[0], args[1]!, ...rest]) : null, dargs[1] ? b.mk(name, [args[0]!, dargs[1], ...rest]) : null]);
};

/** An integer parameter written as a literal (absent: its default), or null. */
export function literal(args: readonly TNode[], i: number, dflt: number): number | null {
  const a = args[i];
  if (!a) return dflt;
  return a.op === "num" && Number.isInteger(a.value) ? a.value! : null;
}

/**
 * From the trilinear form: the adjoint of convkernel(x, g) in g is the
 * convolution of x with the cotangent (a kernel-shaped tensor), and in x the
 * transposed convolution of g with it, with the output padding that gives back
 * x's size.
 */
export const convKernelTranspose = (name: string) => ({ node, args, i, g: cot, b }: TransposeCtx): TNode => {
  const spatial = name.endsWith("1d") ? 1 : 2;
  const base = 2 + spatial;
  const [s, p, d, groups] = CONVKERNEL_DEFAULTS.map((v, k) => literal(args, base + k, v));
  if (s === null || p === null || d === null) return noAdjoint(`${name} with a stride, padding or dilation that is not a literal`);
  const groupArg = args[base + 3] ?? b.num(1);
  if (groups === null && groupArg.op !== "dimval") return noAdjoint(name);
  const x = args[0]!;
  const g = args[1]!;
  if (i === 1) return b.mk(`conv${spatial}d`, [x, cot, ...trim(b, [b.num(0), b.num(s), b.num(p), b.num(d), groupArg], [0, 1, 0, 1, 1])]);
  if (i !== 0) return notLinearIn(name, i);
  const xs = dimsOf(x.shape).slice(2);
  const gs = dimsOf(g.shape).slice(2);
  const ks = dimsOf(node.shape).slice(2);
  const pads = xs.map((n, a) => {
    const o = gs[a]!;
    const k = ks[a]!;
    return typeof n === "number" && typeof o === "number" && typeof k === "number" ? n - ((o - 1) * s - 2 * p + d * (k - 1) + 1) : 0;
  });
  if (pads.some((q) => q !== pads[0])) return noAdjoint(`${name} with different output paddings on the two axes`);
  return b.mk(`convtranspose${spatial}d`, [g, cot, ...trim(b, [b.num(0), b.num(s), b.num(p), b.num(pads[0]!), groupArg, b.num(d)], [0, 1, 0, 0, 1, 1])]);
};

/** The optional arguments without the trailing ones equal to their (literal) defaults, as one writes them. */
export function trim(b: JvpCtx["b"], values: readonly TNode[], defaults: readonly number[]): TNode[] {
  let n = values.length;
  while (n > 0 && values[n - 1]!.op === "num" && values[n - 1]!.value === defaults[n - 1]) n--;
  return values.slice(0, n);
}
