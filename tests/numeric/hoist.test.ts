// sum(f, i, a, b) and prod(f, i, a, b) evaluate the parts of f that do not
// depend on i once per loop, not once per index (src/numeric/hoist.ts), with
// the same values as before.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { Tensor } from "../../src/core/tensor.js";
import { Evaluator } from "../../src/numeric/evaluate.js";
import { loopInvariant } from "../../src/numeric/hoist.js";
import { printExpr } from "../../src/parse/print.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";

function body(expr: string, lets: string[]) {
  const scope = Scope.parse(lets);
  const t = new Resolver(scope).resolve(parseExpr(expr, { isVariable: scope.isVariable }));
  return { body: t.args[0]!, index: t.args[1]!.name! };
}

describe("which parts are loop-invariant", () => {
  it("the largest subtrees without the index", () => {
    const { body: b, index } = body("sum(x' * A * x * i + tr(B) * x[i], i, 1, n)", ["x: n", "A, B: n x n"]);
    expect(loopInvariant(b, index).map(printExpr).sort()).toEqual(["tr(B)", "x' * A * x"]);
  });

  it("a nested sum over j is invariant in i as a whole when it does not use i", () => {
    const { body: b, index } = body("sum(sum(x[j], j, 1, n) * x[i], i, 1, n)", ["x: n"]);
    expect(loopInvariant(b, index).map(printExpr)).toEqual(["sum(x[j], j, 1, n)"]);
  });

  it("inside a nested sum, a part that uses the nested index is not hoisted", () => {
    const { body: b, index } = body("sum(sum(A[i, j] * x[j], j, 1, n), i, 1, n)", ["x: n", "A: n x n"]);
    expect(loopInvariant(b, index)).toEqual([]);
  });

  it("a body with a derivative, a limit or a moment is not split", () => {
    const { body: b, index } = body("sum(grad(x' * A * x, x)[i], i, 1, n)", ["x: n", "A: n x n"]);
    expect(loopInvariant(b, index)).toEqual([]);
  });
});

describe("the same values, fewer evaluations", () => {
  it("an invariant inverse is computed once for ten indices", () => {
    const scope = Scope.parse(["A: 3 x 3"]);
    const t = new Resolver(scope).resolve(parseExpr("sum(tr(inv(A)) * i, i, 1, 10)", { isVariable: scope.isVariable }));
    const invNode = t.args[0]!.args[0]!.args[0]!;
    expect(printExpr(invNode)).toBe("inv(A)");
    const A = new Tensor([3, 3], Float64Array.from([2, 1, 0, 0, 3, 1, 1, 0, 4]));
    // A's value is read each time a subtree using it is computed (the evaluator calls compiled
    // closures below the root, not its public evaluate): once if tr(inv(A)) is hoisted, ten times if not
    let calls = 0;
    class Counting extends Map<string, Tensor> {
      override get(k: string): Tensor | undefined {
        if (k === "A") calls++;
        return super.get(k);
      }
    }
    const v = new Evaluator({ sizes: new Map(), values: new Counting([["A", A]]) }).evaluate(t).scalar();
    expect(calls).toBe(1);
    // tr(inv(A)) * (1 + 2 + ... + 10), by the evaluator without a loop
    const tr = new Evaluator({ sizes: new Map(), values: new Map([["A", A]]) }).evaluate(t.args[0]!.args[0]!).scalar();
    expect(v).toBeCloseTo(55 * tr, 12);
  });

  const claims: [string, string, string[]][] = [
    ["sum(x' * A * x * i, i, 1, n)", "n * (n + 1) / 2 * x' * A * x", ["x: n", "A: n x n"]],
    ["sum(sum(A[i, j] * x[j], j, 1, n) * x[i], i, 1, n)", "x' * A * x", ["x: n", "A: n x n"]],
    ["sum(sum(x[j], j, 1, n) * x[i], i, 1, n)", "sum(x)^2", ["x: n"]],
    ["prod(t * i, i, 1, 4)", "24 * t^4", []],
    ["grad(sum(x' * A * x * i, i, 1, 3), x)", "6 * (A + A') * x", ["x: n", "A: n x n"]],
    ["sum(grad(x' * A * x, x)[i], i, 1, n)", "sum((A + A') * x)", ["x: n", "A: n x n"]],
  ];
  for (const [lhs, rhs, lets] of claims) {
    it(`${lhs} = ${rhs}`, () => {
      const r = equal({ lhs, rhs, let: lets, seed: 5 });
      expect(["proved", "verified"], r.detail).toContain(r.verdict);
    });
  }

  it("a wrong claim about a loop is still refuted", () => {
    expect(equal({ lhs: "sum(x' * A * x * i, i, 1, n)", rhs: "n^2 / 2 * x' * A * x", let: ["x: n", "A: n x n"], seed: 5 }).verdict).toBe("refuted");
  });
});
