// Spectra of small dense matrices in float64, real arithmetic only:
// symmetric eigen-decomposition (cyclic Jacobi, with vectors), eigenvalues of a
// general real matrix (Householder reduction to Hessenberg form, then Francis
// double-shift QR, after JAMA's orthes/hqr2), singular values (one-sided
// Jacobi) and the numerical rank. The checker samples matrices of a few rows,
// so the simplest accurate algorithms win over blocked ones. Self-contained,
// like linalg.ts (which it does not change).

import { Tensor } from "./tensor.js";

const EPS = Number.EPSILON;

function requireSquare(a: Tensor, what: string): number {
  if (a.rows !== a.cols) throw new RangeError(`${what} needs a square matrix, got ${a.rows}x${a.cols}`);
  return a.rows;
}

/**
 * Symmetric up to rounding, relative to the largest entry (the tolerance of
 * linalg's cholesky): products such as X'AX are symmetric only to rounding.
 */
export function isSymmetric(a: Tensor, rel = 1e-10): boolean {
  const n = a.rows;
  if (n !== a.cols) return false;
  const tol = rel * a.maxAbs();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) if (!(Math.abs(a.data[i * n + j]! - a.data[j * n + i]!) <= tol)) return false;
  }
  return true;
}

export interface SymmetricEigen {
  /** eigenvalues, descending */
  values: number[];
  /** unit eigenvectors as columns, in the order of `values` (n x n, row-major) */
  vectors: Tensor;
}

/**
 * Cyclic Jacobi on the symmetric part (a + a')/2, accumulating the rotations.
 * Each eigenvector's sign is fixed so that its entry of largest magnitude (the
 * first one on an exact tie) is positive: the decomposition is then a function
 * of the matrix wherever the eigenvalues are distinct, as a derivative needs.
 */
export function symmetricEigen(a: Tensor): SymmetricEigen {
  const n = requireSquare(a, "eigenvalues");
  if (!a.allFinite()) return { values: new Array<number>(n).fill(NaN), vectors: Tensor.filled(n, n, NaN) };
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * n + j] = 0.5 * (a.data[i * n + j]! + a.data[j * n + i]!);
  }
  const v = Tensor.eye(n).data;
  let total = 0;
  for (let k = 0; k < n * n; k++) total = Math.max(total, Math.abs(m[k]!));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off = Math.max(off, Math.abs(m[i * n + j]!));
    // quadratic convergence: one more sweep past eps is cheap, and the vectors gain from it
    const thr = 1e-3 * EPS * total;
    if (off <= thr) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) <= thr) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        // the smaller root of t^2 + 2 theta t - 1 = 0 keeps the rotation below 45 degrees
        const t =
          Math.abs(theta) > 1e150 ? 0.5 / theta : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p]!;
          const akq = m[k * n + q]!;
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k]!;
          const aqk = m[q * n + k]!;
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
        }
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(n).keys()].sort((i, j) => m[j * n + j]! - m[i * n + i]!);
  const values = order.map((i) => m[i * n + i]!);
  const out = new Float64Array(n * n);
  order.forEach((src, col) => {
    let big = 0;
    for (let k = 1; k < n; k++) if (Math.abs(v[k * n + src]!) > Math.abs(v[big * n + src]!)) big = k;
    const sign = v[big * n + src]! < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) out[k * n + col] = sign * v[k * n + src]!;
  });
  return { values, vectors: Tensor.matrix(n, n, out) };
}

/** Householder reduction to upper Hessenberg form (similar to a, so same eigenvalues). */
function hessenberg(a: Tensor): Float64Array[] {
  const n = a.rows;
  const h = [...Array(n).keys()].map((i) => Float64Array.from(a.data.subarray(i * n, (i + 1) * n)));
  const ort = new Float64Array(n);
  for (let m = 1; m < n - 1; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(h[i]![m - 1]!);
    if (scale === 0) continue;
    let hh = 0;
    for (let i = n - 1; i >= m; i--) {
      ort[i] = h[i]![m - 1]! / scale;
      hh += ort[i]! * ort[i]!;
    }
    let g = Math.sqrt(hh);
    if (ort[m]! > 0) g = -g;
    hh -= ort[m]! * g;
    ort[m] = ort[m]! - g;
    // H <- (I - u u'/hh) H (I - u u'/hh)
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = n - 1; i >= m; i--) f += ort[i]! * h[i]![j]!;
      f /= hh;
      for (let i = m; i < n; i++) h[i]![j] = h[i]![j]! - f * ort[i]!;
    }
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = n - 1; j >= m; j--) f += ort[j]! * h[i]![j]!;
      f /= hh;
      for (let j = m; j < n; j++) h[i]![j] = h[i]![j]! - f * ort[j]!;
    }
    h[m]![m - 1] = scale * g;
    for (let i = m + 1; i < n; i++) h[i]![m - 1] = 0;
  }
  return h;
}

