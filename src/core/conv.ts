// Kernels of the tensor operators with PyTorch's semantics: convolution
// (cross-correlation, stride, zero padding, dilation, groups), its two
// adjoints (transposed convolution and the weight gradient), average and max
// pooling, and training-mode batch normalisation. Row-major N x C x H x W; a
// 1-d operator runs as the 2-d one with H = 1 and a 1 x k kernel. Plain loops,
// checked against direct definitions in tests/tensor.

import { Tensor } from "./tensor.js";

/** Stride, padding, dilation per spatial axis (h, w) and the number of groups. */
export interface ConvParams {
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly dh: number;
  readonly dw: number;
  readonly groups: number;
}

/** PyTorch's output length: floor((n + 2p - d (k - 1) - 1) / s) + 1 (may be <= 0 when it does not fit). */
export const convOut = (n: number, k: number, s: number, p: number, d: number): number => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

/** Views a rank-3 N x C x L tensor as N x C x 1 x L (same data). */
export const as4 = (t: Tensor): readonly [number, number, number, number] =>
  t.shape.length === 3 ? [t.shape[0]!, t.shape[1]!, 1, t.shape[2]!] : [t.shape[0]!, t.shape[1]!, t.shape[2]!, t.shape[3]!];

/** out[n,o,i,j] = b[o] + sum over c in o's group, u, v of x[n, c, i s - p + u d, j s - p + v d] w[o, c', u, v]. */
export function conv2d(x: Tensor, w: Tensor, bias: Tensor | null, p: ConvParams, rank = 4): Tensor {
  const [N, C, H, W] = as4(x);
  const [O, Cg, KH, KW] = as4(w);
  const OH = convOut(H, KH, p.sh, p.ph, p.dh);
  const OW = convOut(W, KW, p.sw, p.pw, p.dw);
  const Og = O / p.groups;
  const out = new Float64Array(N * O * OH * OW);
  const xd = x.data;
  const wd = w.data;
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      const c0 = Math.floor(o / Og) * Cg;
      const bo = bias ? (bias.size === 1 ? bias.data[0]! : bias.data[o]!) : 0;
      for (let i = 0; i < OH; i++)
        for (let j = 0; j < OW; j++) {
          let acc = bo;
          for (let c = 0; c < Cg; c++) {
            const xBase = (n * C + c0 + c) * H;
            const wBase = (o * Cg + c) * KH;
            for (let u = 0; u < KH; u++) {
              const r = i * p.sh - p.ph + u * p.dh;
              if (r < 0 || r >= H) continue;
              const xRow = (xBase + r) * W;
              const wRow = (wBase + u) * KW;
              for (let v = 0; v < KW; v++) {
                const q = j * p.sw - p.pw + v * p.dw;
                if (q < 0 || q >= W) continue;
                acc += xd[xRow + q]! * wd[wRow + v]!;
              }
            }
          }
          out[((n * O + o) * OH + i) * OW + j] = acc;
        }
    }
  return new Tensor(rank === 3 ? [N, O, OW] : [N, O, OH, OW], out);
}

/**
 * The adjoint of conv2d in its input (a transposed convolution): the
 * cotangent of x (shape `xShape`) from the output cotangent g.
 */
export function conv2dInputGrad(g: Tensor, w: Tensor, xShape: readonly number[], p: ConvParams): Tensor {
  const gx = new Tensor(xShape);
  const [N, C, H, W] = as4(gx);
  const [O, Cg, KH, KW] = as4(w);
  const [, , OH, OW] = as4(g);
  const Og = O / p.groups;
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      const c0 = Math.floor(o / Og) * Cg;
      for (let i = 0; i < OH; i++)
        for (let j = 0; j < OW; j++) {
          const gv = g.data[((n * O + o) * OH + i) * OW + j]!;
          if (gv === 0) continue;
          for (let c = 0; c < Cg; c++)
            for (let u = 0; u < KH; u++) {
              const r = i * p.sh - p.ph + u * p.dh;
              if (r < 0 || r >= H) continue;
              for (let v = 0; v < KW; v++) {
                const q = j * p.sw - p.pw + v * p.dw;
                if (q < 0 || q >= W) continue;
                gx.data[((n * C + c0 + c) * H + r) * W + q] += gv * w.data[((o * Cg + c) * KH + u) * KW + v]!;
              }
            }
        }
    }
  return gx;
}

/** The adjoint of conv2d in its weight: the cotangent of w (shape `wShape`) from g. */
export function conv2dWeightGrad(x: Tensor, g: Tensor, wShape: readonly number[], p: ConvParams): Tensor {
  const gw = new Tensor(wShape);
  const [N, C, H, W] = as4(x);
  const [O, Cg, KH, KW] = as4(gw);
  const [, , OH, OW] = as4(g);
  const Og = O / p.groups;
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      const c0 = Math.floor(o / Og) * Cg;
      for (let i = 0; i < OH; i++)
        for (let j = 0; j < OW; j++) {
          const gv = g.data[((n * O + o) * OH + i) * OW + j]!;
          if (gv === 0) continue;
          for (let c = 0; c < Cg; c++)
            for (let u = 0; u < KH; u++) {
              const r = i * p.sh - p.ph + u * p.dh;
              if (r < 0 || r >= H) continue;
              for (let v = 0; v < KW; v++) {
                const q = j * p.sw - p.pw + v * p.dw;
                if (q < 0 || q >= W) continue;
                gw.data[((o * Cg + c) * KH + u) * KW + v] += gv * x.data[((n * C + c0 + c) * H + r) * W + q]!;
              }
            }
        }
    }
  return gw;
}

/** Pooling windows kh x kw with strides sh, sw, no padding (PyTorch's defaults but for the stride). */
export interface PoolParams {
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
}

