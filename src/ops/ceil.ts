// The elementwise function `ceil(X)`.

import { defineOp } from "./define.js";
import { map } from "../core/kernels.js";

export const ceilOp = defineOp({
  name: "ceil",
  doc: "The smallest integer >= t, entrywise.",
  elementwise: true,
  syntax: { kind: "function", names: ["ceil"], arity: 1 },
  shape: ([x]) => x!,
  eval: ([x], ctx) => {
    // jumps at the integers, as floor's
    ctx.kink(map(x!, (t) => Math.sin(Math.PI * t)));
    return map(x!, Math.ceil);
  },
  // zero between the jumps
  jvp: ({ node, b }) => b.zerosOf(node.shape),
  latex: ([x]) => `\\left\\lceil ${x} \\right\\rceil`,
  examples: [
    ["ceil(x) - floor(x)", "ones(n)", ["x: n"]],
    ["ceil(7 / 2)", "4"],
    ["ceil(-0.5)", "0"],
  ],
});
