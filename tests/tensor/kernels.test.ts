// The tensor kernels against direct definitions written independently here
// (explicit zero-padded inputs, one output entry at a time, as the PyTorch
// documentation defines them), over random sizes, strides, paddings,
// dilations and groups; hand-computed PyTorch values; the adjoint kernels
// against <g, conv(d)>; and the special cases 1 x 1 (a per-pixel matrix
// product) and depthwise (groups = channels).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ConvParams, avgpool, batchnorm, channels, conv2d, conv2dInputGrad, conv2dWeightGrad, maxpool } from "../../src/core/conv.js";
import { Tensor } from "../../src/core/tensor.js";
import { Random } from "../../src/numeric/random.js";

const rand = (shape: number[], rng: Random): Tensor => {
  const t = new Tensor(shape);
  for (let k = 0; k < t.size; k++) t.data[k] = rng.uniform(-2, 2);
  return t;
};

/** x[n][c][i][j] with zeros outside (the padding) */
const at4 = (t: Tensor, n: number, c: number, i: number, j: number): number => {
  const [, C, H, W] = t.shape as number[];
  if (i < 0 || j < 0 || i >= H! || j >= W!) return 0;
  return t.data[((n * C! + c) * H! + i) * W! + j]!;
};

/** torch.nn.functional.conv2d, entry by entry from its documented formula. */
function directConv2d(x: Tensor, w: Tensor, b: Tensor | null, p: ConvParams): Tensor {
  const [N, Cin, H, W] = x.shape as number[];
  const [Cout, Cg, KH, KW] = w.shape as number[];
  const OH = Math.floor((H! + 2 * p.ph - p.dh * (KH! - 1) - 1) / p.sh) + 1;
  const OW = Math.floor((W! + 2 * p.pw - p.dw * (KW! - 1) - 1) / p.sw) + 1;
  const out = new Tensor([N!, Cout!, OH, OW]);
  const perGroupOut = Cout! / p.groups;
  expect(Cg! * p.groups).toBe(Cin);
  let k = 0;
  for (let n = 0; n < N!; n++)
    for (let o = 0; o < Cout!; o++)
      for (let i = 0; i < OH; i++)
        for (let j = 0; j < OW; j++) {
          const group = Math.floor(o / perGroupOut);
          let s = b ? b.data[o]! : 0;
          for (let c = 0; c < Cg!; c++)
            for (let u = 0; u < KH!; u++)
              for (let v = 0; v < KW!; v++) s += at4(x, n, group * Cg! + c, i * p.sh - p.ph + u * p.dh, j * p.sw - p.pw + v * p.dw) * w.data[((o * Cg! + c) * KH! + u) * KW! + v]!;
          out.data[k++] = s;
        }
  return out;
}

const close = (a: Tensor, b: Tensor): void => {
  expect(a.shape).toEqual(b.shape);
  a.data.forEach((x, k) => expect(Math.abs(x - b.data[k]!)).toBeLessThan(1e-10 * (1 + Math.abs(x))));
};

const dot = (a: Tensor, b: Tensor): number => a.data.reduce((s, x, k) => s + x * b.data[k]!, 0);

