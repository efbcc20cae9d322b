// (b) a term dropped or extra INSIDE a factor of a product: A * (B + C)
// written as A * B, x' * (A + A') * y as x' * A * y, the derivative of
// exp(x * sin(x)) written with only one of the product rule's terms inside
// its factor. The difference of the two sides is then a product, not one
// additive term of either side, so ./variants.ts's termVariants cannot see it.
//  - On the sides as written: a sum that is a factor of a product loses one
//    of its terms (the side holds without it: extra there, or dropped from
//    the other side).
//  - On the left side's symbolic form (derivatives expanded, as
//    ./derivative.ts reads it): the right side is that form with one term
//    gone from a sum inside a product, checked as `rhs = form with the slip`,
//    the slip itself.
// Only variants; index.ts re-checks each on fresh samples before stating it.

import { type Expr, node } from "../../core/ast.js";
import { Scope } from "../../parse/scope.js";
import { forms } from "./derivative.js";
import { replacements, show } from "./tree.js";
import { sumOf, terms } from "./variants.js";
import type { Variant } from "./variants.js";

/** products whose factors are taken apart: matrix or scalar product, entrywise product, Kronecker product */
const PRODUCTS = new Set(["mul", "hadamard", "kron"]);
/** a sum of more terms than this is not taken apart term by term */
const MAX_TERMS = 6;

interface Drop {
  /** the term gone, signed as it stood ("-C"), and the sum it stood in */
  term: string;
  sum: string;
}

/**
 * Each way of leaving one term out of a sum that is a direct factor of a
 * product node (also through a transpose: x' * (A + B)' * y). A factor that
 * is a sum of 2..MAX_TERMS terms gives one drop per term.
 */
function drops(n: Expr): { to: Expr; what: Drop }[] {
  if (!PRODUCTS.has(n.op) || n.args.length !== 2) return [];
  const out: { to: Expr; what: Drop }[] = [];
  n.args.forEach((f, i) => {
    const transposed = f.op === "transpose";
    const sum = transposed ? f.args[0]! : f;
    if (sum.op !== "add" && sum.op !== "sub") return;
    const ts = terms(sum);
    if (ts.length < 2 || ts.length > MAX_TERMS) return;
    ts.forEach((t, k) => {
      const rest = sumOf(ts.filter((_, j) => j !== k));
      const args = n.args.slice();
      args[i] = transposed ? node("transpose", [rest]) : rest;
      out.push({ to: { ...n, args }, what: { term: `${t.negative ? "-" : ""}${show(t.expr)}`, sum: show(sum) } });
    });
  });
  return out;
}

/** operators whose argument is the function the author was given, not their work: not taken apart */
const GIVEN = new Set(["grad", "jacobian", "hessian", "diff"]);

/** replacements (./tree.ts) of the product nodes of a side, except inside a derivative's argument. */
function outsideDerivatives(e: Expr): { tree: Expr; what: Drop }[] {
  return replacements(e, (n) => (GIVEN.has(n.op) ? [] : drops(n))).filter((x) => !changesGiven(e, x.tree));
}

/** Whether a derivative's argument differs between two trees of the same shape. */
function changesGiven(a: Expr, b: Expr): boolean {
  if (a === b) return false;
  if (GIVEN.has(a.op)) return show(a) !== show(b);
  return a.args.some((x, i) => b.args[i] !== undefined && changesGiven(x, b.args[i]!));
}

/** A variant list that keeps the first of equal claims. */
function unique(): { out: Variant[]; push: (v: Variant) => void } {
  const out: Variant[] = [];
  const seen = new Set<string>();
  return {
    out,
    push: (v) => {
      if (seen.has(v.claim)) return;
      seen.add(v.claim);
      out.push(v);
    },
  };
}

/** The sides as written: one side holds without a term inside one of its products (tried before the symbolic forms: it names the term as the author wrote it). */
export function writtenInnerTermVariants(l: Expr, r: Expr): Variant[] {
  const { out, push } = unique();
  for (const [side, which] of [[l, "left"], [r, "right"]] as const) {
    for (const x of outsideDerivatives(side)) {
      const claim = which === "left" ? `${show(x.tree)} = ${show(r)}` : `${show(l)} = ${show(x.tree)}`;
      push({ kind: "term", claim, message: `a term is extra or dropped inside a product: it holds without the term ${x.what.term} in ${x.what.sum} of the ${which} side` });
    }
  }
  return out;
}

/** The left side's symbolic form: the right side is it with a term gone from inside a product. */
export function formInnerTermVariants(l: Expr, r: Expr, lets: readonly string[]): Variant[] {
  const { out, push } = unique();
  let left: { forms: Expr[]; derivative: boolean };
  try {
    left = forms(l, Scope.parse(lets));
  } catch {
    return out;
  }
  for (const d of left.forms) {
    if (show(d) === show(l)) continue; // the side as written: writtenInnerTermVariants
    const what = left.derivative ? `the derivative ${show(l)} is ${show(d)}` : `the left side is ${show(d)}`;
    for (const x of outsideDerivatives(d)) {
      push({ kind: "term", claim: `${show(r)} = ${show(x.tree)}`, message: `a term is missing inside a product: ${what}, and the right side lacks ${x.what.term} in ${x.what.sum}` });
    }
  }
  return out;
}
