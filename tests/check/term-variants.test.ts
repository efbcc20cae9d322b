// The term kind of diagnosis (check/diagnose/variants.ts) drops one additive
// term of a side at a time. A side of n terms used to give n variants, each a
// copy of the whole side: `1 - x - x ...` of 5,000 terms spent minutes building
// claims of which at most DIAGNOSIS_BUDGET are ever re-checked. Now a term is
// dropped once however often it occurs, and at most 20 per side.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { termVariants } from "../../src/check/diagnose/variants.js";
import { DIAGNOSIS_BUDGET } from "../../src/check/diagnose/index.js";
import { parseExpr } from "../../src/parse/parser.js";

const chain = (n: number) => `1${" - x".repeat(n)}`;

describe("term variants", () => {
  it("a repeated term is dropped once: 1 - x - x - x gives two variants, not four", () => {
    const vs = termVariants(parseExpr(chain(3)), parseExpr("1 - 2 * x"));
    const left = vs.filter((v) => v.message.endsWith("left side"));
    expect(left.map((v) => v.message.match(/term (\S+) of/)![1])).toEqual(["1", "-x"]);
    expect(left[1]!.claim).toBe("1 - x - x = 1 - 2 * x");
  });

  it("no more variants per side than can be re-checked, however long the side", () => {
    const long = Array.from({ length: 500 }, (_, k) => `y^${k + 1}`).join(" + ");
    const vs = termVariants(parseExpr(long), parseExpr("y"));
    expect(vs.length).toBeGreaterThan(0);
    expect(vs.length).toBeLessThanOrEqual(DIAGNOSIS_BUDGET);
    // the first terms, in order
    expect(vs[0]!.message).toMatch(/without the term y\^1 of the left side/);
  });

  it("a long chain with one term too many is still diagnosed as a dropped term", () => {
    const r = equal({ lhs: chain(300), rhs: "1 - 299 * x", seed: 3, samples: 3 });
    expect(r.verdict).toBe("refuted");
    expect(r.diagnoses?.[0]?.kind).toBe("term");
    expect(r.diagnoses?.[0]?.message).toMatch(/without the term -x of the left side/);
  });
});
