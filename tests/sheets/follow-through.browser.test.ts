// Issue 15 parts 4 and 5 on sheets and annotated documents, in a real
// Chromium and a real xelatex: a refuted step checked again with the author's
// earlier number shows `p.carried` ("Error carried forward: consistent with
// the value at line k (z = 0.35)", its verdict and the line it came from in
// data-carried and data-from), a shape error one transpose repairs shows `p.shape-slip`
// ("Shape slip: the transpose of W_1 fits: ... (then proved)", data-then); the words
// say what each is, so it reads without colour. Steps right against the truth
// show neither. A hostile message is text in the HTML and in xelatex. Never skipped.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnnotateResult, writeAnnotation } from "../../src/annotate/annotate.js";
import { type CheckReport, check } from "../../src/runner/check.js";
import type { DerivationInfo } from "../../src/dsl/describe.js";
import type { StepOutcome } from "../../src/dsl/run.js";
import { sheetHtml } from "../../src/sheets/html.js";
import { buildModel } from "../../src/sheets/model.js";
import { writeSheets } from "../../src/sheets/sheet.js";
import { sheetTex } from "../../src/sheets/tex.js";
import { watchedPage } from "./browser.js";
import { chromiumOrFail, xelatexOrFail } from "./tools.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const SEED = 1;
const FIXTURE = "tests/sheets/fixtures/follow-through.ts";
const DOC = "tests/sheets/fixtures/follow-through.md";
/** every character TeX or HTML treats specially, and the commands a hostile string would try */
const HOSTILE = `<img src=x onerror="window.__pwned=1"> \\input{/etc/passwd} \\write18{touch pwned} & % $ # _ { } ~ ^ \\ </p><script>window.__pwned=2</script>`;

let out: string;
let report: CheckReport;
let annotated: AnnotateResult;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const outside: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  const chromium = chromiumOrFail();
  xelatexOrFail();
  out = mkdtempSync(join(tmpdir(), "derive-follow-"));
  const [written] = await Promise.all([
    writeSheets({ files: [FIXTURE], out, formats: ["html", "tex"], seed: SEED, lang: "en", cwd: ROOT, timeout: 900 }),
    check({ files: [FIXTURE], seed: SEED, cwd: ROOT, timeout: 900 }).then((r) => (report = r)),
  ]);
  expect(written.written.length).toBe(2);
  // its own directory: the document and the sheet would both be follow-through.html
  annotated = await writeAnnotation({ doc: DOC, files: [FIXTURE], out: join(out, "annotate"), formats: ["html"], seed: SEED, cwd: ROOT, timeout: 900 });
  ({ browser, page } = await watchedPage(chromium, { width: 1300, height: 1000 }, { consoleErrors, outside, dialogs, pageErrors: true }));
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

/** What derive check said of each step: [verdict, carried message (under a refuted step), shape slip]. */
const said = (s: CheckReport["files"][number]["steps"][number]) => ({
  carried: s.carried && s.verdict === "refuted" ? { verdict: s.carried.verdict, from: `L${s.carried.from[0]!.line}`, message: s.carried.message } : null,
  slip: s.shapeSlip ? { verdict: s.shapeSlip.verdict, message: s.shapeSlip.message } : null,
});

type Shown = { carried: { verdict: string | null; from: string | null; message: string | null } | null; slip: { verdict: string | null; message: string | null } | null };

/** What an element (a sheet's step or an annotate mark) shows of the follow-through. */
async function shown(where: ReturnType<Page["locator"]>): Promise<Shown> {
  return where.evaluate((el) => {
    const c = el.querySelector("p.carried");
    const s = el.querySelector("p.shape-slip");
    return {
      carried: c ? { verdict: c.getAttribute("data-carried"), from: c.getAttribute("data-from"), message: c.querySelector(".message")?.textContent ?? null } : null,
      slip: s ? { verdict: s.getAttribute("data-then"), message: s.querySelector(".message")?.textContent ?? null } : null,
    };
  });
}

