// The `testing` section of `npm run bench` (registered in run.mjs): a mutation
// study of the kit itself (issue 13). Correct hand-written (loss, gradient)
// pairs in plain JS over nested arrays, and mutants of each gradient of the
// kinds people make: transposed (square, non-symmetric gradients only),
// factor 2, factor 1/2, sign, a wrong index (rows shifted by one: g[i] read
// from g[i+1]), a dropped term, one entry off by one. Measured:
//   - catch rate: each mutant through gradcheck as a property (MUTANT_RUNS
//     points, throws: false); target >= 99%
//   - false alarms: each correct pair through gradcheck on 1,000 generated
//     points, plus points exactly at the kinks for the relu/abs/max/hinge/
//     Huber losses; target 0
//   - time of one gradcheck at a given point with every dimension 8 (median
//     ms over pairs); target < 5 ms.
// Only the first-listed input's gradient is mutated; all inputs are checked.

import fc from "fast-check";
import { arbitrary, gradcheck } from "../dist/testing.js";

const MUTANT_RUNS = 20;
const CORRECT_RUNS = 1000;
const TIME_REPS = 15;
const CATCH_TARGET = 0.99;
const MS_TARGET = 5;

// --------------------------------------------------------------- helpers
const zeros = (r, c) => Array.from({ length: r }, () => new Array(c).fill(0));
const eye = (n) => zeros(n, n).map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
const T = (A) => A[0].map((_, j) => A.map((row) => row[j]));
const mm = (A, B) => A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
const mv = (A, x) => A.map((row) => row.reduce((s, a, k) => s + a * x[k], 0));
const dot = (x, y) => x.reduce((s, a, i) => s + a * y[i], 0);
const outer = (x, y) => x.map((a) => y.map((b) => a * b));
const add = (A, B) => (Array.isArray(A) ? A.map((a, i) => add(a, B[i])) : A + B);
const sub = (A, B) => (Array.isArray(A) ? A.map((a, i) => sub(a, B[i])) : A - B);
const sc = (k, A) => (Array.isArray(A) ? A.map((a) => sc(k, a)) : k * A);
const had = (A, B) => (Array.isArray(A) ? A.map((a, i) => had(a, B[i])) : A * B);
const map = (A, f) => (Array.isArray(A) ? A.map((a) => map(a, f)) : f(A));
const sum = (A) => (Array.isArray(A) ? A.reduce((s, a) => s + sum(a), 0) : A);
const tr = (A) => A.reduce((s, row, i) => s + row[i], 0);
const sigm = (z) => 1 / (1 + Math.exp(-z));
const relu = (z) => Math.max(0, z);
const sign = (z) => (z > 0 ? 1 : z < 0 ? -1 : 0);
function inv(A) {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...eye(n)[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c];
    for (let j = 0; j < 2 * n; j++) M[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) M[r][j] -= f * M[c][j];
    }
  }
  return M.map((row) => row.slice(n));
}
/** log|det| and det by Gaussian elimination with partial pivoting */
function lu(A) {
  const M = A.map((r) => [...r]);
  const n = M.length;
  let logAbs = 0;
  let s = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (p !== c) ([M[c], M[p]] = [M[p], M[c]]), (s = -s);
    const d = M[c][c];
    logAbs += Math.log(Math.abs(d));
    s *= Math.sign(d);
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / d;
      for (let j = c; j < n; j++) M[r][j] -= f * M[c][j];
    }
  }
  return { logAbs, det: s * Math.exp(logAbs) };
}
const softmax = (z) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const lse = (z) => {
  const m = Math.max(...z);
  return m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
};
const mean = (x) => x.reduce((a, b) => a + b, 0) / x.length;

