// Moments of E, Var, Cov: closed-form raw moments, the exact moment algebra
// (true identities accepted, mutated ones refuted, including a variance off by
// a factor 2 and the Xavier chain with the wrong power of n), enumeration of
// bernoulli masks, and errors for invalid symbolic parameters.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { rawMoment } from "../../src/numeric/laws.js";
import { Random } from "../../src/numeric/random.js";

const check = (lhs: string, rhs: string, lets: string[], seed = 7) => equal({ lhs, rhs, let: lets, seed });
const NORMAL = ["x ~ normal(mu, s2)", "s2: scalar positive"];

describe("raw moments in closed form", () => {
  it("normal: E[X^4] = mu^4 + 6 mu^2 v + 3 v^2, E[X^3] = mu^3 + 3 mu v", () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 4, noNaN: true }), (mu, v) => {
        expect(rawMoment("normal", [mu, v], 4)).toBeCloseTo(mu ** 4 + 6 * mu ** 2 * v + 3 * v ** 2, 9);
        expect(rawMoment("normal", [mu, v], 3)).toBeCloseTo(mu ** 3 + 3 * mu * v, 9);
        expect(rawMoment("normal", [mu, v], 1)).toBeCloseTo(mu, 12);
      }),
    );
  });

  it("uniform: E[X^k] = (b^(k+1) - a^(k+1)) / ((k+1)(b-a)); bernoulli: E[X^k] = p", () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.integer({ min: 1, max: 6 }), (a, w, k) => {
        const b = a + w;
        expect(rawMoment("uniform", [a, b], k)).toBeCloseTo((b ** (k + 1) - a ** (k + 1)) / ((k + 1) * (b - a)), 6);
      }),
    );
    expect(rawMoment("bernoulli", [0.3], 5)).toBe(0.3);
  });

  it("agrees with sample moments of the draws (the laws are drawn as declared)", () => {
    const rng = new Random(3);
    const n = 200_000;
    let m2 = 0;
    for (let i = 0; i < n; i++) m2 += (1 + Math.sqrt(2) * rng.normal()) ** 2;
    // E[X^2] = 1 + 2 = 3 for normal(1, 2); SE about sqrt(Var(X^2)/n) ~ 0.01
    expect(Math.abs(m2 / n - rawMoment("normal", [1, 2], 2))).toBeLessThan(0.06);
  });
});

