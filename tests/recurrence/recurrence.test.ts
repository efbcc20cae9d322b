// Recurrences with a claimed closed form: base case, inductive step and
// iteration t = 1..50. True closed forms accepted, mutated ones refuted
// (a wrong power, a bias correction with the wrong power), a closed form of
// the wrong shape is a one-line error with its position.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRecurrence, type RecurrenceSpec } from "../../src/check/recurrence.js";

const adam: RecurrenceSpec = {
  name: "m",
  index: "t",
  init: "0",
  step: "b * m + (1 - b) * g[t]",
  closed: "(1 - b) * sum(b^(t - i) * g[i], i, 1, t)",
  inputs: ["g"],
  let: { b: "scalar in (0, 1)" },
};
const gd: RecurrenceSpec = {
  name: "w",
  index: "t",
  init: "w0",
  step: "(I - eps * A) * w + eps * A * ws",
  closed: "ws + (I - eps * A)^t * (w0 - ws)",
  let: { A: "n x n spd", w0: "n", ws: "n", eps: "scalar in (0, 0.1]" },
};

describe("recurrence by induction", () => {
  it("proves Adam's unrolled first moment by induction (the empty sum at t = 0, one step of the sum unfolded), and iterates it", () => {
    const r = checkRecurrence(adam, 1);
    expect(r.verdict).toBe("proved");
    expect(r.detail).toMatch(/^proved by induction .*verified by iteration t = 1\.\.50/);
    expect([r.base, r.inductive, r.iteration]).toEqual(["proved", "proved", "verified"]);
  });
  it("proves the bias of a constant input, (1 - b^t) g, by induction", () => {
    const r = checkRecurrence({ name: "m", index: "t", init: "0", step: "b * m + (1 - b) * g", closed: "(1 - b^t) * g", let: { b: "scalar in (0, 1)" } }, 2);
    expect(["proved", "verified"]).toContain(r.verdict);
    expect(r.base).toBe("proved");
  });
  it("refutes the bias correction with the wrong power, 1 - b^(t-1)", () => {
    const r = checkRecurrence({ name: "m", index: "t", init: "0", step: "b * m + (1 - b) * g", closed: "(1 - b^(t - 1)) * g", let: { b: "scalar in (0, 1)" } }, 2);
    expect(r.verdict).toBe("refuted");
  });
  it("proves the GD iterate on a quadratic by induction and refutes a wrong power", () => {
    expect(checkRecurrence(gd, 3).verdict).toBe("proved");
    const wrong = checkRecurrence({ ...gd, closed: "ws + (I - eps * A)^(t + 1) * (w0 - ws)" }, 3);
    expect(wrong.verdict).toBe("refuted");
  });
  it("property: Adam with the power b^(t - i + k), k != 0, is refuted at some t", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 2 }).filter((k) => k !== 0), fc.integer({ min: 1, max: 1000 }), (k, seed) => {
        const r = checkRecurrence({ ...adam, closed: `(1 - b) * sum(b^(t - i + ${k}) * g[i], i, 1, t)` }, seed);
        expect(r.verdict).toBe("refuted");
        expect(r.detail).toMatch(/refuted at t = \d+: the recurrence gives m = /);
      }),
      { numRuns: 4, seed: 4 },
    );
  });
  it("property: x_t = a x_(t-1) + c has closed form a^t x0 + c (1 - a^t) / (1 - a); a^(t+1) is refuted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
        const spec: RecurrenceSpec = { name: "x", index: "t", init: "x0", step: "a * x + c", closed: "a^t * x0 + c * (1 - a^t) / (1 - a)", let: { a: "scalar in (-0.9, 0.9)" } };
        expect(["proved", "verified"]).toContain(checkRecurrence(spec, seed).verdict);
        expect(checkRecurrence({ ...spec, closed: "a^(t + 1) * x0 + c * (1 - a^t) / (1 - a)" }, seed).verdict).toBe("refuted");
      }),
      { numRuns: 4, seed: 6 },
    );
  });
  it("a closed form of the wrong shape is a one-line error with its position", () => {
    const r = checkRecurrence({ ...gd, closed: "(I - eps * A)^t" }, 1);
    expect(r.verdict).toBe("error");
    expect(r.detail).toBe("shape error at 0: the closed form is n x n, but w is n (in closed)");
    const s = checkRecurrence({ ...adam, closed: "(1 - b) * sum(b^(t - i) * g[i], i, 1, t" }, 1);
    expect(s.detail).toMatch(/^syntax error at 39: .* \(in closed\)$/);
  });
});
