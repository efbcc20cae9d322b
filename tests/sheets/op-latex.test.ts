// Deep-learning notation for the size and count operators on a sheet:
// convout as the output-size formula, convparams as the parameter count,
// reshape with its new dimensions as a subscript. The typeset formula must
// say what the operator computes: for random integer arguments the LaTeX,
// read back as arithmetic, equals the operator's value.

import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { convOut } from "../../src/core/conv.js";
import "../../src/ops/registry.js";
import { parseExpr } from "../../src/parse/parser.js";
import { toLatex } from "../../src/render/latex.js";

const latexOf = (text: string): string => toLatex(parseExpr(text, { isVariable: (n) => n.length <= 2 }));

/** The arithmetic of a numeric formula in the forms these operators print, as a number. */
function readBack(tex: string): number {
  let js = tex;
  // \frac{a}{b} -> ((a)/(b)), innermost first
  for (let before = ""; before !== js; ) {
    before = js;
    js = js.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/, "(($1)/($2))");
  }
  js = js
    .replace(/\\left\\lfloor/g, "Math.floor(")
    .replace(/\\right\\rfloor/g, ")")
    .replace(/\\left\(/g, "(")
    .replace(/\\right\)/g, ")")
    .replace(/\\cdot/g, "*")
    .replace(/\\,/g, "*")
    .replace(/(\d)\s+\(/g, "$1*(");
  expect(js, tex).toMatch(/^[\d\s+\-*/().Mathflor]*$/);
  return Function(`return (${js});`)() as number;
}

const renders = (tex: string): void => void katex.renderToString(tex, { throwOnError: true, trust: false, strict: "ignore" });

describe("convout, convparams, reshape in LaTeX", () => {
  it("convout is the output-size formula ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1, with the vanishing terms left out", () => {
    expect(latexOf("convout(n, k, s, p)")).toBe(String.raw`\left\lfloor \frac{n + 2 p - k}{s} \right\rfloor + 1`);
    expect(latexOf("convout(n, k, s, p, d)")).toBe(String.raw`\left\lfloor \frac{n + 2 p - d \left(k - 1\right) - 1}{s} \right\rfloor + 1`);
    expect(latexOf("convout(n, k)")).toBe("n - k + 1");
    expect(latexOf("convout(13, 3, 1, 1)")).toBe(String.raw`13 + 2 \cdot 1 - 3 + 1`);
    expect(latexOf("convout(n, k, s, p + 1)")).toContain(String.raw`2 \left(p + 1\right)`);
    // inside a product it is one parenthesised unit
    expect(latexOf("2 * convout(n, k, s, p)")).toMatch(/^2 \\, \\left\(\\left\\lfloor .* \+ 1\\right\)$/);
  });

  it("convout's LaTeX, read back as arithmetic, equals the operator for random integer arguments", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 5 }), (n, k, s, p, d, arity) => {
        fc.pre(n + 2 * p >= d * (k - 1) + 1);
        const args = [n, k, s, p, d].slice(0, arity);
        const [S, P, D] = [arity > 2 ? s : 1, arity > 3 ? p : 0, arity > 4 ? d : 1];
        const tex = latexOf(`convout(${args.join(", ")})`);
        renders(tex);
        expect(readBack(tex), tex).toBe(convOut(n, k, S, P, D));
      }),
      { numRuns: 300 },
    );
  });

  it("convparams is c_out (c_in k + 1), or c_out c_in k without bias; read back it is the count", () => {
    expect(latexOf("convparams(c, d, k)")).toBe(String.raw`d \, \left(c \, k + 1\right)`);
    expect(latexOf("convparams(c, d, k, 0)")).toBe(String.raw`d \, c \, k`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom(0, 1, null), (cin, cout, kh, kw, bias) => {
        const tex = latexOf(`convparams(${cin}, ${cout}, ${kh} * ${kw}${bias === null ? "" : `, ${bias}`})`);
        renders(tex);
        expect(readBack(tex), tex).toBe(cout * (cin * kh * kw + (bias ?? 1)));
      }),
      { numRuns: 200 },
    );
  });

  it("reshape shows its new dimensions as a subscript; perchannel stays a named operator", () => {
    expect(latexOf("reshape(X, n, m, 2)")).toBe(String.raw`\operatorname{reshape}_{n \times m \times 2}\left(X\right)`);
    expect(latexOf("perchannel(b, Y)")).toBe(String.raw`\operatorname{perchannel}\left(b, Y\right)`);
    renders(latexOf("reshape(X, n, m, 2)'"));
  });
});