describe("exact moment algebra", () => {
  it("Var(XY) = Var(X)Var(Y) + Var(X)E(Y)^2 + E(X)^2Var(Y) for independent X, Y (exact moments)", () => {
    const r = check("Var(x*y)", "Var(x)*Var(y) + Var(x)*E(y)^2 + E(x)^2*Var(y)", [...NORMAL, "y ~ uniform(a, a + 1)"]);
    expect(r.verdict, r.detail).toBe("verified");
    expect(r.detail).toContain("exact moments");
    expect(r.detail).toContain("x, y independent (declared separately)");
  });

  it("refutes Var(X)Var(Y) alone (a dropped term), and E(XY) = E(X)E(Y) fails for X with itself", () => {
    expect(check("Var(x*y)", "Var(x)*Var(y)", [...NORMAL, "y ~ uniform(a, a + 1)"]).verdict).toBe("refuted");
    expect(check("E(x*x)", "E(x)*E(x)", NORMAL).verdict).toBe("refuted");
  });

  it("property: Var(c x + b) = c^2 Var(x) holds, and a variance off by a factor (c, 2, c^3) is refuted", () => {
    fc.assert(
      fc.property(fc.integer({ min: -9, max: 9 }).filter((c) => c !== 0 && c !== 1 && c !== -1), fc.integer({ min: 0, max: 1000 }), (c, seed) => {
        const lets = ["x ~ normal(mu, s2)", "s2: scalar positive"];
        expect(check(`Var(${c} * x + b)`, `(${c})^2 * Var(x)`, lets, seed).verdict).toBe("verified");
        expect(check(`Var(${c} * x + b)`, `${c} * Var(x)`, lets, seed).verdict).toBe("refuted");
        expect(check(`Var(${c} * x + b)`, `2 * (${c})^2 * Var(x)`, lets, seed).verdict).toBe("refuted");
      }),
      { numRuns: 15 },
    );
  });

  it("Var(2*x) = 2*Var(x) is refuted with a hint about the factor", () => {
    const r = check("Var(2*x)", "2*Var(x)", NORMAL);
    expect(r.verdict).toBe("refuted");
    expect(r.counterexample?.hint).toContain("2 times");
  });

  it("property: linearity of E over a random matrix and vector, with true and shifted right sides", () => {
    const lets = ["W: m x n ~ uniform(-a, a)", "x: n ~ normal(mu, s2)", "a, s2: scalar positive", "A: m x n"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        expect(check("E((W + A) * x)", "A * (mu * ones(n))", lets, seed).verdict).toBe("verified");
        expect(check("E((W + A) * x)", "A * (mu * ones(n)) + ones(m)", lets, seed).verdict).toBe("refuted");
      }),
      { numRuns: 5 },
    );
  });

  const xavier = ["W1, W2, W3: n x n ~ normal(0, v)", "x: n ~ normal(0, s)", "v, s: scalar positive"];
  it("the Xavier chain: Var of an entry of W3 W2 W1 x is n^3 v^3 s (zero means, independent layers)", () => {
    const r = check("Var((W3*(W2*(W1*x)))[1])", "n^3 * v^3 * s", xavier);
    expect(r.verdict, r.detail).toBe("verified");
    expect(r.detail).toContain("exact moments");
  });

  it.each([
    ["n^2 * v^3 * s"],
    ["n^3 * v^2 * s"],
    ["n^4 * v^3 * s"],
  ])("the Xavier chain with a wrong power (%s) is refuted", (rhs) => {
    expect(check("Var((W3*(W2*(W1*x)))[1])", rhs, xavier).verdict).toBe("refuted");
  });

  it("Cov of linear maps: Cov(A x, B x) = s2 A B'; Cov(x, y) = 0 for separately declared x, y", () => {
    const lets = ["x: n ~ normal(mu, s2)", "s2: scalar positive", "A: m x n", "B: k x n"];
    expect(check("Cov(A * x, B * x)", "s2 * A * B'", lets).verdict).toBe("verified");
    expect(check("Cov(A * x, B * x)", "s2 * B * A'", ["x: n ~ normal(mu, s2)", "s2: scalar positive", "A, B: n x n"]).verdict).toBe("refuted");
    expect(check("Cov(x, y)", "zeros(n, m)", ["x: n ~ uniform(0, 1)", "y: m ~ normal(0, 1)"]).verdict).toBe("verified");
  });

  it("sums of iid terms through sum(f, i, a, b): Var(sum(g[i], i, 1, T)) = T s2", () => {
    const lets = ["g: T ~ normal(mu, s2)", "s2: scalar positive"];
    expect(check("Var(sum(g[i], i, 1, T))", "T * s2", lets).verdict).toBe("verified");
    expect(check("Var(sum(g[i], i, 1, T))", "T^2 * s2", lets).verdict).toBe("refuted");
  });

  it("a random variable outside E is drawn from its law: x - E(x) = 0 is refuted, E(x - E(x)) = 0 holds", () => {
    expect(check("x - E(x)", "0", NORMAL).verdict).toBe("refuted");
    expect(check("E(x - E(x))", "0", NORMAL).verdict).toBe("verified");
    // every draw of a bernoulli is 0 or 1
    expect(check("d .* d", "d", ["d: n ~ bernoulli(sigmoid(q))"]).verdict).not.toBe("refuted");
  });

  it("a symbolic variance that can be negative is an error saying what to declare", () => {
    const r = check("E(x)", "mu", ["x ~ normal(mu, s2)"]);
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toContain("s2: scalar positive");
  });
});

