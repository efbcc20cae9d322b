// Seed 003 (Deep Learning HW1, Sharif), Q3.4(d), l.236-244: the expectation of
// Adam's first moment, with random gradients (language.md, "Random variables
// and moments"). The recurrence and its closed form (l.209-232) are checked
// by induction in 003-q34d-adam.ts.
//
// Readings:
//  - f_1..f_n are iid with mean E[f_t] (stationary gradients): f: n ~ normal(mu, s2),
//    the t-th written f[t]; then the error term ζ of l.236-238 is 0 (it collects
//    the change of E[f_i] over time, none here). b1, β1 and B1 name one parameter.
//  - l.240-242 "E[m_n] = E[f_t]" is an approximation for large n: as an equation
//    it is refuted (it holds only in the limit n -> inf, where 1 - β1^n -> 1).
//  - l.244 divides by (1 - B1); the correction that removes the bias is the division
//    by (1 - B1^n) (Kingma & Ba 2015, and 000 Q2.2(c)): the step as written is refuted
//    and the corrected one is beside it.

import { derivation } from "derive";

const m = "(1 - b1) * sum(b1^(n - i) * f[i], i, 1, n)";

export default derivation("003 Q3.4(d): E[m_n] for iid gradients, and the bias correction", {
  source: "003 Q3.4(d)",
  let: { f: "n ~ normal(mu, s2)", s2: "scalar positive", b1: "scalar in (0, 1)" },
}, (d) => {
  // l.236-238, with ζ = 0 for iid f_t
  d.chain(`E(${m})`, "E(f[1]) * (1 - b1) * sum(b1^(n - i), i, 1, n)", "E(f[1]) * (1 - b1^n)", { lines: "236-238" });
  // l.240-242: E[m_n] = E[f_t], as an equation
  d.step(`E(${m}) = E(f[1])`, {
    lines: "240-242",
    expect: "refuted",
    note: "l.242 holds only as n -> inf (1 - β1^n -> 1); at finite n, E[m_n] = (1 - β1^n) E[f_t] is biased towards 0",
  });
  // l.240: 1 - B1^n is below 1 (so the bias is towards 0 when E[f_t] > 0)
  d.step("1 - b1^n < 1", { lines: "240" });
  // l.244: divide by (1 - B1)
  d.step(`E(${m} / (1 - b1)) = E(f[1])`, {
    lines: "244",
    expect: "refuted",
    note: "l.244 divides by (1 - B1); the bias factor is (1 - B1^n)",
  });
  d.step(`E(${m} / (1 - b1^n)) = E(f[1])`, { lines: "244", note: "corrected l.244: m̂_n = m_n / (1 - β1^n) is unbiased" });
});
