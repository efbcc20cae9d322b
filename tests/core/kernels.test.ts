// Tests for the dense kernels: exact small cases, broadcasting and shape errors,
// and algebraic identities (transpose of a product, vec/Kronecker rules, matrix
// powers) checked on random shapes with fast-check.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Tensor } from "../../src/core/tensor.js";
import {
  add,
  diagMatrix,
  diagVector,
  dot,
  ediv,
  entry,
  frobenius,
  hadamard,
  identity,
  kron,
  map,
  matmul,
  matpow,
  neg,
  ones,
  outer,
  scale,
  sub,
  sumAll,
  trace,
  transpose,
  unvec,
  vec,
  zip,
} from "../../src/core/kernels.js";
import { inv, cond1 } from "../../src/core/linalg.js";

const entryArb = fc.double({ min: -2, max: 2, noNaN: true });
const dimArb = fc.integer({ min: 1, max: 6 });

const matrixArb = (r: number, c: number): fc.Arbitrary<Tensor> =>
  fc.array(entryArb, { minLength: r * c, maxLength: r * c }).map((xs) => Tensor.matrix(r, c, Float64Array.from(xs)));

const anyMatrix = fc.tuple(dimArb, dimArb).chain(([r, c]) => matrixArb(r, c));
const squareArb = dimArb.chain((n) => matrixArb(n, n));

const M = (rows: number[][]): Tensor => Tensor.fromRows(rows);

/** max |a - b| <= rtol * max(1, |a|_max, |b|_max), with matching shapes. */
function expectClose(a: Tensor, b: Tensor, rtol = 1e-10): void {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  const scaleAB = Math.max(1, a.maxAbs(), b.maxAbs());
  let err = 0;
  for (let k = 0; k < a.size; k++) err = Math.max(err, Math.abs(a.data[k]! - b.data[k]!));
  expect(err).toBeLessThanOrEqual(rtol * scaleAB);
}

function naiveMatmul(a: Tensor, b: Tensor): Tensor {
  const out = Tensor.zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.get(i, k) * b.get(k, j);
      out.data[i * b.cols + j] = s;
    }
  return out;
}

describe("elementwise", () => {
  const a = M([[1, 2], [3, 4]]);
  const b = M([[5, 6], [7, 8]]);

  it("adds, subtracts, multiplies and divides entrywise", () => {
    expect(add(a, b).toRows()).toEqual([[6, 8], [10, 12]]);
    expect(sub(a, b).toRows()).toEqual([[-4, -4], [-4, -4]]);
    expect(hadamard(a, b).toRows()).toEqual([[5, 12], [21, 32]]);
    expect(ediv(b, a).toRows()).toEqual([[5, 3], [7 / 3, 2]]);
  });

  it("broadcasts a 1x1 operand on either side", () => {
    const two = Tensor.scalar(2);
    expect(add(two, a).toRows()).toEqual([[3, 4], [5, 6]]);
    expect(sub(a, two).toRows()).toEqual([[-1, 0], [1, 2]]);
    expect(sub(two, a).toRows()).toEqual([[1, 0], [-1, -2]]);
    expect(ediv(two, a).toRows()).toEqual([[2, 1], [2 / 3, 0.5]]);
    expect(hadamard(Tensor.scalar(3), Tensor.scalar(4)).toRows()).toEqual([[12]]);
    expect(zip(a, two, Math.pow).toRows()).toEqual([[1, 4], [9, 16]]);
  });

  it("rejects mismatched shapes with a RangeError", () => {
    expect(() => add(a, Tensor.zeros(2, 3))).toThrow(RangeError);
    expect(() => hadamard(Tensor.zeros(3, 1), Tensor.zeros(1, 3))).toThrow(RangeError);
    expect(() => zip(a, Tensor.zeros(4, 1), (x) => x)).toThrow(RangeError);
  });

  it("treats a rank-1 vector and an n x 1 matrix as the same shape", () => {
    const v = new Tensor([3], Float64Array.of(1, 2, 3));
    expect(Array.from(add(v, Tensor.column([1, 1, 1])).data)).toEqual([2, 3, 4]);
  });

  it("scales, negates and maps into new tensors without touching inputs", () => {
    const before = Array.from(a.data);
    expect(scale(a, -2).toRows()).toEqual([[-2, -4], [-6, -8]]);
    expect(neg(a).toRows()).toEqual([[-1, -2], [-3, -4]]);
    expect(map(a, (x) => x * x).toRows()).toEqual([[1, 4], [9, 16]]);
    const s = add(a, Tensor.scalar(0));
    expect(s.data).not.toBe(a.data);
    expect(Array.from(a.data)).toEqual(before);
  });

  it("sub(a, b) = add(a, neg(b)) and ediv inverts hadamard", () => {
    fc.assert(
      fc.property(
        fc.tuple(dimArb, dimArb).chain(([r, c]) => fc.tuple(matrixArb(r, c), matrixArb(r, c))),
        ([x, y]) => {
          expectClose(sub(x, y), add(x, neg(y)), 0);
          const safe = map(y, (v) => (Math.abs(v) < 0.1 ? 1 : v));
          expectClose(ediv(hadamard(x, safe), safe), x, 1e-15);
        },
      ),
    );
  });
});

