// Syntax tree -> typed tree. Resolves every name (declared variable, constant,
// dimension used as a value, or an undeclared name assumed scalar and
// reported), infers and checks every shape with symbolic dimensions before any
// number is drawn, and gives a bare `I` its size from the context.

import type { Expr } from "../core/ast.js";
import { DeriveError } from "../core/errors.js";
import { type Dim, type Shape, SCALAR, isScalar, isSquare, isTensor, sameShape, shape, showShape, transposeShape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { type ShapeCtx, type Syntax, isDimArg } from "../ops/define.js";
import { constantOp, functionOp, opDef } from "../ops/registry.js";
import { didYouMean } from "../core/suggest.js";
import { printExpr } from "./print.js";
import type { Scope } from "./scope.js";

let freshCount = 0;

/** A bare `I` (or an expression made of them) whose size nothing fixes yet. */
class NeedsContext {
  constructor(readonly pos: number) {}
}

export class Resolver {
  /** undeclared names taken as scalars, with the position of first use */
  readonly assumptions = new Map<string, number>();
  /** smallest size each dimension must take (from indices) */
  readonly minDims = new Map<string, number>();
  /** dimension names met in the claim (declarations and `I(n)`-style arguments) */
  readonly dims: Set<string>;
  /** indices of sum(f, i, a, b) in force while f is resolved */
  private readonly bound: string[] = [];
  /** every bound index met (they are not variables to sample) */
  readonly boundNames = new Set<string>();

  constructor(readonly scope: Scope) {
    this.dims = new Set(scope.dims);
  }

  /** Resolves an expression whose size must be fixed by itself (no context). */
  resolve(e: Expr, expected?: Shape): TNode {
    try {
      return this.node(e, expected);
    } catch (x) {
      if (x instanceof NeedsContext) throw noSize(x.pos);
      throw x;
    }
  }

  /**
   * Resolves the sides of a claim: a side that is only `0` or whose `I` has no
   * size takes the shape of the other side.
   */
  resolveSides(sides: readonly Expr[], names: readonly (string | null)[] = []): TNode[] {
    const at = <T>(i: number, f: () => T): T => {
      try {
        return f();
      } catch (x) {
        const where = names[i];
        throw x instanceof DeriveError && where ? x.locate(where) : x;
      }
    };
    const out: (TNode | null)[] = sides.map(() => null);
    const pending: number[] = [];
    sides.forEach((s, i) => {
      if (s.op === "num" && s.value === 0) {
        pending.push(i);
        return;
      }
      try {
        out[i] = at(i, () => this.node(s));
      } catch (x) {
        if (!(x instanceof NeedsContext)) throw x;
        pending.push(i);
      }
    });
    const known = out.find((t): t is TNode => t !== null);
    for (const i of pending) {
      const s = sides[i]!;
      if (s.op === "num" && s.value === 0) {
        out[i] = { ...s, args: [], shape: known?.shape ?? SCALAR } as TNode;
        continue;
      }
      if (!known) at(i, () => { throw noSize(firstBareI(s)); });
      out[i] = at(i, () => this.resolve(s, known!.shape));
    }
    return out as TNode[];
  }

  private node(e: Expr, expected?: Shape): TNode {
    switch (e.op) {
      case "num":
        return { ...e, args: [], shape: SCALAR };
      case "sym":
        return this.symbol(e, expected);
      case "matrix": {
        const args = e.args.map((a) => this.node(a, SCALAR));
        for (const a of args) if (!isScalar(a.shape)) throw new DeriveError("shape", `a matrix literal entry must be a scalar, not ${showShape(a.shape)}`, a.pos);
        return { ...e, args, shape: shape(e.dims![0], e.dims![1]) };
      }
    }
    return this.operator(e, expected);
  }

  private symbol(e: Expr, expected?: Shape): TNode {
    const name = e.name!;
    if (this.bound.includes(name)) return { ...e, args: [], shape: SCALAR };
    if (this.boundNames.has(name)) throw new DeriveError("shape", `${name} is the index of a sum or product and means nothing outside it`, e.pos);
    const decl = this.scope.decls.get(name);
    if (decl) return { ...e, args: [], shape: decl.shape };
    const constant = constantOp(name);
    if (constant) return { op: constant.name, args: [], pos: e.pos, end: e.end, shape: SCALAR };
    if (name === "I") {
      if (!expected) throw new NeedsContext(e.pos);
      if (!isSquare(expected)) throw new DeriveError("shape", `I must be square, but here it would be ${showShape(expected)}`, e.pos);
      return { op: "I", args: [], pos: e.pos, end: e.end, shape: expected };
    }
    if (this.dims.has(name)) return { op: "dimval", args: [], name, pos: e.pos, end: e.end, shape: SCALAR };
    // `grad(sum, X)`, `derive grad "det"`: a function name without its call is
    // a slip, never an undeclared scalar (it cannot be declared either)
    if (functionOp(name)) throw new DeriveError("syntax", `${name} is a function: call it as ${name}(X)`, e.pos);
    if (!this.assumptions.has(name)) this.assumptions.set(name, e.pos);
    return { ...e, args: [], shape: SCALAR };
  }

  private operator(e: Expr, expected?: Shape): TNode {
    const op = opDef(e.op);
    const syn = op.syntax;
    const wrt = syn.kind === "function" ? syn.wrtArg : undefined;
    const boundAt = syn.kind === "function" && syn.boundArg !== undefined && e.args.length > syn.boundArg ? syn.boundArg : undefined;
    if (boundAt !== undefined) return this.indexed(e, boundAt);
    const args: (TNode | null)[] = [];
    const needy: number[] = [];
    e.args.forEach((a, i) => {
      if (isDimArg(syn, i, e.args.length)) args.push(this.dimArgument(a));
      else if (i === wrt) args.push(this.variable(a, op.name, e));
      else {
        try {
          args.push(this.node(a));
        } catch (x) {
          if (!(x instanceof NeedsContext)) throw x;
          args.push(null);
          needy.push(i);
        }
      }
    });
    if (needy.length === 0) return this.typed(e, args as TNode[]);
    // Sizes flow only between the operands of + - * .* (and through ', unary -):
    // an argument of a function (`tr(I)`, `kron(I, A)`) must say its size.
    if (syn.kind === "function") throw noSize(firstBareI(e.args[needy[0]!]!));
    return this.withContext(e, args, needy, expected);
  }

  /**
   * Some arguments hold a bare `I`: try the sizes the context suggests (the
   * expected shape, the other arguments' shapes, squares of their sides) and
   * keep the first under which the operator's shape rule holds.
   */
  private withContext(e: Expr, args: (TNode | null)[], needy: number[], expected?: Shape): TNode {
    const known = args.filter((a): a is TNode => a !== null).map((a) => a.shape);
    const candidates: Shape[] = [];
    const add = (s: Shape): void => {
      if (!isScalar(s) && !candidates.some((c) => sameShape(c, s))) candidates.push(s);
    };
    if (expected) add(expected);
    for (const s of known) {
      if (isScalar(s)) continue; // a 1 x 1 identity is never what a bare I means
      add(s);
      add(transposeShape(s));
      add(shape(s.rows, s.rows));
      add(shape(s.cols, s.cols));
    }
    // If a size nobody chose (a fresh dimension) also fits, this node does not
    // fix the size of I (`2 * I`, `kron(I, A)`): leave it to the context, and
    // where there is none, it is an error rather than a guess.
    {
      const k = `?k${++freshCount}`; // unique, so it never equals an expected fresh size
      let fits = false;
      try {
        const filled = args.map((a, i) => (needy.includes(i) ? this.node(e.args[i]!, shape(k, k)) : a!));
        const t = this.typed(e, filled);
        fits = !expected || sameShape(t.shape, expected);
      } catch {
        fits = false;
      }
      if (fits && !expected) throw new NeedsContext(firstBareI(e));
      if (fits) throw noSize(firstBareI(e));
    }
    let firstError: unknown = null;
    let fallback: TNode | null = null;
    for (const c of candidates) {
      try {
        const filled = args.map((a, i) => (needy.includes(i) ? this.node(e.args[i]!, c) : a!));
        const t = this.typed(e, filled);
        if (!expected || sameShape(t.shape, expected)) return t;
        fallback ??= t;
      } catch (x) {
        if (x instanceof NeedsContext) continue;
        firstError ??= x;
      }
    }
    if (fallback) return fallback;
    if (!expected && candidates.length === 0) throw new NeedsContext(firstBareI(e));
    if (firstError) throw firstError;
    throw noSize(firstBareI(e));
  }

  private typed(e: Expr, args: readonly TNode[]): TNode {
    const op = opDef(e.op);
    const ctx = this.shapeCtx(e, args);
    if (!op.elementwise && op.tensorArgs !== true || (op.syntax.kind === "function" && op.syntax.boundArg !== undefined)) rejectTensors(op.syntax, op.name, args, ctx);
    const s = op.shape(
      args.map((a) => a.shape),
      ctx,
    );
    return { ...e, args, shape: s };
  }

  private shapeCtx(e: Expr, args: readonly TNode[]): ShapeCtx {
    return {
      node: e,
      fail: (message: string, at?: Expr): never => {
        throw new DeriveError("shape", message, (at ?? e).pos);
      },
      dimArg: (i: number): Dim => {
        const a = args[i]!;
        return a.op === "num" ? a.value! : a.name!;
      },
      argText: (i: number): string => {
        const t = printExpr(e.args[i]!);
        return t.length > 40 ? `${t.slice(0, 37)}...` : t;
      },
      arg: (i: number): Expr => args[i]!,
      requireMin: (d: Dim, min: number, at: Expr): void => {
        if (typeof d === "number") {
          if (d < min) throw new DeriveError("shape", `index ${min} out of range (size ${d})`, at.pos);
          return;
        }
        for (const name of d.split("*")) this.minDims.set(name, Math.max(this.minDims.get(name) ?? 1, min));
      },
      integerArg: (i: number): number | "symbol" | null => integerValue(e.args[i]!, this.scope, this.bound, this.dims),
    };
  }

  /** `sum(f, i, a, b)`: the bounds outside the index's scope, f inside it. */
  private indexed(e: Expr, at: number): TNode {
    const idx = e.args[at]!;
    if (idx.op !== "sym" || this.scope.decls.has(idx.name!) || this.dims.has(idx.name!) || constantOp(idx.name!)) {
      throw new DeriveError("shape", `the index of ${e.op}(f, i, a, b) must be a new name, not ${printExpr(idx)}`, idx.pos);
    }
    if (this.assumptions.has(idx.name!)) throw new DeriveError("shape", `${idx.name} is used outside ${e.op}(f, ${idx.name}, a, b) too; give the index a name of its own`, idx.pos);
    this.bound.push(idx.name!);
    this.boundNames.add(idx.name!);
    let body: TNode;
    try {
      body = this.node(e.args[0]!);
    } finally {
      this.bound.pop();
    }
    // the bounds after the body, so that a size the body names (`unit(i, i, n, n)`, `ones(n)`) is a
    // dimension in the bounds too, never an undeclared scalar beside it
    const rest = e.args.map((a, i) => (i === 0 || i === at ? null : this.node(a)));
    const index: TNode = { ...idx, args: [], shape: SCALAR };
    const args = e.args.map((_, i) => (i === 0 ? body : i === at ? index : rest[i]!));
    return this.typed(e, args);
  }

  /** An argument of `I(n)`, `ones(n, m)`: a positive integer literal or a dimension name. */
  private dimArgument(a: Expr): TNode {
    if (a.op === "num" && Number.isInteger(a.value) && a.value! >= 1) {
      if (a.value! > 100_000) throw new DeriveError("limit", `size ${a.value} is too large`, a.pos);
      return { ...a, args: [], shape: SCALAR };
    }
    if (a.op === "sym" && !this.scope.decls.has(a.name!)) {
      this.dims.add(a.name!);
      return { op: "dimval", args: [], name: a.name!, pos: a.pos, end: a.end, shape: SCALAR };
    }
    throw new DeriveError("shape", `expected a size (a positive integer or a dimension name), found ${printExpr(a)}`, a.pos);
  }

  /** The variable of grad/jacobian/hessian/diff: a declared or undeclared (scalar) name. */
  private variable(a: Expr, opName: string, call: Expr): TNode {
    if (a.op !== "sym") throw new DeriveError("shape", `${opName} differentiates with respect to a variable name, not ${printExpr(a)}`, a.pos);
    const name = a.name!;
    if (!this.scope.decls.has(name)) {
      if (constantOp(name) || name === "I") throw new DeriveError("shape", `${name} is a constant, not a variable`, a.pos);
      if (this.dims.has(name)) throw new DeriveError("shape", `${name} is a dimension, not a variable`, a.pos);
      // an undeclared name the function never mentions makes the derivative 0
      // whatever it is: a typo (`grad(tr(X), Y)`), never what was meant; a
      // declared variable that does not occur is a true zero and stays one
      const f = call.args[0]!;
      const used = symbolsOf(call.args.filter((x) => x !== a));
      if (!used.has(name)) {
        const near = didYouMean(name, used, this.scope.decls.keys());
        throw new DeriveError("name", `${name} is not declared and does not occur in ${printExpr(f)}, so ${opName}(${printExpr(f)}, ${name}) would be 0 for any ${name}${near}`, a.pos);
      }
    }
    return this.symbol(a);
  }
}

/** The names an expression mentions (variables, undeclared names, indices). */
function symbolsOf(es: readonly Expr[], out = new Set<string>()): Set<string> {
  for (const e of es) {
    if (e.op === "sym") out.add(e.name!);
    symbolsOf(e.args, out);
  }
  return out;
}

/** An integer-valued argument: literals, names declared integer, and + - * of those. */
function integerValue(a: Expr, scope: Scope, bound: readonly string[] = [], dims: ReadonlySet<string> = new Set()): number | "symbol" | null {
  switch (a.op) {
    case "num":
      return Number.isInteger(a.value) ? a.value! : null;
    case "sym":
      if (bound.includes(a.name!)) return "symbol";
      if (!scope.decls.has(a.name!) && dims.has(a.name!)) return "symbol"; // a dimension used as a value
      return scope.decls.get(a.name!)?.properties.includes("integer") ? "symbol" : null;
    case "neg": {
      const v = integerValue(a.args[0]!, scope, bound, dims);
      return typeof v === "number" ? -v : v;
    }
    case "add":
    case "sub":
    case "mul": {
      const x = integerValue(a.args[0]!, scope, bound, dims);
      const y = integerValue(a.args[1]!, scope, bound, dims);
      if (x === null || y === null) return null;
      if (x === "symbol" || y === "symbol") return "symbol";
      return a.op === "add" ? x + y : a.op === "sub" ? x - y : x * y;
    }
    default:
      return null;
  }
}

/**
 * Rank > 2 operands reach only the operators that accept them (OpDef's
 * `tensorArgs`); for the others it is a one-line shape error at the operand.
 */
function rejectTensors(syn: Syntax, name: string, args: readonly TNode[], ctx: ShapeCtx): void {
  const t = args.findIndex((a) => isTensor(a.shape));
  if (t < 0) return;
  // sum(f, i, a, b) and prod(...) over an index accumulate matrices only
  if (syn.kind === "function" && syn.boundArg !== undefined && args.length > 1) ctx.fail(`${syn.names[0]} over an index takes a matrix, not ${ctx.argText(t)} (${showShape(args[t]!.shape)})`, args[t]);
  const shown = syn.kind === "function" ? syn.names[0]! : "symbol" in syn ? `'${syn.symbol}'` : name;
  const what = `${ctx.argText(t)} (${showShape(args[t]!.shape)})`;
  if (opDef(name).tensorArgs === true) return;
  if (opDef(name).tensorArgs === "scalar") {
    const other = args.findIndex((a, i) => i !== t && !isScalar(a.shape));
    if (other < 0) return;
    ctx.fail(`${shown} takes a tensor only with a scalar, not ${what} and ${ctx.argText(other)} (${showShape(args[other]!.shape)})`, args[t]);
  }
  ctx.fail(`${shown} takes a matrix, not ${what}`, args[t]);
}

function firstBareI(e: Expr): number {
  if (e.op === "sym" && e.name === "I") return e.pos;
  for (const a of e.args) {
    const p = firstBareI(a);
    if (p >= 0) return p;
  }
  return -1;
}

function noSize(pos: number): DeriveError {
  return new DeriveError("shape", "cannot infer the size of I here; write I(n)", pos < 0 ? null : pos);
}
