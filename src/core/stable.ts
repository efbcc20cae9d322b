// Numerically stable forms of the elementwise and vector functions of machine
// learning (sigmoid, softplus, log-sum-exp, softmax, ...). The checker samples
// inputs far into the tails, where the textbook formulas overflow to Infinity or
// cancel to NaN, and a spurious NaN there would be reported as a wrong identity.
// Each vector function propagates a NaN input into its output instead of
// throwing, so a bad sample surfaces as a value, not a crash.

import { Tensor } from "./tensor.js";

/** Only exp of a non-positive number is ever taken, so nothing overflows. */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/** log(1 + e^t) = max(t, 0) + log1p(e^-|t|); log1p keeps the tiny tail exact. */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/** log(sigmoid(t)) = -softplus(-t), finite where sigmoid itself rounds to 0. */
export function logSigmoid(t: number): number {
  return -softplus(-t);
}

export function relu(t: number): number {
  return Math.max(t, 0);
}

/** The value at 0 is the midpoint so that step(t) + step(-t) = 1 everywhere. */
export function step(t: number): number {
  if (t > 0) return 1;
  if (t < 0) return 0;
  return t === 0 ? 0.5 : NaN;
}

/** Unlike Math.sign, -0 maps to 0 so that results compare equal with ===. */
export function sign(t: number): number {
  if (t > 0) return 1;
  if (t < 0) return -1;
  return t === 0 ? 0 : NaN;
}

/** max(a t, t) only equals the leaky ReLU for 0 < a < 1, so other slopes give NaN. */
export function leakyrelu(t: number, a: number): number {
  if (!(a > 0 && a < 1)) return NaN;
  return Math.max(a * t, t);
}

interface Peak {
  max: number;
  /** index of the first maximal entry, -1 when there is a NaN */
  at: number;
  /** how many entries equal +Infinity */
  infinities: number;
}

function peak(z: Tensor): Peak {
  let max = -Infinity;
  let at = 0;
  let infinities = 0;
  for (let k = 0; k < z.data.length; k++) {
    const v = z.data[k];
    if (Number.isNaN(v)) return { max: NaN, at: -1, infinities: 0 };
    if (v > max) {
      max = v;
      at = k;
    }
    if (v === Infinity) infinities++;
  }
  return { max, at, infinities };
}

function filled(z: Tensor, v: number): Tensor {
  return new Tensor(z.shape, new Float64Array(z.data.length).fill(v));
}

/**
 * log sum exp z_k = m + log1p(sum over k != argmax of e^(z_k - m)): shifting by
 * the maximum keeps every exponent <= 0, and leaving the maximal term out of the
 * sum lets log1p keep full precision when the others are negligible.
 */
export function lse(z: Tensor): number {
  const { max, at } = peak(z);
  if (at < 0) return NaN;
  if (!Number.isFinite(max)) return max;
  return max + logShiftedSum(z, max, at);
}

function logShiftedSum(z: Tensor, max: number, at: number): number {
  let s = 0;
  for (let k = 0; k < z.data.length; k++) if (k !== at) s += Math.exp(z.data[k] - max);
  return Math.log1p(s);
}

/**
 * e^(z - max) / sum. Entries at +Infinity share the mass equally (the limit);
 * an all -Infinity vector has no limit and gives NaN.
 */
export function softmax(z: Tensor): Tensor {
  const { max, at, infinities } = peak(z);
  if (at < 0 || max === -Infinity) return filled(z, NaN);
  const out = new Float64Array(z.data.length);
  if (infinities > 0) {
    for (let k = 0; k < out.length; k++) out[k] = z.data[k] === Infinity ? 1 / infinities : 0;
    return new Tensor(z.shape, out);
  }
  let s = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = Math.exp(z.data[k] - max);
    s += out[k];
  }
  for (let k = 0; k < out.length; k++) out[k] /= s;
  return new Tensor(z.shape, out);
}

/**
 * z - lse(z), which stays finite where log(softmax(z)) would hit log(0). Written
 * as (z - max) - log1p(...) so the large shift cancels exactly before rounding.
 */
export function logsoftmax(z: Tensor): Tensor {
  const { max, at, infinities } = peak(z);
  if (at < 0 || max === -Infinity) return filled(z, NaN);
  const out = new Float64Array(z.data.length);
  if (infinities > 0) {
    const share = -Math.log(infinities);
    for (let k = 0; k < out.length; k++) out[k] = z.data[k] === Infinity ? share : -Infinity;
    return new Tensor(z.shape, out);
  }
  const l = logShiftedSum(z, max, at);
  for (let k = 0; k < out.length; k++) out[k] = z.data[k] - max - l;
  return new Tensor(z.shape, out);
}
