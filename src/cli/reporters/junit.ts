// `--reporter junit`: JUnit XML for CI dashboards. One <testsuite> per file,
// one <testcase> per step; a step that missed its expected verdict has a
// <failure>, a step that could not be checked an <error>, a prose part a
// <skipped>; a file that could not be loaded is one <testcase> with an <error>.

import type { CheckRun, FileOutcome } from "../../runner/check.js";
import type { StepOutcome } from "../../dsl/run.js";
import { type Reporter, type ReporterContext, diagnosisLines, entriesLine, followThroughLines, mismatch } from "./types.js";

export function junitReporter(ctx: ReporterContext): Reporter {
  return {
    start: () => {},
    file: () => {},
    end: (run) => ctx.io.out(junit(run)),
  };
}

export function junit(run: CheckRun): string {
  const suites = run.files.map(suite);
  const total = (k: keyof Counts): number => suites.reduce((a, s) => a + s.counts[k], 0);
  const head =
    `<testsuites name="derive check" tests="${total("tests")}" failures="${total("failures")}" errors="${total("errors")}" ` +
    `skipped="${total("skipped")}" time="${secs(run.ms)}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites.flatMap((s) => s.xml), "</testsuites>"].join("\n");
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function suite(f: FileOutcome): { counts: Counts; xml: string[] } {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases: string[] = [];
  if (f.error !== null) {
    counts.tests++;
    counts.errors++;
    cases.push(`    <testcase name="${attr(`${f.file}: load`)}" classname="${attr(f.file)}" file="${attr(f.file)}" time="0">`);
    cases.push(`      <error message="${attr(f.error)}" type="load">${text(f.error)}</error>`);
    cases.push("    </testcase>");
  }
  for (const s of f.steps) {
    counts.tests++;
    const open = `    <testcase name="${attr(`${s.line}: ${s.claim}`)}" classname="${attr(`${f.file} › ${s.derivation}`)}" file="${attr(f.file)}" line="${s.line}" time="${secs(s.ms)}"`;
    const body = caseBody(s, counts);
    cases.push(body.length ? `${open}>` : `${open}/>`, ...body, ...(body.length ? ["    </testcase>"] : []));
  }
  const head =
    `  <testsuite name="${attr(f.file)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" ` +
    `skipped="${counts.skipped}" time="${secs(f.ms)}">`;
  return { counts, xml: [head, ...cases, "  </testsuite>"] };
}

function caseBody(s: StepOutcome, counts: Counts): string[] {
  if (s.verdict === "skipped") {
    counts.skipped++;
    return [`      <skipped message="${attr(s.detail)}"/>`];
  }
  // a step refuted as expected passes; what is wrong with it goes to its <system-out>
  if (s.ok) {
    const said = whatIsWrong(s);
    return said.length ? [`      <system-out>${text(said.join("\n"))}</system-out>`] : [];
  }
  const why = mismatch(s.expected, s.verdict);
  const full = [
    why,
    s.detail,
    ...whatIsWrong(s),
    s.note ? `note: ${s.note}` : "",
    s.source ? `source: ${s.source}` : "",
  ].filter(Boolean).join("\n");
  if (s.verdict === "error") {
    counts.errors++;
    return [`      <error message="${attr(why)}" type="error">${text(full)}</error>`];
  }
  counts.failures++;
  return [`      <failure message="${attr(why)}" type="${attr(s.verdict)}">${text(full)}</failure>`];
}

/**
 * A refuted step's counterexample, differing entries, hint, likely slips and
 * carried check, or a shape error's shape slip, one per line (nothing for
 * other steps).
 */
function whatIsWrong(s: StepOutcome): string[] {
  const follow = followThroughLines(s);
  const slip = follow.shapeSlip ? `shape slip: ${follow.shapeSlip}` : "";
  if (s.verdict !== "refuted") return slip ? [slip] : [];
  const entries = entriesLine(s);
  return [
    s.counterexample ? `counterexample (pastes back with --at): ${s.counterexample.text}` : "",
    entries ? `entries: ${entries}` : "",
    s.hint ? `hint: ${s.hint}` : "",
    ...diagnosisLines(s),
    follow.carried ? `carried: ${follow.carried}` : "",
    slip,
  ].filter(Boolean);
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

/** XML 1.0 cannot hold most control characters even escaped: drop them. */
const clean = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
const text = (s: string): string => clean(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const attr = (s: string): string => text(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
