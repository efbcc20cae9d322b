// One claim judged at one point: the numeric half of check/claim.ts (its
// evaluator, its relations and tolerances, its re-confirmation of a failure
// with a second finite-difference step), for a point that fast-check made.
// holds() and fails() (./claims.ts) run it as a property.

import { DeriveError, located } from "../core/errors.js";
import { SCALAR, isScalar, sameShape, showShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import { type Declaration, type TNode, variablesOf } from "../core/typed.js";
import { Evaluator, InvalidSample } from "../numeric/evaluate.js";
import { type Claim, parseClaim } from "../parse/parser.js";
import { Resolver } from "../parse/resolve.js";
import { Scope } from "../parse/scope.js";
import { hintFor } from "../check/hints.js";
import { decide } from "../check/relations.js";
import { toText } from "../check/values.js";
import { approximation } from "../dsl/given.js";

export interface PreparedClaim {
  readonly text: string;
  readonly claim: Claim;
  readonly sides: readonly TNode[];
  /** the declarations of the claim's free variables (an undeclared name is a scalar, as the checker takes it) */
  readonly decls: readonly Declaration[];
  /** every dimension the claim's shapes use, and the least size each needs (x[3] needs n >= 3) */
  readonly dims: readonly string[];
  readonly minDims: ReadonlyMap<string, number>;
  readonly approx: { tol: number[] } | null;
}

/** relError: of the failing relation, as the checker measures it (how far apart, relative to the sides' scale) */
export type Judgement = { holds: true } | { holds: false; detail: string; relError: number } | { invalid: string };

/** Parses and resolves the claim under the declarations; a syntax or shape mistake throws a positioned DeriveError. */
export function prepareClaim(text: string, lets: readonly string[]): PreparedClaim {
  const scope = Scope.parse(lets);
  const claim = located("claim", () => parseClaim(text, { isVariable: scope.isVariable }));
  if (claim.relations.length === 0) throw new DeriveError("usage", "a claim needs a relation (=, ≈, <, <=, >, >=)", null, "claim");
  if (claim.relations.includes("∝")) throw new DeriveError("usage", "∝ compares values across samples; it cannot be judged at one point (use derive's checker: checkStep)", null, "claim");
  const resolver = new Resolver(scope);
  const sides = resolver.resolveSides(claim.sides, claim.sides.map(() => "claim"));
  for (let i = 0; i + 1 < sides.length; i++) {
    const [a, b] = [sides[i]!.shape, sides[i + 1]!.shape];
    const broadcast = claim.relations[i] !== "=" && (isScalar(a) || isScalar(b));
    if (!sameShape(a, b) && !broadcast) throw new DeriveError("shape", `the sides have different shapes: ${showShape(a)} and ${showShape(b)}`, null, "claim");
  }
  const vars = [...variablesOf(sides)].filter((v) => !resolver.boundNames.has(v));
  const decls = vars.map((v): Declaration => scope.decls.get(v) ?? { name: v, shape: SCALAR, properties: [], origin: `${v} (undeclared: a scalar)` });
  return { text, claim, sides, decls, dims: [...resolver.dims], minDims: resolver.minDims, approx: approximation(claim, sides, resolver) };
}

/** The claim at the point: holds, fails (re-confirmed with a smaller finite-difference step), or the point is outside its domain. */
export function judgeAt(p: PreparedClaim, sizes: ReadonlyMap<string, number>, values: ReadonlyMap<string, Tensor>): Judgement {
  const first = evaluate(p, sizes, values, 0.1);
  if ("invalid" in first) return first;
  const at = failure(p, first.values);
  if (at < 0) return { holds: true };
  const again = evaluate(p, sizes, values, 0.03);
  if ("invalid" in again) return again;
  const still = failure(p, again.values);
  if (still < 0) return { invalid: "a failure that a second finite-difference step did not confirm" };
  const [a, b] = [again.values[still]!, again.values[still + 1]!];
  const rel = p.claim.relations[still]!;
  const hint = rel === "=" ? hintFor(a, b) : null;
  const relError = decide(rel, a, b, p.approx).relError;
  return { holds: false, detail: `${rel} fails: lhs = ${toText(a, 6)}, rhs = ${toText(b, 6)}${hint ? ` (likely: ${hint})` : ""}`, relError };
}

function evaluate(p: PreparedClaim, sizes: ReadonlyMap<string, number>, values: ReadonlyMap<string, Tensor>, fdStep: number): { values: Tensor[] } | { invalid: string } {
  const ev = new Evaluator({ sizes, values: new Map(values) });
  ev.fdStep = fdStep;
  try {
    const out = p.sides.map(ev.evaluate);
    return out.every((v) => v.allFinite()) ? { values: out } : { invalid: "a side is not finite" };
  } catch (e) {
    if (e instanceof InvalidSample) return { invalid: e.message };
    throw e;
  }
}

function failure(p: PreparedClaim, values: readonly Tensor[]): number {
  return p.claim.relations.findIndex((rel, i) => !decide(rel, values[i]!, values[i + 1]!, p.approx).holds);
}