describe("matmul and transpose", () => {
  it("multiplies a known pair", () => {
    expect(matmul(M([[1, 2], [3, 4]]), M([[5, 6], [7, 8]])).toRows()).toEqual([[19, 22], [43, 50]]);
    expect(matmul(M([[1, 2, 3]]), Tensor.column([4, 5, 6])).toRows()).toEqual([[32]]);
  });

  it("scales when one side is 1x1", () => {
    expect(matmul(Tensor.scalar(3), M([[1, 2]])).toRows()).toEqual([[3, 6]]);
    expect(matmul(Tensor.column([1, 2]), Tensor.scalar(-1)).toRows()).toEqual([[-1], [-2]]);
  });

  it("rejects inner-dimension mismatch", () => {
    expect(() => matmul(Tensor.zeros(2, 3), Tensor.zeros(2, 3))).toThrow(RangeError);
  });

  it("keeps 0 * Infinity = NaN (the zero skip must not hide it)", () => {
    const r = matmul(M([[0, 1], [1, 0]]), Tensor.column([Infinity, 1]));
    expect(Number.isNaN(r.get(0))).toBe(true);
    expect(r.get(1)).toBe(Infinity);
  });

  it("agrees with the textbook triple loop on random shapes", () => {
    fc.assert(
      fc.property(
        fc.tuple(dimArb, dimArb, dimArb).chain(([n, m, p]) => fc.tuple(matrixArb(n, m), matrixArb(m, p))),
        ([a, b]) => expectClose(matmul(a, b), naiveMatmul(a, b), 1e-14),
      ),
    );
  });

  it("(AB)' = B'A'", () => {
    fc.assert(
      fc.property(
        fc.tuple(dimArb, dimArb, dimArb).chain(([n, m, p]) => fc.tuple(matrixArb(n, m), matrixArb(m, p))),
        ([a, b]) => expectClose(transpose(matmul(a, b)), matmul(transpose(b), transpose(a)), 1e-14),
      ),
    );
  });

  it("transposes shape and entries; twice is the identity", () => {
    const t = transpose(M([[1, 2, 3], [4, 5, 6]]));
    expect(t.toRows()).toEqual([[1, 4], [2, 5], [3, 6]]);
    fc.assert(
      fc.property(anyMatrix, (a) => {
        expect(transpose(transpose(a)).toRows()).toEqual(a.toRows());
      }),
    );
  });
});

