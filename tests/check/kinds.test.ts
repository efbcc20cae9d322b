// A claim is read once (its declarations parsed, its text parsed, its sides
// resolved) and then dispatched by kind (src/check/kinds.ts): asymptotic,
// statistical or plain. Counted here through the parser and the resolver
// themselves, for each kind and for claims that fail at each stage, with the
// verdict each kind gives.

import { beforeEach, describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({ parseClaim: 0 }));

vi.mock("../../src/parse/parser.js", async (importOriginal) => {
  const m = await importOriginal<typeof import("../../src/parse/parser.js")>();
  return {
    ...m,
    parseClaim: (...args: Parameters<typeof m.parseClaim>) => {
      calls.parseClaim++;
      return m.parseClaim(...args);
    },
  };
});

const { checkClaim } = await import("../../src/check/claim.js");
const { Scope } = await import("../../src/parse/scope.js");
const { Resolver } = await import("../../src/parse/resolve.js");

/** The claim checked once with its counts: text parses, declaration parses, side resolutions. */
function counted(claim: string, lets: string[] = []) {
  calls.parseClaim = 0;
  const scope = vi.spyOn(Scope, "parse");
  const sides = vi.spyOn(Resolver.prototype, "resolveSides");
  try {
    const r = checkClaim({ claim, let: lets, explain: false }, 1);
    return { r, parses: calls.parseClaim, scopes: scope.mock.calls.length, resolutions: sides.mock.calls.length };
  } finally {
    scope.mockRestore();
    sides.mockRestore();
  }
}

describe("one reading per claim, then its kind's checker", () => {
  beforeEach(() => {
    calls.parseClaim = 0;
  });

  it("asymptotic: read once, judged by the ratio along the sequence", () => {
    const c = counted("1 - cos(x) ≈ x^2 / 2 as x -> 0");
    expect(c.r.verdict).toBe("verified");
    expect(c.r.claim).toBe("1 - cos(x) ≈ x^2 / 2 as x -> 0");
    expect(c.r.detail).toMatch(/^verified as x -> 0/);
    expect([c.parses, c.scopes, c.resolutions]).toEqual([1, 1, 1]);
  });

  it("asymptotic and false: refuted by the sequence, still read once", () => {
    const c = counted("1 - cos(x) ≈ x^2 as x -> 0");
    expect(c.r.verdict).toBe("refuted");
    expect(c.r.detail).toMatch(/lhs\/rhs does not tend to 1/);
    expect([c.parses, c.scopes, c.resolutions]).toEqual([1, 1, 1]);
  });

  it("asymptotic with sides that do not resolve: the error names the claim with its as clause", () => {
    const c = counted("X * y ≈ y as eps -> 0", ["X: n x m", "y: n"]);
    expect(c.r.verdict).toBe("error");
    expect(c.r.detail).toMatch(/^shape error/);
    expect(c.r.claim).toBe("X * y ≈ y as eps -> 0");
    expect([c.parses, c.scopes, c.resolutions]).toEqual([1, 1, 1]);
  });

  it("a syntax error after 'as' is reported once, from the one parse", () => {
    const c = counted("sin(x) ≈ x as x => 0");
    expect(c.r.verdict).toBe("error");
    expect(c.r.detail).toMatch(/^syntax error/);
    expect([c.parses, c.scopes, c.resolutions]).toEqual([1, 1, 0]);
  });

  it("statistical: a declared random variable goes to the moments, read once", () => {
    const c = counted("E(x) = m", ["x ~ normal(m, 1)", "m: scalar"]);
    expect(c.r.verdict === "verified" || c.r.verdict === "proved").toBe(true);
    expect(c.parses).toBe(1);
    expect(c.scopes).toBe(1);
  });

  it("plain: the symbolic proof and the samples, read once", () => {
    const c = counted("tr(A * B) = tr(B * A)", ["A: n x m", "B: m x n"]);
    expect(c.r.verdict).toBe("proved");
    expect([c.parses, c.scopes]).toEqual([1, 1]);
  });

  it("plain with a shape error after resolution: reported as before, with the assumptions made", () => {
    const c = counted("A = x", ["A: 2 x 2"]);
    expect(c.r.verdict).toBe("error");
    expect(c.r.detail).toMatch(/^shape error.*different shapes.*taken as scalars: x/);
    expect(c.r.assumptions).toEqual(["x: scalar"]);
    expect([c.parses, c.scopes, c.resolutions]).toEqual([1, 1, 1]);
  });
});
