// Text round trip and the precedence table of language.md. A recursive
// arbitrary builds random trees over the registry's syntax (every infix,
// prefix and postfix operator, indexing, every function with its arity, the
// named constants), so a newly registered operator is covered without editing
// this file. printExpr must produce text that parses back to the same tree,
// and printing is a fixed point after one round trip.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Expr, key, matrix, node, num, sym } from "../../src/core/ast.js";
import { DeriveError } from "../../src/core/errors.js";
import { OPS } from "../../src/ops/registry.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";

/** Variable names: plain, Greek, with digits or an underscore; never a function or constant name. */
const NAMES = ["x", "y", "z", "A", "B", "X", "t", "alpha", "w1", "x_hat"];
const DIM_NAMES = ["n", "m", "p"];

const numberArb: fc.Arbitrary<Expr> = fc
  .oneof(
    fc.integer({ min: 0, max: 20 }),
    fc.constantFrom(0.5, 0.25, 1e-3, 2.75, 1e21, 123456789),
    fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }),
  )
  .map((v) => num(Object.is(v, -0) ? 0 : v));

const indexArb: fc.Arbitrary<Expr> = fc.integer({ min: 1, max: 5 }).map((i) => num(i));
const dimArgArb: fc.Arbitrary<Expr> = fc.oneof(fc.integer({ min: 1, max: 6 }).map((i) => num(i)), fc.constantFrom(...DIM_NAMES).map((n) => sym(n)));
const variableArb: fc.Arbitrary<Expr> = fc.constantFrom(...NAMES).map((n) => sym(n));

/** Constants read as symbols until they are resolved, so they are generated as symbols. */
const constantNames = OPS.flatMap((op) => (op.syntax.kind === "leaf" ? (op.syntax.names ?? []) : []));
const leafArb: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 3, arbitrary: numberArb },
  { weight: 5, arbitrary: variableArb },
  { weight: 1, arbitrary: fc.constantFrom(...constantNames).map((n) => sym(n)) },
);

/**
 * Trees over the registry's syntax. `zeroArgCalls`: whether a function of
 * arity 0 may be called with no argument (`I()`), which prints as the bare
 * constant `I` and so parses back as a symbol (same meaning, other tree).
 */
function exprArb(zeroArgCalls: boolean): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie("expr");
    const builders: fc.Arbitrary<Expr>[] = [];
    for (const op of OPS) {
      const s = op.syntax;
      switch (s.kind) {
        case "infix":
          builders.push(fc.tuple(sub, sub).map(([a, b]) => node(op.name, [a, b])));
          break;
        case "prefix":
        case "postfix":
          builders.push(sub.map((a) => node(op.name, [a])));
          break;
        case "index":
          builders.push(
            fc.tuple(sub, fc.array(indexArb, { minLength: 1, maxLength: 2 })).map(([t, idx]) => node(op.name, [t, ...idx])),
          );
          break;
        case "function": {
          const [lo0, hi] = typeof s.arity === "number" ? [s.arity, s.arity] : s.arity;
          const lo = zeroArgCalls ? lo0 : Math.max(lo0, 1);
          if (hi < lo) break;
          builders.push(
            fc.integer({ min: lo, max: hi }).chain((count) =>
              fc
                .tuple(
                  ...Array.from({ length: count }, (_, i) =>
                    s.dimArgs ? dimArgArb : i === s.wrtArg ? variableArb : sub,
                  ),
                )
                .map((args) => node(op.name, args)),
            ),
          );
          break;
        }
        case "leaf":
          break; // leafArb
      }
    }
    const matrixArb = fc
      .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }))
      .chain(([r, c]) => fc.array(sub, { minLength: r * c, maxLength: r * c }).map((es) => matrix(r, c, es)));
    return {
      expr: fc.oneof(
        { depthSize: "small", maxDepth: 5, depthIdentifier: "expr" },
        { weight: 12, arbitrary: leafArb },
        ...builders.map((arbitrary) => ({ weight: 1, arbitrary })),
        { weight: 1, arbitrary: matrixArb },
      ),
    };
  });
  return expr;
}

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

  it("a zero-argument call I() prints as the bare constant I", () => {
    const t = parseExpr("I()");
    expect(t.op).toBe("I");
    expect(printExpr(t)).toBe("I");
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
