import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), 004 Q2, l.164–202: the ranks of the linear
// networks A = 5-5, B = 5-4-5, C = 5-16-5, checked with rank(...) and
// singular values. 004-q2-linear-rank.ts checks the same lines through
// determinants and explicit factorisations.
//
// Readings:
// - The networks' weights are random matrices of the stated shapes; a bound
//   "Rank(w) ≤ r" is checked on every sample, and "attained" (the networks at
//   their most expressive) as rank(w) = r for generic weights.
// - "Rank4 cannot cover Rank5" (l.188): no product through width 4 equals a
//   rank-5 matrix. By Eckart–Young, every rank-≤4 matrix is at least σ₅(w_A)
//   away from w_A in the Frobenius norm, and σ₅(w_A) > 0 for a generic w_A.
// - "C fits like A" (l.198): every 5×5 matrix is w_C2 w_C1 with w_C1: 16×5 of
//   full column rank and w_C2 = w_A (w_C1ᵀ w_C1)⁻¹ w_C1ᵀ.
// - l.202, w_B ∩ w_C = w_A, is wrong (see 004-q2-linear-rank.ts): it would put
//   every 5×5 matrix in w_B, so give it rank ≤ 4.
//
// Prose, not checkable: see 004-q2-linear-rank.ts.

export const linearNetworkRanks = derivation("Q2: ranks of the linear networks A = 5-5, B = 5-4-5, C = 5-16-5", {
  source: "004 Q2",
  let: {
    wA: "5 x 5",
    wB2: "5 x 4", wB1: "4 x 5",
    wC2: "5 x 16", wC1: "16 x 5",
  },
}, (d) => {
  // A (l.174–178): w_A ∈ R^{5×5}, Rank(w_A) ≤ 5, attained
  d.step("rank(wA) <= 5", { lines: "174-178" });
  d.step("rank(wA) = 5", { lines: "174-178" });

  // B (l.182–186): Rank(w_B2) ≤ 4, Rank(w_B1) ≤ 4, Rank(w̄_B) = Rank(w_B2 w_B1) ≤ 4
  d.step("rank(wB2) <= 4", { lines: "182-186" });
  d.step("rank(wB1) <= 4", { lines: "182-186" });
  d.step("rank(wB2 * wB1) <= 4", { lines: "182-186" });
  d.step("rank(wB2 * wB1) = 4", { lines: "182-186" }); // attained
  d.step("rank(wB2 * wB1) <= 5", { lines: "200" }); // w̄_B ∈ R^{5×5}: w_B ⊆ w_A (l.200)

  // C (l.192–196): Rank(w_C2) ≤ 5, Rank(w_C1) ≤ 5, Rank(w̄_C) ≤ 5, attained
  d.step("rank(wC2) <= 5", { lines: "192-196" });
  d.step("rank(wC1) <= 5", { lines: "192-196" });
  d.step("rank(wC2 * wC1) <= 5", { lines: "192-196" });
  d.step("rank(wC2 * wC1) = 5", { lines: "192-196" });
  // the 16×16 product the other way round is no wider than its 5 columns
  d.step("rank(wC1 * wC2) = 5", { lines: "192-196" });

  // l.188: Rank4 cannot cover Rank5
  d.step("rank(wA) > rank(wB2 * wB1)", { lines: "188" });
  d.step("svdvals(wA)[5] > 0", { lines: "188" }); // w_A has rank 5
  d.step("norm(wA - wB2 * wB1) >= svdvals(wA)[5]", { lines: "188" }); // no width-4 product reaches it (Eckart–Young)
  d.step("svdvals(wB2 * wB1)[5] = 0", { lines: "188" }); // every width-4 product has σ₅ = 0

  // l.198: C fits like A: w_A = w_C2 w_C1 with w_C2 = w_A (w_C1ᵀw_C1)⁻¹w_C1ᵀ (w_C1 of rank 5)
  d.step("rank(wC1' * wC1) = 5", { lines: "198" });
  d.step("(wA * inv(wC1' * wC1) * wC1') * wC1 = wA", { lines: "198" });
  d.step("rank((wA * inv(wC1' * wC1) * wC1') * wC1) = rank(wA)", { lines: "198" });

  // l.200: w_B ⊆ w_A, and so w_B ⊆ w_C: a width-4 product is a 5×5 matrix, and a product through width 16
  d.step("(wB2 * wB1 * inv(wC1' * wC1) * wC1') * wC1 = wB2 * wB1", { lines: "200" });

  // l.202: w_B ∩ w_C = w_A would put every w_A in w_B, hence rank(w_A) ≤ 4
  d.step("rank(wA) <= 4", {
    lines: "202",
    expect: "refuted",
    note: "l.202 w_B ∩ w_C = w_A is wrong: w_B ⊆ w_A = w_C gives w_B ∩ w_C = w_B, and a generic 5×5 w_A has rank 5",
  });
  // corrected: w_B ∩ w_C = w_B, whose elements all have rank ≤ 4
  d.step("rank((wB2 * wB1 * inv(wC1' * wC1) * wC1') * wC1) <= 4", { lines: "202" });
});
