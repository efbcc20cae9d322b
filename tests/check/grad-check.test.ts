// The cheap numeric check of derive grad (src/check/grad-check.ts): directional
// derivatives of f against <R, V>. It must accept every correct gradient and
// reject every wrong one, whatever the seed: mutants of correct gradients (a
// transpose, a factor 2, the sign, a dropped term, one entry changed) are
// rejected for every seed of a sweep.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, grad } from "../../src/api.js";
import { type GradCheck, checkGradient } from "../../src/check/grad-check.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";

function fastCheck(expr: string, wrt: string, lets: string[], candidate: string, seed: number): GradCheck {
  const scope = Scope.parse(lets);
  const res = new Resolver(scope);
  const f = res.resolve(parseExpr(expr, { isVariable: scope.isVariable }));
  const r = new Resolver(scope).resolve(parseExpr(candidate, { isVariable: scope.isVariable }));
  return checkGradient({ scope, dims: res.dims, minDims: res.minDims, f, x: wrt, r, seed });
}

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

// [f, wrt, declarations, the right gradient, wrong ones]
const TABLE: [string, string, string[], string, string[]][] = [
  ["tr(A * X)", "X", ["A: n x n", "X: n x n"], "A'", ["A", "2 * A'", "-A'"]],
  ["tr(X' * A * X)", "X", ["X: n x m", "A: n x n"], "(A + A') * X", ["A * X", "A' * X", "2 * A * X", "-(A + A') * X", "2 * (A + A') * X"]],
  ["logdet(X)", "X", ["X: n x n invertible"], "inv(X)'", ["inv(X)", "-inv(X)'", "2 * inv(X)'"]],
  ["norm(A * x - b)^2", "x", ["A: m x n", "x: n", "b: m"], "2 * A' * (A * x - b)", ["A' * (A * x - b)", "2 * A' * A * x", "-2 * A' * (A * x - b)", "2 * A' * (A * x + b)"]],
  ["lse(W * x) - y' * (W * x)", "W", ["W: k x n", "x: n", "y: k onehot"], "(softmax(W * x) - y) * x'", ["softmax(W * x) * x'", "(y - softmax(W * x)) * x'", "2 * (softmax(W * x) - y) * x'"]],
  ["sum(softplus(X * w) - y .* (X * w))", "w", ["X: m x n", "w: n", "y: m"], "X' * (sigmoid(X * w) - y)", ["X' * sigmoid(X * w)", "-X' * (sigmoid(X * w) - y)", "X' * (sigmoid(X * w) - y) * 2"]],
  ["tr(X^3)", "X", ["X: n x n"], "3 * X'^2", ["3 * X^2", "X'^2", "-3 * X'^2"]],
  ["x' * A * x", "x", ["x: n", "A: n x n"], "(A + A') * x", ["A * x", "2 * A * x", "-(A + A') * x"]],
  ["sum(relu(W * x))", "W", ["W: h x n", "x: n"], "step(W * x) * x'", ["relu(W * x) * x'", "-step(W * x) * x'", "ones(h) * x'"]],
  ["t^3 * u", "t", [], "3 * t^2 * u", ["3 * t^2", "t^2 * u", "3 * t * u", "-3 * t^2 * u", "3 * abs(t)^2 * u * sign(t)"]],
];

