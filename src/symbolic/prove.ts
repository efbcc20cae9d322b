// The symbolic side of a claim: expand derivatives symbolically, then decide
// `lhs = rhs` by comparing normal forms. "proved" means the difference
// normalised to zero; anything else is "unproved" and the numeric check
// decides. The expanded sides are returned so the checker can compare the
// symbolic derivatives with finite differences at every sample.

import { DeriveError } from "../core/errors.js";
import type { Property, TNode } from "../core/typed.js";
import type { Scope } from "../parse/scope.js";
import { mk } from "./build.js";
import { Differentiator, NotDifferentiable } from "./diff.js";
import { NotNormalizable, Normalizer, type Facts } from "./normal.js";
import { closeSums } from "./index-sums.js";
import { isZeroPoly } from "./poly.js";
import { size } from "./simplify.js";
import { PROOF_FAMILIES } from "./families.js";

/** Sides larger than this (in nodes) are not normalised: products of sums can grow exponentially. */
const PROOF_BUDGET = 400;

export interface SymbolicResult {
  status: "proved" | "unproved" | "skipped";
  /** the named rewrite rules the proof used */
  rules: string[];
  /** the sides with every derivative expanded symbolically (null where that failed) */
  expanded: (TNode | null)[];
  /** why there is no proof, when there is none */
  reason: string | null;
}

export function factsOf(scope: Scope): Facts {
  return {
    has: (name: string, p: Property) => scope.decls.get(name)?.properties.includes(p) ?? false,
    lowerBound: (name: string) => scope.decls.get(name)?.interval?.lo ?? null,
  };
}

export function hasDerivative(t: TNode): boolean {
  return ["grad", "jacobian", "hessian", "diff"].includes(t.op) || t.args.some(hasDerivative);
}

export function symbolicCheck(sides: readonly TNode[], relations: readonly string[], scope: Scope): SymbolicResult {
  const n = new Normalizer(factsOf(scope));
  const d = new Differentiator(n);
  let reason: string | null = null;
  const expanded = sides.map((s) => {
    if (!hasDerivative(s)) return s;
    try {
      return d.expand(s);
    } catch (e) {
      if (e instanceof NotDifferentiable || e instanceof NotNormalizable) {
        reason ??= e.message;
        return null;
      }
      if (e instanceof DeriveError) {
        reason ??= e.message;
        return null;
      }
      throw e;
    }
  });
  if (!relations.every((r) => r === "=")) return { status: "unproved", rules: [], expanded, reason: reason ?? "only = is proved symbolically" };
  if (expanded.some((e) => e === null)) return { status: "unproved", rules: [], expanded, reason };
  if (expanded.some((e) => size(e!) > PROOF_BUDGET)) return { status: "unproved", rules: [], expanded, reason: "too large to expand into the normal form" };
  // the built-in rules first; the rule families (families.ts) only where they differ
  const expansionRules = [...n.fired];
  let failure = allZero(n, expanded as TNode[]);
  let fired = n.fired;
  if (failure === "the normal forms differ") {
    const wide = new Normalizer(n.facts, PROOF_FAMILIES);
    failure = allZero(wide, expanded as TNode[]);
    fired = new Set([...expansionRules, ...wide.fired]);
  }
  if (failure) return { status: "unproved", rules: [], expanded, reason: failure };
  return { status: "proved", rules: [...fired].sort(), expanded, reason: null };
}

/** null when every consecutive difference of the sides normalises to zero, else why not */
function allZero(n: Normalizer, sides: readonly TNode[]): string | null {
  try {
    for (let i = 0; i + 1 < sides.length; i++) {
      // index sums over a whole range in matrix form (sum(A[i, i], i, 1, n) is tr(A)) before the normal form
      const diff = mk("sub", [closeSums(sides[i]!), closeSums(sides[i + 1]!)]);
      if (!isZeroPoly(n.norm(diff))) return "the normal forms differ";
    }
  } catch (e) {
    if (e instanceof NotNormalizable || e instanceof NotDifferentiable) return e.message;
    throw e;
  }
  return null;
}
