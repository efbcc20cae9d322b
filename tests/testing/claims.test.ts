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
