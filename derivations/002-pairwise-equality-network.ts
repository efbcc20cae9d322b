// Seed 002 (Machine Learning HW4), Q1: a two-layer network that tells whether
// four inputs are pairwise distinct. Transcribed from
// 002_ebfe10e810da3c37.txt, l.11-73, as the author wrote it.
//
// The network (l.19-41): hidden layer h = phi(W' x + b') with W' the 6 x 4
// matrix of pairwise differences (one unit per pair, C(4,2) = 6), output
// a2 = phi(w2 * h + b2) with w2 = [1 1 1 1 1 1], b2 = 0.
//
// phi (described only in words, l.43-49): we read it as the indicator of zero,
//   phi(t) = 1 if t = 0, else 0   (written  phi(t) = 1 - abs(sign(t)), entrywise),
// for both layers: a hidden unit fires when its pair is equal, and the output is
// 1 exactly when the sum of the hidden units is 0 ("if all are 0 the sum is
// 0 = output 1", l.45). Worked example 1 (sum 2 -> a2 = 0) and 4 (sum 0 ->
// a2 = 1) confirm this reading.
//
// Kept as written (each with its corrected step beside it):
//  - l.51, l.57: the bias is written with 4 entries, [0 0 0 0]', added to the
//    6-vector W'x (the seed's own b' is 6 x 1, l.35): kept as the author wrote
//    it, an expected shape error, and the step is checked with the six zeros
//    of b'. (Earlier, before a shape error could be expected, the slip was a
//    count claim, 4 entries = 6 entries, refuted.)
// Kept as written and refuted:
//  - l.53: a1 = [1 0 0 0 0 0]' misses the second zero of W'x (pair 3-4).
//  - l.55: [1 1 1 1 1 1][1 0 0 0 0 0]' + [0] = 2 (it is 1 for the a1 written).
//  - l.59, l.65: a1 = 0 although W'x has a zero entry (equal pairs).
//  - l.61, l.67: a2 = 0 from a sum of 0, which by the stated phi gives 1
//    (the final answers 0 are right, for the corrected a1).
//  - l.63: W'x + [0 0 0 0 10 0]' = [-10 -10 0 0 10 0]' (it is [-10 -10 0 0 20 10]').
//
// Prose only, not checkable: the rule given in words (l.43-49).

import { derivation } from "derive";

const PROSE = [
  "002 l.43-49: the rule for phi given in words (read here as the indicator of zero; see the header)",
];

const W_PAIRS = "[1, -1, 0, 0; 1, 0, -1, 0; 1, 0, 0, -1; 0, 1, -1, 0; 0, 1, 0, -1; 0, 0, 1, -1]";

export const q1a = derivation("002 Q1(a): one hidden unit per pair of inputs", {
  source: "002 Q1(a)",
}, (d) => {
  // l.15: \hat{w} = 6 next to \binom{4}{2}
  d.step("4 * 3 / (2 * 1) = 6", { lines: "15" });
});

export const q1b = derivation("002 Q1(b): shapes of W', b', W2, b2 and the pairwise-difference matrix", {
  source: "002 Q1(b)",
  // the shapes the author derives (l.23-35): x in R^{4x1}, W' in R^{6x4},
  // b' in R^{6x1}, h in R^{6x1}, W2 in R^{1x6}, b2 in R^{1x1}
  let: { x: "4", Wp: "6 x 4", bp: "6", h: "6", W2: "1 x 6", b2: "scalar" },
}, (d) => {
  // l.23: dim(W x) = 6 with x in R^{4x1}: the product is a 6-vector (the claim type-checks only so)
  d.step("ones(6)' * (Wp * x) = sum(Wp * x)", { lines: "23" });
  // l.25: [6 x 4][4 x 1] = 6 x 1
  d.step("ones(6, 4) * ones(4, 1) = 4 * ones(6, 1)", { lines: "25" });
  // l.27: b' in R^{6x1}: it adds to W'x entry by entry
  d.step("ones(6)' * (Wp * x + bp) = sum(Wp * x) + sum(bp)", { lines: "27" });
  // l.29-31: shape(W2 h) = 1 x 1 with shape(h) = 6 x 1, so W2 in R^{1x6}
  d.step("W2 * h = sum(W2' .* h)", { lines: "29-31" });
  // l.33: shape b2 = shape W2 h = [1 x 6] x [6 x 1] = [1 x 1]
  d.step("ones(1, 6) * ones(6, 1) = 6", { lines: "33" });
  d.step("W2 * h + b2 = b2 + sum(W2' .* h)", { lines: "33" });
  // l.37: W' is the matrix of pairwise differences, b' = 0
  d.step(`${W_PAIRS} * x = [x[1] - x[2]; x[1] - x[3]; x[1] - x[4]; x[2] - x[3]; x[2] - x[4]; x[3] - x[4]]`, { lines: "37" });
  d.step(`${W_PAIRS} * x + [0; 0; 0; 0; 0; 0] = ${W_PAIRS} * x`, { lines: "37" });
});

