// Per-entry differences of a matrix-valued claim at its counterexample: which
// entries differ and by how much. An entry differs when |lhs - rhs| exceeds
// the tolerance of the whole comparison (tolerance.ts: 1e-6 x the largest
// entry of either side + 1e-8), so the entries listed are exactly those that
// made the sides unequal. Indices are 1-based, as `X[i, j]` in the language.

import type { Tensor } from "../core/tensor.js";
import { ABS_TOL, REL_TOL } from "./tolerance.js";
import { formatValue } from "./values.js";

/** at most this many differing entries are listed (largest difference first); `count` has them all */
export const MAX_ENTRIES = 12;
/** matrices up to this many rows and columns are also drawn as a grid */
export const GRID_MAX = 8;

export interface EntryDiff {
  /** 1-based index: [i, j] for a matrix (or column), the full index for a rank > 2 tensor */
  index: number[];
  lhs: number;
  rhs: number;
  /** lhs - rhs */
  diff: number;
}

export interface EntryReport {
  /** how many entries differ in all */
  count: number;
  /** how many entries the value has */
  of: number;
  /** the differing entries, largest |diff| first, at most MAX_ENTRIES */
  shown: EntryDiff[];
}

/** The differing entries of two values of the same shape with more than one entry; null otherwise. */
export function entryDifferences(lhs: Tensor, rhs: Tensor): EntryReport | null {
  if (lhs.size !== rhs.size || lhs.size <= 1 || lhs.shape.join("x") !== rhs.shape.join("x")) return null;
  const scale = Math.max(lhs.maxAbs(), rhs.maxAbs());
  const tol = REL_TOL * scale + ABS_TOL;
  const all: EntryDiff[] = [];
  for (let k = 0; k < lhs.size; k++) {
    const a = lhs.data[k]!;
    const b = rhs.data[k]!;
    if (!(Math.abs(a - b) <= tol) || (a !== b && !Number.isFinite(a - b))) all.push({ index: indexOf(k, lhs.shape), lhs: a, rhs: b, diff: a - b });
  }
  const shown = [...all].sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff) || 0).slice(0, MAX_ENTRIES);
  return { count: all.length, of: lhs.size, shown };
}

function indexOf(k: number, shape: readonly number[]): number[] {
  const dims = shape.length >= 2 ? shape : [shape[0] ?? 1, 1];
  const out: number[] = [];
  for (let d = dims.length - 1; d >= 0; d--) {
    out.unshift((k % dims[d]!) + 1);
    k = Math.floor(k / dims[d]!);
  }
  return out;
}

/**
 * lhs - rhs cell by cell for a matrix of at most GRID_MAX x GRID_MAX: the
 * difference where the entries differ (by the rule of entryDifferences), null
 * where they agree. Null for larger values and rank > 2 tensors. The text grid
 * below and the sheets' highlighted table (sheets/diagnosis.ts) both read it.
 */
export function differenceCells(lhs: Tensor, rhs: Tensor): (number | null)[][] | null {
  if (lhs.isTensor || lhs.rows > GRID_MAX || lhs.cols > GRID_MAX) return null;
  if (!entryDifferences(lhs, rhs)) return null;
  const scale = Math.max(lhs.maxAbs(), rhs.maxAbs());
  const tol = REL_TOL * scale + ABS_TOL;
  const cells: (number | null)[][] = [];
  for (let i = 0; i < lhs.rows; i++) {
    const row: (number | null)[] = [];
    for (let j = 0; j < lhs.cols; j++) {
      const k = i * lhs.cols + j;
      const a = lhs.data[k]!;
      const b = rhs.data[k]!;
      row.push(Math.abs(a - b) <= tol && Number.isFinite(a - b) ? null : a - b);
    }
    cells.push(row);
  }
  return cells;
}

/**
 * A compact grid of lhs - rhs for a matrix of at most GRID_MAX x GRID_MAX:
 * `.` where the entries agree, the difference (4 significant digits) where
 * they do not. Null for larger values and rank > 2 tensors (the list says it).
 */
export function differenceGrid(lhs: Tensor, rhs: Tensor): string[] | null {
  const grid = differenceCells(lhs, rhs);
  if (!grid) return null;
  const cells = grid.map((r) => r.map((d) => (d === null ? "." : formatValue(d, 4))));
  const width = Math.max(...cells.flat().map((c) => c.length));
  return cells.map((r) => `[ ${r.map((c) => c.padStart(width)).join("  ")} ]`);
}

/** One line per listed entry: `[1, 2]: lhs 3, rhs 1 (diff 2)`. */
export function entryLines(r: EntryReport): string[] {
  const f = (v: number): string => formatValue(v, 6);
  return r.shown.map((e) => `[${e.index.join(", ")}]: lhs ${f(e.lhs)}, rhs ${f(e.rhs)} (diff ${f(e.diff)})`);
}
