// Dense decompositions in float64: LU (det, log|det|, inverse, solve, 1-norm
// condition number), Cholesky, Householder QR, Haar-random orthogonal matrices
// and symmetric eigenvalues. The checker needs these to evaluate det, inv and
// friends on sampled values and to draw well-behaved samples (SPD, orthogonal);
// sizes are small, so clarity and stability win over blocking tricks.
// Self-contained on purpose: kernels.ts imports inv from here.

import { Tensor } from "./tensor.js";

const EPS = Number.EPSILON;

export interface LU {
  /** L (unit lower, below the diagonal) and U (on and above), row-major n x n. */
  lu: Float64Array;
  /** perm[i] is the row of A that ended up as row i of LU. */
  perm: Int32Array;
  sign: 1 | -1;
  singular: boolean;
  n: number;
}

function requireSquare(a: Tensor, what: string): number {
  if (a.rows !== a.cols) throw new RangeError(`${what} needs a square matrix, got ${a.rows}x${a.cols}`);
  return a.rows;
}

/**
 * Partial pivoting. A pivot below n * eps * max|a_ij| is noise left by
 * cancellation, so the matrix is flagged singular rather than trusted; the
 * elimination still runs through tiny nonzero pivots so `lu` stays a factorisation.
 */
export function lu(a: Tensor): LU {
  const n = requireSquare(a, "LU");
  const m = a.data.slice();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const tol = n * EPS * a.maxAbs();
  let sign: 1 | -1 = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(m[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(m[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = m[k * n + j];
        m[k * n + j] = m[p * n + j];
        m[p * n + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
      sign = sign === 1 ? -1 : 1;
    }
    const pivot = m[k * n + k];
    if (pivot === 0 || Math.abs(pivot) < tol) singular = true;
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k] / pivot;
      m[i * n + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) m[i * n + j] -= f * m[k * n + j];
    }
  }
  return { lu: m, perm, sign, singular, n };
}

/** 0 when LU flags the matrix singular, so det agrees with logAbsDet and inv. */
export function det(a: Tensor): number {
  const f = lu(a);
  if (f.singular) return 0;
  let d: number = f.sign;
  for (let i = 0; i < f.n; i++) d *= f.lu[i * f.n + i];
  return d;
}

export function logAbsDet(a: Tensor): number {
  const f = lu(a);
  if (f.singular) return -Infinity;
  let s = 0;
  for (let i = 0; i < f.n; i++) s += Math.log(Math.abs(f.lu[i * f.n + i]));
  return s;
}

function solveLU(f: LU, b: Tensor): Tensor {
  const n = f.n;
  if (b.rows !== n) throw new RangeError(`cannot solve a ${n}x${n} system with a ${b.rows}x${b.cols} right side`);
  if (f.singular) throw new RangeError("singular matrix");
  const k = b.cols;
  const m = f.lu;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) x.set(b.data.subarray(f.perm[i] * k, (f.perm[i] + 1) * k), i * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const l = m[i * n + j];
      if (l === 0) continue;
      for (let c = 0; c < k; c++) x[i * k + c] -= l * x[j * k + c];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const u = m[i * n + j];
      if (u === 0) continue;
      for (let c = 0; c < k; c++) x[i * k + c] -= u * x[j * k + c];
    }
    const d = m[i * n + i];
    for (let c = 0; c < k; c++) x[i * k + c] /= d;
  }
  return Tensor.matrix(n, k, x);
}

export function solve(a: Tensor, b: Tensor): Tensor {
  return solveLU(lu(a), b);
}

export function inv(a: Tensor): Tensor {
  const n = requireSquare(a, "inverse");
  return solveLU(lu(a), Tensor.eye(n));
}

function norm1(a: Tensor): number {
  let best = 0;
  for (let j = 0; j < a.cols; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += Math.abs(a.data[i * a.cols + j]);
    if (!(s <= best)) best = s;
  }
  return best;
}

export function cond1(a: Tensor): number {
  requireSquare(a, "condition number");
  const f = lu(a);
  if (f.singular) return Infinity;
  return norm1(a) * norm1(solveLU(f, Tensor.eye(f.n)));
}

/**
 * Null rather than a throw for "not SPD", because samplers use it as a test.
 * Symmetry is judged relative to the largest entry (products like X'AX are
 * only symmetric up to rounding), and the average of a_ij and a_ji is factored.
 */
