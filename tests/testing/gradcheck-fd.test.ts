// The finite differences of a black-box loss (src/testing/fd.ts): accurate on
// functions that vary fast or are only once differentiable, kinks found at
// and right next to the point, and the subgradient interval reported there.

import { describe, expect, it } from "vitest";
import { partial } from "../../src/testing/fd.js";

const d = (g: (x: number) => number, x: number) => partial(g, x, g(x), 1e-4);

describe("partial derivatives of a black box", () => {
  const smooth: [string, (x: number) => number, (x: number) => number, number][] = [
    ["x^3", (x) => x ** 3, (x) => 3 * x * x, 1.7],
    ["sin(1000 x)", (x) => Math.sin(1000 * x), (x) => 1000 * Math.cos(1000 * x), 0.3],
    ["exp(20 x)", (x) => Math.exp(20 * x), (x) => 20 * Math.exp(20 * x), 1.1],
    ["1/x near 0", (x) => 1 / x, (x) => -1 / (x * x), 0.01],
    ["x |x| (no kink in the first derivative)", (x) => x * Math.abs(x), (x) => 2 * Math.abs(x), 0],
    ["a large constant plus a small slope", (x) => 1e6 + 1e-3 * x, () => 1e-3, 2],
  ];
  for (const [name, g, dg, x] of smooth) {
    it(`${name}: the derivative to 1e-6, no kink`, () => {
      const p = d(g, x);
      expect(p.kink).toBeNull();
      expect(Math.abs(p.value - dg(x))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(dg(x))));
    });
  }

  it("a kink at the point: the one-sided slopes bound the subgradients", () => {
    const p = d((x) => Math.max(0, x), 0);
    expect(p.kink).not.toBeNull();
    expect(p.kink!.lo).toBeCloseTo(0, 9);
    expect(p.kink!.hi).toBeCloseTo(1, 9);
    const q = d((x) => 3 * Math.abs(x - 2), 2);
    expect([q.kink!.lo, q.kink!.hi].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([-3, 3]);
  });

  it("a kink a hair away counts as one; one farther away than the step does not", () => {
    const near = d((x) => Math.max(0.3, x), 0.3 + 1e-9);
    expect(near.kink).not.toBeNull();
    // the left side crosses the kink 1e-9 away: its quotients lie between 0 and 1
    expect(near.kink!.lo).toBeLessThan(0.01);
    expect(near.kink!.hi).toBeGreaterThanOrEqual(1 - 1e-6);
    const far = d((x) => Math.max(0.3, x), 0.3 + 1e-3);
    expect(far.kink).toBeNull();
    expect(far.value).toBeCloseTo(1, 9);
  });

  it("the edge of the domain: the side that is defined", () => {
    const p = d((x) => (x >= 0 ? Math.sqrt(x + 1) : NaN), 0);
    expect(p.value).toBeCloseTo(0.5, 6);
  });
});

describe("where only the first derivative is continuous", () => {
  it("relu(x)^2 and Huber at their switch points: the derivative, not an O(h) bias", () => {
    expect(Math.abs(d((x) => Math.max(0, x) ** 2, 0).value)).toBeLessThan(1e-9);
    const huber = (x: number): number => (Math.abs(x) <= 1 ? x * x / 2 : Math.abs(x) - 0.5);
    const p = d(huber, 1);
    expect(p.kink).toBeNull();
    expect(p.value).toBeCloseTo(1, 8);
  });

  it("gradcheck at exactly those points: right gradients pass, wrong ones fail", async () => {
    const { gradcheck } = await import("../../src/testing/index.js");
    const f = ({ x }: { x: number[] }) => x.reduce((s, v) => s + Math.max(0, v) ** 2, 0);
    expect(gradcheck(f, { grad: ({ x }: { x: number[] }) => ({ x: x.map((v) => 2 * Math.max(0, v)) }), at: { x: [0, 1, -1] }, throws: false }).ok).toBe(true);
    expect(gradcheck(f, { grad: ({ x }: { x: number[] }) => ({ x: x.map((v) => 2 * v) }), at: { x: [0, 1, -1] }, throws: false }).ok).toBe(false);
    // as a property: generated points hit 0 exactly, and no false alarm follows
    expect(gradcheck(f, { grad: ({ x }: { x: number[] }) => ({ x: x.map((v) => 2 * Math.max(0, v)) }), let: "x: n", seed: 9, numRuns: 200, throws: false }).ok).toBe(true);
  });
});
