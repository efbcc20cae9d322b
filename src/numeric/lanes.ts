// A scalar loop body compiled once into a lane program: every node is
// evaluated for all index values ("lanes") in one pass over a Float64Array,
// instead of the whole body once per index through the generic evaluator.
// sum(x[i] * y[i], i, 1, n) becomes two gathers, one multiply and one
// reduction (a dot product); sum(i^2, i, 1, 10000) one pass of Math.pow.
//
// Exactly the plain loop's values: each entry is computed by the same
// arithmetic as the kernels (elementwise functions run their own kernel over
// the lane vector) and reductions add (or multiply) in index order from 0
// (or 1), as ops/indexed.ts's loop does. What lanes cannot express (a
// matrix-valued part that depends on the index, an operator not listed here)
// is evaluated per lane by the evaluator itself, with its index-free parts
// held fixed (./hoist.ts). A nested sum or product, whose bounds may depend on
// the outer indices, becomes one flat run over all (outer, inner) pairs
// reduced segment by segment. Any error makes ./loops.ts run the plain loop
// instead, so errors (and which one comes first) are the plain loop's.

import { isScalar } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { entry } from "../core/kernels.js";
import type { TNode } from "../core/typed.js";
import type { EvalCtx } from "../ops/define.js";
import { MAX_TERMS } from "../ops/indexed.js";
import { hasOp, opDef } from "../ops/registry.js";
import { isLoop, loopInvariant, usesAny } from "./hoist.js";

/** A node's values at every lane, or one value shared by all lanes. */
export type Lanes = Float64Array | number;

/** The lanes of one run: their count and the value of each live index at each lane. */
export interface Env {
  readonly m: number;
  readonly index: ReadonlyMap<string, Float64Array>;
}

/** What a program needs from the evaluator (src/numeric/evaluate.ts) while it runs. */
export interface LaneHost {
  evaluate(n: TNode): Tensor;
  readonly values: Map<string, Tensor>;
  readonly overrides: Map<TNode, Tensor>;
  evalCtx(n: TNode): EvalCtx;
}

export type Program = (env: Env, host: LaneHost) => Lanes;

/** Thrown where lanes cannot reproduce the plain loop (it then runs instead). */
export class NotVectorisable extends Error {}

/** Most (outer, inner) pairs of a nested loop run as lanes at once (memory: 8 bytes each, per node). */
export const MAX_LANES = 1 << 20;

/** Scalar binary operators and the kernels' arithmetic for one entry (core/kernels.ts zip, matmul's scale, pow's Math.pow). */
const BINARY: Readonly<Record<string, (x: number, y: number) => number>> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  hadamard: (x, y) => x * y,
  div: (x, y) => x / y,
  ediv: (x, y) => x / y,
  pow: Math.pow,
  epow: Math.pow,
};

/** Compiles a scalar node under the live indices `live` (the body's own index and those of enclosing nested loops). */
export function compile(n: TNode, live: ReadonlySet<string>): Program {
  if (!usesAny(n, live)) return constant(n);
  if (n.op === "sym") {
    const name = n.name!;
    return (env) => env.index.get(name)!;
  }
  const p = shaped(n, live);
  // a value fixed in advance for this node (a Monte Carlo moment) wins, as in Evaluator.compute
  return (env, host) => {
    const fixed = host.overrides.size ? host.overrides.get(n) : undefined;
    return fixed ? fixed.scalar() : p(env, host);
  };
}

function shaped(n: TNode, live: ReadonlySet<string>): Program {
  const scalarArgs = n.args.every((a) => isScalar(a.shape));
  const f = BINARY[n.op];
  if (f && n.args.length === 2 && scalarArgs) return binary(f, compile(n.args[0]!, live), compile(n.args[1]!, live));
  if (n.op === "neg" && scalarArgs) return unary(compile(n.args[0]!, live), (x) => -x);
  if (hasOp(n.op) && opDef(n.op).elementwise && opDef(n.op).eval && n.args.length === 1 && scalarArgs) return kernel(n, compile(n.args[0]!, live));
  if (n.op === "index" && !usesAny(n.args[0]!, live)) return gather(n, n.args.slice(1).map((a) => compile(a, live)));
  if (isLoop(n) && isScalar(n.args[0]!.shape)) return nested(n, live);
  return perLane(n, live);
}

/** A part without any live index: evaluated once per run by the evaluator (hoisted). */
function constant(n: TNode): Program {
  return (_env, host) => host.evaluate(n).scalar();
}

const at = (v: Lanes, k: number): number => (typeof v === "number" ? v : v[k]!);

function binary(f: (x: number, y: number) => number, pa: Program, pb: Program): Program {
  return (env, host) => {
    const a = pa(env, host);
    const b = pb(env, host);
    const out = new Float64Array(env.m);
    for (let k = 0; k < out.length; k++) out[k] = f(at(a, k), at(b, k));
    return out;
  };
}

