// Derivatives by finite differences of the function itself: central
// differences refined by Ridders' extrapolation (a Richardson tableau with an
// error estimate), with the step scaled to the variable. Kink-aware: a step
// whose stencil changes the sign pattern of any relu/abs/step argument, or
// leaves the function's domain, is shrunk; a point that sits on a kink is
// rejected as a sample rather than producing a false counterexample.

import { checkDeadline, reportProgress } from "../core/deadline.js";
import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import type { FiniteDifferences } from "../ops/define.js";
import type { Evaluator } from "./evaluate.js";
import { InvalidSample } from "./evaluate.js";
import { loopInvariant } from "./hoist.js";

const CON = 1.4;
const CON2 = CON * CON;
const NTAB = 10;
const SAFE = 2;
/** error estimate below which the tableau stops growing */
const EARLY = 1e-11;
/** relative error estimate below which no smaller first step is tried */
const ACCEPT = 1e-10;
/** the tableau is restarted at most RESTARTS times, from a first step RESTART_SHRINK times smaller */
const RESTARTS = 4;
const RESTART_SHRINK = 16;
/** ... but never from below RESTART_FLOOR x the initial step */
const RESTART_FLOOR = 1e-4;
/** smallest relative step tried before the point is declared a kink */
const HMIN = 1e-9;

export type Stencil = (h: number) => Tensor | null;

