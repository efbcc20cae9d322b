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

/** operators whose argument is the function the author was given, not their work: not taken apart */
const GIVEN = new Set(["grad", "jacobian", "hessian", "diff"]);

/** The factors of a product chain (A * (B + C) .* x is A, B + C, x). */
function chainFactors(e: Expr): Expr[] {
  return PRODUCTS.has(e.op) && e.args.length === 2 ? [...chainFactors(e.args[0]!), ...chainFactors(e.args[1]!)] : [e];
}

/** Every product chain of a side, as its factors, outside derivatives' arguments (chains inside a factor too). */
function chains(e: Expr, out: Expr[][] = []): Expr[][] {
  if (GIVEN.has(e.op)) return out;
  if (PRODUCTS.has(e.op) && e.args.length === 2) {
    const fs = chainFactors(e);
    out.push(fs);
    for (const f of fs) chains(f, out);
  } else for (const a of e.args) chains(a, out);
  return out;
}

/** a number (or its negation) is no likeness: a factor 2 is everywhere */
const isNumber = (e: Expr): boolean => e.op === "num" || (e.op === "neg" && isNumber(e.args[0]!));

/**
 * Each way of leaving one term out of a sum (2..MAX_TERMS terms; also under a
 * transpose: x' * (A + B)' * y) that is a factor of a product chain of
 * `side` whose other factors are like the other side's: one of them is a
 * factor of a product of `other` (A * (B + C) against A * B share A). A
 * chain with no such likeness (a derivative's expansion 2 * (W * X - y) * X'
 * against -2 * (y - W * X) * X) is no reading of the claim and spends no
 * re-checks, which the other kinds then have.
 */
function drops(side: Expr, other: Expr): { tree: Expr; what: Drop }[] {
  const theirs = new Set(chains(other).flat().filter((f) => !isNumber(f)).map(show));
  const out: { tree: Expr; what: Drop }[] = [];
  for (const fs of chains(side)) {
    fs.forEach((f, i) => {
      const transposed = f.op === "transpose";
      const sum = transposed ? f.args[0]! : f;
      if (sum.op !== "add" && sum.op !== "sub") return;
      const ts = terms(sum);
      if (ts.length < 2 || ts.length > MAX_TERMS) return;
      if (!fs.some((g, j) => j !== i && !isNumber(g) && theirs.has(show(g)))) return;
      ts.forEach((t, k) => {
        const rest = sumOf(ts.filter((_, j) => j !== k));
        const to = transposed ? node("transpose", [rest]) : rest;
        // the factor itself (by identity) replaced: one tree per term left out
        for (const x of replacements(side, (n) => (n === f ? [{ to, what: null }] : []))) {
          out.push({ tree: x.tree, what: { term: `${t.negative ? "-" : ""}${show(t.expr)}`, sum: show(sum) } });
        }
      });
    });
  }
  return out;
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
    for (const x of drops(side, which === "left" ? r : l)) {
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
    for (const x of drops(d, r)) {
      push({ kind: "term", claim: `${show(r)} = ${show(x.tree)}`, message: `a term is missing inside a product: ${what}, and the right side lacks ${x.what.term} in ${x.what.sum}` });
    }
  }
  return out;
}
