// The shared conformance sample (../shared/conformance/claims.jsonl, copied as a
// fixture): every true claim accepted, every false one refuted, on two seeds.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { loadClaims } from "./claims.js";

const claims = loadClaims(new URL("../fixtures/conformance.jsonl", import.meta.url));

describe("conformance claims", () => {
  it("has the 68 labelled claims", () => {
    expect(claims.length).toBe(68);
  });
  for (const c of claims) {
    it(`${c.id} is ${c.truth ? "accepted" : "refuted"}`, () => {
      for (const seed of [1, 2]) {
        const r = equal({ lhs: c.lhs, rhs: c.rhs, let: c.let, seed });
        const want = c.truth ? ["proved", "verified"] : ["refuted"];
        expect(want, `${c.id} seed ${seed}: ${r.detail}`).toContain(r.verdict);
      }
    });
  }
});