export function cholesky(a: Tensor): Tensor | null {
  const n = requireSquare(a, "Cholesky");
  const d = a.data;
  const scale = a.maxAbs();
  if (!Number.isFinite(scale)) return null;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(d[i * n + j] - d[j * n + i]) > 1e-10 * scale) return null;
    }
  }
  // A pivot at rounding level means positive semi-definite at best.
  const tol = n * EPS * scale;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = d[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] * l[j * n + k];
    if (!(s > tol)) return null;
    const ljj = Math.sqrt(s);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = 0.5 * (d[i * n + j] + d[j * n + i]);
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / ljj;
    }
  }
  return Tensor.matrix(n, n, l);
}

/** Euclidean norm of strided entries, scaled so huge entries cannot overflow. */
function norm2(d: Float64Array, start: number, count: number, stride: number): number {
  let m = 0;
  for (let k = 0; k < count; k++) m = Math.max(m, Math.abs(d[start + k * stride]));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let k = 0; k < count; k++) {
    const x = d[start + k * stride] / m;
    s += x * x;
  }
  return m * Math.sqrt(s);
}

/** Householder rather than Gram-Schmidt: Q stays orthogonal to rounding level. */
export function qr(a: Tensor): { q: Tensor; r: Tensor } {
  const m = a.rows;
  const n = a.cols;
  if (m < n) throw new RangeError(`QR needs rows >= cols, got ${m}x${n}`);
  const r = a.data.slice();
  const q = Tensor.eye(m).data;
  const v = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const len = m - k;
    // The reflector only depends on the direction of x, so it is built from
    // x / max|x_i|: in O(1) range nothing is lost to overflow or subnormals.
    let big = 0;
    for (let i = 0; i < len; i++) big = Math.max(big, Math.abs(r[(k + i) * n + k]));
    if (big === 0 || !Number.isFinite(big)) continue;
    for (let i = 0; i < len; i++) v[i] = r[(k + i) * n + k] / big;
    const normx = norm2(v, 0, len, 1);
    // Reflect onto -sign(x0) e1 so that v0 = x0 - alpha never cancels.
    const alpha = v[0] >= 0 ? -normx : normx;
    v[0] -= alpha;
    const vnorm = norm2(v, 0, len, 1);
    for (let i = 0; i < len; i++) v[i] /= vnorm;
    // R <- (I - 2vv') R on rows k.., columns k+1..; column k becomes alpha e1.
    for (let j = k + 1; j < n; j++) {
      let s = 0;
      for (let i = 0; i < len; i++) s += v[i] * r[(k + i) * n + j];
      s *= 2;
      for (let i = 0; i < len; i++) r[(k + i) * n + j] -= s * v[i];
    }
    r[k * n + k] = alpha * big;
    for (let i = 1; i < len; i++) r[(k + i) * n + k] = 0;
    // Q <- Q (I - 2vv') on columns k..
    for (let row = 0; row < m; row++) {
      let s = 0;
      for (let i = 0; i < len; i++) s += q[row * m + k + i] * v[i];
      s *= 2;
      for (let i = 0; i < len; i++) q[row * m + k + i] -= s * v[i];
    }
  }
  return { q: Tensor.matrix(m, m, q), r: Tensor.matrix(m, n, r) };
}

/**
 * QR of a Gaussian matrix is only Haar distributed once the sign ambiguity is
 * removed (Mezzadri 2007): flip each column of Q where R has a negative diagonal.
 */
export function randomOrthogonalFrom(g: Tensor): Tensor {
  const n = requireSquare(g, "randomOrthogonalFrom");
  const { q, r } = qr(g);
  const out = q.data.slice();
  for (let j = 0; j < n; j++) {
    if (r.data[j * n + j] < 0) for (let i = 0; i < n; i++) out[i * n + j] = -out[i * n + j];
  }
  return Tensor.matrix(n, n, out);
}

/**
 * Cyclic Jacobi: slow for large n but accurate to high relative precision and
 * simple, which suits the small matrices the checker samples.
 */
export function symmetricEigenvalues(a: Tensor): number[] {
  const n = requireSquare(a, "eigenvalues");
  if (!a.allFinite()) return new Array<number>(n).fill(NaN);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * n + j] = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
  }
  const total = norm2(m, 0, n * n, 1);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off = Math.max(off, Math.abs(m[i * n + j]));
    if (off <= EPS * total) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        // The smaller root of t^2 + 2 theta t - 1 = 0 keeps the rotation below 45 degrees.
        const t =
          Math.abs(theta) > 1e150
            ? 0.5 / theta
            : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p];
          const akq = m[k * n + q];
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k];
          const aqk = m[q * n + k];
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
        }
        m[p * n + q] = 0;
        m[q * n + p] = 0;
      }
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(m[i * n + i]);
  return out.sort((x, y) => x - y);
}
