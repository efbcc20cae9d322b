// Seed 003 (Deep Learning HW1, Sharif), Q2, Xavier initialisation, l.91-129:
// the statistical steps, with random variables (language.md, "Random
// variables and moments"). The algebra alone is also in 003-activations.ts.
//
// Readings:
//  - Layer l has m units, layer l-1 has n = n^[l-1] units; W = W^[l] (m x n)
//    and a = a^[l-1] (n) are independent with iid, zero-mean entries (the
//    assumptions of l.93). Their laws are named here: W ~ normal(0, Vw),
//    a ~ normal(0, Va) (any zero-mean laws would do; l.103 is law-free).
//  - The index k of l.99 is taken as k = 1 (the entries are iid, l.111-119).
//  - l.95: Var(a^[l]) ≈ Var(z^[l]) for a = tanh(z) holds near 0 only: checked
//    as the approximation it is (≈ within 1% of Var(z)) at Var(z) = 10^-4, and
//    the equality refuted at a generic variance, where tanh saturates.
//  - l.115 writes a^[-1] and a^{l-1]}: read as a^[l-1].
//  - l.117-119 (Var(z^[l]) = Var(z_k^[l])): every entry of z has the same
//    variance.

import { derivation } from "derive";

const LAWS = { W: "m x n ~ normal(0, Vw)", a: "n ~ normal(0, Va)", Vw: "scalar positive", Va: "scalar positive" };

export const xavierVariance = derivation("003 Q2-Xavier: the variance of a layer under Xavier's assumptions", {
  source: "003 Q2-Xavier",
  let: LAWS,
  prose: ["003 l.91, l.128-129: the purpose of Xavier initialisation (prose)"],
}, (d) => {
  // l.93: zero means and iid entries (the declared laws)
  d.step("E(W) = zeros(m, n)", { lines: "93" });
  d.step("E(a) = zeros(n)", { lines: "93" });
  // l.95: Var(a^[l]) ≈ Var(z^[l]) for tanh, near 0: the author writes ≈, so the
  // step is an approximation with a tolerance (1% of Var(z) = 10^-4), not an
  // equality (Var(tanh(z)) = Var(z) - 2 Var(z)^2 + ..., which Monte Carlo
  // tells apart from Var(z): written with =, it is an error naming ≈)
  d.step("Var(tanh(z)) ≈ Var(z) ± 1e-6", {
    lines: "95",
    let: { z: "scalar ~ normal(0, 1/10000)" },
    note: "l.95 near 0: tanh(z) ≈ z when Var(z) is small; within 1% of Var(z) = 10^-4 (Monte Carlo with common draws)",
  });
  d.step("Var(tanh(z)) = Var(z)", {
    lines: "95",
    let: { z: "scalar ~ normal(0, v)", v: "scalar positive" },
    expect: "refuted",
    note: "l.95 is only ≈ near 0: at a generic variance tanh saturates and Var(tanh(z)) < Var(z)",
  });
  // l.99: Var(a_k) = Var(z_k) = Var(sum_j w_kj a_j) = sum_j Var(w_kj a_j)
  d.chain("Var((W * a)[1])", "Var(sum(W[1, j] * a[j], j, 1, n))", "sum(Var(W[1, j] * a[j]), j, 1, n)", { lines: "99" });
  // l.103: Var(XY) for independent X, Y (any laws: here a normal and a uniform)
  d.step("Var(x * y) = E(x)^2 * Var(y) + Var(x) * E(y)^2 + Var(x) * Var(y)", {
    lines: "103",
    let: { x: "scalar ~ normal(mu, s2)", y: "scalar ~ uniform(c, c + 1)", s2: "scalar positive" },
  });
  // l.107: the same for w_kj a_j
  d.step("Var(W[1, 2] * a[2]) = E(W[1, 2])^2 * Var(a[2]) + Var(W[1, 2]) * E(a[2])^2 + Var(W[1, 2]) * Var(a[2])", { lines: "107" });
  // l.107 with the zero means of l.93
  d.step("Var(W[1, 2] * a[2]) = Var(W[1, 2]) * Var(a[2])", { lines: "107" });
  // l.111: Var(w_kj) = Var(w_11) = Var(w_12) = ... = Var(W)
  d.chain("Var(W[1, 2])", "Var(W[1, 1])", "Vw", { lines: "111" });
  d.step("Var(W) = Vw * ones(m, n)", { lines: "111" });
  // l.115: Var(a_j) = Var(a_1) = Var(a_2) = ... = Var(a^[l-1])
  d.chain("Var(a[2])", "Var(a[1])", "Va", { lines: "115" });
  // l.117-119: Var(z^[l]) = Var(z_k^[l])
  d.step("Var(W * a) = Var((W * a)[1]) * ones(m)", { lines: "117-119" });
  // l.122: Var(a^[l]) = n^[l-1] Var(W^[l]) Var(a^[l-1])
  d.step("Var((W * a)[1]) = n * Var(W[1, 1]) * Var(a[1])", { lines: "122" });
  d.step("Var(W * a) = n * Vw * Va * ones(m)", { lines: "122" });
});

export const xavierConclusion = derivation("003 Q2-Xavier: Var(W) = 1/n keeps the variance from layer to layer", {
  source: "003 Q2-Xavier",
  let: { W: "m x n ~ normal(0, 1/n)", a: "n ~ normal(0, Va)", Va: "scalar positive" },
}, (d) => {
  // l.126: with Var(W^[l]) = 1/n^[l-1], Var(a^[l]) = Var(a^[l-1])
  d.step("Var(W[1, 1]) = 1/n", { lines: "126" });
  d.step("Var(W * a) = Var(a)[1] * ones(m)", { lines: "126" });
  // three layers: the variance is kept through the chain (not in the seed: l.126 applied three times)
  d.step("Var((W3 * (W2 * (W1 * x)))[1]) = Var(x[1])", {
    lines: "126",
    let: { W1: "n1 x n ~ normal(0, 1/n)", W2: "n2 x n1 ~ normal(0, 1/n1)", W3: "n3 x n2 ~ uniform(-sqrt(3/n2), sqrt(3/n2))", x: "n ~ normal(0, Va)" },
    note: "not in the seed: l.126 applied to three layers (the last with Glorot's uniform law of variance 1/n2)",
  });
  d.step("Var((W2 * (W1 * x))[1]) = Var(x[1])", {
    lines: "126",
    let: { W1: "n1 x n ~ normal(0, 1/n)", W2: "n2 x n1 ~ normal(0, 1/n)", x: "n ~ normal(0, Va)" },
    expect: "refuted",
    note: "not in the seed: the fan-in of each layer matters; 1/n for the second layer (fan-in n1) does not keep the variance",
  });
});
