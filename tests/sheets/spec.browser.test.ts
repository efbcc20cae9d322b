// The `derive sheet` part of spec/sheets.md, sentence by sentence, run the way
// checks outside the project run it: the real command (bin/derive.js, so
// `npm run build` first, as npm test does) on a fixture that holds every kind
// of item (tests/sheets/fixtures/audit.ts), HTML facts read in Chromium
// (playwright-core), TeX facts from a real xelatex. Expected counts and
// verdicts come from `derive check --reporter json` on the same seed, never
// from numbers written here. Never skipped: without Chromium or xelatex these
// tests fail and say what to install.

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrFail, xelatexOrFail } from "./tools.js";
import { watchedPage } from "./browser.js";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin", "derive.js");
const AUDIT = "tests/sheets/fixtures/audit.ts";
const SEED = "7";

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function derive(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, encoding: "utf8", timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface StepJson {
  line: number;
  verdict: string;
  expected: string;
  ok: boolean;
  detail: string;
}

let tmp: string;
let dir: string;
let steps: StepJson[];
let browser: Browser;
let context: BrowserContext;
let page: Page;
const outside: string[] = [];
const consoleErrors: string[] = [];

/** Small derivation files written at test time (a derivation file may live anywhere). */
function file(name: string, body: string): string {
  const p = join(tmp, name);
  writeFileSync(p, `import { derivation } from "derive";\n${body}\n`);
  return p;
}

beforeAll(async () => {
  const chromium = chromiumOrFail();
  xelatexOrFail();
  tmp = mkdtempSync(join(tmpdir(), "derive-spec-"));
  dir = join(tmp, "out");
  const check = derive(["check", AUDIT, "--reporter", "json", "--seed", SEED]);
  expect(check.code, check.err).toBe(0);
  steps = (JSON.parse(check.out) as { files: { steps: StepJson[] }[] }).files[0]!.steps;
  const r = derive(["sheet", AUDIT, "--out", dir, "--format", "html", "--format", "tex", "--seed", SEED]);
  expect(r.code, r.err).toBe(0);
  ({ browser, context, page } = await watchedPage(chromium, { width: 900, height: 1200 }, { consoleErrors, outside }));
  await page.goto(pathToFileURL(join(dir, "audit.html")).href, { waitUntil: "load" });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
});

describe("derive sheet FILES... --out DIR: files written, exit codes", () => {
  it("writes DIR/<name of F without .ts>.<ext>; html by default and nothing else", () => {
    const d = join(tmp, "default");
    copyFileSync(join(ROOT, AUDIT), join(tmp, "two.parts.ts"));
    const r = derive(["sheet", join(tmp, "two.parts.ts"), "--out", d, "--seed", SEED]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(d).sort()).toEqual(["assets", "two.parts.html"]);
    expect(r.out.trim()).toBe(join(d, "two.parts.html"));
  }, 600_000);

  it("--format repeats: html and tex both; tex alone needs no assets", () => {
    expect(readdirSync(dir).sort()).toEqual(["assets", "audit.html", "audit.tex"]);
    const d = join(tmp, "texonly");
    const r = derive(["sheet", AUDIT, "--out", d, "--format", "tex", "--seed", SEED]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(d)).toEqual(["audit.tex"]);
  }, 600_000);

  it("exit 1 when a step misses its expectation, and the sheet is still written", () => {
    const wrong = file("wrong.ts", `export default derivation("w", (d) => { d.step("2 * 2 = 5"); });`);
    const d = join(tmp, "exit1");
    const r = derive(["sheet", wrong, "--out", d, "--seed", SEED]);
    expect(r.code).toBe(1);
    const html = readFileSync(join(d, "wrong.html"), "utf8");
    expect(html).toMatch(/data-verdict="refuted" data-expected="accepted" data-ok="false"/);
  }, 600_000);

  it("exit 2 for a file that cannot be loaded: one line naming it and its position; no sheet for it; the other files get theirs", () => {
    const broken = file("broken.ts", `export default derivation("b", (d) => {\n  d.step("1 = 1"\n});`);
    const good = file("good.ts", `export default derivation("g", (d) => { d.step("1 + 1 = 2"); });`);
    const d = join(tmp, "exit2");
    mkdirSync(d);
    writeFileSync(join(d, "broken.html"), "a sheet from an earlier run");
    const r = derive(["sheet", broken, good, "--out", d, "--seed", SEED]);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^derive sheet: .*broken\.ts: .*syntax error.*line 4/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(d, "good.html"))).toBe(true);
    expect(existsSync(join(d, "broken.html"))).toBe(false);
  }, 600_000);

  it("exit 2 and one line naming apt-get install chromium or DERIVE_CHROMIUM when no PDF engine is found; nothing is written", () => {
    const envs: NodeJS.ProcessEnv[] = [
      { ...process.env, DERIVE_CHROMIUM: "/nonexistent/chromium", PATH: "/nonexistent" },
      { ...process.env, DERIVE_CHROMIUM: "", PATH: "/nonexistent" },
    ];
    for (const env of envs) {
      const d = join(tmp, "nopdf");
      const r = derive(["sheet", AUDIT, "--out", d, "--format", "pdf", "--seed", SEED], { env });
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/apt-get install chromium/);
      expect(r.err).toMatch(/DERIVE_CHROMIUM/);
      expect(existsSync(d)).toBe(false);
    }
  });

  it("--format tex never needs a browser: no Chromium anywhere, still exit 0", () => {
    const d = join(tmp, "texnobrowser");
    const r = derive(["sheet", AUDIT, "--out", d, "--format", "tex", "--seed", SEED], { env: { ...process.env, DERIVE_CHROMIUM: "/nonexistent/chromium", PATH: "/nonexistent" } });
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(d, "audit.tex")).equals(readFileSync(join(dir, "audit.tex")))).toBe(true);
  }, 600_000);

  it("exit 2 and one line for a bad flag value (--lang, --format, missing --out)", () => {
    for (const args of [["--lang", "de"], ["--format", "docx"], ["--lang"]]) {
      const r = derive(["sheet", AUDIT, "--out", join(tmp, "bad"), ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    expect(derive(["sheet", AUDIT]).code).toBe(2);
  });

  it("same files and seed: byte-identical html and tex, under another output directory and from another working directory", () => {
    const d = join(tmp, "again");
    const r = derive(["sheet", "audit.ts", "--out", d, "--format", "tex", "--format", "html", "--seed", SEED], { cwd: join(ROOT, "tests/sheets/fixtures") });
    expect(r.code, r.err).toBe(0);
    for (const n of ["audit.html", "audit.tex"]) expect(readFileSync(join(d, n)).equals(readFileSync(join(dir, n))), n).toBe(true);
  }, 600_000);
});

describe("what a sheet holds, read in Chromium", () => {
  const checked = (): StepJson[] => steps.filter((s) => s.verdict !== "skipped");

  it("no request leaves the machine from file://, no console error, no script", async () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator(".katex-error").count()).toBe(0);
  });

  it("the summary is at the top: steps, proved, verified, refuted as expected, unexpected verdicts, seed", async () => {
    const first = await page.locator("body > *").first().evaluate((e) => e.tagName);
    expect(first).toBe("HEADER");
    const text = await page.locator("header .summary").innerText();
    const c = checked();
    const want: [string, number][] = [
      ["steps", c.length],
      ["proved", c.filter((s) => s.verdict === "proved").length],
      ["verified", c.filter((s) => s.verdict === "verified").length],
      ["refuted as expected", c.filter((s) => s.verdict === "refuted" && s.ok).length],
      ["unexpected verdicts", c.filter((s) => !s.ok).length],
      ["seed", Number(SEED)],
    ];
    const pairs = await page.$$eval(".summary dl > div", (els) => els.map((e) => [e.querySelector("dt")!.textContent!.replace(/^\W+\s/u, ""), Number(e.querySelector("dd")!.textContent)]));
    expect(pairs).toEqual(want);
    expect(text).toContain("seed");
  });

  it("per derivation, in order: title, source label, declarations typeset, question, then prose and steps in the order written", async () => {
    expect(await page.$$eval("section.derivation > h2", (els) => els.map((e) => e.textContent))).toEqual(["Trace gradient", "Second part", "Prose maths"]);
    const first = page.locator("section.derivation").first();
    const order = await first.evaluate((sec) =>
      [...sec.children].map((e) => (e.classList.contains("pair") ? `pair(${[...e.querySelectorAll("[data-verdict]")].map((x) => x.id).join(",")})` : e.id || e.className || e.tagName)),
    );
    expect(order).toEqual(["H2", "meta", "decls", "question", "prose", "L14", "prose", "L16", "pair(L17,L18)", "prose"]);
    expect(await first.locator(".meta").innerText()).toContain("004 Q13");
    const texts = await first.locator(".prose").allInnerTexts();
    expect(texts.map((t) => t.trim())).toEqual(["Paragraph one: cycle the trace.", "Paragraph two: a sampled step.", "Paragraph three: after the correction."]);
    // declarations are typeset mathematics (KaTeX's blackboard R), not the source text
    expect(await first.locator(".decls li .katex .mathbb").count()).toBe(2);
    // (KaTeX sets \text{} spaces as no-break spaces)
    const decls = (await first.locator(".decls").innerText()).replace(/\s+/g, " ");
    expect(decls).toContain("symmetric positive definite");
    expect(decls).not.toContain("n x m");
    expect(await first.locator(".question .katex").count()).toBe(1);
  });

  it("every step as display maths printed from the parsed claim, in file order, with its file and line", async () => {
    const where = await page.$$eval(".step .where", (els) => els.map((e) => e.textContent!.split(" · ")[0]));
    expect(where).toEqual(steps.map((s) => `audit.ts:${s.line}`));
    const claims = await page.$$eval(".step .claim", (els) => els.map((e) => [e.querySelector(".katex-display") !== null, e.textContent!]));
    for (const [display, t] of claims) {
      expect(display).toBe(true);
      // the parsed claim, typeset: no `*` or `'` of the written form
      expect(t).not.toMatch(/[*']/);
    }
    expect(claims[0]![1]).toContain("⊤");
  });

  it("each checked step carries data-verdict, data-expected, data-ok and id L<line>; nothing else carries data-verdict", async () => {
    const marks = await page.$$eval("[data-verdict]", (els) => els.map((e) => [e.id, e.getAttribute("data-verdict"), e.getAttribute("data-expected"), e.getAttribute("data-ok"), e.classList.contains("step")]));
    expect(marks).toEqual(checked().map((s) => [`L${s.line}`, s.verdict, s.expected, String(s.ok), true]));
    expect(await page.locator(".prose [data-verdict], .question [data-verdict], .decls [data-verdict], header [data-verdict]").count()).toBe(0);
    // the skipped step is shown but carries no verdict
    expect(await page.locator(".step.unchecked:not([data-verdict])").count()).toBe(steps.filter((s) => s.verdict === "skipped").length);
    // a chain written on one line: its steps share that line's id
    const line = steps.find((s, i) => steps.findIndex((t) => t.line === s.line) !== i)!.line;
    expect(await page.locator(`[id="L${line}"]`).count()).toBe(2);
  });

  it("verdict marks read without colour: a symbol and a word, the sample count for verified, whether expected; border styles differ", async () => {
    const marks = await page.$$eval("[data-verdict]", (els) => els.map((e) => [e.getAttribute("data-verdict"), e.querySelector(".mark")!.textContent!.trim()]));
    const symbols = new Map<string, string>();
    for (const [v, t] of marks) {
      expect(t, v!).toMatch(new RegExp(`^\\S \\b${v}\\b`));
      expect(t).toMatch(/· as expected \(expected: /);
      symbols.set(v!, t!.split(" ")[0]!);
    }
    expect(new Set(symbols.values()).size).toBe(symbols.size);
    const verified = steps.filter((s) => s.verdict === "verified");
    const vmarks = marks.filter(([v]) => v === "verified").map(([, t]) => t);
    expect(vmarks).toEqual(verified.map((s) => expect.stringContaining(`verified (on ${/on (\d+) samples/.exec(s.detail)![1]} samples)`)));
    // in black and white the left rules still differ by verdict
    const borders = await page.$$eval("[data-verdict]", (els) => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> };
      return els.map((e) => [e.getAttribute("data-verdict"), `${g.getComputedStyle(e).borderLeftStyle} ${g.getComputedStyle(e).borderLeftWidth}`]);
    });
    const byVerdict = new Map(borders.map(([v, b]) => [v, b]));
    expect(new Set(byVerdict.values()).size).toBe(byVerdict.size);
  });

  it("a refuted step: the note, the counterexample table (dimensions, values, both sides), the corrected step right after it, paired", async () => {
    const wrong = page.locator("[data-verdict=refuted]");
    expect(await wrong.count()).toBe(1);
    const id = await wrong.getAttribute("id");
    expect(await wrong.locator(".note").innerText()).toContain("the factor 2 is missing");
    const rows = await wrong.locator("table.cex tbody tr").evaluateAll((trs) => trs.map((tr) => tr.querySelector("th")!.textContent));
    expect(rows).toEqual(["n", "m", "X", "A", "left side", "right side"]);
    expect(await wrong.locator("table.cex caption").innerText()).toBe("Counterexample");
    // paired: one frame, a label, and attributes naming each other
    const pair = page.locator(".pair");
    expect(await pair.count()).toBe(1);
    const kids = await pair.evaluate((p) => [...p.children].map((e) => e.className));
    expect(kids).toEqual(["step", "fix-label", "step"]);
    const fixed = pair.locator("[data-corrects]");
    expect(await fixed.getAttribute("data-corrects")).toBe(id);
    expect(await wrong.getAttribute("data-corrected-by")).toBe(await fixed.getAttribute("id"));
    expect(await pair.locator(".fix-label").innerText()).toContain(`Corrected step (corrects audit.ts:${id!.slice(1)})`);
    const frame = await pair.evaluate((p) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(p).borderTopStyle);
    expect(frame).not.toBe("none");
  });

  it("--lang fa: the sheet's words in Persian, the page right-to-left, maths left-to-right; --lang en the default", async () => {
    const fa = join(tmp, "fa");
    const en = join(tmp, "en");
    expect(derive(["sheet", AUDIT, "--out", fa, "--lang", "fa", "--seed", SEED]).code).toBe(0);
    expect(derive(["sheet", AUDIT, "--out", en, "--lang", "en", "--seed", SEED]).code).toBe(0);
    expect(readFileSync(join(en, "audit.html")).equals(readFileSync(join(dir, "audit.html")))).toBe(true);
    const p = await context.newPage();
    try {
      await p.goto(pathToFileURL(join(fa, "audit.html")).href);
      expect(await p.locator("html").evaluate((e) => [e.getAttribute("lang"), e.getAttribute("dir")])).toEqual(["fa", "rtl"]);
      const dir = (sel: string) => p.locator(sel).first().evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(e).direction);
      expect(await dir("body")).toBe("rtl");
      expect(await dir(".step .katex")).toBe("ltr");
      expect(await dir(".decls .katex")).toBe("ltr");
      expect(await p.locator(".summary").innerText()).toContain("گام");
      expect(await p.locator("[data-verdict=proved] .mark").first().innerText()).toContain("اثبات شد");
      expect(await p.locator("table.cex caption").innerText()).toBe("مثال نقض");
      // the attributes are the contract's, in any language
      expect(await p.locator("[data-verdict]").count()).toBe(steps.filter((s) => s.verdict !== "skipped").length);
    } finally {
      await p.close();
    }
  }, 600_000);
});

