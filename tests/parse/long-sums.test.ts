// Long flat sums (issue 11): the printed gradient of a 1,000-term loss used to
// exceed the parser's own nesting limit ("engine error"), and a flat sum of
// 2,000 terms was refused as "nested too deeply". A chain `a + b + c ...` is
// read with a loop and grouped into a shallow tree (parser.ts, sumChain), so
// only real nesting counts against the limit, and the gradient's readable form
// collects like terms (`100 * x[1]`, not `x[1] + x[1] + ...`).

import { describe, expect, it } from "vitest";
import { equal, evaluate, grad } from "../../src/api.js";
import { DeriveError } from "../../src/core/errors.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";

/** `f(0) + f(1) + ...` with a `-` before every third term */
function chain(n: number, f: (i: number) => string): string {
  let s = f(0);
  for (let i = 1; i < n; i++) s += `${i % 3 === 0 ? " - " : " + "}${f(i)}`;
  return s;
}

function depth(e: { args: readonly unknown[] }): number {
  let d = 0;
  for (const a of e.args) d = Math.max(d, depth(a as { args: readonly unknown[] }));
  return d + 1;
}

function limitError(src: string): DeriveError {
  try {
    parseExpr(src);
  } catch (e) {
    expect(e).toBeInstanceOf(DeriveError);
    return e as DeriveError;
  }
  throw new Error("parsed");
}

describe("long flat sums", () => {
  it.each([2000, 10_000])("a flat sum of %i terms is accepted, shallow, and evaluates to its value", (n) => {
    const src = chain(n, (i) => `x * ${i % 7}`);
    const t = parseExpr(src);
    expect(depth(t)).toBeLessThan(n / 10);
    let want = 0;
    for (let i = 0; i < n; i++) want += (i === 0 || i % 3 !== 0 ? 1 : -1) * 1.5 * (i % 7);
    const r = evaluate({ expr: src, at: { x: 1.5 } });
    expect(r.error).toBeNull();
    expect(r.value as number).toBeCloseTo(want, 6);
  });

  it("a long sum prints to text that parses back to the same value", () => {
    const src = chain(3000, (i) => `y^${(i % 4) + 1}`);
    const again = printExpr(parseExpr(src));
    const at = { y: 0.9 };
    expect(evaluate({ expr: again, at }).value as number).toBeCloseTo(evaluate({ expr: src, at }).value as number, 9);
  });

  it("a long run of subtractions keeps its signs", () => {
    const src = `1${" - x".repeat(5000)}`;
    expect(evaluate({ expr: src, at: { x: 2 } }).value).toBe(1 - 5000 * 2);
    const r = equal({ lhs: src, rhs: "1 - 5000 * x", seed: 3, samples: 3 });
    expect(["proved", "verified"], r.detail).toContain(r.verdict);
    const wrong = equal({ lhs: src, rhs: "1 - 4999 * x", seed: 3, samples: 3 });
    expect(wrong.verdict).toBe("refuted");
  });

  it.each([
    ["parentheses", `${"(".repeat(10_000)}x${")".repeat(10_000)}`],
    ["calls", `${"sin(".repeat(10_000)}x${")".repeat(10_000)}`],
    ["unary minus", `${"-".repeat(10_000)}x`],
    ["powers", `x${"^x".repeat(10_000)}`],
    ["transposes", `x${"'".repeat(10_000)}`],
  ])("10,000 levels of real nesting (%s) are a positioned 'nested too deeply', not a stack overflow", (_, src) => {
    const e = limitError(src);
    expect(e.kind).toBe("limit");
    expect(e.message).toMatch(/nested too deeply/);
    expect(e.position).not.toBeNull();
    expect(e.position!).toBeGreaterThan(0);
    const r = evaluate({ expr: src });
    expect(r.error?.message).toMatch(/^limit error at \d+: expression is nested too deeply/);
  });

  it("derive grad of a 1,000-term sum: like terms collected, the result parses back and is checked", () => {
    let src = "x[1]^2";
    for (let i = 1; i < 1000; i++) src += ` + x[${(i % 10) + 1}]^2`;
    const g = grad({ expr: src, wrt: "x", let: ["x: 10"], seed: 1 });
    expect(g.error).toBeNull();
    expect(g.result).toBe(`[${Array.from({ length: 10 }, (_, i) => `200 * x[${i + 1}]`).join("; ")}]`);
    expect(["proved", "verified"]).toContain(g.check);
    expect(() => parseExpr(g.result!)).not.toThrow();
  });

  it("derive grad collects like terms of a sum (n * (...) instead of t + t + ...)", () => {
    const src = Array.from({ length: 300 }, () => "tr(A * X)").join(" + ");
    const g = grad({ expr: src, wrt: "X", let: ["A, X: n x n"], seed: 1 });
    expect(g.result).toBe("300 * A'");
    const h = grad({ expr: "t * a + t * a - 3 * t * a + t * b", wrt: "t", seed: 1 });
    expect(h.result).toBe("b - a");
  });
});
