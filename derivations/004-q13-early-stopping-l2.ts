import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q13, l.794–836: early stopping and L2
// regularisation on a quadratic model (after Goodfellow et al. §7.8).
//
// The identity parts are checked with symbolic sizes n (drawn 2 to 5):
// H = QΛQᵀ with Q orthogonal and Λ diagonal positive (H is the Hessian at the
// minimum w*, positive semidefinite; positive definite is drawn), w* = ws,
// w^(τ−1) = wp, step size ε and L2 coefficient α.
// - l.800–804: Ĵ(w) = J(w*) + ½(w − w*)ᵀH(w − w*) and ∇Ĵ(w) = H(w − w*);
// - l.808–816: the GD step, w^(τ) − w* = (I − εH)(w^(τ−1) − w*), and the same in
//   the eigenbasis, Qᵀ(w^(τ) − w*) = (I − εΛ)Qᵀ(w^(τ−1) − w*);
// - l.820: Qᵀw^(τ) = [I − (I − εΛ)^τ]Qᵀw*, a recurrence solved by induction from
//   w^(0) = 0. Its base case and its induction step are identities (τ is an
//   integer k ∈ {1, 2}); the induction itself is in 004-q13-early-stopping.ts;
// - l.822–824: w̃ = Q(Λ + αI)⁻¹ΛQᵀw* minimises Ĵ(w) + (α/2)wᵀw, and
//   Qᵀw̃ = (Λ + αI)⁻¹ΛQᵀw* = [I − (Λ + αI)⁻¹α]Qᵀw*.
//
// Under ελ_i ≪ 1 and λ_i/α ≪ 1 (l.830), τ ≈ 1/(εα) (l.832) and α ≈ 1/τ (l.834)
// are in 004-q13-early-stopping.ts. The matching condition
// (I − εΛ)^τ = (Λ + αI)⁻¹α (l.828) is a condition, not a claim.

export const quadratic = derivation("Q13: the quadratic model, its gradient and the GD recurrence", {
  source: "004 Q13",
  let: {
    H: "n x n spd", Q: "n x n orthogonal", Λ: "n x n diagonal positive",
    w: "n", ws: "n", wp: "n", J0: "scalar", ε: "scalar", k: "integer",
  },
}, (d) => {
  d.define("Jhat(u) = J0 + 1/2 * (u - ws)' * H * (u - ws)"); // l.800
  d.step("grad(Jhat(w), w) = H * (w - ws)", { lines: "804" }); // l.804
  // l.808
  d.step("wp - ε * grad(Jhat(wp), wp) = wp - ε * H * (wp - ws)", { lines: "808" });
  // l.810
  d.step("(wp - ε * H * (wp - ws)) - ws = (I - ε * H) * (wp - ws)", { lines: "810" });
  // l.812–814, with H = QΛQᵀ
  d.step("(wp - ε * Q * Λ * Q' * (wp - ws)) - ws = (I - ε * Q * Λ * Q') * (wp - ws)", { lines: "812-814" });
  // l.816
  d.step("Q' * (I - ε * Q * Λ * Q') * (wp - ws) = (I - ε * Λ) * Q' * (wp - ws)", { lines: "816" });
  // l.820: base case w^(0) = 0 …
  d.step("(I - (I - ε * Λ)^0) * Q' * ws = 0", { lines: "820" });
  // … and induction step: if Qᵀw^(k) = [I − (I − εΛ)^k]Qᵀw*, then by l.816
  // Qᵀw^(k+1) = Qᵀw* + (I − εΛ)(Qᵀw^(k) − Qᵀw*) = [I − (I − εΛ)^(k+1)]Qᵀw*
  d.step("Q' * ws + (I - ε * Λ) * ((I - (I - ε * Λ)^k) * Q' * ws - Q' * ws) = (I - (I - ε * Λ)^(k + 1)) * Q' * ws", { lines: "816" });
});

export const ridge = derivation("Q13: the L2-regularised solution in the eigenbasis", {
  source: "004 Q13",
  let: { Q: "n x n orthogonal", Λ: "n x n diagonal positive", w: "n", ws: "n", J0: "scalar", α: "scalar positive" },
}, (d) => {
  d.define("H = Q * Λ * Q'");
  d.define("Jreg(u) = J0 + 1/2 * (u - ws)' * H * (u - ws) + α / 2 * u' * u");
  d.define("wtilde = Q * inv(Λ + α * I) * Λ * Q' * ws"); // l.822
  // w̃ is the minimiser: the gradient of the regularised objective vanishes there
  d.step("H * (wtilde - ws) + α * wtilde = 0", { lines: "822" });
  d.step("grad(Jreg(w), w) = (H + α * I) * w - H * ws", { lines: "822" });
  d.step("wtilde = inv(H + α * I) * H * ws", { lines: "822" });
  // l.824
  d.chain("Q' * wtilde", "inv(Λ + α * I) * Λ * Q' * ws", "(I - inv(Λ + α * I) * α) * Q' * ws", { lines: "824" });
});
