// Seed 003 (Deep Learning HW1, Sharif), Q4 (second part): cross-entropy, the
// softmax Jacobian, and the chain through two linear layers. Transcribed from
// 003_e34f0158ba71e7fd.txt, l.263-317, as the author wrote it.
//
// Readings:
//  - x: n in the softmax part; k, i are integer indices; delta_ik is I(n)[i, k].
//    The author's dsigma_k/dx_i is entry (k, i) of jacobian(softmax(x), x)
//    (numerator layout: row k is the output, column i the input).
//  - l.289's left side, "df/dz f - dg/dz f_j", is garbled (the quotient rule
//    (f' g - g' f)/g^2 is meant); only its right side is checked.
//  - The network of l.307-317: x: D, h = W^T x (W: D x H), u = W'^T h
//    (W' = Wp: H x K), yhat = softmax(u), L = -y^T log(yhat).
//  - Layout: the author's du/dh = W' and dh/dx = W are the Jacobians in
//    denominator layout (entry (i, j) = du_j/dh_i): jacobian(...)' below. The
//    chain of l.317 multiplies left to right, dL/dyhat x dyhat/du x du/dh x dh/dx,
//    which composes in numerator layout (1 x K)(K x K)(K x H)(H x D), with
//    du/dh = W'^T and dh/dx = W^T. With the author's W' (H x K) and W (D x H)
//    in that order the shapes clash, (1 x K)(K x K)(H x K), unless all sizes are
//    equal; at equal sizes it type-checks and is refuted (a shape clash itself
//    cannot be an expected verdict).
//
// Kept as written and refuted:
//  - l.289/l.293: e^{x_k delta_ik}: delta_ik is typeset inside the exponent, so
//    for k != i the first term is e^0 = 1 instead of 0 (checked at k = 2, i = 1;
//    at k = i it agrees).
//  - l.295: the second fraction nests the product in its denominator,
//    e^{x_i} / (sum e^{x_j} * e^{x_k}/sum e^{x_j}) = e^{x_i - x_k}, instead of
//    (e^{x_i}/sum)(e^{x_k}/sum).
//  - l.317 with the author's factors W' and W in the written order (layout mix).
//
// Prose only: l.301 (whether the softmax derivative was asked for).

import { derivation } from "derive";

export const crossEntropy = derivation("003 Q4-softmax: cross-entropy and dL/dyhat_i", {
  source: "003 Q4-softmax",
  let: { y: "d", yh: "d positive", i: "integer" },
  prose: ["003 l.301: remark on what the question asks, prose only"],
}, (d) => {
  // l.263: L(y, yhat) = -y^T log(yhat) = sum_i -y_i log(yhat_i)
  d.step("-(y' * log(yh)) = sum(-y .* log(yh))", { lines: "263" });
  // l.264: dL/dyhat_i = -y_i / yhat_i
  d.step("grad(-(y' * log(yh)), yh)[i] = -y[i] / yh[i]", { lines: "264" });
  d.step("grad(-(y' * log(yh)), yh) = -(y ./ yh)", { lines: "264" });
});

