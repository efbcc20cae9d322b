// toBeCloseToTensor: entry-wise |a - b| <= atol + rtol * |b| (numpy's
// allclose, b the expected value) on values of any accepted form.

import { type Dense, dense, indexText, squeezed } from "./dense.js";

export interface CloseOptions {
  /** relative tolerance (default 1e-9) */
  readonly rtol?: number;
  /** absolute tolerance (default 1e-12) */
  readonly atol?: number;
}

export interface Closeness {
  readonly pass: boolean;
  /** one line (or a few) saying why, the differing entry and both values first */
  readonly message: string;
}

export function closeness(received: unknown, expected: unknown, opts: CloseOptions = {}): Closeness {
  const rtol = opts.rtol ?? 1e-9;
  const atol = opts.atol ?? 1e-12;
  if (!(rtol >= 0) || !(atol >= 0)) throw new TypeError(`toBeCloseToTensor: rtol and atol must be numbers >= 0 (got rtol ${rtol}, atol ${atol})`);
  const a = dense(received, "the received value");
  const b = dense(expected, "the expected value");
  const tol = `rtol ${rtol}, atol ${atol}`;
  if (!sameValuesShape(a, b)) return { pass: false, message: `shapes differ: received [${a.shape.join(", ")}], expected [${b.shape.join(", ")}]` };
  let worst = -1;
  let worstExcess = 0;
  let maxAbs = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    const diff = Math.abs(x - y);
    // NaN never equals anything; equal infinities are equal
    const ok = x === y || diff <= atol + rtol * Math.abs(y);
    maxAbs = Math.max(maxAbs, Number.isNaN(diff) ? Infinity : x === y ? 0 : diff);
    const excess = ok ? 0 : Number.isFinite(diff) ? diff / (atol + rtol * Math.abs(y)) : Infinity;
    if (!ok && (worst < 0 || excess > worstExcess)) {
      worst = i;
      worstExcess = excess;
    }
  }
  const shown = b.shape.length ? `[${b.shape.join(", ")}]` : "scalar";
  if (worst < 0) return { pass: true, message: `all ${a.data.length} entries of the ${shown} values agree within ${tol} (max abs. difference ${maxAbs.toExponential(2)})` };
  const where = b.shape.length ? `entry ${indexText(worst, b.shape)}` : "the value";
  const x = a.data[worst]!;
  const y = b.data[worst]!;
  return {
    pass: false,
    message: `${where} differs: received ${x}, expected ${y} (difference ${Math.abs(x - y).toExponential(3)}, allowed ${(atol + rtol * Math.abs(y)).toExponential(3)} by ${tol})`,
  };
}

function sameValuesShape(a: Dense, b: Dense): boolean {
  if (a.data.length !== b.data.length) return false;
  const sa = squeezed(a.shape);
  const sb = squeezed(b.shape);
  return sa.length === sb.length && sa.every((d, i) => d === sb[i]);
}
