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
import { display, readable } from "../../symbolic/readable.js";
import { simplify, size } from "../../symbolic/simplify.js";
import { node } from "../../core/ast.js";
import { show } from "./tree.js";
import { type Term, sumOf, terms } from "./variants.js";
import type { Variant } from "./variants.js";

/** derivatives larger than this (nodes) are not taken apart: a reader would not have written them */
const MAX_SIZE = 60;
const MAX_TERMS = 6;
/** sides larger than this (nodes) are not expanded into the normal form: it can grow exponentially */
const NORMAL_BUDGET = 120;

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

/**
 * A side as the symbolic engine writes it, derivatives expanded: the form
 * simplified for a reader and the expanded normal form (`A * X + A' * X` or
 * `(A + A') * X`: a slip shows in one or the other), each small enough to
 * take apart and printed so that it parses back.
 */
export function forms(side: Expr, scope: Scope): { forms: Expr[]; derivative: boolean } {
  const typed: TNode = new Resolver(scope).resolve(side);
  const facts = factsOf(scope);
  const n = new Normalizer(facts);
  const derivative = hasDerivative(typed);
  const g = derivative ? new Differentiator(n).expand(typed) : typed;
  const out: Expr[] = [];
  const add = (f: () => Expr): void => {
    try {
      const e = f();
      if (size(e as TNode) > MAX_SIZE || out.some((o) => show(o) === show(e))) return;
      parseExpr(show(e), { isVariable: scope.isVariable });
      out.push(e);
    } catch {
      // a form the engine cannot write: the other one may do
    }
  };
  if (derivative) add(() => display(simplify(g, facts)));
  if (size(g) <= NORMAL_BUDGET) add(() => readable(n.norm(g)));
  return { forms: out, derivative };
}

export function derivativeVariants(l: Expr, r: Expr, lets: readonly string[]): Variant[] {
  let left: { forms: Expr[]; derivative: boolean };
  let right: { forms: Expr[]; derivative: boolean };
  try {
    const scope = Scope.parse(lets);
    left = forms(l, scope);
    right = hasDerivativeText(r) ? { forms: [], derivative: true } : forms(r, scope);
  } catch {
    return [];
  }
  const out: Variant[] = [];
  const seen = new Set<string>();
  const push = (v: Variant): void => {
    if (seen.has(v.claim)) return;
    seen.add(v.claim);
    out.push(v);
  };
  const signed = (t: Term): string => `${t.negative ? "-" : ""}${show(t.expr)}`;
  const what = (d: Expr): string => (left.derivative ? `the derivative ${show(l)} is ${show(d)}` : `the left side is ${show(d)}`);
  // a term of the left side's expanded form missing from the right side: lhs = rhs + T
  for (const d of left.forms) {
    const ts = terms(d);
    if (ts.length < 2 || ts.length > MAX_TERMS) continue;
    for (const t of ts) {
      const fix = t.negative ? node("sub", [r, t.expr]) : node("add", [r, t.expr]);
      push({ kind: "term", claim: `${show(l)} = ${show(fix)}`, message: `a term is missing: ${what(d)}, and the right side lacks ${signed(t)}` });
    }
  }
  // a term of the right side's expanded form that is extra: lhs = rhs - T
  for (const d of right.forms) {
    const ts = terms(d);
    if (ts.length < 2 || ts.length > MAX_TERMS) continue;
    for (const t of ts) {
      const fix = t.negative ? node("add", [r, t.expr]) : node("sub", [r, t.expr]);
      push({ kind: "term", claim: `${show(l)} = ${show(fix)}`, message: `a term is extra: the right side is ${show(d)}, and holds without ${signed(t)}` });
    }
  }
  if (left.derivative) for (const d of left.forms) factorDrops(l, r, d).forEach(push);
  return out;
}

/** A derivative on the right side is the author's own: it is not expanded to look for their slip. */
const hasDerivativeText = (e: Expr): boolean => ["grad", "jacobian", "hessian", "diff"].includes(e.op) || e.args.some(hasDerivativeText);

/** A factor missing from one term of the derivative (the chain rule's inner derivative): `rhs = derivative with the slip`. */
function factorDrops(l: Expr, r: Expr, d: Expr): Variant[] {
  const ts = terms(d);
  if (ts.length > MAX_TERMS) return [];
  const out: Variant[] = [];
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
      const missing = show(productOf(lost, "mul"));
      // only the outer function kept: what is lost is the chain rule's inner derivative
      const inner = kept.length === 1 && applies(kept[0]!) && !lost.some(applies) ? " (the chain rule's inner derivative)" : "";
      out.push({ kind: "term", claim: text, message: `a factor of the derivative is missing: ${show(l)} is ${show(d)}; the right side lacks the factor ${missing}${inner}${ts.length > 1 ? ` in the term ${show(t.expr)}` : ""}` });
    }
  });
  return out;
}
