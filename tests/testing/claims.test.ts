// holds / fails / checkStep: the claim helpers `derive testgen` writes.

import { describe, expect, it } from "vitest";
import { checkStep, fails, holds } from "../../src/testing/claims.js";

describe("holds", () => {
  it("passes for a true identity over its declarations", () => {
    expect(() => holds("tr(A * B) = tr(B * A)", { let: { A: "n x m", B: "m x n" }, numRuns: 5 })).not.toThrow();
    expect(() => holds("x' * S * x > 0", { let: "S: n x n spd; x: n", numRuns: 5 })).not.toThrow();
  });

  it("throws for a false one, with fast-check's seed and counterexample and derive's reason", () => {
    let message = "";
    try {
      holds("A * B = B * A", { let: { "A, B": "n x n" }, numRuns: 20, seed: 7, dims: { n: [2, 3] } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/fast-check seed 7/);
    // the shrunk point as user code gets it (nested arrays), with its dimension
    expect(message).toMatch(/counterexample: n = [23]; \{"A":\[\[/);
    // derive's reason: the relation that fails and both sides there
    expect(message).toMatch(/= fails: lhs = \[.*\], rhs = \[.*\]/);
  });

  it("a claim that cannot be checked is an error, not a pass", () => {
    expect(() => holds("tr(A * ) = 1", { let: { A: "n x n" }, numRuns: 3 })).toThrow(/cannot be checked/);
  });
});

describe("holds and rounding", () => {
  // d²ψ/du dz = d²ψ/dz du for ψ with exp(c2 v z) / 4: at seed 5 fast-check reaches
  // c2 = 3, v = -3, z = -2, where nested finite differences of exp(18) give
  // 0.130002 for 0.13 (000-linear-algebra.ts:63). The checker verifies the claim
  // and the disagreement is rounding-sized, so it is no failure.
  const psi = "(sin(c[1] * (p[1]) * (p[2])) + exp(c[2] * (p[2]) * (p[3])) / 4 + c[3] * (p[1])^2 * (p[3])^3 / 3 + p' * A * p)";
  const lets = { p: "3", A: "3 x 3", c: "3" };
  it("a rounding-sized disagreement of finite differences on a claim the checker verifies passes", () => {
    expect(() => holds(`(diff(diff(${psi}, p, (([0; 0; 1]))), p, (([1; 0; 0])))) = (diff(diff(${psi}, p, (([1; 0; 0]))), p, (([0; 0; 1]))))`, { let: lets, numRuns: 6, seed: 5 })).not.toThrow();
  });
  it("a real slip in the same kind of claim still fails, with the checker's verdict", () => {
    expect(() => holds(`(diff(diff(${psi}, p, (([0; 0; 1]))), p, (([1; 0; 0])))) = 2 * (diff(diff(${psi}, p, (([1; 0; 0]))), p, (([0; 0; 1]))))`, { let: lets, numRuns: 6, seed: 5 })).toThrow(
      /derive's checker: refuted/,
    );
  });
});

describe("fails", () => {
  it("passes when the claim is refuted at a generated point", () => {
    expect(() => fails("A * B = B * A", { let: { "A, B": "n x n" }, numRuns: 10, dims: { n: [2, 3] } })).not.toThrow();
  });

  it("throws when the claim holds", () => {
    expect(() => fails("tr(A') = tr(A)", { let: { A: "n x n" }, numRuns: 3 })).toThrow(/expected refuted, derive's checker says proved/);
  });
});

describe("checkStep", () => {
  it("meets the expected verdict through derive's checker", () => {
    expect(() => checkStep({ kind: "claim", claim: "E(x) = mu", let: { x: "scalar ~ normal(mu, 1)", mu: "scalar" } })).not.toThrow();
    expect(() => checkStep({ kind: "claim", claim: "E(x^2) = mu^2", let: { x: "scalar ~ normal(mu, 1)", mu: "scalar" } })).toThrow(/derive's checker says refuted/);
  });
});