/**
 * Visits every pooling window: f(outIndex, entryIndices). The output is
 * N x C x OH x OW with OH = floor((H - kh) / sh) + 1.
 */
export function windows(x: Tensor, p: PoolParams, f: (out: number, idx: readonly number[]) => void): readonly number[] {
  const [N, C, H, W] = as4(x);
  const OH = convOut(H, p.kh, p.sh, 0, 1);
  const OW = convOut(W, p.kw, p.sw, 0, 1);
  const idx: number[] = [];
  for (let nc = 0; nc < N * C; nc++)
    for (let i = 0; i < OH; i++)
      for (let j = 0; j < OW; j++) {
        idx.length = 0;
        for (let u = 0; u < p.kh; u++) for (let v = 0; v < p.kw; v++) idx.push((nc * H + i * p.sh + u) * W + j * p.sw + v);
        f((nc * OH + i) * OW + j, idx);
      }
  return x.shape.length === 3 ? [N, C, OW] : [N, C, OH, OW];
}

export function avgpool(x: Tensor, p: PoolParams): Tensor {
  const vals: number[] = [];
  const shape = windows(x, p, (o, idx) => {
    let s = 0;
    for (const k of idx) s += x.data[k]!;
    vals[o] = s / idx.length;
  });
  return new Tensor(shape, Float64Array.from(vals));
}

/**
 * Max pooling; with `v`, the entries of v at the positions of x's window
 * maxima (the differential of max pooling in the direction v). The first
 * maximum wins a tie, as in PyTorch. `kink` receives, per window entry, the
 * sign of (entry - largest other entry), which changes exactly when the
 * winner does, so finite differences never step across a change of winner.
 */
export function maxpool(x: Tensor, p: PoolParams, v: Tensor | null = null, kink?: (signs: Tensor) => void): Tensor {
  const vals: number[] = [];
  const signs: number[] = [];
  const shape = windows(x, p, (o, idx) => {
    const best = windowMax(x, idx, kink ? signs : null);
    vals[o] = (v ?? x).data[best]!;
  });
  if (kink) kink(new Tensor([signs.length], Float64Array.from(signs)));
  return new Tensor(shape, Float64Array.from(vals));
}

/**
 * The position of the largest entry of x among idx (the first one on a tie,
 * as PyTorch); with `signs`, pushes per entry the sign of (entry - largest
 * other entry), which changes exactly when the winner does.
 */
export function windowMax(x: Tensor, idx: readonly number[], signs: number[] | null): number {
  let best = idx[0]!;
  let first = -Infinity;
  let second = -Infinity;
  for (const k of idx) {
    const a = x.data[k]!;
    if (a > first) {
      second = first;
      first = a;
      best = k;
    } else if (a > second) second = a;
  }
  if (signs) for (const k of idx) signs.push(x.data[k]! - (k === best ? second : first));
  return best;
}

/**
 * Training-mode batch normalisation over every axis but the channel axis 1:
 * gamma (x - mean) / sqrt(var + eps) + beta with the biased variance (divide
 * by the count), as PyTorch's training mode normalises. With `dx`, the
 * differential in x along dx instead (gamma / sigma (dx - mean(dx) - xhat
 * mean(dx xhat)), per channel).
 */
export function batchnorm(x: Tensor, gamma: Tensor, beta: Tensor, eps: number, dx: Tensor | null = null): Tensor {
  const C = x.shape[1]!;
  const inner = x.shape.slice(2).reduce((a, b) => a * b, 1);
  const N = x.shape[0]!;
  const count = N * inner;
  const out = new Float64Array(x.size);
  const at = (n: number, c: number, k: number): number => (n * C + c) * inner + k;
  const per = (t: Tensor, c: number): number => (t.size === 1 ? t.data[0]! : t.data[c]!);
  for (let c = 0; c < C; c++) {
    let mean = 0;
    for (let n = 0; n < N; n++) for (let k = 0; k < inner; k++) mean += x.data[at(n, c, k)]!;
    mean /= count;
    let variance = 0;
    for (let n = 0; n < N; n++) for (let k = 0; k < inner; k++) variance += (x.data[at(n, c, k)]! - mean) ** 2;
    variance /= count;
    const sigma = Math.sqrt(variance + eps);
    const g = per(gamma, c);
    if (!dx) {
      const b = per(beta, c);
      for (let n = 0; n < N; n++) for (let k = 0; k < inner; k++) out[at(n, c, k)] = (g * (x.data[at(n, c, k)]! - mean)) / sigma + b;
      continue;
    }
    let md = 0;
    let mdx = 0;
    for (let n = 0; n < N; n++)
      for (let k = 0; k < inner; k++) {
        const d = dx.data[at(n, c, k)]!;
        md += d;
        mdx += (d * (x.data[at(n, c, k)]! - mean)) / sigma;
      }
    md /= count;
    mdx /= count;
    for (let n = 0; n < N; n++)
      for (let k = 0; k < inner; k++) {
        const xhat = (x.data[at(n, c, k)]! - mean) / sigma;
        out[at(n, c, k)] = (g / sigma) * (dx.data[at(n, c, k)]! - md - xhat * mdx);
      }
  }
  return new Tensor(x.shape, out);
}

/** A tensor of `shape` whose entries in channel c (axis 1) are b[c] (a scalar b: everywhere). */
export function channels(b: Tensor, shape: readonly number[]): Tensor {
  const C = shape[1]!;
  const inner = shape.slice(2).reduce((a, x) => a * x, 1);
  const out = new Tensor(shape);
  for (let k = 0; k < out.size; k++) out.data[k] = b.size === 1 ? b.data[0]! : b.data[Math.floor(k / inner) % C]!;
  return out;
}
