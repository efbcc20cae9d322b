// Seed 003 (Deep Learning HW1, Sharif), Q1: linear regression by gradient
// descent and in closed form. Transcribed from
// 003_e34f0158ba71e7fd.txt, l.13-54, as the author wrote it.
//
// Readings:
//  - Data: n samples, the rows of X (n x d) are x^(i)T, y: n, w: d, bias b.
//    yhat = X w + b (Q1.1), yhat = X w (Q1.2: "yhat^(i) = w^T x", no bias).
//  - l.15 reads "w_0 = b and w_0 = 1"; the second is read as x_0 = 1 (the
//    constant feature), which is what makes sum_{i=0}^d w_i x_i = sum_{i=1}^d w_i x_i + b.
//  - Q1.1: dL/dw_j for j >= 1 is entry j of grad(L, w) with an integer j;
//    j = 0 (w_0 = b, x_0 = 1) is the derivative by b. The sum over samples
//    sum_i (y^(i) - yhat^(i)) x_j^(i) is (X^T (y - yhat))_j.
//  - l.34 has an unbalanced parenthesis, "(yhat^(i)) - y^(i))^2": read as
//    (yhat^(i) - y^(i))^2.
//
// Kept as written and refuted:
//  - l.21-22: dL/dw_j = (1/n) sum (y - yhat) x_j: the inner derivative of
//    (y - yhat) is -x_j, so the sign is lost (dL/dw_j = -(1/n) sum (y - yhat) x_j).
//  - l.28: the update w_j := w_j - (alpha/n) sum (y - yhat) x_j inherits the sign
//    and steps uphill; the corrected update has +.
//  - l.38: L(w) = ((Xw)^T - y^T)(Xw - y) drops the factor 1/(2n) (the author
//    says so, l.32): false as an equality, true as an argmin equivalence,
//    which is checked beside it. l.40-46 are about this L without 1/(2n).
//
// Prose only: Q1.3(c) (l.56-58), the cost of the closed form against gradient descent.

import { derivation } from "derive";

const PROSE_Q13 = ["003 Q1.3(c) (l.56-58): the O(N^3) closed form against gradient descent, prose only"];

export const q11 = derivation("003 Q1.1(a): gradient of the squared error and the update rule", {
  source: "003 Q1.1(a)",
  let: { X: "n x d", y: "n", w: "d", b: "scalar", j: "integer", alpha: "scalar positive" },
  prose: PROSE_Q13,
}, (d) => {
  d.define("yhat = X * w + b");
  d.define("L = 1/(2*n) * norm(y - yhat)^2");
  // l.15-17: w_0 = b (with x_0 = 1): sum_{i=1}^d w_i x_i + b = sum_{i=0}^d w_i x_i, at d = 3
  d.step("w3' * x3 + b = b * 1 + w3[1] * x3[1] + w3[2] * x3[2] + w3[3] * x3[3]", { lines: "15-17", let: { w3: "3", x3: "3" } });
  // l.19-22
  d.chain(
    "grad(L, w)[j]",
    "(1/n) * (jacobian(yhat, w)' * (y - yhat))[j]",
    { lines: "19-22", expect: "refuted", note: "the derivative of (y - yhat)^2 by w_j is -2 (y - yhat) x_j: the minus sign is lost" },
  );
  d.step("grad(L, w)[j] = -(1/n) * (jacobian(yhat, w)' * (y - yhat))[j]", { lines: "19-22" });
  d.step("(1/n) * (jacobian(yhat, w)' * (y - yhat))[j] = (1/n) * (X' * (y - yhat))[j]", { lines: "19-22" });
  d.step("grad(L, w)[j] = (1/n) * (X' * (y - yhat))[j]", {
    lines: "19-22",
    expect: "refuted",
    note: "the sign lost at l.21 carries over: dL/dw_j = -(1/n) sum (y - yhat) x_j",
  });
  d.step("grad(L, w)[j] = -(1/n) * (X' * (y - yhat))[j]", { lines: "19-22" });
  // the same at j = 0 (w_0 = b, x_0 = 1)
  d.step("diff(L, b) = (1/n) * sum((y - yhat) * 1)", {
    lines: "19-22",
    expect: "refuted",
    note: "l.22 at j = 0 (w_0 = b, x_0 = 1): the same lost sign",
  });
  d.step("diff(L, b) = -(1/n) * sum((y - yhat) * 1)", { lines: "19-22" });
  // l.26-28: w_j := w_j - alpha dL/dw_j = w_j - (alpha/n) sum (y - yhat) x_j
  d.step("w[j] - alpha * grad(L, w)[j] = w[j] - alpha/n * (X' * (y - yhat))[j]", {
    lines: "26-28",
    expect: "refuted",
    note: "with the sign of l.22 the step goes uphill; the update is w_j + (alpha/n) sum (y - yhat) x_j",
  });
  d.step("w[j] - alpha * grad(L, w)[j] = w[j] + alpha/n * (X' * (y - yhat))[j]", { lines: "26-28" });
});

export const q12 = derivation("003 Q1.2: the normal equations", {
  source: "003 Q1.2",
  let: { X: "n x d", y: "n", w: "d" },
}, (d) => {
  // l.34-36
  d.step("1/(2*n) * sum((X * w - y) .^ 2) = 1/(2*n) * (X * w - y)' * (X * w - y)", { lines: "34-36" });
  // l.38: the 1/(2n) is dropped (l.32: it does not change where the derivative is zero)
  d.step("1/(2*n) * (X * w - y)' * (X * w - y) = ((X * w)' - y') * (X * w - y)", {
    lines: "38",
    expect: "refuted",
    note: "written as an equality of L(w), but the factor 1/(2n) is dropped (as l.32 says): equal only up to that factor",
  });
  d.argmin("w", "1/(2*n) * (X * w - y)' * (X * w - y)", "((X * w)' - y') * (X * w - y)", { lines: "38" });
  d.step("1/(2*n) * (X * w - y)' * (X * w - y) ∝ ((X * w)' - y') * (X * w - y) in w", { lines: "38" });
  // l.40-42
  d.chain(
    "((X * w)' - y') * (X * w - y)",
    "(X * w)' * X * w - (X * w)' * y - y' * (X * w) + y' * y",
    "w' * X' * X * w - 2 * (X * w)' * y + y' * y", { lines: "40-42" },
  );
  // l.46: dL/dw = 2 X^T X w - 2 X^T y (= 0 at the minimum)
  d.step("grad(w' * X' * X * w - 2 * (X * w)' * y + y' * y, w) = 2 * X' * X * w - 2 * X' * y", { lines: "46" });
});

export const q12Solution = derivation("003 Q1.2: w = (X^T X)^-1 X^T y solves the normal equations", {
  source: "003 Q1.2",
  // two features, so that X^T X (2 x 2) is invertible for every n >= 2 drawn
  let: { X: "n x 2", y: "n" },
}, (d) => {
  d.define("wstar = inv(X' * X) * X' * y");
  // l.50-54: X^T X w = X^T y, i.e. w = (X^T X)^-1 X^T y
  d.step("X' * X * wstar = X' * y", { lines: "50-54" });
  // the gradient of l.46 vanishes there
  d.step("2 * X' * X * wstar - 2 * X' * y = 0", { lines: "46" });
});
