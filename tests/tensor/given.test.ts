// Tensor values given to a derivation (worked examples with data, as 004 Q3(a)
// gives D1, D2): the value's dimensions fix the declared ones, a value of the
// wrong rank is a value error, and the steps evaluate at the given tensor.

import { describe, expect, it } from "vitest";
import { derivation } from "../../src/dsl/derivation.js";
import { type StepOutcome, checkSteps } from "../../src/dsl/run.js";

const run = (d: ReturnType<typeof derivation>): StepOutcome[] => [...checkSteps(d, { seed: 3 })];

describe("given tensors", () => {
  it("binds the leading dimensions and evaluates the steps at the given value", () => {
    const out = run(derivation("t", {
      let: { X: "1 x c x 4", W: "1 x c x 2" },
      given: { X: "reshape([1, 2, -3, 2, 1, 2, -2, 1], 1, 2, 4)", W: "reshape([1, 0, 0, 1], 1, 2, 2)" },
    }, (d) => {
      d.step("conv1d(X, W) = reshape([3, 0, -2], 1, 1, 3)");
      d.step("conv1d(X, W) = reshape([3, 0, 2], 1, 1, 3)", { expect: "refuted" });
      d.step("sum(X .^ 0) = 4 * c"); // c = 2, fixed by the given X
    }));
    expect(out.map((o) => o.verdict)).toEqual(["verified", "refuted", "verified"]);
    expect(out.every((o) => o.ok)).toBe(true);
  });

  it("a given value of another rank or size is a one-line value error", () => {
    const [rank] = run(derivation("t", { let: { X: "1 x 2 x 4" }, given: { X: "[1, 2, 3, 4; 5, 6, 7, 8]" } }, (d) => d.step("sum(X) = 36")));
    expect(rank!.verdict).toBe("error");
    expect(rank!.detail).toMatch(/X is declared 1 x 2 x 4 but its given value is 2 x 4/);
    const [size] = run(derivation("t", { let: { X: "1 x 2 x 4" }, given: { X: "reshape([1, 2, 3, 4, 5, 6], 1, 2, 3)" } }, (d) => d.step("sum(X) = 21")));
    expect(size!.verdict).toBe("error");
    expect(size!.detail).toMatch(/declared 1 x 2 x 4 but its given value is 1 x 2 x 3/);
    expect(size!.detail).not.toContain("\n");
  });
});
