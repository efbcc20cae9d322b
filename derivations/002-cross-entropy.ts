// Seed 002 (Machine Learning HW4), Q4: cross-entropy and log-sum-exp.
// Transcribed from 002_ebfe10e810da3c37.txt, l.211-231,
// as the author wrote it.
//
// Readings:
//  - yhat = softmax(z) (l.215), z: n logits.
//  - "Assume z_t is fixed" (l.213): t is read as the target class, y the one-hot
//    vector of class t. The index form uses an integer t; the vector form a
//    one-hot y, with z_t = y^T z and yhat_t = y^T yhat.
//  - Q4(c): the seed ends with LSE(x_1 - alpha + ... + x_n - alpha): "+"
//    between the arguments where commas are meant. Read literally it is the LSE
//    of one number, the sum; that reading is kept and refuted, and the comma
//    reading, LSE(x - alpha), is checked beside it.
//
// Prose only: none.

import { derivation } from "derive";

export const q4a = derivation("002 Q4(a): CE with a one-hot target is LSE(z) - z_t", {
  source: "002 Q4(a)",
  let: { z: "n", y: "n onehot", t: "integer" },
}, (d) => {
  // l.211-215: CE(yhat, y) = -sum_i y_i log(yhat_i) = -log(yhat_t) for the one-hot y of class t
  d.step("-(y' * log(softmax(z))) = -log(y' * softmax(z))", { lines: "211-215" });
  // l.215-217, with the target index t
  d.chain(
    "-log(softmax(z)[t])",
    "-log(exp(z[t]) / sum(exp(z)))",
    "log(sum(exp(z))) - log(exp(z[t]))",
    "lse(z) - z[t]", { lines: "215-217" },
  );
  // the same with the one-hot y (z_t = y^T z)
  d.step("-(y' * log(softmax(z))) = lse(z) - y' * z", { lines: "215-217" });
});

export const q4b = derivation("002 Q4(b): dLSE/dz_j = softmax(z)_j", {
  source: "002 Q4(b)",
  let: { z: "n", j: "integer" },
}, (d) => {
  // l.221-223
  d.chain(
    "grad(lse(z), z)[j]",
    "grad(log(sum(exp(z))), z)[j]",
    "1/sum(exp(z)) * grad(sum(exp(z)), z)[j]",
    "1/sum(exp(z)) * exp(z[j])",
    "exp(z[j]) / sum(exp(z))",
    "softmax(z)[j]", { lines: "221-223" },
  );
  // the same for all j at once
  d.step("grad(lse(z), z) = softmax(z)", { lines: "221-223" });
});

export const q4c = derivation("002 Q4(c): LSE(x) = alpha + LSE(x - alpha)", {
  source: "002 Q4(c)",
  let: { x: "n", alpha: "scalar" },
}, (d) => {
  // l.227-231
  d.chain(
    "lse(x)",
    "log(sum(exp(x)))",
    "log(sum(exp(x - alpha + alpha)))",
    "log(sum(exp(alpha) * exp(x - alpha)))",
    "log(exp(alpha) * sum(exp(x - alpha)))",
    "log(exp(alpha)) + log(sum(exp(x - alpha)))", { lines: "227-231" },
  );
  d.step("log(exp(alpha)) + log(sum(exp(x - alpha))) = alpha + lse(sum(x - alpha))", {
    lines: "227-231",
    expect: "refuted",
    note: "LSE(x_1 - alpha + ... + x_n - alpha) read literally is the LSE of one number, their sum; the arguments are meant to be separated by commas",
  });
  d.step("log(exp(alpha)) + log(sum(exp(x - alpha))) = alpha + lse(x - alpha)", { lines: "227-231" });
});
