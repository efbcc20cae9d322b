// The command line as cli.md specifies it: exit codes, --json objects, one-line
// errors (never a stack trace), --seed, `--` and a parenthesised leading minus.

import { beforeAll, describe, expect, it } from "vitest";
import { derive, ensureBuilt } from "./run.js";

beforeAll(() => ensureBuilt());

const noStack = (s: string): void => {
  expect(s).not.toMatch(/\n\s+at /);
  expect(s.trim().split("\n")).toHaveLength(1);
};

describe("derive equal", () => {
  it("proves a true identity with exit 0, names the rules and prints the seed", () => {
    const r = derive("equal", "tr(A * B)", "tr(B * A)", "--let", "A: n x m", "--let", "B: m x n", "--seed", "7");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^proved: tr\(A \* B\) = tr\(B \* A\)\n/);
    expect(r.stdout).toContain("proved by trace-cyclic; the numeric check agrees (verified on 6 samples");
    expect(r.stdout).toContain("symbolic: proved; seed 7");
  });

  it("verifies a true identity it cannot prove with exit 0", () => {
    const r = derive("equal", "inv(I + inv(A))", "A * inv(A + I)", "--let", "A: n x n invertible", "--seed", "7");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^verified: inv\(I \+ inv\(A\)\) = A \* inv\(A \+ I\)\n  verified on 6 samples/);
    expect(r.stdout).toContain("symbolic: unproved; seed 7");
  });

  it("refutes a false identity with exit 1 and a counterexample", () => {
    const r = derive("equal", "inv(A * B)", "inv(A) * inv(B)", "--let", "A, B: n x n invertible", "--seed", "3");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^refuted:/);
    expect(r.stdout).toMatch(/A = \[/);
    expect(r.stdout).toMatch(/lhs = \[/);
    expect(r.stdout).toContain("symbolic: unproved; seed 3");
  });

  it("prints the cli.md JSON object", () => {
    const r = derive("equal", "tr(A * B)", "tr(B * A)", "--let", "A: n x m", "--let", "B: m x n", "--json", "--seed", "1");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ["verdict", "symbolic", "numeric", "counterexample", "assumptions", "error"]) expect(j).toHaveProperty(k);
    expect(j.verdict).toBe("proved");
    expect(j.symbolic).toBe("proved");
    expect(j.detail).toMatch(/^proved by trace-cyclic; the numeric check agrees/);
    expect(j.numeric.samples).toBe(6);
    expect(typeof j.numeric.maxRelError).toBe("number");
    expect(j.counterexample).toBeNull();
    expect(j.error).toBeNull();
    expect(j.assumptions).toEqual([]);
  });

  it("gives a counterexample object with dims, values, lhs and rhs in JSON", () => {
    const r = derive("equal", "X'", "X", "--let", "X: n x n", "--json", "--seed", "2");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe("refuted");
    expect(j.symbolic).toBe("unproved");
    expect(Object.keys(j.counterexample.dims)).toEqual(["n"]);
    expect(Array.isArray(j.counterexample.values.X)).toBe(true);
    expect(j.counterexample.lhs).toHaveLength(j.counterexample.dims.n);
  });

  it("is reproducible with --seed", () => {
    const a = derive("equal", "X * Y", "Y * X", "--let", "X, Y: n x n", "--json", "--seed", "99");
    const b = derive("equal", "X * Y", "Y * X", "--let", "X, Y: n x n", "--json", "--seed", "99");
    expect(a.stdout).toBe(b.stdout);
  });

  it("reports undeclared names as scalar assumptions", () => {
    const r = derive("equal", "log(e^t)", "t", "--json", "--seed", "1");
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe("proved");
    expect(j.detail).toMatch(/^proved by e-power, log-of-exp;/);
    expect(j.assumptions).toEqual(["t: scalar"]);
    const p = derive("equal", "log(e^t)", "t");
    expect(p.stdout).toContain("assuming t: scalar");
  });

  it("accepts a leading minus in parentheses or after --", () => {
    const a = derive("equal", "diff(inv(X), X, V)", "(-inv(X) * V * inv(X))", "--let", "X: n x n invertible; V: n x n");
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^proved: diff\(inv\(X\), X, V\) = -inv\(X\) \* V \* inv\(X\)\n/);
    const b = derive("equal", "--let", "X: n x n invertible; V: n x n", "--", "diff(inv(X), X, V)", "-inv(X) * V * inv(X)");
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^proved: diff\(inv\(X\), X, V\) = -inv\(X\) \* V \* inv\(X\)\n/);
  });

  it("refuses an unparenthesised leading minus with one line and exit 2", () => {
    const r = derive("equal", "diff(inv(X), X, V)", "-inv(X) * V * inv(X)", "--let", "X: n x n invertible; V: n x n");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("parentheses");
    noStack(r.stderr);
  });

  it("checks a whole claim with another relation: numbers by interval arithmetic, the rest by the samples alone", () => {
    const near = derive("equal", "sigmoid(0.6) ≈ 0.65");
    expect(near.code).toBe(0);
    expect(near.stdout).toMatch(/^proved: /);
    expect(near.stdout).toContain("proved by interval arithmetic");
    expect(near.stdout).toContain("symbolic: unproved");
    expect(derive("equal", "sigmoid(0.6) ≈ 0.64").code).toBe(1);
    const chain = derive("equal", "0 <= sigmoid(t) <= 1");
    expect(chain.code).toBe(0);
    expect(chain.stdout).toMatch(/^verified: /);
  });

  const bad: [string, string[], RegExp][] = [
    ["a syntax error", ["tr(A", "x"], /syntax error at \d+: .* \(in lhs\)/],
    ["a shape error", ["X * y", "y", "--let", "X: n x m", "--let", "y: n"], /shape error at 0: cannot multiply X \(n x m\) by y \(n\)/],
    ["an unknown function", ["foo(x)", "x"], /name error at 0: unknown function foo/],
    ["an impossible property", ["S", "S", "--let", "S: n x m spd"], /declaration error at \d+/],
    ["a huge declared size", ["W", "W", "--let", "W: 1000000 x 1000000"], /too large/],
    ["an overflowing size", ["W", "W", "--let", "W: 99999999999999999999999 x 2"], /too large/],
    ["an infinite literal", ["1e999", "1"], /not finite/],
    ["an unknown flag", ["x", "x", "--bogus"], /unknown option --bogus/],
    ["a bad --samples", ["x", "x", "--samples", "zero"], /--samples must be an integer/],
    ["too many arguments", ["x", "x", "x"], /expected LHS RHS/],
    ["an unsized I", ["tr(I)", "n"], /cannot infer the size of I/],
  ];
  for (const [what, args, msg] of bad) {
    it(`answers ${what} with one line and exit 2`, () => {
      const r = derive("equal", ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      noStack(r.stderr);
      const j = derive("equal", ...args, "--json");
      if (j.stdout.trim()) {
        const o = JSON.parse(j.stdout);
        expect(o.verdict).toBe("error");
        expect(o.error.message).toMatch(msg);
      }
    });
  }

  it("gives the error position in JSON", () => {
    const r = derive("equal", "tr(A) + X * y", "tr(A)", "--let", "X: n x m; y: n; A: n x n", "--json");
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe("error");
    expect(j.error.position).toBe(8);
    expect(j.error.message).toContain("cannot multiply X (n x m) by y (n)");
  });
});

