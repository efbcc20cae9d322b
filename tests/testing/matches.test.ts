// matches(): a user's function against an expression of the language, as a
// property over the declarations; failures print the shrunk counterexample,
// the entry that differs, both values and the seed.

import { describe, expect, it } from "vitest";
import { matches, MatchesError } from "../../src/testing/index.js";

type M = number[][];
const mm = (A: M, B: M): M => A.map((r) => B[0]!.map((_, j) => r.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
const tp = (A: M): M => A[0]!.map((_, j) => A.map((r) => r[j]!));
const add = (A: M, B: M): M => A.map((r, i) => r.map((a, j) => a + B[i]![j]!));

describe("matches", () => {
  it("a hand-written gradient against grad(...) of the language", () => {
    const myGrad = ({ X, A }: { X: M; A: M }) => mm(add(A, tp(A)), X);
    const r = matches(myGrad, "grad(tr(X' * A * X), X)", { let: "X: n x m; A: n x n", seed: 3, numRuns: 25, throws: false });
    expect(r).toMatchObject({ ok: true, seed: 3, counterexample: null, message: null });
  });

  it("a forward pass against the formula: softmax and log-sum-exp", () => {
    const softmax = ({ z }: { z: number[] }) => {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    expect(matches(softmax, "softmax(z)", { let: "z: n", seed: 1, throws: false }).ok).toBe(true);
    expect(matches(({ z }: { z: number[] }) => Math.log(z.reduce((a, v) => a + Math.exp(v), 0)), "lse(z)", { let: "z: n", seed: 1, throws: false }).ok).toBe(true);
    // a softmax that forgot to normalise fails
    expect(matches(({ z }: { z: number[] }) => z.map(Math.exp), "softmax(z)", { let: "z: n", seed: 1, throws: false }).ok).toBe(false);
  });

  it("a failure prints the shrunk counterexample, the entry, both values and the seed", () => {
    const dropped = ({ X, A }: { X: M; A: M }) => mm(A, X); // (A + A') X with A' X dropped
    const r = matches(dropped, "grad(tr(X' * A * X), X)", { let: "X: n x m; A: n x n", seed: 8, numRuns: 50, throws: false });
    expect(r.ok).toBe(false);
    expect(r.seed).toBe(8);
    const cx = r.counterexample as { X: M; A: M };
    // the failing point, shrunk: small dimensions; recomputing at it still fails
    expect(cx.X.length * cx.X[0]!.length).toBeLessThanOrEqual(2);
    expect(r.entry!.actual).not.toBeCloseTo(r.entry!.expected, 6);
    expect(r.message).toMatch(/entry (\[\d\]\[\d\]|\(the scalar\)): f gives -?[\d.]+, grad\(tr\(X' \* A \* X\), X\) gives -?[\d.]+/);
    expect(r.message).toMatch(/shrunk counterexample/);
    expect(r.message).toMatch(/ {4}A = /);
    expect(r.message).toContain("seed: 8 (pass { seed: 8 } to replay)");
  });

  it("names a likely cause: transposed, a factor, a sign", () => {
    const opts = { let: "A: n x n", seed: 2, throws: false } as const;
    expect(matches(({ A }: { A: M }) => A, "A'", opts).cause).toMatch(/transposed/);
    expect(matches(({ A }: { A: M }) => A.map((r) => r.map((a) => 2 * a)), "A", opts).cause).toMatch(/factor of 2/);
    expect(matches(({ A }: { A: M }) => A.map((r) => r.map((a) => -a)), "A", opts).cause).toMatch(/flipped sign/);
    expect(matches(({ A }: { A: M }) => A.map((r) => r.map((a) => a + 1)), "A", opts).cause).toBeNull();
  });

  it("throws inside vitest by default, with the report as the message", () => {
    expect(() => matches(({ A }: { A: M }) => A, "A'", { let: "A: n x n", seed: 2 })).toThrow(MatchesError);
    expect(() => matches(({ A }: { A: M }) => A, "A'", { let: "A: n x n", seed: 2 })).toThrow(/seed: 2/);
  });

  it("a value of another shape, and an expression that does not parse, are clear errors", () => {
    const r = matches(({ X }: { X: M }) => X, "X'", { let: "X: n x m", dims: { n: 2, m: 3 }, seed: 1, throws: false });
    expect(r.message).toMatch(/f returned a value of shape 2 x 3, but X' has shape 3 x 2/);
    expect(() => matches(({ X }: { X: M }) => X, "X *", { let: "X: n x m", throws: false })).toThrow(/X \*: .*error/);
    expect(() => matches(({ X }: { X: M }) => X, "X * X", { let: "X: n x m", throws: false })).toThrow(/shape/);
  });
});

describe("points where derive cannot evaluate the expression", () => {
  it("are skipped, not blamed on f: a relu gradient against grad(...) at generated points, many on kinks", () => {
    const reluGrad = ({ A, x }: { A: M; x: number[] }) => {
      const on = A.map((r) => (r.reduce((s, a, j) => s + a * x[j]!, 0) > 0 ? 1 : 0));
      return x.map((_, j) => on.reduce((s: number, o, i) => s + o * A[i]![j]!, 0));
    };
    const r = matches(reluGrad, "grad(sum(relu(A * x)), x)", { let: "A: n x n; x: n", seed: 4, numRuns: 60, throws: false });
    expect(r.message).toBeNull();
    expect(r.ok).toBe(true);
    // and a wrong one is still caught
    const wrong = (v: { A: M; x: number[] }) => reluGrad(v).map((g) => 2 * g);
    expect(matches(wrong, "grad(sum(relu(A * x)), x)", { let: "A: n x n; x: n", seed: 4, numRuns: 60, throws: false }).ok).toBe(false);
  });
});
