// The typed tree: the syntax tree after names are resolved and shapes are
// inferred (src/parse/resolve.ts). Every node carries its shape with symbolic
// dimensions; implicit facts are made explicit (a bare `I` has its size, a
// dimension name used as a value is a "dimval" node, an undeclared name is a
// scalar variable). Numeric evaluation and printing work on this tree.

import type { Expr } from "./ast.js";
import type { Shape } from "./shape.js";

export interface TNode extends Expr {
  readonly args: readonly TNode[];
  readonly shape: Shape;
}

/** What a name means in a set of declarations. */
export type Property =
  | "symmetric"
  | "spd"
  | "invertible"
  | "orthogonal"
  | "diagonal"
  | "positive"
  | "nonnegative"
  | "simplex"
  | "onehot"
  | "integer";

export const PROPERTIES: readonly Property[] = [
  "symmetric",
  "spd",
  "invertible",
  "orthogonal",
  "diagonal",
  "positive",
  "nonnegative",
  "simplex",
  "onehot",
  "integer",
];

export interface Declaration {
  readonly name: string;
  readonly shape: Shape;
  readonly properties: readonly Property[];
  /** `in (lo, hi]`: every entry is drawn inside (src/parse/interval.ts) */
  readonly interval?: Interval;
  /** where it was declared, for messages */
  readonly origin: string;
  /** `x: n ~ normal(0, s2)`: a random variable with iid entries (src/parse/distributions.ts) */
  readonly distribution?: Distribution;
}

/** The law of a declared random variable; parameters are expressions over non-random names. */
export interface Distribution {
  /** normal(mean, VARIANCE), uniform(a, b), bernoulli(p) with values 0/1 and P(1) = p */
  readonly kind: "normal" | "uniform" | "bernoulli";
  readonly params: readonly Expr[];
  /** the parameters as written, for messages */
  readonly text: string;
}

/** An interval of values; an open end excludes its bound. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

/** Names of the variables (declared or assumed) a typed tree uses. */
export function variablesOf(nodes: readonly TNode[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: TNode): void => {
    if (n.op === "sym") out.add(n.name!);
    n.args.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}
