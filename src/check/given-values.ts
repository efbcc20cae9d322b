// A given value from the library (`evaluate({ at })`) may be a JavaScript
// value rather than text in the language: a number, a flat array (a column
// vector), nested arrays (the rows of a matrix, row-major; deeper nesting is
// a tensor, outermost dimension first). Turned into a Tensor here, with a
// one-line error worded for the library that names the value (`at.X`).

import { DeriveError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";

/** What `at` may hold for one name. */
export type GivenValue = string | number | readonly unknown[];

/** The tensor of a JavaScript number or (nested) array; null for a string (parsed as the language). */
export function tensorOfJs(raw: unknown, where: string): Tensor | null {
  if (typeof raw === "string") return null;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw new DeriveError("value", `the value is not finite (${raw})`, null, where);
    return Tensor.scalar(raw);
  }
  if (!Array.isArray(raw)) {
    throw new DeriveError("value", `a value is a number, an array of numbers (a vector), an array of rows (a matrix) or a string in the expression language ("[1, 2; 3, 4]"), not ${raw === null ? "null" : typeof raw}`, null, where);
  }
  // the dimensions, read down the first entries; every sub-array must agree
  const dims: number[] = [];
  for (let x: unknown = raw; Array.isArray(x); x = x[0]) {
    if (x.length === 0) throw new DeriveError("value", "an empty array has no value", null, where);
    dims.push(x.length);
  }
  const data: number[] = [];
  const walk = (x: unknown, depth: number, at: string): void => {
    if (depth === dims.length) {
      if (typeof x !== "number") throw new DeriveError("value", `entry ${at} is ${Array.isArray(x) ? "an array" : `a ${typeof x}`}, not a number (the arrays must be nested to the same depth)`, null, where);
      if (!Number.isFinite(x)) throw new DeriveError("value", `entry ${at} is not finite (${x})`, null, where);
      data.push(x);
      return;
    }
    if (!Array.isArray(x)) throw new DeriveError("value", `entry ${at} is a ${typeof x}, but the arrays are nested ${dims.length} deep`, null, where);
    if (x.length !== dims[depth]) throw new DeriveError("value", `rows of different lengths: ${at} has ${x.length} entr${x.length === 1 ? "y" : "ies"}, the first has ${dims[depth]}`, null, where);
    x.forEach((y, i) => walk(y, depth + 1, `${at}[${i}]`));
  };
  walk(raw, 0, "");
  // a flat array is a column vector; nested arrays are rows (row-major)
  const shape = dims.length === 1 ? [dims[0]!, 1] : dims;
  return new Tensor(shape, Float64Array.from(data));
}
