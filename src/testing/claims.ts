// Claims of derive's language as tests (what `derive testgen` writes, and
// usable by hand): holds() and fails() are fast-check properties over the
// claim's declarations, the claim evaluated by derive's tensor core at each
// generated point with the checker's own relations and tolerances
// (./claim-at.ts); checkStep() hands one
// step to derive's checker, exactly as `derive check` decides it, for the
// kinds a single point cannot judge (moments, limits, argmin, recurrences).

import fc from "fast-check";
import { type Expected, derivation } from "../dsl/derivation.js";
import { checkSteps } from "../dsl/run.js";
import { checkClaim } from "../check/claim.js";
import type { RecurrenceSpec } from "../check/recurrence.js";
import { asDeriveError } from "../core/errors.js";
import { dimNames } from "../core/shape.js";
import { type ArbitraryOptions, DEFAULT_DIMS, type Point, pointArbitrary, present1 } from "./arbitrary.js";
import { type PreparedClaim, judgeAt, prepareClaim } from "./claim-at.js";

export type ClaimDecls = string | Readonly<Record<string, string>>;

export interface ClaimTestOptions {
  /** declarations, as in a derivation: { X: "n x n spd" } or "X: n x n spd; y: n" */
  readonly let?: ClaimDecls;
  /** fast-check runs (default 25) */
  readonly numRuns?: number;
  /** fast-check's seed (default 1; printed on failure, it replays the run) */
  readonly seed?: number;
  /** dimensions fixed or bounded, as arbitrary() takes them */
  readonly dims?: ArbitraryOptions["dims"];
}

/**
 * Throws unless the claim holds at every generated point; the message gives
 * the shrunk counterexample (as user code would receive it), derive's reason
 * and fast-check's seed, which replays the run.
 *
 * A point can fail by rounding alone where the claim is true (nested finite
 * differences of exp(18) give 0.130002 for 0.13): before a failure is
 * reported, derive's checker is asked. A claim it proves symbolically passes
 * (a proof outweighs finite differences at one point; the symbolic engine is
 * itself cross-checked). A claim it verifies on its samples passes only when
 * the point's disagreement is a rounding-sized one (relative error below
 * 1e-3) of a claim evaluated through finite differences (diff, grad,
 * jacobian, hessian); a real slip (a transpose, a factor, a sign) is far
 * larger and always fails, with the checker's verdict beside the point.
 */
export function holds(claim: string, opts: ClaimTestOptions = {}): void {
  const { property, params, show, lets } = claimProperty(claim, opts);
  const r = fc.check(property, params);
  if (!r.failed) return;
  if (!r.counterexample) throw new Error(`holds: ${claim}: ${fcReason(r.errorInstance)} (seed ${params.seed})`);
  if (r.errorInstance instanceof ClaimError) throw r.errorInstance;
  const checker = checkClaim({ claim, let: lets, seed: params.seed }, params.seed);
  if (checker.verdict === "proved") return;
  const e = r.errorInstance;
  if (checker.verdict === "verified" && e instanceof PointFailure && e.relError < ROUNDING && FINITE_DIFFERENCES.test(claim)) return;
  const reason = r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
  throw new Error(
    [
      `holds: ${claim} fails at a generated point (fast-check seed ${params.seed}, path "${r.counterexamplePath}", shrunk ${r.numShrinks} times; replay with { seed: ${params.seed} })`,
      `  counterexample: ${show(r.counterexample[0])}`,
      `  ${reason}`,
      `  derive's checker: ${checker.verdict} (${checker.detail})`,
    ].join("\n"),
  );
}

/**
 * Throws unless the claim fails: a generated point where it is refuted, or
 * else derive's checker refutes it (its search for a counterexample goes
 * further than a few random points). An error (a shape or syntax mistake) is
 * never a failure of the claim.
 */
export function fails(claim: string, opts: ClaimTestOptions = {}): void {
  const { property, params } = claimProperty(claim, opts);
  const r = fc.check(property, params);
  if (r.failed && r.errorInstance instanceof ClaimError) throw r.errorInstance;
  if (r.failed && r.counterexample) return;
  if (r.failed) throw new Error(`fails: ${claim}: ${fcReason(r.errorInstance)} (seed ${params.seed})`);
  checkStep({ kind: "claim", claim, let: opts.let, expect: "refuted", seed: opts.seed });
}

/** One step for derive's checker, with the verdict it must come to (default accepted: proved or verified). */
export type StepSpec = (
  | { readonly kind: "claim"; readonly claim: string }
  | { readonly kind: "argmin"; readonly wrt: string; readonly f: string; readonly g: string }
  | { readonly kind: "recurrence"; readonly spec: RecurrenceSpec }
) & {
  readonly let?: ClaimDecls;
  readonly given?: Readonly<Record<string, number | string>>;
  readonly expect?: Expected;
  /** the checker's seed (default 1; the verdict does not depend on it) */
  readonly seed?: number;
};

