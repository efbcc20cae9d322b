// Unicode superscripts pasted from a paper (issue 11): `Xᵀ` and `X⊤` are
// transposes, `x²` is `x^2`, `X⁻¹` is `X^-1`, read by the lexer with exact
// positions; any other super- or subscript (`xᵢ`, `x₁`, `xⁿ`) is a positioned
// syntax error with a hint. Never a silent new variable: before, `x²` was a
// scalar named "x²" and `x² = x^2` was refuted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";
import { key } from "../../src/core/ast.js";
import { DeriveError } from "../../src/core/errors.js";
import { tokenize } from "../../src/parse/lexer.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";
import { exprArb } from "./expr-arbitrary.js";

const SUP: Record<string, string> = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
const sup = (digits: string): string => [...digits].map((d) => SUP[d]).join("");

/**
 * The printed text with integer exponents as superscripts (not `.^`, not
 * `^2.5`, not an exponent with its own postfix: `x^2'` is `x^(2')` but `x²ᵀ`
 * is `(x^2)'`) and `'` as ᵀ.
 */
// `x^0^0` is x^(0^0): its exponents cannot become adjacent superscripts (`x⁰⁰` reads as x^00), so a digit run followed by `^` stays ASCII.
function toUnicode(text: string): string {
  return text
    .replace(/(?<!\.)\^-(\d+)(?![.\deE'[^])/g, (_, d: string) => `⁻${sup(d)}`)
    .replace(/(?<!\.)\^(\d+)(?![.\deE'[^])/g, (_, d: string) => sup(d))
    .replace(/'/g, "ᵀ");
}

function syntaxError(src: string): DeriveError {
  try {
    parseExpr(src);
  } catch (e) {
    expect(e).toBeInstanceOf(DeriveError);
    expect((e as DeriveError).kind).toBe("syntax");
    return e as DeriveError;
  }
  throw new Error(`${src} parsed`);
}

describe("superscripts", () => {
  it.each([
    ["x²", "x^2"],
    ["Xᵀ", "X'"],
    ["X⊤", "X'"],
    ["X⁻¹", "X^-1"],
    ["x¹⁰", "x^10"],
    ["(x + 1)³", "(x + 1)^3"],
    ["2x²", "2 * x^2"],
    ["Aᵀ * B⁻¹ᵀ", "A' * (B^-1)'"],
    ["-x²", "-x^2"],
    ["2^x²", "2^(x^2)"],
    ["x²[1]", "(x^2)[1]"],
    ["xᵀ * x", "x' * x"],
  ])("%s reads as %s and prints as ASCII", (uni, ascii) => {
    const t = parseExpr(uni);
    expect(key(t)).toBe(key(parseExpr(ascii)));
    expect(printExpr(t)).toBe(printExpr(parseExpr(ascii)));
    expect(printExpr(t)).toMatch(/^[\x20-\x7e]*$/);
  });

  it("tokens keep exact positions: the ^ and the exponent span the superscripts", () => {
    const toks = tokenize("ab⁻¹² + Cᵀ");
    expect(toks.map((t) => [t.kind, t.text, t.pos, t.end])).toEqual([
      ["name", "ab", 0, 2],
      ["op", "^", 2, 3],
      ["op", "-", 2, 3],
      ["num", "12", 3, 5],
      ["op", "+", 6, 7],
      ["name", "C", 8, 9],
      ["op", "'", 9, 10],
      ["eof", "", 10, 10],
    ]);
    const t = parseExpr("y + x²");
    expect([t.args[1]!.pos, t.args[1]!.end]).toEqual([4, 6]);
  });

  it("x² = x^2 is proved, with no new scalar assumed", () => {
    const r = equal({ lhs: "x²", rhs: "x^2", seed: 1, samples: 2 });
    expect(r.verdict).toBe("proved");
    expect(JSON.stringify(r)).not.toContain("x²");
  });

  it("Xᵀ and X⁻¹ evaluate as transpose and inverse", () => {
    const t = evaluate({ expr: "Xᵀ", let: ["X: 2 x 2"], at: { X: "[1, 2; 3, 4]" } });
    expect(t.value).toEqual([
      [1, 3],
      [2, 4],
    ]);
    const r = equal({ lhs: "X⁻¹ * X", rhs: "I", let: ["X: n x n invertible"], seed: 1, samples: 2 });
    expect(["proved", "verified"]).toContain(r.verdict);
  });

  it.each([
    ["xᵢ", 1, "x[i]"],
    ["x₁ + 1", 1, "x[i]"],
    ["y + xⁿ", 5, "x^n"],
    ["aʰ", 1, "x_i"],
    ["x⁻ + 1", 1, "X⁻¹"],
  ])("%s is a syntax error at %i with a hint", (src, pos, hint) => {
    const e = syntaxError(src);
    expect(e.position).toBe(pos);
    expect(e.message).toContain(hint);
  });

  it("a super- or subscript is never part of a declared name", () => {
    const r = equal({ lhs: "xᵢ", rhs: "xᵢ", let: ["xᵢ: scalar"], seed: 1, samples: 2 });
    expect(r.verdict).toBe("error");
    expect(r.error!.message).toMatch(/^declaration error at 0: .xᵢ. is not a name/);
  });

  it("property: a printed tree with ᵀ for ' and superscript exponents parses to the same tree", () => {
    fc.assert(
      fc.property(exprArb(false), (t) => {
        const text = printExpr(t);
        expect(key(parseExpr(toUnicode(text)))).toBe(key(parseExpr(text)));
      }),
      { numRuns: 500 },
    );
  });
});
