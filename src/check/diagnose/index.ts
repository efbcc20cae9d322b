// Near-miss diagnoses of a refuted `lhs = rhs` (issue 15, part 3): each
// likely slip proposes a corrected claim (variants.ts, property.ts), and a
// slip is stated only when its corrected claim is checked on fresh samples
// and holds (`recheck`, the ordinary numeric check). The number of re-checks
// is bounded by a count, never by the clock, so the diagnoses are a function
// of the claim and the seed. They never change a verdict.

import type { Expr } from "../../core/ast.js";
import { parseClaim, parseExpr } from "../../parse/parser.js";
import { printExpr } from "../../parse/print.js";
import { Scope } from "../../parse/scope.js";
import { commutingVariants, propertyVariants, scalarVariants, squareVariants } from "./property.js";
import type { Diagnosis, DiagnosisKind, GivenValues } from "./types.js";
import { type Variant, hintVariants, inverseVariants, jacobianVariants, orderVariants, termVariants } from "./variants.js";
import { derivativeVariants } from "./derivative.js";
import { givenSteps, indexVariants } from "./index-shift.js";
import { formInnerTermVariants, writtenInnerTermVariants } from "./inner-term.js";
import { readingVariants } from "./reading.js";

export type { Diagnosis, DiagnosisKind, GivenValues } from "./types.js";

/** re-checks one refuted claim may spend on diagnoses */
export const DIAGNOSIS_BUDGET = 20;
/** at most this many diagnoses are stated */
const MAX_DIAGNOSES = 3;

/** Whether `claim` under `lets` holds (proved or verified) on samples drawn from `seed`. */
export type Recheck = (claim: string, lets: string[], seed: number) => boolean;

export interface Refuted {
  /** the claim as checked (`lhs = rhs`) */
  claim: string;
  lets: string[];
  /** the hint read at the counterexample (hints.ts), if any */
  hint: string | null;
  /**
   * a worked example's given values (dsl/given.ts): only the index and
   * reading kinds are tried, with the given names as numbers, and `recheck`
   * checks each corrected claim at the same given values
   */
  given?: GivenValues;
}

export function diagnose(r: Refuted, seed: number, recheck: Recheck): Diagnosis[] {
  let sides;
  let rel: "=" | "≈";
  try {
    const scope = r.given?.scope ?? Scope.parse(r.lets);
    const c = parseClaim(r.claim, { isVariable: scope.isVariable });
    // `=`, and `≈ v` of a worked example (the index and reading kinds only)
    if (c.relations.length !== 1 || (c.relations[0] !== "=" && c.relations[0] !== "≈") || c.tolerance) return [];
    rel = c.relations[0];
    sides = c.sides as [typeof c.sides[0], typeof c.sides[0]];
  } catch {
    return [];
  }
  const [l, r2] = sides;
  const fresh = (seed * 2654435761 + 0x9e37) >>> 0;
  const variants: (Variant & { lets?: string[] })[] = [];
  // a worked example: its numbers are the author's, so only the slips of a worked number
  if (r.given) variants.push(...indexVariants(l!, r2!, rel, r.lets, givenSteps([l!, r2!], r.given)), ...readingVariants(l!, r2!, rel, r.given));
  else if (rel === "≈") variants.push(...indexVariants(l!, r2!, rel, r.lets), ...readingVariants(l!, r2!, rel));
  else fillVariants(variants, l!, r2!, r);
  const out = recheckVariants(variants, r, recheck, fresh, DIAGNOSIS_BUDGET);
  // n = 1 makes almost every slip of matrix algebra vanish: said only when nothing more specific holds
  if (out.length === 0 && rel === "=" && !r.given) {
    const last = scalarVariants(r.lets).map((v) => ({ kind: "property" as const, claim: r.claim, message: v.message, lets: v.lets }));
    out.push(...recheckVariants(last, r, recheck, fresh, 2));
  }
  return out;
}

