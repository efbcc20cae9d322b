import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q1(a), l.10–74: one SGD step of backpropagation
// on a 3-2-1 network, evaluated at the data of the seed's tables (l.24–35).
//
// The seed computes no numbers; it writes, for every weight, three lines:
//   W_inew = W_iold − η ∂L/∂W_i,  the chain product,  a closed form.
// They are checked here at the tables' data, against finite differences of the
// loss (diff(L, Wi) differentiates the whole forward pass at the given Wi).
//
// Readings (the seed leaves these open):
// - Data (l.24–35): W1…W8 = 0.9 (typeset "0.	9"), 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, −0.4;
//   X = (x1, x2, x3) = (1.5, 1, 1); the column headed "0" is the target output, 0.
//   Activations (l.35): h1 = tanh, h2 = LeakyReLU(0.2), output sigmoid.
// - Forward pass (l.39–45): z1 = W1x1 + W3x2 + W5x3, z2 = W2x1 + W4x2 + W6x3,
//   o = W7 tanh(z1) + W8 LeakyReLU(z2), and y = δ(o): the author's δ is the
//   sigmoid output (ŷ), and the y of "(δ − y)" is the target. So δ below is
//   sigmoid(o) and y is the target 0.
// - Loss: unstated. It is read as binary cross-entropy,
//   L = −(y log δ + (1 − y) log(1 − δ)), because that is the loss for which the
//   author's ∂L/∂δ × ∂δ/∂o equals the (δ − y) of every closed form. Under ½(δ − y)²
//   the closed forms would miss a factor δ(1 − δ) (probe in the local
//   derivatives below).
// - η (learning rate): unstated; a free positive scalar, drawn at random.
// - The local derivatives in the chain products are written in closed form
//   (each checked in "Q1(a): local derivatives"): ∂L/∂δ = (δ − y)/(δ(1 − δ)),
//   ∂δ/∂o = δ(1 − δ), ∂o/∂W8 = LeakyReLU(z2), ∂o/∂W7 = tanh(z1), ∂o/∂LeakyReLU = W8,
//   ∂o/∂tanh = W7, ∂LeakyReLU/∂z2 = {0.2 if z2 < 0, 1 if z2 ≥ 0}
//   = 0.2 step(−z2) + step(z2), ∂tanh/∂z1 = 1 − tanh(z1)², ∂z/∂Wi = the input xk.
// - max(0.2z2, z2) (l.56) is leakyrelu(z2, 0.2); the language has no max.
// - "value at the data" steps are this transcription's evaluation (the seed
//   states no numbers).
//
// What the checker finds: every closed form drops η (it holds only at η = 1),
// and the W5, W3, W1 forms write (1 − tanh(z1))² where the derivative of tanh
// is 1 − tanh(z1)².
//
// Not checkable here (prose): Q1(d) (Adam and RMSprop advantages, l.155–162).

const data = {
  W1: 0.9, W2: 0.8, W3: 0.7, W4: 0.6, W5: 0.5, W6: 0.4, W7: 0.3, W8: -0.4,
  x1: 1.5, x2: 1, x3: 1,
  y: 0,
};

export const localDerivatives = derivation("Q1(a): local derivatives used in the chain products", {
  source: "004 Q1(a)",
  let: { u: "scalar", t: "scalar", p: "scalar" },
}, (d) => {
  // binary cross-entropy: the reading of the unstated loss
  d.define("bce(q) = -(t * log(q) + (1 - t) * log(1 - q))");
  d.step("diff(bce(p), p) = (p - t) / (p * (1 - p))");
  d.step("diff(sigmoid(u), u) = sigmoid(u) * (1 - sigmoid(u))");
  // ∂L/∂δ × ∂δ/∂o = (δ − y): the factor every closed form starts with
  d.step("diff(bce(sigmoid(u)), u) = sigmoid(u) - t");
  // probe of the other reading: under ½(δ − y)² the product is not (δ − y)
  d.step("diff(1/2 * (sigmoid(u) - t)^2, u) = sigmoid(u) - t", {
    expect: "refuted",
    note: "reading probe, not the author's line: with L = ½(δ − y)² the product keeps δ(1 − δ), so the loss is read as cross-entropy",
  });
  d.step("diff(1/2 * (sigmoid(u) - t)^2, u) = (sigmoid(u) - t) * sigmoid(u) * (1 - sigmoid(u))");
  // max(0.2 z2, z2) of l.56 is LeakyReLU(0.2); max(a, b) = (a + b + |a − b|)/2
  d.step("leakyrelu(u, 0.2) = (0.2 * u + u + abs(0.2 * u - u)) / 2", { lines: "56" });
  // {0.2 if z2 < 0, 1 if z2 ≥ 0} of l.64 is the derivative of LeakyReLU(0.2)
  d.step("diff(leakyrelu(u, 0.2), u) = 0.2 * step(-u) + step(u)", { lines: "64" });
  // ∂tanh/∂z1: the author's (1 − tanh(z1))² (l.66, 70, 74) against 1 − tanh(z1)²
  d.step("diff(tanh(u), u) = (1 - tanh(u))^2", {
    lines: "66",
    expect: "refuted",
    note: "the derivative of tanh is 1 − tanh², not (1 − tanh)²",
  });
  d.step("diff(tanh(u), u) = 1 - tanh(u)^2", { lines: "66" });
});

