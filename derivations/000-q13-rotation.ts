import { derivation } from "derive";

// Seed 000 (Deep Learning HW1), 000 Q1.3-rotation, l.65–85: eigenvalues,
// eigenvectors, determinant and powers of the rotation R(θ), checked with the
// spectral operators in real arithmetic. The identities in cos and sin behind
// the same lines (the characteristic polynomial, the complex embedding of
// P D Pⁿ P⁻¹) are in 000-linear-algebra.ts.
//
// Readings:
// - R(θ) = [cos θ, −sin θ; sin θ, cos θ] (inferred, as in 000-linear-algebra.ts).
// - A complex number a + ib is the pair (a, b). eigvals(X) returns one row
//   [re, im] per eigenvalue, by descending real part, then descending
//   imaginary part: for R(θ) the rows are (cos θ, |sin θ|) and (cos θ, −|sin θ|).
//   The seed names λ₁ = cos θ + i sin θ and λ₂ = cos θ − i sin θ; as a pair
//   of conjugates that is the same set, and λ₁ is the first row exactly when
//   sin θ > 0. (Which root is called λ₁ is a naming, not a claim.)
// - An eigenvector v = vr + i·vi of λ = a + ib satisfies R v = λ v, which in
//   real arithmetic is R vr = a vr − b vi and R vi = a vi + b vr.
// - e^{iθ} = cos θ + i sin θ (Euler, l.81, 85) is used, not checked.

export const rotationSpectrum = derivation(
  "000 Q1.3-rotation: eigenvalues cos θ ± i sin θ, eigenvectors [1, ∓i], det R = λ₁λ₂ = 1, Rⁿ = R(nθ) (eigvals in real arithmetic)",
  { source: "000 Q1.3-rotation", let: { θ: "scalar" } },
  (d) => {
    d.define("R(t) = [cos(t), -sin(t); sin(t), cos(t)]");
    d.define("E = eigvals(R(θ))");
    // l.67: the roots of det(R(θ) − λI) = 0 are cos θ ± i sin θ
    d.step("E = [cos(θ), abs(sin(θ)); cos(θ), -abs(sin(θ))]", { lines: "67" });
    // each computed root solves λ² − 2λ cos θ + 1 = 0 (l.67): real and imaginary parts
    for (const k of [1, 2]) {
      d.step(`E[${k}, 1]^2 - E[${k}, 2]^2 - 2 * E[${k}, 1] * cos(θ) + 1 = 0`, { lines: "67" });
      d.step(`2 * E[${k}, 1] * E[${k}, 2] - 2 * E[${k}, 2] * cos(θ) = 0`, { lines: "67" });
    }
    // at θ = π/3: 1/2 ± i √3/2
    d.step("eigvals(R(pi / 3)) = [1/2, sqrt(3)/2; 1/2, -sqrt(3)/2]", { lines: "67" });

    // l.71: (R(θ) − λ₁I) v₁ = 0 with v₁ = [1; −i] = [1; 0] + i [0; −1], λ₁ = cos θ + i sin θ
    d.step("R(θ) * [1; 0] = cos(θ) * [1; 0] - sin(θ) * [0; -1]", { lines: "71" });
    d.step("R(θ) * [0; -1] = cos(θ) * [0; -1] + sin(θ) * [1; 0]", { lines: "71" });
    // l.75: v₂ = [1; i] for λ₂ = cos θ − i sin θ
    d.step("R(θ) * [1; 0] = cos(θ) * [1; 0] + sin(θ) * [0; 1]", { lines: "75" });
    d.step("R(θ) * [0; 1] = cos(θ) * [0; 1] - sin(θ) * [1; 0]", { lines: "75" });
    // the same with the computed first root (a, b) = (E[1, 1], E[1, 2]) and
    // its eigenvector [1; −i·sign(b)]: the seed's v₁ when b = sin θ > 0
    d.step("R(θ) * [1; 0] = E[1, 1] * [1; 0] - E[1, 2] * [0; -sign(sin(θ))]", { lines: "75" });
    d.step("R(θ) * [0; -sign(sin(θ))] = E[1, 1] * [0; -sign(sin(θ))] + E[1, 2] * [1; 0]", { lines: "75" });

    // l.79: det R(θ) = cos² θ + sin² θ = 1
    d.chain("det(R(θ))", "cos(θ)^2 + sin(θ)^2", "1", { lines: "79" });
    // l.81: λ₁ λ₂ = 1 = det R(θ): the complex product of the two rows
    d.step("E[1, 1] * E[2, 1] - E[1, 2] * E[2, 2] = det(R(θ))", { lines: "81" });
    d.step("E[1, 1] * E[2, 2] + E[1, 2] * E[2, 1] = 0", { lines: "81" });
    // and λ₁ + λ₂ = tr R(θ) = 2 cos θ: a check the author does not write, so it cites no line
    d.step("E[1, 1] + E[2, 1] = tr(R(θ))");

    // l.85: Rⁿ(θ) = P D(θ)ⁿ P⁻¹ = R(nθ): the eigenvalues of Rⁿ are e^{±inθ}
    for (const n of [2, 3, 5]) {
      d.step(`eigvals(R(θ)^${n}) = [cos(${n} * θ), abs(sin(${n} * θ)); cos(${n} * θ), -abs(sin(${n} * θ))]`, { lines: "85" });
      d.step(`eigvals(R(θ)^${n}) = eigvals(R(${n} * θ))`, { lines: "85" });
    }
  },
);
