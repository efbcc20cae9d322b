// Laws of the spectral kernels (src/core/eigen.ts) on random matrices:
// symmetric eigen-decompositions reconstruct their matrix, general eigenvalues
// have the trace and determinant as sum and product (complex pairs included),
// singular values square to the eigenvalues of X'X, and the numerical rank of
// products through a narrow factor is that width. Tolerances are relative to
// the size of the quantities compared.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Tensor } from "../../src/core/tensor.js";
import { matmul, transpose } from "../../src/core/kernels.js";
import { det } from "../../src/core/linalg.js";
import { generalEigenvalues, isSymmetric, numericalRank, singularValues, symmetricEigen } from "../../src/core/eigen.js";

const entryArb = fc.double({ min: -2, max: 2, noNaN: true });
/**
 * Entries within 100 orders of magnitude of each other (smaller ones are 0):
 * the shifted QR iteration works in float64, and on blocks of entries near
 * 1e-175 its shifts underflow; generalEigenvalues then returns NaN (a
 * rejected sample, never a wrong value), which the last test of
 * generalEigenvalues shows on the full range.
 */
const moderateArb = entryArb.map((x) => (Math.abs(x) < 1e-100 ? 0 : x));
const matrixArb = (r: number, c: number): fc.Arbitrary<Tensor> =>
  fc.array(entryArb, { minLength: r * c, maxLength: r * c }).map((xs) => Tensor.matrix(r, c, Float64Array.from(xs)));
const squareArb = fc.integer({ min: 1, max: 7 }).chain((n) => matrixArb(n, n));
const moderateSquareArb = fc
  .integer({ min: 1, max: 7 })
  .chain((n) => fc.array(moderateArb, { minLength: n * n, maxLength: n * n }).map((xs) => Tensor.matrix(n, n, Float64Array.from(xs))));
const moderateSymmetricArb = moderateSquareArb.map((a) => {
  const s = Tensor.matrix(a.rows, a.cols, a.data.slice());
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < i; j++) s.data[j * a.cols + i] = s.data[i * a.cols + j]!;
  return s;
});
const symmetricArb = squareArb.map((a) => {
  const s = Tensor.matrix(a.rows, a.cols, a.data.slice());
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < i; j++) s.data[j * a.cols + i] = s.data[i * a.cols + j]!;
  return s;
});
const rectArb = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([r, c]) => matrixArb(r, c));

