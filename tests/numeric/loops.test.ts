// sum(f, i, a, b) and prod(f, i, a, b) with a scalar body run compiled over
// all indices at once (src/numeric/lanes.ts, loops.ts). The plain loop (one
// evaluation of the body per index) stays reachable with
// `Evaluator.vectorise = false`; both must give the same value, bit for bit,
// or the same error, on any body and bounds.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Tensor } from "../../src/core/tensor.js";
import type { TNode } from "../../src/core/typed.js";
import { Evaluator } from "../../src/numeric/evaluate.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";

const LETS = ["x, y: n", "A: n x n", "s: scalar", "m: integer"];
const N = 4;

function tree(expr: string): TNode {
  const scope = Scope.parse(LETS);
  return new Resolver(scope).resolve(parseExpr(expr, { isVariable: scope.isVariable }));
}

function point() {
  const vec = (d: number[]) => new Tensor([N, 1], Float64Array.from(d));
  return {
    sizes: new Map([["n", N]]),
    values: new Map<string, Tensor>([
      ["x", vec([0.5, -1.25, 2, 0])],
      ["y", vec([3, 0.75, -0.5, 1.5])],
      ["A", new Tensor([N, N], Float64Array.from({ length: N * N }, (_, k) => ((k * 7) % 5) - 1.5))],
      ["s", Tensor.scalar(-0.7)],
      ["m", Tensor.scalar(3)],
    ]),
  };
}

/** The value (entries) or the error (class and message) of `t` with loops compiled or plain, and the kink signature's length. */
function run(t: TNode, vectorise: boolean) {
  const ev = new Evaluator(point());
  ev.vectorise = vectorise;
  try {
    const { value, signature } = ev.probe(() => ev.evaluate(t));
    return { out: { shape: value.shape, data: [...value.data] }, kinks: signature.length, runs: ev.loopRuns };
  } catch (e) {
    return { out: { error: `${(e as Error).constructor.name}: ${(e as Error).message}` }, kinks: -1, runs: ev.loopRuns };
  }
}

function same(expr: string) {
  const t = tree(expr);
  const plain = run(t, false);
  const fast = run(t, true);
  // Object.is: NaN equals NaN, -0 differs from 0; the data must be identical
  expect(fast.out.error, expr).toBe(plain.out.error);
  if (!plain.out.error) {
    expect(fast.out.shape, expr).toEqual(plain.out.shape);
    fast.out.data!.forEach((v, k) => expect(Object.is(v, plain.out.data![k]), `${expr}: ${v} vs ${plain.out.data![k]}`).toBe(true));
    // finite differences compare signatures of the same tree, so only their presence must agree: a
    // part of a nested body without the nested index is held once per loop in the plain loop and
    // evaluated at every pair in lanes, so the counts may differ
    expect(fast.kinks > 0, expr).toBe(plain.kinks > 0);
  }
  expect(plain.runs.compiled).toBe(0);
  return fast;
}

