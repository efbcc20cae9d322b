// Shared pieces of the derivative rules (`jvp` and `transpose` in the operator
// files): broadcasting a scalar tangent, summing a cotangent over a broadcast,
// adding the terms of a product rule without zero terms, small literal
// arithmetic. Trees are built only with the Builder the engine passes in, so
// the operator files stay below the symbolic layer.

import type { Builder } from "./define.js";
import type { TNode } from "../core/typed.js";
import { isScalar, sameShape, type Shape } from "../core/shape.js";

/**
 * The tangent `t` of an operand as a tangent of a result of shape `s`: a
 * scalar operand broadcast over a tensor (`a + X`) contributes `t * ones(s)`.
 */
export function broadcastTo(b: Builder, t: TNode, s: Shape): TNode {
  if (sameShape(t.shape, s) || !isScalar(t.shape)) return t;
  return b.mul(t, b.onesOf(s));
}

/**
 * The cotangent of an operand of shape `s`, given a cotangent `g` of the
 * (broadcast) result: summed over the broadcast when the operand is a scalar
 * and the result is not.
 */
export function unbroadcast(b: Builder, g: TNode, s: Shape): TNode {
  if (isScalar(s) && !isScalar(g.shape)) return b.call("sum", g);
  return g;
}

/** The sum of the terms that are present (at least one is). */
export function sumTerms(b: Builder, terms: readonly (TNode | null)[]): TNode {
  let out: TNode | null = null;
  for (const t of terms) if (t) out = out ? b.add(out, t) : t;
  if (!out) throw new Error("internal error: a derivative rule with no term");
  return out;
}

/** `k - 1`, folded when `k` is an integer literal. */
export function minusOne(b: Builder, k: TNode): TNode {
  if (k.op === "num" && Number.isInteger(k.value)) return b.num(k.value! - 1);
  return b.sub(k, b.num(1));
}

/** The value of an integer literal, possibly negated (`2`, `-1`), or null. */
export function integerLiteral(k: TNode): number | null {
  if (k.op === "num" && Number.isInteger(k.value)) return k.value!;
  if (k.op === "neg") {
    const v = integerLiteral(k.args[0]!);
    return v === null ? null : -v;
  }
  if (k.op === "add" || k.op === "sub" || k.op === "mul") {
    const x = integerLiteral(k.args[0]!);
    const y = integerLiteral(k.args[1]!);
    if (x === null || y === null) return null;
    return k.op === "add" ? x + y : k.op === "sub" ? x - y : x * y;
  }
  return null;
}

/**
 * For an operator whose adjoint exists but has no closed form in the
 * expression language (vec has no un-vec, an entry has no unit-matrix
 * constructor): the engine catches this and reports it.
 */
export function noAdjoint(what: string): never {
  throw new Error(`the adjoint of ${what} cannot be written in the language`);
}

/** For a transpose rule asked about an argument the operator is not linear in (an engine bug). */
export function notLinearIn(op: string, i: number): never {
  throw new Error(`internal error: ${op} is not linear in its argument ${i + 1}`);
}
