// The function `reshape(X, d1, ..., dk)`: the same entries in row-major
// (PyTorch, C) order under new dimensions, e.g. `reshape([1, 2, 3, 4], 1, 1, 2, 2)`
// for a rank-4 literal. The number of entries must agree (symbolically:
// the same product of dimensions).

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { noAdjoint } from "./derivative-util.js";
import { type Dim, dimsOf, mulDim, showShape, tensorShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";

const MAX_RANK = 6;

export const reshapeOp = defineOp({
  name: "reshape",
  doc: "reshape(X, d1, ..., dk): the entries of X in row-major (PyTorch) order under the dimensions d1 x ... x dk (k <= 6).",
  syntax: { kind: "function", names: ["reshape"], arity: [2, MAX_RANK + 1] },
  tensorArgs: true,
  shape: (args, ctx) => {
    const dims: Dim[] = [];
    for (let i = 1; i < args.length; i++) {
      const a = ctx.arg(i);
      if (a.op === "dimval") dims.push(a.name!);
      else {
        const v = ctx.integerArg(i);
        if (typeof v !== "number" || v < 1) ctx.fail(`reshape: a dimension must be a positive integer or a dimension name, not ${ctx.argText(i)}`, a);
        dims.push(v as number);
      }
    }
    const count = (ds: readonly Dim[]): Dim => ds.reduce<Dim>((p, d) => mulDim(p, d), 1);
    const from = count(dimsOf(args[0]!));
    if (count(dims) !== from) ctx.fail(`reshape: ${ctx.argText(0)} (${showShape(args[0]!)}) has ${from} entries, not ${count(dims)} (${dims.join(" x ")})`);
    return tensorShape(dims);
  },
  eval: ([x], ctx) => {
    const dims = ctx.node.args.slice(1).map((_, k) => ctx.dimArg(k + 1));
    return new Tensor(dims.length === 1 ? [dims[0]!, 1] : dims, x!.data);
  },
  jvp: ({ args, dargs: [dx], b }) => b.mk("reshape", [dx!, ...args.slice(1)]),
  // back to the operand's dimensions
  transpose: ({ args: [x], g, b }) => {
    const s = x!.shape;
    const dims = !s.lead && s.cols === 1 ? [s.rows] : dimsOf(s);
    if (dims.some((d) => typeof d === "string" && d.includes("*"))) noAdjoint("reshape of a product dimension");
    return b.mk("reshape", [g, ...dims.map(dimNode(b))]);
  },
  // no standard symbol exists (vec() is only the flattening to a column): a named
  // operator with the new dimensions as a subscript, as pooling shows its window
  latex: ([x, ...dims]) => call(`${opName("reshape")}_{${dims.join(" \\times ")}}`, x!),
  examples: [
    ["reshape([1, 2, 3, 4, 5, 6], 2, 3)", "[1, 2, 3; 4, 5, 6]"],
    ["reshape(reshape(X, 2, 3, 2), 3, 4)", "X", ["X: 3 x 4"]],
    ["reshape(X + Y, n, c, w, h)", "reshape(X, n, c, w, h) + reshape(Y, n, c, w, h)", ["X, Y: n x c x h x w"]],
    ["sum(reshape(X, 6))", "sum(X)", ["X: 1 x 2 x 3"]],
  ],
});

function dimNode(b: { num(v: number): TNode }): (d: Dim) => TNode {
  return (d) => (typeof d === "number" ? b.num(d) : { op: "dimval", args: [], name: d, pos: 0, end: 0, shape: { rows: 1, cols: 1 } });
}