describe("compiled loops: the plain loop's values", () => {
  it.each([
    ["sum(i^2, i, 1, 100)", 338350],
    ["sum(x[i] * y[i], i, 1, n)", 0.5 * 3 - 1.25 * 0.75 - 2 * 0.5],
    ["prod(i, i, 1, 6)", 720],
    ["sum(sum(i * j, j, 1, i), i, 1, 4)", 65],
    ["sum(sum(j, j, i, 3), i, 1, 5)", 14],
    ["sum(i, i, 5, 4)", 0],
    ["prod(i, i, 5, 4)", 1],
    ["sum(i, i, m, m + 2)", 12],
  ])("%s = %d, compiled, no fallback", (expr, want) => {
    const r = same(expr);
    expect(r.out.data![0]).toBeCloseTo(want, 12);
    // an empty range never reaches the compiled loop; every other loop does, and does not fail
    expect(r.runs.compiled).toBe(/5, 4\)$/.test(expr) ? 0 : 1);
    expect(r.runs.fallback).toBe(0);
  });

  it("a matrix-valued body keeps the plain loop", () => {
    const r = same("sum(i * A, i, 1, n)");
    expect(r.out.shape).toEqual([N, N]);
    expect(r.runs.compiled).toBe(0);
  });

  it("a scalar sum inside a matrix-valued body is compiled at each outer index", () => {
    const r = same("sum(sum(j * x[j], j, 1, i) * A + prod(j, j, i, 2) * I(n), i, 1, n)");
    expect(r.out.shape).toEqual([N, N]);
    // the inner sum at i = 1..4 and the inner product at i = 1, 2 (3..2 and 4..2 are empty)
    expect(r.runs.compiled).toBe(N + 2);
  });

  it("a part lanes cannot express runs per index, with the same values", () => {
    const r = same("sum(x' * (i * A) * y + tr(A^i), i, 1, 3)");
    expect(r.runs.compiled).toBe(1);
  });

  it("kinks are reported for every index", () => {
    const r = same("sum(abs(x[i]) + relu(i - 2), i, 1, n)");
    expect(r.kinks).toBe(2 * N);
  });

  it("an index off the vector is the plain loop's error (after a failed compiled run)", () => {
    const r = same("sum(x[i + 1], i, 1, n)");
    expect(r.out.error).toMatch(/InvalidSample: index 5 out of range/);
    expect(r.runs.fallback).toBe(1);
  });

  it("more terms than a loop may have is the plain loop's error", () => {
    same("sum(sum(j, j, 1, 200000 * i), i, 1, 2)");
  });
});

/** A random scalar body over the live indices `idx` (text), nesting loops whose bounds use them. */
function body(idx: readonly string[], depth: number): fc.Arbitrary<string> {
  const names = ["j", "k", "l"].filter((x) => !idx.includes(x));
  const index = fc.oneof(fc.constantFrom(...idx), fc.constantFrom(...idx).map((i) => `${i} + 1`), fc.constantFrom("1", "n", "m"));
  const leaf = fc.oneof(fc.constantFrom(...idx), fc.constantFrom("0", "1", "2", "0.5", "s", "n", "m", "x[2]"), index.map((i) => `x[${i}]`), fc.tuple(index, index).map(([i, j]) => `A[${i}, ${j}]`));
  if (depth === 0) return leaf;
  const sub = body(idx, depth - 1);
  const bound = fc.oneof(fc.constantFrom(...idx), fc.constantFrom("0", "1", "2", "3", "n", "m"), fc.constantFrom(...idx).map((i) => `${i} - 1`));
  const loops = names.length
    ? [fc.tuple(fc.constantFrom("sum", "prod"), body([...idx, names[0]!], depth - 1), bound, bound).map(([op, b, lo, hi]) => `${op}(${b}, ${names[0]}, ${lo}, ${hi})`)]
    : [];
  return fc.oneof(
    { arbitrary: leaf, weight: 2 },
    fc.tuple(sub, fc.constantFrom("+", "-", "*", "/", ".*", "./"), sub).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(sub, fc.constantFrom("2", "3", "0.5", idx[0]!)).map(([a, k]) => `(${a})^${k}`),
    fc.tuple(fc.constantFrom("exp", "sin", "abs", "sqrt", "sigmoid", "relu", "floor", "-"), sub).map(([f, a]) => `${f}(${a})`),
    sub.map((a) => `x' * ((${a}) * y)`),
    ...loops,
  );
}

describe("property: compiled = plain on random bodies and bounds", () => {
  it("sums and products, nested with dependent bounds, empty ranges included", () => {
    const bound = fc.constantFrom("-1", "0", "1", "2", "3", "n", "m", "m - 4");
    const runs = { compiled: 0, fallback: 0, checked: 0 };
    fc.assert(
      fc.property(fc.constantFrom("sum", "prod"), body(["i"], 3), bound, bound, (op, b, lo, hi) => {
        const r = same(`${op}(${b}, i, ${lo}, ${hi})`);
        runs.compiled += r.runs.compiled;
        runs.fallback += r.runs.fallback;
        runs.checked++;
      }),
      { numRuns: 300, seed: 1405 },
    );
    // the compiled path was taken, and mostly succeeded (a fallback is an index off a vector, huge ranges)
    expect(runs.compiled).toBeGreaterThan(runs.checked / 3);
    expect(runs.fallback).toBeLessThan(runs.compiled);
  });
});
