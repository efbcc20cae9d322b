// The arithmetic behind the proofs of claims about numbers: exact rationals
// (core/rational.ts) and rigorous intervals with outward rounding
// (core/interval.ts), evaluated over typed trees (numeric/exact.ts).

import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import * as I from "../../src/core/interval.js";
import { Rational } from "../../src/core/rational.js";
import { evaluateIn } from "../../src/numeric/exact.js";
import { EXACT, INTERVAL } from "../../src/numeric/fields.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";

const none = { sizes: new Map<string, number>(), values: new Map() };
const typed = (src: string) => new Resolver(new Scope([])).resolve(parseExpr(src));
const exact = (src: string): Rational => evaluateIn(EXACT, typed(src), none).data[0]!;
const box = (src: string): I.Interval => evaluateIn(INTERVAL, typed(src), none).data[0]!;
const q = (x: number): Rational => Rational.ofDouble(x)!;
/** lo <= r <= hi, compared exactly */
const contains = (iv: I.Interval, r: Rational): boolean => q(iv.lo).cmp(r) <= 0 && r.cmp(q(iv.hi)) <= 0;

/** A random expression over small integers and one-decimal numbers, with its float value computed alongside. */
interface Gen {
  text: string;
  value: number;
}
const leaf = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((k) => ({ text: String(k), value: k })),
  fc.integer({ min: 1, max: 99 }).map((k) => ({ text: `0.${String(k).padStart(2, "0")}`, value: k / 100 })),
);
const ring: fc.Arbitrary<Gen> = fc.letrec<{ e: Gen }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("e"), fc.constantFrom("+", "-", "*"), tie("e")).map(([a, op, b]) => ({
      text: `(${a.text} ${op} ${b.text})`,
      value: op === "+" ? a.value + b.value : op === "-" ? a.value - b.value : a.value * b.value,
    })),
  ),
})).e;

describe("exact rationals", () => {
  it("reads decimals as written", () => {
    expect(Rational.decimal("0.3")!.toString()).toBe("3/10");
    expect(Rational.decimal("1e-3")!.toString()).toBe("1/1000");
    expect(Rational.decimal("-2.50")!.toString()).toBe("-5/2");
    expect(Rational.ofWritten(0.1)!.toString()).toBe("1/10");
    expect(Rational.ofDouble(0.1)!.eq(Rational.decimal("0.1")!)).toBe(false); // the double is not 1/10
    expect(Rational.ofDouble(0.5)!.toString()).toBe("1/2");
  });

  it("floors and ceils towards the right integers", () => {
    expect(Rational.of(-7n, 2n).floor().toString()).toBe("-4");
    expect(Rational.of(-7n, 2n).ceil().toString()).toBe("-3");
    expect(Rational.of(7n, 2n).floor().toString()).toBe("3");
    expect(Rational.of(9n, 4n).sqrt()!.toString()).toBe("3/2");
    expect(Rational.of(2n).sqrt()).toBeNull();
  });

  test.prop([ring, ring])("a ring expression evaluates exactly: the float agrees within its rounding, and (a - b) + b = a", (a, b) => {
    const x = exact(a.text);
    // every intermediate value here is at most ~1e10, so float64 is off by far less than 1e-4
    expect(Math.abs(x.toNumber() - a.value)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a.value)));
    expect(exact(`(${a.text} - ${b.text}) + ${b.text}`).eq(x)).toBe(true);
    expect(exact(`${a.text} * ${b.text}`).eq(x.mul(exact(b.text)))).toBe(true);
  });

  test.prop([ring, ring])("division is exact: (a / b) * b = a when b is not 0", (a, b) => {
    const y = exact(b.text);
    fc.pre(y.sign() !== 0);
    expect(exact(`(${a.text} / ${b.text}) * ${b.text}`).eq(exact(a.text))).toBe(true);
  });

  it("evaluates integer functions and small matrices exactly", () => {
    expect(exact("convout(227, 11, 4, 0)").toString()).toBe("55");
    expect(exact("convparams(3, 96, 11 * 11)").toString()).toBe("34944");
    expect(exact("floor(7 / 2) + ceil(-0.5)").toString()).toBe("3");
    expect(exact("det([1, 2; 3, 4])").toString()).toBe("-2");
    expect(exact("inv([1, 2; 3, 4])[2, 1]").toString()).toBe("3/2");
    expect(exact("tr([1, 2; 3, 4]^3)").toString()).toBe("155");
    expect(exact("sum(i^2, i, 1, 10)").toString()).toBe("385");
    expect(exact("0.3 * 0 + 0.2 * 1 + 0.2").toString()).toBe("2/5");
  });

  it("gives up on what is not rational", () => {
    expect(() => exact("sqrt(2)")).toThrow(I.Undecided);
    expect(() => exact("exp(1)")).toThrow(I.Undecided);
    expect(() => exact("1 / (1 - 1)")).toThrow(I.Undecided);
  });
});

