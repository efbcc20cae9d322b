import { derivation } from "derive";

// Seed 000 (Deep Learning HW1, 000_5875d3bde9a67171.txt),
// Q5.1 "شبکه‌های عصبی و انتشار رو به عقب" (l.185–238): one step of
// backpropagation by hand on a 2-2-1 network.
//
// The network (the seed gives no figure; read from the forward pass, l.189–201):
//   z_h1 = w1·x1 + w3·x2 + b1          z_h2 = w2·x1 + w4·x2 + b2
//   h_i  = LReLU(z_hi), LeakyReLU with slope 0.2 = leakyrelu(z, 0.2)
//   z_y  = w5·h1 + w6·h2               (no output bias; typeset "z_v" at l.197, read z_y)
//   ŷ    = sigmoid(z_y),  L = ½(ŷ − y)²,  learning rate α = 0.1
// So w1, w3, b1 feed h1; w2, w4, b2 feed h2; w5 connects h1 and w6 connects h2
// to the output. Givens (inferred from the numbers plugged in at l.189–197):
// x = (0, 1), y = 1, w1…w6 = 0.3, 0.2, 0.2, −0.6, 0.5, −1, b1 = 0.2, b2 = −1.4.
//
// A local derivative such as dh1/dz_h1 is the derivative of one node's function
// at this point. The language differentiates with respect to a variable, so
// each node is a function define and its local derivative is taken through a
// probe s (given as 0): diff(LReLU(zh1 + s), s) is LReLU′ at z_h1. Derivatives
// with respect to a parameter (dz_y/dw5) are taken directly at the givens, and
// diff(L, θ) is the finite-difference derivative of the whole computation,
// which cross-checks every chain product the author writes.
//
// Every number is held to the author's rounding (≈ 0.65 means rounds to 0.65).
// From l.201 on the author computes with the rounded ŷ = 0.65, so an "=" such
// as ŷ − y = 0.65 − 1 = −0.35 (l.205) is checked twice: exactly with the
// author's rounded inputs (0.65 − 1 = −0.35), and as ≈ −0.35 for the exact ŷ.
// The updates of w5, w6, w3, w4, b1 and b2 (l.236–238) do not round to the
// author's values: one step changes each by at most 0.0041, so all of them
// stay at their old values to two decimals; for w4 and b2 the author also
// moves them the wrong way (the arithmetic −0.6 − 0.1·(−0.35)·0.23·(−1)·0.2
// is −0.6016, not −0.59). These are kept as refuted, the corrected value beside.
// Three update lines also name the wrong local derivatives (typeset, see the
// notes); the numbers they multiply are the right ones.

