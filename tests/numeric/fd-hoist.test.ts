// numeric/fd.ts holds the parts of a function that do not depend on the
// variable (numeric/hoist.ts) while it takes finite differences: the gradient
// must be the same bits as that of the same function with those parts given
// as values, the held parts evaluated once rather than at every stencil
// point, and the sign pattern the enclosing evaluation sees (its kinks) the
// same as without holding.

import { describe, expect, it } from "vitest";
import { Tensor } from "../../src/core/tensor.js";
import type { TNode } from "../../src/core/typed.js";
import { Evaluator } from "../../src/numeric/evaluate.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";

const typed = (expr: string, lets: string[]): TNode => {
  const scope = Scope.parse(lets);
  return new Resolver(scope).resolve(parseExpr(expr, { isVariable: scope.isVariable }));
};

const A = new Tensor([3, 3], Float64Array.from([0.5, -1.2, 0.3, 2.1, -0.7, 1.1, -0.4, 0.9, -1.6]));
const B = new Tensor([3, 3], Float64Array.from([1.3, 0.2, -0.8, -0.5, 1.7, 0.6, 0.9, -1.1, 0.4]));
const X = new Tensor([3, 3], Float64Array.from([0.7, -0.3, 1.2, 0.1, -0.9, 0.5, 1.4, 0.8, -0.2]));

describe("finite differences with the parts that do not move held", () => {
  it("the same gradient, bit for bit, as with those parts given as a value", () => {
    const lets = ["A, B, X, C: 3 x 3"];
    const held = typed("grad(sum(relu(A * B) .* (X * X)) + tr(inv(B) * X), X)", lets);
    const given = typed("grad(sum(C .* (X * X)) + tr(D * X), X)", [...lets, "D: 3 x 3"]);
    const ev1 = new Evaluator({ sizes: new Map(), values: new Map([["A", A], ["B", B], ["X", X]]) });
    const g1 = ev1.evaluate(held);
    const C = new Evaluator({ sizes: new Map(), values: new Map([["A", A], ["B", B]]) }).evaluate(typed("relu(A * B)", lets));
    const D = new Evaluator({ sizes: new Map(), values: new Map([["B", B]]) }).evaluate(typed("inv(B)", lets));
    const ev2 = new Evaluator({ sizes: new Map(), values: new Map([["C", C], ["D", D], ["X", X]]) });
    const g2 = ev2.evaluate(given);
    expect([...g1.data]).toEqual([...g2.data]);
    // and it is the gradient: (C .* (X' + X)') ... checked loosely against the closed form
    // d/dX sum(C .* (X X)) = C X' + X' C, d/dX tr(D X) = D'
    const closed = new Evaluator({ sizes: new Map(), values: new Map([["C", C], ["D", D], ["X", X]]) }).evaluate(typed("C * X' + X' * C + D'", [...lets, "D: 3 x 3"]));
    for (let k = 0; k < 9; k++) expect(g1.data[k]).toBeCloseTo(closed.data[k]!, 7);
  });

  it("the held parts are evaluated a few times, not at every stencil point", () => {
    const t = typed("grad(tr(inv(B) * X * X), X)", ["B, X: 3 x 3"]);
    // the evaluator runs compiled closures below the root, not its public evaluate: count
    // the reads of each variable's value instead (one read per evaluation of a subtree using it)
    const calls = new Map<string, number>();
    class Counting extends Map<string, Tensor> {
      override get(k: string): Tensor | undefined {
        calls.set(k, (calls.get(k) ?? 0) + 1);
        return super.get(k);
      }
    }
    const ev = new Evaluator({ sizes: new Map(), values: new Counting([["B", B], ["X", X]]) });
    ev.evaluate(t);
    expect(calls.get("B")).toBeLessThanOrEqual(2);
    expect(calls.get("X")!).toBeGreaterThan(9 * 2);
  });

  it("the enclosing evaluation sees the kinks of the held parts once, as without holding", () => {
    const lets = ["A, B, X: 3 x 3"];
    const t = typed("grad(sum(relu(A * B) .* X), X)", lets);
    const ev = new Evaluator({ sizes: new Map(), values: new Map([["A", A], ["B", B], ["X", X]]) });
    const { signature } = ev.probe(() => ev.evaluate(t));
    // the base evaluation of the function: the 9 signs of relu(A * B), and nothing more
    const alone = new Evaluator({ sizes: new Map(), values: new Map([["A", A], ["B", B], ["X", X]]) });
    const f = alone.probe(() => alone.evaluate(t.args[0]!));
    expect(signature).toBe(f.signature);
    expect(signature).toHaveLength(9);
  });
});
