// Dense kernels on the rank-2 view of a Tensor: elementwise arithmetic,
// products (matrix, Kronecker, outer), vec/unvec, diagonal structure and
// reductions. The numeric checker evaluates both sides of an identity with these,
// so every function returns a fresh tensor and never mutates its inputs: a value
// bound to a name may be shared by many subexpressions.

import { Tensor } from "./tensor.js";
import { inv } from "./linalg.js";

function dims(t: Tensor): string {
  return `${t.rows}x${t.cols}`;
}

function sameShape(a: Tensor, b: Tensor): boolean {
  if (a.shape.length === b.shape.length && a.shape.every((d, k) => d === b.shape[k])) return true;
  // A rank-1 n and a rank-2 n x 1 are the same value in the expression language.
  return a.shape.length <= 2 && b.shape.length <= 2 && a.rows === b.rows && a.cols === b.cols;
}

/**
 * The shared elementwise driver. A 1 x 1 side broadcasts because the language
 * writes `2 * X` and `X + 1` with scalars as 1 x 1 matrices.
 */
export function zip(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const ad = a.data;
  const bd = b.data;
  // both one entry but of different ranks (a 1 x 1 x 1 x 1 tensor plus 1, at size 1): the higher rank is kept
  if (a.isScalar() && b.isScalar() && !sameShape(a, b)) {
    const shape = a.shape.length >= b.shape.length ? a.shape : b.shape;
    return new Tensor(shape, Float64Array.of(f(ad[0]!, bd[0]!)));
  }
  if (a.isScalar() && !b.isScalar()) {
    const x = ad[0];
    const out = new Float64Array(bd.length);
    for (let k = 0; k < out.length; k++) out[k] = f(x, bd[k]);
    return new Tensor(b.shape, out);
  }
  if (b.isScalar() && !a.isScalar()) {
    const y = bd[0];
    const out = new Float64Array(ad.length);
    for (let k = 0; k < out.length; k++) out[k] = f(ad[k], y);
    return new Tensor(a.shape, out);
  }
  if (!sameShape(a, b)) throw new RangeError(`shape mismatch: ${dims(a)} and ${dims(b)}`);
  const out = new Float64Array(ad.length);
  for (let k = 0; k < out.length; k++) out[k] = f(ad[k], bd[k]);
  return new Tensor(a.shape, out);
}

export const add = (a: Tensor, b: Tensor): Tensor => zip(a, b, (x, y) => x + y);
export const sub = (a: Tensor, b: Tensor): Tensor => zip(a, b, (x, y) => x - y);
export const hadamard = (a: Tensor, b: Tensor): Tensor => zip(a, b, (x, y) => x * y);
export const ediv = (a: Tensor, b: Tensor): Tensor => zip(a, b, (x, y) => x / y);

export function map(a: Tensor, f: (x: number) => number): Tensor {
  const out = new Float64Array(a.data.length);
  for (let k = 0; k < out.length; k++) out[k] = f(a.data[k]);
  return new Tensor(a.shape, out);
}

export const scale = (a: Tensor, s: number): Tensor => map(a, (x) => x * s);
export const neg = (a: Tensor): Tensor => map(a, (x) => -x);

export function identity(n: number): Tensor {
  return Tensor.eye(n);
}

export function ones(r: number, c: number): Tensor {
  return Tensor.filled(r, c, 1);
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.isScalar()) return scale(b, a.data[0]);
  if (b.isScalar()) return scale(a, b.data[0]);
  const n = a.rows;
  const m = a.cols;
  const p = b.cols;
  if (m !== b.rows) throw new RangeError(`cannot multiply ${dims(a)} by ${dims(b)}`);
  // The zero skip below would turn 0 * Inf or 0 * NaN into 0; non-finite
  // inputs take the plain loop so that they still poison the result.
  if (!allFinite(b.data)) return matmulPlain(a, b);
  const ad = a.data;
  const bd = b.data;
  const out = new Float64Array(n * p);
  // i-k-j order walks both b and out along contiguous rows, which is what makes
  // the inner loop cache friendly for row-major storage.
  for (let i = 0; i < n; i++) {
    const oRow = i * p;
    const aRow = i * m;
    for (let k = 0; k < m; k++) {
      const aik = ad[aRow + k];
      if (aik === 0) continue;
      const bRow = k * p;
      for (let j = 0; j < p; j++) out[oRow + j] += aik * bd[bRow + j];
    }
  }
  return Tensor.matrix(n, p, out);
}

function allFinite(d: Float64Array): boolean {
  for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k])) return false;
  return true;
}

function matmulPlain(a: Tensor, b: Tensor): Tensor {
  const n = a.rows;
  const m = a.cols;
  const p = b.cols;
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a.data[i * m + k];
      for (let j = 0; j < p; j++) out[i * p + j] += aik * b.data[k * p + j];
    }
  }
  return Tensor.matrix(n, p, out);
}

export function transpose(a: Tensor): Tensor {
  const r = a.rows;
  const c = a.cols;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a.data[i * c + j];
  return Tensor.matrix(c, r, out);
}