export const q51 = derivation(
  "000 Q5.1: forward pass, local derivatives and one SGD update of a 2-2-1 network",
  {
    source: "000 Q5.1",
    given: { x1: 0, x2: 1, y: 1, w1: 0.3, w2: 0.2, w3: 0.2, w4: -0.6, w5: 0.5, w6: -1, b1: 0.2, b2: -1.4, α: 0.1, s: 0 },
  },
  (d) => {
    // ---- the network ----
    d.define("zh1 = w1 * x1 + w3 * x2 + b1");
    d.define("zh2 = w2 * x1 + w4 * x2 + b2");
    d.define("LReLU(t) = leakyrelu(t, 0.2)");
    d.define("h1 = LReLU(zh1)");
    d.define("h2 = LReLU(zh2)");
    d.define("Zy(a, b) = w5 * a + w6 * b");
    d.define("zy = Zy(h1, h2)");
    d.define("yhat = sigmoid(zy)");
    d.define("Loss(t) = 1/2 * (t - y)^2");
    d.define("L = Loss(yhat)");

    // ---- step 1: forward propagation (l.189–201) ----
    // z_h1 = w1·x1 + w3·x2 + b1 = 0.3·0 + 0.2·1 + 0.2 = 0.4
    d.chain("zh1", "0.3 * 0 + 0.2 * 1 + 0.2", "0.4", { lines: "189-201" });
    // z_h2 = w2·x1 + w4·x2 + b2 = 0.2·0 − 0.6·1 − 1.4 = −2
    d.chain("zh2", "0.2 * 0 - 0.6 * 1 - 1.4", "-2", { lines: "189-201" });
    // h1 = LReLU(z_h1) = 0.4 (z_h1 ≥ 0)
    d.chain("h1", "0.4", { lines: "189-201" });
    d.step("zh1 >= 0", { lines: "189-201" });
    // h2 = LReLU(z_h2) = 0.2·−2 = −0.4 (z_h2 < 0)
    d.chain("h2", "0.2 * -2", "-0.4", { lines: "189-201" });
    d.step("zh2 < 0", { lines: "189-201" });
    // z_y = w5·h1 + w6·h2 = 0.5·0.4 − 1·−0.4 = 0.6
    d.chain("zy", "0.5 * 0.4 - 1 * -0.4", "0.6", { lines: "189-201" });
    // ŷ = sigmoid(z_y) = 1/(1 + e^{−0.6}) ≈ 0.65
    d.step("yhat = 1 / (1 + e^(-0.6))", { lines: "189-201" });
    d.step("1 / (1 + e^(-0.6)) ≈ 0.65", { lines: "189-201" });
    d.step("yhat ≈ 0.65", { lines: "189-201" });
    // L = ½(ŷ − y)² = ½(0.65 − 1)² ≈ 0.06
    d.step("L = 1/2 * (yhat - y)^2", { lines: "189-201" });
    d.step("1/2 * (0.65 - 1)^2 ≈ 0.06", { lines: "189-201" });
    d.step("L ≈ 0.06", { lines: "189-201" });

    // ---- step 2: backward propagation, the local derivatives (l.205–231) ----
    d.define("dL_dyhat = diff(Loss(yhat + s), s)");
    d.define("dyhat_dzy = diff(sigmoid(zy + s), s)");
    d.define("dzy_dw5 = diff(zy, w5)");
    d.define("dzy_dw6 = diff(zy, w6)");
    d.define("dzy_dh1 = diff(Zy(h1 + s, h2), s)");
    d.define("dzy_dh2 = diff(Zy(h1, h2 + s), s)");
    d.define("dh1_dzh1 = diff(LReLU(zh1 + s), s)");
    d.define("dh2_dzh2 = diff(LReLU(zh2 + s), s)");
    d.define("dzh1_dw1 = diff(zh1, w1)");
    d.define("dzh1_dw3 = diff(zh1, w3)");
    d.define("dzh1_db1 = diff(zh1, b1)");
    d.define("dzh2_dw2 = diff(zh2, w2)");
    d.define("dzh2_dw4 = diff(zh2, w4)");
    d.define("dzh2_db2 = diff(zh2, b2)");

    // dL/dŷ = ŷ − y = 0.65 − 1 = −0.35
    d.step("dL_dyhat = yhat - y", { lines: "205-231" });
    d.step("0.65 - 1 = -0.35", { lines: "205-231" });
    d.step("yhat - y ≈ -0.35", { lines: "205-231" });
    // dŷ/dz_y = ŷ·(1 − ŷ) = 0.65·(1 − 0.65) ≈ 0.23
    d.step("dyhat_dzy = yhat * (1 - yhat)", { lines: "205-231" });
    d.step("0.65 * (1 - 0.65) ≈ 0.23", { lines: "205-231" });
    d.step("yhat * (1 - yhat) ≈ 0.23", { lines: "205-231" });
    // dz_y/dw5 = h1 = 0.4;  dz_y/dw6 = h2 = −0.4
    d.chain("dzy_dw5", "h1", "0.4", { lines: "205-231" });
    d.chain("dzy_dw6", "h2", "-0.4", { lines: "205-231" });
    // dz_y/dh1 = w5 = 0.5;  dz_y/dh2 = w6 = −1
    d.chain("dzy_dh1", "w5", "0.5", { lines: "205-231" });
    d.chain("dzy_dh2", "w6", "-1", { lines: "205-231" });
    // dh1/dz_h1 = 1 (z_h1 ≥ 0);  dh2/dz_h2 = 0.2 (z_h2 < 0)
    d.step("dh1_dzh1 = 1", { lines: "205-231" });
    d.step("dh2_dzh2 = 0.2", { lines: "205-231" });
    // dz_h1/dw1 = x1 = 0;  dz_h1/dw3 = x2 = 1;  dz_h1/db1 = 1
    d.chain("dzh1_dw1", "x1", "0", { lines: "205-231" });
    d.chain("dzh1_dw3", "x2", "1", { lines: "205-231" });
    d.step("dzh1_db1 = 1", { lines: "205-231" });
    // dz_h2/dw2 = x1 = 0;  dz_h2/dw4 = x2 = 1;  dz_h2/db2 = 1
    d.chain("dzh2_dw2", "x1", "0", { lines: "205-231" });
    d.chain("dzh2_dw4", "x2", "1", { lines: "205-231" });
    d.step("dzh2_db2 = 1", { lines: "205-231" });

    // ---- step 3: the updates (l.236–238) ----
    // For each parameter: (1) the chain product of the named local derivatives
    // is the finite-difference derivative of L; (2) the update with exact
    // factors rounds to the author's value (refuted where it does not, with the
    // corrected value beside); (3) the same for the author's own arithmetic with
    // the rounded factors; (4) the author's rounded product is within the
    // propagated rounding (±0.005 on 0.35 and on 0.23) of the exact gradient.

    // w5 = w5 − α·dL/dŷ·dŷ/dz_y·dz_y/dw5 ≈ 0.5 − 0.1·−0.35·0.23·0.4 ≈ 0.51
    d.step("diff(L, w5) = dL_dyhat * dyhat_dzy * dzy_dw5", { lines: "236-238" });
    d.step("w5 - α * dL_dyhat * dyhat_dzy * dzy_dw5 ≈ 0.51", {
      lines: "236-238",
      expect: "refuted",
      note: "the update is 0.5 + 0.0032 = 0.5032, which rounds to 0.50",
    });
    d.step("w5 - α * dL_dyhat * dyhat_dzy * dzy_dw5 ≈ 0.50", { lines: "236-238" });
    d.step("0.5 - 0.1 * -0.35 * 0.23 * 0.4 ≈ 0.51", {
      lines: "236-238",
      expect: "refuted",
      note: "0.5 − 0.1·(−0.35)·0.23·0.4 = 0.50322, which rounds to 0.50",
    });
    d.step("0.5 - 0.1 * -0.35 * 0.23 * 0.4 ≈ 0.50", { lines: "236-238" });
    d.step("diff(L, w5) ≈ -0.35 * 0.23 * 0.4 ± 0.0012", { lines: "236-238" });

    // w6 = w6 − α·dL/dŷ·dŷ/dz_y·dz_y/dw6 ≈ −1 − 0.1·−0.35·0.23·−0.4 ≈ −1.01
    d.step("diff(L, w6) = dL_dyhat * dyhat_dzy * dzy_dw6", { lines: "236-238" });
    d.step("w6 - α * dL_dyhat * dyhat_dzy * dzy_dw6 ≈ -1.01", {
      lines: "236-238",
      expect: "refuted",
      note: "the update is −1 − 0.0032 = −1.0032, which rounds to −1.00",
    });
    d.step("w6 - α * dL_dyhat * dyhat_dzy * dzy_dw6 ≈ -1.00", { lines: "236-238" });
    d.step("-1 - 0.1 * -0.35 * 0.23 * -0.4 ≈ -1.01", {
      lines: "236-238",
      expect: "refuted",
      note: "−1 − 0.1·(−0.35)·0.23·(−0.4) = −1.00322, which rounds to −1.00",
    });
    d.step("-1 - 0.1 * -0.35 * 0.23 * -0.4 ≈ -1.00", { lines: "236-238" });
    d.step("diff(L, w6) ≈ -0.35 * 0.23 * -0.4 ± 0.0012", { lines: "236-238" });

    // w1 = w1 − α·dL/dŷ·dŷ/dz_y·dz_y/dh1·dh1/dz_h1·dz_h1/dw1 = 0.3 (since x1 = 0)
    d.step("diff(L, w1) = dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_dw1", { lines: "236-238" });
    d.step("w1 - α * dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_dw1 = 0.3", { lines: "236-238" });
    d.step("diff(L, w1) = 0", { lines: "236-238" });

    // w2 = w2 − α·dL/dŷ·dŷ/dz_y·dz_y/dh2·dh2/dz_h2·dz_h2/dw2 = 0.2 (since x1 = 0)
    d.step("diff(L, w2) = dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_dw2", { lines: "236-238" });
    d.step("w2 - α * dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_dw2 = 0.2", { lines: "236-238" });
    d.step("diff(L, w2) = 0", { lines: "236-238" });

    // w3 = w3 − α·dL/dŷ·dŷ/dz_y·dŷ/dh1·dŷ/dz_h1·dz_h1/dz_h1·dz_h1/dw3
    //    ≈ 0.2 − 0.1·−0.35·0.23·0.5·1·1 ≈ 0.21
    // The factors as typeset, read literally:
    d.define("dyhat_dh1 = diff(sigmoid(Zy(h1 + s, h2)), s)");
    d.define("dyhat_dzh1 = diff(sigmoid(Zy(LReLU(zh1 + s), h2)), s)");
    d.define("dzh1_dzh1 = diff(zh1 + s, s)");
    d.step("diff(L, w3) = dL_dyhat * dyhat_dzy * dyhat_dh1 * dyhat_dzh1 * dzh1_dzh1 * dzh1_dw3", {
      lines: "236-238",
      expect: "refuted",
      note: "mislabelled factors: dŷ/dh1 and dŷ/dz_h1 each contain dŷ/dz_y again; the numbers used (0.5, 1, 1) are dz_y/dh1, dh1/dz_h1, dz_h1/dw3 (six labels, five numbers)",
    });
    d.step("diff(L, w3) = dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_dw3", { lines: "236-238" });
    d.step("w3 - α * dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_dw3 ≈ 0.21", {
      lines: "236-238",
      expect: "refuted",
      note: "the update is 0.2 + 0.0041 = 0.2041, which rounds to 0.20",
    });
    d.step("w3 - α * dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_dw3 ≈ 0.20", { lines: "236-238" });
    d.step("0.2 - 0.1 * -0.35 * 0.23 * 0.5 * 1 * 1 ≈ 0.21", {
      lines: "236-238",
      expect: "refuted",
      note: "0.2 − 0.1·(−0.35)·0.23·0.5·1·1 = 0.204025, which rounds to 0.20",
    });
    d.step("0.2 - 0.1 * -0.35 * 0.23 * 0.5 * 1 * 1 ≈ 0.20", { lines: "236-238" });
    d.step("diff(L, w3) ≈ -0.35 * 0.23 * 0.5 * 1 * 1 ± 0.0015", { lines: "236-238" });

    // w4 = w4 − α·dL/dŷ·dŷ/dz_y·dŷ/dh2·dh2/dz_h2·dz_h2/dw4
    //    ≈ −0.6 − 0.1·−0.35·0.23·−1·0.2·1 ≈ −0.59
    d.define("dyhat_dh2 = diff(sigmoid(Zy(h1, h2 + s)), s)");
    d.step("diff(L, w4) = dL_dyhat * dyhat_dzy * dyhat_dh2 * dh2_dzh2 * dzh2_dw4", {
      lines: "236-238",
      expect: "refuted",
      note: "mislabelled factor: dŷ/dh2 contains dŷ/dz_y again; the number used (−1) is dz_y/dh2",
    });
    d.step("diff(L, w4) = dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_dw4", { lines: "236-238" });
    d.step("w4 - α * dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_dw4 ≈ -0.59", {
      lines: "236-238",
      expect: "refuted",
      note: "the gradient is +0.016, so the update is −0.6 − 0.0016 = −0.6016, which rounds to −0.60 (the author moves w4 the wrong way)",
    });
    d.step("w4 - α * dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_dw4 ≈ -0.60", { lines: "236-238" });
    d.step("-0.6 - 0.1 * -0.35 * 0.23 * -1 * 0.2 * 1 ≈ -0.59", {
      lines: "236-238",
      expect: "refuted",
      note: "arithmetic: −0.6 − 0.1·(−0.35)·0.23·(−1)·0.2·1 = −0.60161, which rounds to −0.60",
    });
    d.step("-0.6 - 0.1 * -0.35 * 0.23 * -1 * 0.2 * 1 ≈ -0.60", { lines: "236-238" });
    d.step("diff(L, w4) ≈ -0.35 * 0.23 * -1 * 0.2 * 1 ± 0.0006", { lines: "236-238" });

    // b1 = b1 − α·dL/dŷ·dŷ/dz_y·dz_y/dh1·dh1/dz_h1·dz_h1/dh1
    //    ≈ 0.2 − 0.1·−0.35·0.23·0.5·1·1 ≈ 0.21
    // The last factor is typeset dz_h1/dh1 (read: dz_h1/db1 = 1). Literally it
    // is 1/(dh1/dz_h1), also 1 at this point, so both readings give the same value.
    d.step("diff(L, b1) = dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * (1 / dh1_dzh1)", { lines: "236-238" });
    d.step("diff(L, b1) = dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_db1", { lines: "236-238" });
    d.step("b1 - α * dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_db1 ≈ 0.21", {
      lines: "236-238",
      expect: "refuted",
      note: "the update is 0.2 + 0.0041 = 0.2041, which rounds to 0.20",
    });
    d.step("b1 - α * dL_dyhat * dyhat_dzy * dzy_dh1 * dh1_dzh1 * dzh1_db1 ≈ 0.20", { lines: "236-238" });
    d.step("0.2 - 0.1 * -0.35 * 0.23 * 0.5 * 1 * 1 ≈ 0.21", {
      lines: "236-238",
      expect: "refuted",
      note: "0.2 − 0.1·(−0.35)·0.23·0.5·1·1 = 0.204025, which rounds to 0.20",
    });
    d.step("0.2 - 0.1 * -0.35 * 0.23 * 0.5 * 1 * 1 ≈ 0.20", { lines: "236-238" });
    d.step("diff(L, b1) ≈ -0.35 * 0.23 * 0.5 * 1 * 1 ± 0.0015", { lines: "236-238" });

    // b2 = b2 − α·dL/dŷ·dŷ/dz_y·dz_y/dh2·dh2/dz_h2·dz_h2/dz_h2
    //    ≈ −1.4 − 0.1·−0.35·0.23·−1·0.2·1 ≈ −1.39
    // The last factor is typeset dz_h2/dz_h2 (read: dz_h2/db2); both are 1.
    d.define("dzh2_dzh2 = diff(zh2 + s, s)");
    d.step("diff(L, b2) = dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_dzh2", { lines: "236-238" });
    d.step("diff(L, b2) = dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_db2", { lines: "236-238" });
    d.step("b2 - α * dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_db2 ≈ -1.39", {
      lines: "236-238",
      expect: "refuted",
      note: "the gradient is +0.016, so the update is −1.4 − 0.0016 = −1.4016, which rounds to −1.40 (the author moves b2 the wrong way)",
    });
    d.step("b2 - α * dL_dyhat * dyhat_dzy * dzy_dh2 * dh2_dzh2 * dzh2_db2 ≈ -1.40", { lines: "236-238" });
    d.step("-1.4 - 0.1 * -0.35 * 0.23 * -1 * 0.2 * 1 ≈ -1.39", {
      lines: "236-238",
      expect: "refuted",
      note: "arithmetic: −1.4 − 0.1·(−0.35)·0.23·(−1)·0.2·1 = −1.40161, which rounds to −1.40",
    });
    d.step("-1.4 - 0.1 * -0.35 * 0.23 * -1 * 0.2 * 1 ≈ -1.40", { lines: "236-238" });
    d.step("diff(L, b2) ≈ -0.35 * 0.23 * -1 * 0.2 * 1 ± 0.0006", { lines: "236-238" });
  },
);
