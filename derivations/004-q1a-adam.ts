import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q1(a), l.76–116: one Adam step of backpropagation
// on the 3-2-1 network of Q1(a), at the data of the seed's tables (l.24–35).
//
// The author writes W_inew = W_iold − ∈ŝ_new/(√r̂_new + δ) (l.80) and then, for
// every weight, ∈(∂L/∂W)/(∂L/∂W + δ), the same with the chain product, and a
// closed form. W4 has ∈(∂L/∂W4)/(√(∂L/∂W4) + δ) and a stray "= ∂L/∂W4 + δ"
// (l.102–104); W2 has ∈(∂L/∂W2)/(∂L/∂W2) with no δ (l.112).
//
// Readings:
// - The network, the data, the loss (binary cross-entropy) and the local
//   derivatives are those of 004-q1a-sgd.ts; see its header.
// - δ is two things in the seed: the network output (the δ of "(δ − y)") and
//   Adam's small constant (the "+ δ" of every denominator). The output stays δ;
//   the constant is named δ_adam here.
// - The step size, typeset `\in` (and `\epsilon` at l.86), is ε.
// - ŝ and r̂ are undefined in the seed. They are read as Adam's bias-corrected
//   moments (Goodfellow et al., Alg. 8.7, whose letters s, r, ε, δ the seed uses)
//   after one step (t = 1) from s = r = 0:
//   ŝ = (ρ1·0 + (1 − ρ1)g)/(1 − ρ1¹) = g,  r̂ = (ρ2·0 + (1 − ρ2)g²)/(1 − ρ2¹) = g².
//   So the update is ε g/(√(g²) + δ) = ε g/(|g| + δ).
// - Constants (unstated): ε = 0.001 (the Adam learning rate of Q7), δ_adam = 1e-8,
//   ρ1 = 0.9, ρ2 = 0.999 (the usual defaults). The generic derivation at the end
//   checks the same lines with every constant free.
// - Form of the steps: each line W_inew = W_iold − u is checked as
//   W_inew − W_iold = −u (the same equation with W_iold moved left), so the
//   tolerance is relative to the update (about ε = 0.001) and not to the weight
//   (about 0.5). As W_inew = W_iold − u, the (1 − tanh(z1))² slip in the W3 and W1
//   closed forms changes W_inew by only 6e-7, within 1e-6 of a weight of 0.7–0.9,
//   and would pass; as an update it is off by 6e-4 of itself and is refuted.
//
// What the checker finds: √r̂ = |∂L/∂W|, so ∈(∂L/∂W)/(∂L/∂W + δ) holds only where
// the gradient is positive. At the data ∂L/∂W8, ∂L/∂W7, ∂L/∂W5, ∂L/∂W3, ∂L/∂W1 > 0
// and ∂L/∂W6, ∂L/∂W4, ∂L/∂W2 < 0, so the W6, W4 and W2 lines move those weights
// the wrong way. The W5, W3, W1 closed forms also carry the (1 − tanh(z1))² slip
// of the SGD part. W4's √(∂L/∂W4) is not real at the data (∂L/∂W4 < 0); that
// line is checked in the generic derivation and skipped at the data. W2's line
// without δ equals ε.

const data = {
  W1: 0.9, W2: 0.8, W3: 0.7, W4: 0.6, W5: 0.5, W6: 0.4, W7: 0.3, W8: -0.4,
  x1: 1.5, x2: 1, x3: 1,
  y: 0,
  ε: 0.001, δ_adam: 1e-8, ρ1: 0.9, ρ2: 0.999,
};