describe("error carried forward and shape slips on a sheet", () => {
  it("each step shows what derive check said of it, in words; the others show nothing", async () => {
    await open("follow-through");
    const steps = report.files[0]!.steps;
    expect(steps.map((s) => s.verdict)).toEqual(["refuted", "refuted", "refuted", "proved", "error"]);
    // the fixture has each case: consistent, refuted both ways, a shape slip, and steps with none
    expect(steps.map((s) => said(s).carried?.verdict ?? null)).toEqual([null, "proved", "refuted", null, null]);
    expect(said(steps[4]!).slip).toEqual({ verdict: "proved", message: "the transpose of W_1 fits: W_1' * h = (h' * W_1)'" });
    for (const s of steps) expect(await shown(page.locator(`#L${s.line}`)), `L${s.line}`).toEqual(said(s));
    // readable without colour: the label and the verdict are words
    expect(await page.locator(`#L${steps[1]!.line} p.carried`).innerText()).toBe("Error carried forward: consistent with the value at line 10 (z = 0.35)");
    expect(await page.locator(`#L${steps[4]!.line} p.shape-slip`).innerText()).toBe("Shape slip: the transpose of W_1 fits: W_1' * h = (h' * W_1)' (then proved)");
    expect(await page.locator("p.carried:visible, p.shape-slip:visible").count()).toBe(3);
    // data-verdict stays the steps' own: one per step, as sheets.browser.test.ts reads them
    expect(await page.$$eval("[data-verdict]", (els) => els.map((e) => e.id))).toEqual(steps.map((s) => `L${s.line}`));
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("the sheet's .tex carries both (escaped) and compiles with xelatex", async () => {
    const tex = readFileSync(join(out, "follow-through.tex"), "utf8");
    expect(tex).toContain("\\textbf{Error carried forward:} consistent with the value at line 10 (z = 0.35)");
    expect(tex).toContain("\\textbf{Shape slip:} the transpose of W\\_1 fits");
    await run("xelatex", ["-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "follow-through.tex"], { cwd: out, timeout: 120_000 });
    expect(existsSync(join(out, "follow-through.pdf"))).toBe(true);
  }, 300_000);

  it("a hostile carried message, shape slip and step text are text in the HTML and in xelatex (no script, no \\input, no shell)", async () => {
    const steps: StepOutcome[] = report.files[0]!.steps.map((s) => ({
      ...s,
      claim: HOSTILE,
      file: join(ROOT, FIXTURE),
      note: null,
      kind: "claim",
      ms: 0,
      ...(s.carried ? { carried: { ...s.carried, message: HOSTILE } } : {}),
      ...(s.shapeSlip ? { shapeSlip: { ...s.shapeSlip, message: HOSTILE } } : {}),
    }));
    const d: DerivationInfo = { title: steps[0]!.derivation, source: null, question: null, lines: null, let: {}, names: [], texts: [], prose: [] };
    const e: DerivationInfo = { ...d, title: steps[4]!.derivation };
    const model = buildModel(FIXTURE, SEED, [d, e], steps, null);
    writeFileSync(join(out, "hostile-follow.html"), sheetHtml(model, "hostile", "en"));
    writeFileSync(join(out, "hostile-follow.tex"), sheetTex(model, "hostile", "en"));
    dialogs.length = 0;
    await open("hostile-follow");
    await page.locator("body").hover();
    expect(dialogs).toEqual([]);
    expect(await page.evaluate("window.__pwned === undefined ? null : window.__pwned")).toBeNull();
    expect(await page.locator("script, img, [onerror]").count()).toBe(0);
    expect(await page.locator("p.carried .message, p.shape-slip .message").allInnerTexts()).toEqual([HOSTILE, HOSTILE, HOSTILE]);
    // the claim does not parse: shown as its source, as text
    expect(await page.locator("pre.claim-source").allInnerTexts()).toEqual(steps.map(() => HOSTILE));
    await run("xelatex", ["-no-shell-escape", "-recorder", "-interaction=nonstopmode", "-halt-on-error", "hostile-follow.tex"], { cwd: out, timeout: 120_000 });
    expect(existsSync(join(out, "hostile-follow.pdf"))).toBe(true);
    expect(readFileSync(join(out, "hostile-follow.fls"), "utf8")).not.toMatch(/passwd/);
    expect(existsSync(join(out, "pwned"))).toBe(false);
    expect(readFileSync(join(out, "hostile-follow.log"), "utf8")).not.toMatch(/runsystem/);
  }, 300_000);
});

describe("error carried forward and shape slips in an annotated document's margin", () => {
  it("each mark shows what derive check said of its step, without hovering", async () => {
    expect(annotated.exit).toBe(0);
    await open("annotate/follow-through");
    const steps = report.files[0]!.steps;
    for (const s of steps) {
      const mark = page.locator(`.margin [data-step="${report.files[0]!.file}:${s.line}"]`);
      expect(await mark.count(), `L${s.line}`).toBe(1);
      expect(await shown(mark), `L${s.line}`).toEqual(said(s));
    }
    expect(await page.locator(".margin p.carried:visible, .margin p.shape-slip:visible").count()).toBe(3);
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
