// The function `perchannel(b, Y)`: the tensor of Y's shape whose entries in
// channel c (axis 1) are b[c]; PyTorch's b[None, :, None, None] broadcast, as a
// convolution adds its bias. Only Y's shape is used, not its values.

import { defineOp } from "./define.js";
import { noAdjoint } from "./derivative-util.js";
import { call, opName } from "./latex-util.js";
import { dimsOf, isScalar, isVector, rankOf, showShape } from "../core/shape.js";
import { channels } from "../core/conv.js";

export const perchannelOp = defineOp({
  name: "perchannel",
  doc: "perchannel(b, Y): a tensor of Y's shape with b[c] at every entry of channel c (axis 1); b has one entry per channel, or is a scalar.",
  syntax: { kind: "function", names: ["perchannel"], arity: 2 },
  tensorArgs: true,
  shape: ([b, y], ctx) => {
    if (rankOf(y!) < 3 && y!.cols === 1) ctx.fail(`perchannel needs a tensor with a channel axis (N x C x ...), not ${ctx.argText(1)} (${showShape(y!)})`, ctx.arg(1));
    const C = dimsOf(y!)[1]!;
    if (!isScalar(b!) && !(isVector(b!) && b!.rows === C)) ctx.fail(`perchannel: ${ctx.argText(0)} (${showShape(b!)}) must have one entry per channel (${C}) or be a scalar`, ctx.arg(0));
    return y!;
  },
  eval: ([b, y]) => channels(b!, y!.shape.length === 2 ? [y!.rows, y!.cols] : y!.shape),
  // linear in b; it does not depend on Y's values, so a change of Y alone changes nothing
  jvp: ({ node, args, dargs: [db], b }) => (db ? b.mk("perchannel", [db, args[1]!]) : { op: "num", value: 0, args: [], pos: 0, end: 0, shape: node.shape }),
  transpose: () => noAdjoint("perchannel"),
  // texts write this broadcast in words ("b_c added at every position of channel c")
  // or as code (b[None, :, None, None]); no symbol is standard, so it stays a named operator
  latex: (args) => call(opName("perchannel"), ...args),
  examples: [
    ["perchannel([1; 2], Y)", "reshape([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2], 2, 2, 3)", ["Y: 2 x 2 x 3"]],
    ["perchannel(b + c, Y)", "perchannel(b, Y) + perchannel(c, Y)", ["Y: n x m x h x w", "b, c: m"]],
    ["sum(perchannel(b, Y))", "n * h * w * sum(b)", ["Y: n x m x h x w", "b: m"]],
  ],
});
