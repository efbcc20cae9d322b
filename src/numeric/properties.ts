// Does a concrete value have a declared property? Used to validate samples
// (and, later, values given with --at).

import { Tensor } from "../core/tensor.js";
import type { Property } from "../core/typed.js";
import { cholesky, cond1 } from "../core/linalg.js";

const TOL = 1e-9;

/**
 * `others`: the name's other properties. For a `diagonal` matrix, `positive`
 * and `nonnegative` speak of the diagonal (the off-diagonal zeros are what
 * diagonal means), as a reader of "a positive diagonal matrix" expects.
 */
export function holds(p: Property, v: Tensor, others: readonly Property[] = []): boolean {
  const n = v.rows;
  const d = v.data;
  const scale = Math.max(1, v.maxAbs());
  switch (p) {
    case "symmetric":
      return square(v) && everyPair(n, (i, j) => Math.abs(d[i * n + j]! - d[j * n + i]!) <= TOL * scale);
    case "spd":
      return holds("symmetric", v) && cholesky(v) !== null;
    case "invertible":
      return square(v) && cond1(v) < 1e12;
    case "orthogonal": {
      if (!square(v)) return false;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += d[k * n + i]! * d[k * n + j]!;
          if (Math.abs(s - (i === j ? 1 : 0)) > 1e-9) return false;
        }
      }
      return true;
    }
    case "diagonal":
      return square(v) && everyPair(n, (i, j) => i === j || d[i * n + j] === 0);
    case "positive":
      return entries(v, others).every((x) => x > 0);
    case "nonnegative":
      return entries(v, others).every((x) => x >= 0);
    case "simplex":
      return v.cols === 1 && d.every((x) => x > 0) && Math.abs(d.reduce((a, b) => a + b, 0) - 1) <= 1e-9;
    case "onehot":
      return v.cols === 1 && d.every((x) => x === 0 || x === 1) && d.reduce((a, b) => a + b, 0) === 1;
    case "integer":
      return d.every((x) => Number.isInteger(x));
  }
}

const square = (v: Tensor): boolean => v.rows === v.cols;

/** The entries a sign property speaks of: the diagonal of a diagonal matrix, else all. */
function entries(v: Tensor, others: readonly Property[]): number[] {
  if (!others.includes("diagonal") || !square(v)) return Array.from(v.data);
  return Array.from({ length: v.rows }, (_, i) => v.data[i * v.rows + i]!);
}

function everyPair(n: number, f: (i: number, j: number) => boolean): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!f(i, j)) return false;
  return true;
}