describe("the directional check accepts right gradients and rejects wrong ones, for every seed", () => {
  for (const [f, wrt, lets, right, wrongs] of TABLE) {
    it(`grad(${f}, ${wrt}) = ${right}`, () => {
      for (const seed of SEEDS) {
        const c = fastCheck(f, wrt, lets, right, seed);
        expect(c.kind, `seed ${seed}: ${c.detail}`).toBe("agrees");
      }
    });
    for (const w of wrongs) {
      it(`grad(${f}, ${wrt}) is not ${w}`, () => {
        for (const seed of SEEDS) {
          const c = fastCheck(f, wrt, lets, w, seed);
          expect(c.kind, `seed ${seed}: ${c.detail}`).toBe("wrong");
        }
      });
    }
  }

  it("one entry off, by 0.5 or by 0.001, at concrete sizes", () => {
    const lets = ["X: 3 x 3", "A: 3 x 3"];
    for (const d of ["0.5", "0.001"]) {
      for (const seed of SEEDS) {
        const c = fastCheck("tr(X' * A * X)", "X", lets, `(A + A') * X + [0, 0, 0; 0, 0, ${d}; 0, 0, 0]`, seed);
        expect(c.kind, `${d}, seed ${seed}: ${c.detail}`).toBe("wrong");
      }
    }
  });

  it("a transpose of a non-symmetric gradient", () => {
    for (const seed of SEEDS) {
      expect(fastCheck("tr(A * X * B)", "X", ["A, B, X: n x n"], "(B * A)'", seed).kind).toBe("agrees");
      expect(fastCheck("tr(A * X * B)", "X", ["A, B, X: n x n"], "B * A", seed).kind).toBe("wrong");
    }
  });
});

describe("random expressions: every mutant of the printed gradient is rejected for every seed", () => {
  // vectors x, c: 3; A: 3 x 3; B: 2 x 3 (concrete, so one entry can be changed with a literal)
  const vec: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant("x"),
      fc.constant("x"),
      fc.constant("c"),
      tie("v").map((e) => `A * ${wrap(e)}`),
      tie("v").map((e) => `tanh(${e})`),
      tie("v").map((e) => `sigmoid(${e})`),
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
  const lets = ["x, c: 3", "A: 3 x 3", "B: 2 x 3"];
  it("a factor 2, the sign, one entry (0.5 and 1e-3), a dropped term", () => {
    fc.assert(
      fc.property(scalar, fc.integer({ min: 1, max: 1000 }), (f, seed) => {
        const g = grad({ expr: f, wrt: "x", let: lets, seed, check: false });
        fc.pre(g.result !== null && /x/.test(f) && !g.result.startsWith("zeros") && !g.result.includes(" where "));
        const G = g.result!;
        // the right answer passes at these seeds
        expect(fastCheck(f, "x", lets, G, seed).kind, `${f}: ${G}`).toBe("agrees");
        const mutants = [`2 * (${G})`, `-(${G})`, `${wrap(G)} + [0; 0.5; 0]`, `${wrap(G)} + [0.001; 0; 0]`];
        const terms = topTerms(G);
        if (terms.length > 1) mutants.push(terms.slice(1).join(" + "));
        for (const m of mutants) {
          for (const s of [seed, seed + 1, seed + 2]) {
            const c = fastCheck(f, "x", lets, m, s);
            // a gradient that is 0 at the samples cannot tell 2G from G: never here, as f uses x
            expect(c.kind, `${f}: ${m} at seed ${s}: ${c.detail}`).not.toBe("agrees");
          }
        }
      }),
      { numRuns: 30, seed: 14 },
    );
  });
});

/** The terms of a top-level sum `a + b - c` (a minus becomes a term `-(c)`), or the whole. */
function topTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let sign = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (depth === 0 && (ch === "+" || ch === "-") && s[i - 1] === " " && s[i + 1] === " ") {
      out.push(sign ? `${sign}(${s.slice(start, i).trim()})` : s.slice(start, i).trim());
      sign = ch === "-" ? "-" : "";
      start = i + 1;
    }
  }
  out.push(sign ? `${sign}(${s.slice(start).trim()})` : s.slice(start).trim());
  return out;
}

function wrap(e: string): string {
  return /^[\w.]+$/.test(e) ? e : `(${e})`;
}

