// What every reporter of `derive check` implements: it sees each file as soon
// as it (and every file before it) is done, then the whole run.

import type { CheckRun, FileOutcome } from "../../runner/check.js";
import { entryLines } from "../../check/entries.js";
import type { StepOutcome } from "../../dsl/run.js";
import type { Io } from "../main.js";

export interface Reporter {
  /** before any file runs */
  start(seed: number): void;
  file(f: FileOutcome): void;
  /** files checked so far, for a progress line */
  progress?(done: number, total: number, running: readonly string[]): void;
  end(run: CheckRun): void;
}

export interface ReporterContext {
  readonly io: Io;
  /** colour on stdout (a TTY, NO_COLOR unset) */
  readonly color: boolean;
  /** a progress line on stderr (stderr is a TTY) */
  readonly progress: boolean;
  /** writes to stderr without a newline (a progress line that redraws itself) */
  readonly rawErr?: (s: string) => void;
}

/** `N passed, N failed` and `, N skipped` when there are any. */
export function summaryLine(s: CheckRun["summary"]): string {
  return `${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ""}`;
}

/** Why a step failed, in one line: `expected refuted, got verified`. */
export function mismatch(expected: string, verdict: string): string {
  return `expected ${expected}, got ${verdict}`;
}

/** how many differing entries a reporter's one-line summary names (the JSON has them all, up to MAX_ENTRIES) */
const ENTRIES_IN_LINE = 4;

/**
 * The differing entries of a refuted step at its counterexample, in one line:
 * `2 of 4 entries differ (lhs - rhs): [1, 2]: lhs 3, rhs 1 (diff 2); ...`,
 * largest first; null for a scalar claim or a step that was not refuted.
 */
export function entriesLine(s: StepOutcome): string | null {
  const e = s.verdict === "refuted" ? s.counterexample?.entries : null;
  if (!e || e.count === 0) return null;
  const listed = entryLines(e).slice(0, ENTRIES_IN_LINE);
  const more = e.count > listed.length ? `; ... ${e.count - listed.length} more` : "";
  return `${e.count} of ${e.of} entries differ (lhs - rhs): ${listed.join("; ")}${more}`;
}

/** `diagnosis (kind): message`, one per likely slip of a refuted step (empty otherwise). */
export function diagnosisLines(s: StepOutcome): string[] {
  return s.verdict === "refuted" ? (s.diagnoses ?? []).map((d) => `diagnosis (${d.kind}): ${d.message}`) : [];
}

/**
 * What a step's follow-through says (issue 15, parts 4 and 5), one line each:
 * `shape slip: the transpose of W fits: ... (then verified)` for a shape error
 * one transpose repairs (dsl/shape-slip.ts), and `carried: consistent with the
 * value at line 11 (z = 0.35)` for a refuted step checked again with the
 * author's earlier numbers (dsl/carried.ts). The carried check is told under a
 * refuted step only: a step right against the truth needs no excuse, and the
 * verdict that counts stays the one against the truth.
 */
export function followThroughLines(s: StepOutcome): { shapeSlip: string | null; carried: string | null } {
  return {
    shapeSlip: s.shapeSlip ? `${s.shapeSlip.message} (then ${s.shapeSlip.verdict})` : null,
    carried: s.carried && s.verdict === "refuted" ? s.carried.message : null,
  };
}
