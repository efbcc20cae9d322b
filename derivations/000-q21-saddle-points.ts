// Seed 000 (Deep Learning HW1), Q2.1, l.89-91: at a critical point, a local
// minimum needs every Hessian eigenvalue positive, a saddle point has both
// signs; "the higher the dimension, the more likely the eigenvalues do not all
// have one sign". Checked by Monte Carlo (language.md, "Random variables and
// moments") over a named distribution of Hessians.
//
// Readings:
//  - The Hessian at a random critical point is modelled as a random symmetric
//    matrix from the Gaussian orthogonal ensemble: H = A + A' with A: n x n,
//    iid normal(0, 1) entries (the seed names no distribution; the GOE is the
//    usual model, Dauphin et al. 2014, Bray & Dean 2007).
//  - eigvalsh lists the eigenvalues in descending order: the signs are mixed
//    exactly when the largest is positive and the smallest negative, so the
//    probability of mixed signs is E(step(λ_1) step(-λ_n)).
//  - The claim is checked for n = 1, 2, 3, 4: each probability is larger than
//    the one before, by more than 4 standard errors of its Monte Carlo estimate.

import { derivation } from "derive";

const mixed = (A: string, n: number): string => `E(step(eigvalsh(${A} + ${A}')[1]) * step(-eigvalsh(${A} + ${A}')[${n}]))`;

export default derivation("000 Q2.1: saddle points are more likely in higher dimension (Monte Carlo over the GOE)", {
  source: "000 Q2.1",
  let: { A1: "1 x 1 ~ normal(0, 1)", A2: "2 x 2 ~ normal(0, 1)", A3: "3 x 3 ~ normal(0, 1)", A4: "4 x 4 ~ normal(0, 1)" },
  prose: ["000 Q2.1 l.91: a zero gradient in every direction at both saddle points and minima; a minimum needs a positive definite Hessian (the definitions)"],
}, (d) => {
  // l.91: in one dimension a critical point is a minimum or a maximum, never a saddle
  d.step(`${mixed("A1", 1)} = 0`, { lines: "91" });
  // l.91: the probability of eigenvalues of both signs grows with the dimension
  d.step(`${mixed("A1", 1)} < ${mixed("A2", 2)}`, { lines: "91" });
  d.step(`${mixed("A2", 2)} < ${mixed("A3", 3)}`, { lines: "91" });
  d.step(`${mixed("A3", 3)} < ${mixed("A4", 4)}`, { lines: "91" });
  // the opposite order is refuted (a control, not in the seed)
  d.step(`${mixed("A2", 2)} > ${mixed("A3", 3)}`, { lines: "91", expect: "refuted", note: "not in the seed: a control, the order reversed" });
});
