// Near-miss diagnoses of worked examples and recurrences (issue 15, part 3
// e/f; src/dsl/given-diagnose.ts, src/check/recurrence-diagnose.ts): a step
// checked at given values runs the index and reading kinds with the given
// names as numbers, a refuted d.recurrence its off-by-one and initial-value
// corrections. Each kind fires where its slip is the mistake and stays silent
// on a wrong number no neighbouring reading explains and on a true step; every
// diagnosis stated holds when checked again on its own; the verdict is refuted
// whatever the diagnosis, at every seed.

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkRecurrence } from "../../src/check/recurrence.js";
import { derivation } from "../../src/dsl/derivation.js";
import { type StepOutcome, checkSteps } from "../../src/dsl/run.js";
import { derive } from "../cli/run.js";
import { lineOf } from "../dsl/lines.js";

const SEEDS = [1, 2, 3];
const accepted = ["proved", "verified"];
type Given = Record<string, number | string>;

/** One step of a derivation with these given values and declarations. */
function step(claim: string, given: Given, lets: Record<string, string> = {}, seed = 1, defines: string[] = []): StepOutcome {
  const d = derivation("t", { given, let: lets }, (d) => {
    for (const x of defines) d.define(x);
    d.step(claim);
  });
  const out = [...checkSteps(d, { seed })];
  expect(out).toHaveLength(1);
  return out[0]!;
}

/** claim, given values, declarations, defines, kind, what the message must say */
const FIRES: [string, Given, Record<string, string>, string[], string, RegExp][] = [
  // f: natural log written where base 10 was meant, degrees, a rounded intermediate, "write ≈"
  ["log(x) ≈ 2", { x: 100 }, {}, [], "reading", /^right if log is base 10: log\(x\) read as log base 10 of x$/],
  ["log(x) = 3", { x: 8 }, {}, [], "reading", /^right if log is base 2/],
  ["sin(a) ≈ 0.5", { a: 30 }, {}, [], "reading", /^right if the angle is in degrees: sin\(a\) with a degrees$/],
  ["s * (1 - s) ≈ 0.2275", { z: 0.6 }, {}, ["s = sigmoid(z)"], "reading", /^right with sigmoid\(z\) rounded to 0\.65$/],
  ["s = 0.6457", { z: 0.6 }, {}, ["s = sigmoid(z)"], "reading", /^right to the digits written: 0\.6457 is sigmoid\(z\) rounded \(write ≈\)$/],
  // a free variable beside the given values: the correction is re-checked on fresh samples of y
  ["log(x) * y = 2 * y", { x: 100 }, { y: "scalar" }, [], "reading", /base 10/],
  // e: a given step one off, a literal exponent, the bounds of a sum over a given vector
  ["b^t ≈ 0.81", { b: 0.9, t: 3 }, {}, [], "index", /^off by one step: the left side holds with t - 1 for t$/],
  ["b^3 ≈ 0.81", { b: 0.9 }, {}, [], "index", /^an exponent is off by one: b\^2 for b\^3 holds/],
  ["sum(v[i], i, 1, 3) = 10", { v: "[1; 2; 3; 4]" }, { v: "4" }, [], "index", /^the bounds of sum\(v\[i\], i, 1, 3\) are off by one: with i = 1\.\.4 for i = 1\.\.3 it holds$/],
];

describe("worked examples: each kind fires where its slip is the mistake", () => {
  for (const [claim, given, lets, defines, kind, message] of FIRES) {
    it(`${claim} at ${JSON.stringify(given)}: ${kind}`, () => {
      for (const seed of SEEDS) {
        const s = step(claim, given, lets, seed, defines);
        expect(s.verdict, `seed ${seed}: ${s.detail}`).toBe("refuted");
        const d = s.diagnoses.find((x) => x.kind === kind);
        expect(d, `seed ${seed}: ${JSON.stringify(s.diagnoses)}`).toBeDefined();
        expect(d!.message).toMatch(message);
      }
    });
  }
});

