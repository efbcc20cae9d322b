// Seed 002 (Machine Learning HW4), Q3: backpropagation through a network with
// two ReLU branches and a sigmoid output trained with binary cross-entropy.
// Transcribed from 002_ebfe10e810da3c37.txt, l.122-209,
// as the author wrote it.
//
// The network is never written; it is rebuilt here from the formulas of
// (iii)-(vii), for one sample x (D_x), with D_a hidden units:
//   z1 = w1 x + b1,       a1 = ReLU(z1)
//   z2 = w1 x + b1 + c,   a2 = -ReLU(z2)     (c: a fixed offset, not trained)
//   a  = a1 + a2,         z3 = w2 a + b2,    yhat = sigmoid(z3)
//   L^i = y log(yhat) + (1 - y) log(1 - yhat),   J = -(1/m) sum_i L^i.
// Why so:
//  - (iv) writes da/dz2 = da2/dz2 = -R'(z2) and (vi) has da/da1, da/da2: so
//    a2 = -ReLU(z2) and a = a1 + a2 (equivalently a = ReLU(z1) - ReLU(z2)).
//  - (vi)-(vii) differentiate z2 by w1 (dz2/dw1 = x^T) and dJ/db1 has both
//    branches: so z2 depends on w1 and b1 with unit factor. z2 = w1 x + b1 + c
//    is the simplest such branch (c = -1 gives the clipped ReLU
//    a = ReLU(z) - ReLU(z - 1)).
//  - (iii) z3 = w2 a + b and (vii) "z3 = w2 a + b2", dJ/db2 = delta1: w2 is the
//    1 x D_a output row and b2 the scalar output bias. (Q3(a) gives w2, b2 other
//    shapes, D_a2 x D_x and D_a2 x 1, as weights of a second branch w2 x + b2:
//    the same names for different parameters. Q3(a) is transcribed with its own
//    shapes; a shape clash cannot be an expected verdict.)
//  - L^i is the per-sample log-likelihood and J its negated mean: then l.145 and
//    l.147 are both right (with L^i the BCE loss, l.145 would be off by a sign).
//  - H = ReLU' is `step` (H(0) = 1 in the seed, step(0) = 1/2: they differ only
//    at the kink, where the checker never samples).
//  - Layout: dz3/da = w2 is the 1 x D_a Jacobian (numerator layout); H(z) as
//    da1/dz1 is the diagonal Jacobian diag(H(z1)), used as a vector (delta3,
//    delta4) in the delta forms. "delta2 o M" with the row delta2 = w2 and a
//    D_a x D_x matrix M multiplies row k of M by w2_k ("each entry times the
//    entry opposite", l.187): written (w2' * ones(1, D_x)) .* M, and
//    w2' .* v for a vector v. dz1/dw1 = x^T is the factor of the Jacobian
//    kron(x^T, I) (numerator layout over vec), i.e. a row gradient g^T of z1
//    pulls back to g x^T.
//
// Kept as written and refuted:
//  - l.153: delta1 = (1/n)(yhat - y): n is never defined; delta1 is used as
//    dJ/dz3 = (1/m)(yhat - y) (l.151), so n must be m. The delta forms below
//    use delta1 = (1/m)(yhat - y).
//  - l.181: dJ/dw1 = (1/n)(yhat - y) w2 o (...): the same 1/n. Checked at a
//    given point where the branches disagree (q3viiAtPoint): at random samples
//    H(z1) = H(z2) entrywise happens often enough that both sides are 0 and a
//    refutation would be left to chance.
//
// Prose only: the empty marker (v) (l.171).

import { derivation } from "derive";

const PROSE = ["002 l.171: the marker (v) is empty"];

