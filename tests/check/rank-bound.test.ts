// Rank bounds proved from shapes (check/rank-bound.ts): rank(F1 * ... * Fk) <= k
// and det(E) = 0 for a square E through a narrower dimension are proved for
// every value of the variables; anything a shape does not force stays sampled.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";

const check = (claim: string, lets: string[], seed = 1) => equal({ claim, let: lets, seed });

describe("rank bounds from shapes", () => {
  it("proves bounds that the shapes force, with the method symbolic", () => {
    for (const [claim, lets] of [
      ["rank(A * B) <= 2", ["A: 3 x 2", "B: 2 x 3"]],
      ["rank(2 * x * y') <= 1", ["x, y: 3"]],
      ["3 >= rank(W')", ["W: 5 x 3"]],
      ["rank(A * B) < 3", ["A: 3 x 2", "B: 2 x 3"]],
      ["det(A * B) = 0", ["A: 3 x 2", "B: 2 x 3"]],
      ["0 = det(x * y')", ["x, y: 4"]],
    ] as const) {
      const r = check(claim, [...lets]);
      expect(r.verdict, `${claim}: ${r.detail}`).toBe("proved");
      expect(r.method).toBe("symbolic");
      expect(r.symbolic).toBe("proved");
      expect(r.detail).toContain("proved from the shapes");
    }
  });

  it("proves nothing the shapes do not force: a rank that can be full, a sum of products, a lower bound", () => {
    for (const [claim, lets, verdict] of [
      ["rank(A * B) <= 1", ["A: 3 x 2", "B: 2 x 3"], "refuted"],
      ["det(B * A) = 0", ["A: 3 x 2", "B: 2 x 3"], "refuted"],
      ["rank(x * y' + y * x') <= 1", ["x, y: 3"], "refuted"],
      ["rank(A) = 2", ["A: 3 x 2"], "verified"],
      ["rank(A) >= 2", ["A: 3 x 2"], "verified"],
    ] as const) {
      const r = check(claim, [...lets]);
      expect(r.verdict, `${claim}: ${r.detail}`).toBe(verdict);
      expect(r.detail).not.toContain("proved from the shapes");
    }
  });

  it("a bound is proved exactly when it is at least the narrowest dimension of the product (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 4 }), fc.integer({ min: 0, max: 4 }), (dims, k) => {
        const names = dims.slice(1).map((_, i) => `M${i}`);
        const lets = names.map((m, i) => `${m}: ${dims[i]} x ${dims[i + 1]}`);
        const r = check(`rank(${names.join(" * ")}) <= ${k}`, lets);
        const narrowest = Math.min(...dims);
        // generic matrices reach the narrowest dimension, so a smaller k is false
        expect(r.verdict, r.detail).toBe(k >= narrowest ? "proved" : "refuted");
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
