// The spectral operators through the checker: laws of eigvalsh, eigvals,
// svdvals and rank are accepted over many seeds, and a mutated form of each
// (a wrong constant, a dropped complex part, a wrong order, a rank one too
// high) is refuted. Bad input is one positioned error.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate, grad } from "../../src/api.js";

const ACCEPTED = ["proved", "verified"];
const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });

/** The claim holds for every seed fast-check tries. */
function holds(claim: string, decls: readonly string[], runs = 8): void {
  fc.assert(
    fc.property(seedArb, (seed) => {
      const r = equal({ claim, let: decls, seed });
      expect(r.error, `${claim}: ${r.detail}`).toBeNull();
      expect(ACCEPTED, `${claim} (seed ${seed}): ${r.detail}`).toContain(r.verdict);
    }),
    { numRuns: runs },
  );
}

/** The claim is refuted for every seed fast-check tries (never accepted). */
function refuted(claim: string, decls: readonly string[], runs = 4, samples?: number): void {
  fc.assert(
    fc.property(seedArb, (seed) => {
      const r = equal({ claim, let: decls, seed, ...(samples ? { samples } : {}) });
      expect(r.verdict, `${claim} (seed ${seed}): ${r.detail}`).toBe("refuted");
    }),
    { numRuns: runs },
  );
}

// Re and Im of the i-th eigenvalue of X
const re = (x: string): string => `eigvals(${x})[i, 1]`;
const im = (x: string): string => `eigvals(${x})[i, 2]`;
// a real eigenvalue contributes itself, a conjugate pair |lambda| twice: prod = det
const detFactor = (x: string): string =>
  `${re(x)} + (sqrt(${re(x)}^2 + ${im(x)}^2) - ${re(x)}) * sign(abs(${im(x)}))`;

describe("eigvalsh", () => {
  it("sum = trace, product = det, descending, scaling", () => {
    holds("sum(eigvalsh(A + A')) = tr(A + A')", ["A: n x n"]);
    holds("prod(eigvalsh(A + A')[i], i, 1, n) = det(A + A')", ["A: n x n"]);
    holds("sum(eigvalsh(X' * X) .^ 2) = tr((X' * X)^2)", ["X: m x n"]);
    holds("eigvalsh(A + A')[1] >= eigvalsh(A + A')[2]", ["A: n x n"]);
    holds("eigvalsh(X' * X) >= 0", ["X: m x n"]);
    holds("eigvalsh(-(A + A'))[1] = -eigvalsh(A + A')[n]", ["A: n x n"]);
  });
  it("mutations are refuted", () => {
    refuted("sum(eigvalsh(A + A')) = tr(A)", ["A: n x n"]);
    refuted("prod(eigvalsh(A + A')[i], i, 1, n) = -det(A + A')", ["A: n x n"]);
    refuted("eigvalsh(A + A')[1] <= eigvalsh(A + A')[2]", ["A: n x n"]);
    refuted("eigvalsh(-(A + A')) = -eigvalsh(A + A')", ["A: n x n"]);
  });
  it("derivative: d(w' lambda) = sum w_i u_i' (dA + dA') u_i, so the gradient is 2 U diag(w) U'", () => {
    holds("grad(eigvalsh(A + A')' * w, A) = 2 * eigvecsh(A + A') * diag(w) * eigvecsh(A + A')'", ["A: n x n", "w: n"], 4);
    refuted("grad(eigvalsh(A + A')' * w, A) = eigvecsh(A + A') * diag(w) * eigvecsh(A + A')'", ["A: n x n", "w: n"], 2);
  });
  it("a non-symmetric argument is an error, not a reinterpretation", () => {
    const r = equal({ lhs: "eigvalsh(A)", rhs: "eigvalsh(A')", let: ["A: n x n"], seed: 1 });
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toContain("eigvalsh needs a symmetric matrix");
    const e = evaluate({ expr: "eigvalsh([1, 2; 3, 4])" });
    expect(e.error?.message).toContain("eigvalsh needs a symmetric matrix");
    const s = evaluate({ expr: "eigvalsh(X)", let: ["X: 2 x 3"] });
    expect(s.error?.message).toMatch(/^shape error at 0: eigvalsh needs a square matrix/);
  });
});

