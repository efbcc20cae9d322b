// Claims about given numbers are proved by exact or interval arithmetic
// (check/numbers.ts), never refuted by it: worked-example claims in the style
// of the shipped derivations, tricky ones that must stay verified or be
// refuted, mutations of true claims that must never be proved, and verdicts
// that do not depend on the seed.

import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { proveNumbers } from "../../src/check/numbers.js";
import { checkAtGiven } from "../../src/dsl/given.js";
import { Evaluator } from "../../src/numeric/evaluate.js";
import { parseClaim } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";
import { decide, roundingTolerance } from "../../src/check/relations.js";

const run = (claim: string, seed = 1) => equal({ claim, seed });

const exactly = [
  "0.3 * 0 + 0.2 * 1 + 0.2 = 0.4",
  "0.1 + 0.2 = 0.3",
  "convout(227, 11, 4, 0) = 55",
  "convout(13, 3, 1, 1) = 13",
  "floor((55 + 2 * 0 - 3) / 2) + 1 = 27",
  "convparams(3, 96, 11 * 11) = 34944",
  "3 * 96 * 11 * 11 + 96 = 34944",
  "det([2, 1; 1, 3]) = 5",
  "inv([2, 1; 1, 3]) = [0.6, -0.2; -0.2, 0.4]",
  "[1, 2; 3, 4] * [1; 1] = [3; 7]",
  "tr([1, 2; 3, 4]') = 5",
  "sum(0.5^k, k, 0, 3) = 1.875",
  "1/2 * (0.65 - 1)^2 = 0.06125",
  "0.9 * 0.1 + 0.1 * 0.05 = 0.095",
  "abs(-0.35) * 0.23 = 0.0805",
  "relu(-0.2) + relu(0.4) = 0.4",
  "step(0.3) - step(-0.3) = 1",
  "0.3 * 0 + 0.2 * 1 + 0.2 > 0",
  "-0.4 < 0.5 * -0.4 + 0.1 <= 0",
  "2^10 - 1 ≈ 1023.0",
  "1 / 3 ≈ 0.333",
];

const byInterval = [
  "1 / (1 + e^(-0.6)) ≈ 0.65",
  "sigmoid(0.6) ≈ 0.6457",
  "sigmoid(0.6) * (1 - sigmoid(0.6)) ≈ 0.2288",
  "tanh(0.5) ≈ 0.462",
  "exp(1) ≈ 2.71828",
  "log(2) ≈ 0.693",
  "sqrt(2) ≈ 1.414",
  "softplus(0) ≈ 0.6931",
  "tanh(-0.5) < 0",
  "0 < sigmoid(-3) < 0.05",
  "exp(-0.6) > 0.5",
  "1/2 * (sigmoid(0.6) - 1)^2 ≈ 0.0628",
  "log(2) ≈ 0.69 ± 0.01",
  "pi ≈ 3.1416",
  "e^0.5 ≈ 1.6487",
];

