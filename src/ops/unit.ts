// Unit vectors and matrix units with a symbolic index: `unit(i, n)` is the
// n-vector with 1 at i (SymPy's KroneckerDelta as a vector, the i-th column of
// I(n)); `unit(i, j, m, n)` is the m x n matrix with 1 at (i, j) (SymPy's
// MatrixUnit), unit(i, m) * unit(j, n)'. They are what the gradient of an
// entry is, `grad(x[i], x) = unit(i, n)`, at any size and with index names.
// Not `e(i, n)`: `e` is Euler's number. The sizes come last, as in I(n).

import { defineOp, type ShapeCtx } from "./define.js";
import { shape, type Dim } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";

/** The k-th argument as an index into a dimension of size `dim` (as indexing checks x[i]). */
function checkIndex(ctx: ShapeCtx, k: number, dim: Dim): void {
  const i = ctx.integerArg(k);
  if (i === "symbol") return ctx.requireMin(dim, 2, ctx.arg(k));
  if (i === null) ctx.fail("the index of unit(i, n) must be an integer literal or a name declared integer", ctx.arg(k));
  if (i < 1 || (typeof dim === "number" && dim < i)) {
    ctx.fail(`index ${i} out of range for a unit vector of size ${dim}${i < 1 ? "; indices start at 1" : ""}`, ctx.arg(k));
  }
  ctx.requireMin(dim, i, ctx.arg(k));
}

export const unitOp = defineOp({
  name: "unit",
  doc: "Unit vector and matrix unit: unit(i, n) is the n-vector with 1 at i and 0 elsewhere; unit(i, j, m, n) the m x n matrix with 1 at (i, j).",
  syntax: { kind: "function", names: ["unit"], arity: [2, 4], dimArgs: (i, count) => i >= count / 2 },
  shape: (_args, ctx) => {
    const n = ctx.node.args.length;
    if (n === 2) {
      const size = ctx.dimArg(1);
      checkIndex(ctx, 0, size);
      return shape(size, 1);
    }
    if (n !== 4) ctx.fail("unit takes two arguments, unit(i, n), or four, unit(i, j, m, n)");
    const [rows, cols] = [ctx.dimArg(2), ctx.dimArg(3)];
    checkIndex(ctx, 0, rows);
    checkIndex(ctx, 1, cols);
    return shape(rows, cols);
  },
  eval: (args, ctx) => {
    const k = args.length === 2 ? 1 : 2;
    const rows = ctx.dimArg(k);
    const cols = k === 1 ? 1 : ctx.dimArg(3);
    const i = args[0]!.scalar();
    const j = k === 1 ? 1 : args[1]!.scalar();
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 1 || i > rows || j < 1 || j > cols) {
      ctx.invalid(`unit index (${i}, ${j}) out of range for ${rows} x ${cols}`);
    }
    const out = Tensor.zeros(rows, cols);
    out.data[(i - 1) * cols + (j - 1)] = 1;
    return out;
  },
  // the indices are integers and the sizes dimensions: a constant, with no derivative to take
  latex: ([i, j, m]) => (m === undefined ? `\\mathbf{e}_{${i}}` : `\\mathbf{E}_{${i},${j}}`),
  examples: [
    ["unit(k, n)' * x", "x[k]", ["x: n", "k: integer"]],
    ["unit(i, n)' * unit(k, n)", "I(n)[i, k]", ["i, k: integer"]],
    ["unit(p, q, m, n)", "unit(p, m) * unit(q, n)'", ["p, q: integer"]],
    ["tr(A * unit(p, q, n, n))", "A[q, p]", ["A: n x n", "p, q: integer"]],
    ["sum(x[i] * unit(i, n), i, 1, n)", "x", ["x: n"]],
    ["sum(unit(i, i, n, n), i, 1, n)", "I(n)", ["A: n x n"]],
    ["unit(2, 3)", "[0; 1; 0]"],
  ],
  source: "SymPy KroneckerDelta, MatrixUnit; Matrix Cookbook (9.7)",
});
