// The adjoints of pooling (the backward pass of a pooling layer), with the
// window layout of src/core/conv.ts: average unpooling spreads each cotangent
// entry evenly over its window, max unpooling routes it to the window's
// maximum of x (the first one on a tie, the same rule as maxpool, so
// <g, maxpool(x, p, v)> = <maxunpool(x, g, p), v> exactly). Overlapping
// windows (stride < window) add up.

import { Tensor } from "./tensor.js";
import { type PoolParams, windowMax, windows } from "./conv.js";

/** The adjoint of avgpool: the cotangent of an input of shape `xShape` from g. */
export function avgunpool(g: Tensor, p: PoolParams, xShape: readonly number[]): Tensor {
  const out = new Tensor(xShape);
  windows(out, p, (o, idx) => {
    const share = g.data[o]! / idx.length;
    for (const k of idx) out.data[k] = out.data[k]! + share;
  });
  return out;
}

/** The adjoint of maxpool(x, p, v) in v: g routed to the maxima of x; `kink` as in maxpool. */
export function maxunpool(x: Tensor, g: Tensor, p: PoolParams, kink?: (signs: Tensor) => void): Tensor {
  const out = new Tensor(x.shape);
  const signs: number[] = [];
  windows(x, p, (o, idx) => {
    const best = windowMax(x, idx, kink ? signs : null);
    out.data[best] = out.data[best]! + g.data[o]!;
  });
  if (kink) kink(new Tensor([signs.length], Float64Array.from(signs)));
  return out;
}
