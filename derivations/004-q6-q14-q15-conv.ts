import { derivation } from "derive";

// Seed 004 (Deep Learning HW3): the convolution items checked with the tensor
// operators conv2d / conv1d (PyTorch semantics, N x C x H x W, row-major
// reshape): Q6 (l.417–429), Q14(a) (l.840–868), Q14(b) (l.870–896) and the
// tensor part of Q15 (l.917–931; its matrices M_c are checked in
// 004-q14d-q15-conv-backprop.ts).
//
// Q6 readings: "z(i,:,:) = Σ_{j=1}^{M} W(i,j,:,:) * H(j,:,:)" (l.425) is
// conv2d(H, W) with W: N x M x 1 x 1; the matrix on the right has entry (a, b)
// = Σ_j x^j_ab W^c_j: the same map W ∈ R^{N×M} at every pixel. l.423 calls the
// layer a "Pooling layer" (a slip for the convolution; prose). Sizes are
// concrete (M = 3, N = 2, s1 = 4, s2 = 5), since reshape needs numbers for
// s1·s2.
//
// Q14(a) readings: Z(i) = Σ_j W(i,j) * H(j) + B(i) (l.842) is conv2d with a
// bias per output channel. The depth-wise part as written (l.858),
// D(i) = Σ_{j=1}^{nk} H(j) * W^D(i,j) + B^D(i), sums over every input channel
// j, which is an ordinary convolution; the text beside it says each filter
// is applied to its own channel only (groups = channels). The step "output
// channel 1 does not depend on input channel 2" is refuted for the formula
// as written and verified for the depth-wise reading. The point-wise part
// (l.864), P(i) = Σ_{i=1}^{nk} W^P(j) * D(i) + B^P(i), reuses i as the summation
// index; read as the 1 x 1 convolution P(i) = Σ_j W^P(i,j) D(j) + B^P(i). The
// combined Z (l.868) writes W^P(j) without an output index and W^D(i,j) with
// one; read as point-wise after depth-wise, which is one convolution whose
// kernel is W^P(i,j) K(j) (K the depth-wise filters), with bias
// Σ_j W^P(i,j) B^D(j) + B^P(i). Sizes: 2 input channels, 3 outputs, 3 x 3
// filters, padding 1 (concrete where reshape needs numbers).
//
// Q14(b) readings: W ∈ R^{N×M×L×M} with W_{i,j,l,k} = a_i b_j c_l d_k (l.876
// writes W_{i,i,l,k} = a_i b_i c_l d_k; read with j). The rank-one kernel is
// reshape(kron(kron(kron(a, b), c), d), N, M, L, M) (kron of columns is
// row-major, W's own order). The conv sum z_{i,j} = ΣΣ H(i+l, j+k) W_{i,j,l,k}
// (l.888) uses i, j both for the output position and the kernel's channels;
// read as conv2d(H, W). "The convolution with the least computation": a
// 1 x 1 convolution with b, then the L x M filter c dᵀ, then scaling by a.
// The derivatives (l.892–894): ∂z/∂H(i+l, j+k) = W_{i,j,l,k} and
// ∂z/∂W_{i,j,l,k} = H(i+l, j+k), i.e. z is linear in H with coefficients W and
// linear in W with coefficients H: checked as directional derivatives of
// sum(G .* z), and the input gradient as the transposed convolution (the full
// convolution with the flipped kernel, its channel axes swapped). Concrete
// sizes N = 2, M = 3, L = 3 (so that both paddings of the transposed
// convolution are 2). The rank-t sum (l.880) is checked below (q14bRankT);
// d ∈ R^k (l.884) in 004-q3a-q14b-pooling-lowrank.ts.
//
// Q14(b) rank t (l.878–880): "W_{i,j,l,k} = Σ_{i=1}^t a_i ⊙ b_j ⊙ c_l ⊙ d_k"
// reuses i as the summation index; read as the sum of t rank-one tensors
// a^(r) ∘ b^(r) ∘ c^(r) ∘ d^(r), r = 1..t. What the low-rank modelling buys:
// the unfolding N x (M L M) of such a W has rank at most t. Checked at t = 2
// with N = 4 (so that the bound is not the size of the matrix), M = L = 3.
//
// Q15 readings: the forward convolution rebuilt in 004-q14d-q15-conv-backprop.ts
// (3 channels H_c of length 4, kernels (w_c1, w_c2, w_c3), padding 1, 4
// outputs) is conv1d(H, W, 0, 1, 1) with H: 1 x 3 x 4, W: 1 x 3 x 3. Its
// backward pass "is a transposed convolution" (l.925): ∂L/∂H =
// conv1d(∂L/∂Z, flipped W with its channel axes swapped, 0, 1, 1).

