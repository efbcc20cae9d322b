// Bad input through the library API: every mistake a user can make ends in
// the verdict "error" with a one-line message (never a stack trace) and, where
// the mistake has a place, the 0-based position of that place in the text it
// came from (the expression side, or the declaration string).

import { describe, expect, it } from "vitest";
import { type EqualResult, equal } from "../../src/api.js";

const SEED = 7;

function check(lhs: string, rhs: string, decls: readonly string[] = []): EqualResult {
  return equal({ lhs, rhs, let: decls, seed: SEED, samples: 2 });
}

/** Asserts an error verdict with a one-line message; returns the message. */
function expectError(r: EqualResult, want: { position?: number | null; contains?: string | RegExp } = {}): string {
  expect(r.verdict, r.detail).toBe("error");
  expect(r.error).not.toBeNull();
  const msg = r.error!.message;
  expect(msg.length).toBeGreaterThan(0);
  expect(msg).not.toContain("\n");
  expect(msg).not.toMatch(/\s+at\s.*\(.*:\d+:\d+\)/); // no stack frame
  expect(msg).not.toContain("    at ");
  expect(msg).not.toMatch(/internal error/);
  if (want.position !== undefined) expect(r.error!.position).toBe(want.position);
  if (typeof want.contains === "string") expect(msg).toContain(want.contains);
  else if (want.contains) expect(msg).toMatch(want.contains);
  return msg;
}

describe("syntax errors", () => {
  it("an unclosed parenthesis: at the end of input", () => {
    expectError(check("(x + 1", "x"), { position: 6, contains: "expected ')'" });
  });

  it("a stray closing parenthesis: at the parenthesis", () => {
    expectError(check("x + 1)", "x"), { position: 5, contains: "unexpected ')'" });
    expectError(check("tr(A) + )", "0", ["A: n x n"]), { position: 8 });
  });

  it("an unknown character", () => {
    expectError(check("x @ y", "x"), { position: 2, contains: "@" });
  });

  it("an unknown character outside the BMP is shown whole, not as half a surrogate pair", () => {
    const msg = expectError(check("a😀", "a"), { position: 1, contains: "'😀'" });
    expect(msg).not.toMatch(/[\uD800-\uDFFF]/u); // a lone surrogate (u mode: pairs are one code point)
  });

  it("a name declared with a letter outside the BMP can be used", () => {
    const r = equal({ lhs: "𝒳 * 2", rhs: "𝒳 + 𝒳", let: ["𝒳: n x n"], seed: SEED, samples: 2 });
    expect(["proved", "verified"], r.detail).toContain(r.verdict);
  });

  it("an empty side", () => {
    expectError(check("", "x"), { position: 0 });
  });

  it("a doubled relation in a claim", () => {
    const r = equal({ claim: "x = = y", seed: SEED, samples: 2 });
    expectError(r, { position: 4 });
  });

  it("the side is named in the message", () => {
    expect(expectError(check("x", "(x"))).toContain("rhs");
    expect(expectError(check("(x", "x"))).toContain("lhs");
  });
});

describe("name errors", () => {
  it("an unknown function: at its name", () => {
    expectError(check("foo(x)", "x"), { position: 0, contains: "unknown function foo" });
    expectError(check("x", "1 + foo(x)"), { position: 4, contains: "unknown function foo" });
  });

  it("an undeclared name followed by ( is an unknown function", () => {
    expectError(check("X(A)", "A"), { position: 0, contains: "unknown function X" });
  });

  it("a declared name followed by ( is a product, not an error", () => {
    const r = equal({ lhs: "X(A + B)", rhs: "X * A + X * B", let: ["X, A, B: n x n"], seed: SEED, samples: 2 });
    expect(["proved", "verified"]).toContain(r.verdict);
  });
});

describe("shape errors", () => {
  it("X * y with X: n x m, y: n names both shapes", () => {
    expectError(check("X * y", "0", ["X: n x m", "y: n"]), { position: 0, contains: "cannot multiply X (n x m) by y (n)" });
  });

  it("the position is that of the failing product inside a larger expression", () => {
    expectError(check("z + X * y", "z", ["X: n x m", "y: n", "z: n"]), {
      position: 4,
      contains: "cannot multiply X (n x m) by y (n)",
    });
  });

  it("tr(I): nothing fixes the size of I", () => {
    expectError(check("tr(I)", "n"), { position: 3, contains: "cannot infer the size of I" });
  });

  it("an index out of range: X[3, 1] with X: 2 x 2", () => {
    expectError(check("X[3, 1]", "1", ["X: 2 x 2"]), { position: 2, contains: "index 3 out of range" });
  });

  it("index 0, a fractional index, one index on a matrix", () => {
    expectError(check("x[0]", "1", ["x: n"]), { position: 2, contains: "indices start at 1" });
    expectError(check("x[1.5]", "1", ["x: n"]), { position: 2 });
    expectError(check("X[1]", "1", ["X: n x n"]), { position: 0, contains: "one index" });
  });

  it("softmax of a matrix", () => {
    expectError(check("softmax(X)", "X", ["X: n x m"]), { position: 0, contains: "softmax takes a vector" });
    expectError(check("softmax(X)", "X", ["X: n x n"]), { position: 0, contains: "softmax takes a vector" });
  });

  it("grad of a matrix-valued function", () => {
    expectError(check("grad(X, X)", "X", ["X: n x n"]), { position: 0, contains: "grad needs a scalar" });
  });

  it("tr of a non-square matrix", () => {
    expectError(check("tr(X)", "1", ["X: n x m"]), { position: 0, contains: "tr needs a square matrix" });
  });

  it("sides of different shapes", () => {
    expectError(check("x", "y", ["x: n", "y: m"]), { contains: "different shapes" });
  });
});

