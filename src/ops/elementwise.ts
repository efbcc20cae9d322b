// Shared pieces of the elementwise operators: the factory behind exp, log,
// sin, relu, ... (one scalar function applied entrywise), and the broadcasting
// shape rule of + - .* ./ .^ (same shape, or a scalar on one side).

import type { Builder, OpDef } from "./define.js";
import { isScalar, sameShape, type Shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { map } from "../core/kernels.js";

/**
 * Syntax, shape and kernel of `name(X)`, applied entry by entry; an operator
 * file adds its doc, LaTeX and examples. `kinked` functions (abs, relu, ...)
 * report where their argument changes sign, so finite differences never
 * trust a stencil across a kink.
 */
export function elementwise(
  name: string,
  f: (t: number) => number,
  options: { readonly kinked?: boolean } = {},
): Pick<OpDef, "name" | "syntax" | "shape" | "eval" | "elementwise"> {
  return {
    name,
    elementwise: true,
    syntax: { kind: "function", names: [name], arity: 1 },
    shape: ([x]) => x!,
    eval: ([x], ctx) => {
      if (options.kinked) ctx.kink(x!);
      return map(x!, f);
    },
  };
}

/** Result shape of an elementwise binary operator, or null when the shapes do not fit. */
export function broadcastShape(a: Shape, b: Shape): Shape | null {
  if (sameShape(a, b) || isScalar(b)) return a;
  if (isScalar(a)) return b;
  return null;
}

/**
 * The forward rule of an elementwise f: d f(u) = f'(u) .* du. `derivative`
 * builds f'(u) from the argument `u` and the node `y` = f(u) (exp reuses it).
 */
export function chainRule(derivative: (b: Builder, u: TNode, y: TNode) => TNode): NonNullable<OpDef["jvp"]> {
  return ({ node, args, dargs, b }) => b.had(derivative(b, args[0]!, node), dargs[0]!);
}
