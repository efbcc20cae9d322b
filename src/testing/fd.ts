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

/**
 * d/dx g at x, from four values g(x ± h), g(x ± h/2) with h = eps * max(1, |x|)
 * and g(x) = f0 (computed once per point by the caller):
 * - one-sided quotients on each side, each extrapolated once (error ~ h^2):
 *   when they disagree, x sits on a kink (or within h of one), and every value
 *   between the one-sided quotients is a valid subgradient;
 * - else the central differences C(h), C(h/2) extrapolated, (4 C(h/2) - C(h)) / 3
 *   (error ~ h^4); when the extrapolation's correction is not small, the step is
 *   too large for how fast g varies, and Ridders' tableau (numeric/fd.ts) decides.
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
  const h = eps * s;
  const fp = at(h);
  const fp2 = at(h / 2);
  const fm = at(-h);
  const fm2 = at(-h / 2);
  const fwd = fp !== null && fp2 !== null ? (4 * (fp2 - f0) - (fp - f0)) / h : null;
  const bwd = fm !== null && fm2 !== null ? (4 * (f0 - fm2) - (f0 - fm)) / h : null;
  if (fwd === null || bwd === null) {
    // the edge of the domain: what one side says
    const v = fwd ?? bwd;
    if (v === null) throw new Error(`the function is not finite next to ${x}`);
    return { value: v, err: Math.abs(v) * 1e-6, kink: null };
  }
  const scale = Math.max(1, Math.abs(fwd), Math.abs(bwd));
  // rounding in the quotients: a few ulps of f over the step
  const noise = (1e-13 * Math.max(1, Math.abs(f0))) / h;
  if (Math.abs(fwd - bwd) > AGREE * scale + noise) {
    // a kink here: the one-sided quotients (plain and extrapolated) bound the subgradients
    const qs = [fwd, bwd, (fp! - f0) / h, (fp2! - f0) / (h / 2), (f0 - fm!) / h, (f0 - fm2!) / (h / 2)];
    const lo = Math.min(...qs);
    const hi = Math.max(...qs);
    return { value: (lo + hi) / 2, err: 0, kink: { lo, hi } };
  }
  const c1 = (fp! - fm!) / (2 * h);
  const c2 = (fp2! - fm2!) / h;
  const quick = (4 * c2 - c1) / 3;
  const correction = Math.abs(quick - c2);
  if (correction <= AGREE * scale) return { value: quick, err: correction + noise, kink: null };
  return ridders(at, x, s, quick, scale);
}

/** Ridders' tableau from a larger step, restarted smaller while it disagrees with the quick estimate. */
function ridders(at: (h: number) => number | null, x: number, s: number, quick: number, scale: number): Partial {
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
