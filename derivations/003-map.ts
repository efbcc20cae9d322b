// Seed 003 (Deep Learning HW1, Sharif), Q3: the L1 update (Q3.1.2) and MAP
// estimation with a Gaussian prior as L2-regularised least squares (Q3-MAP).
// Transcribed from 003_e34f0158ba71e7fd.txt, l.163-193,
// as the author wrote it.
//
// Readings:
//  - Q3.1.2 (l.167): "L1 = w^(t+1) = w^(t) - eps (Delta E(w) + lambda)": the
//    gradient step on E(w) + lambda ||w||_1, with Delta E read as grad E. E is
//    taken concrete, E(w) = 1/2 ||X w - y||^2. The penalty's gradient is
//    lambda sign(w), so the formula as written holds for w > 0 only.
//    l.169 ("lambda stays constant near zero, so the weight keeps moving to
//    zero") is formalised as: a penalty step moves a weight with |w| > eps lambda
//    exactly eps lambda closer to 0.
//  - Q3-MAP: n = 3 samples and p = 2 features, so the products over i and j are
//    written out. theta = [w_0; w_1; w_2] (th), X: 3 x 2 holds x_{i,1}, x_{i,2},
//    sigma is s. g(t) is the N(0, s^2) density, r_i = y_i - (w_0 + w_1 x_{i,1} + w_2 x_{i,2}).
//    argmax F = argmax G is checked as argmin(-F) = argmin(-G) (the checker's
//    test, F = a G + b with a > 0, is the same for both).
//  - The prior (l.185) uses the same sigma as the noise, so l.189 has
//    sigma^2/sigma^2 = 1 and l.191's lambda can only be 1. The corrected chain
//    uses a prior N(0, tau^2), with lambda = sigma^2/tau^2.
//
// Kept as written and refuted:
//  - l.167: w - eps (grad E + lambda) for weights of any sign (right only for w > 0).
//  - l.189 -> l.191: argmin (1/2s^2)[A + (s^2/s^2) B] = argmin [A + lambda B]
//    for a free lambda (the two agree only at lambda = 1).
//
// Not checkable with the DSL (skipped, with the reason):
//  - l.181, argmax P(y|th)P(th) = argmax log(P(y|th)P(th)): a monotone (log)
//    transform, which the argmin check (f = a g + b, a > 0) does not recognise.
//
// Prose only: Q3.1(a) (l.157-161), why the bias is not regularised.

import { derivation } from "derive";

export const l1Step = derivation("003 Q3.1.2: the L1-regularised gradient step", {
  source: "003 Q3.1.2",
  let: {
    X: "n x d", y: "n", w: "d", wp: "d positive",
    eps: "scalar positive", lambda: "scalar positive",
  },
  prose: ["003 Q3.1(a) (l.157-161): why the bias is not regularised, prose only"],
}, (d) => {
  d.define("E(v) = 1/2 * norm(X * v - y)^2");
  // l.167: w^(t+1) = w^(t) - eps (grad E(w) + lambda), the step on E(w) + lambda ||w||_1
  d.step("w - eps * grad(E(w) + lambda * sum(abs(w)), w) = w - eps * (grad(E(w), w) + lambda)", {
    lines: "167",
    expect: "refuted",
    note: "the gradient of lambda ||w||_1 is lambda sign(w): '+ lambda' is right for positive weights only",
  });
  d.step("wp - eps * grad(E(wp) + lambda * sum(abs(wp)), wp) = wp - eps * (grad(E(wp), wp) + lambda)", { lines: "167" });
  d.step("w - eps * grad(E(w) + lambda * sum(abs(w)), w) = w - eps * (grad(E(w), w) + lambda * sign(w))", { lines: "167" });
  // l.169: the penalty alone moves a weight with |w| > eps lambda by eps lambda towards 0
  d.define("v = sign(s) * (eps * lambda + q)");
  // s only carries the sign of v: declared nonzero (`invertible`), since at s = 0, v = 0 and |v| > eps lambda fails
  d.step("abs(v - eps * lambda * sign(v)) = abs(v) - eps * lambda", {
    lines: "169",
    let: { s: "scalar invertible", q: "scalar positive" },
  });
});

