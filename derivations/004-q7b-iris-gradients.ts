import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q7(b), l.435–464: hand-written backpropagation
// for the IRIS network, checked against finite differences of the loss.
//
// Readings:
// - The network is inferred from l.485–499: 4 inputs, three hidden layers of 5
//   with LeakyReLU(0.2), 3 outputs with softmax, cross-entropy, no biases
//   (none is written). So x¹ = W¹X, h¹ = LeakyReLU(x¹), x² = W²h¹, …, x⁴ = W⁴h³,
//   ŷ = softmax(x⁴), L = −Σ_i y_i log ŷ_i, with W¹ ∈ R^{5×4}, W², W³ ∈ R^{5×5},
//   W⁴ ∈ R^{3×5} and y one-hot.
// - Weights and input are drawn at random (normal entries, so of both signs).
//   With the seed's uniform(0, 1) initialisation (l.485) and positive IRIS
//   features every pre-activation is positive and every LeakyReLU′ is 1, which
//   would hide the index slips found below.
// - LeakyReLU′(t) = {0.2 if t < 0, 1 if t > 0} is written 0.2 step(−t) + step(t).
// - Index slips of the typesetting are read as follows, and each entry formula
//   is checked at one concrete entry (j, i) = (2, 3), with the author's sums
//   written out term by term:
//   * l.443: in "−Σ_i y_i(δ_{k,j} − …) × h³_i" the summation index is the class
//     index (k) and h³_i stands outside the sum; ∂L_n/∂x⁴_j x⁴_i means ∂x⁴_i/∂x⁴_j.
//   * l.447–454: the unbalanced parentheses are read as
//     Σ_k (ŷ_k − y_k) Σ_p W⁴_{k,p} LeakyReLU′(x³_j) W³_{p,j} × LeakyReLU′(x²_j) × h¹_i.
//   * l.456–464: read as Σ_k (ŷ_k − y_k) Σ_p W⁴_{k,p} LeakyReLU′(x³_j)
//     Σ_m W³_{p,m} LeakyReLU′(x³_j) W²_{m,j} × LeakyReLU′(x¹_j) × X_i.
//
// What the checker finds: ∂L/∂W³ is right. ∂L/∂W⁴ ends with (ŷ_i − y_i)h³_i for
// the entry W⁴_{i,i}: right on the diagonal, but the general entry (j, i) is
// (ŷ_j − y_j)h³_i; on the way, Σ_i y_i ŷ_i is pulled out as ŷ_i Σ_i y_i. In
// ∂L/∂W² the factor LeakyReLU′(x³_j) should be LeakyReLU′(x³_p) (it sits inside
// the sum over p); in ∂L/∂W¹ the two factors written LeakyReLU′(x³_j) should be
// LeakyReLU′(x³_p) and LeakyReLU′(x²_m).
//
// Prose or code only: Q7(a), (c), (d) (l.433, 466–549).

/** "f(1) + f(2) + … + f(n)" */
const sum = (n: number, f: (k: number) => string): string =>
  `(${Array.from({ length: n }, (_, i) => f(i + 1)).join(" + ")})`;

const network = {
  let: { X: "4", W1: "5 x 4", W2: "5 x 5", W3: "5 x 5", W4: "3 x 5", y: "3 onehot" },
};

const defineNetwork = (d: { define(s: string): void }): void => {
  d.define("lrelu_d(t) = 0.2 * step(-t) + step(t)");
  d.define("x1 = W1 * X");
  d.define("h1 = leakyrelu(x1, 0.2)");
  d.define("x2 = W2 * h1");
  d.define("h2 = leakyrelu(x2, 0.2)");
  d.define("x3 = W3 * h2");
  d.define("h3 = leakyrelu(x3, 0.2)");
  d.define("x4 = W4 * h3");
  d.define("yhat = softmax(x4)");
  d.define("L = -(y' * log(yhat))");
};

export const localPieces = derivation("Q7(b): the local derivatives (generic logits z, one-hot y)", {
  source: "004 Q7(b)",
  let: { z: "3", y: "3 onehot", q: "3 simplex", t: "scalar", A: "3 x 5", h: "5" },
}, (d) => {
  // l.439 for any logits z
  d.chain("-(y' * log(exp(z) / sum(exp(z))))", "-(y' * (z - log(sum(exp(z)))))", { lines: "439" });
  // l.443, second and fourth lines at j = 2: ∂L/∂x⁴_j = −Σ_k y_k(δ_{k,j} − exp x⁴_j / Σ_m exp x⁴_m)
  d.step("grad(-(y' * (z - log(sum(exp(z))))), z)[2] = -(y[1] * (0 - exp(z[2]) / sum(exp(z))) + y[2] * (1 - exp(z[2]) / sum(exp(z))) + y[3] * (0 - exp(z[2]) / sum(exp(z))))", { lines: "443" });
  // l.443, fifth line: Σ_i y_i ŷ_i is written where Σ_k y_k ŷ_j = ŷ_j Σ_k y_k is meant
  // (checked for a target distribution q: for a one-hot y it fails unless the target class is j)
  d.step("q' * softmax(z) = softmax(z)[2] * sum(q)", {
    lines: "443",
    expect: "refuted",
    note: "Σ_i y_i ŷ_i is not ŷ_i Σ_i y_i: the sum comes from −Σ_k y_k(δ_{k,j} − ŷ_j), whose ŷ_j does not depend on k",
  });
  d.step("y[1] * softmax(z)[2] + y[2] * softmax(z)[2] + y[3] * softmax(z)[2] = softmax(z)[2] * sum(y)", { lines: "443" });
  // … (−y_i + ŷ_i Σ y_i) = (ŷ_i − y_i), as Σ y_i = 1
  d.step("-y + softmax(z) * sum(y) = softmax(z) - y", { lines: "443" });
  d.step("grad(-(y' * log(softmax(z))), z) = softmax(z) - y", { lines: "443" });
  // ∂x_j/∂W_{j,i} = h_i (l.443, 445, 449, 458)
  d.step("grad((A * h)[2], A)[2, 3] = h[3]", { lines: "443" });
  // ∂h_j/∂x_j = LeakyReLU′(x_j) (l.445, 451, 460)
  d.step("diff(leakyrelu(t, 0.2), t) = 0.2 * step(-t) + step(t)", { lines: "445" });
});

