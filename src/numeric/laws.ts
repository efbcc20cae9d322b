// The declared random variables of a claim and their laws at a point:
// parameters evaluated (and checked) at the current values of the non-random
// names, raw moments in closed form, iid draws. Separately declared random
// names are independent; the entries of one are iid.

import { DeriveError } from "../core/errors.js";
import { concreteDims } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Declaration, Distribution, TNode } from "../core/typed.js";
import type { Evaluator } from "./evaluate.js";
import type { Random } from "./random.js";

export interface RandomVar {
  readonly decl: Declaration;
  readonly kind: Distribution["kind"];
  /** the parameters as typed trees over non-random names */
  readonly params: readonly TNode[];
}

export class RandomModel {
  constructor(readonly vars: ReadonlyMap<string, RandomVar>) {}

  isRandom = (name: string): boolean => this.vars.has(name);

  /** The law of a random name as written: `x ~ normal(0, s2)`. */
  describe(name: string): string {
    return `${name} ~ ${this.vars.get(name)!.decl.distribution!.text}`;
  }

  /** Parameter values at the evaluator's point, checked; an invalid one is an error that says what to declare. */
  paramsAt(ev: Evaluator, name: string): number[] {
    const v = this.vars.get(name)!;
    const vals = v.params.map((p) => {
      const t = ev.evaluate(p);
      if (!t.isScalar()) throw new DeriveError("declaration", `the parameters of ${this.describe(name)} must be scalars`, p.pos);
      return t.scalar();
    });
    const why = lawError(v.kind, vals);
    if (why) {
      const hint = v.kind === "bernoulli" ? "write p so that it lies in [0, 1], e.g. bernoulli(sigmoid(q)) or a literal" : v.kind === "normal" ? "declare the variance's names positive, e.g. 's2: scalar positive'" : "make sure a < b, e.g. with 'a: scalar positive' in uniform(-a, a)";
      // positioned at the parameter that failed, in the declaration's text
      const at = v.params[v.kind === "normal" ? 1 : 0]!.pos;
      throw new DeriveError("value", `${this.describe(name)} at this sample: ${why}; ${hint}`, at, v.decl.origin);
    }
    return vals;
  }

  /** iid draws of every entry of a random name at the current point. */
  draw(ev: Evaluator, name: string, rng: Random, params = this.paramsAt(ev, name)): Tensor {
    const v = this.vars.get(name)!;
    // every dimension, so a rank-4 activation N x C x H x W is drawn whole
    const t = new Tensor(concreteDims(v.decl.shape, ev.point.sizes));
    const d = t.data;
    const [a, b] = params as [number, number];
    if (v.kind === "normal") {
      const sd = Math.sqrt(b);
      for (let k = 0; k < d.length; k++) d[k] = a + sd * rng.normal();
    } else if (v.kind === "uniform") {
      for (let k = 0; k < d.length; k++) d[k] = a + (b - a) * rng.float();
    } else {
      for (let k = 0; k < d.length; k++) d[k] = rng.float() < a ? 1 : 0;
    }
    return t;
  }
}

/** Why parameter values are not a valid law, or null. */
export function lawError(kind: Distribution["kind"], v: readonly number[]): string | null {
  const [a, b] = v as [number, number];
  if (!v.every(Number.isFinite)) return `a parameter is not finite (${v.join(", ")})`;
  if (kind === "normal" && !(b > 0)) return `the variance ${b} is not positive`;
  if (kind === "uniform" && !(a < b)) return `uniform(${a}, ${b}) needs a < b`;
  if (kind === "bernoulli" && !(a >= 0 && a <= 1)) return `the probability ${a} is not in [0, 1]`;
  return null;
}

/** E[X^k] of one entry, in closed form. */
export function rawMoment(kind: Distribution["kind"], params: readonly number[], k: number): number {
  if (k === 0) return 1;
  const [a, b] = params as [number, number];
  if (kind === "bernoulli") return a;
  if (kind === "uniform") {
    // (b^(k+1) - a^(k+1)) / ((k+1)(b-a)) = mean of a^j b^(k-j), j = 0..k (no cancellation)
    let s = 0;
    for (let j = 0; j <= k; j++) s += a ** j * b ** (k - j);
    return s / (k + 1);
  }
  // normal(mu, v): sum over even j of C(k, j) mu^(k-j) v^(j/2) (j-1)!!
  let s = 0;
  let binom = 1; // C(k, j)
  let dfact = 1; // (j - 1)!!
  for (let j = 0; j <= k; j++) {
    if (j > 0) binom = (binom * (k - j + 1)) / j;
    if (j % 2 === 0) {
      if (j > 0) dfact *= j - 1;
      s += binom * a ** (k - j) * b ** (j / 2) * dfact;
    }
  }
  return s;
}
