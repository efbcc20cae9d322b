// A small model in plain TypeScript, the way people write one without an
// autograd library: a two-layer network with softmax cross-entropy, and a
// layer norm, each with a hand-written backward pass. model.test.ts checks
// every backward pass with derive's testing kit.
//
// Vectors are plain arrays, matrices arrays of rows.

export type Vec = number[];
export type Mat = number[][];

export const matvec = (W: Mat, x: Vec): Vec => W.map((row) => row.reduce((s, w, j) => s + w * x[j]!, 0));
/** W' x */
export const matTvec = (W: Mat, x: Vec): Vec => W[0]!.map((_, j) => W.reduce((s, row, i) => s + row[j]! * x[i]!, 0));
export const outer = (a: Vec, b: Vec): Mat => a.map((ai) => b.map((bj) => ai * bj));
export const add = (a: Vec, b: Vec): Vec => a.map((ai, i) => ai + b[i]!);
const sum = (a: Vec): number => a.reduce((s, v) => s + v, 0);

/** softmax(z), shifted by max(z) so that exp never overflows */
export function softmax(z: Vec): Vec {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = sum(e);
  return e.map((v) => v / s);
}

export const relu = (a: Vec): Vec => a.map((v) => Math.max(0, v));

// ---------------------------------------------------------------------------
// The two-layer network: h = relu(W1 x + b1), z = W2 h + b2,
// loss = -y' log(softmax(z)) for a one-hot target y.

export interface Net {
  W1: Mat;
  b1: Vec;
  W2: Mat;
  b2: Vec;
  x: Vec;
  y: Vec;
}

export function netLoss({ W1, b1, W2, b2, x, y }: Net): number {
  const h = relu(add(matvec(W1, x), b1));
  const p = softmax(add(matvec(W2, h), b2));
  return -sum(y.map((yi, i) => yi * Math.log(p[i]!)));
}

/** The backward pass: dL/dz = softmax(z) - y (y sums to 1), then back through W2, the relu and W1. */
export function netBackward({ W1, b1, W2, b2, x, y }: Net): { W1: Mat; b1: Vec; W2: Mat; b2: Vec } {
  const a = add(matvec(W1, x), b1);
  const h = relu(a);
  const p = softmax(add(matvec(W2, h), b2));
  const dz = p.map((pi, i) => pi - y[i]!);
  const dh = matTvec(W2, dz);
  // relu'(a) = 1 for a > 0, 0 for a < 0; at a = 0 any value in [0, 1] is a subgradient
  const da = dh.map((g, i) => (a[i]! > 0 ? g : 0));
  return { W1: outer(da, x), b1: da, W2: outer(dz, h), b2: dz };
}

// ---------------------------------------------------------------------------
// Layer norm of a vector: y = gamma .* (x - mean(x)) / sqrt(var(x) + eps) + beta,
// var the biased variance, and a scalar loss L = g' y for an upstream gradient g.

export const EPS = 1e-5;

export function layerNorm(x: Vec, gamma: Vec, beta: Vec): Vec {
  const n = x.length;
  const mu = sum(x) / n;
  const xc = x.map((v) => v - mu);
  const s = Math.sqrt(sum(xc.map((v) => v * v)) / n + EPS);
  return xc.map((v, i) => (gamma[i]! * v) / s + beta[i]!);
}

export interface Norm {
  x: Vec;
  gamma: Vec;
  beta: Vec;
  g: Vec;
}

export const normLoss = ({ x, gamma, beta, g }: Norm): number => sum(layerNorm(x, gamma, beta).map((v, i) => v * g[i]!));

/** The classic backward pass: dx = (1 / s) (d - mean(d) - xhat mean(d .* xhat)), d = gamma .* g. */
export function normBackward({ x, gamma, beta, g }: Norm): { x: Vec; gamma: Vec; beta: Vec; g: Vec } {
  const n = x.length;
  const mu = sum(x) / n;
  const xc = x.map((v) => v - mu);
  const s = Math.sqrt(sum(xc.map((v) => v * v)) / n + EPS);
  const xhat = xc.map((v) => v / s);
  const d = g.map((gi, i) => gi * gamma[i]!);
  const md = sum(d) / n;
  const mdx = sum(d.map((di, i) => di * xhat[i]!)) / n;
  return {
    x: d.map((di, i) => (di - md - xhat[i]! * mdx) / s),
    gamma: g.map((gi, i) => gi * xhat[i]!),
    beta: [...g],
    g: layerNorm(x, gamma, beta),
  };
}
