// Every item of ../shared/catalog.md, of every kind (identity, derivative,
// worked example, inequality, argmin-equivalence, shape/count, statistical,
// recurrence/induction, limit/asymptotic, tensor-op), has checked steps in
// derivations/ carrying its label as `source`, and every `source` used is a
// label the catalogue defines.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadDerivations } from "../../src/dsl/load.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const catalogPath = fileURLToPath(new URL("../../../shared/catalog.md", import.meta.url));
const KINDS = [
  "identity",
  "derivative",
  "worked example",
  "inequality",
  "argmin-equivalence",
  "shape/count",
  "statistical",
  "recurrence/induction",
  "limit/asymptotic",
  "tensor-op",
];

interface Item {
  label: string;
  kinds: string[];
}

function catalog(): Item[] {
  const items: Item[] = [];
  for (const line of readFileSync(catalogPath, "utf8").split("\n")) {
    const m = /^- `(\d{3} [^`]+)`[^·]*· ([^.;]+)[.;]/.exec(line);
    if (m) items.push({ label: m[1]!, kinds: m[2]!.split(",").map((k) => k.trim()) });
  }
  return items;
}

describe.runIf(existsSync(catalogPath))("catalogue coverage", () => {
  it("every covered catalogue item has checked steps with its source, and every source is a catalogue label", async () => {
    const items = catalog();
    expect(items.length).toBeGreaterThan(50);
    const labels = new Set(items.map((i) => i.label));
    const used = new Map<string, number>();
    const files = readdirSync(`${root}/derivations`).filter((f) => f.endsWith(".ts"));
    for (const f of files) {
      for (const d of await loadDerivations(`${root}/derivations/${f}`, `${root}/src/index.ts`)) {
        for (const e of d.entries) {
          if (e.kind === "define" || e.opts.skip) continue;
          const src = e.opts.source ?? d.source;
          if (!src || !/^\d{3} /.test(src)) continue;
          expect(labels.has(src), `${f}: source "${src}" is not a catalogue label`).toBe(true);
          used.set(src, (used.get(src) ?? 0) + 1);
        }
      }
    }
    // a kind this list does not know would silently exempt its items
    const unknown = items.flatMap((i) => i.kinds.filter((k) => !KINDS.includes(k)).map((k) => `${i.label}: ${k}`));
    expect(unknown).toEqual([]);
    const missing = items.filter((i) => !used.has(i.label)).map((i) => i.label);
    expect(missing).toEqual([]);
  }, 120_000);
});
