// Fuzzing the three library calls, equal(), grad() and evaluate(), with random
// strings and random soups of whole tokens (issue 11: 100,000 fuzzed calls
// gave 366 "engine error" results, all a bare function name such as
// grad({ expr: "sum", wrt: "X" })). Whatever comes in: no exception escapes,
// no result is an engine error (that kind is reserved for derive's own bugs;
// bad input is the user's error, with its kind and position), and no call
// hangs (inputs are short, so a call that takes more than HANG_MS is a loop,
// not slowness; speed itself is measured in bench/).
//
// `FUZZ_RUNS=20000 npx vitest run tests/fuzz/api.test.ts` for a longer hunt.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate, grad } from "../../src/api.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const HANG_MS = 20_000;
/** vitest's per-test limit, scaled for a long campaign */
const TEST_MS = Math.max(60_000, RUNS * 30);

/** Whole tokens, bare function names among them, so soups reach the resolver and the engine. */
const TOKENS = [
  "sum", "det", "tr", "inv", "logdet", "exp", "log", "norm", "softmax", "relu", "abs", "grad", "diag", "I", "ones", "zeros",
  "X", "x", "y", "t", "n", "A", "pi", "e", "1", "2", "0.5", "-1",
  "(", ")", "(", ")", "[", "]", ",", ";", "+", "-", "*", "/", ".*", "./", ".^", "^", "'", "ᵀ", "²", "⁻¹", "xᵢ", " ",
];
const CHARS = [..."abcxyzAXIsumdet0123456789+-*/.^'()[],; ", "ᵀ", "²", "⁻", "₁", "≈", "α"];

const soupArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((ts) => ts.join(" "));
const gluedSoupArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((ts) => ts.join(""));
const charsArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 20 }).map((cs) => cs.join(""));
const textArb = fc.oneof(soupArb, gluedSoupArb, charsArb, fc.string({ maxLength: 16 }));
const wrtArb = fc.oneof(fc.constantFrom("X", "x", "y", "t", "n", "sum", "det", "pi", "I", "Z", ""), charsArb);
const DECLS = [[], ["X: n x n"], ["X: n x n invertible", "x, y: n"], ["A: n x m", "t: scalar"]] as const;
const declsArb = fc.constantFrom(...DECLS);

/** Runs one call: it must return, within HANG_MS, and its error (if any) must not be an engine error. */
function call<R extends { error: { message: string; position: number | null } | null }>(what: string, f: () => R): R {
  const t0 = performance.now();
  let r: R;
  try {
    r = f();
  } catch (e) {
    throw new Error(`${what} threw: ${String(e)}`);
  }
  const ms = performance.now() - t0;
  expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(HANG_MS);
  if (r.error) {
    const msg = r.error.message;
    expect(msg, what).not.toMatch(/engine error|internal error/);
    expect(msg, what).not.toContain("\n");
    const pos = r.error.position;
    expect(pos === null || (Number.isInteger(pos) && pos >= 0), what).toBe(true);
  }
  return r;
}

describe("fuzz: the library API never escapes, never reports an engine error for bad input", () => {
  it("equal(): random text and token soups on both sides", () => {
    fc.assert(
      fc.property(textArb, textArb, declsArb, (lhs, rhs, decls) => {
        const r = call(`equal(${JSON.stringify(lhs)}, ${JSON.stringify(rhs)}, ${JSON.stringify(decls)})`, () =>
          equal({ lhs, rhs, let: [...decls], seed: 1, samples: 2 }),
        );
        expect(r.detail ?? "").not.toMatch(/engine error/);
      }),
      { numRuns: RUNS },
    );
  }, TEST_MS);

  it("grad(): random text and token soups, random variables", () => {
    fc.assert(
      fc.property(textArb, wrtArb, declsArb, (expr, wrt, decls) => {
        call(`grad(${JSON.stringify(expr)}, ${JSON.stringify(wrt)}, ${JSON.stringify(decls)})`, () => grad({ expr, wrt, let: [...decls], seed: 1 }));
      }),
      { numRuns: RUNS },
    );
  }, TEST_MS);

  it("evaluate(): random text and token soups", () => {
    fc.assert(
      fc.property(textArb, declsArb, (expr, decls) => {
        call(`evaluate(${JSON.stringify(expr)}, ${JSON.stringify(decls)})`, () => evaluate({ expr, let: [...decls], seed: 1 }));
      }),
      { numRuns: RUNS },
    );
  }, TEST_MS);

  it("grad(), equal() and evaluate() inside a call: a bare function name is the user's error", () => {
    fc.assert(
      fc.property(fc.constantFrom("sum", "det", "tr", "logdet", "inv", "exp", "norm"), fc.constantFrom("", "2 * ", "tr(X) + "), (f, prefix) => {
        const expr = `${prefix}${f}`;
        const g = call(`grad(${expr})`, () => grad({ expr, wrt: "X", let: ["X: n x n"], seed: 1 }));
        expect(g.error?.message).toBe(`syntax error at ${prefix.length}: ${f} is a function: call it as ${f}(X) (in expression)`);
        const q = call(`equal(${expr})`, () => equal({ lhs: `grad(${expr}, X)`, rhs: "0", let: ["X: n x n"], seed: 1, samples: 2 }));
        expect(q.verdict).toBe("error");
        expect(q.error?.message).toMatch(new RegExp(`^syntax error at ${prefix.length + 5}: ${f} is a function`));
        const v = call(`evaluate(${expr})`, () => evaluate({ expr, let: ["X: n x n"], seed: 1 }));
        expect(v.error?.message).toMatch(/is a function: call it as/);
      }),
      { numRuns: 40 },
    );
  });
});
