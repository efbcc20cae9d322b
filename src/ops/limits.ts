// Numeric limits along a sequence, for `lim(f, t, inf)`, `lim(f, t, -inf)`,
// `lim(f, t, a)` and the one-sided `lim(f, t, a, +1)` / `lim(f, t, a, -1)`
// (src/ops/lim.ts), and for the small-parameter `≈ ... as eps -> 0` check
// (src/check/asymptotic.ts).
//
// The variable runs through t_k = 10^(k/4) (k = 0..48, so 1 .. 1e12) towards
// ±inf, or a ± 10^(-k/4)·max(1, |a|) (k = 4..44) towards a finite point a.
// The limit is accepted when a window of 5 consecutive values (one decade)
// is calm (spread at most 1e-7 of their size, + 1e-9), and every later value
// stays within 1e-3 of it (float64 rounding grows at the far end:
// (1 + 1/t)^t at t = 1e12 is off by 1e-4, but a drift beyond that is no
// limit). Otherwise the limit "does not exist" as far as float64 can tell:
// an error naming the values, never a number. A function that drifts only
// beyond t = 1e12 (or below 1e-11) cannot be seen; docs/language.md says so.

import { Tensor } from "../core/tensor.js";

export const WINDOW = 5;
const CALM = 1e-7;
const FLOOR = 1e-9;
const DRIFT = 1e-3;

/** The points of the sequence towards the target. */
export function sequence(target: number, side: 1 | -1 | 0): number[] {
  const out: number[] = [];
  if (!Number.isFinite(target)) {
    for (let k = 0; k <= 48; k++) out.push(Math.sign(target) * 10 ** (k / 4));
    return out;
  }
  const scale = Math.max(1, Math.abs(target));
  for (let k = 4; k <= 44; k++) out.push(target + (side === -1 ? -1 : 1) * 10 ** (-k / 4) * scale);
  return out;
}

export type LimitResult =
  | { ok: true; value: Tensor; at: number }
  | { ok: false; why: string; trail: string };

/**
 * The limit of `f` along the points (f may return null where it is not
 * defined: a non-finite value or an invalid sample).
 */
export function limitAlong(points: readonly number[], f: (t: number) => Tensor | null): LimitResult {
  const values = points.map((t) => {
    const v = f(t);
    return v && v.allFinite() ? v : null;
  });
  const trail = showTrail(points, values);
  for (let k = 0; k + WINDOW <= values.length; k++) {
    const win = values.slice(k, k + WINDOW);
    if (win.some((v) => v === null)) continue;
    const ws = win as Tensor[];
    const scale = Math.max(...ws.map((v) => v.maxAbs()));
    if (spread(ws) > CALM * scale + FLOOR) continue;
    const est = ws[WINDOW - 1]!;
    for (let j = k + WINDOW; j < values.length; j++) {
      const v = values[j];
      if (v === null || v === undefined) return { ok: false, why: `settles near ${showT(est)} at ${showPoint(points[k]!)} but is not finite at ${showPoint(points[j]!)}`, trail };
      if (dist(v, est) > DRIFT * Math.max(scale, 1e-6)) return { ok: false, why: `settles near ${showT(est)} at ${showPoint(points[k]!)} but moves to ${showT(v)} at ${showPoint(points[j]!)}`, trail };
    }
    return { ok: true, value: est, at: points[k + WINDOW - 1]! };
  }
  const last = values.filter((v): v is Tensor => v !== null);
  const why = last.length === 0 ? "is not finite anywhere along the sequence" : "does not settle (it oscillates or diverges)";
  return { ok: false, why, trail };
}

function dist(a: Tensor, b: Tensor): number {
  let d = 0;
  for (let i = 0; i < a.size; i++) d = Math.max(d, Math.abs(a.data[i]! - b.data[i]!));
  return d;
}

function spread(ws: readonly Tensor[]): number {
  let d = 0;
  for (const v of ws) d = Math.max(d, dist(v, ws[0]!));
  return d;
}

const showPoint = (t: number): string => (Math.abs(t) >= 1e4 || (t !== 0 && Math.abs(t) < 1e-3) ? t.toExponential(1) : String(Number(t.toPrecision(4))));
const showT = (v: Tensor): string => (v.size === 1 ? String(Number(v.data[0]!.toPrecision(6))) : `[${[...v.data.slice(0, 3)].map((x) => Number(x.toPrecision(4))).join(", ")}${v.size > 3 ? ", ..." : ""}]`);

/** A few points of the sequence with their values, for messages: "t = 1: 0.73, t = 10: 0.99995, ...". */
export function showTrail(points: readonly number[], values: readonly (Tensor | null)[]): string {
  const picks = [0, 4, 8, 12, 16, 24, 32, 40, 48].filter((k) => k < points.length);
  return picks.map((k) => `${showPoint(points[k]!)}: ${values[k] ? showT(values[k]!) : "not finite"}`).join(", ");
}
