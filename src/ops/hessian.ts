// The derivative `hessian(f, x)`: jacobian(grad(f, x), x), over vec(X) for a matrix.

import { defineOp } from "./define.js";
import { latexAtom } from "./latex-util.js";
import { isScalar, mulDim, shape, showShape } from "../core/shape.js";

export const hessianOp = defineOp({
  name: "hessian",
  doc: "Hessian of a scalar f: jacobian(grad(f, x), x), taken over vec(X) when X is a matrix.",
  syntax: { kind: "function", names: ["hessian"], arity: 2, wrtArg: 1 },
  shape: ([f, x], ctx) => {
    if (ctx.arg(1).op !== "sym") ctx.fail(`hessian differentiates with respect to a variable, not ${ctx.argText(1)}`, ctx.arg(1));
    if (!isScalar(f!)) ctx.fail(`hessian needs a scalar function; use jacobian for ${ctx.argText(0)} (${showShape(f!)})`);
    const n = mulDim(x!.rows, x!.cols);
    return shape(n, n);
  },
  evalLazy: (ctx) => ctx.fd.hessian(ctx.node.args[0]!, ctx.node.args[1]!.name!),
  latex: ([f, x], node) => `\\nabla^{2}_{${x}} ${latexAtom(f!, node.args[0]!)}`,
  examples: [
    ["hessian(x' * A * x, x)", "A + A'", ["A: n x n", "x: n"]],
    ["hessian(0.5 * x' * S * x, x)", "S", ["S: n x n symmetric", "x: n"]],
    ["hessian(tr(X * B * X'), X)", "kron(B + B', I(n))", ["X: n x m", "B: m x m"]],
  ],
});
