// When two numeric values count as equal on a sample (language.md): the
// largest entrywise difference is at most 1e-6 x (largest entry) + 1e-8.

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
  for (let k = 0; k < n; k++) {
    const x = a.size === 1 ? a.data[0]! : a.data[k]!;
    const y = b.size === 1 ? b.data[0]! : b.data[k]!;
    maxDiff = Math.max(maxDiff, Math.abs(x - y));
    scale = Math.max(scale, Math.abs(x), Math.abs(y));
  }
  return { maxDiff, scale, relError: maxDiff / Math.max(scale, 1e-8), equal: maxDiff <= relTol * scale + absTol };
}
