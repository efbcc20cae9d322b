// Soundness of bounds and inequalities (issue 11): a labelled set of false
// claims of the kinds that slip through random sampling (constants that hide a
// dimension, narrow failure regions, failures on half the domain, properties
// that are not declared, wrong directions), each refuted under 10 seeds, and
// true ones, each accepted (proved or verified) under 10 seeds: a true
// inequality refuted is a wrong answer too. Each line of inequalities.jsonl
// has the declarations and a note of why the claim is false or true.
//
// Claims marked `needs: "sizes"` fail only at sizes beyond the 2..5 that the
// sampler drew before issue 11 (`n <= 5`, sqrt(5) in place of sqrt(n)); they
// are refuted once sizes reach past 5 (issue 11, item 1), and are asserted
// here like the others.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";

interface Labelled {
  id: string;
  claim: string;
  let: string[];
  truth: boolean;
  kind: string;
  note: string;
  needs?: "sizes";
}

const claims: Labelled[] = readFileSync(new URL("./inequalities.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Labelled);

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const accepted = new Set(["proved", "verified"]);

/** Every seed on which a claim gets the wrong verdict, with what it got. */
function wrongVerdicts(c: Labelled): string[] {
  const out: string[] = [];
  for (const seed of SEEDS) {
    const r = equal({ claim: c.claim, let: c.let, seed });
    const ok = c.truth ? accepted.has(r.verdict) : r.verdict === "refuted";
    if (!ok) out.push(`${c.id} (${c.claim}; ${c.let.join("; ")}) seed ${seed}: ${r.verdict}: ${r.detail}`);
  }
  return out;
}

describe("the inequality soundness set", () => {
  it("has at least 100 false and 100 true claims, distinct, each with a note", () => {
    expect(claims.filter((c) => !c.truth).length).toBeGreaterThanOrEqual(100);
    expect(claims.filter((c) => c.truth).length).toBeGreaterThanOrEqual(100);
    const keys = claims.map((c) => `${c.claim} | ${c.let.join("; ")}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
    for (const c of claims) expect(c.note.length, c.id).toBeGreaterThan(5);
  });

  it("covers every kind of false claim of the issue", () => {
    const kinds = new Set(claims.filter((c) => !c.truth).map((c) => c.kind));
    for (const k of ["dimension", "narrow", "half", "property", "wrong"]) expect(kinds, k).toContain(k);
  });

  // one test per claim (each under 10 seeds), named by kind, so a failure names its claim
  for (const c of claims) {
    const beyond = c.needs ? " (fails only beyond size 5)" : "";
    it(`${c.truth ? "true" : "false"} ${c.kind}${beyond}: ${c.id} ${c.claim} is ${c.truth ? "accepted" : "refuted"} under seeds 1..10`, () => {
      expect(wrongVerdicts(c)).toEqual([]);
    });
  }
});
