// Tree -> text in the expression language. The output parses back to the same
// tree (a property test holds us to it): parentheses are added exactly where
// precedence or associativity needs them, products are always written `*`.

import type { Expr } from "../core/ast.js";
import { PREC } from "../ops/define.js";
import { opDef } from "../ops/registry.js";

/** Binding strength of a node as it prints. */
export function precOf(e: Expr): number {
  switch (e.op) {
    case "num":
      return e.value! < 0 ? PREC.neg : PREC.atom;
    case "sym":
    case "matrix":
    case "dimval":
      return PREC.atom;
  }
  const s = opDef(e.op).syntax;
  switch (s.kind) {
    case "infix":
    case "prefix":
      return s.prec;
    case "postfix":
    case "index":
      return PREC.postfix;
    default:
      return PREC.atom;
  }
}

export function printExpr(e: Expr): string {
  switch (e.op) {
    case "num":
      return formatNumber(e.value!, e.text);
    case "sym":
    case "dimval":
      return e.name!;
    case "matrix":
      return printMatrix(e);
  }
  const op = opDef(e.op);
  const s = op.syntax;
  const args = e.args;
  switch (s.kind) {
    case "infix": {
      const [a, b] = args as [Expr, Expr];
      // left-assoc: a right operand at the same level needs parentheses;
      // right-assoc (^): the left one does, and the exponent may be a unary minus.
      const leftNeeds = s.assoc === "left" ? precOf(a) < s.prec : precOf(a) <= s.prec;
      const rightNeeds = s.assoc === "left" ? precOf(b) <= s.prec : precOf(b) < PREC.neg;
      const sep = s.prec === PREC.pow ? "" : " "; // `X^2`, `a + b`
      return `${wrap(a, leftNeeds)}${sep}${s.symbol}${sep}${wrap(b, rightNeeds)}`;
    }
    case "prefix":
      return `${s.symbol}${wrap(args[0]!, precOf(args[0]!) < s.prec)}`;
    case "postfix":
      return `${wrap(args[0]!, precOf(args[0]!) < PREC.postfix)}${s.symbol}`;
    case "index":
      return `${wrap(args[0]!, precOf(args[0]!) < PREC.postfix)}[${args.slice(1).map(printExpr).join(", ")}]`;
    case "leaf":
      return s.names?.[0] ?? op.name;
    case "function": {
      const name = s.names[0]!;
      // a bare `I` (size inferred) prints as `I`
      if (args.length === 0) return name;
      return `${name}(${args.map(printExpr).join(", ")})`;
    }
  }
}

function wrap(e: Expr, needs: boolean): string {
  const t = printExpr(e);
  return needs ? `(${t})` : t;
}

function printMatrix(e: Expr): string {
  const [r, c] = e.dims!;
  const rows: string[] = [];
  for (let i = 0; i < r; i++) rows.push(e.args.slice(i * c, (i + 1) * c).map(printExpr).join(", "));
  return `[${rows.join("; ")}]`;
}

/** Shortest text that reads back as the same double; keeps the literal's own text when given. */
export function formatNumber(v: number, text?: string): string {
  if (text !== undefined && Number(text) === v) return text;
  if (Object.is(v, -0)) return "0";
  return String(v);
}
