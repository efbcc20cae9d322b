// Seed 000 (Deep Learning HW1), Q2.2(c), l.117-121: Adam's zero-initialised
// moments are biased towards zero, and the correction m̂ = m/(1 − B1^t) (l.121)
// removes the bias. Checked with random gradients (language.md, "Random
// variables and moments").
//
// Readings:
//  - g_1..g_t are iid gradients (the stationary case of Kingma & Ba 2015, §3):
//    g: t ~ normal(mu, s2), the i-th written g[i]; t is a dimension name, so
//    every step is checked for several t.
//  - m_t and v_t start at 0 (l.121) and follow m_t = B1 m_(t-1) + (1 - B1) g_t,
//    v_t = B2 v_(t-1) + (1 - B2) g_t^2, written out as their closed forms
//    m_t = (1 - B1) Σ B1^(t-i) g_i (the closed form is checked by induction in
//    003-q34d-adam.ts).
//  - l.121 gives the correction for m only; the same for v with B2 is the
//    "two parameters B1, B2" of l.121.

import { derivation } from "derive";

const m = "(1 - B1) * sum(B1^(t - i) * g[i], i, 1, t)";
const v = "(1 - B2) * sum(B2^(t - i) * g[i]^2, i, 1, t)";

export default derivation("000 Q2.2(c): Adam's bias towards zero and its correction", {
  source: "000 Q2.2(c)",
  let: { g: "t ~ normal(mu, s2)", s2: "scalar positive", B1: "scalar in (0, 1)", B2: "scalar in (0, 1)" },
  prose: ["000 Q2.2(c) l.119: Adam combines momentum and RMSprop; the second moment normalises the step (prose)"],
}, (d) => {
  // l.121: the zero-initialised averages are biased towards zero
  d.step(`E(${m}) = (1 - B1^t) * E(g[1])`, { lines: "121" });
  d.step(`E(${v}) = (1 - B2^t) * E(g[1]^2)`, { lines: "121" });
  d.step(`E(${m}) = E(g[1])`, { lines: "121", expect: "refuted", note: "the bias l.121 describes: E[m_t] is E[g] shrunk by (1 - B1^t)" });
  // l.121: m̂ = m / (1 - B1^t) is unbiased, and so is v̂ = v / (1 - B2^t)
  d.step(`E(${m} / (1 - B1^t)) = E(g[1])`, { lines: "121" });
  d.step(`E(${v} / (1 - B2^t)) = E(g[1]^2)`, { lines: "121" });
  // the correction with the wrong power is not unbiased (not in the seed: a control)
  d.step(`E(${m} / (1 - B1^(t - 1))) = E(g[1])`, { lines: "121", expect: "refuted", note: "not in the seed: a control, the power must be t" });
});
