// Tests for the decompositions: LU-based det/log|det|/inverse/solve/cond1,
// Cholesky, Householder QR, Haar orthogonal matrices and Jacobi eigenvalues.
// Tolerances are relative to the size of the quantities compared; random
// matrices that are too ill-conditioned for a fixed tolerance are filtered out.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Tensor } from "../../src/core/tensor.js";
import { add, diagMatrix, identity, matmul, scale, trace, transpose } from "../../src/core/kernels.js";
import {
  cholesky,
  cond1,
  det,
  inv,
  logAbsDet,
  lu,
  qr,
  randomOrthogonalFrom,
  solve,
  symmetricEigenvalues,
} from "../../src/core/linalg.js";

const entryArb = fc.double({ min: -2, max: 2, noNaN: true });
const dimArb = fc.integer({ min: 1, max: 6 });

const matrixArb = (r: number, c: number): fc.Arbitrary<Tensor> =>
  fc.array(entryArb, { minLength: r * c, maxLength: r * c }).map((xs) => Tensor.matrix(r, c, Float64Array.from(xs)));

const squareArb = dimArb.chain((n) => matrixArb(n, n));
const squarePairArb = dimArb.chain((n) => fc.tuple(matrixArb(n, n), matrixArb(n, n)));
/** B B' + n I: symmetric positive definite with eigenvalues >= n. */
const spdArb = squareArb.map((b) => add(matmul(b, transpose(b)), scale(identity(b.rows), b.rows)));

const M = (rows: number[][]): Tensor => Tensor.fromRows(rows);

function maxDiff(a: Tensor, b: Tensor): number {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  let e = 0;
  for (let k = 0; k < a.size; k++) e = Math.max(e, Math.abs(a.data[k]! - b.data[k]!));
  return e;
}

function expectClose(a: Tensor, b: Tensor, rtol = 1e-10): void {
  expect(maxDiff(a, b)).toBeLessThanOrEqual(rtol * Math.max(1, a.maxAbs(), b.maxAbs()));
}

function expectNear(x: number, y: number, rtol = 1e-10, floor = 1): void {
  expect(Math.abs(x - y)).toBeLessThanOrEqual(rtol * Math.max(floor, Math.abs(x), Math.abs(y)));
}

/** Hadamard's bound on |det A|: the product of the column norms. */
function hadamardBound(a: Tensor): number {
  let p = 1;
  for (let j = 0; j < a.cols; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += a.get(i, j) ** 2;
    p *= Math.sqrt(s);
  }
  return p;
}

/** A seeded generator so the 60x60 case is the same matrix on every run. */
function gaussianMatrix(n: number, seed: number): Tensor {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const d = new Float64Array(n * n);
  for (let k = 0; k < d.length; k++) d[k] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return Tensor.matrix(n, n, d);
}

function isUpperTriangular(r: Tensor): boolean {
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < Math.min(i, r.cols); j++) if (r.get(i, j) !== 0) return false;
  return true;
}

