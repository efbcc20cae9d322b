// The near-miss kinds added for issue 15 part 3 (e, f, b for derivatives, d
// for grad and the Jacobian, c for x' A, a for square shapes and n = 1): each
// fires where its slip is the mistake, with a message naming the slip, stays
// silent on a true claim and on an unrelated error, and every diagnosis it
// states is a corrected claim that holds when checked again on its own. The
// verdict is refuted whatever the diagnosis.

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import type { EqualResult } from "../../src/check/claim.js";

const SEEDS = [1, 2, 3];
const accepted = ["proved", "verified"];

function check(claim: string, lets: string[], seed: number): EqualResult {
  return equal({ claim, let: lets, seed });
}

function refuted(claim: string, lets: string[], seed: number): EqualResult {
  const r = check(claim, lets, seed);
  expect(r.verdict, `${claim} at seed ${seed}: ${r.detail}`).toBe("refuted");
  return r;
}

const kinds = (r: EqualResult): string[] => r.diagnoses.map((d) => d.kind);

/** claim, declarations, kind, what the message must say */
const FIRES: [string, string[], string, RegExp][] = [
  // e: index and bounds
  ["sum(x[i], i, 1, n) = sum(x[i], i, 1, n - 1)", ["x: n"], "index", /bounds of sum\(x\[i\], i, 1, n\) are off by one: with i = 1\.\.n - 1/],
  ["sum(i^2, i, 1, 4) = 14", [], "index", /with i = 0\.\.3 for i = 1\.\.4/],
  ["x[2] = x[1]", ["x: 3"], "index", /an index is off by one: x\[1\] for x\[2\]/],
  ["0.9^3 ≈ 0.81", [], "index", /0\.9\^2 for 0\.9\^3 holds/],
  ["(1 - b^t) / (1 - b) = sum(b^i, i, 0, t)", ["t: integer positive", "b: scalar"], "index", /i = 0\.\.t - 1/],
  ["b^(t + 1) = b * b^(t + 1)", ["t: integer positive", "b: scalar"], "index", /off by one step/],
  // f: neighbouring readings of a worked-example number
  ["log(100) ≈ 2", [], "reading", /right if log is base 10/],
  ["log(8) = 3", [], "reading", /right if log is base 2/],
  ["sin(30) ≈ 0.5", [], "reading", /right if the angle is in degrees/],
  ["sigmoid(0.6) * (1 - sigmoid(0.6)) ≈ 0.2275", [], "reading", /right with sigmoid\(0\.6\) rounded to 0\.65/],
  ["sigmoid(0.6) = 0.6457", [], "reading", /right to the digits written/],
  // b: a term or factor of the symbolic derivative of the left side
  ["diff(x * sin(x), x) = x * cos(x)", [], "term", /a term is missing: the derivative diff\(x \* sin\(x\), x\) is sin\(x\) \+ x \* cos\(x\), and the right side lacks sin\(x\)/],
  ["diff(sin(x^2), x) = cos(x^2)", [], "term", /lacks the factor 2 \* x \(the chain rule's inner derivative\)/],
  ["diff(x * sin(x), x) = x + sin(x)", [], "term", /lacks the factor cos\(x\) in the term x \* cos\(x\)$/],
  ["grad(sum(exp(x) .* x), x) = exp(x) .* x", ["x: n"], "term", /a term is missing: the derivative/],
  // b: a term dropped or extra inside a factor of a product (inner-term.ts): as written, and in the derivative's form
  ["A * (B + C) = A * B", ["A, B, C: n x n"], "term", /^a term is extra or dropped inside a product: it holds without the term C in B \+ C of the left side$/],
  ["A * B * x = A * (B + C) * x", ["A, B, C: n x n", "x: n"], "term", /without the term C in B \+ C of the right side$/],
  ["x' * (A + A') * y = x' * A * y", ["A: n x n", "x, y: n"], "term", /without the term A' in A \+ A' of the left side$/],
  ["(A - B)' * x .* y = A' * x .* y", ["A, B: n x n", "x, y: n"], "term", /without the term -B in A - B of the left side$/],
  ["diff(exp(x * sin(x)), x) = exp(x * sin(x)) * x * cos(x)", [], "term", /^a term is missing inside a product: the derivative diff\(exp\(x \* sin\(x\)\), x\) is .*\(sin\(x\) \+ x \* cos\(x\)\), and the right side lacks sin\(x\) in sin\(x\) \+ x \* cos\(x\)$/],
  ["diff(sigmoid(x * sin(x)), x) = sigmoid(x * sin(x)) * (1 - sigmoid(x * sin(x))) * x * cos(x)", [], "term", /the right side lacks sin\(x\) in sin\(x\) \+ x \* cos\(x\)$/],
  // d: the Jacobian in the other layout, grad for the Jacobian
  ["jacobian(A * x, x) * v = A' * v", ["A: n x n", "x, v: n"], "transpose", /jacobian\(A \* x, x\)' for jacobian\(A \* x, x\) holds/],
  ["v' * jacobian(x' * A * x, x)' = v' * grad(x' * A * x, x) + 1", ["A: n x n", "x, v: n"], "term", /without the term 1/],
  // c: x' * A written for A * x
  ["norm(x' * A) = norm(A * x)", ["A: n x n", "x: n"], "order", /x' \* A is written for A \* x: A \* x holds/],
  // a: square shapes, n = 1
  ["det(A' * A) = det(A * A')", ["A: n x m"], "property", /holds when A is square \(m = n\)/],
  ["tr(A * B) = tr(A) * tr(B)", ["A, B: n x n"], "property", /^holds when n = 1$/],
];

describe("each new kind fires where its slip is the mistake", () => {
  for (const [claim, lets, kind, message] of FIRES) {
    it(`${claim}: ${kind}`, () => {
      for (const seed of SEEDS) {
        const r = refuted(claim, lets, seed);
        const d = r.diagnoses.find((x) => x.kind === kind);
        expect(d, `seed ${seed}: ${JSON.stringify(r.diagnoses)}`).toBeDefined();
        expect(d!.message).toMatch(message);
      }
    });
  }
});

describe("every diagnosis stated holds when checked again on its own", () => {
  for (const [claim, lets] of FIRES) {
    it(claim, () => {
      const r = refuted(claim, lets, 1);
      for (const d of r.diagnoses) {
        const [again, withLets] = d.holds.split(" with ");
        const v = check(again!, withLets ? withLets.split("; ") : lets, 7).verdict;
        expect(accepted, `${d.kind}: ${d.holds}`).toContain(v);
      }
    });
  }
});

describe("silent where the slip is not the mistake", () => {
  const SILENT: [string, string[], string[]][] = [
    // a wrong number with no neighbouring reading: no index, no reading
    ["sigmoid(0.6) ≈ 0.9", [], ["index", "reading"]],
    ["log(100) ≈ 3", [], ["index", "reading"]],
    ["sum(i, i, 1, n) = n^2", ["n: integer positive"], ["index"]],
    // a derivative wrong in another way: no missing term or factor
    ["diff(sin(x^2), x) = sin(2 * x)", [], ["term"]],
    ["diff(x * sin(x), x) = cos(x)", [], ["term"]],
    // a product with a sum wrong in another way than one term: no term inside it
    ["A * (B + C) = A * B - A * C", ["A, B, C: n x n"], ["term"]],
    ["A * (B + C) = A * B + C", ["A, B, C: n x n"], ["term"]],
    ["A * (B + C) = B * A + C * A", ["A, B, C: n x n"], ["term"]],
    ["(A + B) * (A - B) = A * A - B * B", ["A, B: n x n"], ["term"]],
    // a slip of another kind: no grad/Jacobian layout, no order
    ["jacobian(A * x, x) = 2 * A", ["A: n x n", "x: n"], ["transpose", "order", "index", "reading"]],
    // a property already declared square: no square reading; a specific slip found: no n = 1
    ["A * B = B * A", ["A, B: n x n"], ["index", "reading", "term"]],
  ];
  for (const [claim, lets, absent] of SILENT) {
    it(`${claim}: none of ${absent.join(", ")}`, () => {
      for (const seed of SEEDS) {
        const r = refuted(claim, lets, seed);
        for (const k of absent) expect(kinds(r), `seed ${seed}: ${JSON.stringify(r.diagnoses)}`).not.toContain(k);
      }
    });
  }

  it("n = 1 is said only when nothing more specific holds", () => {
    const r = refuted("A * B = B * A", ["A, B: n x n"], 1);
    expect(r.diagnoses.map((d) => d.message)).not.toContain("holds when n = 1");
    expect(kinds(r)).toContain("order");
  });

  it("a true claim has no diagnoses, and neither has an error", () => {
    for (const [claim, lets] of [
      ["sum(i, i, 1, n) = n * (n + 1) / 2", ["n: integer positive"]],
      ["log(100) ≈ 4.605", []],
      ["diff(x * sin(x), x) = sin(x) + x * cos(x)", []],
      ["det(A' * A) = det(A * A')", ["A: n x n"]],
    ] as [string, string[]][]) {
      const r = check(claim, lets, 1);
      expect(accepted, `${claim}: ${r.detail}`).toContain(r.verdict);
      expect(r.diagnoses).toEqual([]);
    }
    const bad = check("x[4] = 1", ["x: 3"], 1);
    expect(bad.verdict).toBe("error");
    expect(bad.diagnoses).toEqual([]);
  });
});
