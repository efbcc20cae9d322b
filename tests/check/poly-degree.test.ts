// The degree of a function in its variable (src/check/poly-degree.ts), which
// lets the gradient check stop Richardson extrapolation at the exact order
// (numeric/fd.ts, directional's degree option). A degree too low would make
// the check compare against an inexact derivative, so: the degree read from
// the tree is an upper bound of the true degree along random lines (its
// next finite difference vanishes), the exact-order derivative equals the
// full Ridders tableau's, and a gradient off by little is still rejected on
// this faster path for every seed.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Tensor } from "../../src/core/tensor.js";
import type { TNode } from "../../src/core/typed.js";
import { checkGradient } from "../../src/check/grad-check.js";
import { polynomialDegree } from "../../src/check/poly-degree.js";
import { Evaluator } from "../../src/numeric/evaluate.js";
import { Random } from "../../src/numeric/random.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";

const LETS = ["X, A, B: n x n", "x, b: n", "c: scalar", "k: integer"];

function tree(expr: string, lets = LETS): { f: TNode; scope: Scope; res: Resolver } {
  const scope = Scope.parse(lets);
  const res = new Resolver(scope);
  return { f: res.resolve(parseExpr(expr, { isVariable: scope.isVariable })), scope, res };
}

describe("the degree read from the tree", () => {
  const cases: [string, string, number | null][] = [
    ["tr(A * X * B)", "X", 1],
    ["tr(X' * A * X)", "X", 2],
    ["tr(X^3)", "X", 3],
    ["tr(X^2 * X^2)", "X", 4],
    ["norm(A * x - b)^2", "x", 2],
    ["x' * A * x / 2 + c * sum(x)", "x", 2],
    ["sum((X * x) .* (X * x))", "X", 2],
    ["sum(A .* B) + c", "X", 0],
    ["logdet(X)", "X", null],
    ["tr(inv(X) * A)", "X", null],
    ["norm(x)", "x", null],
    ["sum(sigmoid(X * x))", "X", null],
    ["tr(X^k)", "X", null],
    ["sum(x) / (x' * x)", "x", null],
    ["c^0.5 * tr(X)", "X", 1],
  ];
  for (const [expr, x, d] of cases) {
    it(`${expr} in ${x}: ${d}`, () => {
      expect(polynomialDegree(tree(expr).f, x)).toBe(d);
    });
  }
});

// random polynomial expressions in X (n x n) with constants A, B
const matrix: fc.Arbitrary<string> = fc.letrec<{ m: string }>((tie) => ({
  m: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant("X"),
    fc.constant("X"),
    fc.constant("A"),
    fc.constant("B"),
    tie("m").map((e) => `(${e})'`),
    fc.tuple(tie("m"), tie("m")).map(([a, b]) => `(${a}) * (${b})`),
    fc.tuple(tie("m"), tie("m")).map(([a, b]) => `(${a}) .* (${b})`),
    fc.tuple(tie("m"), tie("m")).map(([a, b]) => `(${a}) + (${b})`),
    fc.tuple(tie("m"), tie("m")).map(([a, b]) => `(${a}) - 2 * (${b})`),
    tie("m").map((e) => `(${e})^2`),
  ),
})).m;
const scalarOf = fc.oneof(
  matrix.map((e) => `tr(${e})`),
  matrix.map((e) => `sum(${e})`),
  matrix.map((e) => `norm(${e})^2`),
  fc.tuple(matrix, matrix).map(([a, b]) => `tr(${a}) * sum(${b})`),
);

function randomMatrix(rng: Random, n: number): Tensor {
  const d = new Float64Array(n * n);
  for (let k = 0; k < d.length; k++) d[k] = rng.normal();
  return new Tensor([n, n], d);
}

describe("random polynomials: the degree bounds the true degree, and the exact order gives Ridders' derivative", () => {
  it("the (d+1)-th difference of s -> f(X + sV) vanishes, and directional(degree) = directional()", () => {
    fc.assert(
      fc.property(scalarOf, fc.integer({ min: 1, max: 10_000 }), (expr, seed) => {
        const { f } = tree(expr);
        const d = polynomialDegree(f, "X");
        expect(d, expr).not.toBeNull();
        const rng = new Random(seed);
        const n = 3;
        const values = new Map([["X", randomMatrix(rng, n)], ["A", randomMatrix(rng, n)], ["B", randomMatrix(rng, n)]]);
        const V = randomMatrix(rng, n);
        const ev = new Evaluator({ sizes: new Map([["n", n]]), values });
        const X = values.get("X")!;
        const at = (s: number): number => ev.withValue("X", new Tensor(X.shape, X.data.map((v, k) => v + s * V.data[k]!)), () => ev.evaluate(f).scalar());
        // forward difference of order d + 1 at step 1/2: zero for a polynomial of degree <= d
        const h = 0.5;
        const ys = Array.from({ length: d! + 2 }, (_, i) => at(i * h));
        let diffs = ys;
        for (let o = 0; o <= d!; o++) diffs = diffs.slice(1).map((y, i) => y - diffs[i]!);
        const scale = Math.max(...ys.map(Math.abs), 1) * 2 ** (d! + 1);
        expect(Math.abs(diffs[0]!), `${expr} (degree ${d}): ${diffs[0]} at scale ${scale}`).toBeLessThanOrEqual(1e-9 * scale);
        if (d! > 4) return;
        const exact = ev.fd.directional(f, "X", V, { degree: d! }).scalar();
        const ridders = new Evaluator({ sizes: new Map([["n", n]]), values: new Map(values) }).fd.directional(f, "X", V).scalar();
        expect(Math.abs(exact - ridders), `${expr}: ${exact} vs ${ridders}`).toBeLessThanOrEqual(1e-7 * Math.max(Math.abs(ridders), 1));
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe("a wrong gradient is still rejected on the exact-order path", () => {
  const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
  const cases: [string, string, string[], string, string[]][] = [
    ["tr(X' * A * X)", "X", ["X: 3 x 3", "A: 3 x 3"], "(A + A') * X", ["(A + A') * X + [0, 0, 0; 0, 0, 0.0001; 0, 0, 0]", "1.0001 * (A + A') * X", "(A + A') * X + 0.0001 * X"]],
    ["tr(X^3)", "X", ["X: n x n"], "3 * X'^2", ["3 * X'^2 + 0.0001 * X'", "3 * X^2 * X'", "2.9999 * X'^2"]],
    ["norm(A * x - b)^2", "x", ["A: m x n", "x: n", "b: m"], "2 * A' * (A * x - b)", ["2 * A' * (A * x - b) + 0.0001 * x", "2 * A' * A * x - A' * b"]],
  ];
  for (const [expr, x, lets, right, wrongs] of cases) {
    it(`grad(${expr}, ${x}): the right one agrees, ${wrongs.length} near misses are wrong, for every seed`, () => {
      const { f, scope, res } = tree(expr, lets);
      expect(polynomialDegree(f, x)).not.toBeNull();
      const check = (cand: string, seed: number) => {
        const r = new Resolver(scope).resolve(parseExpr(cand, { isVariable: scope.isVariable }));
        return checkGradient({ scope, dims: res.dims, minDims: res.minDims, f, x, r, seed });
      };
      for (const seed of SEEDS) {
        expect(check(right, seed).kind, `seed ${seed}`).toBe("agrees");
        for (const w of wrongs) expect(check(w, seed).kind, `${w} at seed ${seed}`).toBe("wrong");
      }
    });
  }
});
