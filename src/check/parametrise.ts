// Property-preserving parametrisations for the local search of
// ./adversarial.ts: a declared name becomes a map from free parameters u (any
// real numbers) to a legal value, so an unconstrained ascent on u never leaves
// the declared set: positive -> exp(u), nonnegative -> u^2, an interval
// (a, b) -> a + (b - a) sigmoid(u), symmetric -> the upper triangle mirrored,
// diagonal -> diag(u), spd -> B B' + eps I, orthogonal -> the sign-fixed Q of
// QR(U), simplex -> softmax(u). Names that have no continuous freedom
// (integer, onehot, orthogonal and diagonal or symmetric) keep their starting
// value. The caller still checks every value with holds() (an invertible U
// may be ill-conditioned).

import { concreteDims } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Declaration } from "../core/typed.js";
import { matmul, transpose } from "../core/kernels.js";
import { cholesky, randomOrthogonalFrom } from "../core/linalg.js";
import { softmax } from "../core/stable.js";

export interface Param {
  /** number of free parameters */
  readonly size: number;
  /** the value at parameters u */
  make(u: Float64Array): Tensor;
  /** parameters that give (about) a legal starting value, or null if there are none */
  start(v: Tensor): Float64Array | null;
}

/** spd values are B B' + SPD_EPS I: strictly positive definite, and near-singular ones stay reachable */
const SPD_EPS = 1e-6;
/** parameters of exp and sigmoid are kept where float64 still resolves the value */
const U_MAX = 30;
const clampU = (u: number): number => Math.max(-U_MAX, Math.min(U_MAX, u));

type Entry = { f: (u: number) => number; inv: (x: number) => number };
const IDENTITY: Entry = { f: (u) => u, inv: (x) => x };
const POSITIVE: Entry = { f: (u) => Math.exp(clampU(u)), inv: (x) => Math.log(Math.max(x, 1e-300)) };
const NONNEGATIVE: Entry = { f: (u) => u * u, inv: (x) => Math.sqrt(Math.max(x, 0)) };

export function parametrise(decl: Declaration | undefined, sizes: ReadonlyMap<string, number>): Param {
  const dims = decl ? concreteDims(decl.shape, sizes) : [1, 1];
  const props = decl?.properties ?? [];
  const has = (p: string): boolean => (props as readonly string[]).includes(p);
  const n = dims[dims.length - 2] ?? 1;
  const total = dims.reduce((a, b) => a * b, 1);
  const square = dims.length === 2 && dims[0] === dims[1];
  if (has("integer") || has("onehot") || (has("orthogonal") && (has("diagonal") || has("symmetric")))) return fixed();
  if (has("simplex")) {
    return {
      size: total,
      make: (u) => softmax(new Tensor(dims, u.map(clampU))),
      start: (v) => v.data.map((x) => Math.log(Math.max(x, 1e-300))),
    };
  }
  if (has("orthogonal") && square) {
    return { size: total, make: (u) => randomOrthogonalFrom(Tensor.matrix(n, n, u.slice())), start: (v) => v.data.slice() };
  }
  const e = entryMap(decl, has);
  if (has("spd") && square && !has("diagonal")) {
    return {
      size: total,
      make: (u) => {
        const b = Tensor.matrix(n, n, u.slice());
        const s = matmul(b, transpose(b));
        for (let i = 0; i < n; i++) s.data[i * n + i] += SPD_EPS;
        return s;
      },
      start: (v) => {
        const shifted = v.map((x) => x);
        for (let i = 0; i < n; i++) shifted.data[i * n + i] -= SPD_EPS;
        return (cholesky(shifted) ?? cholesky(v))?.data.slice() ?? null;
      },
    };
  }
  if (has("diagonal") && square) {
    const pos = has("spd") ? POSITIVE : e;
    return {
      size: n,
      make: (u) => {
        const d = new Float64Array(n * n);
        for (let i = 0; i < n; i++) d[i * n + i] = pos.f(u[i]!);
        return Tensor.matrix(n, n, d);
      },
      start: (v) => Float64Array.from({ length: n }, (_, i) => pos.inv(v.data[i * n + i]!)),
    };
  }
  if (has("symmetric") && square) {
    const upper: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) upper.push([i, j]);
    return {
      size: upper.length,
      make: (u) => {
        const d = new Float64Array(n * n);
        upper.forEach(([i, j], k) => {
          d[i * n + j] = d[j * n + i] = e.f(u[k]!);
        });
        return Tensor.matrix(n, n, d);
      },
      start: (v) => Float64Array.from(upper, ([i, j]) => e.inv(v.data[i * n + j]!)),
    };
  }
  return { size: total, make: (u) => new Tensor(dims, u.map(e.f)), start: (v) => v.data.map(e.inv) };
}

/** How one entry is reached from a free parameter: the interval, then the sign properties. */
function entryMap(decl: Declaration | undefined, has: (p: string) => boolean): Entry {
  const iv = decl?.interval;
  if (iv) {
    const w = iv.hi - iv.lo;
    const sig = (u: number): number => 1 / (1 + Math.exp(-clampU(u)));
    return {
      f: (u) => iv.lo + w * sig(u),
      inv: (x) => {
        const t = Math.min(Math.max((x - iv.lo) / w, 1e-12), 1 - 1e-12);
        return Math.log(t / (1 - t));
      },
    };
  }
  if (has("positive")) return POSITIVE;
  if (has("nonnegative")) return NONNEGATIVE;
  return IDENTITY;
}

/** No continuous freedom: the starting value is kept. */
function fixed(): Param {
  let kept: Tensor | null = null;
  return {
    size: 0,
    make: () => kept!,
    start: (v) => {
      kept = v;
      return new Float64Array(0);
    },
  };
}
