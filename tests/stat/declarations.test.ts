// Random variables in declarations (src/parse/distributions.ts): the laws,
// their parameters as expressions, the short scalar form, and one-line
// errors with positions for invalid literal parameters.

import { describe, expect, it } from "vitest";
import { DeriveError } from "../../src/core/errors.js";
import { parseDeclarations } from "../../src/parse/declarations.js";
import { printExpr } from "../../src/parse/print.js";

const one = (src: string) => {
  const [d] = parseDeclarations(src);
  return d!;
};

function errorOf(src: string): DeriveError {
  try {
    parseDeclarations(src);
  } catch (e) {
    if (e instanceof DeriveError) return e;
    throw e;
  }
  throw new Error(`no error for ${src}`);
}

describe("declaring random variables", () => {
  it("reads a scalar, a vector and a matrix with their laws", () => {
    const x = one("x: scalar ~ normal(0, 1)");
    expect(x.shape).toEqual({ rows: 1, cols: 1 });
    expect(x.distribution?.kind).toBe("normal");
    expect(x.distribution?.params.map(printExpr)).toEqual(["0", "1"]);
    const w = one("w: n ~ normal(0, s2)");
    expect(w.shape.rows).toBe("n");
    expect(w.distribution?.params.map(printExpr)).toEqual(["0", "s2"]);
    const W = one("W: n x m ~ uniform(-sqrt(6/(n+m)), sqrt(6/(n+m)))");
    expect(W.shape).toMatchObject({ rows: "n", cols: "m" });
    expect(W.distribution?.kind).toBe("uniform");
    expect(printExpr(W.distribution!.params[1]!)).toBe("sqrt(6 / (n + m))");
    expect(one("d: n ~ bernoulli(p)").distribution?.kind).toBe("bernoulli");
  });

  it("reads the short form `z ~ normal(mu, s2)` as a scalar, and several names sharing one law", () => {
    const z = one("z ~ normal(mu, s2)");
    expect(z.name).toBe("z");
    expect(z.shape).toEqual({ rows: 1, cols: 1 });
    const both = parseDeclarations("x, y: n ~ uniform(0, 1)");
    expect(both.map((d) => [d.name, d.distribution?.kind])).toEqual([
      ["x", "uniform"],
      ["y", "uniform"],
    ]);
  });

  it("leaves declarations without a law unchanged", () => {
    expect(one("X: n x n spd").distribution).toBeUndefined();
  });

  it.each([
    ["x: scalar ~ normal(0, -1)", 22, "variance"],
    ["x: scalar ~ normal(0, 0)", 22, "variance"],
    ["u: n ~ uniform(1, 1)", 15, "a < b"],
    ["u: n ~ uniform(2, 1)", 15, "a < b"],
    ["d: n ~ bernoulli(1.5)", 17, "[0, 1]"],
    ["d: n ~ bernoulli(-0.1)", 17, "[0, 1]"],
    ["x: n ~ gamma(1, 2)", 7, "unknown distribution"],
    ["x: n ~ normal(0)", 7, "takes 2 parameters"],
    ["x: n ~ bernoulli(0.5, 1)", 7, "takes 1 parameter"],
    ["x: n ~ normal(0, 1", 18, "missing ')'"],
    ["x: n ~ 3", 6, "expected a distribution"],
    ["x: n ~ normal(0, 1) extra", 20, "unexpected text"],
    ["x: n positive ~ normal(0, 1)", 5, "no properties"],
    ["x: n ~ normal(0, 2 *)", 20, "in a parameter"],
  ])("%s is a one-line declaration error at %i", (src, pos, words) => {
    const e = errorOf(src);
    expect(e.kind).toBe("declaration");
    expect(e.position).toBe(pos);
    expect(e.message).toContain(words);
    expect(e.message.split("\n")).toHaveLength(1);
  });

  it("keeps parameter positions in the whole declaration text, after a `;`", () => {
    const [, x] = parseDeclarations("a: scalar; x ~ uniform(-a, a)");
    expect(x!.distribution!.params.map((p) => p.pos)).toEqual([23, 27]);
  });

  it("folds literal parameters: uniform(-sqrt(6/5), sqrt(6/5)) is valid, uniform(sqrt(4), 2) is not", () => {
    expect(one("W: 3 x 2 ~ uniform(-sqrt(6/5), sqrt(6/5))").distribution?.kind).toBe("uniform");
    expect(errorOf("W: 3 x 2 ~ uniform(sqrt(4), 2)").message).toContain("a < b");
  });
});
