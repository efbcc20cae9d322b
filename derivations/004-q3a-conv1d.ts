import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q3(a), l.204–272: Conv1D (2 → 1 channels,
// k = 2, P = 0, S = 1) followed by AvgPool1D (Model 1) or MaxPool1D (Model 2),
// k = 2, s = 1, on the data D1, D2 (l.242), with the loss
// ‖out_D2 − out_D1‖²₂ (l.248, 264). The seed computes no forward pass and no
// update; what it states is the conv formula and that each pooling layer,
// having no trainable weights, has derivative zero.
//
// Readings:
// - Data (l.242): D1 has channel 1 = [1, 2, −3, 2] and channel 2 =
//   [1, 2, −2, 1]; D2 has [4, 2, −2, 2] and [3, 2, −7, 2]. As tensors
//   N x C x L = 1 x 2 x 4 (PyTorch's Conv1d input), written
//   reshape([channel 1, channel 2], 1, 2, 4).
// - The kernel W(1, c, k) is a 2 x 2 matrix Wk (row c = input channel,
//   column k + 1 = kernel tap k = 0, 1), so W = reshape(Wk, 1, 2, 2); the bias
//   b(1, j) is read as PyTorch's one bias per output channel, the same b for
//   every position j.
// - The conv formula Z(1, j) = Σ_{c=1}^{∞} Σ_k x(c, j+k) × W(1, c, k) + b(1, j)
//   (l.252): the upper limit ∞ is read as the 2 input channels (at l.268 it
//   is Σ_{c=1} with no upper limit); k runs over the taps 0, 1 and j over the
//   3 output positions (4 − 2 + 1).
// - "Its derivative is zero" (l.254, l.270) is read as the derivative of the
//   pooling layer's output with respect to its input, the derivative that is
//   "passed to the previous layer, Conv1D". It is not zero; and if it were,
//   the loss would have zero gradient in the conv weights and nothing would
//   be trained. Both readings are kept, refuted, with the correct derivatives.

const given = {
  D1: "reshape([1, 2, -3, 2, 1, 2, -2, 1], 1, 2, 4)",
  D2: "reshape([4, 2, -2, 2, 3, 2, -7, 2], 1, 2, 4)",
  X1: "[1, 2, -3, 2; 1, 2, -2, 1]",
};

export const conv = derivation("004 Q3(a): the Conv1D layer Z(1, j) of Model 1 and Model 2", {
  source: "004 Q3(a)",
  let: { Wk: "2 x 2", b: "scalar" },
  given,
}, (d) => {
  d.define("W = reshape(Wk, 1, 2, 2)");
  // the data as written (l.242), channel by channel
  d.step("D1 = reshape(X1, 1, 2, 4)", { lines: "242" });
  d.step("conv1d(D1, W, b) = conv1d(reshape(X1, 1, 2, 4), W, b)", { lines: "242" });
  // l.252 / l.268: Z(1, j) = Σ_c Σ_k x(c, j + k) W(1, c, k) + b
  d.define("Z(j) = sum(sum(X1[c, j + k] * Wk[c, k + 1], k, 0, 1), c, 1, 2) + b");
  d.step("conv1d(D1, W, b) = reshape([Z(1), Z(2), Z(3)], 1, 1, 3)", { lines: "252" });
  // the output length 4 - 2 + 1 = 3 (P = 0, S = 1), then 3 - 2 + 1 = 2 after pooling
  d.step("sum(conv1d(D1, W, b) .^ 0) = 3", { lines: "252" });
  d.step("sum(avgpool1d(conv1d(D1, W, b), 2, 1) .^ 0) = 2", { lines: "252" });
});

export const model1 = derivation("004 Q3(a): Model 1 (Conv1D → AvgPool1D), the derivative of the pooling layer", {
  source: "004 Q3(a)",
  let: { Wk: "2 x 2", b: "scalar", Uk: "2 x 2", z: "1 x 1 x 3", v: "1 x 1 x 3", g: "1 x 1 x 2" },
  given,
}, (d) => {
  d.define("W = reshape(Wk, 1, 2, 2)");
  d.define("out1 = avgpool1d(conv1d(D1, W, b), 2, 1)");
  d.define("out2 = avgpool1d(conv1d(D2, W, b), 2, 1)");
  d.define("L = sum((out2 - out1) .^ 2)"); // Task1 (l.248)
  // l.254: "AveragePool1D is not trainable ... therefore its derivative is zero"
  d.step("diff(avgpool1d(z, 2, 1), z, v) = 0", {
    lines: "254",
    expect: "refuted",
    note: "as written (l.254): no weights, but the layer is the linear map (z1 + z2, z2 + z3) / 2; its derivative along v is avgpool1d(v, 2, 1)",
  });
  d.step("diff(avgpool1d(z, 2, 1), z, v) = avgpool1d(v, 2, 1)", { lines: "254" });
  // what a zero derivative passed back to Conv1D would mean: no gradient for the conv weights
  d.step("diff(L, Wk, Uk) = 0", {
    lines: "254",
    expect: "refuted",
    note: "a zero derivative passed back would leave Conv1D untrained; the gradient of the Task1 loss in W is not zero",
  });
  // the correct one: the bias cancels in out2 − out1, and the map is linear in W
  d.step("out2 - out1 = avgpool1d(conv1d(D2 - D1, W), 2, 1)", { lines: "254" });
  d.step("diff(L, Wk, Uk) = 2 * sum((out2 - out1) .* avgpool1d(conv1d(D2 - D1, reshape(Uk, 1, 2, 2)), 2, 1))", { lines: "254" });
  d.step("diff(L, b, 1) = 0", { lines: "254" });
  // the derivative "passed to the previous layer, Conv1D" (l.254) in backprop form: the
  // adjoint of average pooling spreads each cotangent entry over its window (g / 2 to each)
  d.step("grad(sum(g .* avgpool1d(z, 2, 1)), z) = avgunpool1d(g, 2, 1)", { lines: "254" });
  // and the gradient of the Task1 loss in the kernel: a correlation of the data with that cotangent
  d.step("grad(L, Wk) = reshape(convkernel1d(D2 - D1, avgunpool1d(2 * (out2 - out1), 2, 1), 2), 2, 2)", { lines: "254" });
});

export const model2 = derivation("004 Q3(a): Model 2 (Conv1D → MaxPool1D), the derivative of the pooling layer", {
  source: "004 Q3(a)",
  let: { Wk: "2 x 2", b: "scalar", Uk: "2 x 2", z: "1 x 1 x 3", v: "1 x 1 x 3", g: "1 x 1 x 2" },
  given,
}, (d) => {
  d.define("W = reshape(Wk, 1, 2, 2)");
  d.define("out1 = maxpool1d(conv1d(D1, W, b), 2, 1)");
  d.define("out2 = maxpool1d(conv1d(D2, W, b), 2, 1)");
  d.define("L = sum((out2 - out1) .^ 2)"); // Task2 (l.264)
  // l.270: "MaxPool1D is not trainable ... therefore its derivative is zero"
  d.step("diff(maxpool1d(z, 2, 1), z, v) = 0", {
    lines: "270",
    expect: "refuted",
    note: "as written (l.270): max pooling passes v at each window's maximum (maxpool1d(z, 2, 1, v)), not zero",
  });
  d.step("diff(maxpool1d(z, 2, 1), z, v) = maxpool1d(z, 2, 1, v)", { lines: "270" });
  d.step("diff(L, Wk, Uk) = 0", {
    lines: "270",
    expect: "refuted",
    note: "a zero derivative passed back would leave Conv1D untrained; the gradient of the Task2 loss in W is not zero",
  });
  d.step("diff(L, Wk, Uk) = 2 * sum((out2 - out1) .* (maxpool1d(conv1d(D2, W, b), 2, 1, conv1d(D2, reshape(Uk, 1, 2, 2))) - maxpool1d(conv1d(D1, W, b), 2, 1, conv1d(D1, reshape(Uk, 1, 2, 2)))))", { lines: "270" });
  // in backprop form (l.270): max pooling passes each cotangent entry to its window's maximum
  d.step("grad(sum(g .* maxpool1d(z, 2, 1)), z) = maxunpool1d(z, g, 2, 1)", { lines: "270" });
  d.step("grad(L, Wk) = 2 * reshape(convkernel1d(D2, maxunpool1d(conv1d(D2, W, b), out2 - out1, 2, 1), 2) - convkernel1d(D1, maxunpool1d(conv1d(D1, W, b), out2 - out1, 2, 1), 2), 2, 2)", { lines: "270" });
});
