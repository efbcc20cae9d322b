// arbitrary(): every declared property holds on every generated value (checked
// here independently of the checker's own property test), dimensions are
// shared, fixed and bounded as asked, and shrinking keeps the properties.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitrary } from "../../src/testing/index.js";

type M = number[][];
const T = (A: M): M => A[0]!.map((_, j) => A.map((r) => r[j]!));
const mul = (A: M, B: M): M => A.map((r) => B[0]!.map((_, j) => r.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
const near = (a: number, b: number, tol = 1e-9): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
const isSymmetric = (A: M): boolean => A.every((r, i) => r.every((a, j) => near(a, A[j]![i]!)));
/** a Cholesky factorisation exists exactly when a symmetric matrix is positive definite */
function isSpd(A: M): boolean {
  if (!isSymmetric(A)) return false;
  const n = A.length;
  const L: M = A.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = A[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    if (!(d > 0)) return false;
    L[j]![j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / L[j]![j]!;
    }
  }
  return true;
}
const isIdentity = (A: M, tol = 1e-9): boolean => A.every((r, i) => r.every((a, j) => Math.abs(a - (i === j ? 1 : 0)) <= tol));
/** |det| by Gaussian elimination with partial pivoting, relative to the product of row norms (Hadamard) */
function relDet(A: M): number {
  const a = A.map((r) => [...r]);
  const n = a.length;
  let det = 1;
  const hadamard = a.reduce((p, r) => p * Math.hypot(...r), 1);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    det *= a[c]![c]!;
    if (a[c]![c] === 0) return 0;
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < n; k++) a[r]![k] = a[r]![k]! - f * a[c]![k]!;
    }
  }
  return Math.abs(det) / hadamard;
}
const offDiagonalZero = (A: M): boolean => A.every((r, i) => r.every((a, j) => i === j || a === 0));
const run = (decls: string, check: (v: Record<string, any>) => boolean, numRuns = 60): void => {
  fc.assert(fc.property(arbitrary(decls), (v) => check(v)), { numRuns, seed: 42 });
};

describe("every declared property holds", () => {
  it("symmetric", () => run("A: n x n symmetric", ({ A }) => isSymmetric(A)));
  it("spd (also positive, diagonal)", () => {
    run("A: n x n spd", ({ A }) => isSpd(A));
    run("A: n x n spd positive", ({ A }) => isSpd(A) && A.every((r: number[]) => r.every((a) => a > 0)));
    run("A: n x n spd diagonal", ({ A }) => isSpd(A) && offDiagonalZero(A));
  });
  it("orthogonal (also symmetric, diagonal)", () => {
    run("Q: n x n orthogonal", ({ Q }) => isIdentity(mul(T(Q), Q)) && isIdentity(mul(Q, T(Q))));
    run("Q: n x n orthogonal symmetric", ({ Q }) => isIdentity(mul(T(Q), Q)) && isSymmetric(Q));
    run("Q: n x n orthogonal diagonal", ({ Q }) => offDiagonalZero(Q) && Q.every((r: number[], i: number) => Math.abs(r[i]!) === 1));
  });
  it("invertible, well conditioned (also symmetric, positive, diagonal)", () => {
    run("A: n x n invertible", ({ A }) => relDet(A) > 1e-6);
    run("A: n x n invertible symmetric", ({ A }) => relDet(A) > 1e-6 && isSymmetric(A));
    run("A: n x n invertible positive", ({ A }) => relDet(A) > 1e-6 && A.every((r: number[]) => r.every((a) => a > 0)));
    run("A: n x n invertible diagonal", ({ A }) => relDet(A) > 1e-6 && offDiagonalZero(A));
  });
  it("diagonal, positive, nonnegative", () => {
    run("D: n x n diagonal", ({ D }) => offDiagonalZero(D));
    run("X: n x m positive; t: scalar positive", ({ X, t }) => t > 0 && X.every((r: number[]) => r.every((a) => a > 0)));
    run("X: n x m nonnegative", ({ X }) => X.every((r: number[]) => r.every((a) => a >= 0)));
  });
  it("simplex and onehot vectors", () => {
    run("p: n simplex", ({ p }) => p.every((x: number) => x > 0) && near(p.reduce((a: number, b: number) => a + b, 0), 1));
    run("y: n onehot", ({ y }) => y.every((x: number) => x === 0 || x === 1) && y.reduce((a: number, b: number) => a + b, 0) === 1);
  });
  it("integers and intervals", () => {
    run("k: integer", ({ k }) => Number.isInteger(k));
    run("b: scalar in (0, 1); e: scalar in [0, 0.1]; j: integer in [2, 4]", ({ b, e, j }) => b > 0 && b < 1 && e >= 0 && e <= 0.1 && [2, 3, 4].includes(j));
    run("W: n x m in [-1, 1]", ({ W }) => W.every((r: number[]) => r.every((a) => a >= -1 && a <= 1)));
  });
  it("rank > 2 tensors, with entry properties", () => {
    run("X: 2 x c x h x w positive", ({ X }) => X.length === 2 && X.flat(3).every((a: number) => a > 0));
  });
});

