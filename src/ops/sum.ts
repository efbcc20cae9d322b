// The function `sum`: `sum(X)`, the sum of all entries; and `sum(f, i, a, b)`,
// the finite sum of f over the integer index i = a..b (i is a new name,
// valid only inside f).

import { defineOp } from "./define.js";
import { indexedShape, loop } from "./indexed.js";
import { body, call, opName } from "./latex-util.js";
import { SCALAR } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { add, sumAll } from "../core/kernels.js";

export const sumOp = defineOp({
  name: "sum",
  doc: "Sum of all entries of a tensor (a scalar); sum(f, i, a, b) is the sum of f over the integer i = a..b.",
  syntax: { kind: "function", names: ["sum"], arity: [1, 4], boundArg: 1 },
  tensorArgs: true,
  shape: (args, ctx) => {
    if (args.length === 1) return SCALAR;
    if (args.length !== 4) ctx.fail("sum takes one argument, sum(X), or four, sum(f, i, a, b)");
    return indexedShape("sum", args, ctx);
  },
  evalLazy: (ctx) => {
    if (ctx.node.args.length === 1) return Tensor.scalar(sumAll(ctx.evaluate(ctx.node.args[0]!)));
    return loop(ctx, (s) => Tensor.zeros(s.rows, s.cols), add);
  },
  // linear in f (the index and the bounds are not differentiated)
  jvp: ({ args, dargs, b }) => (args.length === 1 ? b.call("sum", dargs[0]!) : b.mk("sum", [dargs[0]!, ...args.slice(1)])),
  transpose: ({ args: [a], g, b, node }) => {
    // sum(f, i, a, b): the symbolic engine sums the adjoints of f over i itself (symbolic/diff.ts, unsum)
    if (node.args.length !== 1) throw new Error("the adjoint of a sum over an index is the sum of the adjoints of its body");
    return b.mul(g, b.onesOf(a!.shape));
  },
  latex: ([a, i, lo, hi]) => (i === undefined ? call(opName("sum"), a!) : `\\sum_{${i}=${lo}}^{${hi}} ${body(a!)}`),
  examples: [
    ["sum(A + B)", "sum(A) + sum(B)", ["A, B: n x m"]],
    ["sum(X)", "ones(n)' * X * ones(m)", ["X: n x m"]],
    ["grad(sum(A .* X), X)", "A", ["A, X: n x m"]],
    ["sum(x[i], i, 1, n)", "sum(x)", ["x: n"]],
    ["sum(i, i, 1, n)", "n * (n + 1) / 2", ["x: n"]],
    ["sum(b^(t - i) * (1 - b), i, 1, t)", "1 - b^t", ["t: integer", "b: scalar"]],
  ],
});