describe("lu", () => {
  it("reconstructs P A = L U", () => {
    fc.assert(
      fc.property(squareArb, (a) => {
        const f = lu(a);
        const n = f.n;
        const l = Tensor.eye(n);
        const u = Tensor.zeros(n, n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            if (j < i) l.data[i * n + j] = f.lu[i * n + j]!;
            else u.data[i * n + j] = f.lu[i * n + j]!;
          }
        const pa = Tensor.zeros(n, n);
        for (let i = 0; i < n; i++) pa.data.set(a.data.subarray(f.perm[i]! * n, (f.perm[i]! + 1) * n), i * n);
        expectClose(matmul(l, u), pa, 1e-13);
        // partial pivoting keeps every multiplier at most 1 in size
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(Math.abs(l.get(i, j))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("flags singular matrices, exact and numerical", () => {
    expect(lu(M([[1, 2], [2, 4]])).singular).toBe(true);
    expect(lu(Tensor.zeros(3, 3)).singular).toBe(true);
    expect(lu(M([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]])).singular).toBe(true);
    expect(lu(M([[1, 2], [3, 4]])).singular).toBe(false);
    expect(lu(M([[1e-300, 0], [0, 1e-300]])).singular).toBe(false);
    expect(() => lu(Tensor.zeros(2, 3))).toThrow(RangeError);
  });

  it("records the permutation sign", () => {
    const f = lu(M([[0, 1], [1, 0]]));
    expect(f.sign).toBe(-1);
    expect(Array.from(f.perm)).toEqual([1, 0]);
  });
});

describe("det and logAbsDet", () => {
  it("matches known determinants", () => {
    expect(det(M([[1, 2], [3, 4]]))).toBeCloseTo(-2, 14);
    expect(det(M([[0, 1], [1, 0]]))).toBe(-1);
    expect(det(identity(5))).toBe(1);
    expect(det(M([[2, 0, 0], [0, 3, 0], [0, 0, 4]]))).toBe(24);
    expect(det(M([[1, 2], [2, 4]]))).toBe(0);
    expect(logAbsDet(M([[1, 2], [2, 4]]))).toBe(-Infinity);
  });

  it("det(AB) = det(A) det(B)", () => {
    fc.assert(
      fc.property(squarePairArb, ([a, b]) => {
        // det is 0 by definition once LU flags a matrix singular; compare only
        // matrices well away from that threshold
        fc.pre(cond1(a) < 1e12 && cond1(b) < 1e12 && cond1(matmul(a, b)) < 1e12);
        const lhs = det(matmul(a, b));
        const rhs = det(a) * det(b);
        // relative to Hadamard's bound, since a random det can be near 0 by cancellation
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-10 * hadamardBound(a) * hadamardBound(b) + 1e-290);
      }),
    );
  });

  it("det(A') = det(A) and det(cA) = c^n det(A)", () => {
    fc.assert(
      fc.property(squareArb, fc.double({ min: -3, max: 3, noNaN: true }), (a, c) => {
        fc.pre(cond1(a) < 1e12);
        const bound = hadamardBound(a);
        expect(Math.abs(det(transpose(a)) - det(a))).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, bound));
        const scaled = det(scale(a, c));
        expect(Math.abs(scaled - c ** a.rows * det(a))).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, Math.abs(c) ** a.rows * bound));
      }),
    );
  });

  it("logAbsDet = log|det| when the matrix is nonsingular", () => {
    fc.assert(
      fc.property(squareArb, (a) => {
        const d = det(a);
        // a det in the subnormal range has lost its digits; logAbsDet has not
        fc.pre(Math.abs(d) > 1e-290);
        expectNear(logAbsDet(a), Math.log(Math.abs(d)), 1e-12);
      }),
    );
  });

  it("does not overflow for a 60x60 matrix scaled by 1e3 (or by 1e10)", () => {
    const g = gaussianMatrix(60, 12345);
    const base = logAbsDet(g);
    expect(Number.isFinite(base)).toBe(true);
    const big = logAbsDet(scale(g, 1e3));
    expect(Number.isFinite(big)).toBe(true);
    expectNear(big, base + 60 * Math.log(1e3), 1e-12);
    const huge = logAbsDet(scale(g, 1e10));
    expect(Number.isFinite(huge)).toBe(true);
    expectNear(huge, base + 60 * Math.log(1e10), 1e-12);
    // the product of pivots itself overflows here, which is the point of logAbsDet
    expect(Math.abs(det(scale(g, 1e10)))).toBe(Infinity);
  });
});

