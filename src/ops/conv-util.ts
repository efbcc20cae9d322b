// Integer arguments of the size and count helpers (convout, convparams): a
// value that is not an integer, or out of its range, is a positioned error,
// not a redrawn sample, because these arguments are sizes written by hand.

import { DeriveError } from "../core/errors.js";
import type { EvalCtx } from "./define.js";
import type { Tensor } from "../core/tensor.js";

/** The i-th argument as an integer >= min; `name` says which parameter it is. */
export function integerArg(args: readonly Tensor[], i: number, name: string, min: number, ctx: EvalCtx): number {
  const op = ctx.node.op;
  const v = args[i]!.scalar();
  const k = Math.round(v);
  // sizes computed with float arithmetic (2 * p, 11 * 11) are integers to rounding
  if (!Number.isFinite(v) || Math.abs(v - k) > 1e-9 * Math.max(1, Math.abs(v))) {
    throw new DeriveError("value", `${op} needs an integer ${name}, not ${v}`, (ctx.node.args[i] ?? ctx.node).pos);
  }
  if (k < min) throw new DeriveError("value", `${op} needs ${name} >= ${min}, not ${k}`, (ctx.node.args[i] ?? ctx.node).pos);
  return k;
}
