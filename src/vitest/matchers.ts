// The four matchers of testing.md, as plain functions of vitest's matcher
// context, so that index.ts only registers them. The gradient and expression
// matchers run the kit's gradcheck() and matches() (fast-check properties);
// their thrown message already names the shrunk input, the entry, both
// values and the seed, so it is the failure message as it is.

import { type GradcheckResult, type MatchesOptions, type MatchesResult, gradcheck, matches } from "../testing/index.js";
import { type CloseOptions, closeness } from "./close.js";
import { type HoldOptions, holding } from "./hold.js";

interface Context {
  readonly isNot: boolean;
}

interface Result {
  pass: boolean;
  message: () => string;
}

type Options = Record<string, unknown>;

/** expect(loss).toHaveGradient(gradFn, { let | at, wrt, ... }): gradcheck(loss, { ...options, grad: gradFn }). */
export function toHaveGradient(this: Context, loss: unknown, gradFn: unknown, options: Options = {}): Result {
  if (typeof loss !== "function") throw new TypeError(`toHaveGradient: expect(loss) must be given the loss function (values) => number, not ${typeof loss}`);
  if (typeof gradFn !== "function") throw new TypeError(`toHaveGradient: the gradient code (values) => ({ name: gradient }) must be a function, not ${typeof gradFn}`);
  // a wrong call (bad options, a loss that returns no number) throws out of gradcheck: the matcher throws it too, whichever way it is asked
  const r: GradcheckResult = gradcheck(loss as (v: unknown) => number, { ...options, grad: gradFn as never, throws: false });
  if (!r.ok) return { pass: false, message: () => r.message ?? "the gradient code disagrees with finite differences" };
  const seed = r.seed === undefined ? "" : `, seed ${r.seed}`;
  return { pass: true, message: () => `expected the gradient code to disagree with finite differences of the loss, but it agreed (max rel. error ${r.maxRelError.toExponential(2)}${seed})` };
}

/** expect(myFn).toMatchExpression(expr, { let }): matches(myFn, expr, options). */
export function toMatchExpression(this: Context, fn: unknown, expr: unknown, options: Options = {}): Result {
  if (typeof fn !== "function") throw new TypeError(`toMatchExpression: expect(fn) must be given a function (values) => value, not ${typeof fn}`);
  if (typeof expr !== "string") throw new TypeError(`toMatchExpression: the expression must be a string in derive's language, not ${typeof expr}`);
  const r: MatchesResult = matches(fn as (v: unknown) => unknown, expr, { ...options, throws: false } as MatchesOptions);
  if (!r.ok) return { pass: false, message: () => r.message ?? `the function differs from ${expr}` };
  return { pass: true, message: () => `expected the function to differ from ${expr}, but it matched it on ${r.numRuns} generated inputs (seed ${r.seed})` };
}

/** expect(value).toBeCloseToTensor(expected, { rtol, atol }). */
export function toBeCloseToTensor(this: Context, received: unknown, expected: unknown, options: CloseOptions = {}): Result {
  const c = closeness(received, expected, options);
  return { pass: c.pass, message: () => (c.pass ? `expected the values to differ, but ${c.message}` : c.message) };
}

/** expect("tr(A * B) = tr(B * A)").toHold({ let, seed }). */
export function toHold(this: Context, claim: unknown, options: HoldOptions = {}): Result {
  const h = holding(claim, options);
  // a claim that cannot be checked is a mistake in the test, not a refutation: .not does not turn it into a pass
  if (h.error) throw new Error(h.error);
  return { pass: h.pass, message: () => (h.pass ? `expected the claim not to hold, but ${h.message}` : h.message) };
}
