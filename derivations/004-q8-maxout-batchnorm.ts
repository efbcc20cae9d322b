import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q8(d), l.551–569 (maxout) and Q8(e), l.571–583
// (batch normalisation in a 2-D convolutional layer).
//
// Q8(d) readings:
// - The units h₁ = max(w₁ᵀv + b₁, W₂ᵀv + b₂), h₂ = max(w₃ᵀv + b₃, W₄ᵀv + b₄)
//   (l.561–563): the capitals W₂, W₄ are typesetting; all four are vectors of
//   v's size n. The language has no max: max(a, c) is written c + relu(a − c),
//   checked against (a + c + |a − c|)/2.
// - Only the identity parts are checked: f̂(v) of l.567 is h₁ × h₂, and each unit
//   is at least each of its pieces. The claim that f̂ approximates any continuous
//   function (l.569) is not an identity but a universal-approximation theorem
//   (over all continuous functions and all parameters), which no sampler
//   decides: it is listed as not checkable; note that the cited theorem (Goodfellow et al. 2013, Thm 4.3)
//   uses the difference h₁ − h₂ of two maxout units with enough pieces, not their
//   product.
//
// Q8(e) readings:
// - A tensor in R^{N×C×H×W} is represented by the matrix X ∈ R^{m×C} whose column
//   c holds the m = N·H·W entries of channel c (the language has matrices only);
//   μ_c and the variance are taken over each column.
// - δ_c² in x̂ = (x − μ_c)/√(δ_c² − ε) (l.575) is the channel's variance (the
//   author calls it the variance of channel c); ε = 1e-5 (PyTorch's default, the
//   seed states none).
// - What the checker finds: √(δ_c² − ε) should be √(σ_c² + ε). With "− ε" the
//   normalised channel has variance σ²/(σ² − ε) > 1, and the formula is undefined
//   when σ² < ε (a constant channel), which ε is there to prevent.
//
// Prose, not checkable: Q8(a)–(c), ی), و) (l.466–549, 585–598).

export const maxout = derivation("Q8(d): the maxout units and f̂(v) = h₁ × h₂", {
  source: "004 Q8(d)",
  let: { v: "n", w1: "n", w2: "n", w3: "n", w4: "n", b1: "scalar", b2: "scalar", b3: "scalar", b4: "scalar", a: "scalar", c: "scalar" },
  prose: [
    "Q8(d) l.569: 'a maxout model with only two hidden units approximates any continuous function' is a universal-approximation theorem, not checkable by sampling or by the engine; the cited theorem uses h₁ − h₂ with arbitrarily many pieces",
  ],
}, (d) => {
  d.define("mx(p, q) = q + relu(p - q)");
  d.step("mx(a, c) = (a + c + abs(a - c)) / 2"); // the reading of max
  d.define("h1 = mx(w1' * v + b1, w2' * v + b2)"); // l.561
  d.define("h2 = mx(w3' * v + b3, w4' * v + b4)"); // l.563
  d.step("h1 >= w1' * v + b1", { lines: "561" });
  d.step("h1 >= w2' * v + b2", { lines: "561" });
  d.step("h2 >= w3' * v + b3", { lines: "563" });
  d.step("h2 >= w4' * v + b4", { lines: "563" });
  // l.567
  d.step("mx(w1' * v + b1, w2' * v + b2) * mx(w3' * v + b3, w4' * v + b4) = h1 * h2", { lines: "567" });
});

export const batchNorm = derivation("Q8(e): batch normalisation of a channel, x̂ = (x − μ_c)/√(δ_c² − ε) and y = γx̂ + β", {
  source: "004 Q8(e)",
  let: { X: "m x C", γ: "C", β: "C" },
  given: { ε: 1e-5 },
}, (d) => {
  d.define("mu = X' * ones(m) / m"); // μ_c for every channel c
  d.define("var = ((X - ones(m) * mu') .^ 2)' * ones(m) / m"); // σ_c² (the author's δ_c²)
  d.define("xhat_a = (X - ones(m) * mu') ./ (ones(m) * sqrt(var - ε)')"); // l.575 as written
  d.define("xhat = (X - ones(m) * mu') ./ (ones(m) * sqrt(var + ε)')"); // the standard form
  d.step("xhat_a = xhat", {
    lines: "575",
    expect: "refuted",
    note: "√(δ_c² − ε) should be √(σ_c² + ε): ε is added to keep the denominator away from 0",
  });
  // what each form does to a channel: mean 0, variance σ²/(σ² + ε) ≤ 1 against σ²/(σ² − ε) > 1
  d.step("xhat' * ones(m) / m = 0", { lines: "575" });
  d.step("(xhat .^ 2)' * ones(m) / m = var ./ (var + ε)", { lines: "575" });
  d.step("(xhat_a .^ 2)' * ones(m) / m = var ./ (var - ε)", { lines: "575" });
  // l.581: y = γx̂ + β, per channel
  d.define("Y = xhat .* (ones(m) * γ') + ones(m) * β'");
  d.step("Y[2, 1] = γ[1] * xhat[2, 1] + β[1]", { lines: "581" });
  d.step("Y' * ones(m) / m = β", { lines: "581" }); // each channel of y has mean β_c
});