describe("domains", () => {
  it("no valid sample on the declared domain: the result is printed, marked unchecked, naming the declaration", () => {
    const r = grad({ expr: "sum(log(X))", wrt: "X", let: ["X: n x n"], seed: 3 });
    expect(r.error).toBeNull();
    expect(r.result).toBe("1 ./ X");
    expect(r.check).toBe("unchecked");
    expect(r.domain).toMatch(/^domain problem: the result is not numerically checked/);
    expect(r.domain).toContain('declare X positive (--let "X: n x n positive")');
    expect(r.domain).not.toMatch(/engine/);
  });

  it("with the declaration the same gradient is checked", () => {
    const r = grad({ expr: "sum(log(X))", wrt: "X", let: ["X: n x n positive"], seed: 3 });
    expect(["proved", "verified"]).toContain(r.check);
    expect(r.domain).toBeNull();
  });

  it("a candidate with no value where f has one is wrong, never 'unchecked'", () => {
    for (const seed of SEEDS) {
      expect(fastCheck("sum(x .^ 2)", "x", ["x: n"], "log(-(x .* x) - 1)", seed).kind).toBe("wrong");
    }
  });
});

describe("printed results paste back", () => {
  it("never a bare I: every identity is written with its size", () => {
    const cases: [string, string[], string][] = [
      ["tr(A * X) + tr(X)", ["A, X: n x n"], "I(n) + A'"],
      ["tr(A * X) + 2 * tr(X) + sum(diag(X))", ["A, X: 3 x 3"], "3 * I(3) + A'"],
      ["sum(diag(X))", ["X: n x n"], "I(n)"],
    ];
    for (const [expr, lets, want] of cases) {
      const r = grad({ expr, wrt: "X", let: lets, seed: 1 });
      expect(r.result).toBe(want);
      expect(r.result).not.toMatch(/\bI\b(?!\()/);
      // and it pastes back as the right side of the claim it answers
      const back = equal({ lhs: `grad(${expr}, X)`, rhs: r.result!, let: lets, seed: 2 });
      expect(["proved", "verified"], back.detail).toContain(back.verdict);
    }
  });
});

describe("random expressions in a matrix: the printed gradient parses back and is equal", () => {
  // a matrix W (k x n), vectors x (n) and y (k), a square B (k x k)
  const mat: fc.Arbitrary<string> = fc.letrec<{ m: string }>((tie) => ({
    m: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant("W * x"),
      fc.constant("W * x"),
      fc.constant("y"),
      tie("m").map((e) => `B * ${wrap(e)}`),
      tie("m").map((e) => `tanh(${e})`),
      tie("m").map((e) => `sigmoid(${e})`),
      tie("m").map((e) => `W * W' * ${wrap(e)}`),
      fc.tuple(tie("m"), tie("m")).map(([a, b]) => `${wrap(a)} .* ${wrap(b)}`),
      fc.tuple(tie("m"), tie("m")).map(([a, b]) => `${wrap(a)} - ${wrap(b)}`),
    ),
  })).m;
  const scalar = fc.oneof(
    mat.map((e) => `sum(${e})`),
    mat.map((e) => `norm(${e})^2`),
    mat.map((e) => `lse(${e})`),
    mat.map((e) => `y' * ${wrap(e)}`),
    fc.constant("tr(W' * B * W)"),
    fc.constant("tr(W * W') + tr(B)"),
  );
  const lets = ["W: k x n", "x: n", "y: k", "B: k x k"];
  it("parses back with the same declarations, no bare I, and equal() verifies it numerically", () => {
    fc.assert(
      fc.property(scalar, fc.integer({ min: 1, max: 1000 }), (f, seed) => {
        const g = grad({ expr: f, wrt: "W", let: lets, seed });
        expect(g.error, f).toBeNull();
        expect(g.result).not.toMatch(/\bI\b(?!\()/);
        const back = equal({ lhs: `grad(${f}, W)`, rhs: g.result!, let: lets, seed: seed + 7, symbolic: false });
        expect(back.verdict, `${f}: ${g.result}: ${back.detail}`).toBe("verified");
      }),
      { numRuns: 20, seed: 1414 },
    );
  });
});