// --------------------------------------------------------- the pairs
// Each: name, let (declarations), dims for the study, f(values), g(values,
// drop) → { name: gradient } where `drop` omits one term of the gradient of
// the first input, sym: the first gradient is symmetric by construction (no
// transpose mutant), kinks: points exactly at kinks (functions of n).
const D = { n: [2, 4], m: [2, 4] };
const PAIRS = [
  { name: "tr(A X)", let: "X: n x m; A: m x n", f: ({ X, A }) => tr(mm(A, X)), g: ({ X, A }) => ({ X: T(A), A: T(X) }) },
  { name: "tr(X' A X)", let: "X: n x m; A: n x n", f: ({ X, A }) => tr(mm(T(X), mm(A, X))), g: ({ X, A }, drop) => ({ X: drop ? mm(A, X) : mm(add(A, T(A)), X), A: mm(X, T(X)) }) },
  { name: "x' A x", let: "x: n; A: n x n", f: ({ x, A }) => dot(x, mv(A, x)), g: ({ x, A }, drop) => ({ x: drop ? mv(A, x) : mv(add(A, T(A)), x), A: outer(x, x) }) },
  {
    name: "||A x - b||^2",
    let: "x: n; A: m x n; b: m",
    f: ({ x, A, b }) => sum(map(sub(mv(A, x), b), (v) => v * v)),
    g: ({ x, A, b }, drop) => {
      const r = sub(mv(A, x), b);
      return { x: sc(2, mv(T(A), drop ? mv(A, x) : r)), A: sc(2, outer(r, x)), b: sc(-2, r) };
    },
  },
  { name: "a' X b", let: "X: n x m; a: n; b: m", f: ({ X, a, b }) => dot(a, mv(X, b)), g: ({ X, a, b }) => ({ X: outer(a, b), a: mv(X, b), b: mv(T(X), a) }) },
  { name: "tr(A X B)", let: "X: n x m; A: m x n; B: m x m", f: ({ X, A, B }) => tr(mm(A, mm(X, B))), g: ({ X, A, B }) => ({ X: T(mm(B, A)), A: T(mm(X, B)), B: T(mm(A, X)) }) },
  { name: "tr(X A X')", let: "X: n x m; A: m x m", f: ({ X, A }) => tr(mm(X, mm(A, T(X)))), g: ({ X, A }, drop) => ({ X: drop ? mm(X, A) : mm(X, add(A, T(A))), A: mm(T(X), X) }) },
  { name: "||X - A||_F^2", let: "X: n x m; A: n x m", f: ({ X, A }) => sum(map(sub(X, A), (v) => v * v)), g: ({ X, A }, drop) => ({ X: sc(2, drop ? X : sub(X, A)), A: sc(-2, sub(X, A)) }) },
  {
    name: "logdet(X) + tr(A X), X spd",
    let: "X: n x n spd; A: n x n",
    f: ({ X, A }) => lu(X).logAbs + tr(mm(A, X)),
    g: ({ X, A }, drop) => ({ X: drop ? T(inv(X)) : add(T(inv(X)), T(A)), A: T(X) }),
  },
  {
    name: "tr(inv(X) A) + tr(X)",
    let: "X: n x n invertible; A: n x n",
    f: ({ X, A }) => tr(mm(inv(X), A)) + tr(X),
    g: ({ X, A }, drop) => {
      const Xi = inv(X);
      const t = sc(-1, T(mm(Xi, mm(A, Xi))));
      return { X: drop ? t : add(t, eye(X.length)), A: T(Xi) };
    },
  },
  {
    name: "logdet(X' X + I)",
    let: "X: n x m",
    f: ({ X }) => lu(add(mm(T(X), X), eye(X[0].length))).logAbs,
    g: ({ X }, drop) => ({ X: sc(drop ? 1 : 2, mm(X, inv(add(mm(T(X), X), eye(X[0].length))))) }),
  },
  { name: "lse(x) - a'x", let: "x: n; a: n", f: ({ x, a }) => lse(x) - dot(x, a), g: ({ x, a }, drop) => ({ x: drop ? softmax(x) : sub(softmax(x), a), a: sc(-1, x) }) },
  {
    name: "softmax cross-entropy of W x",
    let: "W: n x m; x: m; y: n simplex",
    f: ({ W, x, y }) => {
      const z = mv(W, x);
      return lse(z) - dot(y, z);
    },
    g: ({ W, x, y }, drop) => {
      const d = sub(softmax(mv(W, x)), y);
      return { W: outer(drop ? softmax(mv(W, x)) : d, x), x: mv(T(W), d), y: sc(-1, mv(W, x)) };
    },
  },
  {
    name: "c' layernorm(x)",
    let: "x: n; c: n",
    f: ({ x, c }) => {
      const mu = mean(x);
      const s = Math.sqrt(mean(x.map((v) => (v - mu) ** 2)) + 1);
      return dot(c, x.map((v) => (v - mu) / s));
    },
    g: ({ x, c }, drop) => {
      const mu = mean(x);
      const s = Math.sqrt(mean(x.map((v) => (v - mu) ** 2)) + 1);
      const h = x.map((v) => (v - mu) / s);
      const mc = mean(c);
      const mch = mean(had(c, h));
      return { x: x.map((_, i) => (c[i] - mc - (drop ? 0 : h[i] * mch)) / s), c: h };
    },
  },
  {
    name: "1-D convolution, ||conv(x, w)||^2 / 2",
    let: "x: n; w: 3",
    f: ({ x, w }) => sum(convolve(x, w).map((v) => v * v)) / 2,
    g: ({ x, w }, drop) => {
      const y = convolve(x, w);
      const gx = x.map(() => 0);
      const gw = w.map(() => 0);
      for (let i = 0; i < y.length; i++)
        for (let j = 0; j < w.length; j++) {
          if (i + j >= x.length) continue;
          if (!(drop && j === 2)) gx[i + j] += y[i] * w[j];
          gw[j] += y[i] * x[i + j];
        }
      return { x: gx, w: gw };
    },
  },
  {
    name: "single-head attention, sum(C .* softmax(X Wq Wk' X' / 4) X Wv)",
    let: "X: n x m; Wq: m x m; Wk: m x m; Wv: m x m; C: n x m",
    f: (v) => sum(had(v.C, attention(v).O)),
    g: (v, drop) => {
      const { X, Wq, Wk, Wv, C } = v;
      const { Q, K, V, P } = attention(v);
      const dP = mm(C, T(V));
      const dS = sc(1 / 4, P.map((p, i) => p.map((pij, j) => pij * (dP[i][j] - dot(dP[i], p)))));
      const gV = mm(T(P), C);
      const gQ = mm(dS, K);
      const gK = mm(T(dS), Q);
      const gX = add(add(mm(gQ, T(Wq)), mm(gK, T(Wk))), drop ? zeros(X.length, X[0].length) : mm(gV, T(Wv)));
      return { X: gX, Wq: mm(T(X), gQ), Wk: mm(T(X), gK), Wv: mm(T(X), gV), C: attention(v).O };
    },
  },
  {
    name: "c' sigmoid(W x + b)",
    let: "W: n x m; x: m; b: n; c: n",
    f: ({ W, x, b, c }) => dot(c, add(mv(W, x), b).map(sigm)),
    g: ({ W, x, b, c }, drop) => {
      const s = add(mv(W, x), b).map(sigm);
      const d = s.map((si, i) => c[i] * si * (drop ? 1 : 1 - si));
      return { W: outer(d, x), x: mv(T(W), s.map((si, i) => c[i] * si * (1 - si))), b: s.map((si, i) => c[i] * si * (1 - si)), c: s };
    },
  },
  {
    name: "||tanh(W x) - y||^2 / 2",
    let: "W: n x m; x: m; y: n",
    f: ({ W, x, y }) => sum(sub(mv(W, x).map(Math.tanh), y).map((v) => v * v)) / 2,
    g: ({ W, x, y }, drop) => {
      const t = mv(W, x).map(Math.tanh);
      const d = t.map((ti, i) => (ti - (drop ? 0 : y[i])) * (1 - ti * ti));
      const e = t.map((ti, i) => (ti - y[i]) * (1 - ti * ti));
      return { W: outer(d, x), x: mv(T(W), e), y: sub(y, t) };
    },
  },
  {
    name: "c' relu(W x) + ||x||^2",
    let: "W: n x m; x: m; c: n",
    f: ({ W, x, c }) => dot(c, mv(W, x).map(relu)) + dot(x, x),
    g: ({ W, x, c }, drop) => {
      const z = mv(W, x);
      const d = z.map((zi, i) => (zi > 0 ? c[i] : 0));
      return { W: outer(d, x), x: add(mv(T(W), d), drop ? x.map(() => 0) : sc(2, x)), c: z.map(relu) };
    },
    kinks: (n) => [
      { W: zeros(n, n), x: Array.from({ length: n }, (_, i) => i - 1), c: Array.from({ length: n }, (_, i) => 1 + i) },
      { W: eye(n), x: new Array(n).fill(0), c: new Array(n).fill(1) },
    ],
  },
  {
    name: "||A x||_1 + x'x",
    let: "x: n; A: n x n",
    f: ({ x, A }) => sum(mv(A, x).map(Math.abs)) + dot(x, x),
    g: ({ x, A }, drop) => ({ x: add(mv(T(A), mv(A, x).map(sign)), drop ? x.map(() => 0) : sc(2, x)), A: outer(mv(A, x).map(sign), x) }),
    kinks: (n) => [
      { x: new Array(n).fill(0), A: eye(n) },
      { x: Array.from({ length: n }, (_, i) => (i % 2 ? 1 : 0)), A: eye(n) },
    ],
  },
  {
    name: "max(x) + x'x / 2",
    let: "x: n",
    f: ({ x }) => Math.max(...x) + dot(x, x) / 2,
    g: ({ x }, drop) => {
      const k = x.indexOf(Math.max(...x));
      return { x: x.map((v, i) => (i === k ? 1 : 0) + (drop ? 0 : v)) };
    },
    kinks: (n) => [{ x: new Array(n).fill(0) }, { x: Array.from({ length: n }, (_, i) => (i < 2 ? 1 : -1)) }],
  },
  {
    name: "Huber(x - a), delta 1, + sum(x)",
    let: "x: n; a: n",
    f: ({ x, a }) => sum(sub(x, a).map((r) => (Math.abs(r) <= 1 ? r * r / 2 : Math.abs(r) - 0.5))) + sum(x),
    g: ({ x, a }, drop) => {
      const c = sub(x, a).map((r) => Math.max(-1, Math.min(1, r)));
      return { x: c.map((v) => v + (drop ? 0 : 1)), a: sc(-1, c) };
    },
    kinks: (n) => [{ x: Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1)), a: new Array(n).fill(0) }, { x: new Array(n).fill(2), a: new Array(n).fill(1) }],
  },
  {
    name: "hinge sum(max(0, 1 - x)) + a'x",
    let: "x: n; a: n",
    f: ({ x, a }) => sum(x.map((v) => Math.max(0, 1 - v))) + dot(a, x),
    g: ({ x, a }, drop) => ({ x: x.map((v, i) => (v < 1 ? -1 : 0) + (drop ? 0 : a[i])), a: x }),
    kinks: (n) => [{ x: new Array(n).fill(1), a: new Array(n).fill(0.5) }, { x: Array.from({ length: n }, (_, i) => i), a: new Array(n).fill(-1) }],
  },
  {
    name: "||x||_1 + ||x||^2",
    let: "x: n",
    f: ({ x }) => sum(x.map(Math.abs)) + dot(x, x),
    g: ({ x }, drop) => ({ x: x.map((v) => sign(v) + (drop ? 0 : 2 * v)) }),
    kinks: (n) => [{ x: new Array(n).fill(0) }, { x: Array.from({ length: n }, (_, i) => (i % 2 ? 0 : 1.5)) }],
  },
  {
    name: "||A X B||_F^2",
    let: "X: n x m; A: m x n; B: m x n",
    f: ({ X, A, B }) => sum(map(mm(A, mm(X, B)), (v) => v * v)),
    g: ({ X, A, B }) => {
      const Y = mm(A, mm(X, B));
      return { X: sc(2, mm(T(A), mm(Y, T(B)))), A: sc(2, mm(Y, T(mm(X, B)))), B: sc(2, mm(T(mm(A, X)), Y)) };
    },
  },
  { name: "tr(X X) + tr(A X)", let: "X: n x n; A: n x n", f: ({ X, A }) => tr(mm(X, X)) + tr(mm(A, X)), g: ({ X, A }, drop) => ({ X: drop ? sc(2, T(X)) : add(sc(2, T(X)), T(A)), A: T(X) }) },
  { name: "det(X)", let: "X: n x n invertible", f: ({ X }) => lu(X).det, g: ({ X }) => ({ X: sc(lu(X).det, T(inv(X))) }) },
  {
    name: "sum(softplus(x)) + a'x",
    let: "x: n; a: n",
    f: ({ x, a }) => sum(x.map((v) => Math.log1p(Math.exp(v)))) + dot(a, x),
    g: ({ x, a }, drop) => ({ x: x.map((v, i) => sigm(v) + (drop ? 0 : a[i])), a: x }),
  },
  {
    name: "||x + a||_2 (x, a positive)",
    let: "x: n positive; a: n positive",
    f: ({ x, a }) => Math.sqrt(sum(add(x, a).map((v) => v * v))),
    g: ({ x, a }) => {
      const r = add(x, a);
      const s = Math.sqrt(dot(r, r));
      return { x: sc(1 / s, r), a: sc(1 / s, r) };
    },
  },
  {
    name: "b' inv(X) b",
    let: "X: n x n invertible; b: n",
    f: ({ X, b }) => dot(b, mv(inv(X), b)),
    g: ({ X, b }) => {
      const Xi = inv(X);
      return { X: sc(-1, outer(mv(T(Xi), b), mv(Xi, b))), b: mv(add(Xi, T(Xi)), b) };
    },
  },
  { name: "sum(A .* X .* X) + sum(B .* X)", let: "X: n x m; A: n x m; B: n x m", f: ({ X, A, B }) => sum(had(A, had(X, X))) + sum(had(B, X)), g: ({ X, A, B }, drop) => ({ X: drop ? sc(2, had(A, X)) : add(sc(2, had(A, X)), B), A: had(X, X), B: X }) },
  {
    name: "logistic loss sum(log(1 + exp(-y .* X w)))",
    let: "w: m; X: n x m; y: n",
    f: ({ w, X, y }) => sum(mv(X, w).map((z, i) => Math.log1p(Math.exp(-y[i] * z)))),
    g: ({ w, X, y }) => {
      const z = mv(X, w);
      const d = z.map((zi, i) => -y[i] * sigm(-y[i] * zi));
      return { w: mv(T(X), d), X: outer(d, w), y: z.map((zi, i) => -zi * sigm(-y[i] * zi)) };
    },
  },
  {
    name: "Gaussian NLL x' inv(S) x / 2 + logdet(S) / 2, S spd",
    let: "S: n x n spd; x: n",
    sym: true,
    f: ({ S, x }) => dot(x, mv(inv(S), x)) / 2 + lu(S).logAbs / 2,
    g: ({ S, x }, drop) => {
      const Si = inv(S);
      const u = mv(T(Si), x);
      const t = sc(-0.5, outer(u, mv(Si, x)));
      return { S: drop ? t : add(t, sc(0.5, T(Si))), x: sc(0.5, mv(add(Si, T(Si)), x)) };
    },
  },
  {
    name: "tr(A X B X')",
    let: "X: n x m; A: n x n; B: m x m",
    f: ({ X, A, B }) => tr(mm(A, mm(X, mm(B, T(X))))),
    g: ({ X, A, B }, drop) => ({ X: drop ? mm(A, mm(X, B)) : add(mm(A, mm(X, B)), mm(T(A), mm(X, T(B)))), A: T(mm(X, mm(B, T(X)))), B: mm(T(X), mm(T(A), X)) }),
  },
];

