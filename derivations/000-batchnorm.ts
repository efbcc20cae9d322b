import { derivation } from "derive";

// Seed 000 (Deep Learning HW1, 000_5875d3bde9a67171.txt),
// Q5.2 (l.240–266): the backward pass of batch normalisation.
//
// Not checkable: the computational graph itself (l.242, "گراف محاسباتی": the
// figure is missing from the seed).
//
// Readings:
//   - The author's ∂L/∂β and ∂L/∂γ are two-term sums (∂L/∂y_1 + ∂L/∂y_2), so
//     the batch has N = 2 samples, x1 and x2; the general formulas are checked
//     at N = 2. The outputs are written ŷ_i at l.254 and y_i at l.258; they are
//     the same y_i here.
//   - The upstream gradient ∂L/∂y_i is generic: L is a random smooth function
//     of the outputs, L = g1·y1 + g2·y2 + c·y1²·y2 with random g1, g2, c, and
//     ∂L/∂y_i is its partial at the point. Every step is checked at random
//     x1, x2, γ, β, ε > 0, g1, g2, c.
//   - ∂L/∂x̂_i, ∂L/∂σ² and ∂L/∂μ are the partials of the computational graph
//     x → μ, (x, μ) → σ², (x, μ, σ²) → x̂ → y → L: each is the derivative of L
//     with respect to that node, the nodes upstream of it held fixed and the
//     nodes downstream recomputed (so ∂L/∂μ includes the path through σ²). The
//     language differentiates with respect to variables, so each node is a
//     function define and a node's partial is taken through a probe s = 0:
//     diff(L(with σ² + s), s).
//   - l.266: the first Σ_k covers only the first term: ∂L/∂μ =
//     (Σ_k ∂L/∂x̂_k · −1/√(σ²+ε)) + ∂L/∂σ² · (−2/N) Σ_k (x_k − μ). (Both readings
//     agree, since Σ_k (x_k − μ) = 0.)

