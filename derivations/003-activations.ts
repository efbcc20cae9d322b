// Seed 003 (Deep Learning HW1, Sharif), Q2: vanishing gradients, the sigmoid
// and ReLU derivatives, and the algebra of Xavier initialisation. Transcribed
// from 003_e34f0158ba71e7fd.txt, l.62-153, as the author
// wrote it.
//
// The limits of 003 Q2-activations (l.70-74) and 003 Q2.2(c) (l.135-153) are in
// 003-q2-limits.ts; the statistical lines of 003 Q2-Xavier by random variables
// in 003-q2-xavier.ts.
//
// Readings:
//  - ReLU' is undefined at 0 (l.87): the branches x > 0 and x < 0 are checked
//    with p > 0 as x = p and x = -p; step(x) agrees with both.
//  - The sharp bound sigma' <= 1/4 is not in the seed (it bounds sigma' by 1,
//    l.81, true but loose); it is added as a separate, labelled step.
//  - Xavier: E_x, V_x, E_y, V_y are the means and variances of independent X, Y;
//    E[(XY)^2] = E[X^2] E[Y^2] by independence (the statistical premise), the rest
//    is algebra. n (a positive scalar) and N (a dimension) stand for n^[l-1], the fan-in.
//
// Prose only: the remarks on vanishing gradients (l.62-64, l.89), and the
// purpose of Xavier initialisation (l.91, l.128-129).

import { derivation } from "derive";

const PROSE = [
  "003 l.62-64, l.89: remarks on vanishing and dead gradients",
];

export const sigmoidDerivative = derivation("003 Q2-activations: sigma' = sigma (1 - sigma) and its bounds", {
  source: "003 Q2-activations",
  let: { t: "scalar" },
  prose: PROSE,
}, (d) => {
  // l.66
  d.step("sigmoid(t) = 1 / (1 + exp(-t))", { lines: "66" });
  // l.78
  d.step("diff(sigmoid(t), t) = sigmoid(t) * (1.0 - sigmoid(t))", { lines: "78" });
  // l.79-81
  d.step("0 <= sigmoid(t) <= 1", { lines: "79-81" });
  d.step("0 <= 1 - sigmoid(t) <= 1", { lines: "79-81" });
  d.step("0 <= sigmoid(t) * (1 - sigmoid(t)) <= 1", { lines: "79-81" });
  // not in the seed: the sharp bound
  d.step("0 <= diff(sigmoid(t), t) <= 1/4", {
    lines: "79-81",
    note: "not in the seed: the sharp bound on sigma' (the seed's <= 1 is true but loose)",
  });
});

export const relu = derivation("003 Q2-activations: ReLU and its derivative", {
  source: "003 Q2-activations",
  let: { x: "scalar", p: "scalar positive" },
}, (d) => {
  // l.85: ReLU(x) = max(0, x) = x for x >= 0, 0 for x < 0
  d.step("relu(p) = p", { lines: "85" });
  d.step("relu(0) = 0", { lines: "85" });
  d.step("relu(-p) = 0", { lines: "85" });
  d.step("relu(x) = x * step(x)", { lines: "85" });
  // l.87: ReLU'(x) = 1 for x > 0, 0 for x < 0 (undefined at 0)
  d.step("diff(relu(p), p) = 1", { lines: "87" });
  d.step("diff(relu(-p), p) = 0", { lines: "87" });
  d.step("diff(relu(x), x) = step(x)", { lines: "87" });
});

export const sigmoidDerivativeAgain = derivation("003 Q2.2(c): sigma'(t) = sigma(t) (1 - sigma(t))", {
  source: "003 Q2.2(c)",
  let: { t: "scalar" },
}, (d) => {
  // l.139
  d.step("sigmoid(t) = 1 / (1 + exp(-t))", { lines: "139" });
  // l.151, without the subscript t -> -inf (the limit is in 003-q2-limits.ts)
  d.step("diff(sigmoid(t), t) = sigmoid(t) * (1 - sigmoid(t))", { lines: "151" });
});

export const xavierAlgebra = derivation("003 Q2-Xavier: the algebra of the variance argument", {
  source: "003 Q2-Xavier",
  let: {
    Ex: "scalar", Ey: "scalar", Vx: "scalar positive", Vy: "scalar positive",
    Vw: "scalar positive", Va: "scalar positive", n: "scalar positive",
  },
  prose: [
    "003 l.91, l.128-129: the purpose of Xavier initialisation",
    "003 Q2-Xavier l.93-126: the statistical steps and Var(W) = 1/n are checked with random variables in 003-q2-xavier.ts",
  ],
}, (d) => {
  // l.103: Var(XY) = E[X]^2 Var(Y) + Var(X) E[Y]^2 + Var(X) Var(Y), from
  // Var(XY) = E[X^2] E[Y^2] - E[X]^2 E[Y]^2 with E[X^2] = Var(X) + E[X]^2
  d.step("(Vx + Ex^2) * (Vy + Ey^2) - (Ex * Ey)^2 = Ex^2 * Vy + Vx * Ey^2 + Vx * Vy", { lines: "103" });
  // l.107 with the zero means assumed at l.93: Var(w a) = Var(w) Var(a)
  d.step("0^2 * Va + Vw * 0^2 + Vw * Va = Vw * Va", { lines: "107" });
  // l.99, l.111-122: n^[l-1] equal terms Var(w_kj a_j) = Var(W) Var(a^[l-1]), summed
  d.step("sum(ones(3) * Vw * Va) = 3 * Vw * Va", { lines: "99" });
  d.step("sum(ones(N) * Vw * Va) = N * Vw * Va", { lines: "99" });
  // l.122-126: Var(a^[l]) = n Var(W) Var(a^[l-1]) equals Var(a^[l-1]) when Var(W) = 1/n
  d.step("n * (1/n) * Va = Va", { lines: "122-126" });
});
