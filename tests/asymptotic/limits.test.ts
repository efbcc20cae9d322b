// lim(f, t, target), interval declarations and the asymptotic `≈ ... as eps -> 0`:
// true statements accepted, mutated ones refuted, bad input one line, exit 2.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { parseDeclarations } from "../../src/parse/declarations.js";
import { derive } from "../cli/run.js";

const ok = (claim: string, lets: string[] = [], seed = 3) => equal({ claim, let: lets, seed });

describe("interval declarations", () => {
  it("parse with open and closed ends", () => {
    const [d] = parseDeclarations("b: scalar in (0, 1]");
    expect(d!.interval).toEqual({ lo: 0, hi: 1, loOpen: true, hiOpen: false });
    expect(parseDeclarations("t: integer in [1, 50]")[0]!.properties).toContain("integer");
  });
  it("draw inside the interval and try its closed ends", () => {
    expect(ok("b^2 < b", ["b: scalar in (0, 1)"]).verdict).toBe("verified");
    expect(ok("b^2 < b", ["b: scalar in (0, 2)"]).verdict).toBe("refuted");
    for (const seed of [1, 2, 3]) expect(ok("b < 1", ["b: scalar in (0, 1]"], seed).verdict).toBe("refuted");
    expect(ok("t <= 50", ["t: integer in [1, 50]"]).verdict).toBe("verified");
    expect(ok("t <= 49", ["t: integer in [1, 50]"]).verdict).toBe("refuted");
  });
  it("reject an empty interval or a bound that is not a number, with the position", () => {
    expect(() => parseDeclarations("b: scalar in (1, 0)")).toThrow(/at 13: the interval \(1, 0\) is empty/);
    expect(() => parseDeclarations("b: scalar in (0, x)")).toThrow(/at 17: an interval bound is a finite number/);
    expect(() => parseDeclarations("b: scalar in 0")).toThrow(/expected an interval after 'in'/);
  });
});

describe("lim", () => {
  it.each([
    ["lim(sigmoid(t), t, inf) = 1"],
    ["lim(sigmoid(t), t, -inf) = 0"],
    ["lim(diff(sigmoid(t), t), t, inf) = 0"],
    ["lim(tanh(t), t, -inf) = -1"],
    ["lim(sin(h) / h, h, 0) = 1"],
    ["lim((1 + 1 / t)^t, t, inf) = e"],
    ["lim(abs(h) / h, h, 0, 1) = 1"],
    ["lim(abs(h) / h, h, 0, -1) = -1"],
  ])("accepts %s", (claim) => {
    expect(["proved", "verified"]).toContain(ok(claim).verdict);
  });
  it.each([["lim(sigmoid(t), t, -inf) = 1"], ["lim(sigmoid(t), t, inf) = 0"], ["lim(sin(h) / h, h, 0) = 0"]])("refutes %s", (claim) => {
    expect(ok(claim).verdict).toBe("refuted");
  });
  it.each([
    ["lim(sin(t), t, inf) = 0", /value error at 0: the limit as t -> inf does not exist: the function does not settle/],
    ["lim(1/t, t, 0) = 0", /value error at 0: the limit as t -> 0 does not exist/],
    ["lim(abs(h)/h, h, 0) = 1", /tends to 1 from above and -1 from below/],
    ["inf = 1", /value error at 0: inf is only a limit target/],
    ["lim(t, t, inf, 1) = 1", /shape error at 15: a limit at inf or -inf has no side/],
    ["lim(x, x, 1, 2) = 1", /the side of lim\(f, t, a, side\) is \+1/],
  ])("%s is an error", (claim, re) => {
    const r = ok(claim);
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(re);
  });
  it("property: lim(c + a / t, t, inf) = c; c + 1 is refuted", () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 }), (c, a) => {
        // settled by the limit laws (issue 14: numeric/lim-exact.ts)
        expect(ok(`lim(${c} + ${a} / t, t, inf) = ${c}`).verdict).toBe("proved");
        expect(ok(`lim(${c} + ${a} / t, t, inf) = ${c + 1}`).verdict).toBe("refuted");
      }),
      { numRuns: 8, seed: 5 },
    );
  });
  it("through the CLI: a limit that does not exist is one line, exit 2", () => {
    const r = derive("equal", "lim(sin(t), t, inf) = 0");
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^value error at 0: the limit as t -> inf does not exist/);
  });
});

