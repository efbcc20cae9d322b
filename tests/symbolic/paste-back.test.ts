// Printed results paste back into every command (issue 14, part 4): every
// result `derive grad` prints for the grad bench and for Cookbook-style cases
// parses and is equal to the gradient it claims to be (`derive equal`), is
// written without a bare I, and takes the forms docs/language.md promises:
// tr for a trace written as a sum, sqrt for half powers, F .* (a * b') for
// diag(a) * F * diag(b), inner products in one order, sigmoid(z) - y for the
// binary cross-entropy.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate, grad } from "../../src/api.js";

interface Case {
  id: string;
  expr: string;
  wrt: string;
  let: string[];
}

const BENCH: Case[] = readFileSync(new URL("../../../shared/bench/grad-bench.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Case);

const COOKBOOK: Case[] = [
  ["tr-AX", "tr(A * X)", "X", ["A: m x n", "X: n x m"]],
  ["tr-X", "tr(X) + 2 * tr(A * X)", "X", ["A, X: n x n"]],
  ["trace-as-sum", "sum((A * X) .* I(n))", "X", ["A: n x m", "X: m x n"]],
  ["sqrt", "sqrt(s)", "s", ["s: scalar positive"]],
  ["half-power", "s^(1/2) + s^(3/2)", "s", ["s: scalar positive"]],
  ["diag-sandwich", "sum(diag(a) * F * diag(b))", "F", ["a: n", "b: m", "F: n x m"]],
  ["hadamard-outer", "a' * (F .* G) * b", "F", ["a: n", "b: m", "F, G: n x m"]],
  ["inner-square", "(x' * y)^2", "x", ["x, y: n"]],
  ["bce-scalar", "(-(y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z))))", "z", []],
  ["bce-vector", "sum(-(y .* log(sigmoid(z)) + (1 - y) .* log(1 - sigmoid(z))))", "z", ["y, z: n"]],
  ["bce-logistic", "sum(-(y .* log(sigmoid(X * w)) + (1 - y) .* log(1 - sigmoid(X * w))))", "w", ["y: m", "X: m x n", "w: n"]],
  ["logdet", "logdet(X)", "X", ["X: n x n spd"]],
  ["gauss-nll", "0.5 * (x - mu)' * inv(S) * (x - mu) + 0.5 * logdet(S)", "mu", ["x, mu: n", "S: n x n spd"]],
].map(([id, expr, wrt, lets]) => ({ id: id as string, expr: expr as string, wrt: wrt as string, let: lets as string[] }));

/** an I that is not written I(...) */
const BARE_I = /(^|[^\p{L}\p{N}_])I(?![\p{L}\p{N}_(])/u;

describe("every printed gradient pastes back", () => {
  it.each([...BENCH, ...COOKBOOK].map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const r = grad({ expr: c.expr, wrt: c.wrt, let: c.let, seed: 1 });
    expect(r.error, r.error?.message).toBeNull();
    expect(["proved", "verified"]).toContain(r.check);
    expect(r.result).not.toMatch(BARE_I);
    // LaTeX writes the identity I_{n}, never a bare I
    expect(r.latex).not.toMatch(/(^|[^\\\p{L}])I(?!_)/u);
    const back = equal({ lhs: `grad(${c.expr}, ${c.wrt})`, rhs: r.result!, let: [...c.let, ...r.assumptions], seed: 2 });
    expect(back.verdict, back.detail).toMatch(/^(proved|verified)$/);
  });
});

describe("the printed forms", () => {
  const printed = (expr: string, wrt: string, lets: string[]): string | null => grad({ expr, wrt, let: lets, seed: 1 }).result;

  it("the minimal gradient of the binary cross-entropy: sigmoid(z) - y, and its vector forms", () => {
    expect(printed("(-(y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z))))", "z", [])).toBe("sigmoid(z) - y");
    expect(printed("sum(-(y .* log(sigmoid(z)) + (1 - y) .* log(1 - sigmoid(z))))", "z", ["y, z: n"])).toBe("sigmoid(z) - y");
    expect(printed("sum(-(y .* log(sigmoid(X * w)) + (1 - y) .* log(1 - sigmoid(X * w))))", "w", ["y: m", "X: m x n", "w: n"])).toBe("X' * (sigmoid(X * w) - y)");
    expect(printed("(-y * log(sigmoid(w' * x)) - (1 - y) * log(1 - sigmoid(w' * x)))", "w", ["w, x: n", "y: scalar"])).toBe("x * (sigmoid(w' * x) - y)");
  });

  it("sqrt(s) and s^(1/2) have one printed form: sqrt", () => {
    expect(printed("sqrt(s)", "s", ["s: scalar positive"])).toBe("0.5 / sqrt(s)");
    expect(printed("s^(1/2)", "s", ["s: scalar positive"])).toBe("0.5 / sqrt(s)");
    expect(printed("s^(3/2)", "s", ["s: scalar positive"])).toBe("1.5 * sqrt(s)");
    expect(equal({ lhs: "x^(1/2)", rhs: "sqrt(x)", let: ["x: scalar positive"], seed: 1 }).verdict).toBe("proved");
    expect(equal({ lhs: "X .^ 0.5", rhs: "sqrt(X)", let: ["X: n x m positive"], seed: 1 }).verdict).toBe("proved");
  });

  it("a half power is never split over a product or taken out of a square", () => {
    // sqrt(a * b) = sqrt(a) * sqrt(b) fails for a, b < 0; sqrt(x^2) = x fails for x < 0
    expect(equal({ lhs: "sqrt(a * b)", rhs: "sqrt(a) * sqrt(b)", seed: 1 }).verdict).not.toBe("proved");
    expect(equal({ lhs: "sqrt(x^2)", rhs: "x", seed: 1 }).verdict).toBe("refuted");
    expect(equal({ lhs: "(x^2)^(1/2)", rhs: "x", seed: 1 }).verdict).toBe("refuted");
  });

  it("a trace written as an entrywise sum is the trace", () => {
    expect(equal({ lhs: "sum(A .* I(n))", rhs: "tr(A)", let: ["A: n x n"], seed: 1 }).verdict).toBe("proved");
    expect(equal({ lhs: "sum((B * A) .* I(m))", rhs: "tr(A * B)", let: ["A: n x m", "B: m x n"], seed: 1 }).verdict).toBe("proved");
    expect(equal({ lhs: "sum(A .* I(n))", rhs: "sum(A)", let: ["A: n x n"], seed: 1 }).verdict).toBe("refuted");
  });

  it("diag(a) * F * diag(b) = F .* (a * b'), both ways, printed as the Hadamard product", () => {
    const lets = ["a: n", "b: m", "F, G: n x m"];
    expect(equal({ lhs: "diag(a) * F * diag(b)", rhs: "F .* (a * b')", let: lets, seed: 1 }).verdict).toBe("proved");
    expect(equal({ lhs: "F .* (a * b')", rhs: "diag(a) * F * diag(b)", let: lets, seed: 1 }).verdict).toBe("proved");
    expect(equal({ lhs: "F .* (a * b')", rhs: "diag(b) * F * diag(a)", let: ["a, b: n", "F: n x n"], seed: 1 }).verdict).toBe("refuted");
    expect(printed("sum(diag(a) * F * diag(b))", "F", lets)).toBe("a * b'");
    expect(printed("a' * (F .* G) * b", "F", lets)).toBe("G .* (a * b')");
  });

  it("inner products of vectors in one order, inside powers too", () => {
    expect(printed("(x' * y)^2", "x", ["x, y: n"])).toBe("2 * (x' * y) * y");
    expect(printed("(y' * x)^2", "x", ["x, y: n"])).toBe("2 * (x' * y) * y");
    expect(equal({ lhs: "(x' * y)^3", rhs: "(y' * x)^3", let: ["x, y: n"], seed: 1 }).verdict).toBe("proved");
  });
});

// every new rewrite, both sides on random values that respect its guard
describe("the new rewrites hold on random values", () => {
  const num = fc.double({ min: -3, max: 3, noNaN: true });
  const pos = fc.double({ min: 0.05, max: 5, noNaN: true });
  const vec = (n: number, a = num) => fc.array(a, { minLength: n, maxLength: n });
  const mat = (r: number, c: number, a = num) => fc.array(vec(c, a), { minLength: r, maxLength: r });
  const val = (expr: string, lets: string[], at: Record<string, number | number[] | number[][]>): number[] => {
    const r = evaluate({ expr, let: lets, at, seed: 1 });
    expect(r.error, r.error?.message).toBeNull();
    return (r.value as number[][] | number).toString().split(",").map(Number);
  };
  const close = (a: number[], b: number[]): void => {
    expect(a.length).toBe(b.length);
    const scale = Math.max(1, ...a.map(Math.abs), ...b.map(Math.abs));
    a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThanOrEqual(1e-9 * scale));
  };

  it("sqrt-as-power: s^(k/2) = s^floor(k/2) * sqrt(s) for s >= 0", () => {
    fc.assert(fc.property(pos, fc.integer({ min: -5, max: 5 }), (s, k) => {
      const half = k % 2 === 0 ? `s^${k / 2}` : `${Math.floor(k / 2) === 0 ? "1" : `s^(${Math.floor(k / 2)})`} * sqrt(s)`;
      close(val(`s^(${k}/2)`, ["s: scalar"], { s }), val(half, ["s: scalar"], { s }));
    }), { numRuns: 40 });
  });

  it("hadamard-identity and sum-of-diag-matrix: M .* I(n) = diag(diag(M)), sum(M .* I(n)) = tr(M)", () => {
    fc.assert(fc.property(mat(3, 3), (M) => {
      close(val("M .* I(3)", ["M: 3 x 3"], { M }), val("diag(diag(M))", ["M: 3 x 3"], { M }));
      close(val("sum(M .* I(3))", ["M: 3 x 3"], { M }), val("tr(M)", ["M: 3 x 3"], { M }));
    }), { numRuns: 30 });
  });

  it("hadamard-outer-product: F .* (a * b') = diag(a) * F * diag(b)", () => {
    fc.assert(fc.property(vec(3), vec(2), mat(3, 2), (a, b, F) => {
      const lets = ["a: 3", "b: 2", "F: 3 x 2"];
      close(val("F .* (a * b')", lets, { a, b, F }), val("diag(a) * F * diag(b)", lets, { a, b, F }));
    }), { numRuns: 30 });
  });

  it("quotient cancellation: (a ./ u) .* (u .* w) = a .* w and (a / u) * u * w = a * w where u is nonzero", () => {
    fc.assert(fc.property(vec(3), vec(3, pos), vec(3), num, pos, num, (a, u, w, x, v, y) => {
      close(val("(a ./ u) .* (u .* w)", ["a, u, w: 3"], { a, u, w }), val("a .* w", ["a, u, w: 3"], { a, u, w }));
      close(val("(x / v) * v * y", [], { x, v, y }), val("x * y", [], { x, y }));
    }), { numRuns: 30 });
  });

  it("the binary cross-entropy's gradient is sigmoid(z) - y (finite differences of the loss)", () => {
    fc.assert(fc.property(num, fc.double({ min: 0, max: 1, noNaN: true }), (z, y) => {
      const fd = val("grad(-(y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z))), z)", [], { z, y })[0]!;
      const s = 1 / (1 + Math.exp(-z));
      expect(Math.abs(fd - (s - y))).toBeLessThan(1e-6);
    }), { numRuns: 25 });
  });
});
