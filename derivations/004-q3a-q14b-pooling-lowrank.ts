import { derivation } from "derive";

// Seed 004, Q3(a) (l.204-272) and Q14(b) (l.870-896): the parts that are not
// tensor operations. The convolutions themselves (Conv1D 2 -> 1, k = 2; the
// conv sum z_{i,j} of Q14(b) and its derivatives) are checked with conv1d /
// conv2d in 004-q3a-conv1d.ts and 004-q6-q14-q15-conv.ts.
//
// Q3(a): after Conv1D (output length 4 - 2 + 1 = 3, written z), the model
// pools with k = 2, s = 1 (output length 2). The author writes (l.254, l.270)
// that AvgPool1D / MaxPool1D have no trainable weights, "therefore its
// derivative is zero" and it is passed back to Conv1D. Reading: the derivative
// of the pooling layer's output with respect to its input. No weights is true;
// a zero derivative is not: average pooling is the fixed linear map P below,
// and max pooling routes the gradient to the larger entry of each window.

export const pooling = derivation("004 Q3(a): the derivative of a pooling layer is not zero", {
  source: "004 Q3(a)",
  let: { z: "3" },
}, (d) => {
  // AvgPool1D(k = 2, s = 1) on a length-3 input: p = P z
  d.define("P = [0.5, 0.5, 0; 0, 0.5, 0.5]");
  d.step("jacobian(P * z, z) = zeros(2, 3)", {
    lines: "254",
    expect: "refuted",
    note: "as written (l.254): no trainable weights does not make the derivative zero; it is P",
  });
  d.step("jacobian(P * z, z) = P", { lines: "254" });
  // MaxPool1D(k = 2, s = 1): max(a, b) = (a + b + abs(a - b)) / 2
  d.define("mx(a, b) = (a + b + abs(a - b)) / 2");
  d.step("jacobian([mx(z[1], z[2]); mx(z[2], z[3])], z) = zeros(2, 3)", {
    lines: "270",
    expect: "refuted",
    note: "as written (l.270): the max routes the gradient to the larger entry of each window",
  });
  d.step("jacobian([mx(z[1], z[2]); mx(z[2], z[3])], z) = [step(z[1] - z[2]), step(z[2] - z[1]), 0; 0, step(z[2] - z[3]), step(z[3] - z[2])]", { lines: "270" });
});

// Q14(b) (l.880-884): the factors of the rank-one terms of the tensor W
// (N x M x L x M, indexed W_{i,j,l,k}) are written a in R^N, b in R^M, c in R^L,
// d in R^k. Their outer product is N x M x L x k, which is W's shape only when
// k = M: the last factor must be in R^M. One term W = a ∘ b ∘ c ∘ d is kept as
// written, as an expected shape error (the outer product is the Kronecker
// product of the factors, reshaped); its entry count is checked beside it.
// (Earlier the count itself was the refuted step, N*M*L*k = N*M*L*M: refuted
// only because the dimension names k and M take different sizes.)
export const lowRank = derivation("004 Q14(b): the shapes of the rank-one factors", {
  source: "004 Q14(b)",
  lines: "884",
  let: { a: "N", b: "M", c: "L", dk: "k", W: "N x M x L x M", dM: "M" },
}, (d) => {
  d.step("W = reshape(kron(kron(kron(a, b), c), dk), N, M, L, k)", {
    expect: "shape error",
    note: "as written (l.884): d in R^k makes the term N x M x L x k; W is N x M x L x M",
  });
  // with d in R^M the term has W's shape, and N*M*L*M entries
  d.step("sum(0 * reshape(kron(kron(kron(a, b), c), dM), N, M, L, M) + 1) = N * M * L * M");
});