export function kron(a: Tensor, b: Tensor): Tensor {
  const ar = a.rows;
  const ac = a.cols;
  const br = b.rows;
  const bc = b.cols;
  const cols = ac * bc;
  const out = new Float64Array(ar * br * cols);
  for (let i = 0; i < ar; i++) {
    for (let j = 0; j < ac; j++) {
      const aij = a.data[i * ac + j];
      for (let k = 0; k < br; k++) {
        const base = (i * br + k) * cols + j * bc;
        for (let l = 0; l < bc; l++) out[base + l] = aij * b.data[k * bc + l];
      }
    }
  }
  return Tensor.matrix(ar * br, cols, out);
}

/**
 * The partial trace over the first factor: `m` seen as an n x n grid of
 * blocks, the sum of its n diagonal blocks (so ptrace(kron(A, B)) = tr(A) B).
 */
export function ptrace(m: Tensor, n: number): Tensor {
  const p = m.rows / n;
  const q = m.cols / n;
  const out = new Float64Array(p * q);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < p; i++) {
      const row = (b * p + i) * m.cols + b * q;
      for (let j = 0; j < q; j++) out[i * q + j] += m.data[row + j]!;
    }
  }
  return Tensor.matrix(p, q, out);
}

/**
 * The partial trace over the second factor: `m` seen as a grid of p x p
 * blocks, the matrix of their traces (so blocktrace(kron(A, B)) = tr(B) A).
 */
export function blocktrace(m: Tensor, p: number): Tensor {
  const r = m.rows / p;
  const c = m.cols / p;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let t = 0;
      for (let k = 0; k < p; k++) t += m.data[(i * p + k) * m.cols + j * p + k]!;
      out[i * c + j] = t;
    }
  }
  return Tensor.matrix(r, c, out);
}

/** Column-major stacking, the convention under which vec(AXB) = (B' ⊗ A) vec(X). */
export function vec(a: Tensor): Tensor {
  const r = a.rows;
  const c = a.cols;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a.data[i * c + j];
  return Tensor.matrix(r * c, 1, out);
}

export function unvec(v: Tensor, rows: number, cols: number): Tensor {
  if (v.size !== rows * cols) throw new RangeError(`cannot unvec ${v.size} entries into ${rows}x${cols}`);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = v.data[j * rows + i];
  return Tensor.matrix(rows, cols, out);
}

export function diagMatrix(v: Tensor): Tensor {
  if (v.rows !== 1 && v.cols !== 1) throw new RangeError(`diag expects a vector, got ${dims(v)}`);
  const n = v.size;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = v.data[i];
  return Tensor.matrix(n, n, out);
}

function requireSquare(a: Tensor, what: string): number {
  if (a.rows !== a.cols) throw new RangeError(`${what} needs a square matrix, got ${dims(a)}`);
  return a.rows;
}

export function diagVector(a: Tensor): Tensor {
  const n = requireSquare(a, "diag");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a.data[i * n + i];
  return Tensor.matrix(n, 1, out);
}

export function trace(a: Tensor): number {
  const n = requireSquare(a, "trace");
  let s = 0;
  for (let i = 0; i < n; i++) s += a.data[i * n + i];
  return s;
}

export function sumAll(a: Tensor): number {
  let s = 0;
  for (let k = 0; k < a.data.length; k++) s += a.data[k];
  return s;
}

/** Scaled by the largest entry so that squares of 1e200 do not overflow to Infinity. */
export function frobenius(a: Tensor): number {
  let m = 0;
  for (let k = 0; k < a.data.length; k++) {
    const x = Math.abs(a.data[k]);
    if (Number.isNaN(x)) return NaN;
    if (x > m) m = x;
  }
  if (m === 0 || m === Infinity) return m;
  let s = 0;
  for (let k = 0; k < a.data.length; k++) {
    const x = a.data[k] / m;
    s += x * x;
  }
  return m * Math.sqrt(s);
}

export function dot(a: Tensor, b: Tensor): number {
  if (a.size !== b.size) throw new RangeError(`dot of ${dims(a)} and ${dims(b)}`);
  let s = 0;
  for (let k = 0; k < a.data.length; k++) s += a.data[k] * b.data[k];
  return s;
}

export function outer(x: Tensor, y: Tensor): Tensor {
  if ((x.rows !== 1 && x.cols !== 1) || (y.rows !== 1 && y.cols !== 1)) {
    throw new RangeError(`outer expects vectors, got ${dims(x)} and ${dims(y)}`);
  }
  const n = x.size;
  const m = y.size;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = x.data[i] * y.data[j];
  return Tensor.matrix(n, m, out);
}

/** Repeated squaring keeps the rounding error at O(log k) products instead of O(k). */
export function matpow(a: Tensor, k: number): Tensor {
  const n = requireSquare(a, "matrix power");
  if (!Number.isInteger(k)) throw new RangeError(`matrix power needs an integer exponent, got ${k}`);
  let base = k < 0 ? inv(a) : a;
  let e = Math.abs(k);
  let result: Tensor | null = null;
  while (e > 0) {
    if (e % 2 === 1) result = result === null ? base : matmulPlain(result, base);
    e = Math.floor(e / 2);
    if (e > 0) base = matmulPlain(base, base);
  }
  if (result === null) return identity(n);
  // When k is 1 the loop hands back `a` itself; callers are promised a new tensor.
  return result === a ? new Tensor(a.shape, a.data.slice()) : Tensor.matrix(n, n, result.data);
}

export function entry(a: Tensor, i: number, j: number): number {
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= a.rows || j >= a.cols) {
    throw new RangeError(`entry (${i}, ${j}) is outside a ${dims(a)} matrix`);
  }
  return a.data[i * a.cols + j];
}
