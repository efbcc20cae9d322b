// Shrinking counterexamples (issue 15, part 1) and per-entry differences
// (part 2): the counterexample reported is small and simple, keeps every
// declared property, still refutes when pasted back with --at, is a function
// of the seed, and the first one found is kept as counterexampleOriginal.

import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";
import type { Counterexample } from "../../src/check/claim.js";
import { entryDifferences, differenceGrid } from "../../src/check/entries.js";
import { numberCost, valueCost } from "../../src/check/shrink.js";
import { difference } from "../../src/check/tolerance.js";
import { Tensor } from "../../src/core/tensor.js";
import type { Property } from "../../src/core/typed.js";
import { holds } from "../../src/numeric/properties.js";
import { derive } from "../cli/run.js";

const SEEDS = [1, 2, 3, 4, 5];

const asTensor = (v: unknown): Tensor => (typeof v === "number" ? Tensor.scalar(v) : Tensor.fromRows(v as number[][]));

/** Evaluates both sides at the counterexample's dims and values, given as --at text. */
function pasteBack(c: Counterexample, lets: string[], lhs: string, rhs: string): boolean {
  const at: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.dims)) at[k] = String(v);
  for (const part of splitText(c.text)) {
    const [name, value] = part.split(" = ") as [string, string];
    at[name] = value;
  }
  const side = (expr: string): Tensor => {
    const r = evaluate({ expr, let: lets, at });
    expect(r.error, JSON.stringify(r.error)).toBeNull();
    return asTensor(r.value);
  };
  return !difference(side(lhs), side(rhs)).equal;
}

/** `n = 2; A = [1, 0; 0, 1]` into its assignments (a matrix's rows are also separated by "; "). */
const splitText = (text: string): string[] => text.split(/; (?=[\p{L}_][\p{L}\p{N}_]* = )/u);

const cost = (c: Counterexample): number => Object.values(c.values).reduce<number>((s, v) => s + valueCost(asTensor(v)), 0);
const size = (c: Counterexample): number => Object.values(c.values).reduce<number>((s, v) => s + asTensor(v).size, 0);