export const q6 = derivation("004 Q6: a 1×1 Conv2D (M → N) is the same linear map at every pixel", {
  source: "004 Q6",
  let: { H: "1 x 3 x 4 x 5", W: "2 x 3 x 1 x 1", Hn: "n x m x s x t", Wn: "k x m x 1 x 1", a: "scalar" },
}, (d) => {
  // l.425: z = Σ_j W(i, j) * H(j) per pixel: the N x M matrix times the M x (s1 s2) pixels
  d.step("conv2d(H, W) = reshape(reshape(W, 2, 3) * reshape(H, 3, 20), 1, 2, 4, 5)", { lines: "425" });
  // (l.427) the image size does not change: the output is N x s1 x s2, for any sizes
  d.step("conv2d(Hn, Wn) .^ 0 = conv2d(Hn .^ 0, Wn .^ 0) / m", { lines: "427" });
  // linear map of the pixel values: scaling the input scales every pixel's output
  d.step("conv2d(a * Hn, Wn) = a * conv2d(Hn, Wn)", { lines: "427" });
});

export const q14a = derivation("004 Q14(a): separable convolution = depth-wise then point-wise", {
  source: "004 Q14(a)",
  let: {
    H: "1 x 2 x 5 x 5",
    W: "3 x 2 x 3 x 3", B: "3",
    WD: "2 x 2 x 3 x 3", K: "2 x 1 x 3 x 3", BD: "2",
    WP: "3 x 2 x 1 x 1", BP: "3",
  },
}, (d) => {
  // l.842: Z(i) = Σ_j W(i, j) * H(j) + B(i), a bias per output channel
  d.step("conv2d(H, W, B, 1, 1) = conv2d(H, W, 0, 1, 1) + perchannel(B, conv2d(H, W, 0, 1, 1))", { lines: "842" });
  // l.858 as written: the sum over j mixes the channels
  d.define("m1(Y) = perchannel([1; 0], Y)");
  d.step("conv2d(m1(H) .* H, WD, BD, 1, 1) .* m1(H) = conv2d(H, WD, BD, 1, 1) .* m1(H)", {
    lines: "858",
    expect: "refuted",
    note: "as written (l.858): D(i) = Σ_j H(j) * W^D(i, j) sums over all input channels (an ordinary convolution); a depth-wise filter sees its own channel only",
  });
  // depth-wise: groups = channels, one 3 x 3 filter per channel
  d.step("conv2d(m1(H) .* H, K, BD, 1, 1, 1, 2) .* m1(H) = conv2d(H, K, BD, 1, 1, 1, 2) .* m1(H)", { lines: "858" });
  d.define("D = conv2d(H, K, BD, 1, 1, 1, 2)");
  // l.864, read as a 1 x 1 convolution: the same 3 x 2 matrix at every pixel
  d.step("conv2d(D, WP, BP) = reshape(reshape(WP, 3, 2) * reshape(D, 2, 25), 1, 3, 5, 5) + perchannel(BP, conv2d(D, WP))", { lines: "864" });
  // l.868: the combined Z is one convolution with kernel W^P(i, j) K(j) and bias W^P B^D + B^P
  d.define("Wsep = reshape(reshape(WP, 3, 2) * (kron(I(2), ones(1, 9)) .* kron(ones(1, 2), reshape(K, 2, 9))), 3, 2, 3, 3)");
  d.step("conv2d(D, WP, BP) = conv2d(H, Wsep, reshape(WP, 3, 2) * BD + BP, 1, 1)", { lines: "868" });
});

export const q14b = derivation("004 Q14(b): convolution with a rank-one kernel and its derivatives", {
  source: "004 Q14(b)",
  let: { H: "1 x 3 x 5 x 5", a: "2", b: "3", c: "3", dd: "3", G: "1 x 2 x 3 x 3", V: "1 x 3 x 5 x 5", U: "2 x 3 x 3 x 3", Wg: "2 x 3 x 3 x 3" },
}, (d) => {
  // l.876: W_{i,j,l,k} = a_i b_j c_l d_k
  d.define("W = reshape(kron(kron(kron(a, b), c), dd), 2, 3, 3, 3)");
  d.step("sum(W .* W) = (a' * a) * (b' * b) * (c' * c) * (dd' * dd)", { lines: "876" });
  // l.888 with the least computation: 1 x 1 conv with b, then the filter c dd', then the scale a
  d.define("v = conv2d(conv2d(H, reshape(b, 1, 3, 1, 1)), reshape(kron(c, dd), 1, 1, 3, 3))");
  d.step("conv2d(H, W) = reshape(a * reshape(v, 1, 9), 1, 2, 3, 3)", { lines: "888" });
  // ... and the L x M filter is itself a column then a row
  d.step("v = conv2d(conv2d(conv2d(H, reshape(b, 1, 3, 1, 1)), reshape(c, 1, 1, 3, 1)), reshape(dd, 1, 1, 1, 3))", { lines: "888" });
  // l.892: ∂z/∂H(i+l, j+k) = W_{i,j,l,k}: z is linear in H with these coefficients
  d.step("diff(sum(G .* conv2d(H, Wg)), H, V) = sum(G .* conv2d(V, Wg))", { lines: "892" });
  // l.894: ∂z/∂W_{i,j,l,k} = H(i+l, j+k): z is linear in W with these coefficients
  d.step("diff(sum(G .* conv2d(H, Wg)), Wg, U) = sum(G .* conv2d(H, U))", { lines: "894" });
  // ... so the gradient in the kernel is the correlation of H with G, entry (i, j, l, k) = Σ G(i, p, q) H(j, p + l, q + k)
  d.step("grad(sum(G .* conv2d(H, Wg)), Wg) = convkernel2d(H, G, 3, 3)", { lines: "894" });
  // the input gradient as a transposed convolution: the flipped kernel, channel axes swapped, padding k - 1 = 2
  d.step("grad(sum(G .* conv2d(H, W)), H) = conv2d(G, reshape(kron(kron(kron(b, a), [c[3]; c[2]; c[1]]), [dd[3]; dd[2]; dd[1]]), 3, 2, 3, 3), 0, 1, 2)", { lines: "894" });
  d.step("grad(sum(G .* conv2d(H, W)), H) = conv2d(G, reshape(kron(kron(kron(b, a), c), dd), 3, 2, 3, 3), 0, 1, 2)", {
    lines: "894",
    expect: "refuted",
    note: "not the author's step: without flipping the kernel the 'transposed convolution' is wrong (the check that the flip matters)",
  });
});

