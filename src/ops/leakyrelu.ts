// The function `leakyrelu(X, a)`: elementwise max(a t, t) for a slope 0 < a < 1.

import { defineOp } from "./define.js";
import { opName } from "./latex-util.js";
import { sumTerms } from "./derivative-util.js";
import { isScalar, showShape } from "../core/shape.js";
import { map } from "../core/kernels.js";
import { leakyrelu } from "../core/stable.js";

export const leakyreluOp = defineOp({
  elementwise: true,
  name: "leakyrelu",
  doc: "Leaky rectified linear unit max(a t, t) of every entry, for a scalar slope 0 < a < 1.",
  syntax: { kind: "function", names: ["leakyrelu"], arity: 2 },
  shape: ([x, a], ctx) =>
    isScalar(a!) ? x! : ctx.fail(`the slope of leakyrelu must be a scalar, not ${ctx.argText(1)} (${showShape(a!)})`),
  eval: ([x, a], ctx) => {
    const slope = a!.scalar();
    if (!(slope > 0 && slope < 1)) ctx.invalid(`leakyrelu needs a slope between 0 and 1, got ${slope}`);
    ctx.kink(x!);
    return map(x!, (t) => leakyrelu(t, slope));
  },
  // leakyrelu(t, a) = t step(t) + a t step(-t), so
  // d = (step(u) + a step(-u)) .* du + (u .* step(-u)) da
  jvp: ({ args: [u, a], dargs: [du, da], b }) => {
    const below = b.call("step", b.neg(u!));
    return sumTerms(b, [
      du && b.had(b.add(b.call("step", u!), b.mul(a!, below)), du),
      da && b.mul(b.had(u!, below), da),
    ]);
  },
  latex: ([x, a]) => `${opName("leakyrelu")}_{${a}}\\left(${x}\\right)`,
  examples: [
    ["leakyrelu(x, 0.2)", "relu(x) - 0.2 * relu(-x)", ["x: n"]],
    ["leakyrelu(X, 0.5) - 0.5 * X", "0.5 * relu(X)", ["X: n x m"]],
    ["leakyrelu(A, 0.1)", "A", ["A: n x m positive"]],
  ],
});