describe("rigorous intervals", () => {
  it("widens every bound outwards", () => {
    expect(I.nextUp(1)).toBeGreaterThan(1);
    expect(I.nextDown(1)).toBeLessThan(1);
    expect(I.nextUp(0)).toBe(Number.MIN_VALUE);
    const r = I.fromRational(Rational.decimal("0.1")!);
    expect(contains(r, Rational.decimal("0.1")!)).toBe(true);
    expect(r.lo).toBeLessThan(r.hi);
  });

  test.prop([ring])("the interval of a ring expression contains its exact rational value", (a) => {
    expect(contains(box(a.text), exact(a.text))).toBe(true);
  });

  const fns = ["exp", "log", "sqrt", "sigmoid", "tanh", "softplus"] as const;
  const ref: Record<(typeof fns)[number], (x: number) => number> = {
    exp: Math.exp,
    log: Math.log,
    sqrt: Math.sqrt,
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    tanh: Math.tanh,
    softplus: (x) => Math.log1p(Math.exp(x)),
  };
  test.prop([fc.constantFrom(...fns), fc.double({ min: 0.001, max: 30, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 })])(
    "f over [a, a + w] contains f at every point inside (up to float64's own rounding of f)",
    (f, a, w, ts) => {
      const iv = (I as unknown as Record<string, (x: I.Interval) => I.Interval>)[f]!({ lo: a, hi: a + w });
      for (const t of ts) {
        const x = Math.min(a + t * w, a + w);
        const y = ref[f](x);
        const slack = 1e-13 * Math.abs(y);
        expect(iv.lo - slack).toBeLessThanOrEqual(y);
        expect(y).toBeLessThanOrEqual(iv.hi + slack);
      }
    },
  );

  test.prop([fc.integer({ min: -30, max: 30 }), fc.integer({ min: 1, max: 9 })])("exp and log are inverse within their intervals", (k, d) => {
    const x = Rational.of(BigInt(k), BigInt(d));
    const back = I.log(I.exp(I.fromRational(x)));
    expect(contains(back, x)).toBe(true);
  });

  it("is tight: sigmoid(0.6) to about 1e-15", () => {
    const s = box("sigmoid(0.6)");
    expect(s.hi - s.lo).toBeLessThan(1e-14);
    expect(s.lo).toBeLessThan(0.6456563062257955);
    expect(s.hi).toBeGreaterThan(0.6456563062257953);
  });

  it("refuses what it cannot bound", () => {
    expect(() => box("log(0)")).toThrow(I.Undecided);
    expect(() => box("1 / (sigmoid(0) - 0.5)")).toThrow(I.Undecided);
    expect(() => box("sqrt(-1)")).toThrow(I.Undecided);
    expect(() => box("floor(tanh(0))")).toThrow(I.Undecided); // the interval of tanh(0) straddles 0
    expect(box("floor(tanh(0.5))")).toEqual({ lo: 0, hi: 0 });
  });
});
