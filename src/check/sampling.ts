// The sampling loop every kind of claim shares (ordinary ones in claim.ts,
// those with random variables in statistical.ts): sizes and values for each
// draw, redraws of invalid points, the count of valid samples.

import { checkDeadline, reportProgress } from "../core/deadline.js";
import { DeriveError } from "../core/errors.js";
import { isScalar } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Property, TNode } from "../core/typed.js";
import { evaluationCost } from "../numeric/cost.js";
import { InvalidSample, type Point } from "../numeric/evaluate.js";
import type { Random } from "../numeric/random.js";
import { drawScalar, drawValue } from "../numeric/sampler.js";
import { type Sign, signAt, signPatterns, withSign } from "../numeric/signs.js";
import { SAMPLE_BUDGET, SizePlan } from "../numeric/sizes.js";
import type { Scope } from "../parse/scope.js";
import type { Prepared, SampleOutcome } from "./claim.js";
import { missingDeclaration } from "./domain.js";
import type { DomainProbe } from "./domain-probe.js";

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

/** Dimension names that occur as values in the claim (`n <= 5`, `sum(ones(n))`, `x' * x / n`). */
export function valueDims(sides: readonly TNode[]): string[] {
  const out = new Set<string>();
  const visit = (n: TNode): void => {
    if (n.op === "dimval") out.add(n.name!);
    n.args.forEach(visit);
  };
  sides.forEach(visit);
  return [...out];
}

/**
 * The sizes of a claim's draws (numeric/sizes.ts): large ones as far as the
 * estimated cost of the sides allows, and a sweep of the dimensions used as
 * values (long for inequalities, where a bound may hold only up to some n).
 * `smallOnly`: sizes 2..5 (claims with random variables, whose Monte Carlo
 * estimates multiply the cost).
 */
export function sizePlan(p: Prepared, opts: { inequality?: boolean; smallOnly?: boolean } = {}): SizePlan {
  return new SizePlan({
    names: [...p.resolver.dims],
    minDims: p.resolver.minDims,
    valueDims: valueDims(p.sides),
    sweep: opts.inequality ? "wide" : "short",
    smallOnly: opts.smallOnly,
    fits: (sizes) => evaluationCost(p.sides, sizes) <= SAMPLE_BUDGET,
  });
}

/**
 * The sampling loop every kind of claim shares: sizes (by `plan`) and values
 * (of `vars`, by `drawer`) for each draw, `visit` decides the point, an
 * invalid point is redrawn (up to DRAWS_PER_SAMPLE draws per wanted sample,
 * then an error). The sweep of dimensions used as values comes on top of
 * `budget.wanted`, which `visit` may lower (Monte Carlo samples are costly)
 * or raise (a claim with kinks).
 */
