import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q1(b), l.118–131: how backpropagation reuses
// the shared prefixes of the chain products ∂L/∂W1 … ∂L/∂W4.
//
// Readings:
// - l.122–125 define a layer z_j^(k) = W^k_{j,:} h^(k−1) + b_j^(k) with
//   W^(k) ∈ R^{n_{k−1} × n_k} and h^(k), b^(k) ∈ R^{n_k}. Row j of such a W has
//   n_k entries while h^(k−1) has n_{k−1}, so W_{j,:}h^(k−1) does not compose
//   unless n_k = n_{k−1}. The layer is kept as written, in vector form
//   z^(k) = W^(k) h^(k−1) + b^(k) with the author's shapes, as an expected shape
//   error (the check also says that Wᵀ fits); W^(k) ∈ R^{n_k × n_{k−1}} is the
//   corrected shape. (Earlier this was the claim n_k = n_{k−1}, refuted only
//   because two dimension names take different sizes, whatever the notes say.)
// - l.129 names the quantities differently from l.122: its chains
//   ∂L/∂W1 = ∂L/∂o × ∂o/∂z3 × ∂z3/∂h3 × ∂h3/∂z2 × ∂z2/∂h2 × ∂h2/∂z1 × ∂z1/∂h1 × ∂h1/∂W1
//   (and the shorter ones) are read as the network
//   h1 = W1 x, z1 = σ(h1), h2 = W2 z1, z2 = σ(h2), h3 = W3 z2, z3 = σ(h3),
//   o = W4 z3 (a linear output, l.124), L = (y − o)² (l.125, a scalar output).
//   σ is unnamed; tanh is used. No biases in the chains.
// - Every ∂a/∂b is a Jacobian in numerator layout (jacobian(a, b), over vec for
//   a matrix b), so the chain products are matrix products that must compose:
//   ∂L/∂o = −2(y − o) (scalar), ∂o/∂z3 = W4, ∂z3/∂h3 = diag(1 − z3²), ∂h3/∂z2 = W3, …,
//   ∂h_k/∂W_k = kron(z_{k−1}ᵀ, I) (1 × n_k·n_{k−1} blocks), and ∂L/∂W_k comes out
//   as the 1 × numel(W_k) row jacobian(L, W_k). Sizes are symbolic (2 to 8).

export const layerShapes = derivation("Q1(b): the layer z^(k) = W^(k) h^(k-1) + b^(k) and its shapes", {
  source: "004 Q1(b)",
  lines: "122-125",
  let: { W: "n_km1 x n_k", h: "n_km1", b: "n_k", z: "n_k", Wc: "3 x 4", hc: "4", bc: "3" },
}, (d) => {
  // as written (l.122–123): z_j^(k) = W^k_{j,:} h^(k−1) + b_j^(k) with W^(k) ∈ R^{n_{k−1}×n_k}, all j at once
  d.step("W * h + b = z", {
    expect: "shape error",
    note: "W^k_{j,:}h^(k−1) needs rows of n_{k−1} entries, but W^(k) ∈ R^{n_{k−1}×n_k} has rows of n_k: the shapes do not compose (W^(k) should be n_k × n_{k−1})",
  });
  // corrected shape, at n_k = 3, n_{k−1} = 4: entry j = 2 of W h + b is W_{2,:} h + b_2
  d.step("(Wc * hc + bc)[2] = Wc[2, 1] * hc[1] + Wc[2, 2] * hc[2] + Wc[2, 3] * hc[3] + Wc[2, 4] * hc[4] + bc[2]");
  // with the author's W ∈ R^{n_{k−1}×n_k}, the layer composes as Wᵀh (n_k entries)
  d.step("sum(0 * (W' * h + b) + 1) = n_k");
});

export const localJacobians = derivation("Q1(b): the local derivatives of the chain products", {
  source: "004 Q1(b)",
  let: { A: "m x k", u: "k", a: "m", t: "scalar", s: "scalar" },
}, (d) => {
  d.step("diff((t - s)^2, s) = -2 * (t - s)"); // ∂L/∂o
  d.step("jacobian(A * u, u) = A"); // ∂o/∂z3, ∂h3/∂z2, ∂h2/∂z1
  d.step("jacobian(tanh(a), a) = diag(1 - tanh(a).^2)"); // ∂z_k/∂h_k
  d.step("jacobian(A * u, A) = kron(u', I(m))"); // ∂h_k/∂W_k
});

export const chains = derivation("Q1(b): the four chain products and their shared prefixes", {
  source: "004 Q1(b)",
  let: { x: "n0", W1: "n1 x n0", W2: "n2 x n1", W3: "n3 x n2", W4: "1 x n3", y: "scalar" },
}, (d) => {
  d.define("h1 = W1 * x");
  d.define("z1 = tanh(h1)");
  d.define("h2 = W2 * z1");
  d.define("z2 = tanh(h2)");
  d.define("h3 = W3 * z2");
  d.define("z3 = tanh(h3)");
  d.define("o = W4 * z3");
  d.define("L = (y - o)^2");
  // l.129, each chain as the author writes it, factor by factor
  d.step("jacobian(L, W4) = (-2 * (y - o)) * kron(z3', I(1))", { lines: "129" });
  d.step("jacobian(L, W3) = (-2 * (y - o)) * W4 * diag(1 - z3.^2) * kron(z2', I(n3))", { lines: "129" });
  d.step("jacobian(L, W2) = (-2 * (y - o)) * W4 * diag(1 - z3.^2) * W3 * diag(1 - z2.^2) * kron(z1', I(n2))", { lines: "129" });
  d.step("jacobian(L, W1) = (-2 * (y - o)) * W4 * diag(1 - z3.^2) * W3 * diag(1 - z2.^2) * W2 * diag(1 - z1.^2) * kron(x', I(n1))", { lines: "129" });
  // l.131: the shared prefixes. P3 = ∂L/∂h3 is the prefix of ∂L/∂W3, ∂L/∂W2, ∂L/∂W1;
  // P2 = ∂L/∂h2 that of ∂L/∂W2, ∂L/∂W1; P1 = ∂L/∂h1 that of ∂L/∂W1.
  d.define("P3 = (-2 * (y - o)) * W4 * diag(1 - z3.^2)");
  d.define("P2 = P3 * W3 * diag(1 - z2.^2)");
  d.define("P1 = P2 * W2 * diag(1 - z1.^2)");
  d.step("jacobian(L, W3) = P3 * kron(z2', I(n3))", { lines: "131" });
  d.step("jacobian(L, W2) = P2 * kron(z1', I(n2))", { lines: "131" });
  d.step("jacobian(L, W1) = P1 * kron(x', I(n1))", { lines: "131" });
  // in the gradient layout (the shape of W_k) each is an outer product with the prefix
  d.step("grad(L, W3) = P3' * z2'", { lines: "131" });
  d.step("grad(L, W2) = P2' * z1'", { lines: "131" });
  d.step("grad(L, W1) = P1' * x'", { lines: "131" });
});
