// Tokens -> syntax tree (src/core/ast.ts), by recursive descent over the
// precedence levels of language.md: + -, then * / .* ./ (and implicit
// products), unary -, ^ .^ (right-associative), then postfix ' and [i, j].
// Operator tokens are looked up in the registry, so a new infix operator
// needs no change here.

import { type Expr, matrix, node as makeNode, num, sym } from "../core/ast.js";
import { DeriveError } from "../core/errors.js";
import { PREC } from "../ops/define.js";
import { constantOp, functionOp, infixOp, postfixOp, prefixOp } from "../ops/registry.js";
import { type Token, tokenize } from "./lexer.js";

export interface ParseOptions {
  /** Is this name a declared variable? Then `name(` is a product, not a call. */
  isVariable?: (name: string) => boolean;
}

/** A relation of a claim, normalised: `==` is `=`, `~=` is `≈`, `≤` is `<=`. */
export type Relation = "=" | "≈" | "<" | "<=" | ">" | ">=" | "∝";

export interface Claim {
  /** the sides, in order: `a = b = c` has three */
  readonly sides: readonly Expr[];
  /** relations between consecutive sides */
  readonly relations: readonly Relation[];
  /** `≈ v ± tol` */
  readonly tolerance: Expr | null;
  /** `f ∝ g in w`: the variables the factor must not depend on */
  readonly proptoIn: readonly string[];
  /** `lhs ≈ rhs as eps -> 0, lam -> 0`: the parameters of an asymptotic ≈ (src/check/asymptotic.ts) */
  readonly as?: readonly SmallParam[];
}

/** One parameter of `as eps -> 0` (or `as n -> inf`), with its position. */
export interface SmallParam {
  readonly name: string;
  readonly to: "0" | "inf";
  readonly pos: number;
}

const MAX_DEPTH = 400;
/** deepest tree accepted: long chains (`x + x + ...`, repeated transposes) nest without parentheses */
const MAX_TREE_DEPTH = 2000;
const REL: Record<string, Relation> = {
  "=": "=",
  "==": "=",
  "≈": "≈",
  "~=": "≈",
  "<": "<",
  "<=": "<=",
  "≤": "<=",
  ">": ">",
  ">=": ">=",
  "≥": ">=",
  "∝": "∝",
};

/** Parses one expression (no relation). */
export function parseExpr(src: string, opts: ParseOptions = {}): Expr {
  const { main, bindings } = parseWithBindings(src, opts);
  return bindings.length ? substituteBindings(main, bindings) : main;
}

/** A named subexpression of `expr where t1 = ..., t2 = ...` (a later one may use an earlier one). */
export interface Binding {
  readonly name: string;
  readonly value: Expr;
}

/**
 * `expr where t1 = e1, t2 = e2`: the expression with shared subexpressions
 * named, as derive prints long gradients (a deep network's backward pass
 * repeats its forward activations). The names stand for their values: the
 * meaning is the expression with every binding substituted.
 */
export function parseWithBindings(src: string, opts: ParseOptions = {}): { main: Expr; bindings: Binding[] } {
  const p = new Parser(src, opts);
  const main = p.expr();
  const bindings = p.bindings();
  p.expectEnd();
  return { main, bindings };
}

function substituteBindings(main: Expr, bindings: readonly Binding[]): Expr {
  const values = new Map<string, Expr>();
  const sub = (e: Expr): Expr => {
    if (e.op === "sym") return values.get(e.name!) ?? e;
    if (e.args.length === 0) return e;
    return { ...e, args: e.args.map(sub) };
  };
  for (const b of bindings) values.set(b.name, sub(b.value));
  return sub(main);
}

