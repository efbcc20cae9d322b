// Whether a function has valid samples on its declared domain, decided the
// same way under every seed. `sum(log(X))` with a general X: n x n is defined
// only where all n^2 entries are positive; a check drawing with the user's
// seed found such an X now and then (1 in 2^9 at 3 x 3, 1 in 2 at 1 x 1), so
// `derive grad` printed "checked" under some seeds and "not numerically
// checked" under the others. Here the question "is there a valid sample?" is
// asked of a fixed stream of draws (PROBE_SEED), at the sizes the first sample
// of every check uses (>= 3): the answer is a function of the expression and
// its declarations alone. Its valid points also top up a check whose own
// seeded draws came out short, so a domain that the probe found valid never
// ends as "no valid sample" under an unlucky seed.
//
// Only the function itself is evaluated (a derivative node stands for the
// function it differentiates): a probe costs one evaluation where every draw
// is valid, and at most PROBE_DRAWS where none is.

import { DeriveError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { drawSizes } from "../numeric/sampler.js";
import type { Sign } from "../numeric/signs.js";
import type { Scope } from "../parse/scope.js";
import { drawVar0 } from "./sampling.js";

/** the seed of the probe's draws: fixed, whatever the user's seed */
export const PROBE_SEED = 0xd0a1;
/** draws of the probe: a domain with no valid point among them has "no valid sample" */
export const PROBE_DRAWS = 64;

const DERIVATIVES = new Set(["grad", "jacobian", "hessian", "diff"]);

/** The trees whose values decide whether a point is in the domain: derivatives replaced by their functions. */
export function primalTrees(sides: readonly TNode[]): TNode[] {
  const out: TNode[] = [];
  const visit = (t: TNode): void => {
    if (!hasDerivative(t)) out.push(t);
    else if (DERIVATIVES.has(t.op)) visit(t.args[0]!);
    else t.args.forEach(visit);
  };
  sides.forEach(visit);
  return out;
}

function hasDerivative(t: TNode): boolean {
  return DERIVATIVES.has(t.op) || t.args.some(hasDerivative);
}

export interface ProbeInput {
  readonly scope: Scope;
  /** the variables to draw */
  readonly vars: readonly string[];
  /** dimension names and their minimum sizes */
  readonly dims: readonly string[];
  readonly minDims: ReadonlyMap<string, number>;
  /** the trees that must be finite at a valid point (see primalTrees) */
  readonly trees: readonly TNode[];
  /** the free scalars and their fixed sign patterns (sampling.ts freeScalars) */
  readonly signs?: { names: string[]; patterns: Sign[][] };
}

/**
 * The fixed stream of probe draws. `decided()` is false when the evaluation
 * failed for another reason than the domain (the check itself then reports
 * it, as before); `hasValid()` says whether a valid point exists among the
 * PROBE_DRAWS draws; `next()` gives the valid points in order, then null.
 */
export class DomainProbe {
  private readonly rng = new Random(PROBE_SEED);
  private readonly drawer;
  private draw = 0;
  private readonly found: Point[] = [];
  private taken = 0;
  /** an evaluation error other than a point outside the domain: the probe says nothing */
  private undecided = false;
  /** why the last invalid draw was invalid, where the evaluation said (eigvalsh of a non-symmetric matrix) */
  private lastReason = "";

  constructor(private readonly input: ProbeInput) {
    this.drawer = drawVar0(input.scope, this.rng, false, input.signs);
  }

  /** the trees a valid point makes finite */
  get trees(): readonly TNode[] {
    return this.input.trees;
  }

  /** Whether some draw of the fixed stream is valid (true also when the probe cannot tell). */
  hasValid(): boolean {
    return this.found.length > 0 || this.advance() !== null || this.undecided;
  }

  /** The next valid point of the fixed stream not given out yet, or null. */
  next(): Point | null {
    const p = this.found[this.taken] ?? this.advance();
    if (p) this.taken++;
    return p;
  }

  /** The sentence that says no valid sample exists, the same under every seed. */
  noValidSample(): string {
    const why = this.lastReason ? `; last reason: ${this.lastReason}` : "";
    return `no valid sample could be drawn on the declared domain (none of ${this.draw} draws at sizes 3 and up, the same draws under every seed${why})`;
  }

  private advance(): Point | null {
    while (!this.undecided && this.draw < PROBE_DRAWS) {
      const draw = this.draw++;
      const sizes = drawSizes(this.input.dims, this.input.minDims, this.rng, true);
      const values = new Map<string, Tensor>();
      try {
        for (const v of this.input.vars) values.set(v, this.drawer(v, sizes, draw));
      } catch (e) {
        // a declaration that cannot be drawn is the check's own error to report
        if (e instanceof DeriveError) this.undecided = true;
        else throw e;
        return null;
      }
      const point: Point = { sizes, values };
      const valid = this.valid(point);
      if (valid === null) return null;
      if (valid) {
        this.found.push(point);
        return point;
      }
    }
    return null;
  }

  /**
   * The evaluator of a valid point given out by next(), with the first tree's value and
   * the sign pattern of its kinked operators there: a check that takes the point as a
   * sample starts from them instead of compiling and evaluating the tree again.
   */
  evaluated(point: Point): { ev: Evaluator; value: Tensor; signature: string } | undefined {
    return this.seen.get(point);
  }

  private readonly seen = new WeakMap<Point, { ev: Evaluator; value: Tensor; signature: string }>();

  /** true / false: in the domain or not; null: another failure (the probe is undecided). */
  private valid(point: Point): boolean | null {
    const ev = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
    try {
      let first: { value: Tensor; signature: string } | null = null;
      for (const t of this.input.trees) {
        const r = ev.probe(() => ev.evaluate(t));
        if (!r.value.allFinite()) return false;
        first ??= r;
      }
      if (first) this.seen.set(point, { ev, ...first });
      return true;
    } catch (e) {
      if (e instanceof InvalidSample) {
        this.lastReason = e.message;
        return false;
      }
      if (e instanceof DeriveError && e.kind !== "timeout") {
        this.undecided = true;
        return null;
      }
      throw e;
    }
  }
}
