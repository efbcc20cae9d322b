// The unfolding of an inductive step (src/check/induction.ts) is a chain of
// identities for integer t >= 1: each rewritten side equals its original at
// sampled points, and the Adam step becomes provable.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { unfoldStep } from "../../src/check/induction.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";

const LETS = ["t: integer in [1, 12]", "b: scalar in (0, 1)", "g: 14", "A: n x n", "w: n", "c: scalar"];

/** The unfolded form of one expression (the other side of the pair is a placeholder). */
function unfold(src: string): string | null {
  const r = unfoldStep([parseExpr(src), parseExpr("0")], "t", 1);
  return r && printExpr(r[0]);
}

describe("unfolding one step of t", () => {
  it("splits the last term off a sum up to t, peels one factor of a power, and moves index-free factors out", () => {
    expect(unfold("(1 - b) * sum(b^(t - i) * g[i], i, 1, t)")).toBe("(1 - b) * (b * sum(b^(t - 1 - i) * g[i], i, 1, t - 1) + b^0 * g[t])");
    expect(unfold("(I - A)^t * w")).toBe("(I - A) * (I - A)^(t - 1) * w");
    expect(unfold("b^(t - 1)")).toBeNull(); // written in t - 1 already: nothing to do
  });

  for (const src of [
    "(1 - b) * sum(b^(t - i) * g[i], i, 1, t)",
    "sum(c * b^(2 * t - i + 1) * g[i] * b, i, 1, t)",
    "prod(1 + b^(t - i), i, 1, t)",
    "(I - A / 4)^(t + 2) * w",
    "sum(g[i], i, 2, t) + b^t",
  ]) {
    it(`keeps the value: ${src}`, () => {
      const u = unfold(src);
      expect(u).not.toBeNull();
      for (const seed of [1, 2, 3]) {
        const r = equal({ lhs: src, rhs: u!, let: LETS, seed });
        expect(["proved", "verified"], `${src} = ${u}: ${r.detail}`).toContain(r.verdict);
      }
    });
  }

  it("does not split a sum whose range may be empty at the first t (a lower bound beyond it)", () => {
    expect(unfold("sum(g[i], i, 3, t)")).toBeNull();
  });
});
