// `derive sheet` loads each derivation file once: the check's worker carries
// back what the sheet needs besides the verdicts (titles, question,
// declarations, d.text prose; src/dsl/describe.ts), so the parent never loads
// the file again. A file that counts its own loads proves it; the sheet still
// holds the prose and the verdicts `derive check` gives on the same seed.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "derive-once-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function derive(args: string[], env: NodeJS.ProcessEnv): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "derive.js"), ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("derive sheet loads each file once", () => {
  it("one load per file; prose, question and declarations reach the sheet; verdicts equal derive check's", () => {
    const counter = join(tmp, "loads.txt");
    writeFileSync(counter, "");
    const file = join(tmp, "counted.ts");
    writeFileSync(
      file,
      [
        'import { appendFileSync } from "node:fs";',
        'import { derivation } from "derive";',
        "appendFileSync(process.env.DERIVE_TEST_LOADS!, 'load\\n');",
        'export default derivation("Counted", { question: "Why $x^2$?", let: { A: "n x n spd" } }, (d) => {',
        '  d.text("Prose that only the worker saw.");',
        '  d.step("tr(A) = tr(A\')");',
        '  d.step("tr(A) = 2 * tr(A)", { expect: "refuted" });',
        "});",
      ].join("\n"),
    );
    const env = { ...process.env, DERIVE_TEST_LOADS: counter };
    const out = join(tmp, "out");
    const r = derive(["sheet", file, "--out", out, "--seed", "3"], env);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(counter, "utf8")).toBe("load\n");
    const html = readFileSync(join(out, "counted.html"), "utf8");
    expect(html).toContain("Prose that only the worker saw.");
    expect(html).toContain("<strong>Question</strong>");
    expect(html).toMatch(/symmetric(\s|&nbsp;|\u00a0)positive/);
    writeFileSync(counter, "");
    const check = derive(["check", file, "--reporter", "json", "--seed", "3"], env);
    const steps = (JSON.parse(check.out) as { files: { steps: { line: number; verdict: string; expected: string; ok: boolean }[] }[] }).files[0]!.steps;
    const marks = [...html.matchAll(/id="L(\d+)" data-verdict="(\w+)" data-expected="([\w ]+)" data-ok="(\w+)"/g)].map((m) => [Number(m[1]), m[2], m[3], m[4] === "true"]);
    expect(marks).toEqual(steps.map((s) => [s.line, s.verdict, s.expected, s.ok]));
  }, 600_000);
});