describe("inv, solve, cond1", () => {
  it("A inv(A) = I for well-conditioned random A", () => {
    fc.assert(
      fc.property(squareArb, (a) => {
        const c = cond1(a);
        fc.pre(c < 1e8);
        const n = a.rows;
        const ai = inv(a);
        expect(maxDiff(matmul(a, ai), identity(n))).toBeLessThanOrEqual(1e-14 * n * c);
        expect(maxDiff(matmul(ai, a), identity(n))).toBeLessThanOrEqual(1e-14 * n * c);
      }),
    );
  });

  it("solve(A, B) satisfies A X = B for several right-hand sides", () => {
    const arb = fc.tuple(dimArb, dimArb).chain(([n, k]) => fc.tuple(matrixArb(n, n), matrixArb(n, k)));
    fc.assert(
      fc.property(arb, ([a, b]) => {
        const c = cond1(a);
        fc.pre(c < 1e8);
        const x = solve(a, b);
        expect([x.rows, x.cols]).toEqual([b.rows, b.cols]);
        // a nearly subnormal A gives a solution that legitimately overflows
        fc.pre(x.allFinite());
        const scaleX = Math.max(1, x.maxAbs());
        expect(maxDiff(matmul(a, x), b)).toBeLessThanOrEqual(1e-13 * a.rows * scaleX * Math.max(1, a.maxAbs()));
        expectClose(x, matmul(inv(a), b), 1e-13 * c);
      }),
    );
  });

  it("solves a known system and rejects bad input", () => {
    const x = solve(M([[2, 1], [1, 3]]), Tensor.column([3, 5]));
    expect(x.get(0)).toBeCloseTo(0.8, 14);
    expect(x.get(1)).toBeCloseTo(1.4, 14);
    expect(() => inv(M([[1, 2], [2, 4]]))).toThrow(new RangeError("singular matrix"));
    expect(() => solve(M([[1, 2], [2, 4]]), Tensor.column([1, 1]))).toThrow(RangeError);
    expect(() => solve(identity(2), Tensor.column([1, 2, 3]))).toThrow(RangeError);
    expect(() => inv(Tensor.zeros(2, 3))).toThrow(RangeError);
  });

  it("does not mutate its input", () => {
    const a = M([[4, 1], [2, 3]]);
    inv(a);
    solve(a, Tensor.column([1, 1]));
    det(a);
    expect(a.toRows()).toEqual([[4, 1], [2, 3]]);
  });

  it("cond1 on known matrices, >= 1 always, Infinity when singular", () => {
    expect(cond1(identity(4))).toBe(1);
    expect(cond1(diagMatrix(Tensor.column([1, 1e-3])))).toBeCloseTo(1000, 9);
    expect(cond1(M([[1, 2], [3, 4]]))).toBeCloseTo(21, 12);
    expect(cond1(M([[1, 2], [2, 4]]))).toBe(Infinity);
    fc.assert(
      fc.property(squareArb, (a) => {
        expect(cond1(a)).toBeGreaterThanOrEqual(1 - 1e-12);
      }),
    );
  });
});

describe("cholesky", () => {
  it("L L' = A with L lower triangular and positive diagonal, for A = B B' + n I", () => {
    fc.assert(
      fc.property(spdArb, (a) => {
        const l = cholesky(a);
        expect(l).not.toBeNull();
        expectClose(matmul(l!, transpose(l!)), a, 1e-13);
        for (let i = 0; i < a.rows; i++) {
          expect(l!.get(i, i)).toBeGreaterThan(0);
          for (let j = i + 1; j < a.rows; j++) expect(l!.get(i, j)).toBe(0);
        }
      }),
    );
  });

  it("returns null for matrices that are not symmetric positive definite", () => {
    expect(cholesky(M([[1, 2], [2, 1]]))).toBeNull(); // indefinite
    expect(cholesky(M([[-1, 0], [0, -1]]))).toBeNull();
    expect(cholesky(M([[1, 1], [1, 1]]))).toBeNull(); // only semi-definite
    expect(cholesky(M([[2, 1], [0, 2]]))).toBeNull(); // not symmetric
    expect(cholesky(M([[NaN, 0], [0, 1]]))).toBeNull();
    expect(cholesky(M([[4, 2], [2, 3]]))!.toRows()).toEqual([[2, 0], [1, Math.SQRT2]]);
  });

  it("negating an SPD matrix makes it fail", () => {
    fc.assert(
      fc.property(spdArb, (a) => {
        expect(cholesky(scale(a, -1))).toBeNull();
      }),
    );
  });
});