describe("derive grad", () => {
  const lets = ["--let", "X: n x m", "--let", "A: n x n"];

  it("prints the gradient, simplified, on one line", () => {
    const r = derive("grad", "tr(X' * A * X)", "--wrt", "X", ...lets);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("(A + A') * X\n");
    expect(r.stderr).toBe("");
  });

  it("gives the Cookbook forms", () => {
    const cases: [string[], string][] = [
      [["logdet(X)", "--wrt", "X", "--let", "X: n x n invertible"], "inv(X)'"],
      [["norm(A * x - b)^2", "--wrt", "x", "--let", "A: m x n; x: n; b: m"], "2 * A' * (A * x - b)"],
      [["lse(W*x) - y'*(W*x)", "--wrt", "W", "--let", "W: k x n; x: n; y: k onehot"], "(softmax(W * x) - y) * x'"],
    ];
    for (const [args, want] of cases) {
      const r = derive("grad", ...args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(want);
    }
  });

  it("prints LaTeX with --latex", () => {
    const r = derive("grad", "tr(X' * A * X)", "--wrt", "X", ...lets, "--latex");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("\\left(A + {A}^{\\top}\\right) \\, X");
  });

  it("prints the JSON object with result, latex, shape, check, assumptions, error", () => {
    const r = derive("grad", "tr(X' * A * X)", "--wrt", "X", ...lets, "--json", "--seed", "1");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      result: "(A + A') * X",
      latex: "\\left(A + {A}^{\\top}\\right) \\, X",
      shape: ["n", "m"],
      check: "proved",
      domain: null,
      assumptions: [],
      error: null,
    });
  });

  it("reports undeclared names in JSON, and a concrete shape as numbers", () => {
    const r = derive("grad", "t^2 * s", "--wrt", "t", "--json");
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe("2 * s * t");
    expect(j.shape).toEqual([1, 1]);
    expect(j.assumptions).toEqual(["t: scalar", "s: scalar"]);
  });

  const bad: [string, string[], RegExp][] = [
    ["a missing --wrt", ["x' * x", "--let", "x: n"], /derive grad: usage error: --wrt NAME is required/],
    ["a non-scalar expression", ["A * x", "--wrt", "x", "--let", "A: m x n; x: n"], /shape error at 0: grad needs a scalar expression, not one of shape m x 1; use jacobian/],
    ["a --wrt that is not a name", ["t^2", "--wrt", "t + 1"], /--wrt needs a variable name, not 't \+ 1'/],
    ["a syntax error", ["tr(X", "--wrt", "X", "--let", "X: n x n"], /syntax error at 4: .* \(in expression\)/],
    ["two expressions", ["x", "y", "--wrt", "x"], /expected one expression, got 2/],
    ["an unknown flag", ["x", "--wrt", "x", "--samples", "3"], /unknown option --samples/],
    // (x[1] * x[2] at a symbolic size is written with unit vectors now: tests/symbolic/index-grad.test.ts)
    ["a gradient the engine cannot write", ["sum([x, 1; 1, x])", "--wrt", "x"], /no symbolic gradient: a matrix literal with variable entries/],
  ];
  for (const [what, args, msg] of bad) {
    it(`answers ${what} with one line and exit 2`, () => {
      const r = derive("grad", ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(msg);
      noStack(r.stderr);
    });
  }

  it("answers an error in JSON with every field null but error and assumptions", () => {
    const r = derive("grad", "A * x", "--wrt", "x", "--let", "A: m x n; x: n", "--json");
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ result: null, latex: null, shape: null, check: null, assumptions: [] });
    expect(j.error.position).toBe(0);
    expect(j.error.message).toContain("grad needs a scalar expression");
  });
});