/** Parses a claim: sides joined by relations, an optional `± tol` and `in w`. */
export function parseClaim(src: string, opts: ParseOptions = {}): Claim {
  const p = new Parser(src, opts);
  const sides = [p.expr()];
  const relations: Relation[] = [];
  while (p.peek().kind === "rel" || p.isWord("propto")) {
    const t = p.next();
    relations.push(t.text === "propto" ? "∝" : REL[t.text]!);
    sides.push(p.expr());
  }
  let tolerance: Expr | null = null;
  if (p.peek().text === "±" || p.peek().text === "+/-") {
    const t = p.next();
    if (relations.length !== 1 || relations[0] !== "≈") throw new DeriveError("syntax", "± needs a claim of the form lhs ≈ value ± tol", t.pos);
    tolerance = p.expr();
  }
  const as: SmallParam[] = [];
  if (p.isWord("as")) {
    const t = p.next();
    if (relations.length !== 1 || relations[0] !== "≈") throw new DeriveError("syntax", "'as eps -> 0' needs a claim of the form lhs ≈ rhs", t.pos);
    do {
      const n = p.next();
      if (n.kind !== "name") throw new DeriveError("syntax", "expected a parameter name after 'as', e.g. 'as eps -> 0'", n.pos);
      const arrow = p.next();
      const head = p.next();
      if (arrow.text !== "-" || head.text !== ">") throw new DeriveError("syntax", `expected '->' after ${n.text}`, arrow.pos);
      const to = p.next();
      if (!(to.kind === "num" && to.text === "0") && !(to.kind === "name" && to.text === "inf")) throw new DeriveError("syntax", `a small parameter tends to 0 (or a large one to inf): '${n.text} -> 0'`, to.pos);
      if (as.some((a) => a.name === n.text)) throw new DeriveError("syntax", `${n.text} is named twice after 'as'`, n.pos);
      as.push({ name: n.text, to: to.kind === "num" ? "0" : "inf", pos: n.pos });
    } while (p.eat(","));
  }
  const proptoIn: string[] = [];
  if (p.isWord("in")) {
    const t = p.next();
    if (!relations.includes("∝")) throw new DeriveError("syntax", "'in' names the variables of a ∝ claim", t.pos);
    do {
      const n = p.next();
      if (n.kind !== "name") throw new DeriveError("syntax", "expected a variable name after 'in'", n.pos);
      proptoIn.push(n.text);
    } while (p.eat(","));
  }
  const bindings = p.bindings();
  p.expectEnd();
  const asClause = as.length ? { as } : {};
  if (bindings.length) {
    return { sides: sides.map((x) => substituteBindings(x, bindings)), relations, tolerance, proptoIn, ...asClause };
  }
  return { sides, relations, tolerance, proptoIn, ...asClause };
}

const depths = new WeakMap<Expr, number>();

/** Builds a node and refuses trees deeper than the evaluator can walk. */
function node(op: string, args: readonly Expr[], pos: number, end: number): Expr {
  const e = makeNode(op, args, pos, end);
  let d = 0;
  for (const a of args) d = Math.max(d, depths.get(a) ?? 0);
  // placed at the end of the node that goes too deep: the 2001st ' of x'''...
  if (d + 1 > MAX_TREE_DEPTH) throw new DeriveError("limit", `expression is nested too deeply (more than ${MAX_TREE_DEPTH} levels)`, Math.max(pos, end - 1));
  depths.set(e, d + 1);
  return e;
}

/** `+ term` or `- term` after the first term of a sum */
interface ChainLink {
  readonly op: string;
  /** where the `+` or `-` is */
  readonly opPos: number;
  readonly right: Expr;
}

/** a sum of more terms than this is grouped (below this, the tree is the plain left fold) */
const LONG_SUM = 64;
/** terms per group of a long sum */
const SUM_GROUP = 32;

/**
 * The tree of `t0 ± t1 ± ... ± tk`. Up to LONG_SUM terms, the left fold
 * `((t0 ± t1) ± t2) ...`, as precedence says. A longer sum (the printed
 * gradient of a 1,000-term loss, a generated expansion) would be a tree as deep
 * as it has terms, and every walker of the tree (resolver, evaluator, printer,
 * symbolic engine) recurses on depth; so it is grouped, the same value with a
 * shallow tree: `t0 + (t1 ± ... ± t32) + (t33 ± ...) ...`, each group folded
 * left and started, where the text allows, at a `+`; a group that must start
 * at a `-` (a long run of subtractions) starts with a negation,
 * `+ (-t - u ...)`. Depth is then about k / SUM_GROUP + 2 * SUM_GROUP, and the
 * nesting limit counts real nesting only. A long sum prints with its groups
 * in parentheses; that text parses to the same value.
 */
