// Every shipped derivation's sheet, opened in a real Chromium (playwright-core
// driving the system browser, launched once) and compiled by a real xelatex:
// no console error, no request leaving the machine, no .katex-error, one
// data-verdict per checked step equal to `derive check --reporter json` on
// the same seed; Persian prose right-to-left with its maths left-to-right; a
// hostile derivation runs no script and makes TeX run nothing and read
// nothing; one PDF is printed. Never skipped: without Chromium or xelatex
// these tests fail and say what to install.

import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, type CheckReport } from "../../src/runner/check.js";
import { printPdfs } from "../../src/sheets/pdf.js";
import { sheetName, writeSheets } from "../../src/sheets/sheet.js";
import { chromiumOrFail, xelatexOrFail } from "./tools.js";
import { watchedPage } from "./browser.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const SEED = 1;
const SHIPPED = readdirSync(join(ROOT, "derivations")).filter((f) => f.endsWith(".ts")).sort().map((f) => `derivations/${f}`);
const FIXTURES = ["tests/sheets/fixtures/hostile.ts", "tests/sheets/fixtures/persian.ts"];

let out: string;
let report: CheckReport;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const outside: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  const chromium = chromiumOrFail();
  xelatexOrFail();
  out = mkdtempSync(join(tmpdir(), "derive-sheets-"));
  const files = [...SHIPPED, ...FIXTURES];
  const [written] = await Promise.all([
    // a generous per-file timeout: a file cut short on a busy machine would differ between the two runs
    writeSheets({ files, out, formats: ["html", "tex"], seed: SEED, lang: "en", cwd: ROOT, timeout: 900 }),
    check({ files: SHIPPED, seed: SEED, cwd: ROOT, timeout: 900 }).then((r) => (report = r)),
  ]);
  expect(written.written.length).toBe(files.length * 2);
  ({ browser, context, page } = await watchedPage(chromium, { width: 900, height: 1200 }, { consoleErrors, outside, dialogs, pageErrors: true }));
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

