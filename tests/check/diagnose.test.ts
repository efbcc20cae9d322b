// Near-miss diagnoses (issue 15, part 3): each kind fires where its slip is
// the mistake, stays silent where it is not, and every diagnosis stated is a
// corrected claim that holds when checked again on its own.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import type { EqualResult } from "../../src/check/claim.js";
import { derive } from "../cli/run.js";

const SEEDS = [1, 2, 3];
const accepted = ["proved", "verified"];

function refuted(lhs: string, rhs: string, lets: string[], seed: number): EqualResult {
  const r = equal({ lhs, rhs, let: lets, seed });
  expect(r.verdict, `${lhs} = ${rhs} at seed ${seed}: ${r.detail}`).toBe("refuted");
  return r;
}

const kinds = (r: EqualResult): string[] => r.diagnoses.map((d) => d.kind);

describe("each kind fires where its slip is the mistake", () => {
  const cases: [string, string, string[], string, RegExp][] = [
    ["inv(A * B)", "inv(A) * inv(B)", ["A, B: n x n invertible"], "order", /factors of A \* B are in the wrong order: B \* A holds/],
    ["(A * B)'", "inv(B) * inv(A)", ["A, B: n x n invertible"], "inverse", /\(A \* B\)' should be inv\(A \* B\)/],
    ["A * B + A", "A * B", ["A, B: n x n"], "term", /without the term A of the left side/],
    ["A * x", "A * x + b", ["A: n x n", "x, b: n"], "term", /without the term b of the right side/],
    ["grad(x' * A * x, x)", "2 * A * x", ["A: n x n", "x: n"], "property", /holds when A is symmetric/],
    ["(A + B)^2", "A^2 + 2 * A * B + B^2", ["A, B: n x n"], "property", /holds when A and B commute/],
    ["inv(Q)", "Q'", ["Q: n x n invertible"], "property", /holds when Q is orthogonal/],
    ["grad(logdet(X), X)", "inv(X)", ["X: n x n invertible"], "transpose", /transpose of the right side holds/],
    ["grad(tr(A * X), X)", "-A'", ["A, X: n x n"], "sign", /differ only in sign/],
    ["grad(x' * x, x)", "x", ["x: n"], "factor", /2 times the right side/],
  ];
  for (const [lhs, rhs, lets, kind, message] of cases) {
    it(`${lhs} = ${rhs}: ${kind}`, () => {
      for (const seed of SEEDS) {
        const r = refuted(lhs, rhs, lets, seed);
        expect(kinds(r), `seed ${seed}: ${JSON.stringify(r.diagnoses)}`).toContain(kind);
        expect(r.diagnoses.map((d) => d.message).join("\n")).toMatch(message);
      }
    });
  }
});

describe("silent where the slip is not the mistake", () => {
  const cases: [string, string, string[], string[]][] = [
    // no product, inverse or sum to repair, and no property makes it hold
    // (only the n = 1 reading holds: tests/check/diagnose-kinds.test.ts)
    ["tr(A * B)", "tr(A) * tr(B)", ["A, B: n x n"], ["order", "inverse", "term", "transpose", "sign", "factor", "index", "reading"]],
    ["A * B", "B * A + A", ["A, B: n x n"], ["inverse", "sign", "factor", "transpose"]],
    ["x' * x", "norm(x)", ["x: n"], ["order", "inverse", "term", "property", "transpose", "sign", "factor"]],
    ["A + B", "A - B", ["A, B: n x n"], ["order", "inverse", "property", "transpose", "factor"]],
  ];
  for (const [lhs, rhs, lets, absent] of cases) {
    it(`${lhs} = ${rhs}: none of ${absent.join(", ")}`, () => {
      for (const seed of SEEDS) {
        const r = refuted(lhs, rhs, lets, seed);
        for (const k of absent) expect(kinds(r), `seed ${seed}: ${JSON.stringify(r.diagnoses)}`).not.toContain(k);
      }
    });
  }

  it("a claim that holds has no diagnoses, and an error has none", () => {
    expect(equal({ lhs: "tr(A * B)", rhs: "tr(B * A)", let: ["A: n x m", "B: m x n"], seed: 1 }).diagnoses).toEqual([]);
    expect(equal({ lhs: "A * x", rhs: "x", let: ["A: n x m", "x: m"], seed: 1 }).diagnoses).toEqual([]);
  });
});

describe("every diagnosis is a corrected claim that holds on its own", () => {
  const cases: [string, string, string[]][] = [
    ["inv(A * B)", "inv(A) * inv(B)", ["A, B: n x n invertible"]],
    ["A * B + A", "A * B", ["A, B: n x n"]],
    ["grad(logdet(X), X)", "inv(X)", ["X: n x n invertible"]],
    ["(A * B)'", "inv(B) * inv(A)", ["A, B: n x n invertible"]],
  ];
  for (const [lhs, rhs, lets] of cases) {
    it(`${lhs} = ${rhs}`, () => {
      for (const seed of SEEDS) {
        const r = refuted(lhs, rhs, lets, seed);
        expect(r.diagnoses.length).toBeGreaterThan(0);
        for (const d of r.diagnoses) {
          const [claim, withLets] = d.holds.split(" with ");
          const again = equal({ claim: claim!, let: withLets ? withLets.split("; ") : lets, seed: seed + 100 });
          expect(accepted, `${d.holds}: ${again.detail}`).toContain(again.verdict);
        }
      }
    });
  }

  it("the same seed gives the same diagnoses; the verdict is refuted with or without them", () => {
    const a = equal({ lhs: "inv(A * B)", rhs: "inv(A) * inv(B)", let: ["A, B: n x n invertible"], seed: 7 });
    const b = equal({ lhs: "inv(A * B)", rhs: "inv(A) * inv(B)", let: ["A, B: n x n invertible"], seed: 7 });
    const off = equal({ lhs: "inv(A * B)", rhs: "inv(A) * inv(B)", let: ["A, B: n x n invertible"], seed: 7, explain: false });
    expect(a.diagnoses).toEqual(b.diagnoses);
    expect(off.verdict).toBe(a.verdict);
    expect(off.diagnoses).toEqual([]);
  });

  it("derive equal prints them, and --json carries { kind, message, holds }", () => {
    const r = derive("equal", "A * B + A", "A * B", "--let", "A, B: n x n", "--seed", "1");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/diagnosis \(term\): a term is extra or dropped: it holds without the term A of the left side/);
    const j = JSON.parse(derive("equal", "A * B + A", "A * B", "--let", "A, B: n x n", "--seed", "1", "--json").stdout);
    expect(j.diagnoses[0]).toEqual({ kind: "term", message: expect.any(String), holds: "A * B = A * B" });
  });

  it("derive check carries them: pretty under the step, JSON on the step, TAP and JUnit in the failure", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "derive-diag-"));
    const file = path.join(dir, "slips.ts");
    writeFileSync(file, `import { derivation } from "derive";\nexport default derivation("slips", { let: { A: "n x n", B: "n x n" } }, (d) => {\n  d.step("A * B + A = A * B", { expect: "refuted" });\n});\n`);
    const line = /diagnosis \(term\): a term is extra or dropped: it holds without the term A of the left side/;
    const pretty = derive("check", file, "--seed", "1");
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(line);
    const json = JSON.parse(derive("check", file, "--seed", "1", "--reporter", "json").stdout);
    const step = json.files[0].steps[0];
    expect(step.diagnoses.map((d: { kind: string }) => d.kind)).toContain("term");
    expect(step.counterexampleOriginal).not.toBeNull();
    expect(step.counterexample.entries).not.toBeUndefined();
    // a step that met its expectation is not a TAP or JUnit failure: expect accepted to see them
    writeFileSync(file, `import { derivation } from "derive";\nexport default derivation("slips", { let: { A: "n x n", B: "n x n" } }, (d) => {\n  d.step("A * B + A = A * B");\n});\n`);
    expect(derive("check", file, "--seed", "1", "--reporter", "tap").stdout).toMatch(/diagnoses: "term: a term is extra or dropped/);
    expect(derive("check", file, "--seed", "1", "--reporter", "junit").stdout).toMatch(line);
  });
});
