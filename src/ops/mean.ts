// The function `mean(X)`: mean of all entries.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { SCALAR } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { sumAll } from "../core/kernels.js";

export const meanOp = defineOp({
  name: "mean",
  doc: "Mean of all entries of a tensor (a scalar).",
  syntax: { kind: "function", names: ["mean"], arity: 1 },
  tensorArgs: true,
  shape: () => SCALAR,
  eval: ([a]) => Tensor.scalar(sumAll(a!) / a!.size),
  jvp: ({ dargs: [da], b }) => b.call("mean", da!),
  // g * ones / numel, with numel written sum(ones)
  transpose: ({ args: [a], g, b }) => {
    const ones = b.onesOf(a!.shape);
    return b.div(b.mul(g, ones), b.call("sum", ones));
  },
  latex: ([a]) => call(opName("mean"), a!),
  examples: [
    ["mean(x)", "sum(x) / n", ["x: n"]],
    ["mean(X)", "sum(X) / (n * m)", ["X: n x m"]],
    ["mean(X + c)", "mean(X) + c", ["X: n x m", "c: scalar"]],
    ["grad(mean(x), x)", "ones(n) / n", ["x: n"]],
  ],
});