export const adam = derivation("Q1(a): one Adam step at the tables' data (cross-entropy loss)", {
  source: "004 Q1(a)",
  given: data,
}, (d) => {
  // forward pass (l.39–45) and loss, as in 004-q1a-sgd.ts
  d.define("z1 = W1 * x1 + W3 * x2 + W5 * x3");
  d.define("z2 = W2 * x1 + W4 * x2 + W6 * x3");
  d.define("o = W7 * tanh(z1) + W8 * leakyrelu(z2, 0.2)");
  d.define("δ = sigmoid(o)");
  d.define("L = -(y * log(δ) + (1 - y) * log(1 - δ))");
  d.define("dL_dδ = (δ - y) / (δ * (1 - δ))");
  d.define("dδ_do = δ * (1 - δ)");
  d.define("dLReLU_dz2 = 0.2 * step(-z2) + step(z2)");
  d.define("dtanh_dz1 = 1 - tanh(z1)^2");
  // Adam's bias-corrected moments after one step from zero (t = 1)
  d.define("s_hat(g) = (ρ1 * 0 + (1 - ρ1) * g) / (1 - ρ1^1)");
  d.define("r_hat(g) = (ρ2 * 0 + (1 - ρ2) * g^2) / (1 - ρ2^1)");
  // l.80: W_inew = W_iold − ∈ŝ_new/(√r̂_new + δ)
  d.define("adam(g) = ε * s_hat(g) / (sqrt(r_hat(g)) + δ_adam)");

  // the signs of the gradients decide which lines hold (the author states none: no line cited)
  d.step("diff(L, W8) > 0");
  d.step("diff(L, W7) > 0");
  d.step("diff(L, W6) < 0");
  d.step("diff(L, W5) > 0");
  d.step("diff(L, W4) < 0");
  d.step("diff(L, W3) > 0");
  d.step("diff(L, W2) < 0");
  d.step("diff(L, W1) > 0");

  // W8 (l.84–88)
  d.define("W8new = W8 - adam(diff(L, W8))");
  d.step("W8new - W8 = -(ε * diff(L, W8) / (diff(L, W8) + δ_adam))", { lines: "84-88" });
  d.step("W8new - W8 = -(ε * (dL_dδ * dδ_do * leakyrelu(z2, 0.2)) / ((dL_dδ * dδ_do * leakyrelu(z2, 0.2)) + δ_adam))", { lines: "84-88" });
  d.step("W8new - W8 = -(ε * ((δ - y) * leakyrelu(z2, 0.2)) / (((δ - y) * leakyrelu(z2, 0.2)) + δ_adam))", { lines: "84-88" });
  d.step("W8new ≈ -0.401", { lines: "84-88" }); // value at the data (not stated by the seed)

  // W7 (l.90)
  d.define("W7new = W7 - adam(diff(L, W7))");
  d.step("W7new - W7 = -(ε * diff(L, W7) / (diff(L, W7) + δ_adam))", { lines: "90" });
  d.step("W7new - W7 = -(ε * (dL_dδ * dδ_do * tanh(z1)) / ((dL_dδ * dδ_do * tanh(z1)) + δ_adam))", { lines: "90" });
  d.step("W7new - W7 = -(ε * ((δ - y) * tanh(z1)) / (((δ - y) * tanh(z1)) + δ_adam))", { lines: "90" });
  d.step("W7new ≈ 0.299", { lines: "90" });

  // W6 (l.92–94): the gradient is negative here
  d.define("W6new = W6 - adam(diff(L, W6))");
  d.step("W6new - W6 = -(ε * diff(L, W6) / (diff(L, W6) + δ_adam))", {
    lines: "92-94",
    expect: "refuted",
    note: "√r̂ is |∂L/∂W6|, not ∂L/∂W6; with ∂L/∂W6 < 0 the line moves W6 the wrong way",
  });
  d.step("W6new - W6 = -(ε * diff(L, W6) / (sqrt(diff(L, W6)^2) + δ_adam))", { lines: "92-94" });
  d.step("W6new - W6 = -(ε * (dL_dδ * dδ_do * W8 * dLReLU_dz2 * x3) / ((dL_dδ * dδ_do * W8 * dLReLU_dz2 * x3) + δ_adam))", {
    lines: "92-94",
    expect: "refuted",
    note: "the same denominator slip, with the chain product",
  });
  d.step("W6new - W6 = -(ε * ((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x3) / (((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x3) + δ_adam))", {
    lines: "92-94",
    expect: "refuted",
    note: "the same denominator slip, in closed form",
  });
  d.step("W6new - W6 = -(ε * ((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x3) / (abs((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x3) + δ_adam))", { lines: "92-94" });
  d.step("W6new ≈ 0.401", { lines: "92-94" });

  // W5 (l.96–98)
  d.define("W5new = W5 - adam(diff(L, W5))");
  d.step("W5new - W5 = -(ε * diff(L, W5) / (diff(L, W5) + δ_adam))", { lines: "96-98" });
  d.step("W5new - W5 = -(ε * (dL_dδ * dδ_do * W7 * dtanh_dz1 * x3) / ((dL_dδ * dδ_do * W7 * dtanh_dz1 * x3) + δ_adam))", { lines: "96-98" });
  d.step("W5new - W5 = -(ε * ((δ - y) * W7 * (1 - tanh(z1))^2 * x3) / (((δ - y) * W7 * (1 - tanh(z1))^2 * x3) + δ_adam))", {
    lines: "96-98",
    expect: "refuted",
    note: "(1 − tanh(z1))² should be 1 − tanh(z1)²; the error shows because δ_adam is not negligible against the wrong, 160 times smaller gradient",
  });
  d.step("W5new - W5 = -(ε * ((δ - y) * W7 * (1 - tanh(z1)^2) * x3) / (((δ - y) * W7 * (1 - tanh(z1)^2) * x3) + δ_adam))", { lines: "96-98" });
  d.step("W5new ≈ 0.499", { lines: "96-98" });

  // W4 (l.100–108): √(∂L/∂W4) is not real at the data, where ∂L/∂W4 < 0
  d.define("W4new = W4 - adam(diff(L, W4))");
  d.step("W4new - W4 = -(ε * diff(L, W4) / (sqrt(diff(L, W4)) + δ_adam))", {
    lines: "100-108",
    skip: "√(∂L/∂W4) is not real at the data (∂L/∂W4 ≈ −0.143 < 0); the line is refuted in the generic derivation below",
  });
  d.step("W4new - W4 = -(ε * (dL_dδ * dδ_do * W8 * dLReLU_dz2 * x2) / ((dL_dδ * dδ_do * W8 * dLReLU_dz2 * x2) + δ_adam))", {
    lines: "100-108",
    expect: "refuted",
    note: "√r̂ is |∂L/∂W4|, not ∂L/∂W4; with ∂L/∂W4 < 0 the line moves W4 the wrong way",
  });
  d.step("W4new - W4 = -(ε * ((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x2) / (((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x2) + δ_adam))", {
    lines: "100-108",
    expect: "refuted",
    note: "the same denominator slip, in closed form",
  });
  d.step("W4new - W4 = -(ε * ((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x2) / (abs((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x2) + δ_adam))", { lines: "100-108" });
  d.step("W4new ≈ 0.601", { lines: "100-108" });

  // W3 (l.110)
  d.define("W3new = W3 - adam(diff(L, W3))");
  d.step("W3new - W3 = -(ε * diff(L, W3) / (diff(L, W3) + δ_adam))", { lines: "110" });
  d.step("W3new - W3 = -(ε * (dL_dδ * dδ_do * W7 * dtanh_dz1 * x2) / ((dL_dδ * dδ_do * W7 * dtanh_dz1 * x2) + δ_adam))", { lines: "110" });
  d.step("W3new - W3 = -(ε * ((δ - y) * W7 * (1 - tanh(z1))^2 * x2) / (((δ - y) * W7 * (1 - tanh(z1))^2 * x2) + δ_adam))", {
    lines: "110",
    expect: "refuted",
    note: "(1 − tanh(z1))² should be 1 − tanh(z1)²",
  });
  d.step("W3new - W3 = -(ε * ((δ - y) * W7 * (1 - tanh(z1)^2) * x2) / (((δ - y) * W7 * (1 - tanh(z1)^2) * x2) + δ_adam))", { lines: "110" });
  d.step("W3new ≈ 0.699", { lines: "110" });

  // W2 (l.112–114): the second line has no δ, and the gradient is negative
  d.define("W2new = W2 - adam(diff(L, W2))");
  d.step("W2new - W2 = -(ε * diff(L, W2) / diff(L, W2))", {
    lines: "112-114",
    expect: "refuted",
    note: "δ is missing from the denominator (the line is W2 − ε), and √r̂ is |∂L/∂W2| with ∂L/∂W2 < 0",
  });
  d.step("W2new - W2 = -(ε * diff(L, W2) / (sqrt(diff(L, W2)^2) + δ_adam))", { lines: "112-114" });
  d.step("W2new - W2 = -(ε * (dL_dδ * dδ_do * W8 * dLReLU_dz2 * x1) / ((dL_dδ * dδ_do * W8 * dLReLU_dz2 * x1) + δ_adam))", {
    lines: "112-114",
    expect: "refuted",
    note: "√r̂ is |∂L/∂W2|, not ∂L/∂W2; with ∂L/∂W2 < 0 the line moves W2 the wrong way",
  });
  d.step("W2new - W2 = -(ε * ((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x1) / (((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x1) + δ_adam))", {
    lines: "112-114",
    expect: "refuted",
    note: "the same denominator slip, in closed form",
  });
  d.step("W2new - W2 = -(ε * ((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x1) / (abs((δ - y) * W8 * (0.2 * step(-z2) + step(z2)) * x1) + δ_adam))", { lines: "112-114" });
  d.step("W2new ≈ 0.801", { lines: "112-114" });

  // W1 (l.116)
  d.define("W1new = W1 - adam(diff(L, W1))");
  d.step("W1new - W1 = -(ε * diff(L, W1) / (diff(L, W1) + δ_adam))", { lines: "116" });
  d.step("W1new - W1 = -(ε * (dL_dδ * dδ_do * W7 * dtanh_dz1 * x1) / ((dL_dδ * dδ_do * W7 * dtanh_dz1 * x1) + δ_adam))", { lines: "116" });
  d.step("W1new - W1 = -(ε * ((δ - y) * W7 * (1 - tanh(z1))^2 * x1) / (((δ - y) * W7 * (1 - tanh(z1))^2 * x1) + δ_adam))", {
    lines: "116",
    expect: "refuted",
    note: "(1 − tanh(z1))² should be 1 − tanh(z1)²",
  });
  d.step("W1new - W1 = -(ε * ((δ - y) * W7 * (1 - tanh(z1)^2) * x1) / (((δ - y) * W7 * (1 - tanh(z1)^2) * x1) + δ_adam))", { lines: "116" });
  d.step("W1new ≈ 0.899", { lines: "116" });
});

