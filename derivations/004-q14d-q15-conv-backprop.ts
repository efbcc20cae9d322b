import { derivation } from "derive";

// Seed 004 (Deep Learning HW3): Q14(d), l.904–915, the gradient of a simple
// layer ŷ = WX + b with L = (y − ŷ)², and Q15, l.917–931, the matrices M_c of
// the backward pass of a 1-D convolution.
//
// Q14(d) readings:
// - The layer is read three ways. (1) Scalars W, X: the author's
//   ∂L/∂W = −2(y − ŷ) × X holds. (2) One output from an input vector X ∈ Rⁿ,
//   so W is a row (1 × n) for WX to be a product: ∂L/∂W has W's shape,
//   −2(y − ŷ)Xᵀ, while the author's −2(y − ŷ) × X is a column (n × 1). The two
//   shapes differ, which the language reports as an error and not as a verdict,
//   so the step is kept as written and skipped with that reason, and the
//   transpose relation is checked instead. (3) X an image (l.906: "an image at the
//   input"), square so that the author's product composes: X, W, y ∈ R^{n×n},
//   L = Σ(y − ŷ)² (the square of l.911 summed over entries). There the author's
//   layout is refuted: ∂L/∂W = −2(y − ŷ)Xᵀ.
//
// Q15 readings:
// - The figure is missing. The forward convolution is rebuilt from M₁ (l.927):
//   3 input channels H_c = (H_c1, …, H_c4), kernels (w_c1, w_c2, w_c3), padding 1,
//   stride 1, 4 outputs, Z_j = Σ_c (w_c1 H_{c,j−1} + w_c2 H_{c,j} + w_c3 H_{c,j+1})
//   with H_{c,0} = H_{c,5} = 0 (cross-correlation, as in PyTorch's Conv1d). So
//   Z = T₁H₁ + T₂H₂ + T₃H₃ with T_c the banded 4 × 4 matrix of row j
//   (…, w_c1, w_c2, w_c3, …) centred on column j.
// - ∂L/∂Z is a generic upstream gradient g ∈ R⁴ (L = gᵀZ), so ∂L/∂H_c = M_c g
//   must hold with M_c = T_cᵀ: the transposed convolution (l.925).
// - M₁'s rows, typeset "w₁₂w₁₃ & 0 & 0", "w₁₃w₁₂w₁₁ & 0", "0 & w₁₃w₁₂w₁₁",
//   "0 & 0 & w₁₃w₁₂" with no separator between adjacent w's, are read as the
//   4 × 4 matrix [w12, w13, 0, 0; w13, w12, w11, 0; 0, w13, w12, w11; 0, 0, w13, w12];
//   M₂ and M₃ likewise.
// - What the checker finds: rows 2–4 are those of T_cᵀ, but row 1 should be
//   (w_c2, w_c1, 0, 0), not (w_c2, w_c3, 0, 0). (Under a true convolution with a
//   flipped kernel row 1 would be right and rows 2–4 wrong; either way M_c is
//   inconsistent.)
// - k₂'s left side lists ∂L/∂H₂₁, ∂L/∂H₂₂, ∂L/∂H₂₃, ∂L/∂H₂₃, ∂L/∂H₂₄ (five
//   entries against a 4 × 4 matrix): read as the typo of ∂L/∂H₂₁ … ∂L/∂H₂₄.
//
// The convolution as a tensor operator and its transposed-convolution form
// (l.925) are checked in 004-q6-q14-q15-conv.ts; the case Z ∈ R^{2×1} (l.921) is
// not answered by the seed.

export const q14dScalar = derivation("Q14(d): ∂L/∂W = −2(y − ŷ) × X for scalars", {
  source: "004 Q14(d)",
  lines: "904-915",
  let: { W: "scalar", X: "scalar", b: "scalar", y: "scalar" },
}, (d) => {
  d.step("grad((y - (W * X + b))^2, W) = -2 * (y - (W * X + b)) * X");
});