function unary(pa: Program, f: (x: number) => number): Program {
  return (env, host) => {
    const a = pa(env, host);
    const out = new Float64Array(env.m);
    for (let k = 0; k < out.length; k++) out[k] = f(at(a, k));
    return out;
  };
}

/** An elementwise function runs its own kernel over the lane vector (same arithmetic; kinks reported for every lane). */
function kernel(n: TNode, pa: Program): Program {
  const op = opDef(n.op);
  return (env, host) => op.eval!([new Tensor([env.m, 1], spread(pa(env, host), env.m))], host.evalCtx(n)).data;
}

/** x[i], A[i, j] of an index-free tensor: one gather; an index off the tensor or not an integer is left to the plain loop. */
function gather(n: TNode, indices: Program[]): Program {
  const target = n.args[0]!;
  return (env, host) => {
    const t = host.evaluate(target);
    const rows = indices.map((p) => p(env, host));
    const i = rows[0]!;
    const j = rows[1] ?? 1;
    const out = new Float64Array(env.m);
    for (let k = 0; k < out.length; k++) {
      const r = at(i, k);
      const c = at(j, k);
      // Evaluator's index kernel rejects the sample here: let the plain loop say so
      if (!Number.isInteger(r) || r < 1 || r > t.rows || !Number.isInteger(c) || c < 1 || c > t.cols) throw new NotVectorisable("index out of range");
      out[k] = entry(t, r - 1, c - 1);
    }
    return out;
  };
}

/**
 * A nested sum or product: every lane's range lo..hi (each may depend on the
 * outer indices) is laid out flat, the inner body runs once over all pairs,
 * and each lane's segment is reduced in index order.
 */
function nested(n: TNode, live: ReadonlySet<string>): Program {
  const [body, i, lo, hi] = n.args as [TNode, TNode, TNode, TNode];
  const inner = i.name!;
  const pBody = compile(body, new Set(live).add(inner));
  const pLo = compile(lo, live);
  const pHi = compile(hi, live);
  const isSum = n.op === "sum";
  return (env, host) => {
    const a = pLo(env, host);
    const b = pHi(env, host);
    const counts = new Float64Array(env.m);
    let total = 0;
    for (let k = 0; k < env.m; k++) {
      const x = at(a, k);
      const y = at(b, k);
      // the plain loop's RangeErrors (non-integer bounds, too many terms) are its own to raise
      if (!Number.isInteger(x) || !Number.isInteger(y) || y - x + 1 > MAX_TERMS) throw new NotVectorisable("bounds");
      counts[k] = Math.max(0, y - x + 1);
      total += counts[k]!;
    }
    if (total > MAX_LANES) throw new NotVectorisable("too many pairs");
    const out = new Float64Array(env.m).fill(isSum ? 0 : 1);
    if (total === 0) return out;
    const index = new Map<string, Float64Array>();
    for (const [name, v] of env.index) index.set(name, repeat(v, counts, total));
    const iv = new Float64Array(total);
    for (let k = 0, p = 0; k < env.m; k++) for (let t = 0; t < counts[k]!; t++) iv[p++] = at(a, k) + t;
    index.set(inner, iv);
    const vals = pBody({ m: total, index }, host);
    for (let k = 0, p = 0; k < env.m; k++) {
      let acc = isSum ? 0 : 1;
      for (let t = 0; t < counts[k]!; t++) acc = isSum ? acc + at(vals, p++) : acc * at(vals, p++);
      out[k] = acc;
    }
    return out;
  };
}

/** Each lane's value repeated as many times as its segment has terms. */
function repeat(v: Float64Array, counts: Float64Array, total: number): Float64Array {
  const out = new Float64Array(total);
  for (let k = 0, p = 0; k < counts.length; k++) out.fill(v[k]!, p, (p += counts[k]!));
  return out;
}

/** A part lanes cannot express: the evaluator runs it per lane, its index-free parts evaluated once and held. */
function perLane(n: TNode, live: ReadonlySet<string>): Program {
  const names = [...live].filter((x) => usesAny(n, new Set([x])));
  const hoisted = loopInvariant(n, live);
  return (env, host) => {
    const parts = hoisted.filter((p) => !host.overrides.has(p));
    const held = parts.map(host.evaluate);
    const old = names.map((x) => host.values.get(x));
    parts.forEach((p, k) => host.overrides.set(p, held[k]!));
    const out = new Float64Array(env.m);
    try {
      for (let k = 0; k < env.m; k++) {
        for (const x of names) host.values.set(x, Tensor.scalar(env.index.get(x)![k]!));
        out[k] = host.evaluate(n).scalar();
      }
    } finally {
      for (const p of parts) host.overrides.delete(p);
      names.forEach((x, k) => (old[k] ? host.values.set(x, old[k]!) : host.values.delete(x)));
    }
    return out;
  };
}

/** Lanes as a vector of length m. */
export function spread(v: Lanes, m: number): Float64Array {
  return typeof v === "number" ? new Float64Array(m).fill(v) : v;
}
