// The kinds of claim, and which one a claim is. check/claim.ts reads a claim
// once (parse, then resolve: `readClaim`) and hands that reading to the
// checker of its kind (`BY_KIND` there), so no path parses or resolves the
// text a second time:
// - asymptotic: `lhs ≈ rhs as eps -> 0`, a ratio along a shrinking (or
//   growing) parameter (check/asymptotic.ts);
// - statistical: a side uses a declared random variable or a moment
//   (E, Var, Cov): exact moments, enumeration or Monte Carlo at each sample
//   (check/statistical.ts);
// - plain: everything else: the symbolic proof, the samples, the proofs for
//   numbers (check/claim.ts).
// A recurrence (`d.recurrence`, check/recurrence.ts) is not a claim text but
// a record of three texts; its base case and inductive step are plain claims
// that go through the same entry.

import type { TNode } from "../core/typed.js";
import type { Claim } from "../parse/parser.js";
import type { Resolver } from "../parse/resolve.js";
import type { Scope } from "../parse/scope.js";
import { usesRandom } from "./statistical.js";

export type ClaimKind = "asymptotic" | "statistical" | "plain";

/** A claim parsed and resolved, once: what every kind's checker starts from. */
export interface ReadClaim {
  readonly claim: Claim;
  readonly scope: Scope;
  readonly resolver: Resolver;
  /** the typed sides, in the order written */
  readonly sides: TNode[];
  /** where an error points: "claim" for a whole claim, null for separate lhs and rhs */
  readonly where: "claim" | null;
}

/** The kind of a claim read by check/claim.ts's readClaim. */
export function claimKind(r: ReadClaim): ClaimKind {
  if (r.claim.as?.length) return "asymptotic";
  return usesRandom(r) ? "statistical" : "plain";
}
