// Answer sheets without a browser or TeX: the DSL additions (text, question,
// lines), claim and declaration LaTeX (KaTeX must accept it), escaping for
// TeX, the allow-list for prose maths, and the HTML's attributes.

import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { derivation } from "../../src/dsl/derivation.js";
import { claimTextLatex, declarationLatex, letLatex } from "../../src/render/claim-latex.js";
import { parseDeclarations } from "../../src/parse/declarations.js";
import { printExpr } from "../../src/parse/print.js";
import { mathAllowed, texText } from "../../src/sheets/tex-escape.js";
import { markdownHtml } from "../../src/sheets/markdown.js";
import { directionOf } from "../../src/sheets/direction.js";
import { counterexampleOf } from "../../src/sheets/counterexample.js";
import { exprArb } from "../parse/expr-arbitrary.js";

const renders = (tex: string): void => {
  katex.renderToString(tex, { throwOnError: true, trust: false, strict: "ignore" });
};

describe("DSL additions", () => {
  it("d.text records prose between steps and is not a step; question and lines are kept", () => {
    const d = derivation("t", { question: "Find $x$.", lines: "10-12" }, (b) => {
      b.step("1 + 1 = 2");
      b.text("then **this**");
      b.step("2 + 2 = 4", { lines: "11" });
    });
    expect(d.entries.map((e) => e.kind)).toEqual(["claim", "claim"]);
    expect(d.texts.map((t) => [t.markdown, t.before])).toEqual([["then **this**", 1]]);
    expect([d.question, d.lines]).toEqual(["Find $x$.", "10-12"]);
    expect(d.entries[1]!.opts.lines).toBe("11");
  });

  it("a step with bad lines is an error at its own line; the others still run", () => {
    for (const bad of ["0", "12-3", "abc", "1-", " 5", 5 as unknown as string]) {
      const d = derivation("t", (b) => {
        b.step("1 + 1 = 2", { lines: bad });
        b.step("2 + 2 = 4");
      });
      expect(d.entries.map((e) => e.kind), String(bad)).toEqual(["error", "claim"]);
      expect(d.entries[0]!.kind === "error" && d.entries[0]!.message).toMatch(/lines/);
    }
  });

  it("bad lines or question on a derivation throw at the call (the file fails to load with its line)", () => {
    expect(() => derivation("t", { lines: "9-1" }, () => {})).toThrow(/lines/);
    expect(() => derivation("t", { question: 3 as unknown as string }, () => {})).toThrow(/question/);
  });

  it("d.text with a non-string is an error entry", () => {
    const d = derivation("t", (b) => b.text(1 as unknown as string));
    expect(d.entries[0]!.kind).toBe("error");
  });
});

