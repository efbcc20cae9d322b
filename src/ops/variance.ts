// The variance `Var(f)`, entry by entry: E((f - E(f)) .* (f - E(f))), over the
// declared random variables in f (see E.ts).

import { defineOp } from "./define.js";
import { opName, call } from "./latex-util.js";
import { momentValue } from "./moment-util.js";

export const VarOp = defineOp({
  name: "Var",
  doc: "Variance of every entry of f over the declared random variables in f (a tensor of f's shape; Cov gives the covariance matrix).",
  syntax: { kind: "function", names: ["Var"], arity: 1 },
  tensorArgs: true,
  shape: ([a]) => a!,
  evalLazy: momentValue,
  // d Var(f) = 2 E((f - E(f)) .* df), linear in df
  jvp: ({ args: [f], dargs: [d], b }) => b.mul(b.num(2), b.call("E", b.had(b.sub(f!, b.call("E", f!)), d!))),
  latex: ([a]) => call(opName("Var"), a!),
  examples: [
    ["Var(a * x + b)", "a^2 * s2", ["x: scalar ~ normal(mu, s2)", "s2: scalar positive"]],
    ["Var(x * y)", "Var(x) * Var(y) + Var(x) * E(y)^2 + E(x)^2 * Var(y)", ["x ~ normal(mu, s2)", "y ~ uniform(a, a + 1)", "s2: scalar positive"]],
    ["Var(sum(w .* v))", "n * Var(w[1]) * Var(v[1])", ["w: n ~ normal(0, s2)", "v: n ~ uniform(-1, 1)", "s2: scalar positive"]],
    ["Var(d)", "sigmoid(q) * (1 - sigmoid(q)) * ones(n)", ["d: n ~ bernoulli(sigmoid(q))"]],
  ],
  source: "Var(XY) for independent X, Y (Goodman 1960); the Xavier argument (Glorot & Bengio 2010)",
});
