// Text round trip and the precedence table of language.md. A recursive
// arbitrary (./expr-arbitrary.ts) builds random trees over the registry's
// syntax (every infix, prefix and postfix operator, indexing, every function
// with its arity, the named constants), so a newly registered operator is
// covered without editing this file. printExpr must produce text that parses back to the same tree,
// and printing is a fixed point after one round trip.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { key } from "../../src/core/ast.js";
import { DeriveError } from "../../src/core/errors.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";
import { exprArb } from "./expr-arbitrary.js";

describe("printExpr / parseExpr round trip", () => {
  it("print(parse(print(t))) is a fixed point and the trees agree", () => {
    fc.assert(
      fc.property(exprArb(true), (t) => {
        const text = printExpr(t);
        const once = parseExpr(text);
        const text2 = printExpr(once);
        const twice = parseExpr(text2);
        expect(text2).toBe(text);
        expect(key(twice)).toBe(key(once));
      }),
      { numRuns: 1500 },
    );
  });

  it("parse(print(t)) is t itself (trees the parser can produce)", () => {
    fc.assert(
      fc.property(exprArb(false), (t) => {
        expect(key(parseExpr(printExpr(t)))).toBe(key(t));
      }),
      { numRuns: 1500 },
    );
  });

  it("a zero-argument call such as I() is a syntax error (a bare I is written I)", () => {
    expect(() => parseExpr("I()")).toThrow(/needs an argument/);
    expect(() => parseExpr("tr()")).toThrow(/needs an argument/);
  });

  it.each([
    "2 x",
    "X'(A + A')",
    "-x^2 + 3 .* y ./ z - w1'",
    "inv(A)[1, 2] * kron(A, B)'",
    "grad(tr(X' * B * X), X)",
    "diff(F, X, V) + jacobian(x .^ 2, x)",
    "(A * B)'[2, 1]",
    "2.^x .* 0.5.^-y",
    "[1, 2; 3, 4] * ones(2)",
    "a^b^c - (a^b)^c",
    "1e-3 * x + 1.5e+2",
  ])("the printed text of %s parses back to the same tree", (src) => {
    const t = parseExpr(src);
    const text = printExpr(t);
    expect(key(parseExpr(text))).toBe(key(t));
    expect(printExpr(parseExpr(text))).toBe(text);
  });
});

describe("precedence table (language.md)", () => {
  const k = (src: string): string => key(parseExpr(src));

  it("-x^2 is neg(pow(x, 2))", () => {
    expect(k("-x^2")).toBe("neg(pow($x,#2))");
  });

  it("a*b' is mul(a, transpose(b))", () => {
    expect(k("a*b'")).toBe("mul($a,transpose($b))");
  });

  it("X^-1 is pow(X, neg(1))", () => {
    expect(k("X^-1")).toBe("pow($X,neg(#1))");
  });

  it.each([
    ["2 x", "mul(#2,$x)"],
    ["(A + A') X", "mul(add($A,transpose($A)),$X)"],
    ["X'(A + A')", "mul(transpose($X),add($A,transpose($A)))"],
    ["2 x y", "mul(mul(#2,$x),$y)"],
  ])("implicit product: %s", (src, want) => {
    expect(k(src)).toBe(want);
  });

  it("2.*x is a Hadamard product, not 2. * x", () => {
    expect(k("2.*x")).toBe("hadamard(#2,$x)");
    expect(k("2./x")).toBe("ediv(#2,$x)");
    expect(k("2.^x")).toBe("epow(#2,$x)");
    expect(k("2. * x")).toBe("mul(#2,$x)");
    expect(k("2.5.*x")).toBe("hadamard(#2.5,$x)");
  });

  it("^ is right-associative", () => {
    expect(k("a^b^c")).toBe("pow($a,pow($b,$c))");
    expect(k("a.^b.^c")).toBe("epow($a,epow($b,$c))");
  });

  it("- and / are left-associative", () => {
    expect(k("a - b - c")).toBe("sub(sub($a,$b),$c)");
    expect(k("a / b / c")).toBe("div(div($a,$b),$c)");
    expect(k("a * b / c .* d")).toBe("hadamard(div(mul($a,$b),$c),$d)");
  });

  it("1/2 x is (1/2) * x: an implicit product joins the product level, left to right", () => {
    expect(k("1/2 x")).toBe("mul(div(#1,#2),$x)");
  });

  it("inv(A)[1, 2] indexes the result of the call", () => {
    expect(k("inv(A)[1, 2]")).toBe("index(inv($A),#1,#2)");
    expect(k("x[3]")).toBe("index($x,#3)");
  });

  it("x' is a transpose, and ' binds tighter than ^", () => {
    expect(k("x'")).toBe("transpose($x)");
    expect(k("X^-1'")).toBe("pow($X,neg(transpose(#1)))");
    expect(k("(X^-1)'")).toBe("transpose(pow($X,neg(#1)))");
  });

  it("unary minus binds looser than * on its right: -a * b is (-a) * b", () => {
    expect(k("-a * b")).toBe("mul(neg($a),$b)");
    expect(k("a * -b")).toBe("mul($a,neg($b))");
  });

  it("a declared variable followed by ( is a product", () => {
    const t = parseExpr("X(A + B)", { isVariable: (n) => n === "X" });
    expect(key(t)).toBe("mul($X,add($A,$B))");
  });

  it("a known function followed by ( is a call", () => {
    expect(k("tr(X)")).toBe("tr($X)");
  });

  it("a letter outside the BMP starts a name (the lexer reads code points)", () => {
    expect(k("𝒳 + 1")).toBe("add($𝒳,#1)");
    expect(k("x𝒳 * β")).toBe("mul($x𝒳,$β)");
  });

  it("implicit products bind like *: a b^2 is a * (b^2), -2 x is (-2) * x", () => {
    expect(k("a b^2")).toBe("mul($a,pow($b,#2))");
    expect(k("-2 x")).toBe("mul(neg(#2),$x)");
    expect(k("x y'")).toBe("mul($x,transpose($y))");
  });

  it("a constant followed by ( is a product", () => {
    expect(k("e(x + 1)")).toBe("mul($e,add($x,#1))");
  });
});

describe("parse errors: kind and position", () => {
  function parseError(src: string, isVariable?: (n: string) => boolean): DeriveError {
    try {
      parseExpr(src, { isVariable });
    } catch (e) {
      expect(e).toBeInstanceOf(DeriveError);
      return e as DeriveError;
    }
    throw new Error(`${src} parsed without error`);
  }

  it("an unknown function is a name error at its position", () => {
    const e = parseError("foo(x)");
    expect(e.kind).toBe("name");
    expect(e.position).toBe(0);
    expect(e.message).toContain("unknown function foo");
    expect(parseError("1 + foo(x)").position).toBe(4);
  });

  it("an undeclared name followed by ( is an unknown function", () => {
    const e = parseError("X(A)");
    expect(e.kind).toBe("name");
    expect(e.position).toBe(0);
    expect(e.message).toContain("unknown function X");
  });

  it("tr(A) + ) fails at the stray parenthesis", () => {
    const e = parseError("tr(A) + )");
    expect(e.kind).toBe("syntax");
    expect(e.position).toBe(8);
  });

  it("an unclosed parenthesis points at the end of input", () => {
    const e = parseError("(a + b");
    expect(e.kind).toBe("syntax");
    expect(e.position).toBe(6);
  });

  it("a wrong number of arguments is an error at the function name", () => {
    const e = parseError("x + tr(A, B)");
    expect(e.position).toBe(4);
    expect(e.message).toMatch(/tr takes 1 argument/);
  });
});