describe("shrinking a counterexample", () => {
  const cases: [string, string, string[], Record<string, Property[]>][] = [
    ["A * B", "B * A", ["A, B: n x n"], {}],
    ["inv(A * B)", "inv(A) * inv(B)", ["A, B: n x n invertible"], { A: ["invertible"], B: ["invertible"] }],
    ["x' * S * x", "x' * x", ["S: n x n spd", "x: n"], { S: ["spd"] }],
    ["Q * A", "A * Q", ["Q: n x n orthogonal", "A: n x n symmetric"], { Q: ["orthogonal"], A: ["symmetric"] }],
    ["p' * x", "sum(x) / n", ["p: n simplex", "x: n"], { p: ["simplex"] }],
    ["(X * Y)'", "X * Y", ["X: n x m", "Y: m x n"], {}],
  ];
  for (const [lhs, rhs, lets, props] of cases) {
    it(`${lhs} = ${rhs}: smaller or equal, simpler, properties kept, pastes back and refutes`, () => {
      for (const seed of SEEDS) {
        const r = equal({ lhs, rhs, let: lets, seed });
        expect(r.verdict, `seed ${seed}: ${r.detail}`).toBe("refuted");
        const c = r.counterexample!;
        const first = r.counterexampleOriginal!;
        expect(first).not.toBeNull();
        expect(size(c)).toBeLessThanOrEqual(size(first));
        expect(cost(c)).toBeLessThanOrEqual(cost(first));
        for (const [name, ps] of Object.entries(props)) for (const q of ps) expect(holds(q, asTensor(c.values[name]), ps), `${name} ${q} at seed ${seed}`).toBe(true);
        expect(pasteBack(c, lets, lhs, rhs), `seed ${seed}: ${c.text}`).toBe(true);
        expect(pasteBack(first, lets, lhs, rhs)).toBe(true);
      }
    });
  }

  it("reaches the smallest size that shows the slip: n = 2 for A * B = B * A, with integer entries", () => {
    for (const seed of SEEDS) {
      const c = equal({ lhs: "A * B", rhs: "B * A", let: ["A, B: n x n"], seed }).counterexample!;
      expect(c.dims.n).toBe(2);
      for (const v of Object.values(c.values)) for (const x of (v as number[][]).flat()) expect(Number.isInteger(x)).toBe(true);
    }
  });

  it("goes down to n = 1 where that already refutes", () => {
    const c = equal({ lhs: "x' * S * x", rhs: "x' * x", let: ["S: n x n spd", "x: n"], seed: 2 }).counterexample!;
    expect(c.dims.n).toBe(1);
    expect(cost(c)).toBeLessThan(4);
  });

  it("is a function of the seed: the same seed gives the same counterexample", () => {
    for (const seed of SEEDS) {
      const a = equal({ lhs: "inv(A * B)", rhs: "inv(A) * inv(B)", let: ["A, B: n x n invertible"], seed });
      const b = equal({ lhs: "inv(A * B)", rhs: "inv(A) * inv(B)", let: ["A, B: n x n invertible"], seed });
      expect(a.counterexample).toEqual(b.counterexample);
      expect(a.counterexampleOriginal).toEqual(b.counterexampleOriginal);
    }
  });

  it("never touches a verdict: true claims stay accepted, a bound that fails only from n = 6 keeps n > 5", () => {
    for (const seed of SEEDS) {
      expect(["proved", "verified"]).toContain(equal({ lhs: "tr(A * B)", rhs: "tr(B * A)", let: ["A: n x m", "B: m x n"], seed }).verdict);
      const r = equal({ claim: "sum(abs(x)) <= sqrt(5) * norm(x)", let: ["x: n"], seed });
      expect(r.verdict).toBe("refuted");
      expect(r.counterexample!.dims.n!).toBeGreaterThan(5);
      expect(r.counterexampleOriginal).not.toBeNull();
    }
  });

  it("the CLI pastes back: derive eval --at with the counterexample's values gives the two sides it printed", () => {
    const r = derive("equal", "A * B", "B * A", "--let", "A, B: n x n", "--seed", "4", "--json");
    expect(r.code).toBe(1);
    const c = JSON.parse(r.stdout).counterexample as Counterexample;
    const at = splitText(c.text).flatMap((part) => ["--at", part.replace(" = ", "=")]);
    const lhs = derive("eval", "A * B", "--let", "A, B: n x n", ...at, "--json");
    const rhs = derive("eval", "B * A", "--let", "A, B: n x n", ...at, "--json");
    expect(JSON.parse(lhs.stdout).value).toEqual(c.lhs);
    expect(JSON.parse(rhs.stdout).value).toEqual(c.rhs);
    expect(c.lhs).not.toEqual(c.rhs);
  });

  it("prints the shrunk point first and says it was shrunk", () => {
    const r = derive("equal", "A * B", "B * A", "--let", "A, B: n x n", "--seed", "3");
    expect(r.stdout).toMatch(/counterexample \(each value pastes back with --at\):\n {4}n = 2\n/);
    expect(r.stdout).toMatch(/shrunk from the first counterexample found, at n = \d; --json gives it as counterexampleOriginal/);
  });

  it("numberCost orders 0 < 1 < -1 < 2 < 1/2 < anything else", () => {
    const order = [0, 1, -1, 2, 0.5, 2.2360679];
    for (let i = 0; i + 1 < order.length; i++) expect(numberCost(order[i]!)).toBeLessThan(numberCost(order[i + 1]!));
  });
});

describe("per-entry differences", () => {
  it("lists exactly the entries outside the tolerance, largest first, 1-based", () => {
    const a = Tensor.fromRows([[1, 2], [3, 4]]);
    const b = Tensor.fromRows([[1, 2.5], [0, 4 + 1e-12]]);
    const e = entryDifferences(a, b)!;
    expect(e.count).toBe(2);
    expect(e.of).toBe(4);
    expect(e.shown).toEqual([
      { index: [2, 1], lhs: 3, rhs: 0, diff: 3 },
      { index: [1, 2], lhs: 2, rhs: 2.5, diff: -0.5 },
    ]);
    expect(differenceGrid(a, b)).toEqual(["[    .  -0.5 ]", "[    3     . ]"]);
  });

  it("is null for scalars and caps the list at 12 with the full count", () => {
    expect(entryDifferences(Tensor.scalar(1), Tensor.scalar(2))).toBeNull();
    const a = Tensor.zeros(20, 1);
    const b = a.map((_, ) => 1);
    const e = entryDifferences(a, b)!;
    expect(e.count).toBe(20);
    expect(e.shown).toHaveLength(12);
  });

  it("a refuted matrix claim carries them in its JSON, computed at the shrunk counterexample", () => {
    for (const seed of SEEDS) {
      const c = equal({ lhs: "A * B", rhs: "B * A", let: ["A, B: n x n"], seed }).counterexample!;
      const l = asTensor(c.lhs);
      const r = asTensor(c.rhs);
      let differing = 0;
      for (let k = 0; k < l.size; k++) if (l.data[k] !== r.data[k]) differing++;
      expect(c.entries!.count).toBe(differing);
      for (const e of c.entries!.shown) expect(e.diff).toBe(l.get(e.index[0]! - 1, e.index[1]! - 1) - r.get(e.index[0]! - 1, e.index[1]! - 1));
    }
  });
});