describe("derive eval", () => {
  it("evaluates at given values", () => {
    const r = derive("eval", "det(X)", "--let", "X: 2 x 2", "--at", "X=[1, 2; 3, 4]");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("-2");
  });

  it("prints JSON with the value and its shape", () => {
    const r = derive("eval", "softmax(z)", "--at", "z=[1; 2; 3]", "--json");
    const j = JSON.parse(r.stdout);
    expect(j.shape).toEqual([3, 1]);
    const s = (j.value as number[][]).reduce((a, [v]) => a + v!, 0);
    expect(s).toBeCloseTo(1, 14);
  });

  it("does not overflow at |z| = 1000", () => {
    const r = derive("eval", "lse(z)", "--at", "z=[1000; 1000]");
    expect(Number(r.stdout.trim())).toBeCloseTo(1000 + Math.log(2), 12);
  });

  it("draws a random sample when no value is given, and says so", () => {
    const r = derive("eval", "tr(X)", "--let", "X: n x n", "--seed", "5");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("at a random sample (seed 5)");
  });

  it("rejects a value that breaks a declared property", () => {
    const r = derive("eval", "inv(S)", "--let", "S: 2 x 2 spd", "--at", "S=[1, 2; 3, 4]");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("declared spd");
    noStack(r.stderr);
  });

  it("rejects a NaN value and a malformed --at", () => {
    for (const v of ["x=0/0", "x=NaN", "x=1e999", "x=[1, 1/0]"]) {
      const a = derive("eval", "x", "--at", v);
      expect(a.code, v).toBe(2);
      noStack(a.stderr);
    }
    const b = derive("eval", "x", "--at", "x");
    expect(b.code).toBe(2);
    noStack(b.stderr);
  });
});

describe("help", () => {
  for (const cmd of [[], ["equal"], ["eval"], ["grad"], ["ops"]]) {
    it(`derive ${cmd.join(" ")} --help prints usage`, () => {
      const r = derive(...cmd, "--help");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/derive/);
      expect(r.stdout.length).toBeGreaterThan(40);
    });
  }

  it("every example in the help texts runs with the documented verdict", () => {
    const r = derive("equal", "--help");
    const examples = r.stdout.split("\n").filter((l) => l.trim().startsWith("derive equal \"") && !l.includes("[options]"));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const line of examples) {
      const args = [...line.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
      const res = derive(...args);
      // the inv(A * B) example is there to show a refutation
      expect([0, 1], line).toContain(res.code);
      if (!line.includes("inv(A * B)")) expect(res.code, line).toBe(0);
    }
  });

  it("the overview lists derive grad", () => {
    expect(derive("--help").stdout).toContain("derive grad EXPR --wrt NAME");
  });

  it("every example in the grad help text prints a gradient", () => {
    const r = derive("grad", "--help");
    const examples = r.stdout.split("\n").filter((l) => l.trim().startsWith("derive grad \""));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const line of examples) {
      const args = [...line.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
      const res = derive(...args);
      expect(res.code, `${line}\n${res.stderr}`).toBe(0);
      expect(res.stdout.trim().split("\n"), line).toHaveLength(1);
    }
  });

  it("an unknown command is one line and exit 2", () => {
    const r = derive("frobnicate");
    expect(r.code).toBe(2);
    noStack(r.stderr);
  });
});