describe("declaration errors", () => {
  it("a square property on a non-square shape: at the property", () => {
    expectError(check("X", "X", ["X: n x q spd"]), { position: 9, contains: "spd needs a square shape" });
  });

  it("simplex is for vectors only", () => {
    expect(["proved", "verified"]).toContain(check("sum(x)", "1", ["x: n simplex"]).verdict);
    expectError(check("X", "X", ["X: n x n simplex"]), { position: 9, contains: "simplex applies to vectors only" });
  });

  it("a dimension too large to sample", () => {
    expectError(check("W", "W", ["W: 1000000 x 1000000"]), { position: 3, contains: "too large" });
    expectError(check("W", "W", ["W: 99999999999999999999 x 2"]), { position: 3, contains: "too large" });
  });

  it("a zero dimension", () => {
    expectError(check("x", "x", ["x: 0"]), { position: 3, contains: "positive integer" });
  });

  it("an unknown property: at the property", () => {
    expectError(check("X", "X", ["X: n x n shiny"]), { position: 9, contains: "unknown property 'shiny'" });
  });

  it("a name declared twice", () => {
    expectError(check("X", "X", ["X: n x n", "X: n x n"]), { contains: "X is declared twice" });
    expectError(check("X", "X", ["X, X: n x n"]), { contains: "X is declared twice" });
    expectError(check("X", "X", ["X: n x n; X: m x m"]), { contains: "X is declared twice" });
  });

  it("a declaration without a colon", () => {
    expectError(check("x", "x", ["x n"]), { position: 0, contains: "name: shape" });
  });

  it("integer on a vector", () => {
    expectError(check("x", "x", ["x: n integer"]), { position: 5, contains: "integer applies to scalars only" });
  });

  it("the declaration is named in the message", () => {
    expect(expectError(check("X", "X", ["X: n x q spd"]))).toContain("X: n x q spd");
  });
});

describe("non-finite numbers", () => {
  it("a literal that overflows to Infinity (1e400) is a value error at the literal", () => {
    expectError(check("1e400", "1"), { position: 0, contains: "not finite" });
    expectError(check("x", "2 * 1e400"), { position: 4, contains: "not finite" });
  });

  it("NaN and Infinity are not literals: they are undeclared names, reported as assumptions", () => {
    for (const name of ["NaN", "Infinity"]) {
      const r = check(name, "1");
      expect(r.verdict).not.toBe("verified");
      expect(r.verdict).not.toBe("proved");
      expect(r.assumptions).toContain(`${name}: scalar`);
    }
  });

  it("an expression that is NaN or infinite everywhere cannot be sampled", () => {
    expectError(check("0/0", "1"), { contains: "no valid sample" });
    expectError(check("1/0", "1"), { contains: "no valid sample" });
  });
});

describe("limits: deep input is an error, not a crash", () => {
  it.each([
    ["5000 nested parentheses", "(".repeat(5000) + "x" + ")".repeat(5000)],
    ["5000 nested calls", "sin(".repeat(5000) + "x" + ")".repeat(5000)],
    ["3000 nested brackets", "[".repeat(3000) + "1" + "]".repeat(3000)],
    ["5000 unary minuses", "-".repeat(5000) + "x"],
    ["a power tower of 5000", "x" + "^x".repeat(5000)],
    ["5000 transposes", "x" + "'".repeat(5000)],
  ])("%s", (_what, src) => {
    const msg = expectError(check(src, "x"));
    expect(msg).toMatch(/nested too deeply|too long|longer than/);
  });

  it("a flat sum of 20000 terms is no nesting: it is checked like any claim", () => {
    const src = "x" + " + x".repeat(20000);
    expect(check(src, "x").verdict).toBe("refuted");
    expect(["proved", "verified"]).toContain(check(src, "20001 * x").verdict);
  });

  it("parenthesised nesting reports where the limit was hit", () => {
    const r = check("(".repeat(5000) + "x" + ")".repeat(5000), "x");
    expect(typeof r.error?.position).toBe("number");
  });

  it("an input longer than the limit", () => {
    expectError(check("x" + " ".repeat(200_000), "x"), { contains: "longer than" });
  });
});
