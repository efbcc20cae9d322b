// Matrix powers with a symbolic integer exponent in the normal form. X^k is a
// chain atom pow(X, k) (a literal exponent up to 8 is expanded into a product
// instead); here adjacent powers of one base merge, X^a * X^b = X^(a+b), with
// X itself as X^1 and inv(X) as X^-1, also across the ends of a trace cycle;
// inv(X^k) = X^-k, det(X^k) = det(X)^k and logdet(X^k) = k logdet(X). Every
// identity holds for all integers where its left side is defined (a negative
// power needs X invertible, and then all of them are), which is the
// convention of the other inverse rules (inverse-cancellation).

import { key } from "../core/ast.js";
import { isSquare } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { mk, num } from "./build.js";
import type { Normalizer } from "./normal.js";
import type { Poly } from "./poly.js";
import { canonTree } from "./totree.js";

interface PowerParts {
  readonly base: TNode;
  readonly exp: TNode;
  /** a pow atom (with a symbolic or large exponent), not X or inv(X) */
  readonly isPow: boolean;
}

/** A square atom as base^exp: pow(X, e) is (X, e), inv(X) is (X, -1), X is (X, 1). */
function parts(a: TNode): PowerParts | null {
  if (!isSquare(a.shape)) return null;
  if (a.op === "pow") return { base: a.args[0]!, exp: a.args[1]!, isPow: true };
  if (a.op === "inv") return { base: a.args[0]!, exp: num(-1), isPow: false };
  return { base: a, exp: num(1), isPow: false };
}

/**
 * X^a * X^b as one power, when at least one of the two is a pow atom of the
 * same base (X * X stays a chain: that is what X^2 normalises to).
 */
export function mergePowers(n: Normalizer, x: TNode, y: TNode): Poly | undefined {
  if (x.op !== "pow" && y.op !== "pow") return undefined;
  const px = parts(x);
  const py = parts(y);
  if (!px || !py || !(px.isPow || py.isPow) || key(px.base) !== key(py.base)) return undefined;
  n.rule("power-merge");
  return n.norm(mk("pow", [px.base, mk("add", [px.exp, py.exp])]));
}

/** tr(X^a * M * X^b) = tr(X^(a+b) * M): the ends of a trace cycle merge. */
export function mergeAroundTrace(n: Normalizer, chain: readonly TNode[]): Poly | undefined {
  if (chain.length < 2) return undefined;
  const last = chain[chain.length - 1]!;
  const merged = mergePowers(n, last, chain[0]!);
  if (!merged) return undefined;
  n.rule("trace-cyclic");
  let inner = canonTree(merged);
  for (const a of chain.slice(1, -1)) inner = mk("mul", [inner, a]);
  return n.norm(mk("tr", [inner]));
}

/** inv(X^k) = X^-k */
export function inversePower(n: Normalizer, a: TNode): Poly {
  n.rule("inverse-of-power");
  return n.norm(mk("pow", [a.args[0]!, mk("neg", [a.args[1]!])]));
}

/** det(X^k) = det(X)^k */
export function detPower(n: Normalizer, a: TNode): Poly {
  n.rule("det-of-power");
  return n.norm(mk("pow", [mk("det", [a.args[0]!]), a.args[1]!]));
}

/** logdet(X^k) = k logdet(X) */
export function logdetPower(n: Normalizer, a: TNode): Poly {
  n.rule("logdet-of-power");
  return n.norm(mk("mul", [a.args[1]!, mk("logdet", [a.args[0]!])]));
}