export const q3a = derivation("002 Q3(a): shapes of w1, b1, w2, b2, x, y", {
  source: "002 Q3(a)",
  // l.126-134, as the author gives them (w2, b2 here are weights of a second branch w2 x + b2)
  let: {
    w1: "Da1 x Dx", b1: "Da1", w2: "Da2 x Dx", b2: "Da2",
    x: "Dx x m", y: "m", yh: "1 x m positive", k: "integer", i: "integer",
  },
  prose: PROSE,
}, (d) => {
  // l.125-129: w1 x + b1 with x in R^{Dx x m}: D_a1 x m, the bias added to each of the m columns
  d.step("(w1 * x + b1 * ones(1, m))[k, i] = (w1 * x)[k, i] + b1[k]", { lines: "125-129" });
  // l.131-133: likewise w2 x + b2 is D_a2 x m
  d.step("(w2 * x + b2 * ones(1, m))[k, i] = (w2 * x)[k, i] + b2[k]", { lines: "131-133" });
  // l.137: y in R^{m x 1}: with the 1 x m row of outputs yhat over the batch,
  // log(yhat) y is the sum over the m samples (the cross-entropy's first term)
  d.step("log(yh) * y = sum(log(yh)' .* y)", { lines: "137" });
});

export const q3z3 = derivation("002 Q3-z3: dJ/dz3 for the sigmoid output and cross-entropy", {
  source: "002 Q3-z3",
  // one sample: z3 its output pre-activation, y its label; m the number of samples
  let: { z3: "scalar", y: "scalar", m: "scalar positive", n: "scalar positive" },
}, (d) => {
  d.define("yhat = sigmoid(z3)");
  d.define("Li = y * log(yhat) + (1 - y) * log(1 - yhat)");
  d.define("Ji = -(1/m) * Li");
  // l.143
  d.step("diff(yhat, z3) = sigmoid(z3) * (1 - sigmoid(z3))", { lines: "143" });
  // l.145 (L^i read as the log-likelihood, see the header)
  d.step("diff(Li, z3) = y * 1/yhat * diff(yhat, z3) + (1 - y) * 1/(1 - yhat) * (-diff(yhat, z3))", { lines: "145" });
  // l.147
  d.step("diff(Ji, z3) = -(1/m) * (y/yhat - (1 - y)/(1 - yhat)) * sigmoid(z3) * (1 - sigmoid(z3))", { lines: "147" });
  // l.149-151: since yhat = sigmoid(z3)
  d.chain(
    "-(1/m) * (y/yhat - (1 - y)/(1 - yhat)) * sigmoid(z3) * (1 - sigmoid(z3))",
    "-(1/m) * (y * (1 - yhat) - yhat * (1 - y))",
    "(1/m) * (yhat - y)", { lines: "149-151" },
  );
  // l.153: delta1 = (1/n)(yhat - y), used as dJ/dz3
  d.step("diff(Ji, z3) = (1/n) * (yhat - y)", {
    lines: "153",
    expect: "refuted",
    note: "n is never defined: delta1 stands for dJ/dz3 = (1/m)(yhat - y) (l.151), so the factor must be 1/m",
  });
  d.step("diff(Ji, z3) = (1/m) * (yhat - y)", { lines: "153" });
});

export const q3z3Batch = derivation("002 Q3-z3: dJ/dz3 over a batch of m samples", {
  source: "002 Q3-z3",
  // z3 and y hold one entry per sample; m is their number
  let: { z3: "m", y: "m" },
}, (d) => {
  d.define("J = -(1/m) * (y' * log(sigmoid(z3)) + (1 - y)' * log(1 - sigmoid(z3)))");
  // l.151, entry i of the gradient is (1/m)(yhat^(i) - y^(i))
  d.step("grad(J, z3) = (1/m) * (sigmoid(z3) - y)", { lines: "151" });
});

export const q3iii = derivation("002 Q3(iii): dz3/da = w2", {
  source: "002 Q3(iii)",
  let: { w2: "1 x Da", a: "Da", b: "scalar" },
}, (d) => {
  // l.157: z3 = w2 a + b  =>  dz3/da = w2 = delta2  (numerator layout: the 1 x D_a row)
  d.step("jacobian(w2 * a + b, a) = w2", { lines: "157" });
  d.step("grad(w2 * a + b, a) = w2'", { lines: "157" });
});