function convolve(x, w) {
  return x.map((_, i) => w.reduce((s, wj, j) => s + (i + j < x.length ? wj * x[i + j] : 0), 0));
}
function attention({ X, Wq, Wk, Wv }) {
  const Q = mm(X, Wq);
  const K = mm(X, Wk);
  const V = mm(X, Wv);
  const P = mm(Q, T(K)).map((row) => softmax(row.map((s) => s / 4)));
  return { Q, K, V, P, O: mm(P, V) };
}

// ------------------------------------------------------------- mutants
const isMatrix = (g) => Array.isArray(g) && Array.isArray(g[0]);
const roll = (g) => g.map((_, i) => g[(i + 1) % g.length]); // g[i] read from g[i+1]: a wrong index
function offByOne(g) {
  if (!Array.isArray(g)) return g + 1;
  const c = structuredClone(g);
  if (isMatrix(c)) c[0][0] += 1;
  else c[0] += 1;
  return c;
}
const KINDS = {
  transpose: (g) => T(g),
  factor2: (g) => sc(2, g),
  factorHalf: (g) => sc(0.5, g),
  sign: (g) => sc(-1, g),
  wrongIndex: roll,
  entry: offByOne,
};

function mutants(pair) {
  const first = pair.let.split(";")[0].split(":")[0].trim();
  const out = [];
  const square = /:\s*(\w+)\s*x\s*\1\b/.test(pair.let.split(";")[0]);
  for (const [kind, m] of Object.entries(KINDS)) {
    if (kind === "transpose" && (!square || pair.sym)) continue;
    out.push({ kind, grad: (v) => { const g = pair.g(v, false); return { ...g, [first]: m(g[first]) }; } });
  }
  // a dropped term: the pair's own `drop` variant when its gradient has one, else the last row (or entry) of the sum left out
  const hasDrop = pair.g.length >= 2;
  out.push({
    kind: "droppedTerm",
    grad: (v) => {
      const g = pair.g(v, true);
      if (hasDrop) return g;
      const h = structuredClone(g[first]);
      if (isMatrix(h)) h[h.length - 1] = h[h.length - 1].map(() => 0);
      else h[h.length - 1] = 0;
      return { ...g, [first]: h };
    },
  });
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const dimsOf = (pair, v) => Object.fromEntries([...new Set(pair.let.match(/\b[nm]\b/g) ?? [])].map((d) => [d, v]));

export function benchTesting(log = () => {}) {
  const t0 = performance.now();
  const byKind = {};
  const missed = [];
  const falseAlarms = [];
  let runs = 0;
  let kinkPoints = 0;
  let kinkEntries = 0; // entries gradcheck judged at a kink on those points: the kinks were really hit
  const times = [];
  for (const [k, pair] of PAIRS.entries()) {
    // mutants: a property over generated points with every dimension in 2..4
    for (const mu of mutants(pair)) {
      const r = gradcheck(pair.f, { grad: mu.grad, let: pair.let, dims: dimsOf(pair, D.n), numRuns: MUTANT_RUNS, seed: 1000 + k, throws: false });
      const row = (byKind[mu.kind] ??= { caught: 0, total: 0 });
      row.total++;
      if (!r.ok) row.caught++;
      else missed.push(`${pair.name}: ${mu.kind}`);
    }
    // the correct pair: 1,000 generated points (dimensions 1..4) and the kinks
    const r = gradcheck(pair.f, { grad: (v) => pair.g(v, false), let: pair.let, dims: dimsOf(pair, [1, 4]), numRuns: CORRECT_RUNS, seed: 7 + k, throws: false });
    runs += CORRECT_RUNS;
    if (!r.ok) falseAlarms.push({ pair: pair.name, message: r.message.split("\n").slice(0, 3).join(" | ") });
    if (pair.kinks) {
      for (const n of [1, 2, 3, 4]) {
        const pts = pair.kinks(n);
        const rk = gradcheck(pair.f, { grad: (v) => pair.g(v, false), at: pts, throws: false });
        kinkPoints += pts.length;
        kinkEntries += rk.kinks ?? 0;
        if (!rk.ok) falseAlarms.push({ pair: pair.name, kink: true, message: rk.message.split("\n").slice(0, 3).join(" | ") });
      }
    }
    // time of one gradcheck at a given point with every dimension 8
    const [pt] = fc.sample(arbitrary(pair.let, { dims: dimsOf(pair, 8) }), { seed: 99, numRuns: 1 });
    const opts = { grad: (v) => pair.g(v, false), at: pt, throws: false };
    gradcheck(pair.f, opts); // warm-up
    const ts = [];
    for (let i = 0; i < TIME_REPS; i++) {
      const s = performance.now();
      gradcheck(pair.f, opts);
      ts.push(performance.now() - s);
    }
    times.push({ pair: pair.name, ms: median(ts) });
    log(`testing ${k + 1}/${PAIRS.length} ${pair.name}: ${r.ok ? "no false alarm" : "FALSE ALARM"}, ${median(ts).toFixed(2)} ms at n = 8`);
  }
  const caught = Object.values(byKind).reduce((s, r) => s + r.caught, 0);
  const total = Object.values(byKind).reduce((s, r) => s + r.total, 0);
  const medianMs = median(times.map((t) => t.ms));
  const catchRate = caught / total;
  return {
    pairs: PAIRS.length,
    mutants: total,
    mutantRuns: MUTANT_RUNS,
    catchRate: Number(catchRate.toFixed(4)),
    byKind,
    missed,
    falseAlarms: falseAlarms.length,
    falseAlarmDetails: falseAlarms,
    runs,
    runsPerPair: CORRECT_RUNS,
    kinkPoints,
    kinkEntries,
    medianMs: Number(medianMs.toFixed(3)),
    maxMs: Number(Math.max(...times.map((t) => t.ms)).toFixed(3)),
    slowest: times.reduce((a, b) => (b.ms > a.ms ? b : a)).pair,
    timedAtDim: 8,
    targets: { catchRate: CATCH_TARGET, falseAlarms: 0, medianMs: MS_TARGET },
    targetsMet: { catchRate: catchRate >= CATCH_TARGET, falseAlarms: falseAlarms.length === 0, medianMs: medianMs < MS_TARGET },
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  };
}
