// Kernels and derivative rules shared by the pooling operators (1-d and 2-d
// differ only in their spatial rank). Average pooling is linear; max pooling
// is piecewise linear: its differential in the direction v picks v at each
// window's maximum, written maxpool2d(x, k, s, v), linear in v.

import type { EvalCtx, OpDef } from "./define.js";
import { noAdjoint } from "./derivative-util.js";
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

export const poolTranspose = (name: string) => (): never => noAdjoint(name);