describe("enumeration of bernoulli masks", () => {
  it("E(d .* v) = p v and a softmax of a masked input equals the explicit sum over the 4 masks", () => {
    // p = sigmoid(q) lies in (0, 1) whatever q is drawn
    const p = "sigmoid(q)";
    const lets = [`d: 2 ~ bernoulli(${p})`, "v: 2", "W: 2 x 3"];
    expect(check("E(d .* v)", `${p} * v`, lets).verdict).toBe("verified");
    const masks = [
      ["[0; 0]", `(1 - ${p})^2`],
      ["[0; 1]", `(1 - ${p}) * ${p}`],
      ["[1; 0]", `${p} * (1 - ${p})`],
      ["[1; 1]", `${p}^2`],
    ];
    const explicit = masks.map(([m, w]) => `${w} * softmax(W' * (${m} .* v))`).join(" + ");
    const r = check("E(softmax(W' * (d .* v)))", explicit, lets);
    expect(r.verdict, r.detail).toBe("verified");
    expect(r.detail).toContain("enumeration");
    expect(check("E(softmax(W' * (d .* v)))", `softmax(W' * (${p} * v))`, lets).verdict).toBe("refuted");
  });

  it("the geometric mean over masks, exp(E(log(f))), is enumerated too", () => {
    const lets = ["d: 2 ~ bernoulli(1/2)", "v: 2 positive"];
    expect(check("exp(E(log(sum(d .* v) + 1)))", "((v[1] + 1) * (v[2] + 1) * (v[1] + v[2] + 1))^(1/4)", lets).verdict).toBe("verified");
  });
});

describe("Adam's bias correction (iid gradients)", () => {
  const lets = ["g: t ~ normal(mu, s2)", "s2: scalar positive", "b: scalar in (0, 1)"];
  const m = "(1 - b) * sum(b^(t - i) * g[i], i, 1, t)";
  it("property: m / (1 - b^t) is unbiased; the correction with a wrong power (t - 1, t + 1, 1) is refuted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        expect(check(`E(${m} / (1 - b^t))`, "mu", lets, seed).verdict).toBe("verified");
        expect(check(`E(${m})`, "(1 - b^t) * mu", lets, seed).verdict).toBe("verified");
        for (const wrong of ["t - 1", "t + 1", "1"]) expect(check(`E(${m} / (1 - b^(${wrong})))`, "mu", lets, seed).verdict).toBe("refuted");
      }),
      { numRuns: 5 },
    );
  });
});

describe("tensors of rank 4 and bounds", () => {
  it("E and Var are entrywise on an N x C x H x W random tensor (enumeration, Monte Carlo)", () => {
    const drop = ["D: 1 x 2 x 2 x 2 ~ bernoulli(0.5)", "X: 1 x 2 x 2 x 2"];
    expect(check("E(D .* X)", "X * 0.5", drop).verdict).toBe("verified");
    expect(check("E(D .* X)", "X * 0.25", drop).verdict).toBe("refuted");
    // by Monte Carlo: the difference of common draws is exact, and the value within a tolerance
    const r = check("Var(2 * Z)", "4 * Var(Z)", ["Z: 1 x 2 x 2 x 2 ~ normal(0, 1)"], 3);
    expect(r.verdict, r.detail).toBe("verified");
    const w = equal({ claim: "Var(2 * Z) ≈ 4 ± 0.2", let: ["Z: 1 x 2 x 2 x 2 ~ normal(0, 1)"], seed: 3 });
    expect(w.verdict, w.detail).toBe("verified");
    expect(w.detail).toContain("Monte Carlo");
  });

  it("a Monte Carlo estimate too large for memory is a one-line limit error", () => {
    const r = check("Cov(tanh(x), tanh(x))", "zeros(2000, 2000)", ["x: 2000 ~ normal(0, 1)"]);
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toMatch(/^limit error at 0: Cov\(\.\.\.\) has too many entries for a Monte Carlo estimate/);
  });
});

describe("inequalities between moments (exact)", () => {
  it("Jensen E(x^2) >= E(x)^2 holds; a bound that fails only for large parameters is found by the wide draws", () => {
    const lets = ["x ~ normal(mu, s2)", "s2: scalar positive"];
    expect(equal({ claim: "E(x^2) >= E(x)^2", let: lets, seed: 1 }).verdict).toBe("verified");
    expect(equal({ claim: "Var(x) <= 2", let: lets, seed: 1 }).verdict).toBe("refuted");
    expect(equal({ claim: "Var(x * y) >= Var(x) * Var(y)", let: [...lets, "y ~ uniform(a, a + 1)"], seed: 1 }).verdict).toBe("verified");
  });
});
