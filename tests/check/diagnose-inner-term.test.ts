// The term kind inside a product (src/check/diagnose/inner-term.ts): which
// corrected claims it proposes (one term left out of a sum that is a factor
// of a product; never inside a derivative's argument, which is the function
// the author was given), and, as a law, that a term dropped from inside a
// product is named by the diagnosis whatever the sum, the term and the side.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { formInnerTermVariants, writtenInnerTermVariants } from "../../src/check/diagnose/inner-term.js";
import { parseClaim } from "../../src/parse/parser.js";
import { Scope } from "../../src/parse/scope.js";

const sides = (claim: string, lets: string[]) => {
  const c = parseClaim(claim, { isVariable: Scope.parse(lets).isVariable });
  return [c.sides[0]!, c.sides[1]!] as const;
};
const MATS = ["A, B, C, D, P, Q: n x n", "x: n"];

describe("the variants proposed", () => {
  it("one per term of each sum that is a factor of a product, on the side that has it", () => {
    const [l, r] = sides("P * (A + B - C) * x = P * A * x", MATS);
    expect(writtenInnerTermVariants(l, r).map((v) => v.claim)).toEqual(["P * (B - C) * x = P * A * x", "P * (A - C) * x = P * A * x", "P * (A + B) * x = P * A * x"]);
  });

  it("through a transpose, and on the right side too", () => {
    const [l, r] = sides("Q * x = P * (A + B)' * x", MATS);
    expect(writtenInnerTermVariants(l, r).map((v) => v.claim)).toEqual(["Q * x = P * B' * x", "Q * x = P * A' * x"]);
  });

  it("none for a sum that is not inside a product, nor inside a derivative's argument", () => {
    expect(writtenInnerTermVariants(...sides("A + B = C", MATS))).toEqual([]);
    expect(writtenInnerTermVariants(...sides("(A + B)' = C", MATS))).toEqual([]);
    expect(writtenInnerTermVariants(...sides("grad(x' * (A + B) * x, x) = 2 * x", MATS))).toEqual([]);
    // no likeness between the sides (no product factor in common): not a reading of the claim, no re-check spent
    expect(writtenInnerTermVariants(...sides("P * (A + B) = Q * C", MATS))).toEqual([]);
    expect(writtenInnerTermVariants(...sides("P * (A + B) = P * C", MATS)).length).toBe(2);
  });

  it("the derivative's form: the right side checked against it with a term gone from inside a product", () => {
    const [l, r] = sides("diff(exp(x * sin(x)), x) = exp(x * sin(x)) * x * cos(x)", []);
    const claims = formInnerTermVariants(l, r, []).map((v) => v.claim);
    expect(claims).toContain("exp(x * sin(x)) * x * cos(x) = exp(x * sin(x)) .* (x * cos(x))");
    // every variant keeps the right side as written on its left: the slip is checked, not the truth
    for (const c of claims) expect(c.startsWith("exp(x * sin(x)) * x * cos(x) = ")).toBe(true);
  });
});

describe("law: a term dropped from inside a product is named", () => {
  it("P * (sum of k distinct matrices) * x against the same with the i-th left out, either side", () => {
    const NAMES = ["A", "B", "C", "D"];
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.nat(), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1000 }), (k, i0, onLeft, minus, seed) => {
        // signed terms: the last one subtracted when `minus`
        const ts = NAMES.slice(0, k).map((t, j) => (minus && j === k - 1 ? `-${t}` : t));
        const i = i0 % k;
        const sum = (xs: string[]): string => xs.map((t, j) => (j === 0 ? t : t.startsWith("-") ? `- ${t.slice(1)}` : `+ ${t}`)).join(" ");
        const full = `P * (${sum(ts)}) * x`;
        const slip = `P * (${sum(ts.filter((_, j) => j !== i))}) * x`;
        const gone = ts[i]!;
        const claim = onLeft ? `${full} = ${slip}` : `${slip} = ${full}`;
        const r = equal({ claim, let: MATS, seed });
        expect(r.verdict, claim).toBe("refuted");
        const d = r.diagnoses.find((x) => x.kind === "term");
        expect(d, `${claim}: ${JSON.stringify(r.diagnoses)}`).toBeDefined();
        expect(d!.message).toContain(`without the term ${gone} in `);
        expect(d!.message).toContain(`of the ${onLeft ? "left" : "right"} side`);
      }),
      { numRuns: 12, seed: 15 },
    );
  });
});
