// LaTeX helpers shared by the operator files: operator names, parentheses that
// are added only where a reader needs them, and the test for "already wrapped".
// The registry import is a cycle (registry -> op files -> here -> registry);
// it is only read inside functions, after every module has loaded.

import type { Expr } from "../core/ast.js";
import { hasOp, opDef } from "./registry.js";

/** `\operatorname{name}` */
export function opName(name: string): string {
  return `\\operatorname{${name}}`;
}

/** `\left(s\right)` */
export function paren(s: string): string {
  return `\\left(${s}\\right)`;
}

/** `head\left(a, b\right)`: a function applied to its arguments. */
export function call(head: string, ...args: readonly string[]): string {
  return `${head}${paren(args.join(", "))}`;
}

/**
 * The LaTeX `s` of `e`, parenthesised unless `e` is a symbol, number, matrix
 * literal, constant or function call whose LaTeX reads as one unit (and does
 * not end in a superscript: `(X^{-1})^{\top}`). Used where an operand sits in
 * a base position: `{X}^{\top}`, `{X}^{-1}`, `{X}_{i,j}`.
 * Idempotent: a string already wrapped in `\left( \right)` is kept as it is.
 */
export function latexAtom(s: string, e: Expr): string {
  if (isWrapped(s) || (atomicKind(e) && isTight(s) && !endsWithSuperscript(s))) return s;
  return paren(s);
}

/**
 * The LaTeX `s` of an operand `e` of an infix or prefix operator. The generic
 * printer has already parenthesised by precedence, but it takes every function
 * call for an atom; the few whose LaTeX is itself an infix form (`A \otimes B`,
 * `x \, {y}^{\top}`, `\nabla_{X} f`) still need parentheses here. A right
 * operand that opens with a sign is wrapped too (`A + \left(-B\right)`,
 * `A + \left(-1 \, B\right)`). Under `+` and `-` (`additive`) a call that binds
 * tighter than them, like `A \otimes B`, stays bare.
 */
export function operand(s: string, e: Expr, right = false, additive = false): string {
  if (isWrapped(s)) return s;
  // a right operand that opens with a sign, `A + \left(-1 \, B\right)`, never `A + -1 \, B`
  if (right && s.startsWith("-")) return paren(s);
  if (!hasOp(e.op)) return s;
  const kind = opDef(e.op).syntax.kind;
  if (kind === "prefix" && right) return paren(s);
  // under + and -, an infix form that binds tighter (`A \otimes B`, `x \, {y}^{\top}`,
  // `X \star W`) reads correctly bare; one with its own + or - does not
  if (kind === "function" && !isTight(s) && (!additive || hasLooseOperator(s))) return paren(s);
  return s;
}

/** A top-level `+`, `-` (after the first token), relation, comma or big operator. */
function hasLooseOperator(s: string): boolean {
  let loose = false;
  scan(s, (i, depth, token) => {
    if (depth === 0 && /^[+=<>,]$/.test(token)) loose = true;
    if (depth === 0 && i > 0 && token === "-") loose = true;
    // a big operator's reach is read differently by different readers: keep its group
    if (depth === 0 && /^\\(pm|mp|le|ge|approx|propto|sum|prod|lim)$/.test(token)) loose = true;
  });
  return loose;
}

/**
 * The body of a big operator (`\sum`, `\prod`, `\lim`): bare when it reads as
 * one unit (`{x}_{i}`, `\frac{1}{t}`, `\sigma\left(t\right)`), in parentheses
 * when a space, sign or binary operator would let the operator's reach be
 * misread (`\sum_{i} \left(a_{i} + b\right)`).
 */
export function body(s: string): string {
  return isWrapped(s) || isTight(s) ? s : paren(s);
}

/** `s` without one pair of `\left( \right)` around all of it (for `\frac`, exponents). */
export function unwrap(s: string): string {
  return isWrapped(s) ? s.slice("\\left(".length, -"\\right)".length) : s;
}

/** True when `s` is `\left( ... \right)` with the two delimiters matching each other. */
export function isWrapped(s: string): boolean {
  if (!s.startsWith("\\left(") || !s.endsWith("\\right)")) return false;
  let closedAt = -1;
  scan(s, (i, depth, token) => {
    if (token === "\\right" && depth === 0 && closedAt < 0) closedAt = i;
  });
  return closedAt === s.length - "\\right)".length;
}

function atomicKind(e: Expr): boolean {
  if (e.op === "num" || e.op === "sym" || e.op === "matrix") return true;
  if (!hasOp(e.op)) return e.args.length === 0; // resolver leaves such as dimension values
  const kind = opDef(e.op).syntax.kind;
  return kind === "function" || kind === "leaf";
}

/** Commands that separate two operands when they appear outside any group. */
const SEPARATORS = new Set(["\\,", "\\;", "\\:", "\\!", "\\ ", "\\cdot", "\\times", "\\otimes", "\\odot", "\\oslash", "\\quad"]);

/** No space, sign or binary operator outside braces and `\left ... \right`. */
export function isTight(s: string): boolean {
  let tight = true;
  scan(s, (_i, depth, token) => {
    if (depth === 0 && (SEPARATORS.has(token) || /^[\s+\-=<>,]$/.test(token))) tight = false;
  });
  return tight;
}

/** Ends in a top-level superscript (`{X}^{-1}`): another script on it would be ambiguous. */
function endsWithSuperscript(s: string): boolean {
  let caret = -1;
  let after = 0;
  scan(s, (i, depth, token) => {
    if (depth !== 0) return;
    if (token === "^") {
      caret = i;
      after = 0;
    } else if (caret >= 0) after++;
  });
  return caret >= 0 && after === 1;
}

/**
 * Walks the tokens of `s` (a command, or one character) with the nesting depth
 * of `{}` and `\left ... \right` in force after the token.
 */
function scan(s: string, visit: (at: number, depth: number, token: string) => void): void {
  let depth = 0;
  let i = 0;
  while (i < s.length) {
    let token = s[i]!;
    if (token === "\\") token = /^\\([a-zA-Z]+|.)/.exec(s.slice(i))?.[0] ?? "\\";
    if (token === "{" || token === "\\left") depth++;
    else if (token === "}" || token === "\\right") depth--;
    visit(i, depth, token);
    i += token.length;
  }
}
