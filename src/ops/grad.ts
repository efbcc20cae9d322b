// The derivative `grad(f, X)`: gradient of a scalar, in the shape of X.

import { defineOp } from "./define.js";
import { latexAtom } from "./latex-util.js";
import { isScalar, showShape } from "../core/shape.js";

export const gradOp = defineOp({
  name: "grad",
  doc: "Gradient of a scalar f with respect to X, of the shape of X: entry (i, j) is df/dX_ij.",
  syntax: { kind: "function", names: ["grad"], arity: 2, wrtArg: 1 },
  tensorArgs: true,
  shape: ([f, x], ctx) => {
    if (ctx.arg(1).op !== "sym") ctx.fail(`grad differentiates with respect to a variable, not ${ctx.argText(1)}`, ctx.arg(1));
    if (!isScalar(f!)) ctx.fail(`grad needs a scalar function; use jacobian for ${ctx.argText(0)} (${showShape(f!)})`);
    return x!;
  },
  evalLazy: (ctx) => ctx.fd.grad(ctx.node.args[0]!, ctx.node.args[1]!.name!),
  latex: ([f, x], node) => `\\nabla_{${x}} ${latexAtom(f!, node.args[0]!)}`,
  examples: [
    ["grad(tr(A * X), X)", "A'", ["A: m x n", "X: n x m"]],
    ["grad(x' * B * x, x)", "(B + B') * x", ["B: n x n", "x: n"]],
    ["grad(tr(X' * B * X), X)", "B * X + B' * X", ["X: n x m", "B: n x n"]],
  ],
  source: "Matrix Cookbook (100)",
});
