// Values in every form the spec lists reach the kit and go back to user code
// in the form they came: numbers, flat and nested arrays, tensor(data, shape)
// over Float64Array/Float32Array, and objects with toArray() (mathjs and
// ml-matrix matrices, by duck typing).

import fc from "fast-check";
import * as math from "mathjs";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { arbitrary, gradcheck, matches, readValue, tensor } from "../../src/testing/index.js";

describe("reading values", () => {
  it("a number, a flat array (a column vector) and nested arrays (rows)", () => {
    expect(readValue(2.5, "t").tensor.shape).toEqual([1, 1]);
    const v = readValue([1, 2, 3], "x").tensor;
    expect(v.shape).toEqual([3, 1]);
    const m = readValue([[1, 2, 3], [4, 5, 6]], "X").tensor;
    expect(m.shape).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("tensor(data, shape) over Float64Array and Float32Array, row-major", () => {
    const t = readValue(tensor(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2]), "X").tensor;
    expect(t.shape).toEqual([3, 2]);
    expect(t.get(2, 1)).toBe(6);
    const f = readValue(tensor(Float32Array.of(0.5, 1.5), [2]), "x").tensor;
    expect(f.shape).toEqual([2, 1]);
    expect(Array.from(f.data)).toEqual([0.5, 1.5]);
  });

  it("objects with toArray(): mathjs and ml-matrix matrices", () => {
    expect(Array.from(readValue(math.matrix([[1, 2], [3, 4]]), "A").tensor.data)).toEqual([1, 2, 3, 4]);
    expect(readValue(math.matrix([1, 2, 3]), "x").tensor.shape).toEqual([3, 1]);
    const ml = readValue(new Matrix([[1, 2, 3], [4, 5, 6]]), "B").tensor;
    expect(ml.shape).toEqual([2, 3]);
    expect(ml.get(1, 0)).toBe(4);
  });

  it("a changed copy goes back to user code in the same form", () => {
    for (const v of [[1, 2], [[1, 2], [3, 4]], tensor([1, 2, 3, 4], [2, 2]), math.matrix([[1, 2], [3, 4]]), new Matrix([[1, 2], [3, 4]]), 7]) {
      const { tensor: t, form } = readValue(v, "v");
      const back = form.rebuild(t.map((x) => x + 1));
      expect(readValue(back, "back").tensor.data).toEqual(t.map((x) => x + 1).data);
      expect(Object.getPrototypeOf(back)).toBe(Object.getPrototypeOf(v));
    }
  });

  it("bad values: one line naming the value", () => {
    expect(() => readValue("x", "at.W")).toThrow(/^at\.W: a value is a number/);
    expect(() => readValue([[1, 2], [3]], "at.W")).toThrow(/at\.W: rows of different lengths/);
    expect(() => readValue([1, NaN], "at.x")).toThrow(/at\.x: .*not finite/);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/needs 4 entries/);
  });
});

describe("values in every form through gradcheck and matches", () => {
  // f(A) = sum of squares, gradient 2A, whatever the form of A
  const entries = (A: unknown): number[] => Array.from(readValue(A, "A").tensor.data);
  const f = ({ A }: { A: unknown }) => entries(A).reduce((s, a) => s + a * a, 0);

  it("given as mathjs, ml-matrix and tensor: the gradient may come in any form too", () => {
    const grads = [
      (A: unknown) => math.multiply(A as math.Matrix, 2),
      (A: unknown) => new Matrix((A as Matrix).to2DArray()).mul(2),
      (A: unknown) => tensor(Float64Array.from(entries(A), (x) => 2 * x), [2, 2]),
    ];
    const points = [math.matrix([[1, 2], [3, 4]]), new Matrix([[1, 2], [3, 4]]), tensor(Float64Array.of(1, 2, 3, 4), [2, 2])];
    points.forEach((A, i) => {
      expect(gradcheck(f, { grad: ({ A }) => ({ A: grads[i]!(A) }), at: { A }, throws: false }).ok).toBe(true);
    });
    // a wrong gradient fails in each form
    const wrong = [math.matrix([[2, 4], [6, 9]]), new Matrix([[2, 4], [6, 9]]), tensor([2, 4, 6, 9], [2, 2])];
    points.forEach((A, i) => {
      const r = gradcheck(f, { grad: () => ({ A: wrong[i] }), at: { A }, throws: false });
      expect(r.ok).toBe(false);
      expect(r.worst).toMatchObject({ name: "A", index: [1, 1], analytic: 9 });
      expect(r.worst!.numeric).toBeCloseTo(8, 8);
    });
  });

  it('as: "tensor" hands row-major Float64Arrays with shapes; as: "mathjs" mathjs matrices', () => {
    const seen: unknown[] = [];
    fc.assert(fc.property(arbitrary("X: n x m; x: m; t: scalar", { as: "tensor" }), ({ X, x, t }) => {
      seen.push(X);
      expect(X.data).toBeInstanceOf(Float64Array);
      expect(X.shape).toHaveLength(2);
      expect(x.shape).toHaveLength(1);
      expect(x.shape[0]).toBe(X.shape[1]);
      expect(typeof t).toBe("number");
    }), { numRuns: 20, seed: 3 });
    fc.assert(fc.property(arbitrary("X: n x m", { as: "mathjs" }), ({ X }) => {
      expect(math.isMatrix(X)).toBe(true);
    }), { numRuns: 10, seed: 3 });
    expect(seen.length).toBeGreaterThan(0);
  });

  it("generated vectors are flat arrays, matrices nested rows, scalars numbers", () => {
    fc.assert(fc.property(arbitrary("X: n x m; x: m; t: scalar"), ({ X, x, t }) => {
      expect(Array.isArray(X) && X.every((r: unknown) => Array.isArray(r))).toBe(true);
      expect(x.every((v: unknown) => typeof v === "number")).toBe(true);
      expect(x).toHaveLength(X[0].length);
      expect(typeof t).toBe("number");
    }), { numRuns: 30, seed: 5 });
  });

  it("matches accepts f's value in any form", () => {
    expect(matches(({ A }) => math.multiply(2, math.matrix(A)), "2 * A", { let: "A: n x m", seed: 1, numRuns: 20, throws: false }).ok).toBe(true);
    expect(matches(({ A }) => new Matrix(A).transpose(), "A'", { let: "A: n x m", seed: 1, numRuns: 20, throws: false }).ok).toBe(true);
    // float32 rounding (~6e-8 relative) is inside the default rtol 1e-6; a wrong factor is not
    expect(matches(({ x }) => tensor(Float32Array.from(x as number[], (v) => 3 * v), [x.length]), "3 * x", { let: "x: n", seed: 1, numRuns: 20, throws: false }).ok).toBe(true);
    expect(matches(({ x }) => tensor(Float32Array.from(x as number[], (v) => 3 * v), [x.length]), "2 * x", { let: "x: n", seed: 1, numRuns: 20, throws: false }).ok).toBe(false);
  });
});
