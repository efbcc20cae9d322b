// What every reporter of `derive check` implements: it sees each file as soon
// as it (and every file before it) is done, then the whole run.

import type { CheckRun, FileOutcome } from "../../runner/check.js";
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
