// Soundness: a corpus of true identities (Matrix Cookbook, ML) and their typical
// wrong variants (transposed result, layout slip, dropped factor, sign flip,
// swapped order, a property dropped, elementwise vs matrix function). Every
// true claim must be accepted and every false one refuted. Plus a fast-check
// property: perturbing a true claim (scaling, negating or shifting its right
// side) must always be refuted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { loadClaims } from "./claims.js";

const corpus = loadClaims(new URL("./corpus.jsonl", import.meta.url));
const accepted = new Set(["proved", "verified"]);

describe("mutation corpus", () => {
  it("has at least 60 true identities, each with a wrong variant", () => {
    const trueIds = new Set(corpus.filter((c) => c.truth).map((c) => c.id));
    expect(trueIds.size).toBeGreaterThanOrEqual(60);
    for (const id of trueIds) expect(corpus.some((c) => !c.truth && c.id.startsWith(`${id}.`)), id).toBe(true);
  });

  for (const topic of [...new Set(corpus.map((c) => c.topic ?? "other"))]) {
    it(`${topic}: every true claim accepted, every false claim refuted`, () => {
      const failures: string[] = [];
      for (const c of corpus.filter((x) => (x.topic ?? "other") === topic)) {
        for (const seed of [1, 7]) {
          const r = equal({ lhs: c.lhs, rhs: c.rhs, let: c.let, seed });
          const ok = c.truth ? accepted.has(r.verdict) : r.verdict === "refuted";
          if (!ok) failures.push(`${c.id} (seed ${seed}): ${r.verdict}: ${r.detail}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("the symbolic engine proves most true identities", () => {
  // moments, limits, tensors and spectra are decided numerically by design
  // (docs/language.md): they count against "no false claim is proved" only
  const NUMERIC_TOPICS = new Set(["moments", "limits", "tensors", "spectra"]);
  it("at least 70% of the true claims are proved, and no false claim is", () => {
    let proved = 0;
    const trueClaims = corpus.filter((c) => c.truth && !NUMERIC_TOPICS.has(c.topic ?? ""));
    for (const c of corpus) {
      const r = equal({ lhs: c.lhs, rhs: c.rhs, let: c.let, seed: 11 });
      if (r.verdict === "proved") {
        expect(c.truth, `false claim proved: ${c.id}`).toBe(true);
        if (!NUMERIC_TOPICS.has(c.topic ?? "")) proved++;
      }
    }
    expect(proved / trueClaims.length).toBeGreaterThanOrEqual(0.7);
  });
});

describe("perturbed true claims are refuted", () => {
  const trueClaims = corpus.filter((c) => c.truth && c.rhs.trim() !== "0" && !c.rhs.includes("zeros("));
  it("scaling, negating or shifting the right side never passes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...trueClaims),
        fc.constantFrom("2 * (R)", "(-(R))", "(R) + 1", "(R) * 1.001", "(R) + 0.001"),
        fc.integer({ min: 1, max: 1000 }),
        (c, mutation, seed) => {
          const rhs = mutation.replace("R", c.rhs);
          const r = equal({ lhs: c.lhs, rhs, let: c.let, seed });
          // a right side that is zero at every sample cannot be perturbed by scaling
          if (r.verdict !== "refuted" && mutation !== "(R) + 1" && mutation !== "(R) + 0.001") {
            const zero = equal({ lhs: c.rhs, rhs: "0", let: c.let, seed });
            if (accepted.has(zero.verdict)) return;
          }
          expect(r.verdict, `${c.id}: ${c.lhs} = ${rhs}: ${r.detail}`).toBe("refuted");
        },
      ),
      { numRuns: 150, seed: 4242 },
    );
  });
});
