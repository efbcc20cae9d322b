// The example solution (docs/examples/annotate-solution.md, Persian and
// English, one wrong step with its correction, one malformed formula on
// purpose) annotated with its derivation file and opened in a real Chromium
// (the sheets' browser helper): the marks are derive check's verdicts on the
// same seed, the wrong step's mark sits beside its lines, the malformed
// formula is the only one shown as source, no request leaves the machine,
// Persian paragraphs are rtl, no console error, a mark shows its claim on
// hover with CSS alone; a hostile document runs nothing; a PDF prints; the
// same inputs give the same bytes. Never skipped: without Chromium this fails
// and says what to install.

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnnotateResult, writeAnnotation } from "../../src/annotate/annotate.js";
import { check, type CheckReport } from "../../src/runner/check.js";
import { chromiumOrFail } from "../sheets/tools.js";
import { watchedPage } from "../sheets/browser.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SEED = 1;
const DOC = "docs/examples/annotate-solution.md";
const FILES = ["docs/examples/annotate-solution.ts"];
const HOSTILE = "tests/annotate/fixtures/hostile.md";
const HOSTILE_FILES = ["tests/annotate/fixtures/hostile.ts"];

let out: string;
let report: CheckReport;
let example: AnnotateResult;
let hostile: AnnotateResult;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const outside: string[] = [];
const dialogs: string[] = [];

type Styled = { getComputedStyle(e: unknown): { direction: string; display: string } };

