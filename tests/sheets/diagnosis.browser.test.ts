// Issue 15 part 6 in sheets and annotated documents, in a real Chromium and a
// real xelatex: a refuted step's frame shows its likely slips (`.diagnosis`
// with `data-kind`, the kinds and messages derive check gives on the same
// seed) and a table of the entries where its sides differ, the differing cells
// highlighted (`td.differs` with `data-index`, bold, so it reads without
// colour); a refuted step without a diagnosis and a step that holds show
// neither. The annotated example's wrong step shows its diagnosis in its
// margin mark. Diagnoses are escaped: a hostile message is text in the HTML
// and compiles as text in xelatex, reading no outside file. Never skipped.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
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
const FIXTURE = "tests/sheets/fixtures/diagnosis.ts";
const DOC = "docs/examples/annotate-solution.md";
const DOC_FILES = ["docs/examples/annotate-solution.ts"];
/** every character TeX or HTML treats specially, and the commands a hostile string would try */
const HOSTILE = `<img src=x onerror="window.__pwned=1"> \\input{/etc/passwd} \\write18{touch pwned} & % $ # _ { } ~ ^ \\ </li></ul><script>window.__pwned=2</script>`;

let out: string;
let report: CheckReport;
let docReport: CheckReport;
let annotated: AnnotateResult;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const outside: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  const chromium = chromiumOrFail();
  xelatexOrFail();
  out = mkdtempSync(join(tmpdir(), "derive-diagnosis-"));
  const [written] = await Promise.all([
    writeSheets({ files: [FIXTURE], out, formats: ["html", "tex"], seed: SEED, lang: "en", cwd: ROOT, timeout: 900 }),
    check({ files: [FIXTURE], seed: SEED, cwd: ROOT, timeout: 900 }).then((r) => (report = r)),
    check({ files: DOC_FILES, seed: SEED, cwd: ROOT, timeout: 900 }).then((r) => (docReport = r)),
  ]);
  expect(written.written.length).toBe(2);
  annotated = await writeAnnotation({ doc: DOC, files: DOC_FILES, out, formats: ["html"], seed: SEED, cwd: ROOT, timeout: 900 });
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

/** The indices of a step's differing entries as the table shows them ("i,j"), for a point of at most 12 differing entries. */
const expectedIndices = (s: Pick<StepOutcome, "counterexample">): string[] => (s.counterexample?.entries?.shown ?? []).map((e) => e.index.join(",")).sort();

