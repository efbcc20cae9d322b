// The derivative `jacobian(F, x)`: numerator layout over column-major vec.

import { defineOp } from "./define.js";
import { latexAtom } from "./latex-util.js";
import { mulDim, shape } from "../core/shape.js";

export const jacobianOp = defineOp({
  name: "jacobian",
  doc: "Jacobian in numerator layout: entry (i, j) is d vec(F)_i / d vec(x)_j, so a scalar F gives a row.",
  syntax: { kind: "function", names: ["jacobian"], arity: 2, wrtArg: 1 },
  shape: ([f, x], ctx) => {
    if (ctx.arg(1).op !== "sym") ctx.fail(`jacobian differentiates with respect to a variable, not ${ctx.argText(1)}`, ctx.arg(1));
    return shape(mulDim(f!.rows, f!.cols), mulDim(x!.rows, x!.cols));
  },
  evalLazy: (ctx) => ctx.fd.jacobian(ctx.node.args[0]!, ctx.node.args[1]!.name!),
  latex: ([f, x], node) => `\\frac{\\partial ${latexAtom(f!, node.args[0]!)}}{\\partial ${x}}`,
  examples: [
    ["jacobian(A * x, x)", "A", ["A: m x n", "x: n"]],
    ["jacobian(x' * a, x)", "a'", ["a, x: n"]],
    ["jacobian(x .* y, x)", "diag(y)", ["x, y: n"]],
    ["jacobian(vec(X), X)", "I", ["X: n x m"]],
  ],
});
