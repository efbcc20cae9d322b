// The library API: each CLI command as a function of one options object that
// returns exactly the object `--json` prints (cli.md, "The same from TypeScript").

import { type ClaimOptions, type EqualResult, checkClaim } from "./check/claim.js";
import { type EvaluateOptions, type EvaluateResult, evaluateExpression } from "./check/evaluate.js";
import { type GradOptions, type GradResult, gradient } from "./check/grad.js";
import { freshSeed } from "./numeric/random.js";

export type { ClaimOptions, EqualResult, EvaluateOptions, EvaluateResult, GradOptions, GradResult };

/** The gradient of a scalar expression (same shape as the variable), simplified and checked. */
export function grad(opts: GradOptions): GradResult {
  return gradient(opts, opts.seed ?? freshSeed());
}

/** Checks `lhs = rhs` (or a whole `claim` with any relation) under declarations. */
export function equal(opts: ClaimOptions): EqualResult {
  return checkClaim(opts, opts.seed ?? freshSeed());
}

/** Evaluates an expression at given values, or at a random sample. */
export function evaluate(opts: EvaluateOptions): EvaluateResult {
  return evaluateExpression(opts, opts.seed ?? freshSeed());
}
export { check, type CheckOptions, type CheckReport } from "./runner/check.js";