describe("diagnoses and differing entries on a sheet", () => {
  it("each refuted step shows derive check's diagnoses and its differing entries highlighted; other steps show neither", async () => {
    await open("diagnosis");
    const steps = report.files[0]!.steps;
    expect(steps.map((s) => s.verdict)).toEqual(["refuted", "refuted", "refuted", "proved"]);
    // the fixture exercises both cases: a refuted step with diagnoses and one without
    expect(steps[0]!.diagnoses.map((d) => d.kind)).toContain("property");
    expect(steps[1]!.diagnoses).toEqual([]);
    for (const s of steps) {
      const step = page.locator(`#L${s.line}`);
      const shown = await step.locator(".diagnosis").evaluateAll((els) => els.map((e) => [e.getAttribute("data-kind"), e.querySelector(".message")?.textContent ?? null]));
      expect(shown, `L${s.line}`).toEqual(s.diagnoses.map((d) => [d.kind, d.message]));
      const cells = await step.locator("table.entries .differs").evaluateAll((els) => els.map((e) => e.getAttribute("data-index")!).sort());
      expect(cells, `L${s.line}`).toEqual(expectedIndices(s));
    }
    const first = page.locator(`#L${steps[0]!.line}`);
    expect(await first.locator(".diagnosis[data-kind=property]").innerText()).toContain("holds when A is symmetric");
    // highlighted without colour: the differing cells are bold, the others show a dot
    const weight = await first.locator("td.differs").first().evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontWeight: string } }).getComputedStyle(e).fontWeight);
    expect(Number(weight)).toBeGreaterThanOrEqual(700);
    expect(await first.locator("td.same").allInnerTexts()).toEqual(["·", "·"]);
    expect(await first.locator("table.entries caption").innerText()).toContain("2 of 4");
    // a term diagnosis naming B_1 (an underscore: special in TeX)
    expect(await page.locator(`#L${steps[2]!.line} .diagnosis[data-kind=term] .message`).innerText()).toContain("B_1");
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("the sheet's .tex, with a diagnosis holding `_`, compiles with xelatex and carries the diagnosis", async () => {
    const tex = readFileSync(join(out, "diagnosis.tex"), "utf8");
    expect(tex).toContain("holds when A is symmetric");
    expect(tex).toContain("the term B\\_1 of the left side");
    await run("xelatex", ["-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "diagnosis.tex"], { cwd: out, timeout: 120_000 });
    expect(existsSync(join(out, "diagnosis.pdf"))).toBe(true);
  }, 300_000);

  it("a hostile diagnosis is text in the HTML and in xelatex (no script, no \\input, no shell)", async () => {
    // the fixture's outcomes with each diagnosis's message and checked claim replaced by the hostile string
    const steps: StepOutcome[] = report.files[0]!.steps.map((s) => ({
      ...s,
      file: join(ROOT, FIXTURE),
      note: null,
      kind: "claim",
      ms: 0,
      diagnoses: s.diagnoses.length ? [{ kind: s.diagnoses[0]!.kind, message: HOSTILE, holds: HOSTILE }] : [],
    }));
    const d: DerivationInfo = { title: steps[0]!.derivation, source: null, question: null, lines: null, let: { A: "n x n", B_1: "n x n", x_0: "scalar" }, names: ["A", "B_1", "x_0"], texts: [], prose: [] };
    const model = buildModel(FIXTURE, SEED, [d], steps, null);
    writeFileSync(join(out, "hostile-diagnosis.html"), sheetHtml(model, "hostile", "en"));
    writeFileSync(join(out, "hostile-diagnosis.tex"), sheetTex(model, "hostile", "en"));
    dialogs.length = 0;
    await open("hostile-diagnosis");
    await page.locator("body").hover();
    expect(dialogs).toEqual([]);
    expect(await page.evaluate("window.__pwned === undefined ? null : window.__pwned")).toBeNull();
    expect(await page.locator("script, img, [onerror]").count()).toBe(0);
    const messages = await page.locator(".diagnosis .message").allInnerTexts();
    expect(messages.length).toBe(2);
    for (const m of messages) expect(m).toBe(HOSTILE);
    await run("xelatex", ["-no-shell-escape", "-recorder", "-interaction=nonstopmode", "-halt-on-error", "hostile-diagnosis.tex"], { cwd: out, timeout: 120_000 });
    expect(existsSync(join(out, "hostile-diagnosis.pdf"))).toBe(true);
    expect(readFileSync(join(out, "hostile-diagnosis.fls"), "utf8")).not.toMatch(/passwd/);
    expect(existsSync(join(out, "pwned"))).toBe(false);
    expect(readFileSync(join(out, "hostile-diagnosis.log"), "utf8")).not.toMatch(/runsystem/);
  }, 300_000);
});

describe("diagnoses in an annotated document's margin", () => {
  it("the wrong step's mark shows its diagnosis and differing entries; the other marks show none", async () => {
    expect(annotated.exit).toBe(0);
    await open("annotate-solution");
    const steps = docReport.files[0]!.steps.filter((s) => s.verdict !== "skipped");
    const wrong = steps.filter((s) => s.diagnoses.length > 0);
    // the example's one wrong step, 2AX for a general A: "holds when A is symmetric"
    expect(wrong.map((s) => s.diagnoses.map((d) => d.message))).toEqual([["holds when A is symmetric"]]);
    for (const s of steps) {
      const mark = page.locator(`.margin [data-step="${docReport.files[0]!.file}:${s.line}"]`);
      expect(await mark.count()).toBe(1);
      expect(await mark.locator(".diagnosis").evaluateAll((els) => els.map((e) => [e.getAttribute("data-kind"), e.querySelector(".message")?.textContent ?? null]))).toEqual(s.diagnoses.map((d) => [d.kind, d.message]));
      expect(await mark.locator("table.entries .differs").evaluateAll((els) => els.map((e) => e.getAttribute("data-index")!).sort())).toEqual(s.verdict === "refuted" ? expectedIndices(s) : []);
    }
    // shown without hovering (it is not in the pop-up), beside the cited lines
    const diag = page.locator(`.margin [data-step="${docReport.files[0]!.file}:${wrong[0]!.line}"] .why .diagnosis`);
    expect(await diag.isVisible()).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
