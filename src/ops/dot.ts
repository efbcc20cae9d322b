// The function `dot(x, y)`: inner product of two vectors, x' * y.

import { defineOp } from "./define.js";
import { sumTerms } from "./derivative-util.js";
import { isColumn, SCALAR, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { dot } from "../core/kernels.js";

export const dotOp = defineOp({
  name: "dot",
  doc: "Inner product x' * y of two vectors of the same length.",
  syntax: { kind: "function", names: ["dot"], arity: 2 },
  shape: ([x, y], ctx) => {
    if (!isColumn(x!) || !isColumn(y!) || x!.rows !== y!.rows) {
      ctx.fail(
        `dot needs two vectors of the same length, not ${ctx.argText(0)} (${showShape(x!)}) ` +
          `and ${ctx.argText(1)} (${showShape(y!)})`,
      );
    }
    return SCALAR;
  },
  eval: ([x, y]) => Tensor.scalar(dot(x!, y!)),
  jvp: ({ args: [x, y], dargs: [dx, dy], b }) => sumTerms(b, [dx && b.call("dot", dx, y!), dy && b.call("dot", x!, dy)]),
  transpose: ({ args: [x, y], i, g, b }) => b.mul(g, i === 0 ? y! : x!),
  latex: ([x, y]) => `\\left\\langle ${x}, ${y} \\right\\rangle`,
  examples: [
    ["dot(x, y)", "y' * x", ["x, y: n"]],
    ["dot(x, x)", "norm(x)^2", ["x: n"]],
    ["grad(dot(a, x), x)", "a", ["a, x: n"]],
  ],
  source: "Matrix Cookbook (69)",
});
