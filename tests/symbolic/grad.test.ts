// derive grad: correct on every task of the gradient benchmark, readable
// (Cookbook forms, no `1 *`, no `X''`), parses back, renders in KaTeX; and a
// deliberately broken derivative rule is caught by the finite-difference
// cross-check (an error naming both results, never a pass).

import { readFileSync } from "node:fs";
import fc from "fast-check";
import katex from "katex";
import { afterEach, describe, expect, it } from "vitest";
import { equal, grad } from "../../src/api.js";
import { parseExpr } from "../../src/parse/parser.js";
import { jvpOverrides } from "../../src/symbolic/diff.js";

interface Task {
  id: string;
  let: string[];
  expr: string;
  wrt: string;
  family: string;
}

const tasks: Task[] = readFileSync(new URL("../fixtures/grad-bench.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Task);

describe("grad-bench: every task", () => {
  it("has the three families", () => {
    expect(new Set(tasks.map((t) => t.family))).toEqual(new Set(["cookbook", "ml", "depth"]));
  });
  for (const t of tasks) {
    it(`${t.id}: ${t.expr}`, () => {
      const r = grad({ expr: t.expr, wrt: t.wrt, let: t.let, seed: 2 });
      expect(r.error, r.error?.message).toBeNull();
      expect(["proved", "verified"]).toContain(r.check);
      // an independent numeric check of the printed answer (no symbolic engine involved)
      const again = equal({ lhs: `grad(${t.expr}, ${t.wrt})`, rhs: r.result!, let: t.let, seed: 9, symbolic: false });
      expect(again.verdict, again.detail).toBe("verified");
      expect(r.result).not.toMatch(/(^|[^\w.])1 \* /);
      expect(r.result).not.toContain("''");
      expect(() => parseExpr(r.result!)).not.toThrow();
      expect(() => katex.renderToString(r.latex!, { throwOnError: true, trust: false, strict: "ignore" })).not.toThrow();
    });
  }
});

describe("results read like the Matrix Cookbook", () => {
  const cases: [string, string, string[], string][] = [
    ["tr(X' * A * X)", "X", ["X: n x m", "A: n x n"], "(A + A') * X"],
    ["logdet(X)", "X", ["X: n x n invertible"], "inv(X)'"],
    ["norm(A * x - b)^2", "x", ["A: m x n", "x: n", "b: m"], "2 * A' * (A * x - b)"],
    ["x' * A * x", "x", ["x: n", "A: n x n"], "(A + A') * x"],
    ["a' * X * b", "X", ["a: n", "b: m", "X: n x m"], "a * b'"],
    ["lse(W * x) - y' * (W * x)", "W", ["W: k x n", "x: n", "y: k onehot"], "(softmax(W * x) - y) * x'"],
    ["sum(softplus(X * w) - y .* (X * w))", "w", ["X: m x n", "w: n", "y: m"], "X' * (sigmoid(X * w) - y)"],
    ["-y' * logsoftmax(W * x + b)", "b", ["W: k x n", "x: n", "b: k", "y: k onehot"], "softmax(W * x + b) - y"],
    ["tr(X^3)", "X", ["X: n x n"], "3 * X'^2"],
  ];
  for (const [expr, wrt, lets, want] of cases) {
    it(`grad(${expr}, ${wrt}) = ${want}`, () => {
      expect(grad({ expr, wrt, let: lets, seed: 1 }).result).toBe(want);
    });
  }

  it("writes a gradient through indexing at a concrete size as a matrix literal", () => {
    expect(grad({ expr: "x[1] * x[2]", wrt: "x", let: ["x: 3"], seed: 1 }).result).toBe("[x[2]; x[1]; 0]");
    // at a symbolic size, with unit vectors (tests/symbolic/index-grad.test.ts)
    expect(grad({ expr: "x[1] * x[2]", wrt: "x", let: ["x: n"], seed: 1 }).result).toBe("x[1] * unit(2, n) + x[2] * unit(1, n)");
  });

  it("writes a lone identity with its size", () => {
    expect(grad({ expr: "sum(diag(X))", wrt: "X", let: ["X: n x n"], seed: 1 }).result).toBe("I(n)");
  });

  it("writes terminating decimals as decimals", () => {
    expect(grad({ expr: "leakyrelu(w' * x, 0.1)", wrt: "w", let: ["w, x: n"], seed: 1 }).result).toContain("0.1 * step");
  });

  it("reports the shape of the variable (Cookbook layout)", () => {
    expect(grad({ expr: "tr(A * X)", wrt: "X", let: ["A: m x n", "X: n x m"] }).shape).toEqual(["n", "m"]);
  });

  it("a bad request is a one-line error", () => {
    const r = grad({ expr: "X", wrt: "X", let: ["X: n x n"] });
    expect(r.result).toBeNull();
    expect(r.error!.message).toMatch(/scalar/);
    expect(r.error!.message).not.toContain("\n");
  });
});

describe("Hessians in the Cookbook's form are proved", () => {
  const cases: [string, string, string[]][] = [
    ["hessian(x' * A * x, x)", "A + A'", ["x: n", "A: n x n"]],
    ["hessian(lse(z), z)", "diag(softmax(z)) - softmax(z) * softmax(z)'", ["z: n"]],
    ["hessian(sum(softplus(X * w)) - y' * X * w, w)", "X' * diag(sigmoid(X * w) .* (1 - sigmoid(X * w))) * X", ["X: m x n", "w: n", "y: m"]],
    ["jacobian(softmax(z), z)", "diag(softmax(z)) - softmax(z) * softmax(z)'", ["z: n"]],
  ];
  for (const [lhs, rhs, lets] of cases) {
    it(`${lhs} = ${rhs}`, () => {
      const r = equal({ lhs, rhs, let: lets, seed: 4 });
      expect(r.verdict, r.detail).toBe("proved");
    });
  }
});

describe("the symbolic/numeric cross-check", () => {
  afterEach(() => jvpOverrides.clear());

  it("a deliberately wrong derivative rule gives an error naming both results", () => {
    // plant d sin(u) = -cos(u) .* du (the sign is wrong)
    jvpOverrides.set("sin", ({ args: [u], dargs: [du], b }) => b.neg(b.had(b.call("cos", u!), du!)));
    const r = equal({ lhs: "grad(sum(sin(x)), x)", rhs: "cos(x)", let: ["x: n"], seed: 1 });
    expect(r.verdict).toBe("error");
    expect(r.error!.message).toMatch(/symbolic derivative and finite differences disagree/);
    expect(r.error!.message).toMatch(/symbolic .* finite differences/);
    // and grad refuses to print the wrong answer
    const g = grad({ expr: "sum(sin(x))", wrt: "x", let: ["x: n"], seed: 1 });
    expect(g.result).toBeNull();
    expect(g.error!.message).toMatch(/failed its numeric check|disagree/);
  });

  it("with the rule restored the same claim is proved", () => {
    expect(equal({ lhs: "grad(sum(sin(x)), x)", rhs: "cos(x)", let: ["x: n"], seed: 1 }).verdict).toBe("proved");
  });
});

describe("random expressions: the symbolic gradient equals the finite-difference gradient", () => {
  // a grammar over registered operators: vector x, matrices A (n x n), B (m x n), vector c (n)
  const vec: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant("x"),
      fc.constant("c"),
      tie("v").map((e) => `A * ${wrap(e)}`),
      tie("v").map((e) => `tanh(${e})`),
      tie("v").map((e) => `sigmoid(${e})`),
      tie("v").map((e) => `exp(0.3 * ${wrap(e)})`),
      tie("v").map((e) => `sin(${e})`),
      fc.tuple(tie("v"), tie("v")).map(([a, b]) => `${wrap(a)} .* ${wrap(b)}`),
      fc.tuple(tie("v"), tie("v")).map(([a, b]) => `${wrap(a)} + ${wrap(b)}`),
      tie("v").map((e) => `softmax(${e})`),
    ),
  })).v;
  const scalar = fc.oneof(
    vec.map((e) => `sum(${e})`),
    vec.map((e) => `norm(B * ${wrap(e)})^2`),
    fc.tuple(vec, vec).map(([a, b]) => `${wrap(a)}' * ${wrap(b)}`),
    vec.map((e) => `lse(${e})`),
    vec.map((e) => `${wrap(e)}' * A * ${wrap(e)}`),
  );
  it("never refuted, never an engine disagreement", () => {
    fc.assert(
      fc.property(scalar, fc.integer({ min: 1, max: 1000 }), (f, seed) => {
        const lets = ["x, c: n", "A: n x n", "B: m x n"];
        const g = grad({ expr: f, wrt: "x", let: lets, seed });
        if (g.error) {
          // only "cannot be written" is an acceptable reason, never a wrong answer
          expect(g.error.message, f).not.toMatch(/failed its numeric check|disagree/);
          return;
        }
        const r = equal({ lhs: `grad(${f}, x)`, rhs: g.result!, let: lets, seed: seed + 1, symbolic: false });
        expect(r.verdict, `${f}: ${g.result}: ${r.detail}`).toBe("verified");
      }),
      { numRuns: 60, seed: 77 },
    );
  });
});

function wrap(e: string): string {
  return /^[\w.]+$/.test(e) ? e : `(${e})`;
}