describe("worked-example claims", () => {
  it.each(exactly)("%s is proved (exact or symbolic)", (claim) => {
    const r = run(claim);
    expect(r.verdict).toBe("proved");
    expect(["exact", "symbolic"]).toContain(r.method);
  });

  it.each(byInterval)("%s is proved by interval arithmetic", (claim) => {
    const r = run(claim);
    expect(r.verdict).toBe("proved");
    expect(r.method).toBe("interval");
    expect(r.detail).toContain("interval arithmetic");
  });

  it("an equality of transcendental values is proved as the same rational function of them", () => {
    const r = run("sigmoid(0.6) = 1 / (1 + exp(-0.6))");
    expect(r.verdict).toBe("proved");
    expect(r.method).toBe("exact");
  });

  it.each([
    // the interval (about 1e-16 wide) is wider than a tolerance of 1e-18: sampling decides as before
    ["sigmoid(0.6) ≈ 0.6456563062257954 ± 1e-18", "verified"],
    // true, but exp(0.1), exp(0.2) and exp(0.3) are three unrelated values to the arithmetic, and intervals never prove `=`
    ["exp(0.1) * exp(0.2) = exp(0.3)", "verified"],
    // false exactly, but equal within the float tolerance of `=` (1e-6): exact arithmetic never refutes, the verdict stays today's
    ["0.1 + 0.2 = 0.3000001", "verified"],
  ])("%s stays %s", (claim, verdict) => {
    const r = run(claim);
    expect(r.verdict).toBe(verdict);
    expect(r.method).toBeUndefined();
  });

  it.each(["sigmoid(0.6) ≈ 0.66", "convout(227, 11, 4, 0) = 56", "tanh(0.5) < 0.4", "det([2, 1; 1, 3]) = 6", "sqrt(2) ≈ 1.42"])("%s is refuted (by the float check, as before)", (claim) => {
    expect(run(claim).verdict).toBe("refuted");
  });

  it("given values are read as written and proved at them (derivation files)", () => {
    const given = { w1: 0.3, w3: 0.2, b1: 0.2, x1: 0, x2: 1 };
    const a = checkAtGiven("w1 * x1 + w3 * x2 + b1 = 0.4", [], given, 1, 6);
    expect(a.verdict).toBe("proved");
    expect(a.method).toBe("exact");
    const b = checkAtGiven("1 / (1 + exp(-(w1 * x1 + w3 * x2 + b1))) ≈ 0.599", [], given, 1, 6);
    expect(b.verdict).toBe("proved");
    expect(b.method).toBe("interval");
    const c = checkAtGiven("diff(1/2 * (w1 * x2 - 1)^2, w1) = (w1 * x2 - 1) * x2", [], given, 1, 6);
    expect(c.verdict).toBe("proved");
    const d = checkAtGiven("diff(sigmoid(w1 * x2), w1) ≈ 0.2445", [], given, 1, 6);
    expect(d.verdict).toBe("proved");
    expect(d.method).toBe("interval");
    expect(checkAtGiven("w1 * x1 + w3 * x2 + b1 = 0.5", [], given, 1, 6).verdict).toBe("refuted");
  });
});

describe("limits and identities at concrete sizes", () => {
  it.each(["lim(sigmoid(t), t, inf) = 1", "lim(sigmoid(t), t, -inf) = 0", "lim(tanh(t), t, -inf) = -1", "lim((2 * t^2 + 1) / (t^2 + 3), t, inf) = 2", "lim(1 / t, t, -inf) = 0"])(
    "%s is proved by the limit laws",
    (claim) => {
      const r = run(claim);
      expect(r.verdict).toBe("proved");
      expect(r.method).toBe("exact");
    },
  );

  it("a limit the laws cannot settle (0 * inf) stays verified; a wrong one is refuted", () => {
    expect(run("lim(t * exp(-t), t, inf) = 0").verdict).toBe("verified");
    expect(run("lim(sigmoid(t), t, -inf) = 1").verdict).toBe("refuted");
  });

  it.each([
    ["x' * a = x[1] * a[1] + x[2] * a[2] + x[3] * a[3]", ["x, a: 3"]],
    ["A^2 - tr(A) * A + det(A) * I(2) = zeros(2, 2)", ["A: 2 x 2"]],
    ["inv(A) = [A[2, 2], -A[1, 2]; -A[2, 1], A[1, 1]] / det(A)", ["A: 2 x 2 invertible"]],
    ["(A * B)[i, j] = A[i, 1] * B[1, j] + A[i, 2] * B[2, j]", ["A, B: 2 x 2", "i, j: integer"]],
    ["cos(θ)^2 + sin(θ)^2 = 1", ["θ: scalar"]],
    ["Ef * (1 - b^1) / (1 - b) = Ef", ["Ef, b: scalar"]],
    // abs(x) = sign(x) * x with a sign symbol, and sqrt of a square is abs of its root
    ["sqrt(x^2) = abs(x)", ["x: scalar"]],
  ] as const)("%s is proved as an identity in the entries", (claim, lets) => {
    const r = equal({ claim, let: [...lets], seed: 1 });
    expect(r.verdict).toBe("proved");
    expect(r.method).toBe("exact");
  });

  it.each([
    // true on every sample (k is drawn from {1, 2}), not an identity: never proved
    ["(k - 1) * (k - 2) = 0", ["k: integer"], "verified"],
    // needs the sign of x^2 - 1: a sign symbol is only taken for a single monomial
    ["abs(x^2 - 1) = x^2 - 1", ["x: scalar"], "refuted"],
    ["(A * B)[i, j] = A[i, 1] * B[1, j]", ["A, B: 2 x 2", "i, j: integer"], "refuted"],
    ["cos(θ)^2 = 1", ["θ: scalar"], "refuted"],
  ] as const)("%s is not proved", (claim, lets, verdict) => {
    const r = equal({ claim, let: [...lets], seed: 1 });
    expect(r.verdict).toBe(verdict);
    expect(r.method).toBeUndefined();
  });
});