/**
 * Eigenvalues of a real square matrix as [re, im] pairs, sorted by descending
 * real part, then descending imaginary part; a complex pair appears as
 * (re, +im) and (re, -im). NaN everywhere when the QR iteration does not
 * converge (never seen for finite input; the caller treats it as an invalid sample).
 */
export function generalEigenvalues(a: Tensor): [number, number][] {
  const nn = requireSquare(a, "eigenvalues");
  const nan = (): [number, number][] => [...Array(nn)].map(() => [NaN, NaN] as [number, number]);
  if (!a.allFinite()) return nan();
  // eigenvalues scale with the matrix: iterate on a / max|a_ij| (entries in [-1, 1],
  // no overflow or subnormals) and scale back
  const big = a.maxAbs();
  if (big === 0) return [...Array(nn)].map(() => [0, 0] as [number, number]);
  const h = hessenberg(Tensor.matrix(nn, nn, a.data.map((v) => v / big)));
  const d = new Float64Array(nn);
  const e = new Float64Array(nn);
  let norm = 0;
  for (let i = 0; i < nn; i++) for (let j = Math.max(i - 1, 0); j < nn; j++) norm += Math.abs(h[i]![j]!);
  const small = (2.2250738585072014e-308 * nn) / EPS;
  let n = nn - 1;
  let exshift = 0;
  let iter = 0;
  let totalIter = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let z = 0;
  let w = 0;
  let x = 0;
  let y = 0;
  while (n >= 0) {
    // a negligible subdiagonal entry splits the matrix
    let l = n;
    while (l > 0) {
      s = Math.abs(h[l - 1]![l - 1]!) + Math.abs(h[l]![l]!);
      if (s === 0) s = norm;
      // <=, not <: an exact zero splits even where eps * s underflows; and
      // below LAPACK's smlnum (safe minimum * n / eps) an entry splits
      // whatever its neighbours, else the shifts divide by it and overflow
      if (Math.abs(h[l]![l - 1]!) <= Math.max(EPS * s, small)) break;
      l--;
    }
    if (l === n) {
      // one real root
      d[n] = h[n]![n]! + exshift;
      e[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      // a 2 x 2 block: two real roots or a complex pair
      w = h[n]![n - 1]! * h[n - 1]![n]!;
      p = (h[n - 1]![n - 1]! - h[n]![n]!) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      x = h[n]![n]! + exshift;
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        d[n - 1] = x + z;
        d[n] = z !== 0 ? x - w / z : x + z;
        e[n - 1] = 0;
        e[n] = 0;
      } else {
        d[n - 1] = x + p;
        d[n] = x + p;
        e[n - 1] = z;
        e[n] = -z;
      }
      n -= 2;
      iter = 0;
    } else {
      if (++totalIter > 100 * nn) return nan();
      x = h[n]![n]!;
      y = h[n - 1]![n - 1]!;
      w = h[n]![n - 1]! * h[n - 1]![n]!;
      // exceptional shifts break the cycles a plain Francis shift can fall into
      if (iter === 10) {
        exshift += x;
        for (let i = 0; i <= n; i++) h[i]![i] = h[i]![i]! - x;
        s = Math.abs(h[n]![n - 1]!) + Math.abs(h[n - 1]![n - 2]!);
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = 0; i <= n; i++) h[i]![i] = h[i]![i]! - s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter++;
      // two consecutive small subdiagonal entries: start the bulge there
      let m = n - 2;
      while (m >= l) {
        z = h[m]![m]!;
        r = x - z;
        s = y - z;
        const sub = h[m + 1]![m]!;
        p = (r * s - w) / sub + h[m]![m + 1]!;
        q = h[m + 1]![m + 1]! - z - r - s;
        if (Number.isFinite(p)) {
          r = h[m + 2]![m + 1]!;
        } else {
          // p overflowed (a tiny subdiagonal entry): (p, q, r) is only a
          // direction, so multiply all three by that entry instead of dividing p
          p = r * s - w + h[m]![m + 1]! * sub;
          q *= sub;
          r = h[m + 2]![m + 1]! * sub;
        }
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (!(s > 0 && Number.isFinite(s))) {
          // nothing left of the shift: an unshifted direction (a sign flip, still a similarity)
          p = 1;
          q = 0;
          r = 0;
          s = 1;
        }
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (
          Math.abs(h[m]![m - 1]!) * (Math.abs(q) + Math.abs(r)) <
          EPS * (Math.abs(p) * (Math.abs(h[m - 1]![m - 1]!) + Math.abs(z) + Math.abs(h[m + 1]![m + 1]!)))
        ) break;
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        h[i]![i - 2] = 0;
        if (i > m + 2) h[i]![i - 3] = 0;
      }
      // the double-shift QR step on rows l..n, columns m..n
      for (let k = m; k <= n - 1; k++) {
        const notlast = k !== n - 1;
        if (k !== m) {
          p = h[k]![k - 1]!;
          q = h[k + 1]![k - 1]!;
          r = notlast ? h[k + 2]![k - 1]! : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s === 0) continue;
        if (k !== m) h[k]![k - 1] = -s * x;
        else if (l !== m) h[k]![k - 1] = -h[k]![k - 1]!;
        p += s;
        x = p / s;
        y = q / s;
        z = r / s;
        q /= p;
        r /= p;
        for (let j = k; j < nn; j++) {
          p = h[k]![j]! + q * h[k + 1]![j]!;
          if (notlast) {
            p += r * h[k + 2]![j]!;
            h[k + 2]![j] = h[k + 2]![j]! - p * z;
          }
          h[k]![j] = h[k]![j]! - p * x;
          h[k + 1]![j] = h[k + 1]![j]! - p * y;
        }
        for (let i = 0; i <= Math.min(n, k + 3); i++) {
          p = x * h[i]![k]! + y * h[i]![k + 1]!;
          if (notlast) {
            p += z * h[i]![k + 2]!;
            h[i]![k + 2] = h[i]![k + 2]! - p * r;
          }
          h[i]![k] = h[i]![k]! - p;
          h[i]![k + 1] = h[i]![k + 1]! - p * q;
        }
      }
    }
  }
  const out: [number, number][] = [...Array(nn).keys()].map((i) => [d[i]! * big, e[i]! * big]);
  return out.sort((u, v) => v[0] - u[0] || v[1] - u[1]);
}