export const q14bRankT = derivation("004 Q14(b): a sum of t rank-one tensors (t = 2) unfolds to rank at most t", {
  source: "004 Q14(b)",
  lines: "878-880",
  let: { a1: "4", a2: "4", b1: "3", b2: "3", c1: "3", c2: "3", d1: "3", d2: "3" },
}, (d) => {
  d.define("W = reshape(kron(kron(kron(a1, b1), c1), d1) + kron(kron(kron(a2, b2), c2), d2), 4, 3, 3, 3)");
  d.step("rank(reshape(W, 4, 27)) <= 2");
  // a control, not the author's line: two rank-one terms are not one
  d.step("rank(reshape(W, 4, 27)) <= 1", { expect: "refuted", note: "not in the seed: a control, a sum of two rank-one tensors has rank 2 in general" });
});

export const q15 = derivation("004 Q15: padding 1, and the backward pass is a transposed convolution", {
  source: "004 Q15",
  let: {
    w11: "scalar", w12: "scalar", w13: "scalar",
    w21: "scalar", w22: "scalar", w23: "scalar",
    w31: "scalar", w32: "scalar", w33: "scalar",
    Hm: "3 x 4", G: "1 x 1 x 4",
  },
}, (d) => {
  d.define("W = reshape([w11, w12, w13, w21, w22, w23, w31, w32, w33], 1, 3, 3)");
  d.define("H = reshape(Hm, 1, 3, 4)");
  // the forward of 004-q14d-q15-conv-backprop.ts (banded T_c, padding 1) is conv1d with padding 1
  d.define("T(a, b, c) = [b, c, 0, 0; a, b, c, 0; 0, a, b, c; 0, 0, a, b]");
  d.step("reshape(conv1d(H, W, 0, 1, 1), 4) = T(w11, w12, w13) * Hm' * [1; 0; 0] + T(w21, w22, w23) * Hm' * [0; 1; 0] + T(w31, w32, w33) * Hm' * [0; 0; 1]");
  // l.925: ∂L/∂H is the transposed convolution of ∂L/∂Z = G: the flipped kernels, one per input channel
  d.step("grad(sum(G .* conv1d(H, W, 0, 1, 1)), Hm) = reshape(conv1d(G, reshape([w13, w12, w11, w23, w22, w21, w33, w32, w31], 3, 1, 3), 0, 1, 1), 3, 4)", { lines: "925" });
  // ... which is PyTorch's conv_transpose1d of G with the same kernel
  d.step("grad(sum(G .* conv1d(H, W, 0, 1, 1)), Hm) = reshape(convtranspose1d(G, W, 0, 1, 1), 3, 4)", { lines: "925" });
  // ... which is M_c = T_c' per channel (the matrix form of the other file), row c of the result
  d.step("[1, 0, 0] * reshape(conv1d(G, reshape([w13, w12, w11, w23, w22, w21, w33, w32, w31], 3, 1, 3), 0, 1, 1), 3, 4) = (T(w11, w12, w13)' * reshape(G, 4))'", { lines: "925" });
  d.step("[0, 1, 0] * reshape(conv1d(G, reshape([w13, w12, w11, w23, w22, w21, w33, w32, w31], 3, 1, 3), 0, 1, 1), 3, 4) = (T(w21, w22, w23)' * reshape(G, 4))'", { lines: "925" });
  d.step("[0, 0, 1] * reshape(conv1d(G, reshape([w13, w12, w11, w23, w22, w21, w33, w32, w31], 3, 1, 3), 0, 1, 1), 3, 4) = (T(w31, w32, w33)' * reshape(G, 4))'", { lines: "925" });
});