describe("HTML sheets in Chromium", () => {
  it("every shipped derivation: no console error, no outside request, no .katex-error, verdicts equal derive check's", async () => {
    expect(report.files.map((f) => f.file)).toEqual(SHIPPED);
    for (const f of report.files) {
      expect(f.error, f.file).toBeNull();
      await open(sheetName(f.file));
      const marks = await page.$$eval("[data-verdict]", (els) =>
        els.map((e) => [e.id, e.getAttribute("data-verdict"), e.getAttribute("data-expected"), e.getAttribute("data-ok")]),
      );
      const checked = f.steps.filter((s) => s.verdict !== "skipped");
      expect(marks, f.file).toEqual(checked.map((s) => [`L${s.line}`, s.verdict, s.expected, String(s.ok)]));
      expect(await page.locator(".katex-error").count(), f.file).toBe(0);
      expect(await page.locator("script").count(), f.file).toBe(0);
      expect(consoleErrors, f.file).toEqual([]);
      expect(outside, f.file).toEqual([]);
      // KaTeX's stylesheet and fonts came from assets/ beside the page
      expect(await page.evaluate("[...document.styleSheets].some((s) => (s.href || '').endsWith('assets/katex/katex.min.css'))"), f.file).toBe(true);
    }
  }, 900_000);

  it("a Persian paragraph is right-to-left, an English one left-to-right, the maths inside left-to-right", async () => {
    await open("persian");
    const dirOf = (sel: string) => page.locator(sel).first().evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { direction: string } }).getComputedStyle(e).direction);
    expect(await dirOf(".prose p[lang=fa]")).toBe("rtl");
    expect(await dirOf(".prose p[dir=ltr]")).toBe("ltr");
    expect(await dirOf(".prose p[lang=fa] .katex")).toBe("ltr");
    expect(await dirOf(".question p[lang=fa]")).toBe("rtl");
    // the steps' data attributes carry the cited lines
    expect(await page.$$eval("[data-verdict]", (els) => els.map((e) => e.getAttribute("data-lines")))).toEqual(["11", "12", "13-14"]);
    expect(consoleErrors).toEqual([]);
  });

  it("a hostile derivation runs no script, opens no dialog, loads nothing from outside", async () => {
    dialogs.length = 0;
    await open("hostile");
    await page.locator("body").hover();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate("window.__pwned === undefined ? null : window.__pwned")).toBeNull();
    expect(outside).toEqual([]);
    expect(await page.locator("script, iframe, img, svg[onload], [onerror], [onload], [onmouseover], [onclick]").count()).toBe(0);
    expect(await page.locator("a[href^='javascript:' i], a[href^='vbscript:' i]").count()).toBe(0);
    // the payload is on the page as text
    expect(await page.locator("body").innerText()).toContain("<script>window.__pwned = 6</script>");
    const html = readFileSync(join(out, "hostile.html"), "utf8");
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("the refuted step, its counterexample and the correction are paired (screenshot for the docs)", async () => {
    await open("000-linear-algebra");
    const pair = page.locator(".pair", { has: page.locator("table.cex") }).first();
    expect(await pair.locator("[data-verdict=refuted]").count()).toBe(1);
    expect(await pair.locator("table.cex").count()).toBe(1);
    expect(await pair.locator(".fix-label").count()).toBe(1);
    const png = join(out, "sheet-refuted.png");
    await pair.screenshot({ path: png });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
    if (process.env.DERIVE_UPDATE_SCREENSHOT === "1") copyFileSync(png, join(ROOT, "docs", "sheet-refuted.png"));
  });

  it("prints one PDF", async () => {
    const pdf = join(out, "one.pdf");
    await printPdfs(chromiumOrFail(), [{ html: join(out, "persian.html"), pdf }]);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(5000);
  });

  it("the same files and seed give byte-identical HTML and TeX", async () => {
    const again = mkdtempSync(join(tmpdir(), "derive-sheets-again-"));
    try {
      await writeSheets({ files: FIXTURES, out: again, formats: ["html", "tex"], seed: SEED, lang: "en", cwd: ROOT });
      for (const n of ["hostile.html", "hostile.tex", "persian.html", "persian.tex"]) {
        expect(readFileSync(join(again, n)).equals(readFileSync(join(out, n))), n).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe("TeX sheets in xelatex", () => {
  it("every .tex compiles with xelatex -no-shell-escape; the hostile one runs nothing and reads no outside file", async () => {
    const names = [...SHIPPED, ...FIXTURES].map(sheetName);
    const failures: string[] = [];
    // two at a time: the machine is shared
    for (let i = 0; i < names.length; i += 2) {
      await Promise.all(
        names.slice(i, i + 2).map(async (n) => {
          try {
            await run("xelatex", ["-no-shell-escape", "-recorder", "-interaction=nonstopmode", "-halt-on-error", `${n}.tex`], { cwd: out, timeout: 120_000 });
          } catch (e) {
            const log = existsSync(join(out, `${n}.log`)) ? readFileSync(join(out, `${n}.log`), "utf8") : String(e);
            failures.push(`${n}: ${/^!.*$/m.exec(log)?.[0] ?? "failed"}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    for (const n of names) expect(existsSync(join(out, `${n}.pdf`)), n).toBe(true);
    const fls = readFileSync(join(out, "hostile.fls"), "utf8");
    expect(fls).not.toMatch(/passwd/);
    const inputs = fls.split("\n").filter((l) => l.startsWith("INPUT ")).map((l) => l.slice(6));
    // everything read is TeX Live's own, a system font, or the sheet itself
    for (const p of inputs) expect(p, p).toMatch(/^(\/usr\/share\/|\/etc\/texmf\/|\/var\/lib\/texmf\/|\/usr\/local\/share\/|hostile\.|.*\/hostile\.|\.\/hostile\.)/);
    const log = readFileSync(join(out, "hostile.log"), "utf8");
    expect(log).not.toMatch(/runsystem/);
  }, 900_000);

  it("--lang fa: the page is right-to-left, its maths left-to-right, and its .tex compiles", async () => {
    const fa = join(out, "fa");
    await writeSheets({ files: FIXTURES, out: fa, formats: ["html", "tex"], seed: SEED, lang: "fa", cwd: ROOT, timeout: 900 });
    await page.goto(pathToFileURL(join(fa, "persian.html")).href);
    expect(await page.locator("html").evaluate((e) => [e.getAttribute("lang"), e.getAttribute("dir")])).toEqual(["fa", "rtl"]);
    expect(await page.locator(".step .katex").first().evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { direction: string } }).getComputedStyle(e).direction)).toBe("ltr");
    expect(await page.locator(".summary").innerText()).toContain("گام");
    for (const n of ["persian", "hostile"]) {
      await run("xelatex", ["-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", `${n}.tex`], { cwd: fa, timeout: 120_000 });
      expect(existsSync(join(fa, `${n}.pdf`)), n).toBe(true);
    }
  }, 900_000);
});
