// The test that decides a claim from Monte Carlo estimates (docs/language.md,
// "Monte Carlo"). It sees, for every entry of lhs - rhs, the estimate d and
// its jackknife standard error se, and answers on all draws so far:
// refuted, verified, "gray" (an error: a difference is shown, but it is below
// the resolution) or open (draw more). statistical.ts draws in rounds until the
// answer is not open, up to a bound on the draws, then reports an open answer
// as an "inconclusive" error.
//
// Why these rules: a verdict must not depend on the seed. Every threshold is a
// fixed fraction of the values (never a multiple of SE alone, which shrinks
// with the draws and would move the boundary from seed to seed), and every
// answer needs a confidence interval that lies on one side of each threshold:
// shown at 4 SE for an acceptance, 6 SE for a difference (many looks, one
// verdict). A claim whose true relative difference is not near a threshold
// then gets the same answer whatever the seed; near one it keeps drawing, and
// at the bound it is an error, never a pass.
//
// For `=` (relative to the scale of the values, s = se / scale, r = |d| / scale):
//   refuted   r - 6 s > RESOLUTION            (differs by more than 1%, shown)
//   verified  r + 4 s <= RESOLUTION and r - 4 s <= FLOOR   (within 1%, and no
//             difference beyond the 0.01% floor is shown)
//   gray      r + 4 s <= RESOLUTION and r - 6 s > FLOOR    (a difference is shown,
//             but it is below 1%: an approximation written as =)
// For `≈ v ± tol`: verified |d| + 4 se <= tol; refuted |d| - 6 se > tol.
// For a < b (e = a - b; b - a for >): verified e + 4 se < 0; refuted
// e - 6 se > 0 and e > FLOOR x scale.
// d is the jackknife's bias-corrected estimate (the O(1/N) bias of a smooth
// function of estimates, E(x)^2 or Var with 1/N, is removed); FLOOR keeps what
// is left of it, and float rounding, from reading as a difference.

/** the relative resolution of Monte Carlo for `=`: differences beyond it are refuted */
export const RESOLUTION = 0.01;
/** differences below this fraction of the values are not counted (estimator bias) */
export const FLOOR = 1e-4;
/** an acceptance (within a bound, on the right side) is shown by this many SE */
export const SHOW_SE = 4;
/** a difference (refutation, gray) is shown by this many SE */
export const DIFFER_SE = 6;

export interface Entry {
  /** lhs - rhs (one entry) */
  d: number;
  se: number;
}

export type Relation = "=" | "≈" | "<" | "<=" | ">" | ">=";

export type Answer =
  | { kind: "refuted"; at: number }
  | { kind: "verified"; at: number; bound: number }
  | { kind: "gray"; at: number }
  | { kind: "open"; at: number };

/**
 * Decides on all draws so far. `scale` is the size of the values (for `=`
 * and the inequalities' floor); `tol(k)` the tolerance of entry k for `≈`.
 * `at` names the entry that decided (for open: the least decided one).
 */
export function judge(relation: Relation, entries: readonly Entry[], scale: number, tol: (k: number) => number = () => 0): Answer {
  if (relation === "≈") return judgeNear(entries, tol);
  if (relation === "=") return judgeEqual(entries, scale);
  return judgeOrder(relation, entries, scale);
}

function judgeEqual(entries: readonly Entry[], scale: number): Answer {
  const R = RESOLUTION * scale;
  const F = FLOOR * scale;
  let within = true;
  let gray = -1;
  let quiet = true;
  // the entry with the largest upper bound, reported as the bound (or as the open one)
  let worst = 0;
  let bound = -Infinity;
  for (let k = 0; k < entries.length; k++) {
    const { d, se } = entries[k]!;
    const r = Math.abs(d);
    if (r - DIFFER_SE * se > R) return { kind: "refuted", at: k };
    const upper = r + SHOW_SE * se;
    if (upper > bound) [bound, worst] = [upper, k];
    if (!(upper <= R)) within = false;
    if (r - DIFFER_SE * se > F && gray < 0) gray = k;
    if (!(r - SHOW_SE * se <= F)) quiet = false;
  }
  if (within && gray >= 0) return { kind: "gray", at: gray };
  if (within && quiet) return { kind: "verified", at: worst, bound };
  return { kind: "open", at: gray >= 0 ? gray : worst };
}

function judgeNear(entries: readonly Entry[], tol: (k: number) => number): Answer {
  let ok = true;
  let worst = 0;
  let margin = -Infinity;
  for (let k = 0; k < entries.length; k++) {
    const { d, se } = entries[k]!;
    if (Math.abs(d) - DIFFER_SE * se > tol(k)) return { kind: "refuted", at: k };
    const m = Math.abs(d) + SHOW_SE * se - tol(k);
    if (!(m <= 0)) ok = false;
    if (m > margin) [margin, worst] = [m, k];
  }
  return ok ? { kind: "verified", at: worst, bound: tol(worst) } : { kind: "open", at: worst };
}

function judgeOrder(relation: Relation, entries: readonly Entry[], scale: number): Answer {
  // a < b is decided on e = a - b, a > b on e = b - a: the relation holds when e < 0
  const sign = relation === "<" || relation === "<=" ? 1 : -1;
  let ok = true;
  let worst = 0;
  let margin = -Infinity;
  for (let k = 0; k < entries.length; k++) {
    const e = sign * entries[k]!.d;
    const se = entries[k]!.se;
    if (e - DIFFER_SE * se > 0 && e > FLOOR * scale) return { kind: "refuted", at: k };
    const m = e + SHOW_SE * se;
    if (!(m < 0)) ok = false;
    if (m > margin) [margin, worst] = [m, k];
  }
  // bound: the smallest margin by which the relation holds beyond 4 SE
  return ok ? { kind: "verified", at: worst, bound: -margin } : { kind: "open", at: worst };
}
