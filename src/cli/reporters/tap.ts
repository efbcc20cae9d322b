// `--reporter tap`: TAP version 13, one test point per step (and per file that
// could not be loaded), a YAML block for each failure, the seed and the
// summary as comments.

import type { CheckRun, FileOutcome } from "../../runner/check.js";
import type { StepOutcome } from "../../dsl/run.js";
import { type Reporter, type ReporterContext, entriesLine, followThroughLines, mismatch, summaryLine } from "./types.js";

export function tapReporter(ctx: ReporterContext): Reporter {
  return {
    start: () => {},
    file: () => {},
    end: (run) => ctx.io.out(tap(run)),
  };
}

export function tap(run: CheckRun): string {
  const out: string[] = ["TAP version 13", `# seed ${run.seed}`];
  const points: string[] = [];
  let count = 0;
  const add = (ok: boolean, description: string, directive: string, yaml: Record<string, string | number> | null): void => {
    points.push(`${ok ? "ok" : "not ok"} ${++count} - ${escape(description)}${directive ? ` # ${directive}` : ""}`);
    if (yaml) {
      const lines = ["  ---", ...Object.entries(yaml).map(([k, v]) => `  ${k}: ${typeof v === "number" ? v : JSON.stringify(v)}`), "  ..."];
      points.push(...lines);
    }
  };
  for (const f of run.files) {
    if (f.error !== null) add(false, `${f.file}: cannot be checked`, "", { message: f.error, file: f.file });
    for (const s of f.steps) stepPoint(f, s, add);
  }
  out.push(`1..${count}`, ...points, `# ${summaryLine(run.summary)}`);
  return out.join("\n");
}

function stepPoint(f: FileOutcome, s: StepOutcome, add: (ok: boolean, d: string, directive: string, y: Record<string, string | number> | null) => void): void {
  const description = `${f.file}:${s.line} ${s.claim}`;
  if (s.verdict === "skipped") return add(true, description, `SKIP ${s.detail}`, null);
  // a step refuted as expected passes, and still says what is wrong (TAP 13 allows YAML after any point)
  if (s.ok) return add(true, description, "", s.verdict === "refuted" || s.shapeSlip ? refutedYaml(s, {}) : null);
  const yaml: Record<string, string | number> = {
    message: mismatch(s.expected, s.verdict),
    derivation: s.derivation,
    file: f.file,
    line: s.line,
    expected: s.expected,
    verdict: s.verdict,
    detail: s.detail,
  };
  refutedYaml(s, yaml);
  if (s.source) yaml.source = s.source;
  if (s.note) yaml.note = s.note;
  add(false, description, "", yaml);
}

/** The counterexample, differing entries, hint, likely slips, shape slip and carried check of a step, added to `yaml`; null when it has none. */
function refutedYaml(s: StepOutcome, yaml: Record<string, string | number>): Record<string, string | number> | null {
  const before = Object.keys(yaml).length;
  if (s.counterexample) yaml.counterexample = s.counterexample.text;
  const entries = entriesLine(s);
  if (entries) yaml.entries = entries;
  if (s.hint) yaml.hint = s.hint;
  // the likely slips, one line (a YAML scalar), each re-checked before it was stated
  if (s.verdict === "refuted" && s.diagnoses?.length) yaml.diagnoses = s.diagnoses.map((d) => `${d.kind}: ${d.message}`).join("; ");
  // a shape error one transpose repairs, and the check with the author's earlier numbers (under a refuted step)
  const follow = followThroughLines(s);
  if (follow.shapeSlip) yaml.shapeSlip = follow.shapeSlip;
  if (follow.carried) yaml.carried = follow.carried;
  return Object.keys(yaml).length > before ? yaml : null;
}

/** A description may not contain a bare `#` (it starts a directive) or a newline. */
function escape(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/#/g, "\\#").replace(/\s+/g, " ");
}