describe("eigvals", () => {
  it("random matrices: sum = tr, sum of squares = tr(X^2), prod = det (pairs included), conjugate pairs", () => {
    holds(`sum(${re("X")}, i, 1, n) = tr(X)`, ["X: n x n"]);
    holds(`sum(${im("X")}, i, 1, n) = 0`, ["X: n x n"]);
    holds(`sum(${re("X")}^2 - ${im("X")}^2, i, 1, n) = tr(X^2)`, ["X: n x n"]);
    holds(`prod(${detFactor("X")}, i, 1, n) = det(X)`, ["X: n x n"]);
    holds(`prod(sqrt(${re("X")}^2 + ${im("X")}^2), i, 1, n) = abs(det(X))`, ["X: n x n"]);
    holds("eigvals(X) = eigvals(X')", ["X: n x n"]);
    holds("eigvals(X)[1, 1] >= eigvals(X)[2, 1]", ["X: n x n"]);
  });
  it("mutations are refuted: real parts only, |lambda| as trace, sorted the other way", () => {
    refuted(`prod(${re("X")}, i, 1, 6) = det(X)`, ["X: 6 x 6"]);
    refuted(`sum(sqrt(${re("X")}^2 + ${im("X")}^2), i, 1, n) = tr(X)`, ["X: n x n"]);
    refuted("eigvals(X)[1, 1] < eigvals(X)[2, 1]", ["X: n x n"]);
  });
  it("rotation matrices: cos t ± i |sin t|, the pair ordered +im first", () => {
    const R = "[cos(t), -sin(t); sin(t), cos(t)]";
    holds(`eigvals(${R}) = [cos(t), abs(sin(t)); cos(t), -abs(sin(t))]`, ["t: scalar"]);
    // the seed's λ1 = cos + i sin is the first row only when sin t > 0, so half
    // of the samples refute it: 40 samples make a pass by chance 2^-40 likely
    refuted(`eigvals(${R}) = [cos(t), sin(t); cos(t), -sin(t)]`, ["t: scalar"], 4, 40);
    refuted(`eigvals(${R}) = [sin(t), cos(t); sin(t), -cos(t)]`, ["t: scalar"]);
  });
  it("has no derivative rule: derive grad says so, derive equal checks numerically", () => {
    const g = grad({ expr: "sum(eigvals(X))", wrt: "X", let: ["X: n x n"] });
    expect(g.error?.message).toContain("no derivative rule for eigvals");
    holds("diff(sum(eigvals(X)[i, 1], i, 1, n), X, T) = tr(T)", ["X, T: n x n"], 3);
  });
});

describe("svdvals and rank", () => {
  it("svdvals^2 = eigvalsh(X'X), norms, invariances", () => {
    holds("svdvals(X) .^ 2 = eigvalsh(X' * X)", ["X: n x n"]);
    holds("svdvals(X) .^ 2 = eigvalsh(X' * X)", ["X: 5 x 3"]);
    holds("svdvals(X) .^ 2 = eigvalsh(X * X')", ["X: 3 x 5"]);
    holds("svdvals(X)[1] = sqrt(eigvalsh(X' * X)[1])", ["X: 4 x 4"]);
    holds("prod(svdvals(X)[i], i, 1, n) = abs(det(X))", ["X: n x n"]);
    holds("svdvals(Q * X) = svdvals(X)", ["X: n x n", "Q: n x n orthogonal"]);
    // the gradient of the nuclear norm is U V' = X V diag(1 ./ sigma) V'
    holds("grad(sum(svdvals(X)), X) = X * eigvecsh(X' * X) * diag(1 ./ svdvals(X)) * eigvecsh(X' * X)'", ["X: n x n"], 4);
  });
  it("mutations are refuted", () => {
    refuted("svdvals(X) = eigvalsh(X' * X)", ["X: n x n"]);
    // the largest singular value is not the largest |eigenvalue| (X is not normal)
    refuted("svdvals(X)[1] = sqrt(eigvals(X)[1, 1]^2 + eigvals(X)[1, 2]^2)", ["X: n x n"]);
    refuted("sum(svdvals(X)) = norm(X)", ["X: 3 x 4"]);
  });
  it("rank of products through a narrow factor, of invertible matrices, of outer products", () => {
    holds("rank(A * B) = 4", ["A: 5 x 4", "B: 4 x 5"]);
    holds("rank(A * B) <= 4", ["A: 5 x 4", "B: 4 x 5"]);
    holds("rank(X) = n", ["X: n x n"]);
    holds("rank(X * Y) = 5", ["X: 5 x 16", "Y: 16 x 5"]);
    holds("rank(x * y') = 1", ["x: n", "y: m"]);
    refuted("rank(A * B) = 5", ["A: 5 x 4", "B: 4 x 5"]);
    refuted("rank(A * B) <= 3", ["A: 5 x 4", "B: 4 x 5"]);
    refuted("rank(X) = n - 1", ["X: n x n"]);
  });
  it("a non-square svdvals at symbolic sizes is a positioned shape error", () => {
    const r = evaluate({ expr: "1 + svdvals(X)", let: ["X: m x n"] });
    expect(r.error?.message).toBe(
      "shape error at 4: svdvals of X (m x n) has min(m, n) entries: give concrete sizes or a square matrix (in expression)",
    );
  });
});
