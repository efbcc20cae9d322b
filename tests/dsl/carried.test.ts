// Error carried forward (issue 15, part 5; src/dsl/carried.ts): a later step
// that uses a number a refuted step stated is checked again with the author's
// number, and says whether it is consistent with it. The verdict that counts
// stays the one against the truth.

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { derivation } from "../../src/dsl/derivation.js";
import { type StepOutcome, checkSteps } from "../../src/dsl/run.js";
import { derive } from "../cli/run.js";
import { lineOf } from "./lines.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = "tests/fixtures/derivations/carried.ts";
const at = (marker: string): number => lineOf(join(root, FIXTURE), marker);
const check = (d: ReturnType<typeof derivation>, seed = 1): StepOutcome[] => [...checkSteps(d, { seed })];

interface JsonStep {
  line: number;
  claim: string;
  verdict: string;
  ok: boolean;
  carried?: { verdict: string; from: { line: number; name: string; value: number; text: string }[]; claim: string; message: string };
}
const jsonSteps = (seed: number): JsonStep[] => {
  const r = derive("check", FIXTURE, "--reporter", "json", "--seed", String(seed));
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { files: { steps: JsonStep[] }[] }).files[0]!.steps;
};

describe("derive check follows a wrong number through a worked example", () => {
  const steps = jsonSteps(1);
  const byLine = (marker: string): JsonStep => steps.find((s) => s.line === at(marker))!;

  it("a later step right only with the author's number: refuted against the truth, carried verdict accepted, 'consistent with the value at line k'", () => {
    const s = byLine("consistent");
    expect(s.verdict).toBe("refuted");
    expect(["proved", "verified"]).toContain(s.carried!.verdict);
    expect(s.carried!.from).toEqual([{ line: at("wrong"), name: "z", text: "0.35", value: 0.35 }]);
    expect(s.carried!.message).toBe(`consistent with the value at line ${at("wrong")} (z = 0.35)`);
  });

  it("a later step wrong both ways is refuted with the author's number too, and never called consistent", () => {
    const s = byLine("both");
    expect(s.verdict).toBe("refuted");
    expect(s.carried!.verdict).toBe("refuted");
    expect(s.carried!.message).not.toMatch(/consistent/);
  });

  it("a step that does not use the wrong number has no carried field; nor has the wrong step itself", () => {
    expect(byLine("independent")).not.toHaveProperty("carried");
    expect(byLine("wrong")).not.toHaveProperty("carried");
  });

  it("a step right against the truth keeps its verdict, and the carried check says the author's number would not give it", () => {
    const s = byLine("right");
    expect(s.verdict).toBe("proved");
    expect(s.ok).toBe(true);
    expect(s.carried!.verdict).toBe("refuted");
  });

  it("a given value the author stated wrong is carried too", () => {
    const s = byLine("withgiven");
    expect(s.verdict).toBe("refuted");
    expect(s.carried!.from.map((f) => [f.name, f.value, f.line])).toEqual([["x", 2, at("given")]]);
    expect(["proved", "verified"]).toContain(s.carried!.verdict);
  });

  it("the pretty reporter prints the carried line under a refuted step only", () => {
    const r = derive("check", FIXTURE, "--seed", "1");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const after = (marker: string): string => lines[lines.findIndex((l) => l.includes(`carried.ts:${at(marker)} `)) + 1 + (marker === "wrong" ? 1 : 0)]!;
    expect(after("consistent").trim()).toBe(`consistent with the value at line ${at("wrong")} (z = 0.35)`);
    expect(after("both").trim()).toBe(`refuted also with the value at line ${at("wrong")} (z = 0.35)`);
    expect(lines.filter((l) => /with the value at line/.test(l))).toHaveLength(3);
  });

  it("does not depend on the seed: the verdicts and carried verdicts are the same under seeds 1, 2 and 7", () => {
    const key = (ss: JsonStep[]): string[] => ss.map((s) => `${s.line} ${s.verdict} ${s.carried?.verdict ?? "-"} ${s.carried?.message ?? ""}`);
    expect(key(jsonSteps(2))).toEqual(key(steps));
    expect(key(jsonSteps(7))).toEqual(key(steps));
  });
});

describe("which steps state a value, and which use it (in process)", () => {
  it("a chain from a name to a wrong number states the value of that name; its corrected twin is not consistent", () => {
    const d = derivation("chain", { given: { a: 3 } }, (b) => {
      b.define("s = a^2");
      b.chain("s", "3 * 3", "6", { expect: "refuted" });
      b.step("s + 1 = 7", { expect: "refuted" });
      b.step("s + 1 = 10");
    });
    const out = check(d);
    expect(out.map((s) => s.verdict)).toEqual(["proved", "refuted", "refuted", "proved"]);
    expect(out[2]!.carried!.verdict).toMatch(/proved|verified/);
    expect(out[2]!.carried!.from[0]!.name).toBe("s");
    expect(out[3]!.carried!.verdict).toBe("refuted");
  });

  it("a value stated through a define a later define uses is carried into it (the defines are expanded again from their written bodies)", () => {
    const d = derivation("through a define", { given: { x: 2 } }, (b) => {
      b.define("u = x + 1");
      b.define("v = 10 * u");
      b.step("u ≈ 4", { expect: "refuted" });
      b.step("v = 40", { expect: "refuted" });
    });
    const [, v] = check(d);
    expect(v!.verdict).toBe("refuted");
    expect(v!.carried!.claim).toBe("(10 * (4)) = 40");
    expect(v!.carried!.verdict).toMatch(/proved|verified/);
  });

  it("a derivative by a variable the author's value depends on is not carried (a number has no derivative); by another one it is", () => {
    const d = derivation("derivatives", { given: { w: 0.5, x: 2, s: 0 } }, (b) => {
      b.define("a = w * x");
      b.step("a = 1.5", { expect: "refuted" });
      b.step("diff(a^2, w) = 2 * a * x");
      b.step("diff((a + s)^2, s) = 3", { expect: "refuted" });
      b.step("x = 3", { expect: "refuted" });
      b.step("diff(w * x, x) = 0.5");
    });
    const out = check(d);
    expect(out.map((s) => s.verdict)).toEqual(["refuted", "proved", "refuted", "refuted", "proved"]);
    expect(out[1]!.carried).toBeUndefined();
    // d/ds (a + s)^2 at s = 0 is 2a: 2 against the truth, 3 with the author's a = 1.5
    expect(out[2]!.carried!.verdict).toMatch(/proved|verified/);
    // a given stays a variable at the author's value: the derivative by it is still checked
    expect(out[4]!.carried!.verdict).toMatch(/proved|verified/);
    expect(out[4]!.carried!.from.map((f) => f.name)).toEqual(["x"]);
  });

  it("only a refuted `name = number` of a define or a given states a value: a right one, an expression, a function or a declared variable does not", () => {
    const d = derivation("not stated", { given: { x: 2 }, let: { y: "scalar" } }, (b) => {
      b.define("u = x + 1");
      b.define("f(t) = t + 1");
      b.step("u = 3");
      b.step("u + 0 = 5", { expect: "refuted" });
      b.step("y = 5", { expect: "refuted" });
      b.step("u * 2 = 10", { expect: "refuted" });
      b.step("y + u = y + 3");
    });
    const out = check(d);
    expect(out.map((s) => s.verdict)).toEqual(["proved", "refuted", "refuted", "refuted", "proved"]);
    expect(out.every((s) => s.carried === undefined)).toBe(true);
  });
});