export const q3iv = derivation("002 Q3(iv): da/dz2 = -H(z2), da/dz1 = H(z1)", {
  source: "002 Q3(iv)",
  let: { z1: "Da", z2: "Da" },
}, (d) => {
  d.define("a1 = relu(z1)");
  d.define("a2 = -relu(z2)");
  d.define("a = a1 + a2");
  // l.161: da/dz2 = da2/dz2 = -R'(z2) = -H(z2) = delta3
  d.chain("jacobian(a, z2)", "jacobian(a2, z2)", "-jacobian(relu(z2), z2)", "-diag(step(z2))", { lines: "161" });
  // l.165: the derivative of max(0, x) is H(x) (1 for x >= 0, 0 for x < 0)
  d.step("diff(relu(t), t) = step(t)", { lines: "165", let: { t: "scalar" } });
  // l.167: da/dz1 = da1/dz1 = R'(z1) = H(z1) = delta4
  d.chain("jacobian(a, z1)", "jacobian(a1, z1)", "jacobian(relu(z1), z1)", "diag(step(z1))", { lines: "167" });
});

const NET = {
  w1: "Da x Dx", b1: "Da", c: "Da", w2: "1 x Da", b2: "scalar",
  x: "Dx", y: "scalar", m: "scalar positive",
};

function network(d: { define(s: string): void }): void {
  d.define("z1 = w1 * x + b1");
  d.define("z2 = w1 * x + b1 + c");
  d.define("a = relu(z1) + (-relu(z2))");
  d.define("yhat = sigmoid(w2 * a + b2)");
  d.define("Ji = -(1/m) * (y * log(yhat) + (1 - y) * log(1 - yhat))");
  // the local derivatives, as (iii)-(iv) and Q3-z3 give them
  d.define("dJdz3 = (1/m) * (yhat - y)");
}

export const q3vi = derivation("002 Q3(vi): dz1/dw1 = x^T and the two-branch chain for dJ/dw1", {
  source: "002 Q3(vi)",
  let: { ...NET, g: "Da", k: "integer", j: "integer" },
}, (d) => {
  network(d);
  // l.175: z1 = w1 x + b1  =>  dz1/dw1 = x^T
  d.step("jacobian(w1 * x + b1, w1) = kron(x', I(Da))", { lines: "175" });
  d.step("grad((w1 * x + b1)[k], w1)[k, j] = x[j]", { lines: "175" });
  d.step("grad(g' * (w1 * x + b1), w1) = g * x'", { lines: "175" });
  // l.177: dJ/dw1 = dJ/dz3 dz3/da (da/da1 da1/dz1 dz1/dw1 + da/da2 da2/dz2 dz2/dw1),
  // each factor by its closed form: dJ/dz3, w2, I, diag(H(z1)), x^T; I, -diag(H(z2)), x^T
  d.step("grad(Ji, w1) = (dJdz3 * w2 * (I(Da) * diag(step(z1))))' * x' + (dJdz3 * w2 * (I(Da) * (-diag(step(z2)))))' * x'", { lines: "177" });
});

export const q3vii = derivation("002 Q3(vii): dJ/dw1, dJ/dw2, dJ/db1, dJ/db2 in delta form", {
  source: "002 Q3(vii)",
  let: { ...NET, n: "scalar positive" },
  prose: PROSE,
}, (d) => {
  network(d);
  d.define("d1 = (1/m) * (yhat - y)");
  d.define("d2 = w2");
  d.define("d3 = -step(z2)");
  d.define("d4 = step(z1)");
  // l.181: dJ/dw1 = (1/n)(yhat - y) w2 o (H(z1) x^T - H(z2) x^T): as written it is
  // checked at a point below (q3viiAtPoint); here with the factor 1/m
  d.step("grad(Ji, w1) = (1/m) * (yhat - y) * (w2' * ones(1, Dx)) .* (step(z1) * x' - step(z2) * x')", { lines: "181" });
  // l.183-189: => delta1 x delta2 o (delta4 x^T + delta3 x^T)
  d.step("(1/m) * (yhat - y) * (w2' * ones(1, Dx)) .* (step(z1) * x' - step(z2) * x') = d1 * (d2' * ones(1, Dx)) .* (d4 * x' + d3 * x')", { lines: "183-189" });
  d.step("grad(Ji, w1) = d1 * (d2' * ones(1, Dx)) .* (d4 * x' + d3 * x')", { lines: "183-189" });
  // l.193-197: z3 = w2 a + b2  =>  dJ/dz3 x a^T  =>  dJ/dw2 = delta1 x a^T
  d.step("grad(Ji, w2) = dJdz3 * a'", { lines: "193-197" });
  d.step("grad(Ji, w2) = d1 * a'", { lines: "193-197" });
  // l.199: dJ/db1 = dJ/dz1 x dz1/db1 = dJ/dz1 = delta1 x delta2 o (delta4 + delta3)
  //   (dJ/dz1 here is the derivative through both branches, since z2 = z1 + c)
  d.step("grad(Ji, b1) = d1 * d2' .* (d4 + d3)", { lines: "199" });
  // l.201: dJ/db2 = dJ/dz2 x dz2/db2 = delta1  (z2 read as z3: b2 is the output bias)
  d.step("diff(Ji, b2) = dJdz3 * diff(w2 * a + b2, b2)", { lines: "201" });
  d.step("diff(Ji, b2) = d1", { lines: "201" });
});