describe("the .tex, read by a real xelatex", () => {
  const xelatex = (cwd: string, name: string): Run => {
    const r = spawnSync("xelatex", ["-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", `${name}.tex`], { cwd, encoding: "utf8", timeout: 240_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it("prose maths reaches the .tex only when KaTeX accepts it and every command is allowed; otherwise escaped source", () => {
    const tex = readFileSync(join(dir, "audit.tex"), "utf8");
    expect(tex).toContain("\\(\\frac{a}{b} + \\sqrt{x}\\)");
    expect(tex).toContain("\\texttt{\\$\\textbackslash{}color\\{red\\}\\{y\\}\\$}");
    expect(tex).toContain("\\texttt{\\$\\textbackslash{}input\\{/etc/passwd\\}\\$}");
    expect(tex).not.toMatch(/\\color\{|\\input\{/);
  });

  it("the audit sheet compiles in one pass", () => {
    const r = xelatex(dir, "audit");
    expect(r.code, r.out.split("\n").filter((l) => l.startsWith("!")).join("\n")).toBe(0);
    expect(existsSync(join(dir, "audit.pdf"))).toBe(true);
  }, 300_000);

  it("compiles whatever the file contains: random hostile titles, sources, questions, notes and prose (fixed seed)", () => {
    const nasty = fc.string({ unit: fc.constantFrom(..."\\{}$&#%_^~`'\"<>[]()!@*=+-/|:;, \n\tax0é\u202Eب\u200F^^5c", "\\end{document}", "\\input{/etc/passwd}", "$$", "\\\\", "\\begin{x}", "\\iffalse", "\\csname", "\\par", "}{", "\\verb|"), maxLength: 40 });
    const samples = fc.sample(fc.tuple(nasty, nasty, nasty, nasty, nasty), { seed: 12, numRuns: 12 });
    const body = samples
      .map(([title, source, question, note, prose], i) =>
        `export const d${i} = derivation(${JSON.stringify(`${i} ${title}`)}, { source: ${JSON.stringify(source)}, question: ${JSON.stringify(question)} }, (d) => {\n` +
        `  d.text(${JSON.stringify(prose)});\n  d.step("1 + 1 = 3", { expect: "refuted", note: ${JSON.stringify(note)} });\n  d.step("1 + 1 = 2");\n});`,
      )
      .join("\n");
    const f = file("random.ts", body);
    const d = join(tmp, "random");
    const r = derive(["sheet", f, "--out", d, "--format", "tex", "--seed", SEED]);
    expect(r.code, r.err).toBe(0);
    const x = xelatex(d, "random");
    expect(x.code, x.out.split("\n").filter((l) => l.startsWith("!")).join("\n")).toBe(0);
    expect(x.out).not.toMatch(/runsystem|passwd/);
  }, 600_000);
});