describe("claim and declaration LaTeX", () => {
  it("typesets relations, tolerances, asymptotics, proportionality and where clauses", () => {
    const cases: [string, RegExp][] = [
      ["sigmoid(0.6) ≈ 0.65 ± 0.005", /\\approx .* \\pm /],
      ["1 - cos(x) ≈ x^2 / 2 as x -> 0", /\\text\{as \} x \\to 0/],
      ["0 <= sigmoid(t) <= 1", /\\le .* \\le /],
      ["3 * w' * w ∝ w' * w in w", /\\propto .*\\text\{in \} w/],
      ["tr(X' * A * X) = t1 where t1 = tr(A * X * X')", /\\text\{where \} t_\{1\} = /],
      ["grad(logdet(X), X) = inv(X)'", /\\nabla_\{X\}.*\^\{-1\}/],
    ];
    for (const [claim, re] of cases) {
      const tex = claimTextLatex(claim);
      expect(tex, claim).toMatch(re);
      renders(tex);
    }
  });

  it("typesets declarations in Matrix Cookbook style", () => {
    const one = (s: string): string => declarationLatex(parseDeclarations(s)[0]!);
    expect(one("X: n x m")).toBe("X \\in \\mathbb{R}^{n \\times m}");
    expect(one("x: n")).toBe("x \\in \\mathbb{R}^{n}");
    expect(one("A: n x n spd")).toContain("\\text{ symmetric positive definite}");
    expect(one("b: scalar in (0, 1)")).toBe("b \\in (0, 1)");
    expect(one("w: n ~ normal(0, s2)")).toContain("\\text{entries iid} \\sim \\mathcal{N}");
    // a subscripted name takes no second subscript (TeX refuses a double subscript)
    expect(one("A1: scalar ~ normal(0, 1)")).toBe("A_{1} \\in \\mathbb{R}, \\ A_{1} \\sim \\mathcal{N}\\left(0, 1\\right)");
    for (const t of letLatex({ X: "n x m", A: "n x n spd", t: "integer in [1, 50]", d: "n ~ bernoulli(p)" })) renders(t);
  });

  it("random claims over random trees render in KaTeX", () => {
    const rel = fc.constantFrom("=", "≈", "<", "<=", ">", ">=");
    fc.assert(
      fc.property(exprArb(false, 3), rel, exprArb(false, 3), (a, r, b) => {
        const text = `${printExpr(a)} ${r} ${printExpr(b)}`;
        let tex: string;
        try {
          tex = claimTextLatex(text);
        } catch {
          return; // a printed tree that is not a claim (e.g. contains a relation) is not this test's business
        }
        expect(() => renders(tex), `${text} -> ${tex}`).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});

describe("TeX escaping", () => {
  it("leaves no control sequence from user text but the printing ones", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."\\{}$&#%_^~ax \n\u202E^^5c"), maxLength: 60 }), (s) => {
        const t = texText(s);
        const commands = [...t.matchAll(/\\([A-Za-z]+|.)/g)].map((m) => m[1]);
        for (const c of commands) expect(["textbackslash", "textasciicircum", "textasciitilde", "hspace", "{", "}", "$", "&", "#", "%", "_"]).toContain(c);
        expect(t).not.toMatch(/\^\^/);
        expect(t).not.toMatch(/\u202E/);
      }),
    );
  });

  it("prose maths reaches TeX only when plain", () => {
    for (const ok of ["x^2", "\\frac{a}{b}", "\\operatorname{tr}(X^\\top A X)", "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}", "\\mathbb{E}[x]"]) expect(mathAllowed(ok), ok).toBe(true);
    for (const bad of ["\\input{/etc/passwd}", "^^5cinput{/etc/passwd}", "\\def\\x{1}", "\\catcode`\\^=7", "\\href{javascript:x}{y}", "\\write18{id}", "x % y", "\\begin{verbatim}", "\\end{document}", "\\csname input\\endcsname", "{", "a & b"]) {
      expect(mathAllowed(bad), bad).toBe(false);
    }
  });
});

describe("prose in HTML", () => {
  it("drops raw HTML, images and javascript: links; renders $maths$ with KaTeX", () => {
    const html = markdownHtml("<script>alert(1)</script> [a](javascript:alert(1)) ![i](http://example.com/i.png) $x^2$ <b onclick=x>b</b>");
    expect(html).not.toMatch(/<script|<b |<img|href="javascript/i);
    expect(html).toContain('class="katex"');
    expect(html).toContain("&lt;script&gt;");
  });

  it("sets each paragraph's direction by its first strong letter, maths skipped", () => {
    expect(directionOf("$x$ برابر است")).toBe("rtl");
    expect(directionOf("The value $x$")).toBe("ltr");
    const html = markdownHtml("این $x$ است\n\nHello");
    expect(html).toMatch(/<p dir="rtl" lang="fa">/);
    expect(html).toMatch(/<p dir="ltr">Hello/);
    expect(html).toMatch(/<span class="math" dir="ltr">/);
  });

  it("reads a counterexample back into dimensions, values and both sides", () => {
    const c = counterexampleOf("refuted (= fails): at n = 2; A = [1, 2; 3, 4]; t = 0.5: lhs = [1, 0; 0, 1], rhs = [2, 0; 0, 2] (note: x)", new Set(["n"]))!;
    expect(c.dims).toEqual([["n", "2"]]);
    expect(c.values).toEqual([["A", "[1, 2; 3, 4]"], ["t", "0.5"]]);
    expect([c.lhs, c.rhs]).toEqual(["[1, 0; 0, 1]", "[2, 0; 0, 2]"]);
  });
});
