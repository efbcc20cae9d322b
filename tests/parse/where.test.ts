// `expr where u1 = ..., u2 = ...`: named shared subexpressions, as derive grad
// prints long results; the names stand for their values.

import { describe, expect, it } from "vitest";
import { equal, grad } from "../../src/api.js";
import { key } from "../../src/core/ast.js";
import { parseExpr, parseWithBindings } from "../../src/parse/parser.js";

describe("where", () => {
  it("substitutes the bindings (a later one may use an earlier one)", () => {
    expect(key(parseExpr("u2' * u2 where u1 = A * x, u2 = tanh(u1)"))).toBe(key(parseExpr("tanh(A * x)' * tanh(A * x)")));
  });

  it("keeps the bindings apart for whoever prints or measures them", () => {
    const p = parseWithBindings("u1 + u1 where u1 = exp(x)");
    expect(p.bindings.map((b) => b.name)).toEqual(["u1"]);
    expect(p.main.op).toBe("add");
  });

  it("a where-expression is a side of derive equal", () => {
    expect(equal({ lhs: "u1 .* u1 where u1 = tanh(x)", rhs: "tanh(x).^2", let: ["x: n"], seed: 1 }).verdict).toBe("proved");
  });

  it("a whole claim may end with where (the names apply to every side)", () => {
    expect(equal({ claim: "u1 .* u1 = tanh(x).^2 where u1 = tanh(x)", let: ["x: n"], seed: 1 }).verdict).toBe("proved");
    expect(equal({ claim: "u1 = tanh(x).^2 where u1 = tanh(x)", let: ["x: n"], seed: 1 }).verdict).toBe("refuted");
  });

  it("refuses a declared name, a repeated name and a missing '='", () => {
    expect(() => parseExpr("x where x = 1", { isVariable: (n) => n === "x" })).toThrow(/declared/);
    expect(() => parseExpr("u + v where u = 1, u = 2")).toThrow(/twice/);
    expect(() => parseExpr("u where u 1")).toThrow(/expected '='/);
  });

  it("derive grad names the repeated activations of a deep network", () => {
    const lets = ["W1: h x n", "W2, W3, W4: h x h", "x: n", "y: h"];
    const r = grad({ expr: "norm(tanh(W4 * tanh(W3 * tanh(W2 * tanh(W1 * x)))) - y)^2", wrt: "W1", let: lets, seed: 1 });
    expect(r.error).toBeNull();
    expect(r.result).toMatch(/ where u1 = /);
    const again = equal({ lhs: "grad(norm(tanh(W4 * tanh(W3 * tanh(W2 * tanh(W1 * x)))) - y)^2, W1)", rhs: r.result!, let: lets, seed: 2, symbolic: false });
    expect(again.verdict).toBe("verified");
  });

  it("short results are printed without names", () => {
    expect(grad({ expr: "tr(X' * A * X)", wrt: "X", let: ["X: n x m", "A: n x n"] }).result).not.toContain("where");
  });
});