/** Every corrected claim of an `lhs = rhs`, kind by kind, in the order of preference within each kind. */
function fillVariants(variants: (Variant & { lets?: string[] })[], l: Expr, r2: Expr, r: Refuted): void {
  variants.push(
    ...hintVariants(l, r2, r.hint),
    ...orderVariants(l, r2),
    ...inverseVariants(l, r2),
    ...jacobianVariants(l, r2),
    ...termVariants(l, r2),
    // a term inside a product (A * (B + C) written as A * B): as written, then in the left side's symbolic form
    ...writtenInnerTermVariants(l, r2),
    ...derivativeVariants(l, r2, r.lets),
    ...formInnerTermVariants(l, r2, r.lets),
    ...indexVariants(l, r2, "=", r.lets),
    ...readingVariants(l, r2, "="),
  );
  try {
    const substitute = (map: Record<string, string>, fresh: readonly string[]): string | null => {
      const isVariable = (n: string): boolean => fresh.includes(n);
      const sub = (e: Expr): Expr => (e.op === "sym" && map[e.name!] ? parseExpr(map[e.name!]!, { isVariable }) : { ...e, args: e.args.map(sub) });
      return `${printExpr(sub(l!))} = ${printExpr(sub(r2!))}`;
    };
    for (const v of commutingVariants(r.lets, substitute)) variants.push({ kind: "property", claim: v.claim, message: `holds when ${v.names[0]} and ${v.names[1]} commute`, lets: v.lets });
    for (const v of propertyVariants(r.lets)) variants.push({ kind: "property", claim: r.claim, message: `holds when ${v.name} is ${v.property}`, lets: v.lets });
    for (const v of squareVariants(r.lets)) variants.push({ kind: "property", claim: r.claim, message: v.message, lets: v.lets });
  } catch {
    // declarations that cannot be rewritten: no property diagnosis
  }
}

/** Re-checks variants in rounds of kinds, at most `budget` of them, and states those that hold (one per kind). */
function recheckVariants(variants: readonly (Variant & { lets?: string[] })[], r: Refuted, recheck: Recheck, fresh: number, budget: number): Diagnosis[] {
  const out: Diagnosis[] = [];
  const stated = new Set<DiagnosisKind>();
  const seen = new Set<string>();
  let spent = 0;
  for (const v of roundRobin(variants)) {
    if (spent >= budget || out.length >= MAX_DIAGNOSES) break;
    const lets = v.lets ?? r.lets;
    const key = `${v.claim}|${lets.join(";")}`;
    if (stated.has(v.kind) || seen.has(key) || (v.claim === r.claim && !v.lets)) continue;
    seen.add(key);
    spent++;
    let holds = false;
    try {
      holds = recheck(v.claim, lets, fresh);
    } catch {
      holds = false;
    }
    if (!holds) continue;
    out.push({ kind: v.kind, message: v.message, holds: v.lets ? `${v.claim} with ${lets.join("; ")}` : v.claim });
    // one diagnosis per kind: the first that holds (the weakest property, the likeliest slip) is the one worth saying
    stated.add(v.kind);
  }
  return out;
}

/**
 * The variants in rounds, the first of each kind, then the second of each,
 * ...: a long chain with many products does not spend the whole budget on
 * one kind before another is tried. Within a round the kinds keep their order.
 */
function roundRobin<T extends { kind: DiagnosisKind }>(vs: readonly T[]): T[] {
  const kinds: DiagnosisKind[] = [];
  const by = new Map<DiagnosisKind, T[]>();
  for (const v of vs) {
    if (!by.has(v.kind)) {
      by.set(v.kind, []);
      kinds.push(v.kind);
    }
    by.get(v.kind)!.push(v);
  }
  const out: T[] = [];
  for (let round = 0; out.length < vs.length; round++) for (const k of kinds) if (by.get(k)!.length > round) out.push(by.get(k)![round]!);
  return out;
}
