// Seed 003 (Deep Learning HW1, Sharif), Q3.4(d): Adam's first moment as a
// recurrence, checked by induction, and the limit of its bias factor.
// Transcribed from 003_e34f0158ba71e7fd.txt as written.
//  - l.209-215: m_t = b1 m_(t-1) + (1 - b1) f_t, m_0 = 0, with f_t = ∇J(θ_t)
//    a sequence input (fresh values per t, written f[t]);
//  - l.232: the closed form m_n = (1 - b1) Σ_{i=1}^{n} b1^(n-i) f_i, for every n
//    (base case, inductive step, and the iteration n = 1..50);
//  - l.240: "(1 - B1^n) is very close to 1 and always smaller than 1": true for
//    large n (a limit), and the bound for every n >= 1 with 0 < b1 < 1.
// Readings: b1, β1 and B1 name one parameter, 0 < b1 < 1 as in Adam. The
// expansions m_1..m_4 (l.219-229) and the correction (l.244) are in
// 003-adam.ts; the expectations E[m_n] (l.236-242) are statistical steps.

import { derivation } from "derive";

export default derivation("003 Q3.4(d): Adam's first moment by induction", {
  source: "003 Q3.4(d)",
  let: { b1: "scalar in (0, 1)" },
}, (d) => {
  // l.209-215 and l.232
  d.recurrence({
    name: "m", index: "n", init: "0",
    step: "b1 * m + (1 - b1) * f[n]",
    closed: "(1 - b1) * sum(b1^(n - i) * f[i], i, 1, n)",
    inputs: ["f"],
  }, { lines: "209-215" });
  // the same closed form with the power one too high is refuted (not in the seed: a control)
  d.recurrence({
    name: "m", index: "n", init: "0",
    step: "b1 * m + (1 - b1) * f[n]",
    closed: "(1 - b1) * sum(b1^(n - i + 1) * f[i], i, 1, n)",
    inputs: ["f"],
  }, { lines: "209-215", expect: "refuted", note: "control, not in the seed: the power b1^(n-i+1) is one too high" });
  // l.237-238 for a constant input f: the bias factor is 1 - b1^n (by induction) ...
  d.recurrence({ name: "m", index: "n", init: "0", step: "b1 * m + (1 - b1) * f", closed: "(1 - b1^n) * f" }, { lines: "237-238" });
  // ... and not 1 - b1^(n-1) (control, the wrong power of a bias correction)
  d.recurrence(
    { name: "m", index: "n", init: "0", step: "b1 * m + (1 - b1) * f", closed: "(1 - b1^(n - 1)) * f" },
    { lines: "237-238", expect: "refuted", note: "control, not in the seed: a bias factor with the wrong power" },
  );
  // l.240: (1 - B1^n) is very close to 1 (for large n) and smaller than 1
  d.step("lim(1 - b1^n, n, inf) = 1", { lines: "240" });
  // "smaller than 1", 1 - b1^n < 1, checked as b1^n > 0: float64 rounds 1 - 1e-32 to 1
  d.step("b1^n > 0", { lines: "240", let: { n: "integer in [1, 50]" } });
});
