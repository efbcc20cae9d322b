// Indexing `x[i]`, `X[i, j]`: one entry, 1-based.

import { defineOp, type ShapeCtx } from "./define.js";
import { latexAtom } from "./latex-util.js";
import { noAdjoint } from "./derivative-util.js";
import { SCALAR, showShape, type Dim, type Shape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { entry } from "../core/kernels.js";

/** Checks the k-th argument as an index into a dimension of the target. */
function checkIndex(ctx: ShapeCtx, k: number, dim: Dim, target: Shape): void {
  const i = ctx.integerArg(k);
  if (i === "symbol") return ctx.requireMin(dim, 2, ctx.arg(k));
  if (i === null) ctx.fail("an index must be an integer literal or a name declared integer", ctx.arg(k));
  if (i < 1 || (typeof dim === "number" && dim < i)) {
    const hint = i < 1 ? "; indices start at 1" : "";
    ctx.fail(`index ${i} out of range for ${ctx.argText(0)} (${showShape(target)})${hint}`, ctx.arg(k));
  }
  ctx.requireMin(dim, i, ctx.arg(k));
}

export const indexOp = defineOp({
  name: "index",
  doc: "One entry of a tensor, 1-based: x[i] of a vector, X[i, j] of a matrix.",
  syntax: { kind: "index" },
  shape: ([t, ...indices], ctx) => {
    if (indices.length === 1) {
      if (t!.cols !== 1) ctx.fail(`one index works on a vector only; write ${ctx.argText(0)}[i, j]`);
      checkIndex(ctx, 1, t!.rows, t!);
    } else if (indices.length === 2) {
      checkIndex(ctx, 1, t!.rows, t!);
      checkIndex(ctx, 2, t!.cols, t!);
    } else {
      ctx.fail(`${ctx.argText(0)} takes one index (a vector) or two (a matrix), not ${indices.length}`);
    }
    return SCALAR;
  },
  eval: ([t, ...indices], ctx) => {
    const at = indices.map((v, k) => {
      const i = v.scalar();
      const size = k === 0 ? t!.rows : t!.cols;
      if (!Number.isInteger(i) || i < 1 || i > size) ctx.invalid(`index ${i} out of range for a ${t!.rows} x ${t!.cols} value`);
      return i - 1;
    });
    return Tensor.scalar(entry(t!, at[0]!, at[1] ?? 0));
  },
  // the same entry of the differential; the indices are integer constants
  jvp: ({ args: [, ...indices], dargs: [dt, ...dIndices], b }) => {
    if (dIndices.some((d) => d !== null)) throw new Error("an index is an integer: it cannot be differentiated");
    return b.mk("index", [dt!, ...indices]);
  },
  transpose: () => noAdjoint("indexing"),
  latex: ([t, ...indices], node) => `{${latexAtom(t!, node.args[0]!)}}_{${indices.join(",")}}`,
  examples: [
    ["(A * B)[1, 2]", "A[1, 1] * B[1, 2] + A[1, 2] * B[2, 2]", ["A, B: 2 x 2"]],
    ["inv(A)[1, 1]", "A[2, 2] / det(A)", ["A: 2 x 2 invertible"]],
    ["x[k] * y[1]", "(x * y')[k, 1]", ["x, y: n", "k: integer"]],
    ["diff(x[1]*x[2], x, v)", "v[1]*x[2] + x[1]*v[2]", ["x, v: n"]],
  ],
  source: "Matrix Cookbook (31)",
});
