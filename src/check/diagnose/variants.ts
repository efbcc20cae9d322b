// Corrected variants of a refuted `lhs = rhs`, one per likely slip, each as
// the claim text that would hold if that slip were the mistake. Pure tree
// work (no numbers): index.ts checks each variant and states the ones that
// hold. The order is the order of preference when several hold.

import { type Expr, node, num } from "../../core/ast.js";
import { replacements, show } from "./tree.js";
import type { DiagnosisKind } from "./types.js";

export interface Variant {
  kind: DiagnosisKind;
  /** the corrected claim */
  claim: string;
  message: string;
}

const claimOf = (l: Expr, r: Expr): string => `${show(l)} = ${show(r)}`;


/** Both sides rewritten by `f`, one node at a time. */
function onSides(l: Expr, r: Expr, kind: DiagnosisKind, f: (n: Expr) => { to: Expr; what: string }[]): Variant[] {
  return [
    ...replacements(l, f).map((x) => ({ kind, claim: claimOf(x.tree, r), message: x.what })),
    ...replacements(r, f).map((x) => ({ kind, claim: claimOf(l, x.tree), message: x.what })),
  ];
}

/** (c) the factors of a product in the wrong order: A * B written for B * A. */
export function orderVariants(l: Expr, r: Expr): Variant[] {
  return onSides(l, r, "order", (n) => {
    if (n.op !== "mul" || n.args.length !== 2) return [];
    const [a, b] = n.args as [Expr, Expr];
    const swapped = node("mul", [b, a]);
    const out = [{ to: swapped, what: `the factors of ${show(n)} are in the wrong order: ${show(swapped)} holds` }];
    // x' * A written for A * x (and A * x' for x * A): the row form of the product read as the column form
    const bare = a.op === "transpose" ? node("mul", [b, a.args[0]!]) : b.op === "transpose" ? node("mul", [b.args[0]!, a]) : null;
    if (bare) out.push({ to: bare, what: `${show(n)} is written for ${show(bare)}: ${show(bare)} holds` });
    return out;
  });
}

/** (d) inverse, transpose and inverse-transpose confused. */
export function inverseVariants(l: Expr, r: Expr): Variant[] {
  return onSides(l, r, "inverse", (n) => {
    const inv = (e: Expr): Expr => node("inv", [e]);
    const tr = (e: Expr): Expr => node("transpose", [e]);
    let base: Expr;
    let forms: Expr[];
    if (n.op === "transpose" && n.args[0]!.op === "inv") {
      base = n.args[0]!.args[0]!;
      forms = [inv(base), tr(base)];
    } else if (n.op === "inv" && n.args[0]!.op === "transpose") {
      base = n.args[0]!.args[0]!;
      forms = [inv(base), tr(base)];
    } else if (n.op === "inv") {
      base = n.args[0]!;
      forms = [tr(base), tr(inv(base))];
    } else if (n.op === "transpose") {
      base = n.args[0]!;
      if (base.op === "inv") return [];
      forms = [inv(base), tr(inv(base))];
    } else return [];
    return forms.map((to) => ({ to, what: `${show(n)} should be ${show(to)}` }));
  });
}

export interface Term {
  expr: Expr;
  negative: boolean;
}

/** The additive terms of a side: a + b - c is [a, b, -c]. */
export function terms(e: Expr, negative = false): Term[] {
  if (e.op === "add") return [...terms(e.args[0]!, negative), ...terms(e.args[1]!, negative)];
  if (e.op === "sub") return [...terms(e.args[0]!, negative), ...terms(e.args[1]!, !negative)];
  if (e.op === "neg") return terms(e.args[0]!, !negative);
  return [{ expr: e, negative }];
}

export function sumOf(ts: Term[]): Expr {
  if (ts.length === 0) return num(0);
  let acc = ts[0]!.negative ? node("neg", [ts[0]!.expr]) : ts[0]!.expr;
  for (const t of ts.slice(1)) acc = node(t.negative ? "sub" : "add", [acc, t.expr]);
  return acc;
}

/**
 * Most term variants of one side: no more can be re-checked (index.ts,
 * DIAGNOSIS_BUDGET), and each is a copy of the whole side, so a side of n
 * terms made n copies of n terms (`1 - x - x ...` of 5,000 terms took minutes).
 */
const MAX_TERM_VARIANTS = 20;

/** (b) a dropped or extra term: without one additive term of a side, the claim holds. */
export function termVariants(l: Expr, r: Expr): Variant[] {
  const out: Variant[] = [];
  const each = (side: Expr, which: "left" | "right", rebuild: (e: Expr) => string): void => {
    const ts = terms(side);
    if (ts.length < 2) return;
    // the same term dropped at another place is the same claim up to order: tried once
    const tried = new Set<string>();
    for (let i = 0; i < ts.length && tried.size < MAX_TERM_VARIANTS; i++) {
      const t = ts[i]!;
      const word = `${t.negative ? "-" : ""}${show(t.expr)}`;
      if (tried.has(word)) continue;
      tried.add(word);
      const rest = ts.filter((_, k) => k !== i);
      out.push({ kind: "term", claim: rebuild(sumOf(rest)), message: `a term is extra or dropped: it holds without the term ${word} of the ${which} side` });
    }
  };
  each(l, "left", (e) => claimOf(e, r));
  each(r, "right", (e) => claimOf(l, e));
  return out;
}

/** transpose, sign and factor, from the hint read at the counterexample (hints.ts), as claims to re-check. */
export function hintVariants(l: Expr, r: Expr, hint: string | null): Variant[] {
  if (!hint) return [];
  if (/transpose of the right side matches/.test(hint)) return [{ kind: "transpose", claim: claimOf(l, node("transpose", [r])), message: "the transpose of the right side holds: a layout slip" }];
  if (/differ only in sign/.test(hint)) return [{ kind: "sign", claim: claimOf(l, node("neg", [r])), message: "the sides differ only in sign" }];
  const m = /left side is (-?[\d.]+) times the right side/.exec(hint);
  if (m) {
    const c = Number(m[1]);
    const k = Math.round(Math.abs(c) >= 1 ? Math.abs(c) : 1 / Math.abs(c));
    const text = `${c < 0 ? "-" : ""}${Math.abs(c) >= 1 ? k : `1 / ${k}`}`;
    return [{ kind: "factor", claim: `${show(l)} = (${text}) * (${show(r)})`, message: `the left side is ${m[1]} times the right side: a dropped or extra factor` }];
  }
  return [];
}

/**
 * (d) grad written for the Jacobian or the other way round: grad(f, x) is
 * the transpose of jacobian(f, x) for a scalar f (a column against a row), so
 * each is tried as the other and as its transpose; a Jacobian is also tried
 * transposed (the other layout).
 */
export function jacobianVariants(l: Expr, r: Expr): Variant[] {
  return onSides(l, r, "transpose", (n) => {
    if ((n.op !== "grad" && n.op !== "jacobian") || n.args.length !== 2) return [];
    const other = node(n.op === "grad" ? "jacobian" : "grad", n.args);
    const forms = n.op === "grad" ? [node("transpose", [other]), other] : [node("transpose", [n]), other, node("transpose", [other])];
    const word = n.op === "grad" ? "grad written for the Jacobian" : "the Jacobian written for grad, or in the other layout";
    return forms.map((to) => ({ to, what: `${word}: ${show(to)} for ${show(n)} holds` }));
  });
}
