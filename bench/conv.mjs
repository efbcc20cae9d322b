// The `conv` section of `npm run bench` (registered in run.mjs): conv2d of a
// 1 x 3 x 32 x 32 input with 8 filters 3 x 3 (padding 1): forward time,
// backward time (the input and weight gradients of sum(G .* conv2d(X, W)) by
// the adjoint kernels, a transposed convolution and the weight gradient), a
// check of that backward pass against a central difference in a random
// direction, and the time of the checker's own finite-difference check of the
// gradient in a random direction (target < 1 s).

import { Tensor, equal, tensorKernels } from "../dist/index.js";

const RUNS = Number(process.env.BENCH_CONV_RUNS ?? 20);
const FD_TARGET_S = 1;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const round = (x, d = 4) => Number(x.toFixed(d));

function random(shape, seed) {
  let s = seed >>> 0;
  const t = new Tensor(shape);
  for (let k = 0; k < t.size; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    t.data[k] = s / 2 ** 31 - 1;
  }
  return t;
}

const dot = (a, b) => a.data.reduce((s, x, k) => s + x * b.data[k], 0);

export function benchConv(log = () => {}) {
  const { conv2d, conv2dInputGrad, conv2dWeightGrad } = tensorKernels;
  const p = { sh: 1, sw: 1, ph: 1, pw: 1, dh: 1, dw: 1, groups: 1 };
  const x = random([1, 3, 32, 32], 1);
  const w = random([8, 3, 3, 3], 2);
  const g = random([1, 8, 32, 32], 3);
  log("conv forward/backward ...");
  const fwd = [];
  const bwd = [];
  let gx;
  let gw;
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    conv2d(x, w, null, p);
    fwd.push(performance.now() - t0);
    t0 = performance.now();
    gx = conv2dInputGrad(g, w, x.shape, p);
    gw = conv2dWeightGrad(x, g, w.shape, p);
    bwd.push(performance.now() - t0);
  }
  // the backward pass against a central difference of L(X, W) = <G, conv2d(X, W)> in a random direction
  const vx = random([1, 3, 32, 32], 4);
  const vw = random([8, 3, 3, 3], 5);
  const h = 1e-4;
  const L = (s) => dot(g, conv2d(new Tensor(x.shape, x.data.map((a, k) => a + s * vx.data[k])), new Tensor(w.shape, w.data.map((a, k) => a + s * vw.data[k])), null, p));
  const fd = (L(h) - L(-h)) / (2 * h);
  const ad = dot(gx, vx) + dot(gw, vw);
  // the checker: finite differences of the loss along a random direction V against the forward rule
  log("conv FD check through equal() ...");
  const lets = ["X, V: 1 x 3 x 32 x 32", "W, U: 8 x 3 x 3 x 3", "G: 1 x 8 x 32 x 32"];
  const claims = [
    ["input", "diff(sum(G .* conv2d(X, W, 0, 1, 1)), X, V)", "sum(G .* conv2d(V, W, 0, 1, 1))"],
    ["weights", "diff(sum(G .* conv2d(X, W, 0, 1, 1)), W, U)", "sum(G .* conv2d(X, U, 0, 1, 1))"],
    ["squared-loss-input", "diff(sum(conv2d(X, W, 0, 1, 1) .^ 2), X, V)", "2 * sum(conv2d(X, W, 0, 1, 1) .* conv2d(V, W, 0, 1, 1))"],
  ];
  const fdCheck = {};
  for (const [name, lhs, rhs] of claims) {
    const times = [];
    let r;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      r = equal({ lhs, rhs, let: lets, seed: 100 + i });
      times.push((performance.now() - t0) / 1000);
    }
    const samples = /on (\d+) samples/.exec(r.detail);
    fdCheck[name] = { verdict: r.verdict, samples: samples ? Number(samples[1]) : null, medianSeconds: round(median(times)), maxSeconds: round(Math.max(...times)) };
  }
  const wrong = equal({ lhs: claims[0][1], rhs: "sum(G .* conv2d(V, -W, 0, 1, 1))", let: lets, seed: 7 });
  return {
    shape: "X 1x3x32x32, W 8x3x3x3, padding 1 -> 1x8x32x32",
    forwardMs: { median: round(median(fwd), 3), min: round(Math.min(...fwd), 3), runs: RUNS },
    backwardMs: { median: round(median(bwd), 3), min: round(Math.min(...bwd), 3), runs: RUNS, note: "input gradient (transposed convolution) + weight gradient" },
    backwardVsCentralDifference: { adjoint: round(ad, 8), centralDifference: round(fd, 8), relError: Number((Math.abs(ad - fd) / Math.abs(fd)).toExponential(2)) },
    fdCheck,
    flippedKernelRefuted: wrong.verdict === "refuted",
    fdCheckUnder1s: Object.values(fdCheck).every((c) => c.verdict === "verified" && c.medianSeconds < FD_TARGET_S),
  };
}
