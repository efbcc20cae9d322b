import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q1(c), l.133–153: Newton's method.
//
// Checked on a quadratic f(x) = ½xᵀAx + bᵀx + c (A symmetric positive definite),
// where the second-order Taylor model is exact and one Newton step lands on the
// minimiser:
// - l.137: f(x + αp) ≈ f(x) + αpᵀ∇f(x) + (α²/2!) pᵀ∇²f(x)p, an identity for a
//   quadratic (for another f it is the limit/asymptotic kind, not checked here);
// - l.141: x^{k+1} = x^k − H(xk)⁻¹∇f(x^k) ("H(xk)" is read as H(x^k));
// - l.153: N values for the first derivative against N² for the second: the
//   gradient of f: R^N → R has N entries and its Hessian N².
//
// Prose, not checkable: the advantages, the claim that the learning rate is set
// automatically, and why the method is little used in machine learning (l.143–153).

export const newton = derivation("Q1(c): Taylor model, Newton step and the N vs N² counts on a quadratic", {
  source: "004 Q1(c)",
  let: { A: "n x n spd", b: "n", x: "n", p: "n", α: "scalar", c: "scalar" },
  prose: [
    "Q1(c) l.143–153: advantages of Newton's method, its learning rate set by the Hessian, and why it is little used in deep learning (prose)",
  ],
}, (d) => {
  d.define("f(u) = 1/2 * u' * A * u + b' * u + c");
  // l.137 (2! written 2)
  d.step("f(x + α * p) = f(x) + α * p' * grad(f(x), x) + α^2 / 2 * p' * hessian(f(x), x) * p", { lines: "137" });
  // l.141: the Newton step, and that it reaches the minimiser −A⁻¹b
  d.define("xnext = x - inv(hessian(f(x), x)) * grad(f(x), x)");
  d.step("xnext = -inv(A) * b", { lines: "141" });
  d.step("A * xnext + b = 0", { lines: "141" }); // ∇f(x^{k+1}) = 0
  // l.153: N first derivatives, N² second derivatives
  d.step("sum(0 * grad(f(x), x) + 1) = n", { lines: "153" });
  d.step("sum(0 * hessian(f(x), x) + 1) = n^2", { lines: "153" });
});
