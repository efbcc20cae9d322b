// Shape slips kept as written (issue 15, part 4; src/check/shape-slip.ts and
// src/dsl/shape-slip.ts): for a claim whose shapes do not fit, the single
// transpose that makes them fit (a factor, or a whole side: the other layout),
// and in a derivation the verdict of the claim with it. Silent when the claim
// fits already or no single transpose helps.

import { describe, expect, it } from "vitest";
import { shapeSlip } from "../../src/check/shape-slip.js";
import { Scope } from "../../src/parse/scope.js";
import { derivation } from "../../src/dsl/derivation.js";
import { checkSteps } from "../../src/dsl/run.js";

const slip = (claim: string, ...lets: string[]) => shapeSlip(claim, Scope.parse(lets));

describe("shapeSlip", () => {
  it("names the factor whose transpose fits", () => {
    const s = slip("W * h + b = z", "W: p x q", "h: p", "b: q", "z: q");
    expect(s).toMatchObject({ fix: "transpose", what: "W", fits: "W' * h + b = z" });
    expect(s!.message).toBe("the transpose of W fits: W' * h + b = z");
  });

  it("a product operand that is not a variable: the transpose of (A * B) fits", () => {
    const s = slip("(A * B) * x = y", "A: p x q", "B: q x r", "x: p", "y: r");
    // no single variable fits (A' or B' breaks A * B), the transpose of the product does
    expect(s?.fix).toBe("transpose");
    expect(s!.fits).toBe("(A * B)' * x = y");
  });

  it("a derivative written in the other layout: the transpose of a side, said as a layout", () => {
    const s = slip("grad(tr(X' * A * X), X) = X' * (A + A')", "X: n x m", "A: n x n");
    expect(s?.fix).toBe("layout");
    expect(s!.what).toBe("the right side");
    expect(s!.message).toMatch(/^the other layout fits \(numerator vs denominator/);
  });

  it("two sides that are transposes without a derivative: the transpose of the right side", () => {
    const s = slip("A * x = x' * A", "A: n x n", "x: n");
    expect(s?.fix).toBe("layout");
    expect(s!.message).toBe("the transpose of the right side fits: A * x = (x' * A)'");
  });

  it("stays silent when the claim fits, when no single transpose helps, and on a syntax error", () => {
    expect(slip("A * x = x", "A: n x n", "x: n")).toBeNull();
    expect(slip("X * X = X", "X: n x m")).toBeNull();
    expect(slip("x + 1 = y", "x: n", "y: m")).toBeNull();
    expect(slip("A * (x = x", "A: n x n", "x: n")).toBeNull();
  });
});

describe("a step kept with expect: \"shape error\"", () => {
  it("keeps its verdict (error, expected shape error met) and tells the fix with the verdict of the claim with it", () => {
    const d = derivation("slips", { let: { W: "p x q", h: "p", b: "q", X: "n x m", A: "n x n" } }, (t) => {
      t.step("W * h + b = W' * h + b", { expect: "shape error" });
      t.step("grad(tr(X' * A * X), X) = X' * (A + A')", { expect: "shape error" });
      t.step("grad(tr(X' * A * X), X) = X' * A", { expect: "shape error" });
      t.step("X * X = X", { expect: "shape error" });
      t.step("X' * A * X = X' * A * X");
    });
    const out = [...checkSteps(d, { seed: 1 })];
    expect(out.map((s) => [s.verdict, s.ok])).toEqual([["error", true], ["error", true], ["error", true], ["error", true], ["proved", true]]);
    expect(out[0]!.shapeSlip).toMatchObject({ fix: "transpose", what: "W", verdict: "proved" });
    expect(out[1]!.shapeSlip).toMatchObject({ fix: "layout", verdict: "proved" });
    // fits, but wrong: the fix is told with its refutation
    expect(out[2]!.shapeSlip).toMatchObject({ fix: "layout", verdict: "refuted" });
    expect(out[3]!.shapeSlip).toBeUndefined();
    expect(out[4]!.shapeSlip).toBeUndefined();
  });

  it("a step with given values is judged with their shapes; an error that is not a shape error has no slip", () => {
    const d = derivation("given", { given: { M: "[1, 2, 3; 4, 5, 6]", v: "[1; 1]" } }, (t) => {
      t.step("M * v = [5; 7; 9]", { expect: "shape error" });
      t.step("M * (v = v", { expect: "shape error" });
    });
    const [a, b] = [...checkSteps(d, { seed: 1 })];
    expect(a!.shapeSlip).toMatchObject({ fix: "transpose", what: "M", fits: "M' * v = [5; 7; 9]", verdict: "proved" });
    expect(b!.ok).toBe(false);
    expect(b!.shapeSlip).toBeUndefined();
  });

  it("does not depend on the seed", () => {
    const d = derivation("seeds", { let: { X: "n x m", A: "n x n" } }, (t) => {
      t.step("grad(tr(X' * A * X), X) = X' * A", { expect: "shape error" });
      t.step("grad(tr(X' * A * X), X) = X' * (A + A')", { expect: "shape error" });
    });
    const at = (seed: number) => [...checkSteps(d, { seed })].map((s) => JSON.stringify(s.shapeSlip));
    expect(at(2)).toEqual(at(1));
    expect(at(9)).toEqual(at(1));
  });
});
