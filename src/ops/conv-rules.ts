// The derivative rules and kernel call shared by conv1d and conv2d (the two
// differ only in their spatial rank). A convolution is bilinear in (x, w) and
// affine in the bias: d conv(x, w, b) = conv(dx, w) + conv(x, dw) + perchannel(db).

import type { EvalCtx, JvpCtx, OpDef, TransposeCtx } from "./define.js";
import { dimsOf } from "../core/shape.js";
import { noAdjoint, sumTerms } from "./derivative-util.js";
import { type Spatial, convParams } from "./tensor-util.js";
import type { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { conv2d, conv2dInputGrad } from "../core/conv.js";

export function convEval(spatial: Spatial): (args: readonly Tensor[], ctx: EvalCtx) => Tensor {
  return (args, ctx) => conv2d(args[0]!, args[1]!, args.length > 2 ? args[2]! : null, convParams(args, ctx, spatial), spatial + 2);
}

export function convJvp(name: string): NonNullable<OpDef["jvp"]> {
  return ({ node, args, dargs, b }: JvpCtx): TNode => {
    // the same convolution without bias, on other operands
    const conv = (x: TNode, w: TNode): TNode => b.mk(name, args.length > 2 ? [x, w, b.num(0), ...args.slice(3)] : [x, w]);
    const [dx, dw, db] = dargs;
    for (let i = 3; i < dargs.length; i++) if (dargs[i]) throw new Error(`${name}: stride, padding, dilation and groups are integers, not differentiated`);
    return sumTerms(b, [dx ? conv(dx, args[1]!) : null, dw ? conv(args[0]!, dw) : null, db ? b.mk("perchannel", [db, node]) : null]);
  };
}

/** An integer parameter written as a literal (the optional ones take their default). */
function param(args: readonly TNode[], i: number, dflt: number): number | null {
  const a = args[i];
  if (!a) return dflt;
  return a.op === "num" && Number.isInteger(a.value) ? a.value! : null;
}

/**
 * The adjoint of a convolution in its input is the transposed convolution with
 * the same stride, padding, dilation and groups, and the output padding that
 * gives back the input's size (0 at symbolic sizes, where the shape rule then
 * checks that stride 1 makes it so); the adjoint of a transposed convolution
 * in its input is the convolution. In the kernel, both adjoints are the
 * kernel gradient convkernel (a correlation of the input with the cotangent):
 * <G, conv(X, W)> = <convkernel(X, G), W>, and for a transposed convolution,
 * whose output is the input of the convolution it transposes,
 * <A, convtranspose(G, W)> = <conv(A, W), G> = <convkernel(A, G), W>. The
 * bias (argument 2) has no adjoint in the language.
 */
export const convTranspose = (name: string) => ({ node, args, i, g, b }: TransposeCtx): TNode => {
  if (i !== 0 && i !== 1) return noAdjoint(`${name} in its bias`);
  const spatial = name.endsWith("1d") ? "1d" : "2d";
  const w = args[1]!;
  const kernelSizes = dimsOf(w.shape).slice(2);
  if (name.startsWith("convtranspose")) {
    // convtranspose(g, w, b, s, p, op, groups, d) -> conv(G, w, 0, s, p, d, groups)
    const [s, p, op, groups, d] = [param(args, 3, 1), param(args, 4, 0), param(args, 5, 0), param(args, 6, 1), param(args, 7, 1)];
    if ([s, p, op, groups, d].some((v) => v === null)) return noAdjoint(name);
    if (i === 1) {
      // the convolution of the output with the kernel gives back g's size only when op < s
      if (op! >= s! || kernelSizes.some((k) => typeof k !== "number")) return noAdjoint(`${name} in its kernel with an output padding of at least the stride`);
      return b.mk(`convkernel${spatial}`, [g, args[0]!, ...kernelSizes.map((k) => b.num(k as number)), ...trimDefaults(b, [s!, p!, d!, groups!], [1, 0, 1, 1])]);
    }
    return b.mk(`conv${spatial}`, [g, w, ...trimDefaults(b, [0, s!, p!, d!, groups!], [0, 1, 0, 1, 1])]);
  }
  const [s, p, d, groups] = [param(args, 3, 1), param(args, 4, 0), param(args, 5, 1), param(args, 6, 1)];
  if ([s, p, d, groups].some((v) => v === null)) return noAdjoint(name);
  if (i === 1) {
    if (kernelSizes.some((k) => typeof k !== "number")) return noAdjoint(`${name} in a kernel of symbolic size`);
    return b.mk(`convkernel${spatial}`, [args[0]!, g, ...kernelSizes.map((k) => b.num(k as number)), ...trimDefaults(b, [s!, p!, d!, groups!], [1, 0, 1, 1])]);
  }
  const xs = dimsOf(args[0]!.shape).slice(2);
  const gs = dimsOf(node.shape).slice(2);
  const ks = dimsOf(w.shape).slice(2);
  const pads = xs.map((x, a) => {
    const o = gs[a]!;
    const k = ks[a]!;
    return typeof x === "number" && typeof o === "number" && typeof k === "number" ? x - ((o - 1) * s! - 2 * p! + d! * (k - 1) + 1) : 0;
  });
  if (pads.some((q) => q !== pads[0])) return noAdjoint(`${name} with different output paddings on the two axes`);
  return b.mk(`convtranspose${spatial}`, [g, w, ...trimDefaults(b, [0, s!, p!, pads[0]!, groups!, d!], [0, 1, 0, 0, 1, 1])]);
};

/** The optional arguments as literals, without the trailing ones that equal their defaults (as one writes them). */
function trimDefaults(b: JvpCtx["b"], values: readonly number[], defaults: readonly number[]): TNode[] {
  let n = values.length;
  while (n > 0 && values[n - 1] === defaults[n - 1]) n--;
  return values.slice(0, n).map((v) => b.num(v));
}

/** convtranspose: the adjoint of the convolution in its input, plus a bias; sizes from the shape rule. */
export function convTransposeEval(spatial: Spatial): (args: readonly Tensor[], ctx: EvalCtx) => Tensor {
  return (args, ctx) => {
    const n = args.length;
    const s = n > 3 ? ctx.dimArg(3) : 1;
    const p = n > 4 ? ctx.dimArg(4) : 0;
    const groups = n > 6 ? ctx.dimArg(6) : 1;
    const d = n > 7 ? ctx.dimArg(7) : 1;
    const params = spatial === 1 ? { sh: 1, sw: s, ph: 0, pw: p, dh: 1, dw: d, groups } : { sh: s, sw: s, ph: p, pw: p, dh: d, dw: d, groups };
    const out = [...ctx.node.shape.lead!, ctx.node.shape.rows, ctx.node.shape.cols].map(ctx.size);
    const y = conv2dInputGrad(args[0]!, args[1]!, out, params);
    if (n > 2) {
      const b = args[2]!;
      const C = out[1]!;
      const inner = y.size / (out[0]! * C);
      for (let k = 0; k < y.size; k++) y.data[k] = y.data[k]! + (b.size === 1 ? b.data[0]! : b.data[Math.floor(k / inner) % C]!);
    }
    return y;
  };
}
