// The degree of a function in one variable, read from its tree, where the
// function is a polynomial in the variable's entries: tr(X' * A * X) has
// degree 2 in X, tr(X^3) degree 3, norm(A * x - b)^2 degree 2; logdet(X),
// inv(X) or a sigmoid have none (null). The gradient check (grad-check.ts)
// uses it to stop Richardson extrapolation at the order that is exact: along
// a line, f(X + sV) is then a polynomial of that degree in s, and a central
// difference is exact for degree <= 2, one Richardson step of two central
// differences for degree <= 4 (up to rounding).
//
// Conservative by construction: only operators that are linear or
// multilinear in their arguments count; anything else that involves the
// variable gives null, and the check keeps its full Ridders tableau.

import type { TNode } from "../core/typed.js";

/** operators linear in their one argument, or in each argument separately (degrees add) */
const LINEAR = new Set(["neg", "transpose", "tr", "vec", "diag"]);
const SUM_OF = new Set(["add", "sub"]);
const PRODUCT_OF = new Set(["mul", "hadamard", "kron", "outer", "dot"]);

/** The degree of `t` as a polynomial in the entries of `x`, or null when it is not one (or not known to be). */
export function polynomialDegree(t: TNode, x: string): number | null {
  if (!mentions(t, x)) return 0;
  if (t.op === "sym") return t.name === x ? 1 : 0;
  const degs = (): (number | null)[] => t.args.map((a) => polynomialDegree(a, x));
  if (LINEAR.has(t.op) && t.args.length === 1) return polynomialDegree(t.args[0]!, x);
  // sum of all entries (an index sum, with four arguments, binds a name: left out)
  if (t.op === "sum" && t.args.length === 1) return polynomialDegree(t.args[0]!, x);
  if (SUM_OF.has(t.op)) return combine(degs(), Math.max);
  if (PRODUCT_OF.has(t.op)) return combine(degs(), (a, b) => a + b);
  if ((t.op === "div" || t.op === "ediv") && t.args.length === 2) {
    // over a constant only
    return polynomialDegree(t.args[1]!, x) === 0 ? polynomialDegree(t.args[0]!, x) : null;
  }
  if ((t.op === "pow" || t.op === "epow") && t.args.length === 2) {
    const k = nonnegativeInteger(t.args[1]!);
    if (k === null) return null;
    const base = t.args[0]!;
    // norm(E)^2 is the sum of the squares of E's entries (Euclidean / Frobenius): 2 deg(E)
    if (t.op === "pow" && base.op === "norm" && base.args.length === 1 && k % 2 === 0) {
      const d = polynomialDegree(base.args[0]!, x);
      return d === null ? null : d * k;
    }
    const d = polynomialDegree(base, x);
    return d === null ? null : d * k;
  }
  return null;
}

function combine(ds: (number | null)[], f: (a: number, b: number) => number): number | null {
  let out = 0;
  for (const d of ds) {
    if (d === null) return null;
    out = f(out, d);
  }
  return out;
}

/** A literal integer >= 0 (the exponent of a power), or null. */
function nonnegativeInteger(t: TNode): number | null {
  if (t.op !== "num" || t.args.length !== 0) return null;
  const v = t.value;
  return v !== undefined && Number.isInteger(v) && v >= 0 ? v : null;
}

function mentions(t: TNode, x: string): boolean {
  if (t.op === "sym" && t.name === x) return true;
  return t.args.some((a) => mentions(a, x));
}
