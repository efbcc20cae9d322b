// The order in which `derive check` hands files to its workers: longest first
// (the classic LPT rule), so that the slowest file does not start last and
// leave one core idle while it runs on the other (the shipped derivations'
// slowest file took several seconds and was 39th of 43 in sorted order). The
// report keeps the sorted order whatever this order is: a file's outcome is
// printed once it and every file before it are done (./check.ts).
//
// How long a file takes is known from the last run in the same directory
// (node_modules/.cache/derive/check-times.json, written after each run, only
// where node_modules already exists); a file not timed yet is estimated from
// its size in bytes, and goes before the timed ones of the same estimate.
// Nothing here can change a verdict: it only decides which worker takes a file
// and when.

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FileRef } from "../dsl/files.js";

/** milliseconds per byte of source, to compare a file not timed yet with timed ones */
const MS_PER_BYTE = 0.1;

/** The indices of `files` in the order to run them: the longest expected first (ties keep the sorted order). */
export function longestFirst(files: readonly FileRef[], times: ReadonlyMap<string, number>, size: (path: string) => number = fileSize): number[] {
  const cost = files.map((f) => times.get(f.path) ?? size(f.path) * MS_PER_BYTE);
  const timed = files.map((f) => times.has(f.path));
  return files
    .map((_, i) => i)
    .sort((a, b) => cost[b]! - cost[a]! || Number(timed[a]) - Number(timed[b]) || a - b);
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** where the times of the last run in `cwd` are kept, or null where there is no node_modules to keep them in */
export function timesFile(cwd: string): string | null {
  const modules = join(cwd, "node_modules");
  return existsSync(modules) ? join(modules, ".cache", "derive", "check-times.json") : null;
}

/** The times of the last run (absolute path -> ms); empty when there are none or they cannot be read. */
export function readTimes(file: string | null): Map<string, number> {
  if (!file) return new Map();
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (typeof raw !== "object" || raw === null) return new Map();
    return new Map(Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]) && e[1] >= 0));
  } catch {
    return new Map();
  }
}

/** Adds this run's times to the file (written whole and renamed, so a parallel run never reads half of it); never fails the run. */
export function writeTimes(file: string | null, times: ReadonlyMap<string, number>): void {
  if (!file || times.size === 0) return;
  try {
    const all = readTimes(file);
    for (const [k, v] of times) all.set(k, v);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(all)));
    renameSync(tmp, file);
  } catch {
    // an unwritable cache only loses the ordering of the next run
  }
}