// l.181 as written, at a point where the two branches disagree (H(z1) != H(z2)
// in every entry), so that dJ/dw1 is not zero and the factor can be seen: at a
// generic sample both branches are often active together and both sides are 0.
// Da = Dx = 2, c = -1 (the clipped ReLU), m = 2 samples; n is left free.
export const q3viiAtPoint = derivation("002 Q3(vii): dJ/dw1 at a point where the branches disagree", {
  source: "002 Q3(vii)",
  lines: "181",
  let: { n: "scalar positive" },
  given: {
    w1: "[0.5, -0.3; 0.2, 0.4]", b1: "[0.1; -0.2]", c: "[-1; -1]",
    w2: "[1, -2]", b2: 0.5, x: "[1; 1]", y: 1, m: 2,
  },
}, (d) => {
  network(d);
  d.step("z1 = [0.3; 0.4]");
  d.step("z2 = [-0.7; -0.6]");
  d.step("grad(Ji, w1) = (1/n) * (yhat - y) * (w2' * ones(1, 2)) .* (step(z1) * x' - step(z2) * x')", {
    expect: "refuted",
    note: "1/n: n is never defined; the factor of dJ/dz3 is 1/m (l.151)",
  });
  d.step("grad(Ji, w1) = (1/m) * (yhat - y) * (w2' * ones(1, 2)) .* (step(z1) * x' - step(z2) * x')");
});

// l.203-209: the updates sum the per-sample terms over i = 1..m; here m = 2
// samples (x1, y1), (x2, y2), written out.
export const q3viiUpdates = derivation("002 Q3(vii): the summed gradient-descent updates, m = 2", {
  source: "002 Q3(vii)",
  let: {
    w1: "Da x Dx", b1: "Da", c: "Da", w2: "1 x Da", b2: "scalar",
    x1: "Dx", x2: "Dx", y1: "scalar", y2: "scalar", alpha: "scalar positive",
  },
}, (d) => {
  d.define("z1(x) = w1 * x + b1");
  d.define("z2(x) = w1 * x + b1 + c");
  d.define("a(x) = relu(z1(x)) + (-relu(z2(x)))");
  d.define("yhat(x) = sigmoid(w2 * a(x) + b2)");
  d.define("L(x, y) = y * log(yhat(x)) + (1 - y) * log(1 - yhat(x))");
  d.define("J = -(1/2) * (L(x1, y1) + L(x2, y2))");
  d.define("d1(x, y) = (1/2) * (yhat(x) - y)");
  d.define("d3(x) = -step(z2(x))");
  d.define("d4(x) = step(z1(x))");
  // l.203
  d.step("w1 - alpha * grad(J, w1) = w1 - alpha * (d1(x1, y1) * (w2' * ones(1, Dx)) .* (d4(x1) * x1' + d3(x1) * x1') + d1(x2, y2) * (w2' * ones(1, Dx)) .* (d4(x2) * x2' + d3(x2) * x2'))", { lines: "203" });
  // l.205
  d.step("w2 - alpha * grad(J, w2) = w2 - alpha * (d1(x1, y1) * a(x1)' + d1(x2, y2) * a(x2)')", { lines: "205" });
  // l.207
  d.step("b1 - alpha * grad(J, b1) = b1 - alpha * (d1(x1, y1) * w2' .* (d4(x1) + d3(x1)) + d1(x2, y2) * w2' .* (d4(x2) + d3(x2)))", { lines: "207" });
  // l.209
  d.step("b2 - alpha * diff(J, b2) = b2 - alpha * (d1(x1, y1) + d1(x2, y2))", { lines: "209" });
});