export const q52 = derivation(
  "000 Q5.2: batch-norm backward pass at N = 2 with a generic upstream gradient",
  {
    source: "000 Q5.2",
    let: {
      x1: "scalar",
      x2: "scalar",
      γ: "scalar",
      β: "scalar",
      ε: "scalar positive",
      g1: "scalar",
      g2: "scalar",
      c: "scalar",
    },
    given: { s: 0 },
    prose: ["000 Q5.2 (l.242): the computational graph is a figure, missing from the seed"],
  },
  (d) => {
    // ---- forward (l.248–254), N = 2 ----
    d.define("N = 2");
    // μ = (1/N) Σ x_i
    d.define("Mu(a, b) = (1 / N) * (a + b)");
    // σ² = (1/N) Σ (x_i − μ)²
    d.define("Var(a, b, m) = (1 / N) * ((a - m)^2 + (b - m)^2)");
    // x̂_i = (x_i − μ)/√(σ² + ε)
    d.define("Xh(xi, m, v) = (xi - m) / sqrt(v + ε)");
    // ŷ_i = γ x̂_i + β
    d.define("Y(t) = γ * t + β");
    // the loss as a function of the outputs (generic upstream gradient, see above)
    d.define("Lout(a, b) = g1 * a + g2 * b + c * a^2 * b");

    d.define("mu = Mu(x1, x2)");
    d.define("σ2 = Var(x1, x2, mu)");
    d.define("xh1 = Xh(x1, mu, σ2)");
    d.define("xh2 = Xh(x2, mu, σ2)");
    d.define("y1 = Y(xh1)");
    d.define("y2 = Y(xh2)");
    d.define("L = Lout(y1, y2)");

    // the two-term sums are the batch mean and the (biased) batch variance
    d.step("mu = mean([x1; x2])", { lines: "248-254" });
    d.step("σ2 = mean(([x1; x2] - mu) .^ 2)", { lines: "248-254" });

    // ---- the partials of the graph's nodes ----
    d.define("dL_dy1 = diff(Lout(y1 + s, y2), s)");
    d.define("dL_dy2 = diff(Lout(y1, y2 + s), s)");
    d.define("dL_dxh1 = diff(Lout(Y(xh1 + s), y2), s)");
    d.define("dL_dxh2 = diff(Lout(y1, Y(xh2 + s)), s)");
    d.define("dL_dvar = diff(Lout(Y(Xh(x1, mu, σ2 + s)), Y(Xh(x2, mu, σ2 + s))), s)");
    d.define(
      "dL_dmu = diff(Lout(Y(Xh(x1, mu + s, Var(x1, x2, mu + s))), Y(Xh(x2, mu + s, Var(x1, x2, mu + s)))), s)",
    );

    // ---- backward (l.258) ----
    // ∂L/∂β = ∂L/∂y_1 + ∂L/∂y_2
    d.step("diff(L, β) = dL_dy1 + dL_dy2", { lines: "258" });
    // ∂L/∂γ = ∂L/∂y_1 x̂_1 + ∂L/∂y_2 x̂_2
    d.step("diff(L, γ) = dL_dy1 * xh1 + dL_dy2 * xh2", { lines: "258" });
    // ∂L/∂x_i = ∂L/∂x̂_i · 1/√(σ²+ε) + ∂L/∂σ² · 2(x_i − μ)/N + ∂L/∂μ · 1/N, for i = 1, 2
    d.step("diff(L, x1) = dL_dxh1 * 1 / sqrt(σ2 + ε) + dL_dvar * 2 * (x1 - mu) / N + dL_dmu * 1 / N", { lines: "258" });
    d.step("diff(L, x2) = dL_dxh2 * 1 / sqrt(σ2 + ε) + dL_dvar * 2 * (x2 - mu) / N + dL_dmu * 1 / N", { lines: "258" });

    // ---- "how to compute the derivatives not given" (l.262–266) ----
    // l.262, as typeset: ∂L/∂x̂_l = ∂L/∂y_k . (the factor after the dot is lost)
    d.step("dL_dxh1 = dL_dy1", {
      lines: "262",
      expect: "refuted",
      note: "as typeset the right side stops at a dot with no factor; ∂L/∂x̂_i = ∂L/∂y_i · γ (y_i = γx̂_i + β)",
    });
    d.step("dL_dxh1 = dL_dy1 * γ", { lines: "262" });
    d.step("dL_dxh2 = dL_dy2 * γ", { lines: "262" });
    // l.264: ∂L/∂σ² = Σ_k ∂L/∂x̂_k · (x_k − μ) · (−1/2)(σ² + ε)^{−3/2}
    d.step(
      "dL_dvar = dL_dxh1 * (x1 - mu) * (-1/2) * (σ2 + ε)^(-3/2) + dL_dxh2 * (x2 - mu) * (-1/2) * (σ2 + ε)^(-3/2)", { lines: "264" },
    );
    // l.266: ∂L/∂μ = Σ_k ∂L/∂x̂_k · −1/√(σ² + ε) + ∂L/∂σ² · (−2/N) Σ_k (x_k − μ)
    d.step(
      "dL_dmu = dL_dxh1 * (-1 / sqrt(σ2 + ε)) + dL_dxh2 * (-1 / sqrt(σ2 + ε)) + dL_dvar * (-2 / N) * ((x1 - mu) + (x2 - mu))", { lines: "266" },
    );

    // ---- the whole backward pass from the author's formulas (with ∂L/∂x̂_i = ∂L/∂y_i·γ) ----
    d.define("Dxh1 = dL_dy1 * γ");
    d.define("Dxh2 = dL_dy2 * γ");
    d.define("Dvar = Dxh1 * (x1 - mu) * (-1/2) * (σ2 + ε)^(-3/2) + Dxh2 * (x2 - mu) * (-1/2) * (σ2 + ε)^(-3/2)");
    d.define("Dmu = Dxh1 * (-1 / sqrt(σ2 + ε)) + Dxh2 * (-1 / sqrt(σ2 + ε)) + Dvar * (-2 / N) * ((x1 - mu) + (x2 - mu))");
    d.step("diff(L, x1) = Dxh1 * 1 / sqrt(σ2 + ε) + Dvar * 2 * (x1 - mu) / N + Dmu * 1 / N", { lines: "266" });
    d.step("diff(L, x2) = Dxh2 * 1 / sqrt(σ2 + ε) + Dvar * 2 * (x2 - mu) / N + Dmu * 1 / N", { lines: "266" });
  },
);
