// The derivative rules and kernel call shared by conv1d and conv2d (the two
// differ only in their spatial rank). A convolution is bilinear in (x, w) and
// affine in the bias: d conv(x, w, b) = conv(dx, w) + conv(x, dw) + perchannel(db).

import type { EvalCtx, JvpCtx, OpDef } from "./define.js";
import { noAdjoint, sumTerms } from "./derivative-util.js";
import { type Spatial, convParams } from "./tensor-util.js";
import type { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { conv2d } from "../core/conv.js";

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

/** The adjoints (a transposed convolution, the weight gradient) are kernels in src/core/conv.ts, not operators. */
export const convTranspose = (name: string) => (): never => noAdjoint(name);
