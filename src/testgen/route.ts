// How one recorded step becomes a test. A claim that can be judged one point
// at a time is a fast-check property over its declarations (the kit's
// holds(), or fails() for a step expected to be refuted). The kinds a single
// point cannot judge go to derive's own checker (the kit's checkStep(), the
// same verdict as `derive check`), and the test's name says which kind and why.

import { namesIn } from "../dsl/defines.js";

export type Route =
  | { readonly mode: "holds" }
  | { readonly mode: "fails" }
  /** derive's checker decides; `why` goes into the test's name */
  | { readonly mode: "checker"; readonly why: string };

export interface RoutedStep {
  readonly kind: "claim" | "argmin" | "recurrence";
  /** the claim as checked (defines expanded) */
  readonly text: string;
  readonly expect: string;
  /** the step's declarations (the derivation's, overridden by the step's own) */
  readonly let: Readonly<Record<string, string>>;
  /** does the claim use the derivation's given values (a worked example)? */
  readonly usesGiven?: boolean;
}

/** Operators whose value at one point is not a number to compare: moments of random variables and limits. */
const STATISTICAL = /\b(E|Var|Cov|Std)\s*\(/;
const LIMIT = /\blim\s*\(/;
/** `lhs ≈ rhs as eps -> 0` */
const ASYMPTOTIC = /\sas\s+[^\s-]+\s*->/u;

export function route(step: RoutedStep): Route {
  if (step.kind === "argmin") return { mode: "checker", why: "argmin: compares two functions over their whole domain" };
  if (step.kind === "recurrence") return { mode: "checker", why: "recurrence: induction and iteration" };
  if (step.expect === "shape error") return { mode: "checker", why: "expected shape error" };
  if (STATISTICAL.test(step.text) || usesRandomVariable(step)) return { mode: "checker", why: "statistical: expectations over random variables" };
  if (LIMIT.test(step.text)) return { mode: "checker", why: "limit" };
  if (ASYMPTOTIC.test(step.text)) return { mode: "checker", why: "asymptotic" };
  if (step.text.includes("∝")) return { mode: "checker", why: "proportionality: compares values across samples" };
  if (step.usesGiven) return { mode: "checker", why: "worked example at given values" };
  if (usesHighRank(step)) return { mode: "checker", why: "rank > 2 tensors" };
  return step.expect === "refuted" ? { mode: "fails" } : { mode: "holds" };
}

/** The declarations of the names a claim mentions (a key may declare several names: "X, Y"). */
export function usedDeclarations(step: RoutedStep): [string, string][] {
  const names = namesIn(step.text);
  return Object.entries(step.let).filter(([k]) => k.split(",").some((n) => names.has(n.trim())));
}

function usesRandomVariable(step: RoutedStep): boolean {
  return usedDeclarations(step).some(([, v]) => v.includes("~"));
}

/** "N x C x H x W": more than two dimensions. */
function usesHighRank(step: RoutedStep): boolean {
  return usedDeclarations(step).some(([, v]) => (v.match(/\sx\s/g) ?? []).length >= 2);
}
