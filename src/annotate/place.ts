// Which block of the document a step's mark goes beside: the first block that
// shares a line with the cited range (a range of blank lines only: the next
// block, else the one before). A range past the document's end is an error
// for that step alone, with the reason; a step that cites no lines has no
// place in the margin and is listed apart.

import type { Block } from "./document.js";

export interface Range {
  readonly first: number;
  readonly last: number;
}

export type Placement =
  | { readonly kind: "placed"; readonly block: number; readonly range: Range }
  | { readonly kind: "outside"; readonly range: Range | null; readonly why: string }
  | { readonly kind: "uncited" };

/** "289" or "289-293" (as the DSL accepts them), else null. */
export function parseRange(lines: string): Range | null {
  const m = /^([1-9]\d{0,8})(?:-([1-9]\d{0,8}))?$/.exec(lines.trim());
  if (!m) return null;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  return last >= first ? { first, last } : null;
}

export function place(lines: string | null, lineCount: number, blocks: readonly Block[]): Placement {
  if (lines === null) return { kind: "uncited" };
  const range = parseRange(lines);
  if (range === null) return { kind: "outside", range: null, why: `lines "${lines}" is not a line or a range of lines` };
  if (range.last > lineCount) return { kind: "outside", range, why: `lines ${lines} lie outside the document (${lineCount} lines)` };
  let at = blocks.findIndex((b) => b.end >= range.first && b.start <= range.last);
  if (at < 0) at = blocks.findIndex((b) => b.start > range.last);
  if (at < 0) at = blocks.length - 1;
  if (at < 0) return { kind: "outside", range, why: `lines ${lines}: the document has no text to mark` };
  return { kind: "placed", block: at, range };
}

/** Every line a set of ranges covers. */
export function covered(ranges: readonly Range[]): Set<number> {
  const s = new Set<number>();
  for (const r of ranges) for (let l = r.first; l <= r.last; l++) s.add(l);
  return s;
}
