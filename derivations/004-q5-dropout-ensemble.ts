import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q5, l.359–415: dropout as an ensemble, and the
// weight-scaling rule for a softmax regression (after Goodfellow et al. §7.12).
//
// Everything is checked at small n by writing the sums and products over the
// 2ⁿ masks out: n = 3 inputs (8 masks) and K = 4 classes, W ∈ R^{3×4}, v ∈ R³,
// b ∈ R⁴, random; and n = 2 (4 masks) where the author's root index matters.
//
// Readings:
// - W_{y,:}ᵀu (l.401–411) is read as (Wᵀu)_y, the y-th entry of Wᵀu, as in
//   P(Y = y|v) = softmax(Wᵀv + b)_y. The subscript "_v" of l.385 is read as _y.
// - Vectors over the classes y stand for "for every y": P̃ensemble(Y = ·|v) is
//   the K-vector of its values.
// - The author's ∝ (l.407) is over y at fixed v, W, b. The language's ∝ compares
//   values as a named variable is redrawn, which is not this; so "f ∝ g over y"
//   is checked as f/Σ_y f = g/Σ_y g (renormalising removes exactly the factor
//   that does not depend on y), which is also the author's renormalisation
//   (l.379, 391, 413).
// - l.407 typesets the root as \int_{d∈{0,1}^n}^{2n}: read as \sqrt[2n]{∏_d …}.
// - p(μ) (l.369) for a keep probability ρ is ∏_i ρ^{μ_i}(1 − ρ)^{1−μ_i}; the
//   uniform distribution of l.377 is ρ = ½, p(μ) = 1/2ⁿ.
//
// What the checker finds:
// - the root \sqrt[2n] (l.395–407) should be \sqrt[2ⁿ]: the two agree at n = 2
//   only, and with the 2n-th root the renormalised ensemble is not softmax(½Wᵀv + b)
//   at n = 3;
// - l.401 writes W_{y;:} in the denominator's sum over y', which should be W_{y';:};
// - l.409 drops the exp, and l.409–411 write "=" where only ∝ holds.

// the 8 masks d ∈ {0,1}³
const masks = ["[0;0;0]", "[0;0;1]", "[0;1;0]", "[0;1;1]", "[1;0;0]", "[1;0;1]", "[1;1;0]", "[1;1;1]"];
const over = (f: (m: string) => string, op: string): string => masks.map(f).join(` ${op} `);

export const masksMean = derivation("Q5: bagging mean and mask mean, written out over the 8 masks (n = 3)", {
  source: "004 Q5",
  let: { W: "3 x 4", v: "3", b: "4", ρ: "scalar" },
  prose: [
    "Q5 l.371: approximating the mask mean by averaging the outputs of 10–20 sampled masks (statistical: checked with random masks in 004-q5-dropout-masks.ts)",
    "Q5 l.373, 381–383: why the geometric mean needs no sub-model to give probability zero, and the weight-scaling inference rule in words (prose)",
  ],
}, (d) => {
  d.define("Pd(m) = softmax(W' * (m .* v) + b)"); // P(Y = ·|v; d), l.389
  // p(μ) for keep probability ρ
  d.define("pmu(m) = (ρ * m[1] + (1 - ρ) * (1 - m[1])) * (ρ * m[2] + (1 - ρ) * (1 - m[2])) * (ρ * m[3] + (1 - ρ) * (1 - m[3]))");
  // l.369: Σ_μ p(μ) p(y|x, μ) is a distribution (p(μ) sums to 1 for every ρ)
  d.step(`${over((m) => `pmu(${m})`, "+")} = 1`, { lines: "369" });
  d.step(`sum(${over((m) => `pmu(${m}) * Pd(${m})`, "+")}) = 1`, { lines: "369" });
});

export const masksMeanUniform = derivation("Q5: with the uniform p(μ) = 1/2ⁿ the mask mean is the bagging mean (n = 3, k = 8)", {
  source: "004 Q5",
  let: { W: "3 x 4", v: "3", b: "4" },
  given: { ρ: 0.5 },
}, (d) => {
  d.define("Pd(m) = softmax(W' * (m .* v) + b)");
  d.define("pmu(m) = (ρ * m[1] + (1 - ρ) * (1 - m[1])) * (ρ * m[2] + (1 - ρ) * (1 - m[2])) * (ρ * m[3] + (1 - ρ) * (1 - m[3]))");
  d.step(`[${over((m) => `pmu(${m})`, ",")}] = 1/2^3 * ones(1, 8)`);
  // l.365 = l.369: (1/k)Σ_i p⁽ⁱ⁾(y|x) with k = 2ⁿ sub-models equals Σ_μ p(μ)p(y|x, μ)
  d.step(`${over((m) => `pmu(${m}) * Pd(${m})`, "+")} = 1/8 * (${over((m) => `Pd(${m})`, "+")})`, { lines: "365" });
});

