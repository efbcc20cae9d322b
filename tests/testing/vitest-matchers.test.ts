// derive/vitest: the four matchers of testing.md, registered by importing the
// module, on right and wrong user code; failures name the entry, both values
// and the seed, and .not inverts each of them.

import { describe, expect, it } from "vitest";
import "../../src/vitest/index.js";
import { tensor } from "../../src/testing/index.js";

type M = number[][];
const matvec = (W: M, x: number[]): number[] => W.map((row) => row.reduce((s, w, j) => s + w * x[j]!, 0));

// loss(W, x) = 1/2 |W x|^2, dL/dW = (W x) x'
const loss = ({ W, x }: { W: M; x: number[] }): number => matvec(W, x).reduce((s, v) => s + v * v, 0) / 2;
const rightGrad = ({ W, x }: { W: M; x: number[] }) => {
  const h = matvec(W, x);
  return { W: h.map((hi) => x.map((xj) => hi * xj)), x: x.map((_, j) => W.reduce((s, row, i) => s + row[j]! * h[i]!, 0)) };
};
// the classic slip: 2 * (W x) x' (forgot the 1/2)
const doubledGrad = (v: { W: M; x: number[] }) => {
  const g = rightGrad(v);
  return { W: g.W.map((r) => r.map((e) => 2 * e)), x: g.x };
};

const failure = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the assertion to fail");
};

describe("toHaveGradient", () => {
  it("passes for the right backward pass, fails for a doubled one with the entry, both values and the seed", () => {
    expect(loss).toHaveGradient(rightGrad, { let: "W: n x m; x: m", numRuns: 15, seed: 3 });
    const msg = failure(() => expect(loss).toHaveGradient(doubledGrad, { let: "W: n x m; x: m", numRuns: 15, seed: 3 }));
    expect(msg).toMatch(/entry W.*: analytic .*, numeric /);
    expect(msg).toMatch(/seed: 3/);
    expect(msg).toMatch(/factor/i);
  });

  it(".not passes for the wrong gradient and fails for the right one", () => {
    expect(loss).not.toHaveGradient(doubledGrad, { let: "W: n x m; x: m", numRuns: 15, seed: 4 });
    expect(failure(() => expect(loss).not.toHaveGradient(rightGrad, { let: "W: n x m; x: m", numRuns: 15, seed: 4 }))).toMatch(/but it agreed/);
  });
});

describe("toMatchExpression", () => {
  // d tr(X' A X) / dX = (A + A') X
  const mul = (A: M, B: M): M => A.map((r) => B[0]!.map((_, j) => r.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
  const t = (A: M): M => A[0]!.map((_, j) => A.map((r) => r[j]!));
  const add = (A: M, B: M): M => A.map((r, i) => r.map((a, j) => a + B[i]![j]!));
  const right = ({ X, A }: { X: M; A: M }) => mul(add(A, t(A)), X);
  const wrong = ({ X, A }: { X: M; A: M }) => mul(A, X);

  it("passes against grad(...) for the right code and fails for the wrong one with the seed", () => {
    expect(right).toMatchExpression("grad(tr(X' * A * X), X)", { let: "X: n x m; A: n x n", numRuns: 20, seed: 5 });
    const msg = failure(() => expect(wrong).toMatchExpression("grad(tr(X' * A * X), X)", { let: "X: n x m; A: n x n", numRuns: 20, seed: 5 }));
    expect(msg).toMatch(/seed: 5/);
    expect(wrong).not.toMatchExpression("(A + A') * X", { let: "X: n x m; A: n x n", numRuns: 20, seed: 5 });
  });
});

describe("toBeCloseToTensor", () => {
  it("compares every value form: numbers, nested arrays, tensor(), toArray() objects", () => {
    expect(2).toBeCloseToTensor(2 + 1e-13);
    expect([[1, 2], [3, 4]]).toBeCloseToTensor(tensor([1, 2, 3, 4], [2, 2]));
    expect({ toArray: () => [[1, 2], [3, 4]] }).toBeCloseToTensor(Object.assign(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }), { atol: 0 });
    expect([1, 2, 3]).toBeCloseToTensor([[1], [2], [3]]);
    expect([1, 2]).toBeCloseToTensor([1.001, 2], { rtol: 1e-2 });
  });

  it("names the entry that differs and both values; a shape mismatch is a failure", () => {
    const msg = failure(() => expect([[1, 2], [3, 4]]).toBeCloseToTensor([[1, 2], [3.5, 4]]));
    expect(msg).toMatch(/entry \[1\]\[0\] differs: received 3, expected 3.5/);
    expect(failure(() => expect([[1, 2]]).toBeCloseToTensor([[1, 2], [3, 4]]))).toMatch(/shapes differ/);
    expect([1, 2]).not.toBeCloseToTensor([1, 2.1]);
  });
});

describe("toHold", () => {
  it("holds what derive proves, fails with the counterexample and the seed when refuted", () => {
    expect("tr(A * B) = tr(B * A)").toHold({ let: "A: n x m; B: m x n" });
    const msg = failure(() => expect("A * B = B * A").toHold({ let: "A, B: n x n", seed: 9 }));
    expect(msg).toMatch(/refuted; seed 9/);
    expect(msg).toMatch(/counterexample: .*A = /);
    expect("A * B = B * A").not.toHold({ let: "A, B: n x n", seed: 9 });
  });

  it("a claim that cannot be checked fails either way", () => {
    expect(failure(() => expect("tr(A * ) = 1").toHold({ let: "A: n x n" }))).toMatch(/toHold: tr\(A \* \) = 1: syntax error/);
    expect(failure(() => expect("tr(A * ) = 1").not.toHold({ let: "A: n x n" }))).toMatch(/syntax error/);
  });
});
