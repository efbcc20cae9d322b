// A deadline for one check (`--timeout SECONDS`) and progress for long ones.
// Evaluation is synchronous, so a timeout cannot interrupt it from outside:
// the loops where time goes (the sampling loop, finite differences over the
// entries of a large matrix) call checkDeadline(), which throws a DeriveError
// of kind "timeout" once the time is up. A timed-out check is an error, never
// a pass. One deadline is active at a time (nested checks keep the earliest).

import { DeriveError } from "./errors.js";

interface Run {
  readonly start: number;
  readonly until: number | null;
  readonly seconds: number | null;
  readonly progress: ((line: string) => void) | null;
  lastReport: number;
}

let current: Run | null = null;

/** runs longer than this report their progress (when a reporter is given) */
export const PROGRESS_AFTER_MS = 2000;

/**
 * Runs f under a deadline of `seconds` (none if undefined) with an optional
 * progress reporter; an enclosing deadline that ends earlier stays in force.
 */
export function withDeadline<T>(seconds: number | undefined, progress: ((line: string) => void) | undefined, f: () => T): T {
  const outer = current;
  const now = performance.now();
  const mine = seconds === undefined ? null : now + seconds * 1000;
  const keepOuter = outer?.until != null && (mine === null || outer.until <= mine);
  current = {
    start: outer?.start ?? now,
    until: keepOuter ? outer!.until : mine,
    seconds: keepOuter ? outer!.seconds : (seconds ?? null),
    progress: progress ?? outer?.progress ?? null,
    lastReport: outer?.lastReport ?? now,
  };
  try {
    return f();
  } finally {
    current = outer;
  }
}

/** Throws a timeout error when the active deadline has passed. */
export function checkDeadline(): void {
  const r = current;
  if (r?.until != null && performance.now() > r.until) {
    throw new DeriveError("timeout", `timed out after ${r.seconds} s (--timeout ${r.seconds})`);
  }
}

/** Reports a progress line when the run has taken more than PROGRESS_AFTER_MS (at most one a second). */
export function reportProgress(line: () => string): void {
  const r = current;
  if (!r?.progress) return;
  const now = performance.now();
  if (now - r.start < PROGRESS_AFTER_MS || now - r.lastReport < 1000) return;
  r.lastReport = now;
  r.progress(`${line()} (${((now - r.start) / 1000).toFixed(1)} s)`);
}
