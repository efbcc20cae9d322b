// The document side of derive annotate, without a browser: blocks keep their
// source lines, every maths syntax is found (and its lines), maths KaTeX
// refuses is kept as its source with the reason and counted, right-to-left
// paragraphs are marked rtl, nothing the document says becomes markup; and
// where a step's mark goes.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/annotate/document.js";
import { covered, parseRange, place } from "../../src/annotate/place.js";

const lines = (...l: string[]): string => l.join("\n") + "\n";

describe("parseDocument", () => {
  it("gives every block its 1-based source lines; a list one block per item", () => {
    const d = parseDocument(lines("# Title", "", "para one", "continues", "", "- a", "- b", "", "1. x", "2. y", "", "```", "code", "```"));
    expect(d.blocks.map((b) => [b.start, b.end])).toEqual([[1, 1], [3, 4], [6, 6], [7, 7], [9, 9], [10, 10], [12, 14]]);
    expect(d.blocks[5]!.html).toMatch(/<ol start="2"/);
    expect(d.lines).toHaveLength(14);
    expect(d.title).toBe("Title");
  });

  it("finds $...$, $$...$$, \\[...\\], \\(...\\) and \\begin{aligned}...\\end{aligned}, with their lines", () => {
    const d = parseDocument(
      lines("text $a$ and", "more $$b$$ \\(c\\) \\[d\\]", "", "$$", "e = f", "$$", "", "\\[ g \\]", "", "\\begin{aligned} h &= i \\\\", "j &= k \\end{aligned}", "prose right after"),
    );
    expect(d.formulas).toBe(7);
    expect(d.failures).toEqual([]);
    expect([...d.mathLines].sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 6, 8, 10, 11]);
    expect(d.blocks.map((b) => [b.start, b.end])).toEqual([[1, 2], [4, 6], [8, 8], [10, 11], [12, 12]]);
    expect(d.blocks[3]!.html).toContain('class="katex-display"');
    // \[ is maths, not an escaped bracket; \$ stays a dollar
    expect(parseDocument("costs \\$5 and \\$6\n").formulas).toBe(0);
  });

  it("a display formula interrupts a paragraph and keeps its own line", () => {
    const d = parseDocument(lines("we have:", "$$x = y$$", "so"));
    expect(d.blocks.map((b) => [b.start, b.end])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it("maths KaTeX refuses is shown as its source with the reason, counted, never dropped", () => {
    const d = parseDocument(lines("fine $x^2$", "", "$$\\frac{1}{2$$", "", "inline $\\left( x$ too"));
    expect(d.formulas).toBe(3);
    expect(d.failures.map((f) => f.line)).toEqual([3, 5]);
    const html = d.blocks.map((b) => b.html).join("");
    expect(html).toContain("\\frac{1}{2");
    expect(html).toContain("\\left( x");
    expect(html.match(/class="math-fallback/g)).toHaveLength(2);
    expect(html).toMatch(/class="math-why"[^>]*>KaTeX: .*Expected/);
    expect(html).not.toContain("katex-error");
  });

  it("a paragraph whose first strong letter is Persian is rtl with lang fa; its maths ltr", () => {
    const d = parseDocument(lines("$x$ گرادیان را بیابید", "", "English $x$ here"));
    expect(d.blocks[0]!.html).toMatch(/^<p dir="rtl" lang="fa">/);
    expect(d.blocks[0]!.html).toContain('<span class="math" dir="ltr">');
    expect(d.blocks[1]!.html).toMatch(/^<p dir="ltr">/);
  });

  it("raw HTML, javascript: links, remote images and \\href stay text", () => {
    const d = parseDocument(lines("<script>alert(1)</script>", "", "[x](javascript:alert(1)) ![i](https://example.com/i.png)", "", "$\\href{javascript:alert(1)}{y}$"));
    const html = d.blocks.map((b) => b.html).join("");
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("property: any text gives blocks inside the document, in order, not overlapping", () => {
    const piece = fc.constantFrom("para", "", "$$x$$", "- item", "# h", "$a$ b", "\\[", "\\]", "$$", "```", "| a |", "|---|", "> q", "گرادیان", "\\begin{aligned}", "\\end{aligned}");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (ls) => {
        const d = parseDocument(ls.join("\n"));
        let last = 0;
        for (const b of d.blocks) {
          expect(b.start).toBeGreaterThan(last);
          expect(b.end).toBeGreaterThanOrEqual(b.start);
          expect(b.end).toBeLessThanOrEqual(Math.max(1, ls.length));
          last = b.end;
        }
        for (const l of d.mathLines) expect(l).toBeLessThanOrEqual(Math.max(1, ls.length));
      }),
      { numRuns: 200 },
    );
  });
});

describe("place", () => {
  const d = parseDocument(lines("a", "", "", "b", "c", "", "d"));
  it("a range goes beside the first block it shares a line with", () => {
    expect(d.blocks.map((b) => [b.start, b.end])).toEqual([[1, 1], [4, 5], [7, 7]]);
    expect(place("5", 7, d.blocks)).toMatchObject({ kind: "placed", block: 1 });
    expect(place("1-4", 7, d.blocks)).toMatchObject({ kind: "placed", block: 0 });
    expect(place("6-7", 7, d.blocks)).toMatchObject({ kind: "placed", block: 2 });
    // blank lines only: the next block
    expect(place("2-3", 7, d.blocks)).toMatchObject({ kind: "placed", block: 1 });
  });
  it("a range past the end is an error for the step, with the reason; no lines is uncited", () => {
    expect(place("7-9", 7, d.blocks)).toMatchObject({ kind: "outside", why: "lines 7-9 lie outside the document (7 lines)" });
    expect(place(null, 7, d.blocks)).toEqual({ kind: "uncited" });
    expect(parseRange("3-2")).toBeNull();
    expect([...covered([{ first: 2, last: 4 }, { first: 4, last: 5 }])]).toEqual([2, 3, 4, 5]);
  });
});
