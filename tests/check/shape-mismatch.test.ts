// Sides of different shapes (issue 11): the error points at the right side
// (in its own text, or in the claim), and when the transpose of the right
// side has the left side's shape, the classic missing transpose on
// non-square matrices, it says so.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";

const LAYOUT = "the transpose of the right side has the left side's shape (n x m): a layout slip?";

describe("sides of different shapes", () => {
  it("grad(tr(A * X), X) = A with A: m x n: positioned at the right side, with the layout hint", () => {
    const r = equal({ lhs: "grad(tr(A * X), X)", rhs: "A", let: ["A: m x n", "X: n x m"], seed: 1 });
    expect(r.verdict).toBe("error");
    expect(r.error!.position).toBe(0);
    expect(r.error!.message).toBe(`shape error at 0: the sides have different shapes: n x m and m x n; ${LAYOUT} (in rhs)`);
  });

  it("in a whole claim, the position is the right side's offset in the claim", () => {
    const r = equal({ claim: "grad(tr(A * X), X) = 2 * A", let: ["A: m x n", "X: n x m"], seed: 1 });
    expect(r.error!.position).toBe(21);
    expect(r.error!.message).toContain(LAYOUT);
    expect(r.error!.message).toMatch(/\(in claim\)$/);
  });

  it("a vector against a row: the hint names the vector's shape", () => {
    const r = equal({ lhs: "x", rhs: "x'", let: ["x: n"], seed: 1 });
    expect(r.error!.message).toContain("the transpose of the right side has the left side's shape (n)");
  });

  it("no hint when the transpose does not help either, or the matrices are square", () => {
    const r = equal({ lhs: "x", rhs: "y", let: ["x: n", "y: m"], seed: 1 });
    expect(r.error!.message).toBe("shape error at 0: the sides have different shapes: n and m (in rhs)");
    const s = equal({ lhs: "A", rhs: "B", let: ["A: n x m", "B: m x m"], seed: 1 });
    expect(s.error!.message).not.toContain("layout slip");
  });
});
