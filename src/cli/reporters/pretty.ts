// `--reporter pretty` (the default): one line per step,
//   file:line  verdict  claim  (how)  [expected ... ✓/✗]
// under a heading per derivation, a diff-like explanation under a step that
// missed its expected verdict, then the summary line `N passed, N failed`
// alone. Colour only on a TTY; a progress line on stderr (a TTY) for runs
// longer than a moment.

import type { CheckRun, FileOutcome } from "../../runner/check.js";
import type { StepOutcome } from "../../dsl/run.js";
import { type Reporter, type ReporterContext, diagnosisLines, entriesLine, followThroughLines, mismatch, summaryLine } from "./types.js";

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Colour = keyof typeof CODES;

/** progress appears only after this long, so short runs stay quiet */
const PROGRESS_AFTER_MS = 1500;

export function prettyReporter(ctx: ReporterContext): Reporter {
  const paint = (c: Colour, s: string): string => (ctx.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const started = Date.now();
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown && ctx.rawErr) ctx.rawErr("\r\u001b[K");
    progressShown = false;
  };
  const out = (s: string): void => {
    clearProgress();
    ctx.io.out(s);
  };
  return {
    start(seed) {
      out(paint("dim", `derive check: seed ${seed} (rerun with --seed ${seed})`));
    },
    file(f) {
      for (const l of fileLines(f, paint)) out(l);
    },
    progress(done, total, running) {
      if (!ctx.progress || !ctx.rawErr || Date.now() - started < PROGRESS_AFTER_MS || done >= total) return;
      const what = running.length ? `: ${running.join(", ")}` : "";
      ctx.rawErr(`\r\u001b[K${done}/${total} files checked${what}`.slice(0, 200));
      progressShown = true;
    },
    end(run) {
      clearProgress();
      if (run.notRun > 0) out(paint("yellow", `--bail: stopped after the first failure; ${run.notRun} file${run.notRun === 1 ? "" : "s"} not run`));
      if (run.files.length === 0) out("no derivation files in this shard");
      const line = summaryLine(run.summary);
      out("");
      out(run.summary.failed ? paint("red", line) : paint("green", line));
    },
  };
}

function fileLines(f: FileOutcome, paint: (c: Colour, s: string) => string): string[] {
  const lines: string[] = [];
  if (f.error !== null) lines.push(`${f.file}  ${paint("red", "error")}  cannot be checked: ${f.error}  ${paint("red", "✗")}`);
  let heading: string | null = null;
  let headingSource: string | null = null;
  for (const s of f.steps) {
    if (s.derivation !== heading) {
      heading = s.derivation;
      headingSource = s.source;
      lines.push(paint("bold", `▸ ${s.derivation}`) + (s.source ? paint("dim", `  {${s.source}}`) : ""));
    }
    lines.push(...stepLines(f, s, s.source === headingSource ? null : s.source, paint));
  }
  return lines;
}

const VERDICT_COLOUR: Record<StepOutcome["verdict"], Colour> = {
  proved: "green",
  verified: "green",
  refuted: "yellow",
  error: "red",
  skipped: "cyan",
};

function stepLines(f: FileOutcome, s: StepOutcome, ownSource: string | null, paint: (c: Colour, s: string) => string): string[] {
  const where = `${siteName(f, s)}:${s.line}`;
  const verdict = paint(VERDICT_COLOUR[s.verdict], s.verdict.padEnd(8));
  const source = ownSource ? paint("dim", ` {${ownSource}}`) : "";
  if (s.verdict === "skipped") {
    const what = s.kind === "prose" ? "prose only, not checkable" : s.detail;
    return [`${where}  ${verdict}  ${s.claim}  (${what})${source}  ${paint("cyan", "[skipped]")}`];
  }
  const mark = s.ok ? paint("green", `[expected ${s.expected} ✓]`) : paint("red", `[${mismatch(s.expected, s.verdict)} ✗]`);
  const lines = [`${where}  ${verdict}  ${s.claim}  (${s.detail})${source}  ${mark}`];
  // a step kept as written (expected refuted or a shape error) shows why
  if (s.note && (s.ok ? s.expected !== "accepted" && s.expected !== "proved" : true)) lines.push(paint("dim", `      note: ${s.note}`));
  const entries = entriesLine(s);
  if (entries) lines.push(paint("dim", `      entries: ${entries}`));
  for (const d of diagnosisLines(s)) lines.push(paint("dim", `      ${d}`));
  // a shape error kept as written: the transpose that makes it fit; error carried forward, under a refuted step only
  const follow = followThroughLines(s);
  if (follow.shapeSlip) lines.push(paint("dim", `      shape slip: ${follow.shapeSlip}`));
  if (follow.carried) lines.push(paint(s.carried!.verdict === "refuted" ? "dim" : "cyan", `      ${follow.carried}`));
  if (!s.ok) {
    lines.push(paint("red", `      - expected: ${s.expected}${s.expected === "accepted" ? " (proved or verified)" : ""}`));
    lines.push(paint("green", `      + got:      ${s.verdict}`));
  }
  return lines;
}

/** The step's own file when it differs from the file run (a derivation imported from elsewhere). */
function siteName(f: FileOutcome, s: StepOutcome): string {
  return s.file === f.path || s.file === "<unknown>" ? f.file : s.file;
}
