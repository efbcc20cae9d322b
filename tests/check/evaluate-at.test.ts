// `evaluate({ at })` from the library takes JavaScript values as well as text
// in the language: numbers, flat arrays (vectors), nested arrays (the rows of
// a matrix, row-major; deeper nesting a tensor). Its errors name the value as
// the library spells it (`at.X`), not as the command line does (`--at X`).

import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/api.js";

describe("evaluate({ at }) with JavaScript values", () => {
  it("takes a number, a flat array as a vector, nested arrays as the rows of a matrix, and a string", () => {
    expect(evaluate({ expr: "det(X)", let: ["X: 2 x 2"], at: { X: [[1, 2], [3, 4]] }, seed: 1 }).value).toBe(-2);
    expect(evaluate({ expr: "x' * x", let: ["x: n"], at: { x: [1, 2, 3] }, seed: 1 })).toMatchObject({ value: 14, dims: { n: 3 } });
    // undeclared names take the shapes of their values: A is 2 x 2, x a 2-vector
    expect(evaluate({ expr: "A * x", at: { A: [[1, 2], [3, 4]], x: [1, 1] }, seed: 1 }).value).toEqual([[3], [7]]);
    expect(evaluate({ expr: "t^2 + s", at: { t: 3, s: "pi" }, seed: 1 }).value).toBeCloseTo(9 + Math.PI, 12);
    expect(evaluate({ expr: "[1, 1] * X", at: { X: [[1, 2, 3], [4, 5, 6]] }, seed: 1 }).value).toEqual([[5, 7, 9]]);
    expect(evaluate({ expr: "sum(X)", let: ["X: 2 x 2 x 2"], at: { X: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] }, seed: 1 }).value).toBe(36);
  });

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 })])(
    "an array of rows gives the same value as the same matrix written in the language",
    (r, c, k) => {
      const rows = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => ((i * 7 + j * 3 + k) % 11) - 5));
      const text = `[${rows.map((row) => row.join(", ")).join("; ")}]`;
      const fromJs = evaluate({ expr: "X' * X + 1", at: { X: rows }, seed: 1 });
      const fromText = evaluate({ expr: "X' * X + 1", at: { X: text }, seed: 1 });
      expect(fromJs.error).toBeNull();
      expect(fromJs.value).toEqual(fromText.value);
    },
  );

  it.each([
    [{ X: [[1, 2], [3]] }, "value error: rows of different lengths: [1] has 1 entry, the first has 2 (in at.X)"],
    [{ X: [[1, "a"], [3, 4]] }, "value error: entry [0][1] is a string, not a number (the arrays must be nested to the same depth) (in at.X)"],
    [{ X: [[1, 2], 3] }, "value error: entry [1] is a number, but the arrays are nested 2 deep (in at.X)"],
    [{ X: [] }, "value error: an empty array has no value (in at.X)"],
    [{ X: [[1, NaN], [3, 4]] }, "value error: entry [0][1] is not finite (NaN) (in at.X)"],
    [{ X: { a: 1 } }, 'value error: a value is a number, an array of numbers (a vector), an array of rows (a matrix) or a string in the expression language ("[1, 2; 3, 4]"), not object (in at.X)'],
    [{ X: [[1, 2, 3], [4, 5, 6]] }, "value error: X is declared 2 x 2 but the value is 2 x 3 (in at.X)"],
    [{ X: "[1, 2; 3]" }, "shape error at 0: matrix literal rows have different lengths (2 and 1) (in at.X)"],
  ])("refuses %j with a one-line error worded for the library", (at, message) => {
    const r = evaluate({ expr: "det(X)", let: ["X: 2 x 2"], at: at as never, seed: 1 });
    expect(r.error?.message).toBe(message);
    expect(r.error?.message).not.toContain("--at");
  });

  it("the command line still names the flag", async () => {
    const { main } = await import("../../src/cli/main.js");
    const err: string[] = [];
    const code = await main(["eval", "det(X)", "--let", "X: 3 x 3", "--at", "X=[1,2;3,4]"], { out: () => {}, err: (s: string) => err.push(s) });
    expect(code).toBe(2);
    expect(err.join("\n")).toBe("value error: X is declared 3 x 3 but the value is 2 x 2 (in --at X)");
  });
});