describe("worked examples: every diagnosis stated holds at the same given values", () => {
  for (const [claim, given, lets, defines] of FIRES) {
    it(claim, () => {
      const s = step(claim, given, lets, 1, defines);
      expect(s.diagnoses.length).toBeGreaterThan(0);
      for (const d of s.diagnoses) expect(accepted, `${d.kind}: ${d.holds}`).toContain(step(d.holds, given, lets, 7).verdict);
    });
  }
});

describe("worked examples: silent where no neighbouring reading explains the number", () => {
  const SILENT: [string, Given, Record<string, string>][] = [
    ["w * u ≈ 0.7", { w: 0.5, u: 1.2 }, {}],
    ["log(x) ≈ 9", { x: 100 }, {}],
    ["sin(a) ≈ 0.9", { a: 30 }, {}],
    ["sum(v[i], i, 1, 3) = 7", { v: "[1; 2; 3; 4]" }, { v: "4" }],
    // no rounding moves a value by half of itself: 1 / 2 "rounded" to 1 would double it to 0.6
    ["1 / 2 * x ≈ 0.6", { x: 0.6 }, {}],
    // inside diff(f, b) a subtree in b is not a number: sigmoid(b) "rounded" to 1 would make the derivative 0
    ["diff(1 / 2 * (sigmoid(b) - y)^2, b) = 0", { b: 0, y: 1 }, {}],
    // `= 0` means exactly 0, not 0.04 rounded: no "write ≈"
    ["x = 0", { x: 0.04 }, {}],
  ];
  for (const [claim, given, lets] of SILENT) {
    it(claim, () => {
      for (const seed of SEEDS) {
        const s = step(claim, given, lets, seed);
        expect(s.verdict).toBe("refuted");
        expect(s.diagnoses, JSON.stringify(s.diagnoses)).toEqual([]);
      }
    });
  }
  it("a true step has no diagnosis", () => {
    const s = step("w * u = 0.6", { w: 0.5, u: 1.2 });
    expect(accepted).toContain(s.verdict);
    expect(s.diagnoses).toEqual([]);
  });
});

describe("recurrences: a closed form off by one, a wrong initial value", () => {
  const b = { b: "scalar in (0, 1)" };
  const rec = (closed: string, init = "0", seed = 1): StepOutcome => {
    const d = derivation("r", { let: b }, (d) => d.recurrence({ name: "m", index: "n", init, step: "b * m + (1 - b) * g", closed }));
    return [...checkSteps(d, { seed })][0]!;
  };
  const CASES: [string, string, string, RegExp, string][] = [
    ["(1 - b^(n - 1)) * g", "0", "index", /^in the closed form, an exponent is off by one: b\^n for b\^\(n - 1\) holds/, "(1 - b^n) * g"],
    ["(1 - b^(n + 1)) * g", "0", "index", /^in the closed form, an exponent is off by one: b\^n for b\^\(n \+ 1\) holds/, "(1 - b^n) * g"],
    ["(1 - b^n) * g", "1", "initial", /^a wrong initial value: the closed form holds when m_0 = 0 \(its own value at n = 0\), not 1$/, "(1 - b^n) * g"],
  ];
  for (const [closed, init, kind, message, fixed] of CASES) {
    it(`${closed} from m_0 = ${init}: ${kind}`, () => {
      for (const seed of SEEDS) {
        const s = rec(closed, init, seed);
        expect(s.verdict).toBe("refuted");
        expect(s.diagnoses.map((d) => d.kind)).toEqual([kind]);
        expect(s.diagnoses[0]!.message).toMatch(message);
        expect(s.diagnoses[0]!.holds.startsWith(`m_n = ${fixed}, m_0 = `)).toBe(true);
      }
      // the corrected recurrence holds on its own
      const [, c, i] = /^m_n = (.*), m_0 = (.*)$/.exec(rec(closed, init).diagnoses[0]!.holds)!;
      expect(accepted).toContain(checkRecurrence({ name: "m", index: "n", init: i!, step: "b * m + (1 - b) * g", closed: c!, let: b }, 9).verdict);
    });
  }
  it("a sum's power one too high (Adam's first moment)", () => {
    const d = derivation("r", { let: b }, (d) =>
      d.recurrence({ name: "m", index: "n", init: "0", step: "b * m + (1 - b) * g[n]", closed: "(1 - b) * sum(b^(n - i + 1) * g[i], i, 1, n)", inputs: ["g"] }),
    );
    const s = [...checkSteps(d, { seed: 1 })][0]!;
    expect(s.verdict).toBe("refuted");
    expect(s.diagnoses).toEqual([
      { kind: "index", message: "in the closed form, an exponent is off by one: b^(n - i) for b^(n - i + 1) holds (the value one step earlier)", holds: "m_n = (1 - b) * sum(b^(n - i) * g[i], i, 1, n), m_0 = 0" },
    ]);
  });
  it("silent when no step, index or initial value explains it, and on a true recurrence", () => {
    for (const seed of SEEDS) {
      const s = rec("(1 - b^n) * g + 0.01", "0", seed);
      expect(s.verdict).toBe("refuted");
      expect(s.diagnoses).toEqual([]);
    }
    const ok = rec("(1 - b^n) * g");
    expect(accepted).toContain(ok.verdict);
    expect(ok.diagnoses).toEqual([]);
  });
});

