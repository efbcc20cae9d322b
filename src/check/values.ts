// Values as a user reads and writes them: `[1, 2; 3, 4]` in the expression
// language (so a counterexample can be pasted back) and nested arrays in JSON.

import { Tensor } from "../core/tensor.js";

/** JSON form: a scalar is a number, a matrix a list of rows, a rank > 2 tensor nested lists (row-major). */
export type JsonValue = number | number[][] | Nested[];
type Nested = number | Nested[];

export function toJson(t: Tensor): JsonValue {
  if (t.isTensor) return nest(t.data, t.shape) as Nested[];
  return t.isScalar() ? t.scalar() : t.toRows();
}

function nest(d: Float64Array, shape: readonly number[]): Nested {
  if (shape.length === 0) return d[0]!;
  const [n, ...rest] = shape;
  const step = d.length / n!;
  return Array.from({ length: n! }, (_, i) => nest(d.subarray(i * step, (i + 1) * step), rest));
}

/**
 * Text in the expression language: `3.5`, `[1; 2]`, `[1, 2; 3, 4]`; a rank > 2
 * tensor as `reshape([1, 2, ...], 1, 2, 2, 2)`: its entries in row-major
 * (PyTorch) order, then its dimensions.
 */
export function toText(t: Tensor, digits = 17): string {
  const f = (v: number): string => formatValue(v, digits);
  if (t.isTensor) return `reshape([${Array.from(t.data, f).join(", ")}], ${t.shape.join(", ")})`;
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

/** Values with more entries than this are shown briefly in messages (JSON keeps them whole). */
export const BRIEF_ENTRIES = 64;

/** toText, or for a large value its shape and first entries: `(1 x 3 x 32 x 32, 3072 entries: 0.12, -1.3, ...)`. */
export function toBrief(t: Tensor, digits = 17): string {
  if (t.size <= BRIEF_ENTRIES) return toText(t, digits);
  const head = Array.from(t.data.subarray(0, 4), (v) => formatValue(v, Math.min(digits, 6))).join(", ");
  return `(${t.shape.join(" x ")}, ${t.size} entries: ${head}, ...)`;
}
