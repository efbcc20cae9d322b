// Shared by the operators over a bound index, `sum(f, i, a, b)` and
// `prod(f, i, a, b)`: the shape rule and the loop over i = a..b.

import { type Shape, isScalar } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { LazyCtx, ShapeCtx } from "./define.js";

/** Most terms a finite sum or product may have (a loop, not an unbounded one). */
export const MAX_TERMS = 100_000;

/** The body's shape; the bounds must be scalars, the index a new name. */
export function indexedShape(name: string, args: readonly Shape[], ctx: ShapeCtx): Shape {
  const idx = ctx.arg(1);
  if (idx.op !== "sym") ctx.fail(`the second argument of ${name}(f, i, a, b) names the index, not ${ctx.argText(1)}`, idx);
  for (const k of [2, 3]) {
    if (!isScalar(args[k]!) || ctx.integerArg(k) === null) ctx.fail(`the bounds of ${name}(f, i, a, b) are integers, not ${ctx.argText(k)}`, ctx.arg(k));
  }
  return args[0]!;
}

/** Combines the body's values for i = a..b (an empty range gives `empty`). */
export function loop(ctx: LazyCtx, empty: (s: { rows: number; cols: number }) => Tensor, combine: (acc: Tensor, v: Tensor) => Tensor): Tensor {
  const [body, i, lo, hi] = ctx.node.args as [typeof ctx.node, typeof ctx.node, typeof ctx.node, typeof ctx.node];
  const a = ctx.evaluate(lo).scalar();
  const b = ctx.evaluate(hi).scalar();
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new RangeError("non-integer bounds");
  const rows = ctx.size(body.shape.rows);
  const cols = ctx.size(body.shape.cols);
  if (b - a + 1 > MAX_TERMS) throw new RangeError(`more than ${MAX_TERMS} terms`);
  // compiled and vectorised where the body allows (numeric/loops.ts), with the same values
  const compiled = b >= a ? ctx.loopCompiled?.(a, b) : null;
  if (compiled) return compiled;
  let acc = empty({ rows, cols });
  const run = (): Tensor => {
    for (let k = a; k <= b; k++) acc = combine(acc, ctx.withValue(i.name!, Tensor.scalar(k), () => ctx.evaluate(body)));
    return acc;
  };
  // the parts of the body that do not depend on i are evaluated once, not once per index
  return b > a && ctx.withInvariant ? ctx.withInvariant(body, i.name!, run) : run();
}
