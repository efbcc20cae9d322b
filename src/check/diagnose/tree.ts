// Tree helpers shared by the variant makers: replace one node at a time,
// shift an integer expression by one, tell a constant subtree. Pure tree work.

import { type Expr, node, num } from "../../core/ast.js";
import { printExpr } from "../../parse/print.js";

export const show = (e: Expr): string => printExpr(e);

/** Names that are constants of the language, not variables. */
const CONSTANTS = new Set(["pi", "e", "inf"]);

/**
 * A subtree without variables: its value is a number the author could have
 * rounded. Names in `known` (the given values of a worked example) count as
 * numbers too.
 */
export function isConstant(e: Expr, known?: ReadonlySet<string>): boolean {
  if (e.op === "sym") return CONSTANTS.has(e.name!) || (known?.has(e.name!) ?? false);
  return e.args.every((a) => isConstant(a, known));
}

/** Every tree obtained by replacing one node of `e` by one of `f(node)`, with a word for each. */
export function replacements<W>(e: Expr, f: (n: Expr) => { to: Expr; what: W }[]): { tree: Expr; what: W }[] {
  const out: { tree: Expr; what: W }[] = [];
  for (const r of f(e)) out.push({ tree: r.to, what: r.what });
  e.args.forEach((a, i) => {
    for (const sub of replacements(a, f)) {
      const args = e.args.slice();
      args[i] = sub.tree;
      out.push({ tree: { ...e, args }, what: sub.what });
    }
  });
  return out;
}

/** Every occurrence of the variable `name` replaced by `by` (bound indices of sum/prod are not variables of the claim). */
export function substituteName(e: Expr, name: string, by: Expr): Expr {
  if (e.op === "sym" && e.name === name) return by;
  if ((e.op === "sum" || e.op === "prod") && e.args.length === 4 && e.args[1]!.op === "sym" && e.args[1]!.name === name) {
    // the name is bound inside: only the bounds mention the outer one
    return { ...e, args: [e.args[0]!, e.args[1]!, substituteName(e.args[2]!, name, by), substituteName(e.args[3]!, name, by)] };
  }
  return e.args.length ? { ...e, args: e.args.map((a) => substituteName(a, name, by)) } : e;
}

/**
 * `e + d` for d = ±1, written as a reader would: a literal moves
 * (3 -> 4), `n - 1` shifted up is `n`, anything else gets `+ 1` or `- 1`.
 */
export function shifted(e: Expr, d: 1 | -1): Expr {
  if (e.op === "num" && Number.isInteger(e.value)) return num(e.value! + d);
  if ((e.op === "add" || e.op === "sub") && e.args[1]!.op === "num" && e.args[1]!.value === 1) {
    const up = e.op === "add" ? 1 : -1;
    if (up === -d) return e.args[0]!;
  }
  return node(d === 1 ? "add" : "sub", [e, num(1)]);
}