export function makeFiniteDifferences(ev: Evaluator): FiniteDifferences {
  /** f evaluated with `name` set to `value`, or null where it is undefined or crosses a kink. */
  const at = (f: TNode, name: string, value: Tensor, base: string): Tensor | null => {
    try {
      const r = ev.withValue(name, value, () => ev.probe(() => ev.evaluate(f), false));
      if (r.signature !== base || !r.value.allFinite()) return null;
      return r.value;
    } catch (e) {
      if (e instanceof InvalidSample) return null;
      throw e;
    }
  };

  const baseSignature = (f: TNode): string => ev.probe(() => ev.evaluate(f)).signature;

  /**
   * Runs `differences` with the parts of `f` that do not depend on `name`
   * (./hoist.ts) evaluated once and held: every stencil point moves `name`
   * only, so those parts would come out the same, bit for bit, at each of the
   * dozens of evaluations per entry. The kinks of the held parts are then seen
   * by no stencil, so the base sign pattern the stencils are compared with is
   * taken again with them held (the same parts, at the same places, are left
   * out of both). Their evaluation and that base are probed apart, so the
   * enclosing evaluation's own sign pattern is what it was.
   */
  const holding = <T>(f: TNode, name: string, base: string, differences: (base: string) => T): T => {
    const parts = loopInvariant(f, name).filter((p) => !ev.overrides.has(p));
    if (parts.length === 0) return differences(base);
    let values: Tensor[] = [];
    ev.probe(() => {
      values = parts.map(ev.evaluate);
      return values[0]!;
    }, false);
    parts.forEach((p, k) => ev.overrides.set(p, values[k]!));
    try {
      return differences(ev.probe(() => ev.evaluate(f), false).signature);
    } finally {
      for (const p of parts) ev.overrides.delete(p);
    }
  };

  const shifted = (x: Tensor, dirs: readonly [number, number][]): Tensor => {
    const d = x.data.slice();
    for (const [k, step] of dirs) d[k] = d[k]! + step;
    return new Tensor(x.shape, d);
  };

  /** d/ds F(x + s e_k) at 0 */
  const partial = (f: TNode, name: string, x: Tensor, k: number, base: string): Tensor => {
    // one partial per entry: the loop where a large matrix spends its time (--timeout)
    checkDeadline();
    const h0 = ev.fdStep * Math.max(1, Math.abs(x.data[k]!));
    const central: Stencil = (h) => {
      const p = at(f, name, shifted(x, [[k, h]]), base);
      const m = p && at(f, name, shifted(x, [[k, -h]]), base);
      return p && m ? combine([p, m], [1, -1], 1 / (2 * h)) : null;
    };
    return ridders(central, h0);
  };

  const ridders = (stencil: Stencil, h0: number, accept = ACCEPT): Tensor => {
    let best: { value: Tensor; err: number } | null = null;
    let start = h0;
    for (let round = 0; round <= RESTARTS; round++) {
      // find the largest step whose stencil stays on one side of every kink
      let h = start;
      let first = stencil(h);
      while (!first) {
        h /= 4;
        if (h < HMIN * h0 * 10) break;
        first = stencil(h);
      }
      if (!first) {
        if (best) break;
        throw new InvalidSample("the point sits on a kink or the edge of the domain");
      }
      // the tableau stops growing a decade below the accepted error (EARLY for the default)
      const r = extrapolate(stencil, first, h, accept * (EARLY / ACCEPT));
      if (!best || r.err < best.err) best = r;
      // a first step too large for how fast the function varies leaves the
      // tableau unconverged (cos(exp(t)) at t = 1.4): start again from a smaller one
      if (best.err <= accept * Math.max(best.value.maxAbs(), 1)) break;
      start = h / RESTART_SHRINK;
      // not down to where rounding dominates (a step already shrunk for a kink is kept)
      if (start < RESTART_FLOOR * h0) break;
    }
    const { value, err } = best!;
    const scale = value.maxAbs();
    ev.fdError = Math.max(ev.fdError, err / Math.max(scale, 1e-8));
    return value;
  };

  return {
    grad(f, name) {
      const x = ev.point.values.get(name)!;
      return holding(f, name, baseSignature(f), (base) => {
        const out = new Float64Array(x.size);
        for (let k = 0; k < x.size; k++) {
          reportProgress(() => `finite differences of ${name}: entry ${k + 1} of ${x.size} ...`);
          out[k] = partial(f, name, x, k, base).scalar();
        }
        return new Tensor(x.shape, out);
      });
    },

    jacobian(F, name) {
      const x = ev.point.values.get(name)!;
      const base = baseSignature(F);
      const fx = ev.evaluate(F);
      const m = fx.size;
      const n = x.size;
      const J = Tensor.zeros(m, n);
      for (let col = 0; col < n; col++) {
        // column `col` of vec(x) is entry (i, j) with col = j * rows + i
        const i = col % x.rows;
        const j = Math.floor(col / x.rows);
        const d = partial(F, name, x, i * x.cols + j, base);
        for (let row = 0; row < m; row++) {
          const ri = row % fx.rows;
          const rj = Math.floor(row / fx.rows);
          J.data[row * n + col] = d.data[ri * fx.cols + rj]!;
        }
      }
      return J;
    },

    hessian(f, name) {
      const x = ev.point.values.get(name)!;
      const base = baseSignature(f);
      const n = x.size;
      const H = Tensor.zeros(n, n);
      const vecIndex = (c: number): number => (c % x.rows) * x.cols + Math.floor(c / x.rows);
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          const ka = vecIndex(a);
          const kb = vecIndex(b);
          checkDeadline();
          const h0 = ev.fdStep * Math.max(1, Math.abs(x.data[ka]!), Math.abs(x.data[kb]!));
          const mixed: Stencil = (h) => {
            const pts: Tensor[] = [];
            for (const [sa, sb] of [
              [1, 1],
              [1, -1],
              [-1, 1],
              [-1, -1],
            ] as const) {
              const v = at(f, name, shifted(x, [
                [ka, sa * h],
                [kb, sb * h],
              ]), base);
              if (!v) return null;
              pts.push(v);
            }
            return combine(pts, [1, -1, -1, 1], 1 / (4 * h * h));
          };
          H.data[a * n + b] = ridders(mixed, h0).scalar();
        }
      }
      return H;
    },

    directional(F, name, v, opts) {
      const x = ev.point.values.get(name)!;
      const base = opts?.base ?? baseSignature(F);
      const vmax = v.maxAbs();
      if (vmax === 0) return ev.evaluate(F).map(() => 0);
      const h0 = (ev.fdStep * Math.max(1, x.maxAbs())) / vmax;
      const along: Stencil = (h) => {
        const p = at(F, name, axpy(x, v, h), base);
        const m = p && at(F, name, axpy(x, v, -h), base);
        return p && m ? combine([p, m], [1, -1], 1 / (2 * h)) : null;
      };
      const exact = opts?.degree === undefined ? null : exactOrder(along, h0, opts.degree);
      return exact ?? ridders(along, h0, opts?.accept);
    },
  };
}

