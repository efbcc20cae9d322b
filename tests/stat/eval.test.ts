// `evaluate` (derive eval) with random variables: a name used only inside
// E/Var/Cov is integrated out, not drawn; an exact moment carries no note; a
// Monte Carlo estimate always carries its draws and standard error, and the
// true value lies within a few standard errors of it.

import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/api.js";

describe("evaluate with random variables", () => {
  it("gives an exact moment without drawing the random name", () => {
    const r = evaluate({ expr: "Var(x * y)", let: ["x ~ normal(1, 2)", "y ~ uniform(-1, 3)"], seed: 1 });
    expect(r.value).toBeCloseTo(6, 12);
    expect(r.sampled).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it("notes a Monte Carlo estimate with its standard error, which covers the true value", () => {
    for (const seed of [1, 2, 3]) {
      const r = evaluate({ expr: "Var(relu(x))", let: ["x ~ normal(0, 1)"], seed });
      expect(r.sampled).toEqual([]);
      expect(r.notes).toHaveLength(1);
      const m = /Monte Carlo estimate: (\d+) draws, standard error ([\d.e-]+)/.exec(r.notes[0]!);
      expect(m).not.toBeNull();
      const truth = 0.5 - 1 / (2 * Math.PI);
      expect(Math.abs((r.value as number) - truth)).toBeLessThan(5 * Number(m![2]));
    }
  });

  it("still draws a random name used outside the moments, from its law", () => {
    const r = evaluate({ expr: "x + E(y)", let: ["x ~ normal(0, 1)", "y ~ normal(2, 1)"], seed: 1 });
    expect(r.sampled).toEqual(["x"]);
    expect(r.value).toBeCloseTo((r.values.x as number) + 2, 12);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const m = evaluate({ expr: "d + E(d)", let: ["d: 3 ~ bernoulli(p)", "p: scalar in (0, 1)"], seed });
      const d = (m.values.d as number[][]).flat();
      expect(d.every((v) => v === 0 || v === 1), `a bernoulli mask, not ${d}`).toBe(true);
      const p = m.values.p as number;
      expect((m.value as number[][]).flat()).toEqual(d.map((v) => expect.closeTo(v + p, 12)));
    }
  });
});