beforeAll(async () => {
  const chromium = chromiumOrFail();
  out = mkdtempSync(join(tmpdir(), "derive-annotate-"));
  [example, report] = await Promise.all([
    writeAnnotation({ doc: DOC, files: FILES, out, formats: ["html"], seed: SEED, cwd: ROOT, timeout: 900 }),
    check({ files: FILES, seed: SEED, cwd: ROOT, timeout: 900 }),
  ]);
  hostile = await writeAnnotation({ doc: HOSTILE, files: HOSTILE_FILES, out, formats: ["html"], seed: SEED, cwd: ROOT, timeout: 900 });
  ({ browser, context, page } = await watchedPage(chromium, { width: 1300, height: 1000 }, { consoleErrors, outside, dialogs, pageErrors: true }));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (out) rmSync(out, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
});

async function open(name: string): Promise<void> {
  consoleErrors.length = 0;
  outside.length = 0;
  await page.goto(pathToFileURL(join(out, `${name}.html`)).href, { waitUntil: "load" });
}

describe("the annotated example in Chromium", () => {
  it("one mark per checked step, equal to derive check --reporter json on the same seed", async () => {
    expect(example.exit).toBe(0);
    await open("annotate-solution");
    const marks = await page.$$eval("[data-verdict]", (els) =>
      els.map((e) => [e.getAttribute("data-step"), e.getAttribute("data-verdict"), e.getAttribute("data-ok"), e.getAttribute("data-lines")]),
    );
    const steps = report.files.flatMap((f) => f.steps.filter((s) => s.verdict !== "skipped").map((s) => [`${f.file}:${s.line}`, s.verdict, String(s.ok), s.lines]));
    expect(steps.length).toBe(8);
    expect(marks.slice().sort()).toEqual(steps.slice().sort());
    // every mark is in the margin of a row (none was left unplaced)
    expect(await page.locator(".margin [data-verdict]").count()).toBe(8);
    expect(await page.locator("[data-count=steps] dd").innerText()).toBe("8");
    expect(await page.locator("[data-count=katex-failed] dd").innerText()).toBe("1");
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.evaluate("[...document.styleSheets].some((s) => (s.href || '').endsWith('assets/katex/katex.min.css'))")).toBe(true);
  });

  it("the wrong step's mark sits beside its lines, with its note, counterexample and correction", async () => {
    await open("annotate-solution");
    const wrong = page.locator("[data-verdict=refuted]");
    expect(await wrong.count()).toBe(1);
    expect(await wrong.getAttribute("data-lines")).toBe("13");
    const row = page.locator(".row", { has: wrong });
    expect(await row.getAttribute("data-src")).toBe("13");
    expect(await row.locator(".body").innerText()).toContain("2AX");
    const m = (await wrong.boundingBox())!;
    const b = (await row.locator(".body").boundingBox())!;
    // beside: to the right of the text, and overlapping it vertically
    expect(m.x).toBeGreaterThanOrEqual(b.x + b.width);
    expect(m.y).toBeLessThan(b.y + b.height);
    expect(m.y + m.height).toBeGreaterThan(b.y);
    expect(await wrong.locator(".note").innerText()).toContain("symmetric A");
    expect(await wrong.locator("table.cex").count()).toBe(1);
    expect(await wrong.locator(".correction .katex").count()).toBe(1);
    // the correction is marked too, beside its own lines (15-17 -> the block at 15)
    expect(await page.locator("[data-lines='15-17']").getAttribute("data-verdict")).toBe("proved");
  });

  it("exactly one formula shown as source (the malformed one), no .katex-error", async () => {
    await open("annotate-solution");
    const fallback = page.locator(".math-fallback");
    expect(await fallback.count()).toBe(1);
    expect(await fallback.locator(".math-source").innerText()).toBe("\\sigma(0) = \\frac{1}{2");
    expect(await fallback.locator(".math-why").innerText()).toMatch(/KaTeX: /);
    expect(await page.locator(".row", { has: fallback }).getAttribute("data-src")).toBe("29");
    expect(await page.locator(".katex-error").count()).toBe(0);
  });

  it("Persian paragraphs are rtl, English ones ltr, maths ltr inside", async () => {
    await open("annotate-solution");
    const dir = (sel: string) => page.locator(sel).first().evaluate((e) => (globalThis as unknown as Styled).getComputedStyle(e).direction);
    expect(await dir("#line-5 p")).toBe("rtl");
    expect(await dir("#line-5 p .katex")).toBe("ltr");
    expect(await dir("#line-21 p")).toBe("ltr");
    expect(await dir("#line-32 li, #line-32 p")).toBe("rtl");
  });

  it("hovering or focusing a mark shows the claim as checked and its file:line (CSS only)", async () => {
    await open("annotate-solution");
    const mark = page.locator("[data-lines='9']");
    const pop = mark.locator(".pop");
    expect(await pop.isVisible()).toBe(false);
    await mark.hover();
    expect(await pop.isVisible()).toBe(true);
    expect(await pop.innerText()).toContain("docs/examples/annotate-solution.ts:11");
    await page.mouse.move(0, 0);
    await mark.focus();
    expect(await pop.isVisible()).toBe(true);
  });

  it("a screenshot of the annotated Persian page (for docs/sheets.md)", async () => {
    await open("annotate-solution");
    await page.locator("#line-13 .mark").hover();
    const png = join(out, "annotate-persian.png");
    await page.locator(".document").screenshot({ path: png });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
    if (process.env.DERIVE_UPDATE_SCREENSHOT === "1") copyFileSync(png, join(ROOT, "docs", "annotate-persian.png"));
  });

  it("a hostile document runs nothing, opens no dialog, loads nothing from outside", async () => {
    dialogs.length = 0;
    await open("hostile");
    await page.locator("body").hover();
    for (const m of await page.locator(".mark").all()) await m.hover();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate("window.__pwned === undefined ? null : window.__pwned")).toBeNull();
    expect(outside).toEqual([]);
    expect(await page.locator("script, iframe, img, svg[onload], [onerror], [onload], [onmouseover], [onclick]").count()).toBe(0);
    expect(await page.locator("a[href^='javascript:' i], a[href^='vbscript:' i]").count()).toBe(0);
    expect(await page.locator("body").innerText()).toContain("<script>window.__pwned = 2</script>");
    expect(readFileSync(join(out, "hostile.html"), "utf8")).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("a step citing lines outside the document is an error for that step, listed at the top; the others are marked", async () => {
    expect(hostile.exit).toBe(1);
    await open("hostile");
    const bad = page.locator(".unplaced.outside [data-verdict]");
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute("data-verdict")).toBe("error");
    expect(await bad.getAttribute("data-ok")).toBe("false");
    expect(await bad.getAttribute("data-lines")).toBe("90-95");
    expect(await bad.innerText()).toContain("outside the document");
    expect(await page.locator(".margin [data-verdict]").count()).toBe(2);
  });

  it("--format html and pdf: a PDF printed by Chromium, and the same inputs give byte-identical HTML", async () => {
    const again = mkdtempSync(join(tmpdir(), "derive-annotate-again-"));
    try {
      const r = await writeAnnotation({ doc: DOC, files: FILES, out: again, formats: ["html", "pdf"], seed: SEED, cwd: ROOT, timeout: 900 });
      expect(r.written).toEqual([join(again, "annotate-solution.html"), join(again, "annotate-solution.pdf")]);
      const bytes = readFileSync(join(again, "annotate-solution.pdf"));
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(bytes.length).toBeGreaterThan(5000);
      expect(readFileSync(join(again, "annotate-solution.html")).equals(readFileSync(join(out, "annotate-solution.html")))).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 300_000);
});
