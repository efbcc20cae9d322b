// The function `outer(x, y)`: outer product of two vectors, x * y'.

import { defineOp } from "./define.js";
import { latexAtom } from "./latex-util.js";
import { sumTerms } from "./derivative-util.js";
import { isColumn, shape, showShape } from "../core/shape.js";
import { outer } from "../core/kernels.js";

export const outerOp = defineOp({
  name: "outer",
  doc: "Outer product x * y' of two vectors.",
  syntax: { kind: "function", names: ["outer"], arity: 2 },
  shape: ([x, y], ctx) => {
    if (!isColumn(x!) || !isColumn(y!)) {
      ctx.fail(`outer needs two vectors, not ${ctx.argText(0)} (${showShape(x!)}) and ${ctx.argText(1)} (${showShape(y!)})`);
    }
    return shape(x!.rows, y!.rows);
  },
  eval: ([x, y]) => outer(x!, y!),
  jvp: ({ args: [x, y], dargs: [dx, dy], b }) => sumTerms(b, [dx && b.call("outer", dx, y!), dy && b.call("outer", x!, dy)]),
  // <G, x y'> = <G y, x> = <G' x, y>
  transpose: ({ args: [x, y], i, g, b }) => (i === 0 ? b.mul(g, y!) : b.mul(b.tp(g), x!)),
  latex: ([x, y], node) => `${latexAtom(x!, node.args[0]!)} \\, {${latexAtom(y!, node.args[1]!)}}^{\\top}`,
  examples: [
    ["outer(x, y)", "x * y'", ["x: n", "y: m"]],
    ["tr(outer(x, y))", "dot(x, y)", ["x, y: n"]],
    ["grad(a' * X * b, X)", "outer(a, b)", ["a: n", "b: m", "X: n x m"]],
  ],
  source: "Matrix Cookbook (70)",
});
