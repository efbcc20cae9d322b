// Symbolic gradients through indexing at symbolic sizes (unit vectors and
// matrix units, ops/unit.ts) and through index sums (symbolic/index-sums.ts),
// issue 14 part 3: each gradient the engine used to refuse is printed in
// Cookbook form, proved (grad(f, X) = RESULT by the symbolic engine, and the
// numeric check agrees), and checked again at concrete sizes by finite
// differences alone (the symbolic engine switched off).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, grad } from "../../src/api.js";
import { type GradientCase, describeGradients } from "./gradient-cases.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";
import { closeSums } from "../../src/symbolic/index-sums.js";

const CASES: GradientCase[] = [
  { expr: "x[i]", wrt: "x", let: ["x: n", "i: integer"], result: "unit(i, n)", concrete: { n: 4 } },
  { expr: "A[p, q]", wrt: "A", let: ["A: m x n", "p, q: integer"], result: "unit(p, q, m, n)", concrete: { m: 3, n: 4 } },
  { expr: "w[1] * x", wrt: "w", let: ["w: N", "x: scalar"], result: "x * unit(1, N)", concrete: { N: 3 } },
  { expr: "(A * x)[i]", wrt: "x", let: ["A: m x n", "x: n", "i: integer"], result: "A' * unit(i, m)", concrete: { m: 3, n: 4 } },
  { expr: "sum(x[i]^2, i, 1, n)", wrt: "x", let: ["x: n"], result: "2 * x", concrete: { n: 5 } },
  { expr: "sum(A[i, i], i, 1, n)", wrt: "A", let: ["A: n x n"], result: "I(n)", concrete: { n: 4 } },
  {
    expr: "sum(sum(A[i, j] * B[j, i], j, 1, n), i, 1, n)",
    wrt: "A",
    let: ["A, B: n x n"],
    result: "B'",
    concrete: { n: 3 },
  },
  // Matrix Cookbook (101), tr(A X B) written as a sum: A' * B'
  {
    expr: "sum(sum(sum(A[i, j] * X[j, k] * B[k, i], k, 1, m), j, 1, n), i, 1, p)",
    wrt: "X",
    let: ["A: p x n", "X: n x m", "B: m x p"],
    result: "A' * B'",
    concrete: { p: 2, n: 3, m: 4 },
  },
  // the quadratic form x' A x as a double sum (Cookbook (85))
  {
    expr: "sum(sum(x[i] * A[i, j] * x[j], j, 1, n), i, 1, n)",
    wrt: "x",
    let: ["x: n", "A: n x n"],
    result: "(A + A') * x",
    concrete: { n: 4 },
  },
  { expr: "sum(A[i, i] * x[i], i, 1, n)", wrt: "A", let: ["A: n x n", "x: n"], result: "diag(x)", concrete: { n: 3 } },
  { expr: "sum(exp(x[i]) * y[i], i, 1, n)", wrt: "x", let: ["x, y: n"], result: "y .* exp(x)", concrete: { n: 4 } },
];

describeGradients(CASES);

describe("index sums in closed form, as claims", () => {
  it.each([
    ["sum(A[i, i], i, 1, n)", "tr(A)", ["A: n x n"]],
    ["sum(x[i] * y[i], i, 1, n)", "x' * y", ["x, y: n"]],
    ["sum(sum(A[i, j] * B[j, i], j, 1, n), i, 1, n)", "tr(A * B)", ["A, B: n x n"]],
    ["sum(x[i] * unit(i, n), i, 1, n)", "x", ["x: n"]],
    ["sum(unit(i, i, n, n), i, 1, n)", "I(n)", ["A: n x n"]],
  ] as const)("%s = %s is proved", (lhs, rhs, decls) => {
    expect(equal({ lhs, rhs, let: [...decls], seed: 1 }).verdict).toBe("proved");
  });

  it("a sum over part of the range, or with a shifted index, stays a sum (and is still checked)", () => {
    expect(grad({ expr: "sum(x[i + 1] - x[i], i, 1, 3)", wrt: "x", let: ["x: n"], seed: 1 }).result).toBe("sum(unit(i + 1, n) - unit(i, n), i, 1, 3)");
    expect(equal({ lhs: "sum(x[i], i, 1, 2)", rhs: "sum(x)", let: ["x: n"], seed: 1 }).verdict).toBe("refuted");
  });
});

describe("properties", () => {
  const decls = ["x, y: n", "A, B: n x n", "k: integer"];
  const scope = Scope.parse(decls);
  const typed = (s: string) => new Resolver(scope).resolve(parseExpr(s, { isVariable: scope.isVariable }));

  // bodies over i (and j), each closable or not; coefficients and sums of them
  const BODIES = [
    "x[i] * y[i]",
    "A[i, i]",
    "exp(x[i]) * y[i]",
    "A[i, i] * x[i]",
    "x[i]^2 * y[i]",
    "sum(A[i, j] * B[j, i], j, 1, n)",
    "sum(x[i] * A[i, j] * y[j], j, 1, n)",
    "sum(A[j, i] * x[j], j, 1, n) * y[i]",
    "x[i] * A[i, k]",
    "i * x[i]",
    "x[i] * y[i] * A[i, i]",
  ];

  it("a closed sum equals the sum it closes (numerically, on fresh samples)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BODIES), fc.constantFrom(...BODIES), fc.integer({ min: -3, max: 3 }), (b1, b2, c) => {
        const src = `sum(${b1} + ${c} * ${b2}, i, 1, n)`;
        const closed = printExpr(closeSums(typed(src)));
        const r = equal({ lhs: src, rhs: closed, let: decls, seed: 3, symbolic: false });
        expect(r.verdict, `${src} = ${closed}: ${r.detail}`).toBe("verified");
      }),
      { numRuns: 12, seed: 14 },
    );
  });

  it("the gradient of a random index sum is checked, and pastes back", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BODIES), fc.integer({ min: 1, max: 3 }), (b, c) => {
        const expr = `${c} * sum(${b}, i, 1, n)`;
        const r = grad({ expr, wrt: "x", let: decls, seed: 5 });
        expect(r.error, expr).toBeNull();
        expect(["proved", "verified"]).toContain(r.check);
        const back = equal({ lhs: `grad(${expr}, x)`, rhs: r.result!, let: decls, seed: 6 });
        expect(["proved", "verified"], `${expr}: ${r.result}`).toContain(back.verdict);
      }),
      { numRuns: 8, seed: 15 },
    );
  });

  it("unit(...) prints and parses back to the same text", () => {
    const idx = fc.oneof(fc.integer({ min: 1, max: 3 }).map(String), fc.constantFrom("k", "k + 1", "2 * k"));
    const dim = fc.constantFrom("n", "m", "4");
    fc.assert(
      fc.property(idx, idx, dim, dim, fc.boolean(), (i, j, m, n, matrix) => {
        const src = matrix ? `unit(${i}, ${j}, ${m}, ${n})` : `unit(${i}, ${n})`;
        const once = printExpr(parseExpr(src));
        expect(printExpr(parseExpr(once))).toBe(once);
        expect(once.replace(/\s/g, "")).toBe(src.replace(/\s/g, ""));
      }),
      { numRuns: 50, seed: 16 },
    );
  });
});