/** Throws with the checker's verdict, reason and counterexample unless the step meets its expectation. */
export function checkStep(step: StepSpec): void {
  const seed = step.seed ?? 1;
  const expect = step.expect ?? "accepted";
  const d = derivation("checkStep", { let: declarationRecord(step.let), given: step.given }, (b) => {
    if (step.kind === "claim") b.step(step.claim, { expect });
    else if (step.kind === "argmin") b.argmin(step.wrt, step.f, step.g, { expect });
    else b.recurrence(step.spec, { expect });
  });
  for (const o of checkSteps(d, { seed })) {
    if (o.ok) continue;
    const cx = o.counterexample ? `\n  counterexample: ${o.counterexample.text}${o.hint ? `\n  likely: ${o.hint}` : ""}` : "";
    throw new Error(`expected ${expect}, derive's checker says ${o.verdict} (seed ${seed}): ${o.claim}\n  ${o.detail}${cx}`);
  }
}

/** The claim failed at a generated point, by this relative error. */
class PointFailure extends Error {
  constructor(
    message: string,
    readonly relError: number,
  ) {
    super(message);
  }
}

/** A disagreement below this, on a claim evaluated through finite differences, may be rounding (see holds). */
const ROUNDING = 1e-3;
const FINITE_DIFFERENCES = /\b(diff|grad|jacobian|hessian)\s*\(/;

/** A claim that cannot be checked at a point (bad syntax, shapes that do not fit): an error, never a refutation. */
class ClaimError extends Error {}

function claimProperty(claim: string, opts: ClaimTestOptions) {
  if (typeof claim !== "string") throw new TypeError(`the claim must be a string in derive's language, not ${typeof claim}`);
  const lets = Object.entries(declarationRecord(opts.let)).map(([k, v]) => `${k}: ${v}`);
  let p: PreparedClaim;
  try {
    p = prepareClaim(claim, lets);
  } catch (e) {
    throw new ClaimError(`the claim cannot be checked: ${asDeriveError(e).message}`);
  }
  const arb = pointsOf(p, opts.dims);
  const seed = opts.seed ?? 1;
  const property = fc.property(arb, (point) => {
    const j = judgeAt(p, point.sizes, point.values);
    // a point outside a function's domain (a singular matrix, an index past the end) is not a test of the claim
    fc.pre(!("invalid" in j));
    if ("detail" in j) throw new PointFailure(j.detail, j.relError);
  });
  const show = (point: Point): string => {
    const dims = [...point.sizes].filter(([k]) => p.dims.includes(k)).map(([k, v]) => `${k} = ${v}`);
    return [...dims, JSON.stringify(present1(p.decls, point))].join("; ");
  };
  return { property, params: { numRuns: opts.numRuns ?? 25, seed }, show, lets };
}

/**
 * Points for the claim: its variables drawn by arbitrary() (properties kept,
 * dimensions shared), each dimension at least as large as the claim's
 * indices need (x[3]: n >= 3), dimensions no variable uses drawn beside them.
 */
function pointsOf(p: PreparedClaim, dims: ClaimTestOptions["dims"] = {}): fc.Arbitrary<Point> {
  const bounds: Record<string, number | readonly [number, number]> = {};
  for (const d of p.dims) {
    const min = p.minDims.get(d) ?? 1;
    const asked = dims[d];
    const [lo, hi] = asked === undefined ? DEFAULT_DIMS : typeof asked === "number" ? [asked, asked] : asked;
    bounds[d] = [Math.max(lo, min), Math.max(hi, min)];
  }
  const ofVars = new Set(p.decls.flatMap((d) => [d.shape.rows, d.shape.cols, ...(d.shape.lead ?? [])]).flatMap((x) => (typeof x === "string" ? dimNames(x) : [])));
  const varDims = Object.fromEntries(Object.entries(bounds).filter(([k]) => ofVars.has(k)));
  const free = Object.entries(bounds).filter(([k]) => !ofVars.has(k));
  const vars = p.decls.length ? pointArbitrary(p.decls, { dims: varDims }) : fc.constant<Point>({ sizes: new Map(), values: new Map() });
  if (free.length === 0) return vars;
  const extra = fc.tuple(...free.map(([, b]) => (typeof b === "number" ? fc.constant(b) : fc.integer({ min: b[0], max: b[1] }))));
  return fc.tuple(vars, extra).map(([pt, sizes]) => ({ sizes: new Map([...pt.sizes, ...free.map(([k], i) => [k, sizes[i]!] as const)]), values: pt.values }));
}

/** Why fast-check stopped without a counterexample (every point rejected, an exception outside the property). */
function fcReason(e: unknown): string {
  return e instanceof Error ? e.message : "no valid point could be generated (every point was outside the claim's domain)";
}

/** "X: n x n spd; y: n" as { X: "n x n spd", y: "n" }; a record stays as it is. */
function declarationRecord(d: ClaimDecls | undefined): Record<string, string> {
  if (d === undefined) return {};
  if (typeof d !== "string") return { ...d };
  const out: Record<string, string> = {};
  for (const part of d.split(";")) {
    const i = part.indexOf(":");
    if (part.trim() === "") continue;
    if (i < 0) throw new TypeError(`a declaration is "name: shape", not "${part.trim()}"`);
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
