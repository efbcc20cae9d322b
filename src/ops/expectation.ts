// The expectation `E(f)`, entry by entry, over every declared random variable
// in f (`x: n ~ normal(0, s2)`); the other names keep their values. The value
// comes from the statistical layer (src/numeric/moments.ts: exact moment
// algebra, enumeration of bernoulli masks, or Monte Carlo, which the claim
// checker reports).

import { defineOp } from "./define.js";
import { call } from "./latex-util.js";
import { momentValue } from "./moment-util.js";

export const EOp = defineOp({
  name: "E",
  doc: "Expectation over the declared random variables in f, entry by entry (E(x) of x: n ~ normal(mu, s2) is mu * ones(n)).",
  syntax: { kind: "function", names: ["E"], arity: 1 },
  // entrywise, so a tensor of any rank (a conv activation) is fine
  tensorArgs: true,
  shape: ([a]) => a!,
  evalLazy: momentValue,
  // linear: d E(f) = E(df) for a non-random variable (random ones are bound by E)
  jvp: ({ dargs: [d], b }) => b.call("E", d!),
  transpose: () => {
    throw new Error("the adjoint of an expectation cannot be written in the language");
  },
  latex: ([a]) => call("\\mathbb{E}", a!),
  examples: [
    ["E(a * x + b)", "a * mu + b", ["x: scalar ~ normal(mu, s2)", "s2: scalar positive"]],
    ["E(x .* y)", "E(x) .* E(y)", ["x, y: n ~ uniform(0, 1)"]],
    ["E(x' * A * x)", "tr(A) * s2", ["x: n ~ normal(0, s2)", "s2: scalar positive", "A: n x n"]],
    ["E(d)", "sigmoid(q) * ones(n)", ["d: n ~ bernoulli(sigmoid(q))"]],
  ],
  source: "moments of the normal, uniform and bernoulli laws",
});
