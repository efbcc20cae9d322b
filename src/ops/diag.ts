// The function `diag`: vector -> diagonal matrix, square matrix -> its diagonal.

import { defineOp } from "./define.js";
import { call, opName } from "./latex-util.js";
import { isScalar, isSquare, isVector, shape, showShape } from "../core/shape.js";
import { diagMatrix, diagVector } from "../core/kernels.js";

export const diagOp = defineOp({
  name: "diag",
  doc: "diag(x) is the diagonal matrix with x on its diagonal; diag(X) is the vector of the diagonal of a square X.",
  syntax: { kind: "function", names: ["diag"], arity: 1 },
  shape: ([a], ctx) => {
    if (isScalar(a!)) return a!;
    if (isVector(a!)) return shape(a!.rows, a!.rows);
    if (isSquare(a!)) return shape(a!.rows, 1);
    return ctx.fail(`diag takes a vector or a square matrix, not ${ctx.argText(0)} (${showShape(a!)})`);
  },
  eval: ([a]) => (a!.cols === 1 ? diagMatrix(a!) : diagVector(a!)),
  jvp: ({ dargs: [da], b }) => b.call("diag", da!),
  // <G, diag(v)> = <diag(G), v> and <g, diag(M)> = <diag(g), M>
  transpose: ({ g, b }) => b.call("diag", g),
  latex: ([a]) => call(opName("diag"), a!),
  examples: [
    ["diag(x) * y", "x .* y", ["x, y: n"]],
    ["diag(diag(x))", "x", ["x: n"]],
    ["sum(diag(A))", "tr(A)", ["A: n x n"]],
    ["jacobian(x .* y, x)", "diag(y)", ["x, y: n"]],
  ],
});