export function eachSample(
  p: Prepared,
  rng: Random,
  budget: { wanted: number },
  vars: readonly string[],
  drawer: Drawer,
  visit: (point: Point, draw: number, drawVar: (name: string) => Tensor) => Visit,
  plan: SizePlan = sizePlan(p, { smallOnly: true }),
  probe?: DomainProbe,
): SampleOutcome | Samples {
  // whether any valid sample exists is decided by draws that do not depend on the seed
  // (domain-probe.ts): a lucky draw must not turn "no valid sample" into a verdict
  if (probe && !probe.hasValid()) throw new DeriveError("sample", `${probe.noValidSample()}; ${missingDeclaration(probe.trees, p.resolver.scope)}`);
  const maxDraws = (): number => budget.wanted * DRAWS_PER_SAMPLE + plan.sweepLength;
  const seen: Samples = { valid: 0, maxRel: 0, sizesSeen: new Set() };
  let lastInvalid = "";
  /** one point: null to go on, or the outcome that ends the loop */
  const at = (point: Point, draw: number, drawVar: (name: string) => Tensor): SampleOutcome | null => {
    try {
      const r = visit(point, draw, drawVar);
      if ("outcome" in r) return r.outcome;
      if ("redraw" in r) {
        if (r.redraw) lastInvalid = r.redraw;
        return null;
      }
      seen.valid++;
      seen.maxRel = Math.max(seen.maxRel, r.relError);
      for (const n of point.sizes.values()) seen.sizesSeen.add(n);
    } catch (e) {
      if (!(e instanceof InvalidSample)) throw e;
      lastInvalid = e.message;
    }
    return null;
  };
  let draw = 0;
  for (; draw < maxDraws() && seen.valid < budget.wanted + plan.sweepLength; draw++) {
    checkDeadline();
    reportProgress(() => `sample ${seen.valid + 1} of ${budget.wanted} ...`);
    const sizes = plan.sizes(draw, rng, seen.valid === 0);
    const drawVar = (name: string): Tensor => drawer(name, sizes, draw);
    const values = new Map<string, Tensor>();
    for (const v of vars) values.set(v, drawVar(v));
    const done = at({ sizes, values }, draw, drawVar);
    if (done) return done;
  }
  // the seeded draws came out short where valid points are rare: the probe's (the same
  // under every seed) fill in, and the samples found are enough
  if (probe && seen.valid < budget.wanted) {
    for (let point = probe.next(); point && seen.valid < budget.wanted; point = probe.next(), draw++) {
      checkDeadline();
      const sizes = point.sizes;
      const d = draw;
      const done = at({ sizes, values: new Map(point.values) }, d, (name) => drawer(name, sizes, d));
      if (done) return done;
    }
    if (seen.valid > 0) return seen;
  }
  if (seen.valid < budget.wanted) {
    const why = lastInvalid ? ` (last reason: ${lastInvalid})` : "";
    throw new DeriveError("sample", `no valid sample could be drawn: ${seen.valid} of ${budget.wanted} after ${draw} draws${why}`);
  }
  return seen;
}

/** Properties that leave a scalar's sign free (a 1 x 1 symmetric or diagonal matrix is any number). */
const SIGN_FREE: readonly Property[] = ["symmetric", "diagonal", "invertible"];

/**
 * The scalars whose sign the sampler chooses by the fixed scheme of
 * numeric/signs.ts: undeclared names, and declared scalars with no interval,
 * law or property that fixes a sign. `zeroOk`: 0 is allowed (not `invertible`).
 */
export function freeScalars(scope: Scope, vars: readonly string[]): { names: string[]; patterns: Sign[][] } {
  const names: string[] = [];
  const zeroOk: boolean[] = [];
  for (const v of vars) {
    const d = scope.decls.get(v);
    if (d && (!isScalar(d.shape) || d.interval || d.distribution || !d.properties.every((q) => SIGN_FREE.includes(q)))) continue;
    names.push(v);
    zeroOk.push(!d?.properties.includes("invertible"));
  }
  return { names, patterns: signPatterns(zeroOk) };
}

/**
 * Draws a variable's value. Claims with inequalities draw two samples in
 * three wide (see drawValue), so a bound that holds only for small values
 * fails. `signs`: the free scalars take the signs of the scheme on draw
 * `variant` (numeric/signs.ts), so a claim false for every negative g is
 * refuted whatever the seed.
 */
export function drawVar0(scope: Scope, rng: Random, inequality: boolean, signs?: { names: string[]; patterns: Sign[][] }): Drawer {
  return (name, sizes, variant) => {
    const wide = inequality && variant % 3 !== 0;
    const d = scope.decls.get(name);
    const v = d ? drawValue(d, sizes, rng, variant, wide) : drawScalar(rng, wide);
    const i = signs ? signs.names.indexOf(name) : -1;
    const s = i >= 0 ? signAt(signs!.patterns, variant, i) : null;
    return s === null ? v : Tensor.scalar(withSign(v.scalar(), s));
  };
}

