// `derive check --timeout S` is per step (issue 11): a step that runs longer is
// an error "timed out after S s" for that step, never a pass, and neither the
// other steps of its file nor other files are lost.

import { describe, expect, it } from "vitest";
import { derive } from "./run.js";

interface Report {
  files: { file: string; error: string | null; steps: { claim: string; verdict: string; ok: boolean; detail: string }[] }[];
  summary: { passed: number; failed: number; skipped: number };
}

describe("derive check --timeout: per step", () => {
  it("a slow step is an error of its own; the steps after it and the other files still run", () => {
    const r = derive("check", "tests/fixtures/derivations/slow-step.ts", "tests/fixtures/derivations/pass.ts", "--timeout", "3", "--seed", "1", "--reporter", "json");
    expect(r.code).toBe(1); // a step that does not pass, not a file error
    const report = JSON.parse(r.stdout) as Report;
    const slow = report.files.find((f) => f.file.endsWith("slow-step.ts"))!;
    expect(slow.error).toBeNull();
    expect(slow.steps.map((s) => [s.claim, s.verdict])).toEqual([
      ["1 + 1 = 2", "proved"],
      ["tr(grad(logdet(X), X)) = tr(inv(X))", "error"],
      ["3 + 3 = 6", "proved"],
    ]);
    expect(slow.steps[1]!.detail).toMatch(/timed out after 3 s/);
    expect(slow.steps[1]!.ok).toBe(false);
    const pass = report.files.find((f) => f.file.endsWith("pass.ts"))!;
    expect(pass.error).toBeNull();
    expect(pass.steps.every((s) => s.ok)).toBe(true);
  });
});