describe("dimensions", () => {
  it("are shared between names", () => run("X: n x m; A: n x n; y: m", ({ X, A, y }) => X.length === A.length && A[0].length === A.length && X[0].length === y.length));
  it("are fixed or bounded by options.dims; fixed numbers in the declarations are kept", () => {
    fc.assert(fc.property(arbitrary("X: n x m; W: 4 x 3", { dims: { n: 3, m: [2, 4] } }), ({ X, W }) => X.length === 3 && X[0].length >= 2 && X[0].length <= 4 && W.length === 4 && W[0].length === 3), { numRuns: 40, seed: 1 });
    const seen = new Set<number>();
    fc.assert(fc.property(arbitrary("x: n"), ({ x }) => {
      seen.add(x.length);
      return x.length >= 1 && x.length <= 5;
    }), { numRuns: 100, seed: 1 });
    expect(seen.size).toBeGreaterThan(3);
  });
  it("the record form is the same as the string form", () => {
    const a = fc.sample(arbitrary({ X: "n x m", A: "n x n spd" }), { numRuns: 5, seed: 9 });
    const b = fc.sample(arbitrary("X: n x m; A: n x n spd"), { numRuns: 5, seed: 9 });
    expect(a).toEqual(b);
  });
  it("bad declarations and options are one-line errors with a position", () => {
    expect(() => arbitrary("X: n x m spd")).toThrow(/spd needs a square shape/);
    expect(() => arbitrary("X: n x m wobbly")).toThrow(/declaration error at \d+: unknown property 'wobbly'/);
    expect(() => arbitrary("X: n x m", { dims: { k: 3 } })).toThrow(/k is not a dimension/);
    expect(() => arbitrary("X: n x m", { dims: { n: [3, 1] } })).toThrow(/options\.dims\.n/);
  });
});

describe("shrinking keeps the properties", () => {
  /** the counterexample fast-check shrinks a failing property to */
  const shrunk = (decls: string, fails: (v: Record<string, any>) => boolean): Record<string, any> => {
    const out = fc.check(fc.property(arbitrary(decls), (v) => !fails(v)), { seed: 5, numRuns: 200 });
    expect(out.failed).toBe(true);
    return out.counterexample![0] as Record<string, any>;
  };

  it("an spd matrix shrinks to a smaller spd matrix with round entries", () => {
    // fails for every spd matrix of size >= 3 with an off-diagonal entry above 0.5
    const { A } = shrunk("A: n x n spd", ({ A }) => A.length >= 3 && A.some((r: number[], i: number) => r.some((a, j) => i !== j && Math.abs(a) > 0.5)));
    expect(A.length).toBe(3);
    expect(isSpd(A)).toBe(true);
    // B B'/n + I from draws in hundredths: entries are multiples of 1e-4 / 3, short decimals
    expect(A.flat().every((a: number) => Number.isInteger(Math.round(a * 30000 * 1e6) / 1e6))).toBe(true);
  });

  it("a simplex vector stays on the simplex", () => {
    const { p } = shrunk("p: n simplex", ({ p }) => p.length >= 2 && Math.max(...p) > 0.6);
    expect(p.length).toBe(2);
    expect(p.every((x: number) => x > 0)).toBe(true);
    expect(near(p[0] + p[1], 1)).toBe(true);
  });

  it("an orthogonal matrix stays orthogonal; shared dimensions shrink together", () => {
    const { Q, x } = shrunk("Q: n x n orthogonal; x: n", ({ Q, x }) => Q.length >= 2 && x.length >= 2);
    expect(Q.length).toBe(2);
    expect(x.length).toBe(2);
    expect(isIdentity(mul(T(Q), Q))).toBe(true);
  });

  it("plain entries shrink to small round values", () => {
    const { X } = shrunk("X: n x m", ({ X }) => X.flat().some((a: number) => a > 1));
    expect(X.flat().filter((a: number) => a !== 0)).toHaveLength(1);
    expect(X.flat().every((a: number) => Number.isInteger(a * 100))).toBe(true);
  });
});

describe("large dimensions", () => {
  it("invertible matrices at n = 20..40 are drawn without endless rejection and are well conditioned", () => {
    fc.assert(fc.property(arbitrary("A: n x n invertible; B: n x n invertible symmetric", { dims: { n: [20, 40] } }), ({ A, B }) => relDet(A) > 1e-12 && relDet(B) > 1e-12 && isSymmetric(B)), { numRuns: 5, seed: 3 });
  });
});

it("properties that conflict end in an error naming them, not an endless search", () => {
  expect(() => fc.sample(arbitrary("Q: n x n orthogonal positive", { dims: { n: 3 } }), 1)).toThrow(/no valid value could be drawn for Q \(orthogonal positive\) at size 3 x 3: the properties may conflict/);
});
