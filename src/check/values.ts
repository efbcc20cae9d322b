// Values as a user reads and writes them: `[1, 2; 3, 4]` in the expression
// language (so a counterexample can be pasted back) and nested arrays in JSON.

import { Tensor } from "../core/tensor.js";

/** JSON form: a scalar is a number, anything else a list of rows. */
export type JsonValue = number | number[][];

export function toJson(t: Tensor): JsonValue {
  return t.isScalar() ? t.scalar() : t.toRows();
}

/** Text in the expression language: `3.5`, `[1; 2]`, `[1, 2; 3, 4]`. */
export function toText(t: Tensor, digits = 17): string {
  const f = (v: number): string => formatValue(v, digits);
  if (t.isScalar()) return f(t.scalar());
  return `[${t.toRows().map((r) => r.map(f).join(", ")).join("; ")}]`;
}

/** Shortest round-trip text at full precision; fewer significant digits for display. */
export function formatValue(v: number, digits = 17): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (Object.is(v, -0)) return "0";
  if (digits >= 17) return String(v);
  return String(Number(v.toPrecision(digits)));
}
