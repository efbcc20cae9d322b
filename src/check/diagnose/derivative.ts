// (b) for derivatives: a dropped term or factor of the symbolic derivative of
// the left side. The left side's derivatives are expanded by the symbolic
// engine and simplified for a reader (as `derive grad` prints them); then
//  - a term of that derivative missing from the right side (d(f g) with one
//    product-rule term): the corrected claim is `lhs = rhs + term`;
//  - a factor missing from one term (the chain rule without the inner
//    derivative): the right side is that term without the factor, checked
//    as `rhs = derivative with the slip`, the slip itself.
// Only variants; index.ts re-checks each on fresh samples.

import type { Expr } from "../../core/ast.js";
import type { TNode } from "../../core/typed.js";
import { parseExpr } from "../../parse/parser.js";
import { Resolver } from "../../parse/resolve.js";
import { Scope } from "../../parse/scope.js";
import { Differentiator } from "../../symbolic/diff.js";
import { Normalizer } from "../../symbolic/normal.js";
import { factsOf, hasDerivative } from "../../symbolic/prove.js";
import { display } from "../../symbolic/readable.js";
import { simplify, size } from "../../symbolic/simplify.js";
import { node } from "../../core/ast.js";
import { show } from "./tree.js";
import { type Term, sumOf, terms } from "./variants.js";
import type { Variant } from "./variants.js";

/** derivatives larger than this (nodes) are not taken apart: a reader would not have written them */
const MAX_SIZE = 60;
const MAX_TERMS = 6;

/** The factors of a product chain (matrix, scalar or entrywise products), left to right. */
function factors(e: Expr): Expr[] {
  if ((e.op === "mul" || e.op === "hadamard") && e.args.length === 2) return [...factors(e.args[0]!), ...factors(e.args[1]!)];
  return [e];
}

/** The product of factors with the same operator as in the original term where one is left out. */
function productOf(fs: Expr[], op: string): Expr {
  return fs.slice(1).reduce((acc, f) => node(op, [acc, f]), fs[0]!);
}

/** A function application (the outer derivative of a chain: cos(x^2), sigmoid(z), ...). */
const applies = (e: Expr): boolean => !["mul", "hadamard", "add", "sub", "neg", "num", "sym", "transpose", "div", "ediv", "pow"].includes(e.op) || e.args.some(applies);

export function derivativeVariants(l: Expr, r: Expr, lets: readonly string[]): Variant[] {
  let d: Expr;
  try {
    const scope = Scope.parse(lets);
    const typed: TNode = new Resolver(scope).resolve(l);
    if (!hasDerivative(typed)) return [];
    const n = new Normalizer(factsOf(scope));
    d = display(simplify(new Differentiator(n).expand(typed), factsOf(scope)));
    if (size(d as TNode) > MAX_SIZE) return [];
    // the derivative is written out as the reader would; it must parse back
    parseExpr(show(d), { isVariable: scope.isVariable });
  } catch {
    return [];
  }
  const ts = terms(d);
  if (ts.length > MAX_TERMS) return [];
  const out: Variant[] = [];
  const signed = (t: Term): string => `${t.negative ? "-" : ""}${show(t.expr)}`;
  if (ts.length >= 2) {
    for (const t of ts) {
      const fix = t.negative ? node("sub", [r, t.expr]) : node("add", [r, t.expr]);
      out.push({ kind: "term", claim: `${show(l)} = ${show(fix)}`, message: `a term of the derivative is missing: ${show(l)} is ${show(d)}, and the right side lacks ${signed(t)}` });
    }
  }
  ts.forEach((t, i) => {
    const fs = factors(t.expr);
    if (fs.length < 2) return;
    const op = t.expr.op;
    const tried = new Set<string>();
    // the inner derivative dropped: each factor left out, and every factor but the outer one left out
    const drops: Expr[][] = fs.map((_, k) => fs.filter((_, j) => j !== k));
    fs.forEach((f) => applies(f) && drops.push([f]));
    for (const kept of drops) {
      const lost = fs.filter((f) => !kept.includes(f));
      if (lost.every((f) => f.op === "num")) continue; // a constant factor is the factor kind
      const slip = ts.map((u, j) => (j === i ? { ...u, expr: productOf(kept, op) } : u));
      const text = `${show(r)} = ${show(sumOf(slip))}`;
      if (tried.has(text)) continue;
      tried.add(text);
      const missing = lost.map(show).join(" * ");
      // only the outer function kept: what is lost is the chain rule's inner derivative
      const inner = kept.length === 1 && applies(kept[0]!) && !lost.some(applies) ? " (the chain rule's inner derivative)" : "";
      out.push({ kind: "term", claim: text, message: `a factor of the derivative is missing: ${show(l)} is ${show(d)}; the right side lacks the factor ${missing}${inner}${ts.length > 1 ? ` in the term ${show(t.expr)}` : ""}` });
    }
  });
  return out;
}