/** The claim's sides, typed; ≈ with the literal last, as check/claim.ts orders them. */
function prepared(claim: string) {
  const c = parseClaim(claim);
  const sides = new Resolver(new Scope([])).resolveSides(c.sides, c.sides.map(() => "claim"));
  return { c, sides };
}

/** Whether float64 says the claim fails clearly (beyond 1e-9 relative of its tolerance), independent of the proof code. */
function clearlyFalse(claim: string): boolean {
  const { c, sides } = prepared(claim);
  const ev = new Evaluator({ sizes: new Map(), values: new Map() });
  const v = sides.map((s) => ev.evaluate(s));
  const tol = c.relations.includes("≈") ? { tol: roundingTolerance(c.sides[1]!)!.map((t) => t * (1 - 1e-9) - 1e-12) } : null;
  return c.relations.some((r, i) => {
    if (r === "=") return Math.abs(v[i]!.data[0]! - v[i + 1]!.data[0]!) > 1e-9 * Math.max(1, Math.abs(v[i]!.data[0]!));
    if (r === "≈") return !decide(r, v[i]!, v[i + 1]!, tol).holds;
    // an inequality: false with a margin
    const [x, y] = [v[i]!.data[0]!, v[i + 1]!.data[0]!];
    const m = 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    return r === "<" || r === "<=" ? x > y + m : x < y - m;
  });
}

/** A digit of a numeric literal changed (`0.65` -> `0.69`). */
function changeDigit(claim: string, which: number, to: number): string {
  const digits = [...claim.matchAll(/\d/g)];
  const m = digits[which % digits.length]!;
  const i = m.index!;
  const d = String((Number(m[0]) + 1 + (to % 9)) % 10);
  return claim.slice(0, i) + d + claim.slice(i + 1);
}

const flip: Record<string, string> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" };

describe("mutated true claims are never proved", () => {
  const all = [...exactly, ...byInterval];
  test.prop([fc.constantFrom(...all), fc.nat(), fc.nat()])("a changed digit that makes the claim false is never proved", (claim, which, to) => {
    const mutant = changeDigit(claim, which, to);
    let falseClaim: boolean;
    let c: ReturnType<typeof prepared>;
    try {
      c = prepared(mutant);
      falseClaim = clearlyFalse(mutant);
    } catch {
      return; // the mutant does not parse or cannot be evaluated
    }
    fc.pre(falseClaim);
    expect(proveNumbers({ sides: c.sides, relations: c.c.relations, tolerance: c.c.tolerance })).toBeNull();
  });

  it.each(all.filter((c) => /[<>]/.test(c)))("%s with its inequality flipped is never proved", (claim) => {
    const mutant = claim.replace(/<=|>=|<|>/g, (r) => flip[r]!);
    const { c, sides } = prepared(mutant);
    expect(proveNumbers({ sides, relations: c.relations, tolerance: c.tolerance })).toBeNull();
    expect(run(mutant).verdict).not.toBe("proved");
  });
});

describe("verdicts do not depend on the seed", () => {
  it.each([...exactly.slice(0, 6), ...byInterval.slice(0, 6), "sigmoid(0.6) ≈ 0.66", "exp(0.1) * exp(0.2) = exp(0.3)"])("%s", (claim) => {
    const seen = new Set([1, 2, 3, 1234, 2 ** 31].map((seed) => {
      const r = run(claim, seed);
      return `${r.verdict}/${r.method ?? "-"}`;
    }));
    expect(seen.size).toBe(1);
  });
});