export const weightScaling = derivation("Q5: the geometric-mean ensemble of a softmax regression (n = 3, K = 4)", {
  source: "004 Q5",
  let: { W: "3 x 4", v: "3", b: "4", dm: "3" },
}, (d) => {
  d.define("a(m) = W' * (m .* v) + b"); // logits of the sub-model with mask m
  d.define("Pd(m) = softmax(a(m))");
  d.define("renorm(q) = q / sum(q)");
  d.define(`prodP = ${over((m) => `Pd(${m})`, ".*")}`); // ∏_d P(Y = ·|v; d)
  d.define(`prodE = ${over((m) => `exp(a(${m}))`, ".*")}`); // ∏_d exp(W_{y,:}ᵀ(d ⊙ v) + b_y)
  d.define(`prodS = ${over((m) => `sum(exp(a(${m})))`, "*")}`); // ∏_d Σ_y' exp(W_{y',:}ᵀ(d ⊙ v) + b_y')
  d.define("Ptilde_2n = prodP .^ (1 / (2 * 3))"); // the author's \sqrt[2n]{…} (l.395)
  d.define("Ptilde = prodP .^ (1 / 2^3)"); // \sqrt[2ⁿ]{…}, as at l.375

  // l.401: softmax(Wᵀ(d ⊙ v) + b)_y written out, at y = 1 and a generic d; the author's
  // denominator keeps W_{y;:} (here W column 1) in every term of the sum over y'
  d.step("softmax(W' * (dm .* v) + b)[1] = exp((W' * (dm .* v))[1] + b[1]) / (exp((W' * (dm .* v))[1] + b[1]) + exp((W' * (dm .* v))[1] + b[2]) + exp((W' * (dm .* v))[1] + b[3]) + exp((W' * (dm .* v))[1] + b[4]))", {
    lines: "401",
    expect: "refuted",
    note: "the denominator's sum over y' must use W_{y';:}, not W_{y;:}",
  });
  d.step("softmax(W' * (dm .* v) + b)[1] = exp((W' * (dm .* v))[1] + b[1]) / (exp((W' * (dm .* v))[1] + b[1]) + exp((W' * (dm .* v))[2] + b[2]) + exp((W' * (dm .* v))[3] + b[3]) + exp((W' * (dm .* v))[4] + b[4]))", { lines: "401" });

  // l.399–403: the root of the product of quotients is the quotient of the roots (any root index)
  d.step("Ptilde_2n = prodE .^ (1 / (2 * 3)) / prodS^(1 / (2 * 3))", { lines: "399-403" });
  d.step("Ptilde = prodE .^ (1 / 2^3) / prodS^(1 / 2^3)", { lines: "399-403" });
  // l.407: dropping the y-independent denominator (∝ over y, checked renormalised)
  d.step("renorm(Ptilde_2n) = renorm(prodE .^ (1 / (2 * 3)))", { lines: "407" });
  d.step("renorm(Ptilde) = renorm(prodE .^ (1 / 2^3))", { lines: "407" });
  // l.409: "= (1/2ⁿ)Σ_d W_{y;:}ᵀ(d ⊙ v) + b_y" (no exp)
  d.step(`Ptilde = 1/2^3 * (${over((m) => `W' * (${m} .* v)`, "+")}) + b`, {
    lines: "409",
    expect: "refuted",
    note: "l.409 drops the exp and writes = for ∝: the root of ∏ exp(·) is exp of the mean, up to a factor constant in y",
  });
  d.step(`prodE .^ (1 / 2^3) = exp(1/2^3 * (${over((m) => `a(${m})`, "+")}))`, { lines: "409" });
  d.step(`renorm(Ptilde) = renorm(exp(1/2^3 * (${over((m) => `W' * (${m} .* v)`, "+")}) + b))`, { lines: "409" });
  // l.409 → l.411: the mask mean, written out over the 8 masks
  d.step(`1/2^3 * (${over((m) => m, "+")}) = 1/2 * ones(3)`, { lines: "409" });
  d.step(`1/2^3 * (${over((m) => `W' * (${m} .* v)`, "+")}) = 1/2 * W' * v`, { lines: "409" });
  // l.411: "P̃ensemble(Y = y|v) = exp(½W_{y:}ᵀv + b_y)"
  d.step("Ptilde = exp(1/2 * W' * v + b)", {
    lines: "411",
    expect: "refuted",
    note: "only ∝ holds: P̃ is exp(½Wᵀv + b) divided by (∏_d Σ_y' exp(…))^{1/2ⁿ}, dropped at l.407",
  });
  d.step("renorm(Ptilde) = renorm(exp(1/2 * W' * v + b))", { lines: "411" });
  // l.413–415: renormalised, the ensemble is a softmax classifier with weights ½W
  d.step("renorm(Ptilde) = softmax(1/2 * W' * v + b)", { lines: "413-415" });
  d.step("renorm(Ptilde_2n) = softmax(1/2 * W' * v + b)", {
    lines: "413-415",
    expect: "refuted",
    note: "with the author's \\sqrt[2n] the result is softmax((2ⁿ⁻¹/2n)Wᵀv + (2ⁿ/2n)b): weights ½ only at n = 2; the root must be \\sqrt[2ⁿ]",
  });
  d.step("renorm(Ptilde_2n) = softmax(2^2 / (2 * 3) * W' * v + 2^3 / (2 * 3) * b)", { lines: "413-415" });
});

// the 4 masks d ∈ {0,1}²
const masks2 = ["[0;0]", "[0;1]", "[1;0]", "[1;1]"];

export const weightScalingN2 = derivation("Q5: at n = 2 the author's root \\sqrt[2n] is \\sqrt[2ⁿ]", {
  source: "004 Q5",
  let: { W: "2 x 4", v: "2", b: "4" },
}, (d) => {
  d.define("Pd(m) = softmax(W' * (m .* v) + b)");
  d.define("renorm(q) = q / sum(q)");
  d.define(`prodP = ${masks2.map((m) => `Pd(${m})`).join(" .* ")}`);
  d.step("renorm(prodP .^ (1 / (2 * 2))) = softmax(1/2 * W' * v + b)");
  d.step(`1/2^2 * (${masks2.map((m) => `W' * (${m} .* v)`).join(" + ")}) = 1/2 * W' * v`);
});
