// Fuzzing the library API with hostile text: random strings over the
// language's alphabet, valid examples with random edits, and random
// declaration strings. Whatever comes in, `equal` returns (never throws) one
// of the four verdicts, and an error is one line that a user can read: no
// stack trace, no internal error. Random well-formed trees from the registry
// (tests/parse/expr-arbitrary.ts) also go through the whole pipeline, where
// `t = t` must never be refuted, and through LaTeX, which KaTeX must accept.

import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { type EqualResult, equal } from "../../src/api.js";
import { OPS } from "../../src/ops/registry.js";
import { printExpr } from "../../src/parse/print.js";
import { toLatex } from "../../src/render/latex.js";
import { exprArb } from "../parse/expr-arbitrary.js";

const VERDICTS = ["proved", "verified", "refuted", "error"];
const SAMPLES = 2;
/** `FUZZ_RUNS=20000 npx vitest run tests/fuzz` for a longer hunt */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

function run(lhs: string, rhs: string, decls: readonly string[]): EqualResult {
  let r: EqualResult;
  try {
    r = equal({ lhs, rhs, let: decls, seed: 1, samples: SAMPLES });
  } catch (e) {
    throw new Error(`equal threw on lhs=${JSON.stringify(lhs)} rhs=${JSON.stringify(rhs)} let=${JSON.stringify(decls)}: ${String(e)}`);
  }
  return r;
}

function wellBehaved(r: EqualResult, what: string): void {
  expect(VERDICTS, what).toContain(r.verdict);
  if (r.verdict === "error") {
    expect(r.error, what).not.toBeNull();
    const msg = r.error!.message;
    expect(msg, what).not.toContain("\n");
    expect(msg, what).not.toContain("    at ");
    // an "internal error" is an exception the engine did not expect
    expect(msg, what).not.toMatch(/internal error/);
    const pos = r.error!.position;
    expect(pos === null || (Number.isInteger(pos) && pos >= 0), what).toBe(true);
  } else {
    expect(r.error, what).toBeNull();
  }
}

// --- (a) random strings over the language's alphabet ------------------------

const CHARS = [
  ..."abcxyzAXIenm0123456789",
  ..."+-*/.^'()[],;=<>~ ",
  "≈", "≤", "≥", "∝", "±", "−", "’", "·", "×", "⊙", "α", "é", "∑", "😀", "\u200b", "\t",
];
/** Whole tokens too, so random text reaches past the lexer into the parser and resolver. */
const TOKENS = ["tr(", "inv(", "det(", "grad(", "sum(", "softmax(", "diag(", "kron(", "I(", "ones(", "X", "x", "y", ".*", "./", ".^", "1e3", "0.5", "pi", "e"];
const unitArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CHARS) }, { weight: 1, arbitrary: fc.constantFrom(...TOKENS) });
const textArb = fc.array(unitArb, { maxLength: 24 }).map((us) => us.join(""));
const DECLS = ["X: n x n", "x, y: n", "A: n x m", "t: scalar"];

// --- (b) valid examples with random edits -----------------------------------

const EXAMPLES = OPS.flatMap((op) => op.examples.map(([lhs, rhs, decls]) => ({ lhs, rhs, decls: decls ?? [] })));

type Edit = { kind: "delete" | "insert" | "swap" | "replace"; at: number; ch: string };
const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom("delete", "insert", "swap", "replace"),
  at: fc.nat(),
  ch: fc.constantFrom(...CHARS, ...TOKENS),
});

function applyEdit(s: string, e: Edit): string {
  if (s.length === 0) return e.kind === "insert" ? e.ch : s;
  const i = e.at % s.length;
  switch (e.kind) {
    case "delete":
      return s.slice(0, i) + s.slice(i + 1);
    case "insert":
      return s.slice(0, i) + e.ch + s.slice(i);
    case "replace":
      return s.slice(0, i) + e.ch + s.slice(i + 1);
    case "swap":
      return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  }
}