describe("kron, vec, unvec", () => {
  it("builds a known Kronecker product", () => {
    const k = kron(M([[1, 2], [3, 4]]), M([[0, 1], [1, 0]]));
    expect(k.toRows()).toEqual([
      [0, 1, 0, 2],
      [1, 0, 2, 0],
      [0, 3, 0, 4],
      [3, 0, 4, 0],
    ]);
    expect([kron(Tensor.zeros(2, 3), Tensor.zeros(4, 5)).rows, kron(Tensor.zeros(2, 3), Tensor.zeros(4, 5)).cols]).toEqual([8, 15]);
  });

  it("vec stacks columns and unvec undoes it", () => {
    const x = M([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(vec(x).data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect([vec(x).rows, vec(x).cols]).toEqual([6, 1]);
    expect(unvec(vec(x), 2, 3).toRows()).toEqual(x.toRows());
    expect(() => unvec(vec(x), 4, 2)).toThrow(RangeError);
    fc.assert(
      fc.property(anyMatrix, (a) => {
        expect(unvec(vec(a), a.rows, a.cols).toRows()).toEqual(a.toRows());
      }),
    );
  });

  it("vec(AXB) = (B' ⊗ A) vec(X) for random shapes", () => {
    const arb = fc
      .tuple(dimArb, dimArb, dimArb, dimArb)
      .chain(([n, m, p, q]) => fc.tuple(matrixArb(n, m), matrixArb(m, p), matrixArb(p, q)));
    fc.assert(
      fc.property(arb, ([a, x, b]) => {
        expectClose(vec(matmul(matmul(a, x), b)), matmul(kron(transpose(b), a), vec(x)), 1e-12);
      }),
    );
  });

  it("mixed product (A ⊗ B)(C ⊗ D) = AC ⊗ BD", () => {
    const small = fc.integer({ min: 1, max: 3 });
    const arb = fc
      .tuple(small, small, small, small, small, small)
      .chain(([a1, a2, b1, b2, c2, d2]) =>
        fc.tuple(matrixArb(a1, a2), matrixArb(b1, b2), matrixArb(a2, c2), matrixArb(b2, d2)),
      );
    fc.assert(
      fc.property(arb, ([a, b, c, d]) => {
        expectClose(matmul(kron(a, b), kron(c, d)), kron(matmul(a, c), matmul(b, d)), 1e-12);
      }),
    );
  });
});

describe("structure and reductions", () => {
  it("diagMatrix and diagVector are inverse on the diagonal", () => {
    expect(diagMatrix(Tensor.column([1, 2, 3])).toRows()).toEqual([[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
    expect(diagVector(M([[1, 2], [3, 4]])).toRows()).toEqual([[1], [4]]);
    expect(() => diagVector(Tensor.zeros(2, 3))).toThrow(RangeError);
    expect(() => diagMatrix(Tensor.zeros(2, 2))).toThrow(RangeError);
  });

  it("trace, sumAll and dot on known values", () => {
    expect(trace(M([[1, 2], [3, 4]]))).toBe(5);
    expect(() => trace(Tensor.zeros(2, 3))).toThrow(RangeError);
    expect(sumAll(M([[1, 2], [3, 4]]))).toBe(10);
    expect(dot(Tensor.column([1, 2, 3]), Tensor.column([4, 5, 6]))).toBe(32);
    expect(() => dot(Tensor.column([1, 2]), Tensor.column([1, 2, 3]))).toThrow(RangeError);
  });

  it("trace(AB) = trace(BA) and trace(A'B) = dot(A, B)", () => {
    const arb = fc.tuple(dimArb, dimArb).chain(([n, m]) => fc.tuple(matrixArb(n, m), matrixArb(m, n), matrixArb(n, m)));
    fc.assert(
      fc.property(arb, ([a, b, c]) => {
        const tab = trace(matmul(a, b));
        expect(Math.abs(tab - trace(matmul(b, a)))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(tab)));
        const tac = trace(matmul(transpose(a), c));
        expect(Math.abs(tac - dot(a, c))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(tac)));
      }),
    );
  });

  it("frobenius is exact on 3-4-5 and neither overflows nor underflows", () => {
    expect(frobenius(M([[3, 4]]))).toBe(5);
    expect(frobenius(M([[3e200, 4e200]])) / 1e200).toBeCloseTo(5, 12);
    expect(frobenius(M([[3e-200, 4e-200]])) / 1e-200).toBeCloseTo(5, 12);
    expect(frobenius(Tensor.zeros(2, 2))).toBe(0);
    expect(frobenius(M([[1, Infinity]]))).toBe(Infinity);
    expect(Number.isNaN(frobenius(M([[1, NaN]])))).toBe(true);
  });

  it("frobenius^2 = dot(A, A)", () => {
    fc.assert(
      fc.property(anyMatrix, (a) => {
        const f = frobenius(a);
        expect(Math.abs(f * f - dot(a, a))).toBeLessThanOrEqual(1e-12 * Math.max(1, f * f));
      }),
    );
  });

  it("outer(x, y) = x y'", () => {
    expect(outer(Tensor.column([1, 2]), Tensor.column([3, 4, 5])).toRows()).toEqual([[3, 4, 5], [6, 8, 10]]);
    expect(() => outer(Tensor.zeros(2, 2), Tensor.column([1]))).toThrow(RangeError);
    const arb = fc.tuple(dimArb, dimArb).chain(([n, m]) => fc.tuple(matrixArb(n, 1), matrixArb(m, 1)));
    fc.assert(fc.property(arb, ([x, y]) => expectClose(outer(x, y), matmul(x, transpose(y)), 0)));
  });

  it("identity and ones", () => {
    expect(identity(2).toRows()).toEqual([[1, 0], [0, 1]]);
    expect(ones(2, 3).toRows()).toEqual([[1, 1, 1], [1, 1, 1]]);
  });

  it("entry reads 0-based with a bounds check", () => {
    const a = M([[1, 2], [3, 4]]);
    expect(entry(a, 1, 0)).toBe(3);
    expect(() => entry(a, 2, 0)).toThrow(RangeError);
    expect(() => entry(a, 0, -1)).toThrow(RangeError);
    expect(() => entry(a, 0.5, 0)).toThrow(RangeError);
  });
});

describe("matpow", () => {
  it("A^3 = AAA, A^0 = I, A^1 is a copy", () => {
    fc.assert(
      fc.property(squareArb, (a) => {
        expectClose(matpow(a, 3), matmul(matmul(a, a), a), 1e-13);
        expect(matpow(a, 0).toRows()).toEqual(identity(a.rows).toRows());
        const one = matpow(a, 1);
        expect(one).not.toBe(a);
        expect(one.data).not.toBe(a.data);
        expect(one.toRows()).toEqual(a.toRows());
      }),
    );
  });

  it("A^(j+k) = A^j A^k for larger exponents", () => {
    const a = M([[0.5, 0.25], [-0.25, 0.75]]);
    expectClose(matpow(a, 13), matmul(matpow(a, 6), matpow(a, 7)), 1e-14);
    expect(matpow(M([[1, 1], [1, 0]]), 10).toRows()).toEqual([[89, 55], [55, 34]]);
  });

  it("negative powers go through the inverse", () => {
    const arb = squareArb.map((a) => add(a, scale(identity(a.rows), 3 * a.rows)));
    fc.assert(
      fc.property(arb, (a) => {
        fc.pre(cond1(a) < 1e6);
        expectClose(matpow(a, -1), inv(a), 1e-14);
        expectClose(matpow(a, -2), matmul(inv(a), inv(a)), 1e-12);
        expectClose(matmul(matpow(a, -3), matpow(a, 3)), identity(a.rows), 1e-10);
      }),
    );
  });

  it("rejects non-integer exponents and non-square matrices", () => {
    expect(() => matpow(identity(2), 0.5)).toThrow(RangeError);
    expect(() => matpow(identity(2), NaN)).toThrow(RangeError);
    expect(() => matpow(Tensor.zeros(2, 3), 2)).toThrow(RangeError);
    expect(() => matpow(Tensor.zeros(2, 2), -1)).toThrow(/singular/);
  });
});
