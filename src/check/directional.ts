// `grad(f, X) = R` with a large X (80 x 80: 6,400 entries), checked along
// directions. The finite-difference gradient of a scalar of an n x n matrix
// costs n^2 partial derivatives, each several evaluations of f, which for
// logdet is O(n^3): minutes per sample. Along a direction V the derivative is
// one Ridders-extrapolated central difference of s -> f(X + sV), and it must
// equal <R, V> = sum(R .* V) if R is the gradient. A few Gaussian directions
// per sample, fixed by the draw number (so the verdict does not depend on the
// seed beyond the sample itself), test that. A mismatch is never decided
// here: the point goes to the full finite-difference comparison, which
// refutes with the whole gradient in the counterexample, so this path can
// only make an agreement faster, never invent a refutation.
//
// What it accepts: <R - G, V> ~ N(0, |R - G|_F^2) for Gaussian V, so a wrong
// R passes only if |R - G|_F is within the relative tolerance of |<G, V>|
// (~ |G|_F) in every direction at every sample.

import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { hasDerivative } from "../symbolic/prove.js";
import { type Decision, type Prepared, type SampleOutcome, refutation } from "./claim.js";
import { decide } from "./relations.js";

/** a variable with more entries than this is checked along directions */
export const DIRECTIONAL_ABOVE = 400;
/** directions per sample */
const DIRECTIONS = 4;

export interface GradientClaim {
  /** which side is `grad(f, X)` */
  readonly side: 0 | 1;
  readonly f: TNode;
  readonly x: string;
}

/** `grad(f, X) = R` (either way round, R free of derivatives), or null. */
export function gradientClaim(p: Prepared): GradientClaim | null {
  if (p.claim.relations.length !== 1 || p.claim.relations[0] !== "=" || p.approx) return null;
  for (const side of [0, 1] as const) {
    const g = p.sides[side]!;
    const other = p.sides[1 - side]!;
    if (g.op === "grad" && g.args[1]!.op === "sym" && !hasDerivative(g.args[0]!) && !hasDerivative(other)) {
      return { side, f: g.args[0]!, x: g.args[1]!.name! };
    }
  }
  return null;
}

/** A direction where the two sides disagree, confirmed with a second finite-difference step. */
export interface Disagreement {
  readonly holds: false;
  /** d/ds f(X + sV) at s = 0 */
  readonly along: number;
  /** sum(R .* V) */
  readonly inner: number;
  /** sum(R' .* V), for the layout hint (NaN when R is not square) */
  readonly innerT: number;
}

/**
 * The claim decided along DIRECTIONS directions at this point: a holding
 * Decision (with no values: nothing to cross-check or print), a confirmed
 * Disagreement, "invalid" for a point to redraw, or null where the full
 * comparison must decide (X small here, or finite differences that do not
 * settle).
 */
export function decideAlongDirections(p: Prepared, g: GradientClaim, point: Point, draw: number): Decision | Disagreement | "invalid" | null {
  const x = point.values.get(g.x);
  if (!x || x.size <= DIRECTIONAL_ABOVE) return null;
  const ev = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
  try {
    const r = ev.evaluate(p.sides[1 - g.side]!);
    if (!r.allFinite() || r.size !== x.size) return null;
    const rng = new Random(0x5eed + draw);
    let relError = 0;
    for (let d = 0; d < DIRECTIONS; d++) {
      const v = new Float64Array(x.size);
      for (let k = 0; k < v.length; k++) v[k] = rng.normal();
      const dir = new Tensor(x.shape, v);
      const along = ev.fd.directional(g.f, g.x, dir);
      if (!along.allFinite()) return "invalid";
      const inner = Tensor.scalar(dot(r.data, v));
      const o = decide("=", along, inner, null);
      if (o.holds) {
        relError = Math.max(relError, o.relError);
        continue;
      }
      // a failure must survive another finite-difference step, as in claim.ts
      const ev2 = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
      ev2.fdStep = 0.03;
      const again = ev2.fd.directional(g.f, g.x, dir);
      if (!again.allFinite() || decide("=", again, inner, null).holds || !decide("=", again, along, null).holds) return null;
      return { holds: false, along: again.scalar(), inner: inner.scalar(), innerT: x.rows === x.cols ? dot(transposed(r).data, v) : NaN };
    }
    return { holds: true, relError, values: [], failedAt: -1 };
  } catch (e) {
    if (e instanceof InvalidSample) return "invalid";
    throw e;
  }
}

/** The refutation of a confirmed disagreement: the point, both numbers, and what they are. */
export function refutedAlong(p: Prepared, g: GradientClaim, point: Point, d: Disagreement): SampleOutcome {
  const sides = g.side === 0 ? [d.along, d.inner] : [d.inner, d.along];
  const out = refutation(p, point, { holds: false, relError: Infinity, values: sides.map(Tensor.scalar), failedAt: 0 });
  const c = out.counterexample!;
  const slip = Number.isFinite(d.innerT) && decide("=", Tensor.scalar(d.along), Tensor.scalar(d.innerT), null).holds;
  const hint = slip ? "the transpose of the right side matches along the direction: a layout slip?" : null;
  const note = `${g.x} has ${point.values.get(g.x)!.size} entries, so the sides were compared along a random direction V (normal entries): lhs and rhs are d/ds f(${g.x} + sV) at s = 0 and sum(R .* V)`;
  return {
    ...out,
    counterexample: { ...c, hint: hint ?? c.hint, notes: [note, ...c.notes] },
    detail: `${out.detail}; ${note}${hint ? ` (${hint})` : ""}`,
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

function transposed(t: Tensor): Tensor {
  const out = new Float64Array(t.size);
  for (let i = 0; i < t.rows; i++) for (let j = 0; j < t.cols; j++) out[j * t.rows + i] = t.data[i * t.cols + j]!;
  return new Tensor([t.cols, t.rows], out);
}
