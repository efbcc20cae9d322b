// Seed 003 (Deep Learning HW1, Sharif), Q3.4(d): the bias of Adam's first
// moment. Transcribed from 003_e34f0158ba71e7fd.txt,
// l.205-244, as the author wrote it.
//
// The closed form for every n by induction (l.232) and the limit of l.240 are in
// 003-q34d-adam.ts.
// The statistical steps E[m_n] = E[(1 - b1) sum b1^(n-i) f_i] = E[f_t](1 - b1^n)
// (l.236-238) and E[m_n] = E[f_t] (l.242) are checked with random gradients in
// 003-q34d-adam-expectation.ts. Here: the expansions of
// m_1..m_4 (identities in scalars b1, f1..f4), the closed form at n = 1..4, the
// geometric sum (1 - b1) sum b1^(n-i) = 1 - b1^n at n = 1..4 (l.237-238), and
// the correction of l.244.
//
// Readings: b1, beta1 and B1 name the same parameter (written b1 here). m_t are
// defined by the recurrence (l.212-215); the author's lines are claims about them.
//
// Kept as written and refuted:
//  - l.229: m4 = b1 m2 + (1 - b1) f3 (the recurrence gives m4 = b1 m3 + (1 - b1) f4).
//  - l.244: dividing by (1 - B1) to remove the bias: E[m_n] = E[f](1 - b1^n)
//    divided by (1 - b1) is E[f] only at n = 1; the divisor is 1 - b1^n.
//
// Prose only: l.244's remark that m_t starts near zero.

import { derivation } from "derive";

export const moments = derivation("003 Q3.4(d): m_1 .. m_4 from m_t = b1 m_(t-1) + (1 - b1) f_t", {
  source: "003 Q3.4(d)",
  let: { b1: "scalar", f1: "scalar", f2: "scalar", f3: "scalar", f4: "scalar" },
  prose: [
    "003 Q3.4(d) l.236-242: E[m_n] and its approximation (statistical: checked in 003-q34d-adam-expectation.ts)",
  ],
}, (d) => {
  d.define("m0 = 0");
  d.define("m1 = b1 * m0 + (1 - b1) * f1");
  d.define("m2 = b1 * m1 + (1 - b1) * f2");
  d.define("m3 = b1 * m2 + (1 - b1) * f3");
  d.define("m4 = b1 * m3 + (1 - b1) * f4");
  // l.219
  d.chain("m1", "b1 * m0 + (1 - b1) * f1", "(1 - b1) * f1", { lines: "219" });
  // l.221-223
  d.chain("m2", "b1 * m1 + (1 - b1) * f2", "b1 * (1 - b1) * f1 + (1 - b1) * f2", "(1 - b1) * (b1 * f1 + f2)", { lines: "221-223" });
  // l.225-227
  d.chain("m3", "b1 * m2 + (1 - b1) * f3", "(1 - b1) * (b1^2 * f1 + b1 * f2 + f3)", { lines: "225-227" });
  // l.229: m4 = b1 m2 + (1 - b1) f3
  d.step("m4 = b1 * m2 + (1 - b1) * f3", {
    lines: "229",
    expect: "refuted",
    note: "copied from m3's line: the recurrence gives m4 = b1 m3 + (1 - b1) f4",
  });
  d.chain("m4", "b1 * m3 + (1 - b1) * f4", "(1 - b1) * (b1^3 * f1 + b1^2 * f2 + b1 * f3 + f4)", { lines: "229" });
  // l.232: m_n = (1 - b1) sum_{i=1}^n b1^(n-i) f_i, at n = 1..4
  d.step("m1 = (1 - b1) * (b1^0 * f1)", { lines: "232" });
  d.step("m2 = (1 - b1) * (b1^1 * f1 + b1^0 * f2)", { lines: "232" });
  d.step("m3 = (1 - b1) * (b1^2 * f1 + b1^1 * f2 + b1^0 * f3)", { lines: "232" });
  d.step("m4 = (1 - b1) * (b1^3 * f1 + b1^2 * f2 + b1^1 * f3 + b1^0 * f4)", { lines: "232" });
  // l.237-238: (1 - b1) sum_{i=1}^n b1^(n-i) = 1 - b1^n, at n = 1..4
  d.step("(1 - b1) * 1 = 1 - b1^1", { lines: "237-238" });
  d.step("(1 - b1) * (b1 + 1) = 1 - b1^2", { lines: "237-238" });
  d.step("(1 - b1) * (b1^2 + b1 + 1) = 1 - b1^3", { lines: "237-238" });
  d.step("(1 - b1) * (b1^3 + b1^2 + b1 + 1) = 1 - b1^4", { lines: "237-238" });
});

export const correction = derivation("003 Q3.4(d): the bias correction", {
  source: "003 Q3.4(d)",
  // Ef: E[f_t]; n: the step (drawn 1 or 2); b1 in (0, 1) is not needed for the algebra
  let: { Ef: "scalar", b1: "scalar", n: "integer" },
}, (d) => {
  // l.244: divide E[m_n] = E[f](1 - b1^n) (zeta dropped) by (1 - B1); at n = 2
  // (n = 1 is the one step where it works)
  d.step("Ef * (1 - b1^1) / (1 - b1) = Ef", { lines: "244" });
  d.step("Ef * (1 - b1^2) / (1 - b1) = Ef", {
    lines: "244",
    expect: "refuted",
    note: "dividing by 1 - b1 removes the bias only at n = 1; the divisor that gives E[f] is 1 - b1^n",
  });
  d.step("Ef * (1 - b1^n) / (1 - b1^n) = Ef", { lines: "244" });
});
