// The postfix operator `a'`: transpose.

import { defineOp } from "./define.js";
import { latexAtom } from "./latex-util.js";
import { transposeShape } from "../core/shape.js";
import { transpose } from "../core/kernels.js";

export const transposeOp = defineOp({
  name: "transpose",
  doc: "Transpose; binds tightest of all operators, so write (X^-1)' for the transpose of an inverse.",
  syntax: { kind: "postfix", symbol: "'" },
  shape: ([a]) => transposeShape(a!),
  eval: ([a]) => transpose(a!),
  jvp: ({ dargs: [da], b }) => b.tp(da!),
  transpose: ({ g, b }) => b.tp(g),
  latex: ([a], node) => `{${latexAtom(a!, node.args[0]!)}}^{\\top}`,
  examples: [
    ["(X')'", "X", ["X: n x m"]],
    ["x' * y", "y' * x", ["x, y: n"]],
    ["diff((A + t*B)', t)", "B'", ["A, B: n x m", "t: scalar"]],
  ],
  source: "Matrix Cookbook (44)",
});
