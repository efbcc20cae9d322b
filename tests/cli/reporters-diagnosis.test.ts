// Issue 15 part 6: every reporter of `derive check` says what is wrong with a
// refuted step, also when it was refuted as expected (a seed transcription
// keeps the author's wrong step): its likely slips (check/diagnose/) and the
// entries where its sides differ (check/entries.ts). A step without a
// diagnosis shows none, a step that holds shows neither. JUnit stays XML a
// strict reader accepts; TAP stays valid TAP 13 (plan, numbered points, YAML
// blocks of JSON scalars right after their point).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { junit } from "../../src/cli/reporters/junit.js";
import { tap } from "../../src/cli/reporters/tap.js";
import { type CheckRun, runCheck } from "../../src/runner/check.js";
import { derive } from "./run.js";
import { type El, parseXml } from "./xml.js";

const ROOT = join(import.meta.dirname, "../..");
let dir = "";
let file = "";

// line 3: refuted, with diagnoses (transpose; holds when A is symmetric) and 2 of 4 entries differing
// line 4: refuted at a scalar point, no diagnosis; line 5: proved
const FIXTURE = `import { derivation } from "derive";
export default derivation("slips", { let: { A: "n x n", B: "n x n", x: "scalar" } }, (d) => {
  d.step("A' = A", { expect: "refuted" });
  d.step("x^2 + 1 = 3 * x", { expect: "refuted" });
  d.step("tr(A * B) = tr(B * A)");
});
`;
const SYMMETRIC = "holds when A is symmetric";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "derive-report-"));
  file = join(dir, "slips.ts");
  writeFileSync(file, FIXTURE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (...extra: string[]): string => {
  const r = derive("check", file, "--seed", "1", ...extra);
  expect(r.code).toBe(0);
  return r.stdout;
};

/** The lines under a step's own line in the pretty output (indented), up to the next step. */
function under(pretty: string, line: number): string[] {
  const lines = pretty.split("\n");
  const at = lines.findIndex((l) => l.includes(`slips.ts:${line}  `));
  expect(at).toBeGreaterThan(-1);
  const out: string[] = [];
  for (let i = at + 1; i < lines.length && lines[i]!.startsWith("      "); i++) out.push(lines[i]!.trim());
  return out;
}

describe("diagnoses in the reporters of derive check", () => {
  it("pretty: the slips and the differing entries under the refuted step, nothing under the others", () => {
    const pretty = check();
    const first = under(pretty, 3);
    expect(first).toContain(`diagnosis (property): ${SYMMETRIC}`);
    expect(first.some((l) => /^diagnosis \(transpose\): /.test(l))).toBe(true);
    expect(first).toContainEqual(expect.stringMatching(/^entries: 2 of 4 entries differ \(lhs - rhs\): \[1, 2\]: .*; \[2, 1\]: /));
    expect(under(pretty, 4)).toEqual([]);
    expect(under(pretty, 5)).toEqual([]);
  });

  it("json: diagnoses and counterexample.entries on the refuted step, empty or null elsewhere", () => {
    const steps = JSON.parse(check("--reporter", "json")).files[0].steps;
    expect(steps[0].diagnoses).toContainEqual({ kind: "property", message: SYMMETRIC, holds: expect.stringContaining("A' = A") });
    expect(steps[0].counterexample.entries.count).toBe(2);
    expect(steps[0].counterexample.entries.of).toBe(4);
    expect(steps[1].verdict).toBe("refuted");
    expect(steps[1].diagnoses).toEqual([]);
    expect(steps[1].counterexample.entries).toBeNull();
    expect(steps[2].diagnoses).toEqual([]);
    expect(steps[2].counterexample).toBeNull();
  });

  it("junit: a step refuted as expected passes and says what is wrong in <system-out>; the XML parses strictly", () => {
    const doc = parseXml(check("--reporter", "junit").trim());
    const suite = doc.children[0]!;
    expect([suite.attrs.tests, suite.attrs.failures, suite.attrs.errors]).toEqual(["3", "0", "0"]);
    const cases = suite.children.filter((c) => c.name === "testcase");
    const out = (c: El): string | null => c.children.find((x) => x.name === "system-out")?.text ?? null;
    expect(cases.map((c) => c.attrs.line)).toEqual(["3", "4", "5"]);
    expect(out(cases[0]!)).toContain(`diagnosis (property): ${SYMMETRIC}`);
    expect(out(cases[0]!)).toMatch(/^entries: 2 of 4 entries differ/m);
    expect(out(cases[0]!)).toMatch(/^counterexample \(pastes back with --at\): n = 2; A = \[/m);
    expect(out(cases[1]!)).toMatch(/^counterexample/);
    expect(out(cases[1]!)).not.toMatch(/diagnosis|entries/);
    expect(cases[2]!.children).toEqual([]);
    // nothing counted as a failure: the three steps met their expectations
    expect(cases.flatMap((c) => c.children).map((c) => c.name)).toEqual(["system-out", "system-out"]);
  });

  it("tap: the refuted step's point carries a YAML block with its diagnoses; valid TAP 13", () => {
    const tap = check("--reporter", "tap");
    const points = validTap(tap);
    expect(points.map((p) => p.ok)).toEqual([true, true, true]);
    expect(points[0]!.yaml.diagnoses).toContain(`property: ${SYMMETRIC}`);
    expect(points[0]!.yaml.entries).toMatch(/^2 of 4 entries differ/);
    expect(points[1]!.yaml.counterexample).toMatch(/x = /);
    expect(points[1]!.yaml).not.toHaveProperty("diagnoses");
    expect(points[1]!.yaml).not.toHaveProperty("entries");
    expect(points[2]!.yaml).toEqual({});
  });
});

// issue 15 parts 4 and 5 beside a step: a wrong number carried forward (l.10
// z = 0.35; l.11 right with it, l.12 wrong both ways, l.13 independent of it)
// and a shape error whose transpose fits (l.17)
const FOLLOW = "tests/sheets/fixtures/follow-through.ts";
const CONSISTENT = "consistent with the value at line 10 (z = 0.35)";
const BOTH = "refuted also with the value at line 10 (z = 0.35)";
const SLIP = "the transpose of W_1 fits: W_1' * h = (h' * W_1)' (then proved)";
/** what TAP, XML and a reader's eye must keep as text: markup, a closing tag, a TAP point and YAML end, quotes, a control character */
const HOSTILE = `</system-out><x a="1">&amp; ]]> 'q' "w" # not ok 9 - x\n  ...\n  --- \u0007 \\`;

const follow = (...extra: string[]): string => {
  const r = derive("check", FOLLOW, "--seed", "1", ...extra);
  expect(r.code).toBe(0);
  return r.stdout;
};

describe("shape slips and error carried forward in the reporters of derive check", () => {
  it("pretty: the carried check under a refuted step that uses the author's number, the shape slip under the shape error", () => {
    const pretty = follow();
    const at = (line: number): string[] => {
      const lines = pretty.split("\n");
      const i = lines.findIndex((l) => l.includes(`follow-through.ts:${line}  `));
      expect(i).toBeGreaterThan(-1);
      const out: string[] = [];
      for (let j = i + 1; j < lines.length && lines[j]!.startsWith("      "); j++) out.push(lines[j]!.trim());
      return out;
    };
    expect(at(11)).toEqual([CONSISTENT]);
    expect(at(12)).toEqual([BOTH]);
    expect(at(13)).toEqual([]);
    expect(at(17)).toContain(`shape slip: ${SLIP}`);
  });

  it("tap: `carried` and `shapeSlip` in the YAML block of their points (ok points); valid TAP 13", () => {
    const points = validTap(follow("--reporter", "tap"));
    expect(points.map((p) => p.ok)).toEqual([true, true, true, true, true]);
    expect(points.map((p) => p.yaml.carried ?? null)).toEqual([null, CONSISTENT, BOTH, null, null]);
    expect(points.map((p) => p.yaml.shapeSlip ?? null)).toEqual([null, null, null, null, SLIP]);
    expect(points[3]!.yaml).toEqual({});
  });

  it("junit: `carried:` and `shape slip:` lines in <system-out>; the XML parses strictly; nothing counted as failed", () => {
    const suite = parseXml(follow("--reporter", "junit").trim()).children[0]!;
    expect([suite.attrs.tests, suite.attrs.failures, suite.attrs.errors]).toEqual(["5", "0", "0"]);
    const out = suite.children.filter((c) => c.name === "testcase").map((c) => c.children.find((x) => x.name === "system-out")?.text ?? null);
    expect(out[1]).toMatch(new RegExp(`^carried: ${CONSISTENT.replace(/[()]/g, "\\$&")}$`, "m"));
    expect(out[2]).toContain(`carried: ${BOTH}`);
    expect(out[0]).not.toContain("carried");
    expect(out[3]).toBeNull();
    expect(out[4]).toBe(`shape slip: ${SLIP}`);
  });

  it("a hostile carried message, shape slip and claim stay text: one TAP point each with the string back from its YAML, strict XML with it back as text", async () => {
    const real = await runCheck({ files: [FOLLOW], seed: 1, cwd: ROOT, timeout: 900 });
    const steps = real.files[0]!.steps.map((s) => ({
      ...s,
      claim: HOSTILE,
      ...(s.carried ? { carried: { ...s.carried, message: HOSTILE } } : {}),
      ...(s.shapeSlip ? { shapeSlip: { ...s.shapeSlip, message: HOSTILE } } : {}),
    }));
    // the fixture has a step of each kind to make hostile
    expect(steps.filter((s) => s.carried).length).toBe(2);
    expect(steps.filter((s) => s.shapeSlip).length).toBe(1);
    const run: CheckRun = { ...real, files: [{ ...real.files[0]!, steps }] };
    const points = validTap(tap(run));
    expect(points.length).toBe(5);
    expect(points.map((p) => p.yaml.carried ?? null)).toEqual([null, HOSTILE, HOSTILE, null, null]);
    expect(points[4]!.yaml.shapeSlip).toBe(`${HOSTILE} (then proved)`);
    const cases = parseXml(junit(run)).children[0]!.children.filter((c) => c.name === "testcase");
    expect(cases.length).toBe(5);
    // XML 1.0 cannot hold U+0007 even escaped: dropped, everything else comes back as it was
    const asXml = HOSTILE.replace(/\u0007/g, "");
    expect(cases.map((c) => c.attrs.name)).toEqual(steps.map((s) => `${s.line}: ${asXml}`));
    expect(cases[1]!.children[0]!.text).toContain(`\ncarried: ${asXml}`);
    expect(cases[4]!.children[0]!.text).toBe(`shape slip: ${asXml} (then proved)`);
  });
});

interface Point {
  ok: boolean;
  yaml: Record<string, unknown>;
}

/** Reads TAP 13 strictly: the version line, a plan that matches, points numbered 1..N, YAML of `key: JSON scalar` lines. */
function validTap(tap: string): Point[] {
  const lines = tap.trimEnd().split("\n");
  expect(lines[0]).toBe("TAP version 13");
  const points: Point[] = [];
  let plan = -1;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith("#")) continue;
    const p = /^1\.\.(\d+)$/.exec(l);
    if (p) {
      expect(plan).toBe(-1);
      plan = Number(p[1]);
      continue;
    }
    // a description holds no bare `#` (TAP 13: escaped as `\#`) and no newline
    const m = /^(ok|not ok) (\d+) - (?:[^#\\\n]|\\.)*(?:\s#\s(SKIP|TODO)\b.*)?$/.exec(l);
    if (m) {
      expect(Number(m[2])).toBe(points.length + 1);
      points.push({ ok: m[1] === "ok", yaml: {} });
      continue;
    }
    // a YAML block belongs to the point just before it
    expect(l).toBe("  ---");
    expect(points.length).toBeGreaterThan(0);
    const yaml = points[points.length - 1]!.yaml;
    for (i++; lines[i] !== "  ..."; i++) {
      expect(i).toBeLessThan(lines.length);
      const kv = /^ {2}(\w+): (.*)$/.exec(lines[i]!);
      expect(kv, lines[i]).not.toBeNull();
      yaml[kv![1]!] = JSON.parse(kv![2]!);
    }
  }
  expect(plan).toBe(points.length);
  return points;
}
