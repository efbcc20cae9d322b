// Gradients through matrix powers with a symbolic integer exponent and through
// kron (issue 14, part 3): each is proved by the engine, and the same claim is
// checked again by finite differences alone (symbolic: false), at several k,
// negative ones included where X is invertible. The Cookbook's single sum for
// tr(A * X^k) holds for k >= 0 only: with negative k allowed it is refuted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate, grad } from "../../src/api.js";
import { parseExpr } from "../../src/parse/parser.js";

const proves = (lhs: string, rhs: string, lets: string[]): void => {
  const r = equal({ lhs, rhs, let: lets, seed: 1 });
  expect(r.verdict, r.detail).toBe("proved");
  expect(r.symbolic).toBe("proved");
  // the same claim by finite differences alone
  const numeric = equal({ lhs, rhs, let: lets, seed: 2, symbolic: false });
  expect(numeric.verdict, numeric.detail).toBe("verified");
};

// k over a range with negative values: X must be invertible there
const ANY_K = ["X: n x n invertible", "k: integer in [-3, 4]"];
const NONNEG_K = ["X: n x n", "k: integer in [0, 5]"];

describe("matrix powers with a symbolic exponent", () => {
  it("grad(tr(X^k), X) = k * (X^(k-1))' for every integer k (Cookbook (58)-style)", () => {
    proves("grad(tr(X^k), X)", "k * (X^(k - 1))'", ANY_K);
    proves("grad(tr(X^k), X)", "k * (X^(k - 1))'", ["X: n x n", "k: integer"]);
  });

  it("grad(det(X^k), X) = k * det(X)^k * inv(X)'", () => {
    proves("grad(det(X^k), X)", "k * det(X)^k * inv(X)'", ANY_K);
  });

  it("grad(logdet(X^k), X) = k * inv(X)'", () => {
    proves("grad(logdet(X^k), X)", "k * inv(X)'", ANY_K);
  });

  it("grad(tr(A * X^k), X) is the Cookbook sum over r when k >= 0", () => {
    proves("grad(tr(A * X^k), X)", "sum((X^r * A * X^(k - 1 - r))', r, 0, k - 1)", [...NONNEG_K, "A: n x n"]);
    proves("grad(tr(A * X^k), X)", "sum((X^r * A * X^(k - 1 - r))', r, 0, k - 1)", ["X, A: n x n", "k: integer nonnegative"]);
  });

  it("for any integer k it needs the second sum, and the single sum is refuted at a negative k", () => {
    const two = "sum((X^r * A * X^(k - 1 - r))', r, 0, k - 1) - sum((X^r * A * X^(k - 1 - r))', r, k, -1)";
    proves("grad(tr(A * X^k), X)", two, [...ANY_K, "A: n x n"]);
    const one = equal({ lhs: "grad(tr(A * X^k), X)", rhs: "sum((X^r * A * X^(k - 1 - r))', r, 0, k - 1)", let: [...ANY_K, "A: n x n"], seed: 1 });
    expect(one.verdict).toBe("refuted");
  });

  it("wrong variants are refuted, never proved", () => {
    for (const rhs of ["(k + 1) * (X^(k - 1))'", "k * X^(k - 1)", "k * (X^k)'", "(k - 1) * (X^(k - 1))'"]) {
      const r = equal({ lhs: "grad(tr(X^k), X)", rhs, let: ANY_K, seed: 1 });
      expect(r.verdict, rhs).toBe("refuted");
    }
    expect(equal({ lhs: "grad(det(X^k), X)", rhs: "det(X)^k * inv(X)'", let: ANY_K, seed: 1 }).verdict).toBe("refuted");
  });

  it("derive grad prints Cookbook forms that parse back", () => {
    const cases: [string, string[], string][] = [
      ["tr(X^k)", ["X: n x n", "k: integer"], "k * X'^(k - 1)"],
      ["det(X^k)", ["X: n x n", "k: integer"], "k * det(X)^k * inv(X)'"],
      ["tr(A * X^k)", ["X, A: n x n", "k: integer nonnegative"], "sum(X'^i * A' * X'^(-i + k - 1), i, 0, k - 1)"],
    ];
    for (const [expr, lets, want] of cases) {
      const r = grad({ expr, wrt: "X", let: lets, seed: 1 });
      expect(r.error, r.error?.message).toBeNull();
      expect(r.result).toBe(want);
      expect(r.check).toBe("proved");
      expect(() => parseExpr(r.result!)).not.toThrow();
    }
  });

  it("power merging, X^a * X^b = X^(a + b), holds numerically (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 4 }), fc.integer({ min: -3, max: 4 }), fc.integer({ min: 1, max: 50 }), (a, b, seed) => {
        const at = { X: "[2, 1, 0; 1, 3, 1; 0, 1, 4]" };
        const lhs = evaluate({ expr: `X^(${a}) * X^(${b})`, let: ["X: 3 x 3"], at, seed }).value as number[][];
        const rhs = evaluate({ expr: `X^(${a + b})`, let: ["X: 3 x 3"], at, seed }).value as number[][];
        lhs.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - rhs[i]![j]!)).toBeLessThan(1e-9 * (1 + Math.abs(v)))));
      }),
      { numRuns: 30 },
    );
  });
});

describe("kron", () => {
  it("grad(tr(kron(A, X)), X) = tr(A) * I(n)", () => {
    proves("grad(tr(kron(A, X)), X)", "tr(A) * I(n)", ["A: m x m", "X: n x n"]);
    proves("grad(tr(kron(X, A)), X)", "tr(A) * I(n)", ["A: m x m", "X: n x n"]);
  });

  it("kron in products: grad(tr(kron(A, X) * kron(B, C)), X) = tr(A * B) * C'", () => {
    proves("grad(tr(kron(A, X) * kron(B, C)), X)", "tr(A * B) * C'", ["A: m x p", "B: p x m", "X: n x q", "C: q x n"]);
  });

  it("rules: tr(kron(A, B)) = tr(A) tr(B), the mixed product with shape guards", () => {
    proves("tr(kron(A, X))", "tr(A) * tr(X)", ["A: m x m", "X: n x n"]);
    proves("kron(A, B) * kron(C, D)", "kron(A * C, B * D)", ["A: n x m", "B: p x q", "C: m x r", "D: q x s"]);
  });

  it("a cotangent without Kronecker structure goes through the partial trace (tests/symbolic/kron-grad.test.ts), and wrong answers are refuted", () => {
    const r = grad({ expr: "tr(B * kron(A, X))", wrt: "X", let: ["A: 2 x 2", "X: 2 x 2", "B: 4 x 4"], seed: 1 });
    expect(r.result).toBe("ptrace(kron(A', I(2)) * B', 2)");
    expect(r.check).toBe("proved");
    expect(equal({ lhs: "grad(tr(kron(A, X)), X)", rhs: "tr(A) * X", let: ["A: m x m", "X: n x n"], seed: 1 }).verdict).toBe("refuted");
    expect(equal({ lhs: "grad(tr(kron(A, X) * kron(B, C)), X)", rhs: "tr(A * B) * C", let: ["A, B: m x m", "X, C: n x n"], seed: 1 }).verdict).toBe("refuted");
  });
});