/** Random convolution configurations that fit (output at least 1 x 1). */
const configs = fc
  .record({
    N: fc.integer({ min: 1, max: 2 }),
    groups: fc.integer({ min: 1, max: 3 }),
    cg: fc.integer({ min: 1, max: 2 }),
    og: fc.integer({ min: 1, max: 2 }),
    KH: fc.integer({ min: 1, max: 3 }),
    KW: fc.integer({ min: 1, max: 3 }),
    s: fc.integer({ min: 1, max: 3 }),
    p: fc.integer({ min: 0, max: 2 }),
    d: fc.integer({ min: 1, max: 2 }),
    extraH: fc.integer({ min: 0, max: 4 }),
    extraW: fc.integer({ min: 0, max: 4 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .map((c) => {
    const H = Math.max(1, c.d * (c.KH - 1) + 1 - 2 * c.p) + c.extraH;
    const W = Math.max(1, c.d * (c.KW - 1) + 1 - 2 * c.p) + c.extraW;
    const params: ConvParams = { sh: c.s, sw: c.s, ph: c.p, pw: c.p, dh: c.d, dw: c.d, groups: c.groups };
    return { ...c, H, W, Cin: c.cg * c.groups, Cout: c.og * c.groups, params };
  });

describe("conv2d", () => {
  it("matches the direct definition over random sizes, strides, paddings, dilations and groups", () => {
    fc.assert(
      fc.property(configs, (c) => {
        const rng = new Random(c.seed);
        const x = rand([c.N, c.Cin, c.H, c.W], rng);
        const w = rand([c.Cout, c.cg, c.KH, c.KW], rng);
        const b = rand([c.Cout, 1], rng);
        close(conv2d(x, w, b, c.params), directConv2d(x, w, b, c.params));
        close(conv2d(x, w, null, c.params), directConv2d(x, w, null, c.params));
      }),
      { numRuns: 150, seed: 1 },
    );
  });

  it("its adjoints are the transposed convolution and the weight gradient: <g, conv(x, w)> = <gx(g), x> = <gw(g), w>", () => {
    fc.assert(
      fc.property(configs, (c) => {
        const rng = new Random(c.seed);
        const x = rand([c.N, c.Cin, c.H, c.W], rng);
        const w = rand([c.Cout, c.cg, c.KH, c.KW], rng);
        const y = conv2d(x, w, null, c.params);
        const g = rand([...y.shape], rng);
        const lhs = dot(g, y);
        const viaX = dot(conv2dInputGrad(g, w, x.shape, c.params), x);
        const viaW = dot(conv2dWeightGrad(x, g, w.shape, c.params), w);
        expect(Math.abs(lhs - viaX)).toBeLessThan(1e-9 * (1 + Math.abs(lhs)));
        expect(Math.abs(lhs - viaW)).toBeLessThan(1e-9 * (1 + Math.abs(lhs)));
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it("hand-computed PyTorch values: a 2 x 2 kernel on a 3 x 3 ramp, with padding 1 and stride 2", () => {
    const x = new Tensor([1, 1, 3, 3], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const w = new Tensor([1, 1, 2, 2], Float64Array.from([1, 2, 3, 4]));
    const p1: ConvParams = { sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1, groups: 1 };
    // [1*1+2*2+4*3+5*4, ...] = [37, 47; 67, 77] (torch.nn.functional.conv2d)
    expect(Array.from(conv2d(x, w, null, p1).data)).toEqual([37, 47, 67, 77]);
    // padding 1, stride 2: windows at (-1,-1), (-1,1), (1,-1), (1,1) -> [4, 11+... ]
    const p2: ConvParams = { sh: 2, sw: 2, ph: 1, pw: 1, dh: 1, dw: 1, groups: 1 };
    // (-1,-1): only x[0,0]*w[1,1] = 4; (-1,1): x[0,1]*3 + x[0,2]*4 = 6 + 12 = 18;
    // (1,-1): x[1,0]*2 + x[2,0]*4 = 8 + 28 = 36; (1,1): 5*1 + 6*2 + 8*3 + 9*4 = 77
    expect(Array.from(conv2d(x, w, null, p2).data)).toEqual([4, 18, 36, 77]);
    // dilation 2 on the 3 x 3 ramp: one window of the corners, 1*1 + 3*2 + 7*3 + 9*4 = 64
    const p3: ConvParams = { sh: 1, sw: 1, ph: 0, pw: 0, dh: 2, dw: 2, groups: 1 };
    expect(Array.from(conv2d(x, w, null, p3).data)).toEqual([64]);
  });

  it("a 1 x 1 convolution is the same matrix product at every pixel", () => {
    const rng = new Random(9);
    const x = rand([2, 3, 4, 5], rng);
    const w = rand([4, 3, 1, 1], rng);
    const y = conv2d(x, w, null, { sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1, groups: 1 });
    for (let n = 0; n < 2; n++)
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 5; j++)
          for (let o = 0; o < 4; o++) {
            let s = 0;
            for (let c = 0; c < 3; c++) s += w.data[o * 3 + c]! * at4(x, n, c, i, j);
            expect(Math.abs(at4(y, n, o, i, j) - s)).toBeLessThan(1e-12);
          }
  });

  it("depthwise (groups = channels) convolves each channel with its own kernel only", () => {
    const rng = new Random(10);
    const C = 3;
    const x = rand([1, C, 5, 5], rng);
    const w = rand([C, 1, 3, 3], rng);
    const p: ConvParams = { sh: 1, sw: 1, ph: 1, pw: 1, dh: 1, dw: 1, groups: C };
    const y = conv2d(x, w, null, p);
    for (let c = 0; c < C; c++) {
      const xc = new Tensor([1, 1, 5, 5], x.data.slice(c * 25, (c + 1) * 25));
      const wc = new Tensor([1, 1, 3, 3], w.data.slice(c * 9, (c + 1) * 9));
      const yc = conv2d(xc, wc, null, { ...p, groups: 1 });
      close(new Tensor([1, 1, 5, 5], y.data.slice(c * 25, (c + 1) * 25)), yc);
    }
  });

  it("conv1d is conv2d with a height of 1 (rank-3 result)", () => {
    const rng = new Random(11);
    const x = rand([2, 2, 7], rng);
    const w = rand([3, 2, 3], rng);
    const p: ConvParams = { sh: 1, sw: 2, ph: 0, pw: 1, dh: 1, dw: 2, groups: 1 };
    const y = conv2d(x, w, null, p, 3);
    expect(y.shape).toEqual([2, 3, 3]);
    const y4 = directConv2d(new Tensor([2, 2, 1, 7], x.data), new Tensor([3, 2, 1, 3], w.data), null, p);
    close(new Tensor([2, 3, 1, 3], y.data), y4);
  });
});

describe("pooling and batch normalisation", () => {
  const pools = fc.record({
    k: fc.integer({ min: 1, max: 3 }),
    s: fc.integer({ min: 1, max: 3 }),
    extra: fc.integer({ min: 0, max: 4 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });

  it("avgpool and maxpool match window-by-window definitions (PyTorch: no padding, floor)", () => {
    fc.assert(
      fc.property(pools, ({ k, s, extra, seed }) => {
        const rng = new Random(seed);
        const H = k + extra;
        const W = k + ((extra * 7) % 5);
        const x = rand([2, 2, H, W], rng);
        const p = { kh: k, kw: k, sh: s, sw: s };
        const avg = avgpool(x, p);
        const max = maxpool(x, p);
        const OH = Math.floor((H - k) / s) + 1;
        const OW = Math.floor((W - k) / s) + 1;
        expect(avg.shape).toEqual([2, 2, OH, OW]);
        for (let n = 0; n < 2; n++)
          for (let c = 0; c < 2; c++)
            for (let i = 0; i < OH; i++)
              for (let j = 0; j < OW; j++) {
                const win: number[] = [];
                for (let u = 0; u < k; u++) for (let v = 0; v < k; v++) win.push(at4(x, n, c, i * s + u, j * s + v));
                expect(Math.abs(at4(avg, n, c, i, j) - win.reduce((a, b) => a + b, 0) / win.length)).toBeLessThan(1e-12);
                expect(at4(max, n, c, i, j)).toBe(Math.max(...win));
              }
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it("hand-computed pooling values", () => {
    const x = new Tensor([1, 1, 4], Float64Array.from([1, 3, 2, 6]));
    expect(Array.from(avgpool(x, { kh: 1, kw: 2, sh: 1, sw: 1 }).data)).toEqual([2, 2.5, 4]);
    expect(Array.from(maxpool(x, { kh: 1, kw: 2, sh: 1, sw: 1 }).data)).toEqual([3, 3, 6]);
    expect(Array.from(maxpool(x, { kh: 1, kw: 2, sh: 1, sw: 2 }).data)).toEqual([3, 6]);
  });

  it("batchnorm: per channel over N, H, W with the biased variance; the differential matches finite differences", () => {
    const rng = new Random(12);
    const x = rand([3, 2, 2, 2], rng);
    const gamma = Tensor.column([1.5, -0.5]);
    const beta = Tensor.column([0.25, 2]);
    const y = batchnorm(x, gamma, beta, 1e-5);
    for (let c = 0; c < 2; c++) {
      const vals: number[] = [];
      for (let n = 0; n < 3; n++) for (let k = 0; k < 4; k++) vals.push(x.data[(n * 2 + c) * 4 + k]!);
      const mean = vals.reduce((a, b) => a + b, 0) / 12;
      const variance = vals.reduce((a, b) => a + (b - mean) ** 2, 0) / 12; // biased, as PyTorch training mode
      let k2 = 0;
      for (let n = 0; n < 3; n++)
        for (let k = 0; k < 4; k++) {
          const want = (gamma.data[c]! * (vals[k2++]! - mean)) / Math.sqrt(variance + 1e-5) + beta.data[c]!;
          expect(Math.abs(y.data[(n * 2 + c) * 4 + k]! - want)).toBeLessThan(1e-12);
        }
    }
    // known value: channel values 1, 3 -> -1, 1 (eps 0)
    const m = Tensor.fromRows([[1, 2], [3, 6]]);
    expect(Array.from(batchnorm(m, Tensor.scalar(1), Tensor.scalar(0), 0).data)).toEqual([-1, -1, 1, 1]);
    // the differential along v against a central difference
    const v = rand([3, 2, 2, 2], rng);
    const h = 1e-6;
    const plus = batchnorm(new Tensor(x.shape, x.data.map((a, k) => a + h * v.data[k]!)), gamma, beta, 1e-5);
    const minus = batchnorm(new Tensor(x.shape, x.data.map((a, k) => a - h * v.data[k]!)), gamma, beta, 1e-5);
    const d = batchnorm(x, gamma, beta, 1e-5, v);
    d.data.forEach((dv, k) => expect(Math.abs(dv - (plus.data[k]! - minus.data[k]!) / (2 * h))).toBeLessThan(1e-6));
  });

  it("channels puts b[c] in every entry of channel c", () => {
    const t = channels(Tensor.column([1, 2]), [2, 2, 3]);
    expect(Array.from(t.data)).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]);
  });
});
