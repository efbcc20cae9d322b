// derive testgen: every shipped derivation becomes a vitest file that passes
// when run (resolving "derive/testing" to the built dist/testing.js), the
// output is byte-identical for the same input, the files import only vitest
// and derive/testing, and a wrong step makes its generated test fail.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive, ensureBuilt } from "../cli/run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "derive-testgen-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

const derivations = readdirSync(join(root, "derivations")).filter((f) => f.endsWith(".ts")).map((f) => `derivations/${f}`);

/**
 * Runs vitest on a directory of generated files in a child process: one
 * worker and one module graph for all files (isolate: false), so the kit
 * bundle is loaded once and the run stays within CI's two cores.
 */
function runVitest(dir: string): { code: number; out: string } {
  writeFileSync(
    join(dir, "vitest.config.mjs"),
    `export default { resolve: { alias: { "derive/testing": ${JSON.stringify(join(root, "dist/testing.js"))} } }, test: { include: ["*.test.ts"], pool: "threads", maxWorkers: 1, isolate: false, reporters: ["default"] } };\n`,
  );
  const r = spawnSync(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--root", dir, "--config", join(dir, "vitest.config.mjs")], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", VITEST: undefined, VITEST_WORKER_ID: undefined, VITEST_POOL_ID: undefined },
    timeout: 300_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}\n${r.stderr}` };
}

describe("derive testgen on the shipped derivations", () => {
  const a = join(work, "a");
  const b = join(work, "b");

  it("writes one file per derivation file, the same bytes on a second run", () => {
    const first = derive("testgen", ...derivations, "--out", a, "--runs", "2");
    expect(first.code, first.stderr).toBe(0);
    const second = derive("testgen", ...derivations, "--out", b, "--runs", "2");
    expect(second.code, second.stderr).toBe(0);
    const files = readdirSync(a).filter((f) => f.endsWith(".test.ts")).sort();
    expect(files).toEqual(derivations.map((d) => d.replace(/^derivations\//, "").replace(/\.ts$/, ".test.ts")).sort());
    for (const f of files) expect(readFileSync(join(b, f), "utf8"), f).toBe(readFileSync(join(a, f), "utf8"));
  });

  it("the files import only vitest and derive/testing, and name each test by file and line", () => {
    for (const f of readdirSync(a).filter((x) => x.endsWith(".test.ts"))) {
      const text = readFileSync(join(a, f), "utf8");
      const from = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
      expect(new Set(from).size > 0 && [...from].every((m) => m === "vitest" || m === "derive/testing"), `${f}: ${from.join(", ")}`).toBe(true);
      const base = f.replace(/\.test\.ts$/, ".ts");
      for (const m of text.matchAll(/^ {2}it(?:\.todo)?\("([^"]*)"/gm)) expect(m[1]!.startsWith(`${base}:`), m[1]).toBe(true);
    }
  });

  it("the generated suites pass", () => {
    const r = runVitest(a);
    expect(r.code, r.out.slice(-4000)).toBe(0);
    const passed = Number(/Tests\s+(\d+) passed/.exec(r.out)?.[1] ?? 0);
    // every step of the shipped derivations is a test (1,182 when this was written)
    expect(passed, r.out.slice(-2000)).toBeGreaterThan(1000);
  }, 600_000);
});

describe("derive testgen on wrong steps", () => {
  it("a false step expected accepted and a true step expected refuted are failing tests; right ones pass", () => {
    const dir = join(work, "wrong");
    const src = join(work, "wrong-src");
    rmSync(src, { recursive: true, force: true });
    spawnSync("mkdir", ["-p", src]);
    writeFileSync(
      join(src, "wrong.ts"),
      [
        'import { derivation } from "derive";',
        'export default derivation("wrong steps", { let: { "A, B": "n x n", x: "n", s: "scalar ~ normal(0, 1)" } }, (d) => {',
        '  d.step("tr(A * B) = tr(B * A)");',
        '  d.step("A * B = B * A");',
        '  d.step("A * B = B * A", { expect: "refuted" });',
        '  d.step("(A + B)\' = A\' + B\'", { expect: "refuted" });',
        '  d.step("E(s^2) = 2");',
        "});",
        "",
      ].join("\n"),
    );
    const g = derive("testgen", join(src, "wrong.ts"), "--out", dir, "--runs", "20");
    expect(g.code, g.stderr).toBe(0);
    const text = readFileSync(join(dir, "wrong.test.ts"), "utf8");
    expect(text).toContain('it("wrong.ts:3 tr(A * B) = tr(B * A)"');
    expect(text).toContain('it("wrong.ts:5 refuted: A * B = B * A"');
    expect(text).toContain("[derive's checker: statistical");
    const r = runVitest(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Tests\s+3 failed \| 2 passed/);
    expect(r.out).toMatch(/✓ .*wrong\.ts:3 tr\(A \* B\) = tr\(B \* A\)/);
    expect(r.out).toMatch(/✓ .*wrong\.ts:5 refuted: A \* B = B \* A/);
    expect(r.out).toMatch(/× .*wrong\.ts:4 A \* B = B \* A/);
    expect(r.out).toMatch(/× .*wrong\.ts:6 refuted: /);
    expect(r.out).toMatch(/× .*wrong\.ts:7 E\(s\^2\) = 2/);
  }, 300_000);

  it("a file that does not load is exit 2 with one line, and nothing is written", () => {
    const bad = join(work, "bad.ts");
    writeFileSync(bad, "export default 1;\n");
    const r = derive("testgen", bad, "--out", join(work, "none"));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^derive testgen: .*bad\.ts: no derivation exported/);
    expect(readdirSync(work)).not.toContain("none");
  });

  it("--help prints the usage", () => {
    const r = derive("testgen", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/derive testgen FILES\.\.\. --out DIR \[--runs N\] \[--seed N\]/);
  });

  it("--out is required", () => {
    const r = derive("testgen", "derivations/003-softmax.ts");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out DIR is required/);
  });
});
