// What a refuted claim probably got wrong, read off the counterexample: the
// other layout (a transpose), a sign, or a constant factor (lessons.md, 4).
// Hints only explain; they never change a verdict.

import { transpose } from "../core/kernels.js";
import type { Tensor } from "../core/tensor.js";
import { difference } from "./tolerance.js";
import { formatValue } from "./values.js";

export function hintFor(lhs: Tensor, rhs: Tensor): string | null {
  if (lhs.size !== rhs.size || lhs.size === 0) return null;
  const rows = lhs.rows;
  const cols = lhs.cols;
  // (a rank > 2 tensor has no transpose in the language: no layout hint for it)
  if (lhs.size > 1 && !lhs.isTensor && !rhs.isTensor && rhs.rows === cols && rhs.cols === rows && rows !== 1 && cols !== 1) {
    const t = transpose(rhs);
    if (difference(lhs, t).equal) return "the transpose of the right side matches: a layout slip?";
  }
  let ab = 0;
  let bb = 0;
  for (let k = 0; k < lhs.size; k++) {
    ab += lhs.data[k]! * rhs.data[k]!;
    bb += rhs.data[k]! * rhs.data[k]!;
  }
  if (bb === 0) return null;
  const c = ab / bb;
  let worst = 0;
  for (let k = 0; k < lhs.size; k++) worst = Math.max(worst, Math.abs(lhs.data[k]! - c * rhs.data[k]!));
  if (worst > 1e-6 * Math.max(lhs.maxAbs(), 1e-300) + 1e-9 || !Number.isFinite(c)) return null;
  if (Math.abs(c + 1) < 1e-6) return "the sides differ only in sign";
  // any two scalars are proportional: only a simple factor (2, 1/2, -3, ...) says something
  const nice = [2, 3, 4, 5, 6, 8, 10, 12, 16].flatMap((k) => [k, -k, 1 / k, -1 / k]).find((k) => Math.abs(c - k) <= 1e-6 * Math.abs(k));
  if (nice === undefined) return null;
  return `the left side is ${formatValue(nice, 6)} times the right side here: a dropped or extra factor?`;
}
