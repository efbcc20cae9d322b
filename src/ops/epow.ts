// The operator `a .^ b`: elementwise power.

import { defineOp, PREC } from "./define.js";
import { broadcastShape } from "./elementwise.js";
import { latexAtom } from "./latex-util.js";
import { broadcastTo, integerLiteral, minusOne, sumTerms } from "./derivative-util.js";
import { showShape } from "../core/shape.js";
import { zip } from "../core/kernels.js";
import type { TNode } from "../core/typed.js";

export const epowOp = defineOp({
  elementwise: true,
  name: "epow",
  doc: "Elementwise power: each entry raised to a scalar exponent or to the matching entry of a tensor of the same shape.",
  syntax: { kind: "infix", symbol: ".^", prec: PREC.pow, assoc: "right" },
  shape: ([a, b], ctx) =>
    broadcastShape(a!, b!) ??
    ctx.fail(
      `cannot raise ${ctx.argText(0)} (${showShape(a!)}) elementwise to ${ctx.argText(1)} (${showShape(b!)}): ` +
        "the exponent must be a scalar or of the same shape",
    ),
  eval: ([a, b]) => zip(a!, b!, Math.pow),
  // d u.^c = c .* u.^(c - 1) .* du + (log(u) .* u.^c) .* dc
  jvp: ({ node, args: [u, c], dargs: [du, dc], b }) => {
    const n = integerLiteral(c!);
    let dBase: TNode | null = null;
    if (du && n !== 0) dBase = n === 1 ? broadcastTo(b, du, node.shape) : b.had(b.had(c!, b.mk("epow", [u!, minusOne(b, c!)])), du);
    const dExp = dc && b.had(b.had(b.call("log", u!), node), dc);
    return dBase || dExp ? sumTerms(b, [dBase, dExp]) : b.zerosOf(node.shape);
  },
  latex: ([a, b], node) => `{${latexAtom(a!, node.args[0]!)}}^{\\circ ${b}}`,
  examples: [
    ["x .^ 2", "x .* x", ["x: n"]],
    ["X .^ 0.5", "sqrt(X)", ["X: n x m positive"]],
    ["(X .^ a) .* (X .^ b)", "X .^ (a + b)", ["X: n x m positive", "a, b: scalar"]],
    ["grad(sum(x .^ p), x)", "p * x .^ (p - 1)", ["x: n positive", "p: scalar"]],
  ],
});