describe("qr and randomOrthogonalFrom", () => {
  const tallArb = fc.tuple(dimArb, dimArb).chain(([x, y]) => matrixArb(Math.max(x, y), Math.min(x, y)));

  it("Q'Q = I, QR = A, R upper triangular", () => {
    fc.assert(
      fc.property(tallArb, (a) => {
        const { q, r } = qr(a);
        expect([q.rows, q.cols, r.rows, r.cols]).toEqual([a.rows, a.rows, a.rows, a.cols]);
        expectClose(matmul(transpose(q), q), identity(a.rows), 1e-14);
        expectClose(matmul(q, r), a, 1e-14);
        expect(isUpperTriangular(r)).toBe(true);
      }),
    );
  });

  it("handles zero columns and rejects wide matrices", () => {
    const { q, r } = qr(Tensor.zeros(3, 2));
    expect(q.toRows()).toEqual(identity(3).toRows());
    expect(r.maxAbs()).toBe(0);
    expect(() => qr(Tensor.zeros(2, 3))).toThrow(RangeError);
  });

  it("randomOrthogonalFrom gives Q'Q = I with R = Q'G having a positive diagonal", () => {
    fc.assert(
      fc.property(squareArb, (g) => {
        fc.pre(cond1(g) < 1e10);
        const q = randomOrthogonalFrom(g);
        const n = g.rows;
        expectClose(matmul(transpose(q), q), identity(n), 1e-14);
        const r = matmul(transpose(q), g);
        for (let i = 0; i < n; i++) {
          expect(r.get(i, i)).toBeGreaterThan(0);
          for (let j = 0; j < i; j++) expect(Math.abs(r.get(i, j))).toBeLessThanOrEqual(1e-13 * Math.max(1, g.maxAbs()));
        }
      }),
    );
  });
});

describe("symmetricEigenvalues", () => {
  it("matches known spectra in ascending order", () => {
    const ev = symmetricEigenvalues(M([[2, 1], [1, 2]]));
    expect(ev[0]).toBeCloseTo(1, 14);
    expect(ev[1]).toBeCloseTo(3, 14);
    expect(symmetricEigenvalues(diagMatrix(Tensor.column([3, -1, 2])))).toEqual([-1, 2, 3]);
    expect(() => symmetricEigenvalues(Tensor.zeros(2, 3))).toThrow(RangeError);
    expect(symmetricEigenvalues(M([[NaN, 0], [0, 1]])).every(Number.isNaN)).toBe(true);
  });

  it("sum = trace, product = det, ascending", () => {
    const symArb = squareArb.map((b) => scale(add(b, transpose(b)), 0.5));
    fc.assert(
      fc.property(symArb, (a) => {
        const ev = symmetricEigenvalues(a);
        expect(ev.length).toBe(a.rows);
        for (let i = 1; i < ev.length; i++) expect(ev[i]!).toBeGreaterThanOrEqual(ev[i - 1]!);
        expectNear(ev.reduce((s, x) => s + x, 0), trace(a), 1e-12);
        const prod = ev.reduce((s, x) => s * x, 1);
        expect(Math.abs(prod - det(a))).toBeLessThanOrEqual(1e-10 * Math.max(1, hadamardBound(a)));
      }),
    );
  });

  it("recovers the spectrum of Q diag(λ) Q'", () => {
    const arb = dimArb.chain((n) => fc.tuple(matrixArb(n, n), fc.array(entryArb, { minLength: n, maxLength: n })));
    fc.assert(
      fc.property(arb, ([g, lambda]) => {
        fc.pre(cond1(g) < 1e10);
        const q = randomOrthogonalFrom(g);
        const a = matmul(matmul(q, diagMatrix(Tensor.column(lambda))), transpose(q));
        const ev = symmetricEigenvalues(a);
        const sorted = [...lambda].sort((x, y) => x - y);
        for (let i = 0; i < ev.length; i++) expect(Math.abs(ev[i]! - sorted[i]!)).toBeLessThanOrEqual(1e-13);
      }),
    );
  });

  it("B B' + n I has all eigenvalues >= n", () => {
    fc.assert(
      fc.property(spdArb, (a) => {
        expect(symmetricEigenvalues(a)[0]!).toBeGreaterThanOrEqual(a.rows * (1 - 1e-12));
      }),
    );
  });
});
