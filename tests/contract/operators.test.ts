// The operator contract: one suite that runs over every operator in the
// registry (fast-check's habit of one generic assertion suite over all
// exports), so an operator is tested the moment it is added to OPS. For each
// operator: its definition is complete and its syntax coherent with the
// registry lookups; and for each of its examples: the claim holds (for two
// seeds), is not vacuous (shifting one side by 1 refutes it), exercises the
// operator, prints and parses back to the same tree, renders in KaTeX, and
// evaluates to the shape its shape rule predicts.

import katex from "katex";
import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";
import { type Expr, key } from "../../src/core/ast.js";
import { dimSize } from "../../src/core/shape.js";
import { type OpDef, PREC } from "../../src/ops/define.js";
import { OPS, constantOp, functionOp, infixOp, opDef, postfixOp, prefixOp } from "../../src/ops/registry.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";
import { toLatex } from "../../src/render/latex.js";

const SEEDS = [11, 20250] as const;
const ACCEPTED = ["proved", "verified"];

/** Does the tree contain a node with this op? */
function contains(e: Expr, op: string): boolean {
  return e.op === op || e.args.some((a) => contains(a, op));
}

function parseSide(src: string, decls: readonly string[]): Expr {
  return parseExpr(src, { isVariable: Scope.parse(decls).isVariable });
}

/** A side that, by language.md, takes its shape from the other side: a bare `0` or `I`. */
function takesOtherSidesShape(e: Expr): boolean {
  return (e.op === "num" && e.value === 0) || (e.op === "sym" && e.name === "I");
}

function renderKatex(tex: string): string {
  return katex.renderToString(tex, { throwOnError: true, trust: false, strict: "ignore" });
}

function checkSyntax(op: OpDef): void {
  const s = op.syntax;
  switch (s.kind) {
    case "function": {
      expect(s.names.length).toBeGreaterThan(0);
      expect(s.names[0]).toBe(op.name);
      for (const n of s.names) {
        expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(functionOp(n)).toBe(op);
      }
      const [lo, hi] = typeof s.arity === "number" ? [s.arity, s.arity] : s.arity;
      expect(Number.isInteger(lo) && Number.isInteger(hi)).toBe(true);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeGreaterThanOrEqual(lo);
      if (s.wrtArg !== undefined) {
        expect(s.wrtArg).toBeGreaterThanOrEqual(0);
        expect(s.wrtArg).toBeLessThan(lo);
        expect(op.evalLazy, "a derivative operator is evaluated from its subtree").toBeTypeOf("function");
      }
      break;
    }
    case "infix":
      expect(s.symbol.length).toBeGreaterThan(0);
      expect(infixOp(s.symbol)).toBe(op);
      expect([PREC.add, PREC.mul, PREC.pow]).toContain(s.prec);
      // language.md: + - * / .* ./ are left-associative, ^ .^ right-associative
      expect(s.assoc).toBe(s.prec === PREC.pow ? "right" : "left");
      break;
    case "prefix":
      expect(s.symbol.length).toBeGreaterThan(0);
      expect(prefixOp(s.symbol)).toBe(op);
      expect(s.prec).toBe(PREC.neg);
      break;
    case "postfix":
      expect(s.symbol.length).toBeGreaterThan(0);
      expect(postfixOp(s.symbol)).toBe(op);
      break;
    case "index":
      break;
    case "leaf":
      expect(s.names?.length ?? 0).toBeGreaterThan(0);
      for (const n of s.names ?? []) {
        expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(constantOp(n)).toBe(op);
      }
      break;
  }
}

it("the registry holds at least the operators of language.md, each once", () => {
  const names = OPS.map((o) => o.name);
  expect(new Set(names).size).toBe(names.length);
  for (const n of ["add", "sub", "mul", "div", "hadamard", "ediv", "neg", "pow", "epow", "transpose", "index", "tr", "grad"]) {
    expect(names).toContain(n);
  }
});

describe.each(OPS.map((op) => [op.name, op] as const))("operator %s", (name, op) => {
  it("is complete: doc, examples, kernel, LaTeX, coherent syntax", () => {
    expect(opDef(name)).toBe(op);
    expect(op.doc.trim().length).toBeGreaterThan(10);
    expect(op.examples.length).toBeGreaterThan(0);
    expect(typeof op.shape).toBe("function");
    expect(typeof op.latex).toBe("function");
    expect(typeof op.eval === "function" || typeof op.evalLazy === "function").toBe(true);
    checkSyntax(op);
  });

  describe.each(op.examples.map(([lhs, rhs, decls]) => [lhs, rhs, decls ?? []] as const))(
    "example %s = %s",
    (lhs, rhs, decls) => {
      const opts = { let: decls as readonly string[] };

      it.each(SEEDS)("holds (seed %i)", (seed) => {
        const r = equal({ lhs, rhs, ...opts, seed });
        expect(r.error, r.detail).toBeNull();
        expect(ACCEPTED, `${lhs} = ${rhs}: ${r.detail}`).toContain(r.verdict);
      });

      it("is refuted when one side is shifted by 1 (not vacuous)", () => {
        // A bare `0` takes the other side's shape; `(0) + 1` would be a
        // scalar, so shift the left side instead.
        const zeroRhs = takesOtherSidesShape(parseSide(rhs, decls)) && rhs.trim() === "0";
        const mutated = zeroRhs ? { lhs: `(${lhs}) + 1`, rhs } : { lhs, rhs: `(${rhs}) + 1` };
        const r = equal({ ...mutated, ...opts, seed: SEEDS[0] });
        expect(r.verdict, `${mutated.lhs} = ${mutated.rhs}: ${r.detail}`).toBe("refuted");
        expect(r.counterexample).not.toBeNull();
      });

      it("exercises the operator", () => {
        const sides = [parseSide(lhs, decls), parseSide(rhs, decls)];
        const syntactic = sides.some((s) => contains(s, name));
        // constants (pi, e, a bare I) are symbols until the resolver types them
        const resolved = new Resolver(Scope.parse(decls)).resolveSides(sides);
        expect(syntactic || resolved.some((s) => contains(s, name)), `neither ${lhs} nor ${rhs} uses ${name}`).toBe(true);
      });

      it.each([
        ["lhs", lhs],
        ["rhs", rhs],
      ])("%s prints and parses back to the same tree", (_side, src) => {
        const tree = parseSide(src, decls);
        const text = printExpr(tree);
        const again = parseSide(text, decls);
        expect(key(again)).toBe(key(tree));
        expect(printExpr(again)).toBe(text);
      });

      it.each([
        ["lhs", lhs],
        ["rhs", rhs],
      ])("LaTeX of the %s renders in KaTeX", (_side, src) => {
        const tex = toLatex(parseSide(src, decls));
        expect(tex.length).toBeGreaterThan(0);
        expect(() => renderKatex(tex), tex).not.toThrow();
      });

      it("evaluates to the shape its shape rule predicts", () => {
        let checked = 0;
        for (const src of [lhs, rhs]) {
          const tree = parseSide(src, decls);
          if (takesOtherSidesShape(tree)) continue;
          const typed = new Resolver(Scope.parse(decls)).resolve(tree);
          const r = evaluate({ expr: src, ...opts, seed: SEEDS[0] });
          expect(r.error, `${src}: ${r.error?.message}`).toBeNull();
          const dims = new Map(Object.entries(r.dims));
          expect(r.shape).toEqual([dimSize(typed.shape.rows, dims), dimSize(typed.shape.cols, dims)]);
          checked++;
        }
        expect(checked).toBeGreaterThan(0);
      });
    },
  );
});