/**
 * The derivative of a polynomial of known degree along the line, by the
 * Richardson extrapolation that is exact for that degree: a central
 * difference D(h) = (f(h) - f(-h)) / 2h is exact for degree <= 2, and one
 * Richardson step (4 D(h/2) - D(h)) / 3 for degree <= 4 (the h^2 term of the
 * error cancels, and the h^4 term needs a fifth derivative). Only rounding is
 * left, so no tableau or error estimate is needed. Null for a higher degree,
 * or where a stencil point has no finite value: the full tableau decides.
 */
function exactOrder(along: Stencil, h: number, degree: number): Tensor | null {
  if (degree > 4) return null;
  const d1 = along(h);
  if (!d1 || degree <= 2) return d1;
  const d2 = along(h / 2);
  return d2 ? combine([d2, d1], [4, -1], 1 / 3) : null;
}

/** Ridders' tableau: repeated Richardson extrapolation with shrinking steps (also used by the testing kit, src/testing/fd.ts, on user functions). */
export function extrapolate(stencil: Stencil, first: Tensor, h0: number, early = EARLY): { value: Tensor; err: number } {
  const a: Tensor[][] = [[first]];
  let best = first;
  let err = Infinity;
  let h = h0;
  for (let i = 1; i < NTAB; i++) {
    h /= CON;
    const next = stencil(h);
    if (!next) break;
    a.push([next]);
    let fac = CON2;
    for (let j = 1; j <= i; j++) {
      const prev = a[i]![j - 1]!;
      const above = a[i - 1]![j - 1]!;
      const t = combine([prev, above], [fac, -1], 1 / (fac - 1));
      a[i]!.push(t);
      fac *= CON2;
      const errt = Math.max(maxDiff(t, prev), maxDiff(t, above));
      if (errt <= err) {
        err = errt;
        best = t;
      }
    }
    // accurate far beyond the comparison tolerance: stop early (most functions
    // here are polynomials or smooth, and this is where the time goes)
    if (err <= early * Math.max(best.maxAbs(), 1)) break;
    if (maxDiff(a[i]![i]!, a[i - 1]![i - 1]!) >= SAFE * err) break;
  }
  return { value: best, err: Number.isFinite(err) ? err : best.maxAbs() };
}

function combine(ts: readonly Tensor[], coefs: readonly number[], scale: number): Tensor {
  const out = new Float64Array(ts[0]!.size);
  for (let t = 0; t < ts.length; t++) {
    const d = ts[t]!.data;
    const c = coefs[t]! * scale;
    for (let k = 0; k < out.length; k++) out[k] = out[k]! + c * d[k]!;
  }
  return new Tensor(ts[0]!.shape, out);
}

function axpy(x: Tensor, v: Tensor, s: number): Tensor {
  const out = new Float64Array(x.size);
  const vs = v.size === 1 ? null : v.data;
  for (let k = 0; k < out.length; k++) out[k] = x.data[k]! + s * (vs ? vs[k]! : v.data[0]!);
  return new Tensor(x.shape, out);
}

function maxDiff(a: Tensor, b: Tensor): number {
  let m = 0;
  for (let k = 0; k < a.size; k++) m = Math.max(m, Math.abs(a.data[k]! - b.data[k]!));
  return m;
}
