// Every `lines` that a shipped derivation cites (on a step, or on the
// derivation for its steps to inherit) lies inside the seed document its
// source label names, and starts and ends on a written line: the seeds put a
// blank line between blocks, so a citation one line off lands on a blank.
// Like catalog.test.ts, this reads ../shared/seeds beside the project and runs
// where that folder exists (a lone clone of the project has none).

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseRange } from "../../src/annotate/place.js";
import { loadDerivations } from "../../src/dsl/load.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const seedsDir = fileURLToPath(new URL("../../../shared/seeds", import.meta.url));

function seedLines(): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of readdirSync(seedsDir)) if (/^\d{3}_/.test(f)) m.set(f.slice(0, 3), readFileSync(`${seedsDir}/${f}`, "utf8").split("\n"));
  return m;
}

describe.runIf(existsSync(seedsDir))("seed citations", () => {
  it("every cited range is inside its seed and starts and ends on a written line", async () => {
    const seeds = seedLines();
    expect(seeds.size).toBe(4);
    const bad: string[] = [];
    let cited = 0;
    const files = readdirSync(`${root}/derivations`).filter((f) => /^\d{3}-.*\.ts$/.test(f));
    for (const f of files) {
      for (const d of await loadDerivations(`${root}/derivations/${f}`, `${root}/src/index.ts`)) {
        const sites: [string, string | undefined, string | null][] = [[`${d.title} (derivation)`, d.lines ?? undefined, d.source]];
        for (const e of d.entries) if (e.kind !== "define") sites.push([`line ${e.site.line}`, e.opts.lines, e.opts.source ?? d.source]);
        for (const [where, lines, source] of sites) {
          if (lines === undefined) continue;
          const doc = seeds.get((source ?? f).slice(0, 3));
          if (!doc) continue;
          cited++;
          const r = parseRange(lines);
          const at = `${f} ${where}: lines ${lines}`;
          if (!r) bad.push(`${at} is not a range`);
          else if (r.last > doc.length) bad.push(`${at} lies past the end (${doc.length} lines)`);
          else if (!doc[r.first - 1]!.trim() || !doc[r.last - 1]!.trim()) bad.push(`${at} starts or ends on a blank line`);
        }
      }
    }
    expect(cited).toBeGreaterThan(800);
    expect(bad).toEqual([]);
  }, 900_000);
});
