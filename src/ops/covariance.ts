// The covariance `Cov(f, g)` = E((f - E(f)) * (g - E(g))'): for vectors the
// n x m matrix of covariances of their entries, for scalars a scalar; over
// the declared random variables in f and g (see E.ts).

import { defineOp } from "./define.js";
import { opName, call } from "./latex-util.js";
import { momentValue } from "./moment-util.js";
import { isScalar, shape, showShape } from "../core/shape.js";

export const CovOp = defineOp({
  name: "Cov",
  doc: "Covariance E((f - E(f)) * (g - E(g))') of vectors (a matrix) or scalars (a scalar) over the declared random variables.",
  syntax: { kind: "function", names: ["Cov"], arity: 2 },
  shape: ([a, b], ctx) => {
    if (isScalar(a!) && isScalar(b!)) return a!;
    if (a!.cols !== 1 || b!.cols !== 1 || "lead" in a! || "lead" in b!) {
      ctx.fail(`Cov takes two vectors or two scalars, not ${ctx.argText(0)} (${showShape(a!)}) and ${ctx.argText(1)} (${showShape(b!)})`);
    }
    return shape(a!.rows, b!.rows);
  },
  evalLazy: momentValue,
  // d Cov(f, g) = E(df * (g - E(g))') + E((f - E(f)) * dg'), linear in (df, dg)
  jvp: ({ args: [f, g], dargs: [df, dg], b }) => {
    const terms = [];
    if (df) terms.push(b.call("E", b.mul(df, b.tp(b.sub(g!, b.call("E", g!))))));
    if (dg) terms.push(b.call("E", b.mul(b.sub(f!, b.call("E", f!)), b.tp(dg))));
    return terms.length === 2 ? b.add(terms[0]!, terms[1]!) : terms[0]!;
  },
  latex: ([a, b]) => call(opName("Cov"), a!, b!),
  examples: [
    ["Cov(x, x)", "Var(x)", ["x ~ normal(mu, s2)", "s2: scalar positive"]],
    ["Cov(A * x, B * x)", "s2 * A * B'", ["x: n ~ normal(mu, s2)", "s2: scalar positive", "A: m x n", "B: k x n"]],
    ["Cov(x, y)", "zeros(n, m)", ["x: n ~ uniform(0, 1)", "y: m ~ normal(0, 1)"]],
  ],
  source: "covariance of linear maps, Cov(Ax, Bx) = A Cov(x) B'",
});