describe("asymptotic ≈ (as eps -> 0)", () => {
  const lets = ["eps: scalar in (0, 0.1]", "alpha: scalar in (0.5, 2)", "lam: scalar in (0, 1)"];
  it("accepts first-order approximations", () => {
    for (const c of ["sin(x) ≈ x as x -> 0", "1 - cos(x) ≈ x^2 / 2 as x -> 0", "exp(x) - 1 ≈ x as x -> 0", "sqrt(n^2 + n) - n ≈ 1/2 as n -> inf", "log(alpha / (lam + alpha)) / log(1 - eps * lam) ≈ 1 / (eps * alpha) as lam -> 0", "log(1 + eps * alpha) ≈ eps * alpha as eps -> 0, alpha -> 0"]) {
      expect(ok(c, lets).verdict, c).toBe("verified");
    }
  });
  it("refutes a wrong factor or power, showing the sequence", () => {
    const r = ok("log(alpha / (lam + alpha)) / log(1 - eps * lam) ≈ 2 / (eps * alpha) as lam -> 0", lets);
    expect(r.verdict).toBe("refuted");
    expect(r.detail).toMatch(/lhs\/rhs does not tend to 1 as lam -> 0.*lam = .*: lhs\/rhs = 0\.5/);
    expect(ok("1 - cos(x) ≈ x^2 as x -> 0").verdict).toBe("refuted");
    expect(ok("sin(x) ≈ x^2 as x -> 0").verdict).toBe("refuted");
  });
  it("never accepts a ratio that tends to a number near 1", () => {
    expect(ok("(1 + 1e-4) * x + x^2 ≈ x as x -> 0").verdict).toBe("error");
  });
  it("keeps the decimal ≈ as it was", () => {
    // sigmoid(0) is exactly 1/2: proved by exact arithmetic (issue 14), the meaning of ≈ unchanged
    expect(ok("sigmoid(0) ≈ 0.5").verdict).toBe("proved");
    expect(ok("sigmoid(1) ≈ 0.75").verdict).toBe("refuted");
  });
  it("property: c x^p + x^(p+1) ≈ c x^p as x -> 0, and a factor c + 1/2 is refuted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), (p, c) => {
        expect(ok(`${c} * x^${p} + x^${p + 1} ≈ ${c} * x^${p} as x -> 0`).verdict).toBe("verified");
        expect(ok(`${c} * x^${p} + x^${p + 1} ≈ ${c + 0.5} * x^${p} as x -> 0`).verdict).toBe("refuted");
      }),
      { numRuns: 6, seed: 9 },
    );
  });
  it("bad input: one line with the position", () => {
    expect(ok("x = 0 as x -> 0").detail).toMatch(/syntax error at 6: 'as eps -> 0' needs a claim of the form lhs ≈ rhs/);
    expect(ok("exp(x) ≈ 1 + x as y -> 0").detail).toMatch(/name error at 18: y after 'as' does not appear/);
    expect(ok("exp(x) ≈ 1 + x as x -> 1").detail).toMatch(/syntax error at 23: a small parameter tends to 0/);
    const r = derive("equal", "exp(x) ≈ 1 + x as y -> 0");
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("a refuted limit shows its sequence", () => {
  it("the counterexample's notes give the values along the sequence, for lim and for ≈ as", () => {
    const lim = equal({ claim: "lim(sigmoid(t), t, -inf) = 1", seed: 1 });
    expect(lim.verdict).toBe("refuted");
    expect(lim.counterexample!.notes.join("\n")).toMatch(/^as t -> -inf: t = -1: 0\.268941, -10: 0\.0000453979/);
    const approx = equal({ claim: "1 - cos(x) ≈ x^2 as x -> 0", seed: 1 });
    expect(approx.verdict).toBe("refuted");
    expect(approx.counterexample!.notes.join("\n")).toMatch(/^as x -> 0: .*lhs\/rhs = 0\.5/);
    // an ordinary refutation has nothing to add
    expect(equal({ lhs: "x^2", rhs: "x", seed: 1 }).counterexample!.notes).toEqual([]);
  });
});
