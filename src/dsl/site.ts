// Where a step was written: the file and line of the call to `d.step(...)`.
// V8's Error.captureStackTrace(holder, fn) drops every frame above and
// including `fn`, so the first frame left is the caller's, whether the DSL runs
// from src/ or from the dist/ bundle. jiti keeps the original lines of a .ts
// file, so the line is the one in the author's editor.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Site {
  /** absolute path (or whatever the runtime names the module, e.g. `<eval>`) */
  readonly file: string;
  /** 1-based line */
  readonly line: number;
}

export const UNKNOWN_SITE: Site = Object.freeze({ file: "<unknown>", line: 0 });

/** The call site of `fn`: the frame of whoever called it. */
export function callerOf(fn: Function): Site {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 5;
  try {
    Error.captureStackTrace(holder, fn);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return framesOf(holder.stack ?? "")[0] ?? UNKNOWN_SITE;
}

const sources = new Map<string, string[] | null>();
/** per file: the line of the last anchored call, so repeated claims take successive lines */
const cursors = new Map<string, number>();

/**
 * The line of a call whose first argument is the string `anchor`. The stack's
 * line is only approximate when the file went through a transform (jiti moves
 * lines when comments come before the imports), so the line is taken from the
 * source text: the occurrence of the string literal nearest the stack's line,
 * preferring the first one strictly after the previous anchored call in the
 * file when it is about as near.
 */
export function anchored(site: Site, anchor: string): Site {
  if (typeof anchor !== "string" || anchor === "") return site;
  let lines = sources.get(site.file);
  if (lines === undefined) {
    try {
      lines = readFileSync(site.file, "utf8").split("\n");
    } catch {
      lines = null;
    }
    sources.set(site.file, lines);
  }
  if (!lines) return site;
  const quoted = [JSON.stringify(anchor), `'${anchor}'`, `\`${anchor}\``];
  const hits: number[] = [];
  lines.forEach((text, i) => {
    if (quoted.some((q) => text.includes(q))) hits.push(i + 1);
  });
  if (hits.length === 0) return site;
  // strictly after the previous anchored call: two identical claims on
  // consecutive lines are two lines, not the first one twice; a call repeated
  // in a loop finds nothing after it near the stack's line and keeps its own
  const after = cursors.get(site.file) ?? 0;
  const next = hits.find((h) => h > after);
  const best = hits.reduce((a, b) => (Math.abs(b - site.line) < Math.abs(a - site.line) ? b : a));
  const line = next !== undefined && Math.abs(next - site.line) <= Math.abs(best - site.line) + 3 ? next : best;
  cursors.set(site.file, line);
  return { file: site.file, line };
}

/** The frames of a V8 stack trace, innermost first (lines that are not frames are skipped). */
export function framesOf(stack: string): Site[] {
  const out: Site[] = [];
  for (const raw of stack.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("at ")) continue;
    // "at fn (file:12:5)", "at file:12:5", "at async fn (file:///x.ts:12:5)"
    const m = /\(?((?:file:\/\/)?[^()]*?):(\d+):(\d+)\)?$/.exec(line.slice(3));
    if (!m) continue;
    let file = m[1]!.replace(/^async /, "");
    const inner = file.lastIndexOf(" (");
    if (inner >= 0) file = file.slice(inner + 2);
    if (file.startsWith("file://")) {
      try {
        file = fileURLToPath(file);
      } catch {
        // keep the URL as it is
      }
    }
    out.push({ file, line: Number(m[2]) });
  }
  return out;
}

/** The innermost frame of an error's stack in `file`, e.g. where a derivation body threw. */
export function lineIn(error: unknown, file: string): number | null {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  return framesOf(stack).find((f) => f.file === file)?.line ?? null;
}
