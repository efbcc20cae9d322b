// `d.recurrence({...})` in a derivation file: a recurrence with its claimed
// closed form (src/check/recurrence.ts checks it). This file gives the step's
// one-line text for reports and adapts the check's result to a step outcome.

import type { ProofMethod } from "../check/numbers.js";
import { type RecurrenceSpec, checkRecurrence } from "../check/recurrence.js";
import { diagnoseRecurrence } from "../check/recurrence-diagnose.js";
import type { Diagnosis } from "../check/diagnose/index.js";

export type { RecurrenceSpec };

/** "m_t = b * m_(t-1) + ..., m_0 = 0  =>  m_t = closed" as one line. */
export function recurrenceText(spec: RecurrenceSpec): string {
  if (typeof spec !== "object" || spec === null) throw new TypeError("recurrence({ name, index, init, step, closed }) takes an object");
  for (const k of ["name", "index", "init", "step", "closed"] as const) {
    if (typeof spec[k] !== "string" || !spec[k].trim()) throw new TypeError(`recurrence: '${k}' must be a non-empty string`);
  }
  const { name, index: t } = spec;
  const from = spec.from ?? 0;
  return `${name}_${t} = ${spec.step} (${name} for ${name}_(${t}-1)), ${name}_${from} = ${spec.init}; closed form ${name}_${t} = ${spec.closed}`;
}

export function checkRecurrenceEntry(spec: RecurrenceSpec, seed: number, samples?: number): { verdict: "proved" | "verified" | "refuted" | "error"; detail: string; method: ProofMethod | null; diagnoses: Diagnosis[] } {
  const r = checkRecurrence(spec, seed, samples);
  // a refuted recurrence: the likely slip (off by one, a wrong initial value), each re-checked before it is stated
  const diagnoses = r.verdict === "refuted" ? diagnoseRecurrence(spec, seed, samples) : [];
  // proved only by induction, both parts through the symbolic engine
  return { verdict: r.verdict, detail: r.detail, method: r.verdict === "proved" ? "induction" : null, diagnoses };
}
