// One partial derivative of a user's function, which the kit sees only as a
// black box g(x) (the loss with one entry set to x): central differences
// refined by the checker's Ridders tableau (numeric/fd.ts) in float64, and
// kink-aware without the evaluator's sign signatures: one-sided differences
// on both sides that disagree mean a kink at (or within a hair of) the point,
// and then every value between them is a valid subgradient.

import { Tensor } from "../core/tensor.js";
import { extrapolate, type Stencil } from "../numeric/fd.js";

export interface Partial {
  /** the derivative (at a kink: the midpoint of the one-sided values) */
  value: number;
  /** the tableau's error estimate */
  err: number;
  /** at a kink: the interval of one-sided difference quotients */
  kink: { lo: number; hi: number } | null;
}

/** one-sided quotients closer than this (relative) are one derivative */
const AGREE = 1e-6;
/** the first Ridders step (relative) when the quick estimate is not trusted */
const RIDDERS_STEP = 1e-2;

/** The four values at x ± h, x ± h/2 and what they say. */
interface Level {
  h: number;
  /** one-sided quotients, each extrapolated once (error ~ h^2 on a piece where g is smooth) */
  fwd: number;
  bwd: number;
  /** plain one-sided quotients at h and h/2, both sides (bounds of the subgradients at a kink) */
  plain: number[];
  /** (4 C(h/2) - C(h)) / 3 from central differences C: error ~ h^4 where g is smooth around x */
  quick: number;
  /** its correction over C(h/2): large when g varies fast at the scale of h, or f'' jumps at x */
  corr: number;
  /** (fwd + bwd) / 2 = 2 C(h/2) - C(h): error ~ h^2 even where only g' is continuous (relu^2, x|x|) */
  avg: number;
  /** the one-sided quotients agree: no kink within h */
  agree: boolean;
  scale: number;
}

function level(at: (h: number) => number | null, f0: number, h: number): Level | null {
  const fp = at(h);
  const fp2 = at(h / 2);
  const fm = at(-h);
  const fm2 = at(-h / 2);
  if (fp === null || fp2 === null || fm === null || fm2 === null) return null;
  const fwd = (4 * (fp2 - f0) - (fp - f0)) / h;
  const bwd = (4 * (f0 - fm2) - (f0 - fm)) / h;
  const scale = Math.max(1, Math.abs(fwd), Math.abs(bwd));
  // rounding in the quotients: a few ulps of f over the step
  const noise = (1e-13 * Math.max(1, Math.abs(f0))) / h;
  const c1 = (fp - fm) / (2 * h);
  const c2 = (fp2 - fm2) / h;
  const quick = (4 * c2 - c1) / 3;
  return {
    h,
    fwd,
    bwd,
    plain: [(fp - f0) / h, (fp2 - f0) / (h / 2), (f0 - fm) / h, (f0 - fm2) / (h / 2)],
    quick,
    corr: Math.abs(quick - c2),
    avg: (fwd + bwd) / 2,
    agree: Math.abs(fwd - bwd) <= AGREE * scale + noise,
    scale,
  };
}

/** step ratio between the two levels */
const REFINE = 100;

/**
 * d/dx g at x, where g(x) = f0 (computed once per point by the caller). First
 * from four values at x ± h, x ± h/2, h = eps * max(1, |x|) (most smooth
 * functions end here); when those are not conclusive, four more at a step
 * REFINE times smaller decide:
 * - one-sided quotients that disagree at both steps, by about as much, are a
 *   kink at x (or nearer than the small step): every value between the
 *   one-sided quotients is a valid subgradient;
 * - one-sided quotients that agree, with a large correction of the
 *   extrapolated central difference: either g varies fast at the scale of h
 *   (then `quick` converges between the two steps) or g'' jumps at x (relu^2,
 *   x|x|, Huber at its switch point: then `avg` converges and `quick` is off
 *   by O(h)); the estimate that changed less between the steps is taken;
 * - otherwise Ridders' tableau (numeric/fd.ts) decides.
 */
export function partial(g: (x: number) => number, x: number, f0: number, eps: number): Partial {
  const s = Math.max(1, Math.abs(x));
  const at = (h: number): number | null => {
    try {
      const v = g(x + h);
      return Number.isFinite(v) ? v : null;
    } catch {
      return null;
    }
  };
  const l1 = level(at, f0, eps * s);
  if (!l1) return edge(at, f0, eps * s, x);
  if (l1.agree && l1.corr <= AGREE * l1.scale) return { value: l1.quick, err: l1.corr, kink: null };
  const l2 = level(at, f0, (eps * s) / REFINE);
  if (!l2) return l1.agree ? { value: l1.avg, err: Math.abs(l1.fwd - l1.bwd) + l1.corr, kink: null } : kinkOf(l1);
  if (l1.agree && l2.agree) {
    const dq = Math.abs(l2.quick - l1.quick);
    const da = Math.abs(l2.avg - l1.avg);
    return da < dq ? { value: l2.avg, err: da + Math.abs(l2.fwd - l2.bwd), kink: null } : { value: l2.quick, err: dq + l2.corr, kink: null };
  }
  if (l2.agree) {
    // the kink (or the fast variation) was farther than the small step
    return l2.corr <= AGREE * l2.scale ? { value: l2.quick, err: l2.corr, kink: null } : { value: l2.avg, err: Math.abs(l2.fwd - l2.bwd) + l2.corr, kink: null };
  }
  if (!l1.agree && Math.abs(l2.fwd - l2.bwd) >= 0.1 * Math.abs(l1.fwd - l1.bwd)) return kinkOf(l2);
  return ridders(at, s, l2.quick, l2.scale);
}

/** A kink: the one-sided quotients (plain and extrapolated) bound the subgradients. */
function kinkOf(l: Level): Partial {
  const qs = [l.fwd, l.bwd, ...l.plain];
  const lo = Math.min(...qs);
  const hi = Math.max(...qs);
  return { value: (lo + hi) / 2, err: 0, kink: { lo, hi } };
}

/** The edge of the domain (one side undefined): what the defined side says, extrapolated once. */
function edge(at: (h: number) => number | null, f0: number, h: number, x: number): Partial {
  const side = (sg: number): number | null => {
    const a = at(sg * h);
    const b = at((sg * h) / 2);
    return a === null || b === null ? null : (4 * (b - f0) - (a - f0)) / (sg * h);
  };
  const v = side(1) ?? side(-1);
  if (v === null) throw new Error(`the function is not finite next to ${x}`);
  return { value: v, err: Math.abs(v) * 1e-6, kink: null };
}

/** Ridders' tableau from a larger step, restarted smaller while it disagrees with the quick estimate. */
function ridders(at: (h: number) => number | null, s: number, quick: number, scale: number): Partial {
  const central: Stencil = (step) => {
    const p = at(step);
    const m = p === null ? null : at(-step);
    return p === null || m === null ? null : Tensor.scalar((p - m) / (2 * step));
  };
  let best: Partial | null = null;
  for (let start = RIDDERS_STEP * s; start >= 1e-6 * s; start /= 100) {
    let step = start;
    let first = central(step);
    while (!first && step > 1e-6 * s) {
      step /= 4;
      first = central(step);
    }
    if (!first) break;
    const r = extrapolate(central, first, step);
    const cand = { value: r.value.data[0]!, err: r.err, kink: null };
    if (!best || r.err < best.err) best = cand;
    // a first step that crosses a kink nearby leaves the tableau off the quick value: start smaller
    if (Math.abs(cand.value - quick) <= 1e-4 * scale) return cand;
  }
  return best ?? { value: quick, err: Math.abs(quick) * 1e-4, kink: null };
}