function sumChain(first: Expr, rest: readonly ChainLink[]): Expr {
  const fold = (left: Expr, links: readonly ChainLink[]): Expr => links.reduce((l, { op, right }) => node(op, [l, right], l.pos, right.end), left);
  if (rest.length + 1 <= LONG_SUM) return fold(first, rest);
  let left = first;
  let i = 0;
  while (i < rest.length) {
    // the group ends before the first `+` after SUM_GROUP terms, or at 2 * SUM_GROUP terms
    let j = i + 1;
    while (j < rest.length && (j - i < SUM_GROUP || rest[j]!.op !== "add") && j - i < 2 * SUM_GROUP) j++;
    const head = rest[i]!;
    const start = head.op === "add" ? head.right : node(prefixOp("-")!.name, [head.right], head.opPos, head.right.end);
    const body = fold(start, rest.slice(i + 1, j));
    left = node("add", [left, body], left.pos, body.end);
    i = j;
  }
  return left;
}

class Parser {
  private readonly toks: Token[];
  private i = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly opts: ParseOptions,
  ) {
    this.toks = tokenize(src);
  }

  peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.i++;
    return t;
  }

  eat(text: string): boolean {
    const t = this.peek();
    if (t.kind === "op" && t.text === text) {
      this.i++;
      return true;
    }
    return false;
  }

  isWord(w: string): boolean {
    const t = this.peek();
    return t.kind === "name" && t.text === w;
  }

  /** `where u1 = e1, u2 = e2` (nothing if the next word is not `where`) */
  bindings(): Binding[] {
    const out: Binding[] = [];
    if (!this.isWord("where")) return out;
    this.next();
    do {
      const n = this.next();
      if (n.kind !== "name") throw new DeriveError("syntax", "expected a name after 'where'", n.pos);
      if (this.opts.isVariable?.(n.text)) throw new DeriveError("syntax", `${n.text} is declared; a name after 'where' must be new`, n.pos);
      if (out.some((b) => b.name === n.text)) throw new DeriveError("syntax", `${n.text} is named twice after 'where'`, n.pos);
      const eq = this.next();
      if (eq.text !== "=") throw new DeriveError("syntax", `expected '=' after ${n.text}`, eq.pos);
      out.push({ name: n.text, value: this.expr() });
    } while (this.eat(","));
    return out;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== "eof") {
      throw new DeriveError("syntax", t.kind === "rel" ? `unexpected relation '${t.text}' here` : `unexpected '${t.text}'`, t.pos);
    }
  }

  private expectOp(text: string, opener?: Token): Token {
    const t = this.peek();
    if (t.kind === "op" && t.text === text) return this.next();
    const what = t.kind === "eof" ? "end of input" : `'${t.text}'`;
    const why = opener ? ` to close '${opener.text}' at ${opener.pos}` : "";
    throw new DeriveError("syntax", `expected '${text}'${why}, found ${what}`, t.pos);
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) throw new DeriveError("limit", "expression is nested too deeply", t.pos);
  }

  /** sum level: a loop, so a long flat sum is no nesting (see sumChain) */
  expr(): Expr {
    this.enter(this.peek());
    const first = this.term();
    const rest: ChainLink[] = [];
    for (;;) {
      const t = this.peek();
      const op = t.kind === "op" ? infixOp(t.text) : undefined;
      if (!op || op.syntax.kind !== "infix" || op.syntax.prec !== PREC.add) break;
      this.next();
      rest.push({ op: op.name, opPos: t.pos, right: this.term() });
    }
    this.depth--;
    return sumChain(first, rest);
  }

  /** product level, with implicit multiplication */
  private term(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const op = t.kind === "op" ? infixOp(t.text) : undefined;
      if (op && op.syntax.kind === "infix" && op.syntax.prec === PREC.mul) {
        this.next();
        const right = this.unary();
        left = node(op.name, [left, right], left.pos, right.end);
      } else if (this.startsImplicitFactor(t)) {
        const right = this.unary();
        left = node("mul", [left, right], left.pos, right.end);
      } else break;
    }
    return left;
  }

  /** `2 x`, `(A + A') X`, `X'(A + A')`: a name or `(` right after an operand. */
  private startsImplicitFactor(t: Token): boolean {
    if (t.kind === "name") return t.text !== "in" && t.text !== "propto" && t.text !== "where" && t.text !== "as";
    return t.kind === "op" && t.text === "(";
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === "op" && (t.text === "-" || t.text === "+")) {
      this.next();
      this.enter(t);
      const arg = this.unary();
      this.depth--;
      if (t.text === "+") return arg;
      const op = prefixOp("-")!;
      return node(op.name, [arg], t.pos, arg.end);
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    const t = this.peek();
    const op = t.kind === "op" ? infixOp(t.text) : undefined;
    if (op && op.syntax.kind === "infix" && op.syntax.prec === PREC.pow) {
      this.next();
      this.enter(t);
      const exponent = this.unary(); // right-associative; `X^-1` allowed
      this.depth--;
      return node(op.name, [base, exponent], base.pos, exponent.end);
    }
    return base;
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.kind === "op" && t.text === "'") {
        this.next();
        e = node(postfixOp("'")!.name, [e], e.pos, t.end);
      } else if (t.superscript) {
        // `x²`, `X⁻¹`: the superscript is the exponent of this operand alone,
        // and a `ᵀ` after it transposes the power, as on paper
        this.next();
        const minus = this.peek().text === "-" ? this.next() : null;
        const digits = this.next();
        const n = num(Number(digits.text), digits.pos, digits.end, digits.text);
        const exponent = minus ? node(prefixOp("-")!.name, [n], minus.pos, digits.end) : n;
        e = node(infixOp("^")!.name, [e, exponent], e.pos, digits.end);
      } else if (t.kind === "op" && t.text === "[") {
        this.next();
        const idx = [this.expr()];
        if (this.eat(",")) idx.push(this.expr());
        const close = this.expectOp("]", t);
        e = node("index", [e, ...idx], e.pos, close.end);
      } else break;
    }
    return e;
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === "num") {
      const v = Number(t.text);
      if (!Number.isFinite(v)) throw new DeriveError("value", `number ${t.text} is not finite`, t.pos);
      return num(v, t.pos, t.end, t.text);
    }
    if (t.kind === "name") return this.named(t);
    if (t.kind === "op" && t.text === "(") {
      this.enter(t);
      const e = this.expr();
      const close = this.expectOp(")", t);
      this.depth--;
      // keep the parenthesised span so errors point at the whole group
      return { ...e, pos: t.pos, end: close.end };
    }
    if (t.kind === "op" && t.text === "[") return this.matrixLiteral(t);
    const what = t.kind === "eof" ? "end of input" : `'${t.text}'`;
    throw new DeriveError("syntax", `expected an expression, found ${what}`, t.pos);
  }

  private named(t: Token): Expr {
    const open = this.peek();
    const isVar = this.opts.isVariable?.(t.text) ?? false;
    if (open.kind === "op" && open.text === "(" && !isVar) {
      const op = functionOp(t.text);
      if (!op) {
        if (constantOp(t.text)) return sym(t.text, t.pos, t.end); // `e(x + 1)` is a product
        throw new DeriveError("name", `unknown function ${t.text}`, t.pos);
      }
      this.next();
      this.enter(open);
      const args: Expr[] = [];
      if (!this.eat(")")) {
        do args.push(this.expr());
        while (this.eat(","));
        this.expectOp(")", open);
      }
      this.depth--;
      const close = this.toks[this.i - 1]!;
      const s = op.syntax;
      if (args.length === 0) throw new DeriveError("syntax", `${t.text}() needs an argument`, t.pos);
      if (s.kind === "function") {
        const [lo, hi] = typeof s.arity === "number" ? [s.arity, s.arity] : s.arity;
        if (args.length < lo || args.length > hi) {
          const want = lo === hi ? `${lo}` : `${lo} to ${hi}`;
          throw new DeriveError("syntax", `${t.text} takes ${want} argument${hi === 1 ? "" : "s"}, got ${args.length}`, t.pos);
        }
      }
      return node(op.name, args, t.pos, close.end);
    }
    return sym(t.text, t.pos, t.end);
  }

  /** `[1, 2; 3, 4]`: rows separated by `;`, entries by `,`. */
  private matrixLiteral(open: Token): Expr {
    this.enter(open);
    const rows: Expr[][] = [[]];
    if (!this.eat("]")) {
      for (;;) {
        rows[rows.length - 1]!.push(this.expr());
        if (this.eat(",")) continue;
        if (this.eat(";")) {
          rows.push([]);
          continue;
        }
        this.expectOp("]", open);
        break;
      }
    }
    this.depth--;
    const close = this.toks[this.i - 1]!;
    const cols = rows[0]!.length;
    if (cols === 0) throw new DeriveError("syntax", "empty matrix literal", open.pos);
    for (const r of rows) {
      if (r.length !== cols) throw new DeriveError("shape", `matrix literal rows have different lengths (${cols} and ${r.length})`, open.pos);
    }
    return matrix(rows.length, cols, rows.flat(), open.pos, close.end);
  }
}