const GIVEN = {
  Wp: W_PAIRS,
  w2: "[1, 1, 1, 1, 1, 1]",
  b2: 0,
};

const PHI = "phi(t) = 1 - abs(sign(t))";

export const q1cInput1 = derivation("002 Q1(c): x = [-1, -1, 2.5, 2.5]", {
  source: "002 Q1(c)",
  given: { ...GIVEN, x: "[-1; -1; 2.5; 2.5]" },
  prose: PROSE,
}, (d) => {
  d.define(PHI);
  // l.51: W'x + [0 0 0 0]' = [0 -3.5 -3.5 -3.5 -3.5 0]'
  d.step("Wp * x + [0; 0; 0; 0] = [0; -3.5; -3.5; -3.5; -3.5; 0]", {
    lines: "51",
    expect: "shape error",
    note: "l.51 adds a 4-entry bias [0 0 0 0]' to the 6-vector W'x (b' is 6 x 1, l.35)",
  });
  d.step("Wp * x + [0; 0; 0; 0; 0; 0] = [0; -3.5; -3.5; -3.5; -3.5; 0]", { lines: "51" });
  // l.53: phi -> a1 = [1 0 0 0 0 0]'
  d.step("phi(Wp * x) = [1; 0; 0; 0; 0; 0]", {
    lines: "53",
    expect: "refuted",
    note: "W'x is zero for pair 1-2 and pair 3-4, so phi gives 1 in entries 1 and 6",
  });
  d.step("phi(Wp * x) = [1; 0; 0; 0; 0; 1]", { lines: "53" });
  // l.55: [1 1 1 1 1 1] a1 + [0] = 2 -> a2 = 0
  d.step("[1, 1, 1, 1, 1, 1] * [1; 0; 0; 0; 0; 0] + 0 = 2", {
    lines: "55",
    expect: "refuted",
    note: "for the a1 written at l.53 the sum is 1; it is 2 for the corrected a1",
  });
  d.step("w2 * phi(Wp * x) + b2 = 2", { lines: "55" });
  d.step("phi(2) = 0", { lines: "55" });
  d.step("phi(w2 * phi(Wp * x) + b2) = 0", { lines: "55" });
});