export const softmaxJacobian = derivation("003 Q4-softmax: the softmax Jacobian", {
  source: "003 Q4-softmax",
  let: { x: "n", k: "integer", i: "integer" },
}, (d) => {
  d.define("S = sum(exp(x))");
  // l.269
  d.step("softmax(x)[i] = exp(x[i]) / S", { lines: "269" });
  // l.273: dsigma(x)/dx = dsigma_k/dx_i = d/dx_i (e^{x_k} / sum e^{x_j})
  d.step("jacobian(softmax(x), x)[k, i] = grad(exp(x[k]) / S, x)[i]", { lines: "273" });
  // l.283: f = e^{x_k}: df/dx_i = e^{x_k} dx_k/dx_i = e^{x_k} delta_ik
  d.chain("grad(exp(x[k]), x)[i]", "exp(x[k]) * grad(x[k], x)[i]", "exp(x[k]) * I(n)[i, k]", { lines: "283" });
  // l.285-287: g = sum e^{x_j}: dg/dx_i = sum_j e^{x_j} dx_j/dx_i = e^{x_i}
  d.chain("grad(S, x)[i]", "(jacobian(x, x)' * exp(x))[i]", "exp(x[i])", { lines: "285-287" });
  // l.289-293: the quotient rule, as typeset with delta_ik in the exponent
  d.step("grad(exp(x[2]) / S, x)[1] = (exp(x[2] * I(n)[1, 2]) * S - exp(x[1]) * exp(x[2])) / S^2", {
    lines: "289-293",
    expect: "refuted",
    note: "e^{x_k delta_ik}: the delta is inside the exponent, so for k != i the term is e^0 = 1, not 0; e^{x_k} delta_ik is meant",
  });
  d.step("grad(exp(x[1]) / S, x)[1] = (exp(x[1] * I(n)[1, 1]) * S - exp(x[1]) * exp(x[1])) / S^2", { lines: "289-293" });
  d.step("grad(exp(x[k]) / S, x)[i] = (exp(x[k]) * I(n)[i, k] * S - exp(x[i]) * exp(x[k])) / S^2", { lines: "289-293" });
  // l.295
  d.step("(exp(x[k]) * I(n)[i, k] * S - exp(x[i]) * exp(x[k])) / S^2 = exp(x[k]) / S * I(n)[i, k] * S / S - exp(x[i]) / (S * (exp(x[k]) / S))", {
    lines: "295",
    expect: "refuted",
    note: "the second fraction nests e^{x_k}/sum inside its own denominator (= e^{x_i - x_k}); (e^{x_i}/sum)(e^{x_k}/sum) is meant",
  });
  d.step("(exp(x[k]) * I(n)[i, k] * S - exp(x[i]) * exp(x[k])) / S^2 = exp(x[k]) / S * I(n)[i, k] * S / S - exp(x[i]) / S * (exp(x[k]) / S)", { lines: "295" });
  // l.297-299
  d.chain(
    "exp(x[k]) / S * I(n)[i, k] * S / S - exp(x[i]) / S * (exp(x[k]) / S)",
    "softmax(x)[k] * I(n)[i, k] - softmax(x)[i] * softmax(x)[k]",
    "softmax(x)[k] * (I(n)[i, k] - softmax(x)[i])", { lines: "297-299" },
  );
  // l.303: dsigma_k/dx_i = sigma_k (delta_ik - sigma_i)
  d.step("jacobian(softmax(x), x)[k, i] = softmax(x)[k] * (I(n)[i, k] - softmax(x)[i])", { lines: "303" });
  d.step("jacobian(softmax(x), x) = diag(softmax(x)) - softmax(x) * softmax(x)'", { lines: "303" });
});

export const chain = derivation("003 Q4-softmax: du/dh, dh/dx and the chain products", {
  source: "003 Q4-softmax",
  let: { x: "D", W: "D x H", h: "H", Wp: "H x K", u: "K", y: "K" },
}, (d) => {
  // the local factors, numerator layout, from l.264 and l.303
  d.define("dLdyhat(v) = -(y ./ softmax(v))'");
  d.define("dyhatdu(v) = diag(softmax(v)) - softmax(v) * softmax(v)'");
  // l.307-309: u = W'^T h  =>  du/dh = W'   (denominator layout)
  d.step("jacobian(Wp' * h, h)' = Wp", { lines: "307-309" });
  d.step("jacobian(Wp' * h, h) = Wp'", { lines: "307-309" });
  // l.311-313: h = W^T x  =>  dh/dx = W   (denominator layout)
  d.step("jacobian(W' * x, x)' = W", { lines: "311-313" });
  // l.317, numerator layout: dL/du = dL/dyhat x dyhat/du
  d.step("jacobian(-(y' * log(softmax(u))), u) = dLdyhat(u) * dyhatdu(u)", { lines: "317" });
  // dL/dh = dL/dyhat x dyhat/du x du/dh
  d.step("jacobian(-(y' * log(softmax(Wp' * h))), h) = dLdyhat(Wp' * h) * dyhatdu(Wp' * h) * Wp'", { lines: "317" });
  // dL/dx = dL/dyhat x dyhat/du x du/dh x dh/dx
  d.step("jacobian(-(y' * log(softmax(Wp' * W' * x))), x) = dLdyhat(Wp' * W' * x) * dyhatdu(Wp' * W' * x) * Wp' * W'", { lines: "317" });
});

export const chainAuthorsFactors = derivation("003 Q4-softmax: the chain with du/dh = W', dh/dx = W (all sizes n)", {
  source: "003 Q4-softmax",
  // all layers of one size n, so that the author's factors type-check in the written order
  let: { x: "n", W: "n x n", Wp: "n x n", y: "n" },
}, (d) => {
  d.define("dLdyhat(v) = -(y ./ softmax(v))'");
  d.define("dyhatdu(v) = diag(softmax(v)) - softmax(v) * softmax(v)'");
  d.step("jacobian(-(y' * log(softmax(Wp' * W' * x))), x) = dLdyhat(Wp' * W' * x) * dyhatdu(Wp' * W' * x) * Wp * W", {
    expect: "refuted",
    note: "W' and W are the denominator-layout factors; in the left-to-right product of l.317 (numerator layout) they enter transposed, W'^T W^T",
  });
});
