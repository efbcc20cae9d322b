// Shared by E, Var and Cov: their value at a point comes from the statistical
// layer through LazyCtx.moment (src/numeric/moments.ts), which knows the
// declared laws; operator files stay declarative.

import { DeriveError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { LazyCtx } from "./define.js";

export function momentValue(ctx: LazyCtx): Tensor {
  if (!ctx.moment) throw new DeriveError("value", `${ctx.node.op}(...) is computed only where random variables are declared (e.g. 'x: n ~ normal(0, 1)')`, ctx.node.pos);
  return ctx.moment(ctx.node);
}
