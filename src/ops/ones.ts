// The all-ones tensor `ones(n)` (a vector) and `ones(n, m)`.

import { defineOp } from "./define.js";
import { shape } from "../core/shape.js";
import { ones } from "../core/kernels.js";

export const onesOp = defineOp({
  name: "ones",
  doc: "All-ones tensor: ones(n) is an n-vector, ones(n, m) an n x m matrix.",
  syntax: { kind: "function", names: ["ones"], arity: [1, 2], dimArgs: true },
  shape: (args, ctx) => shape(ctx.dimArg(0), args.length === 2 ? ctx.dimArg(1) : 1),
  eval: (_args, ctx) => ones(ctx.size(ctx.node.shape.rows), ctx.size(ctx.node.shape.cols)),
  latex: ([n, m]) => `\\mathbf{1}_{${m === undefined ? n : `${n} \\times ${m}`}}`,
  examples: [
    ["ones(n)' * x", "sum(x)", ["x: n"]],
    ["ones(n, m) * ones(m)", "m * ones(n)"],
    ["sum(ones(n, m))", "n * m"],
  ],
});