describe("the reporters carry them for worked examples and recurrences", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const FIXTURE = "tests/fixtures/derivations/given-diagnoses.ts";
  const at = (marker: string): number => lineOf(join(root, FIXTURE), marker);
  interface JsonStep { line: number; verdict: string; ok: boolean; diagnoses: { kind: string; message: string; holds: string }[] }
  const r = derive("check", FIXTURE, "--reporter", "json", "--seed", "1");
  const steps = (JSON.parse(r.stdout) as { files: { steps: JsonStep[] }[] }).files[0]!.steps;
  const byLine = (m: string): JsonStep => steps.find((s) => s.line === at(m))!;

  it("JSON: diagnoses on the refuted worked numbers and recurrences, none on the unexplained or true ones; every step ok", () => {
    expect(r.code).toBe(0);
    expect(steps.every((s) => s.ok)).toBe(true);
    expect(byLine("log10").diagnoses.map((d) => d.kind)).toEqual(["reading"]);
    expect(byLine("degrees").diagnoses[0]!.holds).toBe("sin(a * pi / 180) ≈ 0.5");
    expect(byLine("rounded").diagnoses[0]!.message).toBe("right with sigmoid(z) rounded to 0.65");
    expect(byLine("step").diagnoses.map((d) => d.kind)).toEqual(["index"]);
    expect(byLine("unexplained").diagnoses).toEqual([]);
    expect(byLine("true").diagnoses).toEqual([]);
    expect(byLine("power").diagnoses.map((d) => d.kind)).toEqual(["index"]);
    expect(byLine("initial").diagnoses.map((d) => d.kind)).toEqual(["initial"]);
  });
  it("pretty, TAP and JUnit print them", () => {
    const pretty = derive("check", FIXTURE, "--seed", "1");
    expect(pretty.stdout).toContain("diagnosis (reading): right with sigmoid(z) rounded to 0.65");
    expect(pretty.stdout).toContain("diagnosis (initial): a wrong initial value");
    const tap = derive("check", FIXTURE, "--reporter", "tap", "--seed", "1");
    expect(tap.stdout).toContain("reading: right if the angle is in degrees: sin(a) with a degrees");
    expect(tap.stdout).toContain("index: in the closed form, an exponent is off by one");
    const junit = derive("check", FIXTURE, "--reporter", "junit", "--seed", "1");
    expect(junit.stdout).toContain("diagnosis (index): off by one step: the left side holds with t - 1 for t");
  });
});
