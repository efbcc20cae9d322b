// The rule families of issue 14 (src/symbolic/families.ts) and the identity
// proofs at concrete sizes (numeric/atoms.ts: multiple angles, sign atoms):
// true identities are proved; each one mutated (a factor, a sign, a shift, a
// swapped index or argument) is never proved, whatever the seed; and the
// proof does not depend on the seed.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";

interface Case {
  lhs: string;
  rhs: string;
  let: string[];
  /** wrong variants of the right side */
  wrong: string[];
}

const CASES: Case[] = [
  { lhs: "lse(z)", rhs: "log(sum(exp(z)))", let: ["z: n"], wrong: ["log(sum(exp(2 * z)))", "log(sum(z))", "sum(exp(z))"] },
  { lhs: "exp(z) / sum(exp(z))", rhs: "softmax(z)", let: ["z: n"], wrong: ["softmax(-z)", "softmax(2 * z)", "exp(z)"] },
  { lhs: "softmax(z)", rhs: "exp(z - lse(z))", let: ["z: n"], wrong: ["exp(z + lse(z))", "exp(z) - lse(z)", "exp(z - 2 * lse(z))"] },
  { lhs: "log(exp(a) * sum(exp(x - a)))", rhs: "lse(x)", let: ["x: n", "a: scalar"], wrong: ["lse(x) - a", "lse(x - a)", "lse(x) + a"] },
  { lhs: "tanh(t)", rhs: "2 * sigmoid(2 * t) - 1", let: ["t: scalar"], wrong: ["2 * sigmoid(t) - 1", "sigmoid(2 * t) - 1", "2 * sigmoid(2 * t) + 1"] },
  { lhs: "det(I + u * v')", rhs: "1 + u' * v", let: ["u, v: n"], wrong: ["1 + u' * u", "u' * v", "1 - u' * v"] },
  { lhs: "a' * x", rhs: "sum(x .* a)", let: ["a, x: n"], wrong: ["sum(x .* x)", "sum(x) * sum(a)", "2 * sum(x .* a)"] },
  { lhs: "(w * x + b * ones(1, m))[k, i]", rhs: "(w * x)[k, i] + b[k]", let: ["w: p x q", "x: q x m", "b: p", "k, i: integer"], wrong: ["(w * x)[k, i] + b[i]", "(w * x)[i, k] + b[k]", "(w * x)[k, i]"] },
  { lhs: "softmax(z)[k]", rhs: "exp(z[k]) / sum(exp(z))", let: ["z: n", "k, j: integer"], wrong: ["exp(z[j]) / sum(exp(z))", "exp(z[k]) / sum(z)", "exp(z[k])"] },
  { lhs: "(A .* B')[i, j]", rhs: "A[i, j] * B[j, i]", let: ["A: n x n", "B: n x n", "i, j: integer"], wrong: ["A[i, j] * B[i, j]", "A[j, i] * B[j, i]", "A[i, j] + B[j, i]"] },
  { lhs: "X' * X * inv(X' * X) * X' * y", rhs: "X' * y", let: ["X: n x p", "y: n"], wrong: ["X' * X * X' * y", "2 * X' * y", "X' * (y - X * ones(p))"] },
  { lhs: "kron(A, kron(B, D))", rhs: "kron(kron(A, B), D)", let: ["A: 2 x 3", "B: 3 x 2", "D: 2 x 2"], wrong: ["kron(kron(B, A), D)", "kron(kron(A, D), B)", "kron(A, kron(D, B))"] },
  { lhs: "inv(kron(F, G))", rhs: "kron(inv(F), inv(G))", let: ["F: n x n invertible", "G: m x m invertible"], wrong: ["kron(inv(G), inv(F))", "kron(F, inv(G))", "kron(inv(F), G)"] },
  { lhs: "mean(r .^ 2)", rhs: "norm(r)^2 / m", let: ["r: m"], wrong: ["norm(r)^2", "norm(r) / m", "sum(r)^2 / m"] },
  { lhs: "y[1] * c + y[2] * c + y[3] * c", rhs: "c * sum(y)", let: ["y: 3", "c: scalar"], wrong: ["c * sum(y) + c", "sum(y)", "c * (y[1] + y[2])"] },
  // identities at concrete sizes (numeric/atoms.ts)
  { lhs: "sin(3 * t)", rhs: "3 * sin(t) - 4 * sin(t)^3", let: ["t: scalar"], wrong: ["3 * sin(t) - 3 * sin(t)^3", "3 * sin(t)", "sin(t)^3"] },
  { lhs: "cos(a + b)", rhs: "cos(a) * cos(b) - sin(a) * sin(b)", let: ["a, b: scalar"], wrong: ["cos(a) * cos(b) + sin(a) * sin(b)", "cos(a) + cos(b)", "cos(a) * cos(b)"] },
  { lhs: "[cos(t), -sin(t); sin(t), cos(t)]^3", rhs: "[cos(3 * t), -sin(3 * t); sin(3 * t), cos(3 * t)]", let: ["t: scalar"], wrong: ["[cos(3 * t), sin(3 * t); sin(3 * t), cos(3 * t)]", "[cos(2 * t), -sin(2 * t); sin(2 * t), cos(2 * t)]"] },
  { lhs: "sign(sin(t)) * abs(sin(t))", rhs: "sin(t)", let: ["t: scalar"], wrong: ["abs(sin(t))", "sign(sin(t))", "(-sin(t))"] },
  { lhs: "relu(x)", rhs: "x * step(x)", let: ["x: scalar"], wrong: ["x * step(-x)", "abs(x) * step(x) + 1", "step(x)"] },
  { lhs: "step(t) + step(-t)", rhs: "1", let: ["t: scalar"], wrong: ["2", "step(t)", "0"] },
];

describe("rule families and identities at concrete sizes", () => {
  for (const c of CASES) {
    it(`${c.lhs} = ${c.rhs} is proved, at seeds 1 and 2`, () => {
      for (const seed of [1, 2]) {
        const r = equal({ lhs: c.lhs, rhs: c.rhs, let: c.let, seed });
        expect(r.verdict, r.detail).toBe("proved");
      }
    });
    it(`wrong variants of ${c.lhs} = ${c.rhs} are never proved, and refuted`, () => {
      for (const w of c.wrong) {
        const r = equal({ lhs: c.lhs, rhs: w, let: c.let, seed: 1 });
        expect(r.verdict, `${c.lhs} = ${w}: ${r.detail}`).toBe("refuted");
      }
    });
  }

  it("property: scaling, negating or shifting the right side of a proved identity is never proved", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CASES.length - 1 }),
        fc.constantFrom("2 * ", "(-1) * ", "1/3 * "),
        fc.constantFrom("", " + 1", " - 1/2"),
        fc.integer({ min: 1, max: 1000 }),
        (k, factor, shift, seed) => {
          const c = CASES[k]!;
          const rhs = `${factor}(${c.rhs})${shift}`;
          const r = equal({ lhs: c.lhs, rhs, let: c.let, seed });
          expect(r.verdict, `${c.lhs} = ${rhs} (seed ${seed}): ${r.detail}`).not.toBe("proved");
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});
