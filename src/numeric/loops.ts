// sum(f, i, a, b) and prod(f, i, a, b) with a scalar body, run as one lane
// program over i = a..b (./lanes.ts) instead of the body once per index. The
// program is compiled once per loop node and kept (a WeakMap on the typed
// tree, which finite differences and every sample evaluate again).
//
// Only bodies the plain loop could hoist are compiled (./hoist.ts, plain):
// no derivative, limit or moment inside, which would rebind names while the
// body is evaluated. A matrix-valued body is left to the plain loop.

import { isScalar } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { plain } from "./hoist.js";
import { compile, type LaneHost, type Program } from "./lanes.js";

const programs = new WeakMap<TNode, Program | null>();

/** The compiled body of a loop node, or null when it is not compiled. */
function programOf(loop: TNode): Program | null {
  let p = programs.get(loop);
  if (p === undefined) {
    const body = loop.args[0]!;
    p = isScalar(body.shape) && plain(body) ? compile(body, new Set([loop.args[1]!.name!])) : null;
    programs.set(loop, p);
  }
  return p;
}

/**
 * The value of a sum or product node over i = a..b (a <= b, bounds already
 * checked by the caller), or null when its body is not compiled. Errors
 * propagate: the caller runs the plain loop instead, which raises its own.
 */
export function runLoop(loop: TNode, a: number, b: number, host: LaneHost): Tensor | null {
  const p = programOf(loop);
  if (!p) return null;
  const m = b - a + 1;
  const index = new Float64Array(m);
  for (let k = 0; k < m; k++) index[k] = a + k;
  const v = p({ m, index: new Map([[loop.args[1]!.name!, index]]) }, host);
  // in index order from 0 (or 1), as the plain loop adds (or multiplies) its terms
  let acc = loop.op === "sum" ? 0 : 1;
  if (typeof v === "number") for (let k = 0; k < m; k++) acc = loop.op === "sum" ? acc + v : acc * v;
  else if (loop.op === "sum") for (let k = 0; k < m; k++) acc += v[k]!;
  else for (let k = 0; k < m; k++) acc *= v[k]!;
  return Tensor.scalar(acc);
}