export const adamGeneric = derivation("Q1(a): Adam's first step for a generic gradient g", {
  source: "004 Q1(a)",
  // g: the gradient ∂L/∂W of one weight; every constant free
  let: { g: "scalar", ε: "scalar positive", δ_adam: "scalar positive", ρ1: "scalar", ρ2: "scalar" },
}, (d) => {
  d.define("s_hat(q) = (ρ1 * 0 + (1 - ρ1) * q) / (1 - ρ1^1)");
  d.define("r_hat(q) = (ρ2 * 0 + (1 - ρ2) * q^2) / (1 - ρ2^1)");
  d.step("s_hat(g) = g");
  d.step("r_hat(g) = g^2");
  // l.86 and its siblings: ∈(∂L/∂W)/(∂L/∂W + δ)
  d.step("ε * s_hat(g) / (sqrt(r_hat(g)) + δ_adam) = ε * g / (g + δ_adam)", {
    lines: "86",
    expect: "refuted",
    note: "√r̂ = |g|, so the line holds only for g > 0",
  });
  d.step("ε * s_hat(g) / (sqrt(r_hat(g)) + δ_adam) = ε * g / (abs(g) + δ_adam)", { lines: "86" });
  // l.102: W4's ∈(∂L/∂W4)/(√(∂L/∂W4) + δ)
  d.step("ε * s_hat(g) / (sqrt(r_hat(g)) + δ_adam) = ε * g / (sqrt(g) + δ_adam)", {
    lines: "102",
    expect: "refuted",
    note: "√r̂ is √(g²) = |g|, not √g (which is not even real for g < 0)",
  });
  // l.104: "= ∂L/∂W4 + δ", read as the author equating the W4 denominator with the others'
  d.step("sqrt(g) + δ_adam = g + δ_adam", {
    lines: "104",
    expect: "refuted",
    note: "√g = g only at g = 0 and g = 1",
  });
  d.step("sqrt(r_hat(g)) + δ_adam = abs(g) + δ_adam", { lines: "104" });
  // l.112: W2's ∈(∂L/∂W2)/(∂L/∂W2), no δ
  d.step("ε * s_hat(g) / (sqrt(r_hat(g)) + δ_adam) = ε * g / g", {
    lines: "112",
    expect: "refuted",
    note: "δ is missing and the sign of g is lost: ε g/g is always ε",
  });
});
