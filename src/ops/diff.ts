// The derivative `diff(F, X, V)` (directional) and `diff(F, t)` (by a scalar).

import { defineOp } from "./define.js";
import { isScalar, sameShape, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";

export const diffOp = defineOp({
  name: "diff",
  doc: "diff(F, X, V) is d/ds F(X + s V) at s = 0, V evaluated once at the base point; diff(F, t) differentiates F entrywise by a scalar t.",
  syntax: { kind: "function", names: ["diff"], arity: [2, 3], wrtArg: 1 },
  tensorArgs: true,
  shape: ([f, x, v], ctx) => {
    if (ctx.arg(1).op !== "sym") ctx.fail(`diff differentiates with respect to a variable, not ${ctx.argText(1)}`, ctx.arg(1));
    if (v === undefined) {
      if (!isScalar(x!)) {
        ctx.fail(
          "diff(F, X) needs a scalar variable; write diff(F, X, V) for a direction " +
            `(${ctx.argText(1)} is ${showShape(x!)})`,
        );
      }
    } else if (!sameShape(x!, v)) {
      ctx.fail(
        `the direction ${ctx.argText(2)} (${showShape(v)}) must have the shape of ${ctx.argText(1)} (${showShape(x!)})`,
      );
    }
    return f!;
  },
  evalLazy: (ctx) => {
    const [f, x, v] = ctx.node.args;
    return ctx.fd.directional(f!, x!.name!, v === undefined ? Tensor.scalar(1) : ctx.evaluate(v));
  },
  latex: ([f, x, v]) =>
    v === undefined
      ? `\\frac{\\mathrm{d}}{\\mathrm{d} ${x}}\\left(${f}\\right)`
      : `\\mathrm{D}_{${x}}\\left[${f}\\right]\\left[${v}\\right]`,
  examples: [
    ["diff(inv(X), X, V)", "(-inv(X) * V * inv(X))", ["X: n x n invertible", "V: n x n"]],
    ["diff(X' * X, X, V)", "V' * X + X' * V", ["X, V: n x m"]],
    ["diff(det(X), X, V)", "det(X) * tr(inv(X) * V)", ["X: n x n invertible", "V: n x n"]],
    ["diff((A + t*B)', t)", "B'", ["A, B: n x m", "t: scalar"]],
  ],
  source: "Matrix Cookbook (40)",
});
