// The zero tensor `zeros(n)` (a vector) and `zeros(n, m)`.

import { defineOp } from "./define.js";
import { shape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";

export const zerosOp = defineOp({
  name: "zeros",
  doc: "Zero tensor: zeros(n) is an n-vector, zeros(n, m) an n x m matrix.",
  syntax: { kind: "function", names: ["zeros"], arity: [1, 2], dimArgs: true },
  shape: (args, ctx) => shape(ctx.dimArg(0), args.length === 2 ? ctx.dimArg(1) : 1),
  eval: (_args, ctx) => Tensor.zeros(ctx.size(ctx.node.shape.rows), ctx.size(ctx.node.shape.cols)),
  latex: ([n, m]) => `\\mathbf{0}_{${m === undefined ? n : `${n} \\times ${m}`}}`,
  examples: [
    ["A + zeros(n, m)", "A", ["A: n x m"]],
    ["zeros(n)' * x", "0", ["x: n"]],
    ["zeros(n, m) * B", "zeros(n, p)", ["B: m x p"]],
  ],
});