export const crossEntropy = derivation("Q7(b): the cross-entropy identity and ∂L/∂W⁴, ∂L/∂W³", {
  source: "004 Q7(b)",
  ...network,
}, (d) => {
  defineNetwork(d);
  // l.439
  d.chain("L", "-(y' * log(exp(x4) / sum(exp(x4))))", "-(y' * (x4 - log(sum(exp(x4)))))", { lines: "439" });

  // l.443: ∂L/∂W⁴
  d.step("grad(L, W4)[2, 3] = (yhat - y)[2] * h3[3]", { lines: "443" }); // ∂L/∂x⁴_j × ∂x⁴_j/∂W⁴_{j,i}
  // the last line, "∂L_n/∂W⁴_{i,i} = (ŷ_i − y_i) × h³_i": on the diagonal it holds
  d.step("grad(L, W4)[1, 1] = (yhat[1] - y[1]) * h3[1]", { lines: "443" });
  d.step("grad(L, W4)[2, 2] = (yhat[2] - y[2]) * h3[2]", { lines: "443" });
  d.step("grad(L, W4)[3, 3] = (yhat[3] - y[3]) * h3[3]", { lines: "443" });
  // read as the general entry (j, i) it indexes ŷ − y by i
  d.step("grad(L, W4)[2, 3] = (yhat[3] - y[3]) * h3[3]", {
    lines: "443",
    expect: "refuted",
    note: "as the entry (j, i) the formula must be (ŷ_j − y_j)h³_i; (ŷ_i − y_i)h³_i is right only on the diagonal W⁴_{i,i}",
  });
  d.step("grad(L, W4) = (yhat - y) * h3'", { lines: "443" });

  // l.445: ∂L/∂W³_{j,i} = (Σ_{k=1}^3 (ŷ_k − y_k) W⁴_{k,j}) LeakyReLU′(x³_j) h²_i
  d.step(`grad(L, W3)[2, 3] = ${sum(3, (k) => `(yhat[${k}] - y[${k}]) * W4[${k}, 2]`)} * lrelu_d(x3[2]) * h2[3]`, { lines: "445" });
  d.step("grad(L, W3) = ((W4' * (yhat - y)) .* lrelu_d(x3)) * h2'", { lines: "445" });
});

export const deeperLayers = derivation("Q7(b): ∂L/∂W² and ∂L/∂W¹", {
  source: "004 Q7(b)",
  ...network,
}, (d) => {
  defineNetwork(d);
  // ∂L/∂x⁴ contracted with W⁴: g4(p) = Σ_{k=1}^3 (ŷ_k − y_k) W⁴_{k,p}
  d.define(`g4(p) = ${sum(3, (k) => `(yhat[${k}] - y[${k}]) * W4[${k}, p]`)}`);

  // l.447–454 at (j, i) = (2, 3), as written: LeakyReLU′(x³_j) inside the sum over p
  d.step(`grad(L, W2)[2, 3] = ${sum(5, (p) => `g4(${p}) * lrelu_d(x3[2]) * W3[${p}, 2]`)} * lrelu_d(x2[2]) * h1[3]`, {
    lines: "447-454",
    expect: "refuted",
    note: "LeakyReLU′(x³_j) should be LeakyReLU′(x³_p): the factor belongs to the unit p summed over",
  });
  d.step(`grad(L, W2)[2, 3] = ${sum(5, (p) => `g4(${p}) * lrelu_d(x3[${p}]) * W3[${p}, 2]`)} * lrelu_d(x2[2]) * h1[3]`, { lines: "447-454" });
  d.step("grad(L, W2) = ((W3' * ((W4' * (yhat - y)) .* lrelu_d(x3))) .* lrelu_d(x2)) * h1'", { lines: "447-454" });

  // l.456–464 at (j, i) = (2, 3), as written: LeakyReLU′(x³_j) twice
  d.step(`grad(L, W1)[2, 3] = ${sum(5, (p) => `g4(${p}) * lrelu_d(x3[2]) * ${sum(5, (m) => `W3[${p}, ${m}] * lrelu_d(x3[2]) * W2[${m}, 2]`)}`)} * lrelu_d(x1[2]) * X[3]`, {
    lines: "456-464",
    expect: "refuted",
    note: "the two LeakyReLU′(x³_j) should be LeakyReLU′(x³_p) and LeakyReLU′(x²_m), one per unit summed over",
  });
  d.step(`grad(L, W1)[2, 3] = ${sum(5, (p) => `g4(${p}) * lrelu_d(x3[${p}]) * ${sum(5, (m) => `W3[${p}, ${m}] * lrelu_d(x2[${m}]) * W2[${m}, 2]`)}`)} * lrelu_d(x1[2]) * X[3]`, { lines: "456-464" });
  d.step("grad(L, W1) = ((W2' * ((W3' * ((W4' * (yhat - y)) .* lrelu_d(x3))) .* lrelu_d(x2))) .* lrelu_d(x1)) * X'", { lines: "456-464" });
});
