// dsl/load.ts keeps jiti's transform of each derivation file in its file
// cache (a warm `derive check` skips the TypeScript transform): an edited file
// must be read as edited, at once, with its steps on their own lines.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../cli/run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("derivation files through the transform cache", () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), "derive-cache-"));
  }, 120_000); // the build, under load, can take more than the default 10 s
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const steps = (): { line: number; claim: string; verdict: string }[] => {
    const r = spawnSync(process.execPath, [join(root, "bin/derive.js"), "check", "d.ts", "--reporter", "json", "--seed", "1"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    return (JSON.parse(r.stdout) as { files: { steps: { line: number; claim: string; verdict: string }[] }[] }).files[0]!.steps;
  };
  const write = (header: string, claim: string): void =>
    writeFileSync(join(dir, "d.ts"), `${header}import { derivation } from "derive";\nexport default derivation("t", { let: { A: "n x n" } }, (d) => {\n  d.step("${claim}");\n});\n`);

  it("an edit between two runs is seen, and a line moved by the edit is reported where it now is", () => {
    write("", "tr(A') = tr(A)");
    const first = steps();
    expect(first.map((s) => [s.line, s.claim, s.verdict])).toEqual([[3, "tr(A') = tr(A)", "proved"]]);
    // the same file again: from the cache, the same report
    expect(steps()).toEqual(first);
    // edited: a new claim, two lines lower
    write("// a header\n// of two lines\n", "A * A' = A' * A");
    expect(steps().map((s) => [s.line, s.claim, s.verdict])).toEqual([[5, "A * A' = A' * A", "refuted"]]);
  });
});
