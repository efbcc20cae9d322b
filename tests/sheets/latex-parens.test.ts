// Parentheses in operator LaTeX, as laws over random trees: never around a
// bare atom (a name, a number, a constant) except as a function's argument
// list, and wherever the text printer needs parentheses to keep precedence,
// the LaTeX has them too unless the operand already reads as one unit (a
// fraction, a root, a call, a scripted symbol: nothing at its top level that
// could bind to a neighbour).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Expr, node, num, sym } from "../../src/core/ast.js";
import { isTight } from "../../src/ops/latex-util.js";
import { printExpr } from "../../src/parse/print.js";
import { toLatex } from "../../src/render/latex.js";
import { exprArb } from "../parse/expr-arbitrary.js";

/** A bare atom in LaTeX: a letter, a command (\alpha, \infty), \mathrm{..}, a scripted name, a number. */
const ATOM = String.raw`(?:[A-Za-z]|\\[A-Za-z]+|\\mathrm\{[^{}]*\}|[A-Za-z]_\{[^{}]*\}|\d+(?:\.\d+)?)`;
/** `\left(atom\right)` not directly after a function head (a letter or `}` ends a head). */
const REDUNDANT = new RegExp(String.raw`(?:^|[^A-Za-z}])\\left\(${ATOM}\\right\)`);

const wrapped = (s: string): string => `\\left(${s}\\right)`;

describe("operator LaTeX parentheses", () => {
  it("never wraps a bare atom outside a function's argument list", () => {
    fc.assert(
      fc.property(exprArb(false, 4), (e) => {
        const tex = toLatex(e);
        expect(REDUNDANT.exec(tex)?.[0], `${printExpr(e)} -> ${tex}`).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it("the known cases: big operators, Kronecker factors, transposes inside ⊗", () => {
    const x = sym("x");
    expect(REDUNDANT.test(String.raw`\sum_{i=1}^{n} \left(i\right)`)).toBe(true);
    expect(REDUNDANT.test(String.raw`\operatorname{tr}\left(X\right)`)).toBe(false);
    expect(toLatex(node("sum", [node("index", [x, sym("i")]), sym("i"), sym("a"), sym("b")]))).toBe(String.raw`\sum_{i=a}^{b} {x}_{i}`);
    expect(toLatex(node("kron", [node("transpose", [sym("B")]), sym("A")]))).toBe(String.raw`{B}^{\top} \otimes A`);
    expect(toLatex(node("add", [node("kron", [sym("A"), sym("B")]), sym("C")]))).toBe(String.raw`A \otimes B + C`);
    // a sign never follows a binary operator bare: A + (-1) * B
    expect(toLatex(node("add", [sym("A"), node("mul", [node("neg", [num(1)]), sym("B")])]))).toBe(String.raw`A + \left(-1 \, B\right)`);
  });

  const binary = fc.constantFrom("add", "sub", "mul", "hadamard", "ediv", "pow", "epow");
  it("keeps every parenthesis the text printer needs, unless the operand is one unit", () => {
    fc.assert(
      fc.property(binary, exprArb(false, 3), exprArb(false, 3), (op, a, b) => {
        const e: Expr = node(op, [a, b]);
        const text = printExpr(e);
        const tex = toLatex(e);
        const [ta, la] = [printExpr(a), toLatex(a)];
        if (text.startsWith(`(${ta})`) && !isTight(la)) {
          // a base of a power sits in a group: {\left(a\right)}^{..}
          expect(tex.startsWith(wrapped(la)) || tex.startsWith(`{${wrapped(la)}}`), `${text} -> ${tex}`).toBe(true);
        }
        const [tb, lb] = [printExpr(b), toLatex(b)];
        if (!op.includes("pow") && text.endsWith(`(${tb})`) && !isTight(lb)) {
          expect(tex.endsWith(wrapped(lb)), `${text} -> ${tex}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
