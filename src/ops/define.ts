// The operator definition: everything about one operator in one object, as
// KaTeX's defineFunction and JAX's primitives do. `src/ops/<name>.ts` calls
// defineOp once; `registry.ts` lists them all. The parser, shape checker,
// evaluator and printers never switch on an operator's name: they ask its
// definition.

import type { Expr } from "../core/ast.js";
import type { Dim, Shape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";

/** Binding strength, loosest to tightest (language.md's operator table). */
export const PREC = {
  add: 1,
  mul: 2,
  neg: 3,
  pow: 4,
  postfix: 5,
  atom: 6,
} as const;

export type Syntax =
  /** `name(a, b)`; `dimArgs` means the arguments are dimensions (`I(n)`, `ones(n, m)`). */
  | {
      kind: "function";
      names: readonly string[];
      arity: number | readonly [number, number];
      /**
       * the arguments are dimensions (`I(n)`, `ones(n, m)`): all of them
       * (true), or those for which the function says so, given the number of
       * arguments (`unit(i, n)`, `unit(i, j, m, n)`: the second half)
       */
      dimArgs?: boolean | ((i: number, count: number) => boolean);
      /** index of the argument that names the variable (`grad(f, X)`: 1) */
      wrtArg?: number;
      /**
       * index of the argument that names a bound index (`sum(f, i, a, b)`: 1):
       * a new integer name, valid only inside the first argument
       */
      boundArg?: number;
    }
  /** `a op b` at a precedence level; `assoc` as in language.md. */
  | { kind: "infix"; symbol: string; prec: number; assoc: "left" | "right" }
  | { kind: "prefix"; symbol: string; prec: number }
  | { kind: "postfix"; symbol: string }
  /** `x[i]`, `X[i, j]` */
  | { kind: "index" }
  /** a named constant (`pi`, `e`) or a literal handled by the parser (num, sym, matrix) */
  | { kind: "leaf"; names?: readonly string[] };

/** Is the i-th argument of a call a dimension (`n` in `I(n)`, `unit(i, n)`)? */
export function isDimArg(syntax: Syntax, i: number, count: number): boolean {
  if (syntax.kind !== "function" || !syntax.dimArgs) return false;
  return syntax.dimArgs === true || syntax.dimArgs(i, count);
}

export interface ShapeCtx {
  /** the node being typed (for positions) */
  readonly node: Expr;
  /** raises a positioned shape error at the node, or at `at` */
  fail(message: string, at?: Expr): never;
  /** the i-th argument as a dimension (only for `dimArgs` functions) */
  dimArg(i: number): Dim;
  /** short text of the i-th argument, for messages ("X", "A * B") */
  argText(i: number): string;
  /** the i-th argument's tree */
  arg(i: number): Expr;
  /** requires `d` to be at least `min` in every sample (indexing) */
  requireMin(d: Dim, min: number, at: Expr): void;
  /**
   * The i-th argument as an integer constant: its value for an integer literal
   * (or a negated one, `-1`), "symbol" for a name declared `integer`, null
   * for anything else. Matrix powers and indices need it.
   */
  integerArg(i: number): number | "symbol" | null;
}

export interface EvalCtx {
  /** the typed node being evaluated */
  readonly node: TNode;
  /** concrete size of a dimension */
  size(d: Dim): number;
  /** the i-th argument as a concrete dimension (for `dimArgs` functions) */
  dimArg(i: number): number;
  /**
   * Declares that the result is not differentiable where an entry of `t`
   * changes sign (relu, abs, step, ...). Finite differences compare these
   * sign patterns across a stencil, so a stencil that crosses a kink is never
   * trusted.
   */
  kink(t: Tensor): void;
  /** Rejects the current sample (e.g. an inverse of a near-singular matrix). */
  invalid(reason: string): never;
}

/** Evaluation of higher-order operators (grad, jacobian, ...) from the subtree. */
export interface LazyCtx {
  readonly node: TNode;
  size(d: Dim): number;
  /** evaluates a subtree at the current point */
  evaluate(n: TNode): Tensor;
  /** runs f with a variable (e.g. the index of sum(f, i, a, b)) set to a value */
  withValue<T>(name: string, value: Tensor, f: () => T): T;
  /**
   * runs f with the parts of `body` that do not depend on `index` evaluated
   * once and held (a loop's body is then not evaluated from scratch per index)
   */
  withInvariant?<T>(body: TNode, index: string, f: () => T): T;
  /**
   * the value of this sum or product over i = a..b (a <= b) from its body
   * compiled once and run over all indices at once, or null when the body does
   * not allow it or the run failed (the operator then loops itself, which
   * gives the same values and raises its own errors)
   */
  loopCompiled?(a: number, b: number): Tensor | null;
  /** finite differences of a subtree with respect to a variable (src/numeric/fd.ts) */
  readonly fd: FiniteDifferences;
  /** the value of a moment node (E, Var, Cov) at the current point, where random variables are declared */
  readonly moment?: (n: TNode) => Tensor;
}

/**
 * Derivatives by finite differences of the function itself, supplied by the
 * numeric layer so that operator files stay declarative. `x` names a variable;
 * every other variable keeps its value at the current point.
 */
export interface FiniteDifferences {
  /** gradient of a scalar f: same shape as x (entry (i, j) is df/dx_ij) */
  grad(f: TNode, x: string): Tensor;
  /** numerator layout over column-major vec: numel(F) x numel(x) */
  jacobian(F: TNode, x: string): Tensor;
  /** jacobian(grad(f, x), x) */
  hessian(f: TNode, x: string): Tensor;
  /** d/ds F(x + s v) at s = 0, same shape as F */
  /**
   * `base`: the sign pattern of kinked operators at the point, when the caller
   * has it already (one evaluation less); `accept`: the relative error
   * estimate at which the extrapolation stops (default 1e-10; a check to
   * 1e-6 needs less); `degree`: F is known to be a polynomial of this degree
   * in x (check/poly-degree.ts), so the extrapolation stops at the order that
   * is exact for it (a central difference for degree <= 2)
   */
  directional(F: TNode, x: string, v: Tensor, opts?: { base?: string; accept?: number; degree?: number }): Tensor;
}

/**
 * Constructors of typed trees for derivative rules (src/symbolic/build.ts
 * supplies them, so operator files stay below the symbolic layer). Every
 * constructor infers the shape with the operator's own shape rule.
 */
export interface Builder {
  mk(op: string, args: readonly TNode[]): TNode;
  /** a scalar literal (negative values become a negation) */
  num(v: number): TNode;
  /** the identity with the rows of a square shape */
  eye(s: Shape): TNode;
  zerosOf(s: Shape): TNode;
  onesOf(s: Shape): TNode;
  add(a: TNode, b: TNode): TNode;
  sub(a: TNode, b: TNode): TNode;
  mul(a: TNode, b: TNode): TNode;
  div(a: TNode, b: TNode): TNode;
  had(a: TNode, b: TNode): TNode;
  neg(a: TNode): TNode;
  tp(a: TNode): TNode;
  call(name: string, ...args: TNode[]): TNode;
}

/** What a forward-mode rule sees. */
export interface JvpCtx {
  /** the node being differentiated; its arguments are `args` */
  readonly node: TNode;
  readonly args: readonly TNode[];
  /**
   * Differentials of the arguments, each of its argument's shape; null where
   * the argument does not depend on the variable. At least one is non-null.
   */
  readonly dargs: readonly (TNode | null)[];
  readonly b: Builder;
}

/** What a transpose (adjoint) rule of a linear operator sees. */
export interface TransposeCtx {
  readonly node: TNode;
  readonly args: readonly TNode[];
  /** the argument that carries the tangent (the others are constants) */
  readonly i: number;
  /** the cotangent of the output: the shape of `node` */
  readonly g: TNode;
  readonly b: Builder;
}

/** A true claim that exercises the operator: [lhs, rhs, declarations]. */
export type Example = readonly [lhs: string, rhs: string, decls?: readonly string[]];

export interface OpDef {
  /** registry id; for functions also the first name in `syntax.names` */
  readonly name: string;
  readonly doc: string;
  readonly syntax: Syntax;
  /** shape rule: argument shapes -> result shape, or ctx.fail(...) */
  shape(args: readonly Shape[], ctx: ShapeCtx): Shape;
  /**
   * Applied entry by entry to its first argument (exp, relu, `.^`, ...): then
   * it commutes with transposition, f(X)' = f(X'), which the normal form uses.
   */
  readonly elementwise?: boolean;
  /**
   * How many times the generic work estimate (src/numeric/cost.ts: its
   * largest operand times its largest dimension, n^3 for a square matrix)
   * the kernel takes; iterative decompositions (eigenvalues, singular
   * values) take about 10. Default 1. Only the sizes drawn depend on it.
   */
  readonly work?: number;
  /**
   * Accepts operands of rank > 2 (tensors N x C x H x W). Without it (and
   * without `elementwise`) the resolver rejects them, so a matrix-only rule
   * never sees a shape it would silently truncate. "scalar": only when every
   * other operand is a scalar (`2 * X`, `X / n`).
   */
  readonly tensorArgs?: boolean | "scalar";
  /** numeric kernel */
  eval?(args: readonly Tensor[], ctx: EvalCtx): Tensor;
  /** numeric value of a higher-order operator, computed from its subtree */
  evalLazy?(ctx: LazyCtx): Tensor;
  /**
   * How the value was reached, one line for a refutation's message (a limit
   * shows its sequence); null when there is nothing to add.
   */
  explain?(ctx: LazyCtx): string | null;
  /**
   * Forward-mode differential: d(op(args)) from the arguments' differentials,
   * built with ctx.b, LINEAR in the non-null dargs (the engine transposes it
   * to get gradients). Missing means the operator cannot be differentiated
   * symbolically: an error, never a silent zero.
   */
  jvp?(ctx: JvpCtx): TNode;
  /**
   * For an operator linear in argument ctx.i (others constant): the adjoint,
   * i.e. the cotangent of args[i] (its shape) given the output cotangent g,
   * so that <g, op(.., d, ..)> = <transpose(g), d> (Frobenius inner product).
   */
  transpose?(ctx: TransposeCtx): TNode;
  /** LaTeX of the node, given the LaTeX of its (already parenthesised) arguments */
  latex(args: readonly string[], node: Expr): string;
  /** claims that must hold; the contract suite checks each numerically */
  readonly examples: readonly Example[];
  /** where the definition or its identities come from */
  readonly source?: string;
}

export function defineOp(def: OpDef): OpDef {
  return Object.freeze(def);
}
