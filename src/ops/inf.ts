// The constant `inf`: only a limit target, `lim(f, t, inf)` or `lim(f, t, -inf)`.
// It has no value of its own, so any other use is an error with its position
// (an infinite entry would make every comparison meaningless).

import { DeriveError } from "../core/errors.js";
import { defineOp } from "./define.js";
import { SCALAR } from "../core/shape.js";

export const infOp = defineOp({
  name: "inf",
  doc: "Infinity, valid only as the target of a limit: lim(f, t, inf), lim(f, t, -inf).",
  syntax: { kind: "leaf", names: ["inf"] },
  shape: () => SCALAR,
  eval: (_args, ctx) => {
    throw new DeriveError("value", "inf is only a limit target, as in lim(f, t, inf) or lim(f, t, -inf)", ctx.node.pos);
  },
  latex: () => "\\infty",
  examples: [
    ["lim(1 / t, t, inf)", "0"],
    ["lim(exp(t), t, -inf)", "0"],
  ],
});
