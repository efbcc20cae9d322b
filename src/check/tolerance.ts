// When two numeric values count as equal on a sample (language.md): the
// largest entrywise difference is at most 1e-6 x (largest entry) + 1e-8.
// One exception keeps counts honest: two different integers below 2^31 are
// never equal, so a parameter count 1327104 is not "equal" to 1327105 although
// the relative tolerance would allow it (docs/language.md). Below 2^31 a float
// that lands on an integer with an error under 1 is the right integer, so this
// refutes no true claim; above it (every float >= 2^52 is an integer) it would.

import type { Tensor } from "../core/tensor.js";

export const REL_TOL = 1e-6;
export const ABS_TOL = 1e-8;

export interface Difference {
  /** largest entrywise |a - b| */
  readonly maxDiff: number;
  /** largest |entry| of either side */
  readonly scale: number;
  /** maxDiff / max(scale, 1e-8): what reports call the relative error */
  readonly relError: number;
  readonly equal: boolean;
}

/** Entrywise comparison; a 1 x 1 side broadcasts against the other. */
export function difference(a: Tensor, b: Tensor, relTol = REL_TOL, absTol = ABS_TOL): Difference {
  const n = Math.max(a.size, b.size);
  let maxDiff = 0;
  let scale = 0;
  let distinctIntegers = false;
  for (let k = 0; k < n; k++) {
    const x = a.size === 1 ? a.data[0]! : a.data[k]!;
    const y = b.size === 1 ? b.data[0]! : b.data[k]!;
    maxDiff = Math.max(maxDiff, Math.abs(x - y));
    scale = Math.max(scale, Math.abs(x), Math.abs(y));
    if (x !== y && isCount(x) && isCount(y)) distinctIntegers = true;
  }
  const equal = !distinctIntegers && maxDiff <= relTol * scale + absTol;
  return { maxDiff, scale, relError: maxDiff / Math.max(scale, 1e-8), equal };
}

const isCount = (v: number): boolean => Number.isInteger(v) && Math.abs(v) <= 2 ** 31;