export const q1cInput2 = derivation("002 Q1(c): x = [6, 4, 2, 6]", {
  source: "002 Q1(c)",
  given: { ...GIVEN, x: "[6; 4; 2; 6]" },
}, (d) => {
  d.define(PHI);
  // l.57: W'x + [0 0 0 0]' = [2 4 0 2 -2 -4]'
  d.step("Wp * x + [0; 0; 0; 0] = [2; 4; 0; 2; -2; -4]", {
    lines: "57",
    expect: "shape error",
    note: "l.57 adds a 4-entry bias [0 0 0 0]' to the 6-vector W'x: the shape slip of l.51 again",
  });
  d.step("Wp * x + [0; 0; 0; 0; 0; 0] = [2; 4; 0; 2; -2; -4]", { lines: "57" });
  // l.59: phi -> a1 = 0
  d.step("phi(Wp * x) = [0; 0; 0; 0; 0; 0]", {
    lines: "59",
    expect: "refuted",
    note: "entry 3 of W'x is 0 (x1 = x4 = 6), so phi gives 1 there",
  });
  d.step("phi(Wp * x) = [0; 0; 1; 0; 0; 0]", { lines: "59" });
  // l.61: [1 1 1 1 1 1] 0 + [0] = 0 -> a2 = 0
  d.step("[1, 1, 1, 1, 1, 1] * [0; 0; 0; 0; 0; 0] + 0 = 0", { lines: "61" });
  d.step("phi(0) = 0", {
    lines: "61",
    expect: "refuted",
    note: "by the stated phi a sum of 0 gives a2 = 1 (l.45); a2 = 0 is right only for the corrected a1 (sum 1)",
  });
  d.step("w2 * phi(Wp * x) + b2 = 1", { lines: "61" });
  d.step("phi(w2 * phi(Wp * x) + b2) = 0", { lines: "61" });
});

export const q1cInput3 = derivation("002 Q1(c): x = [-10, 0, 0, -10] with bias [0, 0, 0, 0, 10, 0]", {
  source: "002 Q1(c)",
  given: { ...GIVEN, x: "[-10; 0; 0; -10]", b1: "[0; 0; 0; 0; 10; 0]" },
}, (d) => {
  d.define(PHI);
  // l.63: W'x + [0 0 0 0 10 0]' = [-10 -10 0 0 10 0]'
  d.step("Wp * x + b1 = [-10; -10; 0; 0; 10; 0]", {
    lines: "63",
    expect: "refuted",
    note: "W'x = [-10 -10 0 0 10 10]', so with the bias it is [-10 -10 0 0 20 10]'",
  });
  d.step("Wp * x + b1 = [-10; -10; 0; 0; 20; 10]", { lines: "63" });
  // l.65: phi -> a1 = 0
  d.step("phi([-10; -10; 0; 0; 10; 0]) = [0; 0; 0; 0; 0; 0]", {
    lines: "65",
    expect: "refuted",
    note: "entries 3, 4 and 6 of the vector written at l.63 are 0, so phi gives 1 there",
  });
  d.step("phi(Wp * x + b1) = [0; 0; 1; 1; 0; 0]", { lines: "65" });
  // l.67: [1 1 1 1 1 1] 0 + [0] = 0 -> a2 = 0
  d.step("[1, 1, 1, 1, 1, 1] * [0; 0; 0; 0; 0; 0] + 0 = 0", { lines: "67" });
  d.step("phi(0) = 0", {
    lines: "67",
    expect: "refuted",
    note: "by the stated phi a sum of 0 gives a2 = 1; a2 = 0 is right only for the corrected a1 (sum 2)",
  });
  d.step("w2 * phi(Wp * x + b1) + b2 = 2", { lines: "67" });
  d.step("phi(w2 * phi(Wp * x + b1) + b2) = 0", { lines: "67" });
});

export const q1cInput4 = derivation("002 Q1(c): x = [-1, 0, 1, 0.5]", {
  source: "002 Q1(c)",
  given: { ...GIVEN, x: "[-1; 0; 1; 0.5]" },
}, (d) => {
  d.define(PHI);
  // l.69: W'x + [0 0 0 0 0 0]' = [-1 -2 -1.5 -1 -0.5 0.5]'
  d.step("Wp * x + [0; 0; 0; 0; 0; 0] = [-1; -2; -1.5; -1; -0.5; 0.5]", { lines: "69" });
  // l.71: phi -> a1 = 0
  d.step("phi(Wp * x) = [0; 0; 0; 0; 0; 0]", { lines: "71" });
  // l.73: [1 1 1 1 1 1] 0 + [0] = 0 -> a2 = 1
  d.step("w2 * phi(Wp * x) + b2 = 0", { lines: "73" });
  d.step("phi(0) = 1", { lines: "73" });
  d.step("phi(w2 * phi(Wp * x) + b2) = 1", { lines: "73" });
});