const M = (rows: number[][]): Tensor => Tensor.fromRows(rows);
const trace = (a: Tensor): number => {
  let t = 0;
  for (let i = 0; i < a.rows; i++) t += a.data[i * a.cols + i]!;
  return t;
};
const close = (a: number, b: number, scale: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(1, scale);

/** Product of complex numbers [re, im]. */
function complexProduct(zs: readonly (readonly [number, number])[]): [number, number] {
  let re = 1;
  let im = 0;
  for (const [a, b] of zs) [re, im] = [re * a - im * b, re * b + im * a];
  return [re, im];
}

describe("symmetricEigen", () => {
  it("S U = U diag(lambda), U'U = I, descending, sign convention", () => {
    fc.assert(
      fc.property(symmetricArb, (s) => {
        const n = s.rows;
        const { values, vectors: u } = symmetricEigen(s);
        const su = matmul(s, u);
        const scale = Math.max(1, s.maxAbs() * n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(Math.abs(su.data[i * n + j]! - u.data[i * n + j]! * values[j]!)).toBeLessThan(1e-12 * scale);
            const utu = matmul(transpose(u), u).data[i * n + j]!;
            expect(Math.abs(utu - (i === j ? 1 : 0))).toBeLessThan(1e-12 * n);
          }
        }
        for (let k = 1; k < n; k++) expect(values[k - 1]!).toBeGreaterThanOrEqual(values[k]!);
        for (let j = 0; j < n; j++) {
          const column = [...Array(n).keys()].map((i) => u.data[i * n + j]!);
          const big = column.reduce((b, v, i) => (Math.abs(v) > Math.abs(column[b]!) ? i : b), 0);
          expect(column[big]!).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("sum = trace, product = det", () => {
    fc.assert(
      fc.property(symmetricArb, (s) => {
        const { values } = symmetricEigen(s);
        const scale = s.maxAbs() * s.rows;
        expect(close(values.reduce((a, b) => a + b, 0), trace(s), scale, 1e-12)).toBe(true);
        expect(close(values.reduce((a, b) => a * b, 1), det(s), scale ** s.rows, 1e-10)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("known spectra; isSymmetric judges relative to the largest entry", () => {
    expect(symmetricEigen(M([[2, 1], [1, 2]])).values.map((v) => +v.toFixed(12))).toEqual([3, 1]);
    expect(symmetricEigen(M([[0, 0], [0, 0]])).values).toEqual([0, 0]);
    expect(isSymmetric(M([[1, 2], [2, 1]]))).toBe(true);
    expect(isSymmetric(M([[1, 2], [2 + 1e-6, 1]]))).toBe(false);
    expect(isSymmetric(M([[1e6, 2], [2 + 1e-6, 1]]))).toBe(true);
  });
});

describe("generalEigenvalues", () => {
  it("sum = trace, sum of squares = tr(A^2), product = det, conjugate pairs, order", () => {
    fc.assert(
      fc.property(moderateSquareArb, (a) => {
        const n = a.rows;
        const ev = generalEigenvalues(a);
        expect(ev).toHaveLength(n);
        const scale = a.maxAbs() * n;
        expect(close(ev.reduce((s, [re]) => s + re, 0), trace(a), scale, 1e-10)).toBe(true);
        expect(Math.abs(ev.reduce((s, [, im]) => s + im, 0))).toBeLessThanOrEqual(1e-10 * Math.max(1, scale));
        const sq = ev.reduce((s, [re, im]) => s + re * re - im * im, 0);
        expect(close(sq, trace(matmul(a, a)), scale * scale, 1e-9)).toBe(true);
        const [pre, pim] = complexProduct(ev);
        expect(close(pre, det(a), scale ** n, 1e-9)).toBe(true);
        expect(Math.abs(pim)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale ** n));
        for (let k = 1; k < n; k++) {
          const [r0, i0] = ev[k - 1]!;
          const [r1, i1] = ev[k]!;
          expect(r0 > r1 || (r0 === r1 && i0 >= i1)).toBe(true);
        }
        // every non-real eigenvalue has its conjugate
        for (const [re, im] of ev) if (im !== 0) expect(ev.some(([r, i]) => r === re && i === -im)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("rotations give cos ± i sin; triangular matrices their diagonal; companion matrices their roots", () => {
    for (const t of [0.3, 1, 2.5, -1.2]) {
      const [[r0, i0], [r1, i1]] = generalEigenvalues(M([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]));
      expect(r0).toBeCloseTo(Math.cos(t), 14);
      expect(r1).toBeCloseTo(Math.cos(t), 14);
      expect(i0).toBeCloseTo(Math.abs(Math.sin(t)), 14);
      expect(i1).toBeCloseTo(-Math.abs(Math.sin(t)), 14);
    }
    expect(generalEigenvalues(M([[0, -1], [1, 0]]))).toEqual([[0, 1], [0, -1]]);
    expect(generalEigenvalues(M([[1, 5, 7], [0, 3, 2], [0, 0, -2]]))).toEqual([[3, 0], [1, 0], [-2, 0]]);
    // x^3 - 6x^2 + 11x - 6 = (x - 1)(x - 2)(x - 3)
    const roots = generalEigenvalues(M([[6, -11, 6], [1, 0, 0], [0, 1, 0]]));
    roots.forEach(([re, im], k) => {
      expect(re).toBeCloseTo(3 - k, 10);
      expect(im).toBeCloseTo(0, 10);
    });
    // x^4 + 1: roots (±1 ± i)/√2
    const r4 = generalEigenvalues(M([[0, 0, 0, -1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]));
    const h = Math.SQRT1_2;
    [[h, h], [h, -h], [-h, h], [-h, -h]].forEach(([re, im], k) => {
      expect(r4[k]![0]).toBeCloseTo(re!, 12);
      expect(r4[k]![1]).toBeCloseTo(im!, 12);
    });
    expect(generalEigenvalues(M([[Number.NaN]]))).toEqual([[NaN, NaN]]);
    // a subnormal corner next to a tiny subdiagonal: split, not an overflowing shift (found by fast-check)
    const tiny = generalEigenvalues(Tensor.matrix(3, 3, Float64Array.from([5e-324, 0, -2.6658463414191417e-303, 0, 0, 4.544984274519036e-10, -2.6658463414191417e-303, 4.544984274519036e-10, 0])));
    expect(tiny.map(([re, im]) => [Math.round(re / 4.544984274519036e-10), im])).toEqual([[1, 0], [0, 0], [-1, 0]]);
  });

  it("agrees with the symmetric solver on symmetric matrices", () => {
    fc.assert(
      fc.property(moderateSymmetricArb, (s) => {
        const ev = generalEigenvalues(s);
        const sym = symmetricEigen(s).values;
        const scale = Math.max(1, s.maxAbs() * s.rows);
        ev.forEach(([re, im], k) => {
          expect(Math.abs(re - sym[k]!)).toBeLessThan(1e-8 * scale);
          expect(Math.abs(im)).toBeLessThan(1e-6 * scale);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("generalEigenvalues on the full float64 range", () => {
  it("either correct (sum = trace) or NaN everywhere, never a wrong finite value", () => {
    fc.assert(
      fc.property(squareArb, (a) => {
        const ev = generalEigenvalues(a);
        const nan = ev.filter(([re, im]) => Number.isNaN(re) || Number.isNaN(im)).length;
        expect([0, a.rows]).toContain(nan);
        if (nan === 0) expect(close(ev.reduce((s, [re]) => s + re, 0), trace(a), a.maxAbs() * a.rows, 1e-10)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("singularValues and numericalRank", () => {
  it("sigma^2 = eigenvalues of X'X (and of XX'), descending, sum sigma^2 = |X|_F^2", () => {
    fc.assert(
      fc.property(rectArb, (x) => {
        const sv = singularValues(x);
        const k = Math.min(x.rows, x.cols);
        expect(sv).toHaveLength(k);
        const gram = x.rows >= x.cols ? matmul(transpose(x), x) : matmul(x, transpose(x));
        const ev = symmetricEigen(gram).values;
        const scale = Math.max(1, gram.maxAbs() * gram.rows);
        sv.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          if (i > 0) expect(sv[i - 1]!).toBeGreaterThanOrEqual(s);
          expect(Math.abs(s * s - ev[i]!)).toBeLessThan(1e-10 * scale);
        });
        const frob = x.data.reduce((a, v) => a + v * v, 0);
        expect(close(sv.reduce((a, s) => a + s * s, 0), frob, frob, 1e-12)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("rank(A B) = 4 for A: 5 x 4, B: 4 x 5 (a narrow factor), rank(X) = n for a well-conditioned X", () => {
    const gaussian = (r: number, c: number): fc.Arbitrary<Tensor> =>
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: r * c, maxLength: r * c }).map((xs) => Tensor.matrix(r, c, Float64Array.from(xs)));
    fc.assert(
      fc.property(gaussian(5, 4), gaussian(4, 5), (a, b) => {
        // always: rank(A B) <= 4 (Sylvester's lower bound rank A + rank B - 4 is
        // not a law of the numerical rank: graded factors lose their small parts)
        const r = numericalRank(matmul(a, b));
        expect(r).toBeLessThanOrEqual(4);
        // both factors of full rank 4 and not nearly singular: exactly 4
        const conditioned = (x: Tensor): boolean => {
          const sv = singularValues(x);
          return sv[3]! > 1e-6 * sv[0]!;
        };
        if (conditioned(a) && conditioned(b)) expect(r).toBe(4);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }).chain((n) => gaussian(n, n)), (x) => {
        const sv = singularValues(x);
        // condition number below 1e8: far from the rank tolerance
        fc.pre(sv[sv.length - 1]! > 1e-8 * sv[0]!);
        expect(numericalRank(x)).toBe(x.rows);
      }),
      { numRuns: 300 },
    );
  });

  it("known ranks and the tolerance max(m, n) eps sigma_max", () => {
    expect(numericalRank(Tensor.zeros(3, 4))).toBe(0);
    expect(numericalRank(M([[1, 2, 3], [2, 4, 6]]))).toBe(1);
    expect(numericalRank(M([[1, 0], [0, 1e-10]]))).toBe(2);
    expect(numericalRank(M([[1, 0], [0, 1e-17]]))).toBe(1);
    expect(singularValues(M([[3, 0], [0, -4]]))).toEqual([4, 3]);
    expect(singularValues(M([[1, 1]])).map((v) => +v.toFixed(14))).toEqual([+Math.SQRT2.toFixed(14)]);
  });
});
