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
/** relative step of the one-sided differences (extrapolated once: error ~ h^2) */
const ONE_SIDED = 1e-5;

/** d/dx g at x. `eps`: the first relative step of the central differences. */
export function partial(g: (x: number) => number, x: number, eps: number): Partial {
  const s = Math.max(1, Math.abs(x));
  const f0 = g(x);
  const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const at = (h: number): number | null => {
    try {
      return fin(g(x + h));
    } catch {
      return null;
    }
  };
  // one-sided, each Richardson-extrapolated once: 2 D(h/2) - D(h)
  const h = ONE_SIDED * s;
  const fp = at(h);
  const fp2 = at(h / 2);
  const fm = at(-h);
  const fm2 = at(-h / 2);
  const fwd = fp !== null && fp2 !== null ? 2 * ((fp2 - f0) / (h / 2)) - (fp - f0) / h : null;
  const bwd = fm !== null && fm2 !== null ? 2 * ((f0 - fm2) / (h / 2)) - (f0 - fm) / h : null;
  if (fwd === null || bwd === null) {
    // the edge of the domain: what one side says
    const v = fwd ?? bwd;
    if (v === null) throw new Error(`the function is not finite next to ${x}`);
    return { value: v, err: Math.abs(v) * 1e-6, kink: null };
  }
  const scale = Math.max(1, Math.abs(fwd), Math.abs(bwd));
  if (Math.abs(fwd - bwd) > AGREE * scale + (1e-12 * Math.max(1, Math.abs(f0))) / h) {
    // a kink here: the plain one-sided quotients at a few steps bound the subgradients
    const qs = [fwd, bwd];
    for (const hh of [1e-3 * s, 1e-7 * s]) {
      const p = at(hh);
      const m = at(-hh);
      if (p !== null) qs.push((p - f0) / hh);
      if (m !== null) qs.push((f0 - m) / hh);
    }
    const lo = Math.min(...qs);
    const hi = Math.max(...qs);
    return { value: (lo + hi) / 2, err: 0, kink: { lo, hi } };
  }
  const central: Stencil = (step) => {
    const p = at(step);
    const m = p === null ? null : at(-step);
    return p === null || m === null ? null : Tensor.scalar((p - m) / (2 * step));
  };
  const oneSided = (fwd + bwd) / 2;
  // a first step that crosses a kink nearby leaves the tableau off the one-sided
  // value: start again from a smaller step, inside the smooth piece
  let best: Partial | null = null;
  for (let start = eps * s; start >= ONE_SIDED * s; start /= 100) {
    let step = start;
    let first = central(step);
    while (!first && step > ONE_SIDED * s) {
      step /= 4;
      first = central(step);
    }
    if (!first) break;
    const r = extrapolate(central, first, step);
    const v = r.value.data[0]!;
    const cand = { value: v, err: r.err, kink: null };
    if (!best || r.err < best.err) best = cand;
    if (Math.abs(v - oneSided) <= 1e-5 * scale) return cand;
  }
  return best ?? { value: oneSided, err: Math.abs(fwd - bwd), kink: null };
}