const MAP_LET = {
  X: "3 x 2", y: "3", th: "3",
  s: "scalar positive", tau: "scalar positive", lambda: "scalar positive", Py: "scalar positive",
};

function mapModel(d: { define(s: string): void }): void {
  d.define("g(t) = 1/(s * sqrt(2*pi)) * exp(-t^2/(2 * s^2))");
  d.define("r = y - (th[1] + X * [th[2]; th[3]])");
  d.define("lik = g(r[1]) * g(r[2]) * g(r[3])");
  d.define("prior = g(th[1]) * g(th[2]) * g(th[3])");
  d.define("A = sum(r .^ 2)");
  d.define("B = th' * th");
}

export const map = derivation("003 Q3-MAP: MAP with a Gaussian prior is L2-regularised least squares", {
  source: "003 Q3-MAP",
  let: MAP_LET,
}, (d) => {
  mapModel(d);
  // l.177: the exponent's residual y_i - (w_0 + w_1 x_{i,1} + ... + w_p x_{i,p}), at i = 2
  d.step("r[2] = y[2] - (th[1] + th[2] * X[2, 1] + th[3] * X[2, 2])", { lines: "177" });
  // l.175-177: the product of the n densities is the joint density of y
  d.step("lik = (s * sqrt(2*pi))^(-3) * exp(-(r' * r)/(2 * s^2))", { lines: "175-177" });
  // l.181: argmax P(y|th) P(th) / P(y) = argmax P(y|th) P(th)   (P(y) > 0 does not depend on th)
  d.argmin("th", "-(lik * prior / Py)", "-(lik * prior)", { lines: "181" });
  d.step("lik * prior / Py ∝ lik * prior in th", { lines: "181" });
  // l.181: = argmax log(P(y|th) P(th))
  d.argmin("th", "-(lik * prior)", "-log(lik * prior)", {
    lines: "181",
    skip: "log is a monotone transform: the argmin check (f = a g + b with a > 0) cannot recognise it",
  });
  // l.181: = argmax log P(y|th) + log P(th)
  d.step("log(lik * prior) = log(lik) + log(prior)", { lines: "181" });
  // l.185 -> l.187: the constants -log(s sqrt(2 pi)) of each factor drop out
  d.argmin("th", "-(log(lik) + log(prior))", "-(-sum(r .^ 2)/(2 * s^2) - (th' * th)/(2 * s^2))", { lines: "185" });
  // l.187 -> l.189: argmax [-A/(2s^2) - B/(2s^2)] = argmin (1/(2s^2)) [A + (s^2/s^2) B]
  d.argmin("th", "-(-A/(2 * s^2) - B/(2 * s^2))", "1/(2 * s^2) * (A + s^2/s^2 * B)", { lines: "187" });
  // l.189 -> l.191: = argmin [A + lambda B]
  d.argmin("th", "1/(2 * s^2) * (A + s^2/s^2 * B)", "A + lambda * B", {
    lines: "189",
    expect: "refuted",
    note: "with the prior's variance equal to the noise's (l.185), s^2/s^2 = 1: the minimisers agree only for lambda = 1",
  });
});

export const mapCorrected = derivation("003 Q3-MAP: the same with a prior N(0, tau^2), lambda = sigma^2/tau^2", {
  source: "003 Q3-MAP",
  let: MAP_LET,
}, (d) => {
  mapModel(d);
  d.define("h(t) = 1/(tau * sqrt(2*pi)) * exp(-t^2/(2 * tau^2))");
  d.define("priorTau = h(th[1]) * h(th[2]) * h(th[3])");
  d.argmin("th", "-(log(lik) + log(priorTau))", "1/(2 * s^2) * (A + s^2/tau^2 * B)");
  d.argmin("th", "1/(2 * s^2) * (A + s^2/tau^2 * B)", "A + (s^2/tau^2) * B");
});
