// A step kept as written with a shape error (issue 15, part 4): which single
// transpose would make its shapes fit (check/shape-slip.ts), and what the
// claim then comes to, checked as any step is. The step's verdict stays the
// shape error; this is told beside it.

import { type ShapeSlip, shapeSlip } from "../check/shape-slip.js";
import type { Derivation, Entry } from "./derivation.js";
import { bindGiven } from "./given.js";

export interface StepShapeSlip extends ShapeSlip {
  /** the verdict of the claim with the fix */
  readonly verdict: "proved" | "verified" | "refuted" | "error";
}

/** The shape slip of a claim whose check ended in a shape error; null otherwise. */
export function stepShapeSlip(
  d: Derivation,
  entry: Entry,
  outcome: { verdict: string; detail: string } | null,
  recheck: (entry: Entry) => { verdict: string; detail: string } | null,
): StepShapeSlip | null {
  if (entry.kind !== "claim" || outcome?.verdict !== "error" || !/^shape error\b/.test(outcome.detail)) return null;
  try {
    const lets = Object.entries({ ...d.let, ...(entry.opts.let ?? {}) }).map(([k, v]) => `${k}: ${v}`);
    const slip = shapeSlip(entry.expanded, bindGiven(lets, d.given).scope);
    if (!slip) return null;
    const then = recheck({ ...entry, expanded: slip.fits });
    const verdict = then && ["proved", "verified", "refuted"].includes(then.verdict) ? (then.verdict as StepShapeSlip["verdict"]) : "error";
    return { ...slip, verdict };
  } catch {
    return null;
  }
}
