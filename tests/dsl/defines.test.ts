// Defines are macro expansion (src/dsl/defines.ts): a name becomes its
// expression in parentheses, a call becomes the body with its arguments.

import { describe, expect, it } from "vitest";
import { type Define, expand, namesIn, parseDefine } from "../../src/dsl/defines.js";

const value = (name: string, body: string): Define => ({ name, params: [], isFunction: false, written: body, body });
const fn = (name: string, params: string[], body: string): Define => ({ name, params, isFunction: true, written: body, body });

describe("parseDefine", () => {
  it("reads a value define", () => {
    expect(parseDefine("z1 = w1 * x1 + b1")).toEqual({ name: "z1", params: [], isFunction: false, body: "w1 * x1 + b1" });
  });

  it("reads a function define with parameters", () => {
    expect(parseDefine("f(x, y) = x^2 + y")).toEqual({ name: "f", params: ["x", "y"], isFunction: true, body: "x^2 + y" });
  });

  it.each([
    ["= 3", /starts with the name/],
    ["z1 w1", /expected '='/],
    ["z1 =", /no expression/],
    ["f() = 1", /at least one parameter/],
    ["f(x, x) = x", /appears twice/],
    ["f(x y) = x", /expected ','/],
  ])("refuses %s", (src, msg) => {
    expect(() => parseDefine(src)).toThrow(msg);
  });
});

describe("expand", () => {
  const defs = new Map<string, Define>([
    ["z1", value("z1", "w1 * x1 + b1")],
    ["f", fn("f", ["x"], "x^2 + 1")],
    ["g", fn("g", ["a", "b"], "a * b'")],
  ]);

  it("replaces a name by its expression in parentheses", () => {
    expect(expand("sigmoid(z1) * 2", defs)).toBe("sigmoid((w1 * x1 + b1)) * 2");
  });

  it("keeps a transposed or indexed use a single operand", () => {
    expect(expand("z1' + z1[1]", defs)).toBe("(w1 * x1 + b1)' + (w1 * x1 + b1)[1]");
  });

  it("does not touch names that merely contain a define's name", () => {
    expect(expand("z10 + xz1", defs)).toBe("z10 + xz1");
  });

  it("substitutes arguments into a function body", () => {
    expect(expand("f(t + 1) = 5", defs)).toBe("((t + 1)^2 + 1) = 5");
  });

  it("splits arguments at top-level commas only", () => {
    expect(expand("g(h(u, v), [1, 2; 3, 4])", defs)).toBe("((h(u, v)) * ([1, 2; 3, 4])')");
  });

  it("expands defines inside arguments", () => {
    expect(expand("f(z1)", defs)).toBe("(((w1 * x1 + b1))^2 + 1)");
  });

  it("refuses a function used without arguments, or with the wrong number", () => {
    expect(() => expand("f + 1", defs)).toThrow(/is a function/);
    expect(() => expand("g(1)", defs)).toThrow(/takes 2 arguments, not 1/);
    expect(() => expand("f(1", defs)).toThrow(/missing '\)'/);
  });

  it("lists the names a text mentions", () => {
    expect([...namesIn("diff(L, w1) ≈ -0.12")].sort()).toEqual(["L", "diff", "w1"]);
  });
});
