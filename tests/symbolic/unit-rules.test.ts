// The named rules that make unit vectors, the identity's entries and the
// partial trace agree (issue 14 part 3): each fact the Cookbook uses is proved
// by the rule it names, and a mutated claim (indices swapped, a wrong factor)
// is refuted, so the rule cannot be proving something false.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";

interface Fact {
  rule: string;
  lhs: string;
  rhs: string;
  let: string[];
  /** a wrong right-hand side for the same left side */
  mutated: string;
}

const FACTS: Fact[] = [
  // the Kronecker delta: I(n)[i, k] = unit(i, n)' * unit(k, n)
  { rule: "unit-entry", lhs: "unit(i, n)' * unit(k, n)", rhs: "I(n)[i, k]", let: ["i, k: integer"], mutated: "1" },
  { rule: "unit-entry", lhs: "unit(i, n)' * x", rhs: "x[i]", let: ["x: n", "i, k: integer"], mutated: "x[k]" },
  { rule: "unit-entry", lhs: "x' * unit(j, n)", rhs: "x[j]", let: ["x: n", "j: integer"], mutated: "x[1]" },
  { rule: "unit-entry", lhs: "unit(i, m)' * A * unit(j, n)", rhs: "A[i, j]", let: ["A: m x n", "i, j: integer"], mutated: "A[i, 1]" },
  { rule: "unit-entry", lhs: "unit(i, n)' * A * unit(j, n)", rhs: "A[i, j]", let: ["A: n x n", "i, j: integer"], mutated: "A[j, i]" },
  { rule: "unit-entry", lhs: "unit(i, m)' * A * B * unit(j, n)", rhs: "(A * B)[i, j]", let: ["A: m x p", "B: p x n", "i, j: integer"], mutated: "(A * B)[j, i]" },
  { rule: "kronecker-delta-symmetric", lhs: "I(n)[i, k]", rhs: "I(n)[k, i]", let: ["i, k: integer"], mutated: "I(n)[k, k]" },
  // A * unit(k, n) is column k of A
  { rule: "unit-column", lhs: "(A * unit(k, n))[i]", rhs: "A[i, k]", let: ["A: m x n", "i, k: integer"], mutated: "A[i, 1]" },
  { rule: "unit-column", lhs: "unit(k, n)[i]", rhs: "I(n)[i, k]", let: ["i, k: integer"], mutated: "I(n)[i, i]" },
  { rule: "matrix-unit-as-outer", lhs: "unit(p, q, m, n)", rhs: "unit(p, m) * unit(q, n)'", let: ["p, q: integer"], mutated: "unit(q, m) * unit(p, n)'" },
  { rule: "matrix-unit-as-outer", lhs: "tr(A * unit(p, q, n, n))", rhs: "A[q, p]", let: ["A: n x n", "p, q: integer"], mutated: "A[p, q]" },
  // the partial trace
  { rule: "ptrace-of-kron", lhs: "ptrace(kron(A, X), n)", rhs: "tr(A) * X", let: ["A: n x n", "X: p x q"], mutated: "tr(A) * X + X" },
  { rule: "ptrace-of-kron", lhs: "ptrace(kron(I(n), I(p)), n)", rhs: "n * I(p)", let: [], mutated: "I(p)" },
  { rule: "ptrace-of-kron", lhs: "blocktrace(kron(A, X), p)", rhs: "tr(X) * A", let: ["A: m x n", "X: p x p"], mutated: "tr(X) * A + A" },
  { rule: "ptrace-of-kron", lhs: "blocktrace(kron(I(m), I(p)), p)", rhs: "p * I(m)", let: [], mutated: "m * I(m)" },
  { rule: "trace-of-ptrace", lhs: "tr(blocktrace(M, 3))", rhs: "tr(M)", let: ["M: 6 x 6"], mutated: "tr(M) / 3" },
  { rule: "trace-of-ptrace", lhs: "tr(ptrace(M, 2))", rhs: "tr(M)", let: ["M: 6 x 6"], mutated: "tr(M) / 2" },
];

describe.each(FACTS.map((f) => [f.lhs, f.rhs, f] as const))("%s = %s", (_l, _r, f) => {
  it(`is proved by ${f.rule}`, () => {
    const r = equal({ lhs: f.lhs, rhs: f.rhs, let: f.let, seed: 3 });
    expect(r.verdict, r.detail).toBe("proved");
    expect(r.detail).toContain(f.rule);
  });

  it(`is refuted with ${f.mutated} on the right`, () => {
    const r = equal({ lhs: f.lhs, rhs: f.mutated, let: f.let, seed: 3 });
    expect(r.verdict, r.detail).toBe("refuted");
    expect(r.counterexample).not.toBeNull();
  });
});

describe("the gradient of an entry meets its unit vector form", () => {
  it.each([
    ["grad(unit(i, n)' * x, x)", "unit(i, n)", ["x: n", "i: integer"]],
    ["grad(unit(i, m)' * A * unit(j, n), A)", "unit(i, j, m, n)", ["A: m x n", "i, j: integer"]],
    ["grad(x[i], x)' * grad(x[k], x)", "I(n)[i, k]", ["x: n", "i, k: integer"]],
  ] as const)("%s = %s is proved", (lhs, rhs, decls) => {
    const r = equal({ lhs, rhs, let: [...decls], seed: 1 });
    expect(r.verdict, r.detail).toBe("proved");
  });
});
