// `derive equal LHS RHS` / `derive equal "CLAIM"`: prints the verdict, how it
// was reached, the counterexample when refuted; exit 0/1/2.

import { equal } from "../api.js";
import type { Counterexample, EqualResult } from "../check/claim.js";
import { differenceGrid, entryLines } from "../check/entries.js";
import { Tensor } from "../core/tensor.js";
import { BRIEF_ENTRIES, type JsonValue } from "../check/values.js";
import { DeriveError } from "../core/errors.js";
import { TIME_FLAGS, intFlag, parseArgs, progressSink, seedFlag, timeoutFlag } from "./args.js";
import type { Io } from "./main.js";

const FLAGS = {
  let: { value: true, repeat: true },
  seed: { value: true },
  samples: { value: true },
  json: { value: false },
  help: { value: false },
  ...TIME_FLAGS,
} as const;

export function exitCode(verdict: EqualResult["verdict"]): number {
  return verdict === "refuted" ? 1 : verdict === "error" ? 2 : 0;
}

export function runEqual(argv: string[], io: Io): number {
  const { positionals, flags } = parseArgs(argv, FLAGS);
  if (positionals.length < 1 || positionals.length > 2) {
    throw new DeriveError("usage", `expected LHS RHS (or one claim), got ${positionals.length} argument${positionals.length === 1 ? "" : "s"}`);
  }
  const seed = seedFlag(flags);
  const samples = intFlag(flags, "samples", 1, 10_000);
  const lets = flags.get("let") ?? [];
  const sides = positionals.length === 2 ? { lhs: positionals[0]!, rhs: positionals[1]! } : { claim: positionals[0]! };
  const r = equal({ ...sides, let: lets, seed, samples, timeout: timeoutFlag(flags), progress: progressSink(flags, io.err) });
  if (flags.has("json")) {
    io.out(JSON.stringify(r));
    return exitCode(r.verdict);
  }
  if (r.verdict === "error") {
    io.err(r.error!.message);
    return 2;
  }
  io.out(`${r.verdict}: ${r.claim}`);
  for (const a of r.assumptions) io.out(`  assuming ${a}`);
  if (r.verdict === "refuted" && r.counterexample) {
    const c = r.counterexample;
    const big = Object.values(c.values).some((v) => entries(v) > BRIEF_ENTRIES);
    const lines = [...Object.entries(c.dims).map(([k, v]) => `${k} = ${v}`), ...Object.entries(c.values).map(([k, v]) => `${k} = ${briefText(v)}`)];
    if (lines.length) io.out(`  counterexample (each value pastes back with --at${big ? "; --json gives every entry of the large ones" : ""}):`);
    for (const l of lines) io.out(`    ${l}`);
    io.out(`  lhs = ${briefText(c.lhs)}`);
    io.out(`  rhs = ${briefText(c.rhs)}`);
    for (const l of entryReport(c)) io.out(`  ${l}`);
    if (c.hint) io.out(`  hint: ${c.hint}`);
    for (const d of r.diagnoses) io.out(`  diagnosis (${d.kind}): ${d.message}`);
    for (const n of c.notes) io.out(`  ${n}`);
    const first = r.counterexampleOriginal;
    if (first && first.text !== c.text) io.out(`  (shrunk from the first counterexample found${dimsText(first.dims)}; --json gives it as counterexampleOriginal)`);
  } else {
    io.out(`  ${r.detail}`);
  }
  io.out(`  symbolic: ${r.symbolic}; seed ${r.seed}`);
  return exitCode(r.verdict);
}

/** The entries that differ: a grid of lhs - rhs for a small matrix, else the largest differences listed. */
function entryReport(c: Counterexample): string[] {
  const e = c.entries;
  if (!e || e.count === 0) return [];
  const head = `entries that differ (lhs - rhs): ${e.count} of ${e.of}`;
  const grid = Array.isArray(c.lhs) && Array.isArray(c.rhs) && !Array.isArray((c.lhs as unknown[][])[0]?.[0]) ? differenceGrid(Tensor.fromRows(c.lhs as number[][]), Tensor.fromRows(c.rhs as number[][])) : null;
  if (grid) return [head, ...grid.map((l) => `  ${l}`)];
  const more = e.count > e.shown.length ? [`  ... and ${e.count - e.shown.length} more`] : [];
  return [`${head}, largest first:`, ...entryLines(e).map((l) => `  ${l}`), ...more];
}

const dimsText = (d: Record<string, number>): string => {
  const s = Object.entries(d).map(([k, v]) => `${k} = ${v}`).join(", ");
  return s ? `, at ${s}` : "";
};

const entries = (v: JsonValue): number => (typeof v === "number" ? 1 : (v as unknown[]).flat(Infinity).length);

/** jsonToText, or for a value of more than BRIEF_ENTRIES entries its dimensions and first entries. */
function briefText(v: JsonValue): string {
  if (entries(v) <= BRIEF_ENTRIES) return jsonToText(v);
  const dims: number[] = [];
  for (let x: unknown = v; Array.isArray(x); x = x[0]) dims.push(x.length);
  const flat = (v as unknown[]).flat(Infinity) as number[];
  return `(${dims.join(" x ")}, ${flat.length} entries: ${flat.slice(0, 4).join(", ")}, ...)`;
}

/** A JSON value (number or rows) in the expression language. */
export function jsonToText(v: JsonValue): string {
  if (typeof v === "number") return String(v);
  // a rank > 2 tensor (nested lists): reshape of its row-major entries, as values.ts prints it
  if (Array.isArray(v[0]) && Array.isArray(v[0][0])) {
    const dims: number[] = [];
    for (let x: unknown = v; Array.isArray(x); x = x[0]) dims.push(x.length);
    return `reshape([${(v as unknown[]).flat(dims.length).join(", ")}], ${dims.join(", ")})`;
  }
  return `[${(v as number[][]).map((r) => r.join(", ")).join("; ")}]`;
}
