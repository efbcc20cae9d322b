// Seed 003 (Deep Learning HW1, Sharif), Q2: the sigmoid limits and the
// saturation of σ' (limit kind), transcribed from
// 003_e34f0158ba71e7fd.txt as the author wrote them.
//  - 003 Q2-activations, l.70-74: σ(t) -> 1.0 as t -> inf, -> 0.0 as t -> -inf.
//  - 003 Q2.2(c), l.135: z = Σ_{i=0}^{n} w_i a_i + b (indices from 0: vectors
//    of m = n + 1 entries, entry i + 1 is w_i); l.143-147: the limits again;
//    l.151: σ'(t) with the subscript t -> -inf, read as the limit of both
//    sides; l.153: σ' becomes very small for very small or very large t.
// The other lines of these labels (σ' = σ(1 - σ), its bounds, ReLU) are in
// 003-activations.ts.

import { derivation } from "derive";

export const activations = derivation("003 Q2-activations: the sigmoid limits", {
  source: "003 Q2-activations",
}, (d) => {
  d.step("lim(sigmoid(t), t, inf) = 1.0", { lines: "70" }); // l.70
  d.step("lim(sigmoid(t), t, -inf) = 0.0", { lines: "74" }); // l.74
});

export const saturation = derivation("003 Q2.2(c): large inputs saturate the sigmoid", {
  source: "003 Q2.2(c)",
  let: { w: "m", a: "m", b: "scalar" },
}, (d) => {
  // l.135: z = Σ_{i=0}^{n} w_i a_i + b, with n = m - 1
  d.step("sum(w[i + 1] * a[i + 1], i, 0, m - 1) + b = w' * a + b", { lines: "135" });
  d.step("lim(sigmoid(t), t, inf) = 1.0", { lines: "143" }); // l.143
  d.step("lim(sigmoid(t), t, -inf) = 0.0", { lines: "147" }); // l.147
  // l.151: σ'(t)_{t -> -inf} = σ(t)(1 - σ(t))
  d.step("lim(diff(sigmoid(t), t), t, -inf) = lim(sigmoid(t) * (1 - sigmoid(t)), t, -inf)", { lines: "151" });
  // l.153: one factor tends to 0 at either end, so σ' does
  d.step("lim(sigmoid(t) * (1 - sigmoid(t)), t, -inf) = 0", { lines: "153" });
  d.step("lim(sigmoid(t) * (1 - sigmoid(t)), t, inf) = 0", { lines: "153" });
  d.step("lim(diff(sigmoid(t), t), t, inf) = 0", { lines: "153" });
});
