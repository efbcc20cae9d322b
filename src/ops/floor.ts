// The elementwise function `floor(X)`.

import { defineOp } from "./define.js";
import { map } from "../core/kernels.js";

export const floorOp = defineOp({
  name: "floor",
  doc: "The largest integer <= t, entrywise.",
  elementwise: true,
  syntax: { kind: "function", names: ["floor"], arity: 1 },
  shape: ([x]) => x!,
  eval: ([x], ctx) => {
    // jumps at the integers, where sin(pi t) changes sign: no finite difference across one
    ctx.kink(map(x!, (t) => Math.sin(Math.PI * t)));
    return map(x!, Math.floor);
  },
  // zero between the jumps
  jvp: ({ node, b }) => b.zerosOf(node.shape),
  latex: ([x]) => `\\left\\lfloor ${x} \\right\\rfloor`,
  examples: [
    ["floor(x) + ceil(-x)", "zeros(n)", ["x: n"]],
    ["floor(7 / 2)", "3"],
    ["floor(-0.5)", "-1"],
    ["floor(k)", "k", ["k: integer"]],
  ],
});
