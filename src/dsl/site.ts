// Where a step was written: the file and line of the call to `d.step(...)`.
// V8's Error.captureStackTrace(holder, fn) drops every frame above and
// including `fn`, so the first frame left is the caller's, whether the DSL runs
// from src/ or from the dist/ bundle. jiti keeps the original lines of a .ts
// file, so the line is the one in the author's editor.

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
