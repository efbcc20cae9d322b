// The function `prod(f, i, a, b)`: the finite product of f over the integer
// index i = a..b, entrywise for a tensor f (i is a new name, valid only
// inside f).

import { body } from "./latex-util.js";
import { defineOp } from "./define.js";
import { indexedShape, loop } from "./indexed.js";
import { Tensor } from "../core/tensor.js";
import { hadamard } from "../core/kernels.js";

export const prodOp = defineOp({
  name: "prod",
  doc: "prod(f, i, a, b): the product of f over the integer i = a..b (entrywise for a tensor).",
  syntax: { kind: "function", names: ["prod"], arity: 4, boundArg: 1 },
  shape: (args, ctx) => indexedShape("prod", args, ctx),
  evalLazy: (ctx) => loop(ctx, (s) => Tensor.filled(s.rows, s.cols, 1), hadamard),
  // d prod(f) = prod(f) .* sum(df ./ f), where no factor is zero
  jvp: ({ node, args, dargs, b }) => b.had(node, b.mk("sum", [b.mk("ediv", [dargs[0]!, args[0]!]), ...args.slice(1)])),
  latex: ([a, i, lo, hi]) => `\\prod_{${i}=${lo}}^{${hi}} ${body(a!)}`,
  examples: [
    ["prod(i, i, 1, 4)", "24"],
    ["prod(x[i], i, 1, n)", "exp(sum(log(x)))", ["x: n positive"]],
    ["prod(b, i, 1, t)", "b^t", ["t: integer", "b: scalar"]],
  ],
});