const mutatedArb = fc.record({
  example: fc.constantFrom(...EXAMPLES),
  side: fc.constantFrom("lhs", "rhs", "both"),
  lhsEdits: fc.array(editArb, { minLength: 1, maxLength: 3 }),
  rhsEdits: fc.array(editArb, { minLength: 1, maxLength: 3 }),
});

// --- (c) random declaration strings -----------------------------------------

const declWordArb = fc.constantFrom(
  "X", "x", "A", "B", "n", "m", "1", "2", "0", "4x3", "100000", "99999999999999999999", "x", "×", ",", ";", ":",
  "scalar", "integer", "spd", "symmetric", "invertible", "orthogonal", "diagonal", "positive", "nonnegative",
  "simplex", "onehot", "tr", "I", "e", "-1", "2.5", "", "  ",
);
const declArb = fc.array(declWordArb, { maxLength: 8 }).map((ws) => ws.join(" "));
const CLAIMS = [
  ["X * x", "X * x"],
  ["tr(X) + sum(x)", "sum(x) + tr(X)"],
  ["x", "x"],
  ["inv(X)", "X^-1"],
] as const;

describe("fuzz: equal() never throws and errors are one line", () => {
  it("(a) random strings over the language's alphabet", () => {
    fc.assert(
      fc.property(textArb, textArb, fc.boolean(), (lhs, rhs, withDecls) => {
        const decls = withDecls ? DECLS : [];
        wellBehaved(run(lhs, rhs, decls), `${JSON.stringify(lhs)} = ${JSON.stringify(rhs)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("(b) examples of every operator with random edits", () => {
    fc.assert(
      fc.property(mutatedArb, ({ example, side, lhsEdits, rhsEdits }) => {
        const lhs = side === "rhs" ? example.lhs : lhsEdits.reduce(applyEdit, example.lhs);
        const rhs = side === "lhs" ? example.rhs : rhsEdits.reduce(applyEdit, example.rhs);
        wellBehaved(run(lhs, rhs, example.decls), `${JSON.stringify(lhs)} = ${JSON.stringify(rhs)} with ${JSON.stringify(example.decls)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("(c) random declaration strings", () => {
    fc.assert(
      fc.property(fc.array(declArb, { maxLength: 3 }), fc.constantFrom(...CLAIMS), (decls, [lhs, rhs]) => {
        wellBehaved(run(lhs, rhs, decls), `${lhs} = ${rhs} with ${JSON.stringify(decls)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("(c') declarations with random edits", () => {
    const valid = [...new Set(EXAMPLES.flatMap((e) => e.decls))];
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.array(editArb, { minLength: 1, maxLength: 3 }), (decl, edits) => {
        const d = edits.reduce(applyEdit, decl);
        wellBehaved(run("X * x", "X * x", [d]), `X * x with ${JSON.stringify(d)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("(d) random well-formed trees: t = t and t + t = 2 * t are never refuted", () => {
    // the generator's names, given shapes; the rest stay undeclared scalars
    const decls = ["X, A, B: n x n", "x, y, z: n", "t: scalar"];
    fc.assert(
      fc.property(exprArb(false, 3), (tree) => {
        const s = printExpr(tree);
        for (const [lhs, rhs] of [
          [s, s],
          [`(${s}) + (${s})`, `2 * (${s})`],
        ] as const) {
          const r = run(lhs, rhs, decls);
          wellBehaved(r, `${lhs} = ${rhs}`);
          expect(r.verdict, `${lhs} = ${rhs}: ${r.detail}`).not.toBe("refuted");
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("(e) the LaTeX of random trees renders in KaTeX", () => {
    fc.assert(
      fc.property(exprArb(true), (tree) => {
        const tex = toLatex(tree);
        expect(() => katex.renderToString(tex, { throwOnError: true, trust: false, strict: "ignore" }), `${printExpr(tree)} -> ${tex}`).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