export const q14dRow = derivation("Q14(d): ∂L/∂W for one output ŷ = WX + b, W a row", {
  source: "004 Q14(d)",
  lines: "904-915",
  let: { W: "1 x n", X: "n", b: "scalar", y: "scalar" },
}, (d) => {
  d.define("yhat = W * X + b");
  d.define("L = (y - yhat)^2");
  d.step("grad(L, W) = -2 * (y - yhat) * X", {
    skip: "shape mismatch, not checkable as a verdict: ∂L/∂W has W's shape 1 × n, while −2(y − ŷ) × X is n × 1 (a layout slip: the transpose)",
  });
  d.step("grad(L, W) = -2 * (y - yhat) * X'");
  d.step("grad(L, W)' = -2 * (y - yhat) * X"); // the author's right side is the transpose
});

export const q14dImage = derivation("Q14(d): ∂L/∂W for a square image X, ŷ = WX + b", {
  source: "004 Q14(d)",
  lines: "904-915",
  let: { W: "n x n", X: "n x n", b: "scalar", y: "n x n" },
}, (d) => {
  d.define("yhat = W * X + b");
  d.define("L = sum((y - yhat) .^ 2)");
  d.step("grad(L, W) = -2 * (y - yhat) * X", {
    expect: "refuted",
    note: "layout: ∂L/∂W = −2(y − ŷ)Xᵀ; the author's × X has the wrong orientation (and does not compose unless X is square)",
  });
  d.step("grad(L, W) = -2 * (y - yhat) * X'");
});

const channels = [1, 2, 3];

export const q15 = derivation("Q15: the matrices M_c of ∂L/∂H_c = M_c ∂L/∂Z", {
  source: "004 Q15",
  let: {
    w11: "scalar", w12: "scalar", w13: "scalar",
    w21: "scalar", w22: "scalar", w23: "scalar",
    w31: "scalar", w32: "scalar", w33: "scalar",
    H1: "4", H2: "4", H3: "4", g: "4",
  },
}, (d) => {
  // forward (inferred): Z_j = w_c1 H_{c,j−1} + w_c2 H_{c,j} + w_c3 H_{c,j+1}, padding 1
  d.define("T(a, b, c) = [b, c, 0, 0; a, b, c, 0; 0, a, b, c; 0, 0, a, b]");
  d.define("Z = T(w11, w12, w13) * H1 + T(w21, w22, w23) * H2 + T(w31, w32, w33) * H3");
  d.step("Z[1] = w12 * H1[1] + w13 * H1[2] + w22 * H2[1] + w23 * H2[2] + w32 * H3[1] + w33 * H3[2]");
  d.step("Z[2] = w11 * H1[1] + w12 * H1[2] + w13 * H1[3] + w21 * H2[1] + w22 * H2[2] + w23 * H2[3] + w31 * H3[1] + w32 * H3[2] + w33 * H3[3]");
  // the author's M_c (l.927–931)
  d.define("Ma(a, b, c) = [b, c, 0, 0; c, b, a, 0; 0, c, b, a; 0, 0, c, b]");
  for (const c of channels) {
    const [a, b, cc] = [`w${c}1`, `w${c}2`, `w${c}3`];
    d.step(`grad(g' * Z, H${c}) = Ma(${a}, ${b}, ${cc}) * g`, {
      lines: "927-931",
      expect: "refuted",
      note: `row 1 of M${c} should be (w${c}2, w${c}1, 0, 0): ∂L/∂H_${c}1 = w${c}2 ∂L/∂Z1 + w${c}1 ∂L/∂Z2`,
    });
    d.step(`grad(g' * Z, H${c}) = [${b}, ${a}, 0, 0; ${cc}, ${b}, ${a}, 0; 0, ${cc}, ${b}, ${a}; 0, 0, ${cc}, ${b}] * g`, { lines: "927-931" });
    d.step(`grad(g' * Z, H${c}) = T(${a}, ${b}, ${cc})' * g`, { lines: "925" }); // the transposed convolution (l.925)
  }
  // the transposed convolution is a convolution of ∂L/∂Z with the flipped kernel
  d.step("(T(w11, w12, w13)' * g)[2] = w13 * g[1] + w12 * g[2] + w11 * g[3]", { lines: "925" });
  // rows 2–4 of the author's M₁ agree with it
  d.step("(Ma(w11, w12, w13) * g)[2] = (T(w11, w12, w13)' * g)[2]", { lines: "925" });
  d.step("(Ma(w11, w12, w13) * g)[3] = (T(w11, w12, w13)' * g)[3]", { lines: "925" });
  d.step("(Ma(w11, w12, w13) * g)[4] = (T(w11, w12, w13)' * g)[4]", { lines: "925" });
});
