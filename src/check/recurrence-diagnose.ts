// Near-miss diagnoses of a refuted recurrence (issue 15, part 3 e): each
// corrected recurrence proposed by diagnose/recurrence.ts (a closed form off
// by one step, a first index off by one, then a wrong initial value) is
// checked again in full by checkRecurrence, on fresh samples and without
// diagnoses of its own, and stated only when it holds. The number of
// re-checks is a count, never the clock; the verdict is never changed.

import { parseExpr } from "../parse/parser.js";
import { Scope } from "../parse/scope.js";
import type { Diagnosis } from "./diagnose/index.js";
import { type RecurrenceVariant, recurrenceIndexVariants, recurrenceInitialVariant } from "./diagnose/recurrence.js";
import { type RecurrenceSpec, checkRecurrence, recurrenceDeclarations } from "./recurrence.js";

/** re-checks of whole recurrences one refuted recurrence may spend (each iterates 50 steps); the last is kept for the initial value */
export const RECURRENCE_BUDGET = 8;

export function diagnoseRecurrence(spec: RecurrenceSpec, seed: number, samples?: number): Diagnosis[] {
  try {
    const from = spec.from ?? 0;
    const scope = Scope.parse(recurrenceDeclarations(spec));
    const closed = parseExpr(spec.closed, { isVariable: scope.isVariable });
    const fresh = (seed * 2654435761 + 0x9e37) >>> 0;
    let spent = 0;
    const holds = (v: RecurrenceVariant, budget: number): RecurrenceSpec | null => {
      if (spent >= budget) return null;
      spent++;
      const corrected: RecurrenceSpec = { ...spec, closed: v.closed ?? spec.closed, from: v.from ?? from, init: v.init ?? spec.init };
      const r = checkRecurrence(corrected, fresh, samples);
      return r.verdict === "proved" || r.verdict === "verified" ? corrected : null;
    };
    const stated = (kind: Diagnosis["kind"], v: RecurrenceVariant, s: RecurrenceSpec): Diagnosis => ({ kind, message: v.message, holds: `${s.name}_${s.index} = ${s.closed}, ${s.name}_${s.from ?? 0} = ${s.init}` });
    // one off-by-one diagnosis: the first that holds is the likeliest slip
    for (const v of recurrenceIndexVariants(closed, spec.index, spec.name, from, spec.init)) {
      const s = holds(v, RECURRENCE_BUDGET - 1);
      if (s) return [stated("index", v, s)];
    }
    // the initial value only when no step is off by one
    const v = recurrenceInitialVariant(closed, spec.index, spec.name, from, spec.init);
    const s = v ? holds(v, RECURRENCE_BUDGET) : null;
    return s ? [stated("initial", v!, s)] : [];
  } catch {
    return []; // a diagnosis is a courtesy: never an error
  }
}
