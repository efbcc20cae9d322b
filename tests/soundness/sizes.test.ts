// Issue 11, items 1 and 3: claims that sizes 2..5 and chance signs used to
// accept. Bounds whose constant hides a dimension fail only beyond n = 5;
// a dimension used as a value is searched as an integer and refuted at the
// smallest n that breaks it; a claim false for every negative scalar (or at
// 0) is refuted whatever the seed. The true versions stay accepted on every
// seed, size 1 included.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const accepted = ["proved", "verified"];

function refutedOnEverySeed(claim: string, decls: string[], seeds = SEEDS): ReturnType<typeof equal>[] {
  return seeds.map((seed) => {
    const r = equal({ claim, let: decls, seed });
    expect(r.verdict, `${claim} seed ${seed}: ${r.detail}`).toBe("refuted");
    return r;
  });
}

function acceptedOnEverySeed(claim: string, decls: string[], seeds = SEEDS): ReturnType<typeof equal>[] {
  return seeds.map((seed) => {
    const r = equal({ claim, let: decls, seed });
    expect(accepted, `${claim} seed ${seed}: ${r.detail}`).toContain(r.verdict);
    return r;
  });
}

describe("bounds whose constant hides a dimension", () => {
  it("sum(abs(x)) <= sqrt(5) * norm(x) is refuted (it fails from n = 6), at a size above 5", () => {
    for (const r of refutedOnEverySeed("sum(abs(x)) <= sqrt(5) * norm(x)", ["x: n"])) {
      expect(r.counterexample!.dims.n!).toBeGreaterThan(5);
    }
  });

  it("sum(abs(x)) <= 1.9 * norm(x) (false from n = 4) is refuted on every seed, not on three seeds in five", () => {
    refutedOnEverySeed("sum(abs(x)) <= 1.9 * norm(x)", ["x: n"]);
  });

  it("tr(A)^2 <= 5 * tr(A * A') is refuted for spd A (Cauchy-Schwarz with n replaced by 5)", () => {
    refutedOnEverySeed("tr(A)^2 <= 5 * tr(A * A')", ["A: n x n spd"]);
  });

  it("the true bounds are accepted on 10 seeds", () => {
    acceptedOnEverySeed("sum(abs(x)) <= sqrt(n) * norm(x)", ["x: n"]);
    acceptedOnEverySeed("tr(A)^2 <= n * tr(A * A')", ["A: n x n"]);
    acceptedOnEverySeed("norm(x) <= sum(abs(x))", ["x: n"]);
  });

  it("verified bounds say which sizes they were checked at: 1 and beyond 32 for vectors", () => {
    const r = equal({ claim: "norm(x) <= sum(abs(x))", let: ["x: n"], seed: 3 });
    const m = /sizes ([\d., ]+)/.exec(r.detail);
    expect(m, r.detail).not.toBeNull();
    const listed = m![1]!.split(",").map((part) => part.trim()).filter(Boolean).flatMap((part) => part.split("..").map(Number));
    expect(Math.min(...listed)).toBe(1);
    expect(Math.max(...listed)).toBeGreaterThanOrEqual(32);
  });
});

describe("a dimension used as a value is an integer variable", () => {
  it("n <= 5 is refuted at exactly n = 6, on every seed", () => {
    for (const r of refutedOnEverySeed("n <= 5", ["x: n"])) expect(r.counterexample!.dims.n).toBe(6);
  });

  it("sum(ones(n)) <= 10 is refuted at exactly n = 11", () => {
    for (const r of refutedOnEverySeed("sum(ones(n)) <= 10", [])) expect(r.counterexample!.dims.n).toBe(11);
  });

  it("m * n >= 2 is refuted at m = n = 1 (names may coincide in the search)", () => {
    for (const r of refutedOnEverySeed("m * n >= 2", ["A: m x n"])) expect(r.counterexample!.dims).toEqual({ m: 1, n: 1 });
  });

  it("with a drawn variable beside it, a bound that holds only up to n = 40 is refuted at n = 41", () => {
    for (const r of refutedOnEverySeed("n <= 40 + 0 * (x' * x)", ["x: n"])) expect(r.counterexample!.dims.n).toBe(41);
  });

  it("true statements about n hold over the whole search", () => {
    acceptedOnEverySeed("sum(ones(n)) = n", []);
    acceptedOnEverySeed("n >= 1", ["x: n"]);
    acceptedOnEverySeed("x' * x / n <= x' * x", ["x: n"]);
  });
});

describe("free scalars take both signs and 0 on every seed", () => {
  // derivations/004-q1a-adam.ts:188 written out: false for every g < 0
  const adam = "ε * ((1 - ρ1) * g / (1 - ρ1)) / (sqrt((1 - ρ2) * g^2 / (1 - ρ2)) + δ) = ε * g / (g + δ)";
  const adamLet = ["δ: scalar positive", "ρ1, ρ2: scalar in (0, 1)"];

  it("the Adam step with |g| replaced by g is refuted under seeds 1..20 (it held under 140 before)", () => {
    const seeds = [...Array.from({ length: 20 }, (_, i) => i + 1), 140];
    for (const r of refutedOnEverySeed(adam, adamLet, seeds)) {
      expect(Number((r.counterexample!.values as Record<string, number>).g)).toBeLessThan(0);
    }
  });

  it("its correction with abs(g) is accepted on the same seeds", () => {
    acceptedOnEverySeed("ε * ((1 - ρ1) * g / (1 - ρ1)) / (sqrt((1 - ρ2) * g^2 / (1 - ρ2)) + δ) = ε * g / (abs(g) + δ)", adamLet);
  });

  it("a claim false only at 0 is refuted; declared nonzero (invertible), it is accepted", () => {
    refutedOnEverySeed("sign(s)^2 = 1", ["s: scalar"]);
    acceptedOnEverySeed("sign(s)^2 = 1", ["s: scalar invertible"]);
  });

  it("each sign pattern of three scalars is met: a claim false for one pattern only is refuted", () => {
    // false exactly when a < 0, b > 0, c < 0
    refutedOnEverySeed("step(-a) * step(b) * step(-c) * abs(a * b * c) = 0", []);
  });

  it("declared signs are respected: a positive scalar is never drawn negative or 0", () => {
    acceptedOnEverySeed("abs(p) = p", ["p: scalar positive"]);
  });
});