/**
 * Singular values, descending (min(m, n) of them), by one-sided Jacobi on the
 * columns of a (or of a' when it is wide): orthogonalises columns pairwise
 * without forming a'a, so a small singular value keeps an absolute error of
 * about eps * sigma_max instead of sqrt(eps) * sigma_max, which the
 * numerical rank needs.
 */
export function singularValues(a: Tensor): number[] {
  const wide = a.rows < a.cols;
  const m = wide ? a.cols : a.rows;
  const n = wide ? a.rows : a.cols;
  if (!a.allFinite()) return new Array<number>(n).fill(NaN);
  // singular values scale with the matrix: work on a / max|a_ij| so that the
  // sums of squares neither overflow nor underflow, and scale back
  const big = a.maxAbs();
  if (big === 0) return new Array<number>(n).fill(0);
  // columns of the tall matrix, each contiguous
  const col = [...Array(n).keys()].map((j) => {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = (wide ? a.data[j * a.cols + i]! : a.data[i * a.cols + j]!) / big;
    return c;
  });
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ci = col[i]!;
        const cj = col[j]!;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let k = 0; k < m; k++) {
          alpha += ci[k]! * ci[k]!;
          beta += cj[k]! * cj[k]!;
          gamma += ci[k]! * cj[k]!;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < m; k++) {
          const u = ci[k]!;
          const v = cj[k]!;
          ci[k] = c * u - s * v;
          cj[k] = s * u + c * v;
        }
      }
    }
    if (!rotated) break;
  }
  return col.map((c) => Math.hypot(...c) * big).sort((x, y) => y - x);
}

/** The tolerance below which a singular value counts as zero: max(m, n) * eps * sigma_max (NumPy's matrix_rank). */
export const rankTolerance = (rows: number, cols: number, sigmaMax: number): number =>
  Math.max(rows, cols) * EPS * sigmaMax;

/** Numerical rank: the number of singular values above rankTolerance. */
export function numericalRank(a: Tensor): number {
  const sv = singularValues(a);
  if (sv.some((v) => Number.isNaN(v))) return NaN;
  const tol = rankTolerance(a.rows, a.cols, sv[0] ?? 0);
  return sv.filter((v) => v > tol).length;
}
