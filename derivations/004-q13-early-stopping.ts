// Seed 004 (Deep Learning HW3), Q13, l.794-836: early stopping as L2
// regularisation. The recurrences (by induction) and the small-parameter
// approximations; the identities of the same label are in
// 004-q13-early-stopping-l2.ts. Transcribed as the author wrote them.
//  - l.808-810: w^(τ) = w^(τ-1) - εH(w^(τ-1) - w*), w^(0) = 0, so
//    w^(τ) - w* = (I - εH)^τ (w^(0) - w*) for every τ;
//  - l.816-820: in the eigenbasis, u^(τ) = Qᵀw^(τ) obeys
//    u^(τ) = (I - εΛ)u^(τ-1) + εΛQᵀw*, u^(0) = 0, and
//    Qᵀw^(τ) = [I - (I - εΛ)^τ]Qᵀw* for every τ;
//  - l.828-834: the matching condition (I - εΛ)^τ = (Λ + αI)^-1 α holds on one
//    eigenvalue λ when τ = log(α/(λ + α)) / log(1 - ελ); under ελ ≪ 1 and
//    λ/α ≪ 1 (both follow from λ -> 0 at fixed ε, α) τ ≈ 1/(εα) (l.832) and
//    α ≈ 1/τ (l.834).
// Kept as written and refuted: α ≈ 1/τ (l.834); from τ ≈ 1/(εα) it is
// α ≈ 1/(ετ) (Goodfellow et al., eq. 7.45), checked beside it.
// Shrinking ε together with λ (`as λ -> 0, ε -> 0`) takes ελ to 1e-14, where
// log(1 - ελ) has lost its digits in float64: the check says so (undecided),
// so the small parameter is λ alone, which makes both ελ and λ/α small.
// ε is a small step size (0 < ε ≤ 0.1), which keeps |1 - ελ_i| < 1.

import { derivation } from "derive";

export const recurrences = derivation("004 Q13: the GD iterate on the quadratic, by induction", {
  source: "004 Q13",
  let: { H: "n x n spd", ws: "n", ε: "scalar in (0, 0.1]", Q: "n x n orthogonal", Λ: "n x n diagonal positive" },
}, (d) => {
  // l.808-810 with w^(0) = 0
  d.recurrence({
    name: "w", index: "τ", init: "zeros(n)",
    step: "w - ε * H * (w - ws)",
    closed: "ws + (I - ε * H)^τ * (zeros(n) - ws)",
  }, { lines: "808-810" });
  // l.816-820
  d.recurrence({
    name: "u", index: "τ", init: "zeros(n)",
    step: "(I - ε * Λ) * u + ε * Λ * Q' * ws",
    closed: "(I - (I - ε * Λ)^τ) * Q' * ws",
  }, { lines: "816-820" });
  // control, not in the seed: one power too many
  d.recurrence({
    name: "u", index: "τ", init: "zeros(n)",
    step: "(I - ε * Λ) * u + ε * Λ * Q' * ws",
    closed: "(I - (I - ε * Λ)^(τ + 1)) * Q' * ws",
  }, { lines: "816-820", expect: "refuted", note: "control, not in the seed: the power τ + 1 is one too many" });
});

export const generalStart = derivation("004 Q13: the GD iterate from any start w0", {
  source: "004 Q13",
  let: { A: "n x n spd", w0: "n", ws: "n", ε: "scalar in (0, 0.1]" },
}, (d) => {
  // l.810 unrolled from a general w^(0): w^(τ) - w* = (I - εA)^τ (w^(0) - w*)
  d.recurrence({
    name: "w", index: "τ", init: "w0",
    step: "(I - ε * A) * w + ε * A * ws",
    closed: "ws + (I - ε * A)^τ * (w0 - ws)",
  }, { lines: "810" });
});

export const smallParameters = derivation("004 Q13: τ ≈ 1/(εα) and α ≈ 1/τ under ελ ≪ 1, λ/α ≪ 1", {
  source: "004 Q13",
  let: { ε: "scalar in (0, 0.1]", α: "scalar in (0.1, 10)", λ: "scalar in (0, 1)" },
}, (d) => {
  // l.828 on one eigenvalue: τ solves (1 - ελ)^τ = α / (λ + α)
  d.define("τ = log(α / (λ + α)) / log(1 - ε * λ)");
  d.step("(1 - ε * λ)^τ = α / (λ + α)", { lines: "828" });
  // l.832: τ ≈ 1/(εα) as ελ -> 0 and λ/α -> 0
  d.step("τ ≈ 1 / (ε * α) as λ -> 0", { lines: "832" });
  // ε -> 0 alone is not enough: λ/α must be small too (control, not in the seed)
  d.step("τ ≈ 1 / (ε * α) as ε -> 0", { lines: "832", let: { α: "scalar in (0.1, 1)" }, expect: "refuted", note: "control, not in the seed: with λ/α fixed, τεα tends to log(1 + λ/α)/(λ/α), not 1" });
  // l.834 as written
  d.step("α ≈ 1 / τ as λ -> 0", { lines: "834", expect: "refuted", note: "from τ ≈ 1/(εα) the decay is α ≈ 1/(ετ); 1/τ drops the step size" });
  d.step("α ≈ 1 / (ε * τ) as λ -> 0", { lines: "834" });
});
