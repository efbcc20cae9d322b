// The sampling loop every kind of claim shares (ordinary ones in claim.ts,
// those with random variables in statistical.ts): sizes and values for each
// draw, redraws of invalid points, the count of valid samples.

import { checkDeadline, reportProgress } from "../core/deadline.js";
import { DeriveError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import { InvalidSample, type Point } from "../numeric/evaluate.js";
import type { Random } from "../numeric/random.js";
import { drawScalar, drawSizes, drawValue } from "../numeric/sampler.js";
import type { Scope } from "../parse/scope.js";
import type { Prepared, SampleOutcome } from "./claim.js";

/** draws allowed per wanted sample before giving up with an error */
const DRAWS_PER_SAMPLE = 25;

export type Drawer = (name: string, sizes: ReadonlyMap<string, number>, variant: number) => Tensor;

/** What one sample came to: valid (with its relative error), to be redrawn (and why), or the end of the loop. */
export type Visit = { relError: number } | { redraw: string } | { outcome: SampleOutcome };

export interface Samples {
  valid: number;
  maxRel: number;
  sizesSeen: Set<number>;
}

/**
 * The sampling loop every kind of claim shares: sizes and values (of `vars`,
 * by `drawer`) for each draw, `visit` decides the point, an invalid point is
 * redrawn (up to DRAWS_PER_SAMPLE draws per wanted sample, then an error).
 * `budget.wanted` may be lowered by `visit` (Monte Carlo samples are costly).
 */
export function eachSample(
  p: Prepared,
  rng: Random,
  budget: { wanted: number },
  vars: readonly string[],
  drawer: Drawer,
  visit: (point: Point, draw: number, drawVar: (name: string) => Tensor) => Visit,
): SampleOutcome | Samples {
  const dimNames = [...p.resolver.dims];
  const maxDraws = budget.wanted * DRAWS_PER_SAMPLE;
  const seen: Samples = { valid: 0, maxRel: 0, sizesSeen: new Set() };
  let lastInvalid = "";
  for (let draw = 0; draw < maxDraws && seen.valid < budget.wanted; draw++) {
    checkDeadline();
    reportProgress(() => `sample ${seen.valid + 1} of ${budget.wanted} ...`);
    const sizes = drawSizes(dimNames, p.resolver.minDims, rng, seen.valid === 0);
    const drawVar = (name: string): Tensor => drawer(name, sizes, draw);
    const values = new Map<string, Tensor>();
    for (const v of vars) values.set(v, drawVar(v));
    try {
      const r = visit({ sizes, values }, draw, drawVar);
      if ("outcome" in r) return r.outcome;
      if ("redraw" in r) {
        if (r.redraw) lastInvalid = r.redraw;
        continue;
      }
      seen.valid++;
      seen.maxRel = Math.max(seen.maxRel, r.relError);
      for (const n of sizes.values()) seen.sizesSeen.add(n);
    } catch (e) {
      if (e instanceof InvalidSample) {
        lastInvalid = e.message;
        continue;
      }
      throw e;
    }
  }
  if (seen.valid < budget.wanted) {
    const why = lastInvalid ? ` (last reason: ${lastInvalid})` : "";
    throw new DeriveError("sample", `no valid sample could be drawn: ${seen.valid} of ${budget.wanted} after ${maxDraws} draws${why}`);
  }
  return seen;
}

/**
 * Draws a variable's value. Claims with inequalities draw every other sample
 * wide (see drawValue), so a bound that holds only for small values fails.
 */
export function drawVar0(scope: Scope, rng: Random, inequality: boolean): Drawer {
  return (name, sizes, variant) => {
    const wide = inequality && variant % 3 !== 0;
    const d = scope.decls.get(name);
    return d ? drawValue(d, sizes, rng, variant, wide) : drawScalar(rng, wide);
  };
}

