// The adjoint of sum(X) for a rank > 2 tensor X would be g * ones(shape of X),
// which the language writes only at concrete sizes, reshape(ones(N), d1, ..., dk)
// (ones is a vector or a matrix). Backprop of a loss sum(G .* L(T)) never
// needs it: the cotangent of L(T) is g * G. So the argument of the sum is
// split over + and - and scalar factors, and each sum(C .* L) with C constant
// transposes to L with cotangent g * C; any other linear L gets the ones
// tensor as its cotangent where it can be written, and is NotDifferentiable
// otherwise (the numeric check decides).

import { dimsOf, isScalar, isTensor } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { mk, num } from "./build.js";
import { NotDifferentiable, mentions } from "./diff.js";

/** For sum(x) with x linear in the tangent: the linear parts and their cotangents. */
export function tensorSumParts(x: TNode, tname: string, g: TNode): [TNode, TNode][] {
  if (!mentions(x, tname)) return [];
  const [a, b] = x.args as [TNode, TNode];
  switch (x.op) {
    case "add":
      return [...tensorSumParts(a, tname, g), ...tensorSumParts(b, tname, g)];
    case "sub":
      return [...tensorSumParts(a, tname, g), ...tensorSumParts(b, tname, mk("neg", [g]))];
    case "neg":
      return tensorSumParts(a, tname, mk("neg", [g]));
    case "mul":
      if (isScalar(a.shape) && !mentions(a, tname)) return tensorSumParts(b, tname, mk("mul", [g, a]));
      if (isScalar(b.shape) && !mentions(b, tname)) return tensorSumParts(a, tname, mk("mul", [g, b]));
      break;
    case "div":
      if (isScalar(b.shape) && !mentions(b, tname)) return tensorSumParts(a, tname, mk("div", [g, b]));
      break;
    case "hadamard": {
      const la = mentions(a, tname);
      const lb = mentions(b, tname);
      if (la !== lb) return la ? [[a, mk("mul", [g, b])]] : [[b, mk("mul", [g, a])]];
      break;
    }
  }
  // any other linear L: sum(L) = <ones, L>, where ones of L's shape can be written (concrete sizes)
  const ones = onesTensor(x);
  if (ones) return [[x, mk("mul", [g, ones])]];
  throw new NotDifferentiable("the gradient of the sum of a rank > 2 tensor of symbolic size is written only for sums of terms c * sum(G .* L(X))");
}

/** The tensor of ones of x's shape, reshape(ones(N), d1, ..., dk), when every dimension is a number. */
function onesTensor(x: TNode): TNode | null {
  const dims = dimsOf(x.shape);
  if (!isTensor(x.shape) || !dims.every((d): d is number => typeof d === "number")) return null;
  const total = dims.reduce((a, b) => a * b, 1);
  return mk("reshape", [mk("ones", [num(total)]), ...dims.map((d) => num(d))]);
}
