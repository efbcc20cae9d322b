import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q2, l.164–202: three linear networks for the
// same regression task, A = 5-5 (ŷ = w_A x), B = 5-4-5 (ŷ = w_B2 w_B1 x),
// C = 5-16-5 (ŷ = w_C2 w_C1 x), and the sets of 5×5 maps they can represent:
// w_A = all 5×5 matrices, w_B = {w_B2 w_B1}, w_C = {w_C2 w_C1}.
//
// Ranks are probed here through determinants and factorisations
// (004-q2-linear-networks.ts checks the same bounds with rank and svdvals):
// - rank ≤ 4 of a 5×5 matrix M: det(M) = 0; rank 5 attained: |det(M)| > 0;
// - rank ≤ 5 of the 16×16 matrix w_C1 w_C1ᵀ: det = 0;
// - "C fits like A" (l.198): every 5×5 matrix M is w_C2 w_C1 with
//   w_C2 = M (w_C1ᵀw_C1)⁻¹w_C1ᵀ for any w_C1 of full column rank;
// - "Rank4 cannot cover Rank5" (l.188): every w_B2 w_B1 has det 0, while a generic
//   5×5 matrix has det ≠ 0.
// The shape of each product is checked by counting its entries
// (sum(0·M + 1) = rows·cols); a shape mismatch would be an error.
//
// What the checker finds: l.202, w_B ∩ w_C = w_A, is wrong. Since w_B ⊆ w_A = w_C
// (l.200 and l.198), w_B ∩ w_C = w_B, a proper subset of w_A. The equality would
// put every 5×5 matrix into w_B and so give it det 0; that consequence is the
// refuted step.
//
// Prose, not checkable: the comparison of the answers' quality, overfitting of C
// with too little data, nonlinear activations (l.166–170, 198).

export const ranks = derivation("Q2: shapes and rank bounds of the linear networks A = 5-5, B = 5-4-5, C = 5-16-5", {
  source: "004 Q2",
  let: {
    wA: "5 x 5",
    wB2: "5 x 4", wB1: "4 x 5",
    wC2: "5 x 16", wC1: "16 x 5",
    x: "5",
  },
  prose: [
    "Q2 l.166–170, 198: quality of the three networks' answers, overfitting of C on the test data when data are few, and the remark on nonlinear activations (prose)",
  ],
}, (d) => {
  // A (l.174–178): ŷ = w_A x with w_A ∈ R^{5×5}, Rank(w_A) ≤ 5, attained
  d.step("sum(0 * (wA * x) + 1) = 5", { lines: "174-178" });
  d.step("abs(det(wA)) > 0", { lines: "174-178" });

  // B (l.182–186): w_B2 ∈ R^{5×4}, w_B1 ∈ R^{4×5}, ranks ≤ 4; w̄_B = w_B2 w_B1 ∈ R^{5×5}, rank ≤ 4
  d.step("det(wB2 * wB2') = 0", { lines: "182-186" }); // Rank(w_B2) ≤ 4
  d.step("det(wB2' * wB2) > 0", { lines: "182-186" }); // and 4 is attained
  d.step("det(wB1' * wB1) = 0", { lines: "182-186" }); // Rank(w_B1) ≤ 4
  d.step("det(wB1 * wB1') > 0", { lines: "182-186" });
  d.step("sum(0 * (wB2 * wB1) + 1) = 25", { lines: "182-186" }); // w̄_B ∈ R^{5×5}
  d.step("det(wB2 * wB1) = 0", { lines: "182-186" }); // Rank(w̄_B) ≤ 4
  d.step("wB2 * wB1 * x = wB2 * (wB1 * x)", { lines: "182-186" }); // ŷ = w_B2 z, z = w_B1 x

  // C (l.192–196): w_C2 ∈ R^{5×16}, w_C1 ∈ R^{16×5}, ranks ≤ 5; w̄_C ∈ R^{5×5}, rank ≤ 5
  d.step("det(wC2 * wC2') > 0", { lines: "192-196" }); // Rank(w_C2) = 5
  d.step("det(wC1 * wC1') = 0", { lines: "192-196" }); // the 16×16 Gram matrix has rank ≤ 5
  d.step("det(wC1' * wC1) > 0", { lines: "192-196" }); // Rank(w_C1) = 5
  d.step("sum(0 * (wC2 * wC1) + 1) = 25", { lines: "192-196" }); // w̄_C ∈ R^{5×5}
  d.step("abs(det(wC2 * wC1)) > 0", { lines: "192-196" }); // rank 5 is attained

  // l.188: "Rank4 cannot cover Rank5": a generic w_A (det ≠ 0) is no w_B2 w_B1 (det = 0)
  d.step("abs(det(wA)) > abs(det(wB2 * wB1))", { lines: "188" });

  // l.198: C fits like A: every 5×5 matrix is a product w_C2 w_C1
  d.step("(wA * inv(wC1' * wC1) * wC1') * wC1 = wA", { lines: "198" });
  // l.200: w_B ⊆ w_A (w_B's products are 5×5, above), and so w_B ⊆ w_C too
  d.step("(wB2 * wB1 * inv(wC1' * wC1) * wC1') * wC1 = wB2 * wB1", { lines: "200" });

  // l.202: w_B ∩ w_C = w_A would make every w_A ∈ w_A an element of w_B, hence det(w_A) = 0
  d.step("det(wA) = 0", {
    lines: "202",
    expect: "refuted",
    note: "l.202 w_B ∩ w_C = w_A is wrong: w_B ⊆ w_A = w_C gives w_B ∩ w_C = w_B, and a generic 5×5 w_A (det ≠ 0) is not in w_B",
  });
  // corrected: w_B ∩ w_C = w_B, whose elements all have det 0
  d.step("det((wB2 * wB1 * inv(wC1' * wC1) * wC1') * wC1) = 0", { lines: "202" });
});