export const sgd = derivation("Q1(a): one SGD step at the tables' data (cross-entropy loss, η free)", {
  source: "004 Q1(a)",
  let: { η: "scalar positive" },
  given: data,
}, (d) => {
  // forward pass (l.39–45)
  d.define("z1 = W1 * x1 + W3 * x2 + W5 * x3");
  d.define("z2 = W2 * x1 + W4 * x2 + W6 * x3");
  d.define("o = W7 * tanh(z1) + W8 * leakyrelu(z2, 0.2)");
  d.define("δ = sigmoid(o)");
  d.define("L = -(y * log(δ) + (1 - y) * log(1 - δ))");
  // values at the data (not stated by the seed)
  d.step("z1 ≈ 2.55", { lines: "39-45" });
  d.step("z2 ≈ 2.2", { lines: "39-45" });
  d.step("z2 > 0", { lines: "39-45" }); // so {0.2 if z2 < 0, 1 if z2 ≥ 0} is 1 here
  d.step("o ≈ -0.5836", { lines: "39-45" });
  d.step("δ ≈ 0.3581", { lines: "39-45" });
  // local derivatives (closed forms, checked in "local derivatives")
  d.define("dL_dδ = (δ - y) / (δ * (1 - δ))");
  d.define("dδ_do = δ * (1 - δ)");
  d.define("dLReLU_dz2 = 0.2 * step(-z2) + step(z2)");
  d.define("dtanh_dz1 = 1 - tanh(z1)^2");

  // W8 (l.55–56)
  d.define("W8new = W8 - η * diff(L, W8)");
  d.step("W8new = W8 - η * (dL_dδ * dδ_do * leakyrelu(z2, 0.2))", { lines: "55-56" });
  d.step("diff(L, W8) = (δ - y) * leakyrelu(z2, 0.2)", { lines: "55-56" });
  d.step("W8new = W8 - (δ - y) * leakyrelu(z2, 0.2)", {
    lines: "55-56",
    expect: "refuted",
    note: "η is dropped: W8old − (δ − y) max(0.2z2, z2) holds only at η = 1",
  });
  d.step("W8new = W8 - η * (δ - y) * leakyrelu(z2, 0.2)", { lines: "55-56" });
  d.step("diff(L, W8) ≈ 0.7878", { lines: "55-56" }); // value at the data

  // W7 (l.58–62)
  d.define("W7new = W7 - η * diff(L, W7)");
  d.step("W7new = W7 - η * (dL_dδ * dδ_do * tanh(z1))", { lines: "58-62" });
  d.step("diff(L, W7) = (δ - y) * tanh(z1)", { lines: "58-62" });
  d.step("W7new = W7 - (δ - y) * tanh(z1)", {
    lines: "58-62",
    expect: "refuted",
    note: "η is dropped: holds only at η = 1",
  });
  d.step("W7new = W7 - η * (δ - y) * tanh(z1)", { lines: "58-62" });
  d.step("diff(L, W7) ≈ 0.3538", { lines: "58-62" });

  // W6 (l.64)
  d.define("W6new = W6 - η * diff(L, W6)");
  d.step("W6new = W6 - η * (dL_dδ * dδ_do * W8 * dLReLU_dz2 * x3)", { lines: "64" });
  d.step("diff(L, W6) = (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x3", { lines: "64" });
  d.step("W6new = W6 - (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x3", {
    lines: "64",
    expect: "refuted",
    note: "η is dropped: holds only at η = 1",
  });
  d.step("W6new = W6 - η * (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x3", { lines: "64" });
  d.step("diff(L, W6) ≈ -0.1432", { lines: "64" });

  // W5 (l.66)
  d.define("W5new = W5 - η * diff(L, W5)");
  d.step("W5new = W5 - η * (dL_dδ * dδ_do * W7 * dtanh_dz1 * x3)", { lines: "66" });
  d.step("diff(L, W5) = (δ - y) * W7 * (1 - tanh(z1))^2 * x3", {
    lines: "66",
    expect: "refuted",
    note: "∂tanh/∂z1 is 1 − tanh(z1)², not (1 − tanh(z1))²",
  });
  d.step("W5new = W5 - (δ - y) * W7 * (1 - tanh(z1))^2 * x3", {
    lines: "66",
    expect: "refuted",
    note: "η is dropped and (1 − tanh(z1))² should be 1 − tanh(z1)²",
  });
  d.step("diff(L, W5) = (δ - y) * W7 * (1 - tanh(z1)^2) * x3", { lines: "66" });
  d.step("W5new = W5 - η * (δ - y) * W7 * (1 - tanh(z1)^2) * x3", { lines: "66" });
  d.step("diff(L, W5) ≈ 0.002588", { lines: "66" });

  // W4 (l.68)
  d.define("W4new = W4 - η * diff(L, W4)");
  d.step("W4new = W4 - η * (dL_dδ * dδ_do * W8 * dLReLU_dz2 * x2)", { lines: "68" });
  d.step("diff(L, W4) = (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x2", { lines: "68" });
  d.step("W4new = W4 - (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x2", {
    lines: "68",
    expect: "refuted",
    note: "η is dropped: holds only at η = 1",
  });
  d.step("W4new = W4 - η * (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x2", { lines: "68" });
  d.step("diff(L, W4) ≈ -0.1432", { lines: "68" });

  // W3 (l.70)
  d.define("W3new = W3 - η * diff(L, W3)");
  d.step("W3new = W3 - η * (dL_dδ * dδ_do * W7 * dtanh_dz1 * x2)", { lines: "70" });
  d.step("diff(L, W3) = (δ - y) * W7 * (1 - tanh(z1))^2 * x2", {
    lines: "70",
    expect: "refuted",
    note: "∂tanh/∂z1 is 1 − tanh(z1)², not (1 − tanh(z1))²",
  });
  d.step("W3new = W3 - (δ - y) * W7 * (1 - tanh(z1))^2 * x2", {
    lines: "70",
    expect: "refuted",
    note: "η is dropped and (1 − tanh(z1))² should be 1 − tanh(z1)²",
  });
  d.step("diff(L, W3) = (δ - y) * W7 * (1 - tanh(z1)^2) * x2", { lines: "70" });
  d.step("W3new = W3 - η * (δ - y) * W7 * (1 - tanh(z1)^2) * x2", { lines: "70" });
  d.step("diff(L, W3) ≈ 0.002588", { lines: "70" });

  // W2 (l.72)
  d.define("W2new = W2 - η * diff(L, W2)");
  d.step("W2new = W2 - η * (dL_dδ * dδ_do * W8 * dLReLU_dz2 * x1)", { lines: "72" });
  d.step("diff(L, W2) = (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x1", { lines: "72" });
  d.step("W2new = W2 - (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x1", {
    lines: "72",
    expect: "refuted",
    note: "η is dropped: holds only at η = 1",
  });
  d.step("W2new = W2 - η * (δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x1", { lines: "72" });
  d.step("diff(L, W2) ≈ -0.2149", { lines: "72" });

  // W1 (l.74)
  d.define("W1new = W1 - η * diff(L, W1)");
  d.step("W1new = W1 - η * (dL_dδ * dδ_do * W7 * dtanh_dz1 * x1)", { lines: "74" });
  d.step("diff(L, W1) = (δ - y) * W7 * (1 - tanh(z1))^2 * x1", {
    lines: "74",
    expect: "refuted",
    note: "∂tanh/∂z1 is 1 − tanh(z1)², not (1 − tanh(z1))²",
  });
  d.step("W1new = W1 - (δ - y) * W7 * (1 - tanh(z1))^2 * x1", {
    lines: "74",
    expect: "refuted",
    note: "η is dropped and (1 − tanh(z1))² should be 1 − tanh(z1)²",
  });
  d.step("diff(L, W1) = (δ - y) * W7 * (1 - tanh(z1)^2) * x1", { lines: "74" });
  d.step("W1new = W1 - η * (δ - y) * W7 * (1 - tanh(z1)^2) * x1", { lines: "74" });
  d.step("diff(L, W1) ≈ 0.003882", { lines: "74" });
});
