// Seed 003 (Deep Learning HW1, Sharif), Q4.1(a): a sigmoid network whose
// weights are all zero, trained on one sample with target 1. Transcribed from
// 003_e34f0158ba71e7fd.txt, l.248-261, as the author wrote it.
//
// The network is not written in the seed; it is rebuilt as (inferred): a 2-2-1
// network of sigmoid units, all weights and biases zero, squared error
// L = 1/2 (a_L - y)^2 with target y = 1 (l.252), input x = [1; 2] (any x gives
// the same numbers: with zero weights every unit outputs sigmoid(0) = 1/2,
// which is the "Predicted = 1/2" of l.254).
//   z1 = W1 x + b1, a1 = sigmoid(z1), z_L = W2 a1 + b2, a_L = sigmoid(z_L).
// delta^L = dL/dz_L is computed as dL/db2 (dz_L/db2 = 1).
//
// Kept as written and refuted:
//  - l.254: 1/2 (1/2 - 1)^2 = 1/4 (it is 1/8).
//  - l.255: delta^L = 1/4 ([0] * (1 - [0])) = 0: the error value 1/4 stands
//    where dL/da_L = a_L - y = -1/2 belongs, and sigma = 0 where sigma(z_L) = 1/2;
//    delta^L = (a_L - y) a_L (1 - a_L) = -1/8.
//  - l.261: "all weight derivatives are zero, the network does not change": the
//    hidden layer's are zero (its delta is W2^T delta^L o sigma' = 0 since W2 = 0),
//    but the output layer's are delta^L a1^T = [-1/16, -1/16] and -1/8.
//
// Prose only: l.250-252, l.261's remark that the formula is proved in textbooks.

import { derivation } from "derive";

export const zeroInit = derivation("003 Q4.1(a): one step from zero weights", {
  source: "003 Q4.1(a)",
  given: {
    x: "[1; 2]", y: 1,
    W1: "[0, 0; 0, 0]", b1: "[0; 0]", W2: "[0, 0]", b2: 0,
  },
  prose: ["003 l.250-252 and l.261 (second half): setting and remarks, prose only"],
}, (d) => {
  d.define("a1 = sigmoid(W1 * x + b1)");
  d.define("aL = sigmoid(W2 * a1 + b2)");
  d.define("L = 1/2 * (aL - y)^2");
  // l.254: Error = 1/2 (Predicted - Real)^2 = 1/2 (1/2 - 1)^2 = 1/4
  d.step("aL = 1/2", { lines: "254" });
  d.step("L = 1/2 * (1/2 - 1)^2", { lines: "254" });
  d.step("1/2 * (1/2 - 1)^2 = 1/4", {
    lines: "254",
    expect: "refuted",
    note: "1/2 * 1/4 = 1/8",
  });
  d.step("L = 1/8", { lines: "254" });
  // l.255: delta^L = grad_z L (x) sigma'(a_L) = 1/4 ([0] * (1 - [0])) = 0
  d.step("diff(L, b2) = 1/4 * (0 * (1 - 0))", {
    lines: "255",
    expect: "refuted",
    note: "dL/da_L = a_L - y = -1/2 (not the error 1/4) and sigma(z_L) = 1/2 (not 0): delta^L = -1/2 * 1/4 = -1/8",
  });
  d.step("1/4 * (0 * (1 - 0)) = 0", { lines: "255" });
  d.step("diff(L, b2) = (aL - y) * aL * (1 - aL)", { lines: "255" });
  d.step("diff(L, b2) = -1/8", { lines: "255" });
  // l.261: every weight derivative is zero
  d.step("grad(L, W1) = 0", { lines: "261" });
  d.step("grad(L, b1) = 0", { lines: "261" });
  d.step("grad(L, W2) = 0", {
    lines: "261",
    expect: "refuted",
    note: "the output layer's gradient is delta^L a1^T = -1/8 * [1/2, 1/2]: only the hidden layer is stuck",
  });
  d.step("grad(L, W2) = (aL - y) * aL * (1 - aL) * a1'", { lines: "261" });
  d.step("grad(L, W2) = [-0.0625, -0.0625]", { lines: "261" });
});

export const deltaRecursion = derivation("003 Q4.1(a): the delta recursion", {
  source: "003 Q4.1(a)",
  // layer l has p units (z), layer l+1 has q units; y is the target of layer l+1
  let: { z: "p", W: "q x p", b: "q", y: "q" },
}, (d) => {
  d.define("zn = W * sigmoid(z) + b");
  d.define("L = 1/2 * norm(sigmoid(zn) - y)^2");
  d.define("dn = (sigmoid(zn) - y) .* sigmoid(zn) .* (1 - sigmoid(zn))");
  // l.259: delta^l = ((w^(l+1))^T delta^(l+1)) o sigma'(z^l)
  d.step("grad(L, z) = (W' * dn) .* (sigmoid(z) .* (1 - sigmoid(z)))", { lines: "259" });
});
