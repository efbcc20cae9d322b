// A showcase of the derivation DSL (docs/derivations.md): every capability once,
// every step passing. Run it with
//
//   derive check derivations/examples.ts
//
// Each `d.step` is one checked claim; the report gives its file and line, the
// verdict (proved, verified, refuted, error), how it was reached, and whether
// that was the expected verdict.

import { derivation } from "derive";

// A Cookbook identity, proved by the symbolic engine (`expect: "proved"` fails
// the run if it is only verified), and a chain: each consecutive pair is a step.
export const cookbook = derivation("Matrix Cookbook (16): the trace of a product is cyclic", {
  source: "Matrix Cookbook (16)",
  let: { A: "n x m", B: "m x p", C: "p x n" },
}, (d) => {
  d.step("tr(A * B * C) = tr(C * A * B)", { expect: "proved" });
  d.chain("tr(A * B * C)", "tr(B * C * A)", "tr(C * A * B)");
});

// Derivatives: gradients have the shape of the variable (Cookbook layout) and
// are checked by finite differences of the function itself. A step that is
// kept although it is wrong says so with `expect: "refuted"` and a note, next
// to its correction.
export const derivatives = derivation("Gradients of a quadratic form and of logdet", {
  source: "Matrix Cookbook (57), (81)",
  let: { x: "n", A: "n x n", X: "n x n invertible" },
}, (d) => {
  d.step("grad(x' * A * x, x) = 2 * A * x", {
    expect: "refuted",
    note: "holds only for a symmetric A",
  });
  d.step("grad(x' * A * x, x) = (A + A') * x", { source: "Matrix Cookbook (81)" });
  d.step("grad(logdet(X), X) = inv(X)'", { source: "Matrix Cookbook (57)" });
  // the directional derivative, with V declared for this step only
  d.step("diff(inv(X), X, V) = (-inv(X) * V * inv(X))", { let: { V: "n x n" } });
});

// A worked example: given values, named intermediate values (`define`), and
// results stated with the author's rounding (`≈ 0.57` means the exact value
// rounds to 0.57). `diff(L, w1)` differentiates the whole defined computation
// with respect to the given w1, by finite differences at the given values.
export const neuron = derivation("One sigmoid neuron: forward and backward pass", {
  given: { x1: 1, x2: 0.5, w1: 0.1, w2: -0.2, b: 0.3, y: 1 },
  prose: ["the choice of the squared loss is motivated in prose (not checkable)"],
}, (d) => {
  d.define("z = w1 * x1 + w2 * x2 + b");
  d.step("z ≈ 0.3");
  d.define("a = sigmoid(z)");
  d.step("a ≈ 0.5744");
  d.step("a ≈ 0.58", { expect: "refuted", note: "rounded up: a = 0.57444 rounds to 0.57" });
  d.step("a ≈ 0.57");
  d.define("L = 1/2 * (a - y)^2");
  d.step("L ≈ 0.0905");
  // the chain rule by hand, against the derivative of the whole computation
  d.step("diff(L, w1) = (a - y) * a * (1 - a) * x1");
  d.step("diff(L, w1) ≈ -0.104");
  d.step("diff(L, w2) ≈ -0.052");
  d.step("0 < a < 1");
});

// Given matrices, and a function define expanded at its call sites.
export const matrices = derivation("A 2 x 2 example and a function define", {
  let: { S: "2 x 2 spd", X: "k x n", w: "n", y: "k" },
  given: { S: "[2, 1; 1, 3]" },
}, (d) => {
  d.step("det(S) = 5");
  d.step("inv(S) ≈ [0.6, -0.2; -0.2, 0.4] ± 1e-12");
  d.define("sq(v) = v' * v");
  d.step("grad(sq(X * w - y), w) = 2 * X' * (X * w - y)");
});

// argmin equivalence: dropping a positive factor and an additive constant
// does not move the minimiser. `d.argmin("w", f, g)` checks f = a·g + b with
// a > 0 and b constant in w; `∝ ... in w` checks the factor alone.
export const leastSquares = derivation("Least squares: the 1/(2k) and the constant do not move the minimiser", {
  let: { X: "k x n", w: "n", y: "k", c: "scalar" },
}, (d) => {
  d.argmin("w", "1/(2*k) * norm(X * w - y)^2 + c^2", "norm(X * w - y)^2");
  d.step("norm(X * w - y)^2 / (2 * k) ∝ norm(X * w - y)^2 in w");
  d.argmin("w", "norm(X * w - y)^2", "-norm(X * w - y)^2", {
    expect: "refuted",
    note: "a negative factor turns the minimiser into a maximiser",
  });
  d.step("grad(1/(2*k) * norm(X * w - y)^2, w) = X' * (X * w - y) / k");
});
