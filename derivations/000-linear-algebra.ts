import { derivation } from "derive";

// Seed 000 (Deep Learning HW1, 000_5875d3bde9a67171.txt),
// question 1 "مرور جبر خطی" (a review of linear algebra), l.9–85.
//
// Transcribed as the author wrote it; steps the checker refutes are kept with
// `expect: "refuted"` and a note, the corrected step beside them.
//
// Not checkable here:
//   - 000 Q1.2(d): the heading "ت)" at l.53 has no content (prose only, empty).
//   - 000 Q1.1, l.25: the appeal to Schwarz's theorem ("قضیه شوارتن") is prose; its
//     content (mixed partials commute) is checked as the symmetry steps below.
//   - 000 Q1.3-rotation: the language has no complex values; the eigenvalues
//     λ = cos θ ± i sin θ are computed as [re, im] pairs with eigvals, and the
//     eigenvectors, λ₁λ₂ = det R and the spectrum of Rⁿ checked with them, in
//     000-q13-rotation.ts. The real and imaginary parts as identities in cos
//     and sin are checked below; so is Rⁿ = P Dⁿ P⁻¹ = R(nθ) at n = 3 and
//     n = 5, through the real 2 × 2 embedding of complex numbers.
//     "e^{iθ} = cos θ + i sin θ" (Euler, l.81, 85) is used, not checked.

// ---------------------------------------------------------------------------
// 000 Q1.1 (l.9–25): Hessian, gradient, J(∇ψ) = H(ψ), symmetry.
//
// Reading: ψ(u, v, z) is an arbitrary smooth function of three scalars. The
// language has no "arbitrary function", so ψ is a random smooth family:
// p = [u; v; z] (a 3-vector), A a random 3 × 3 matrix (not symmetric) and c a
// random 3-vector, with non-separable terms so that every mixed partial is
// non-zero. Each sample draws a new ψ. ∂/∂u is the directional derivative
// along eu = [1; 0; 0] (diff(ψ, p, eu)), and ∂²ψ/∂a∂b = ∂/∂a (∂ψ/∂b) is
// D2(ea, eb).
//
// The author's gradient "Δψ" (l.19) is a column transposed, i.e. a row; the
// author's J([∂ψ/∂u, ∂ψ/∂v, ∂ψ/∂z]) = [Δ(∂ψ/∂u), Δ(∂ψ/∂v), Δ(∂ψ/∂z)] (l.23) is
// read as the matrix whose i-th ROW is Δ(∂ψ/∂x_i) (numerator layout, which is
// what jacobian() is). Block matrix literals are not in the language, so the
// stack of rows is written Σ_i e_i · ∇(∂ψ/∂x_i)ᵀ.
export const q11 = derivation(
  "000 Q1.1: the Hessian of ψ(u, v, z) is symmetric and equals the Jacobian of its gradient",
  {
    source: "000 Q1.1",
    let: { p: "3", A: "3 x 3", c: "3" },
  },
  (d) => {
    d.define("u = p[1]");
    d.define("v = p[2]");
    d.define("z = p[3]");
    d.define("psi = sin(c[1] * u * v) + exp(c[2] * v * z) / 4 + c[3] * u^2 * z^3 / 3 + p' * A * p");
    d.define("eu = [1; 0; 0]");
    d.define("ev = [0; 1; 0]");
    d.define("ez = [0; 0; 1]");
    // D2(a, b) = ∂/∂a (∂ψ/∂b)
    d.define("D2(a, b) = diff(diff(psi, p, b), p, a)");
    d.define(
      "H = [D2(eu, eu), D2(eu, ev), D2(eu, ez); D2(ev, eu), D2(ev, ev), D2(ev, ez); D2(ez, eu), D2(ez, ev), D2(ez, ez)]",
    );

    // l.13: H(ψ(u, v, z)) is the 3 × 3 matrix of second partials (the author's
    // ⋯ and ⋮ entries are written out in full).
    d.step("hessian(psi, p) = H", { lines: "13" });
    // l.15: "this matrix is clearly symmetric"
    d.step("H = H'", { lines: "15" });
    // l.25 (Schwarz): the order of the mixed partials does not matter
    d.step("D2(eu, ez) = D2(ez, eu)", { lines: "25" });
    d.step("D2(eu, ev) = D2(ev, eu)", { lines: "25" });
    d.step("D2(ev, ez) = D2(ez, ev)", { lines: "25" });
    // l.19: Δψ = [∂ψ/∂u; ∂ψ/∂v; ∂ψ/∂z]ᵀ, the gradient as a row
    d.step("grad(psi, p)' = [diff(psi, p, eu); diff(psi, p, ev); diff(psi, p, ez)]'", { lines: "19" });
    d.step("jacobian(psi, p) = [diff(psi, p, eu); diff(psi, p, ev); diff(psi, p, ez)]'", { lines: "19" });
    // l.21: ∇ψ is a map R³ → R³, so its Jacobian is a square 3 × 3 matrix
    d.step("jacobian(grad(psi, p), p) = jacobian(grad(psi, p), p) + zeros(3, 3)", { lines: "21" });
    // l.23: J(Δψ) = J([∂ψ/∂u, ∂ψ/∂v, ∂ψ/∂z]) = [Δ(∂ψ/∂u), Δ(∂ψ/∂v), Δ(∂ψ/∂z)] = [[∂²ψ/∂u² ⋯]] = H(ψ)
    d.chain(
      "jacobian(grad(psi, p), p)",
      "jacobian([diff(psi, p, eu); diff(psi, p, ev); diff(psi, p, ez)], p)",
      "eu * grad(diff(psi, p, eu), p)' + ev * grad(diff(psi, p, ev), p)' + ez * grad(diff(psi, p, ez), p)'",
      "H",
      "hessian(psi, p)", { lines: "23" },
    );
  },
);

// ---------------------------------------------------------------------------
// 000 Q1.2(a) (l.29–31): ∂(xᵀa)/∂x = a via Σ x_i a_i.
//
// Reading: the author writes the derivative as a bracket [∂/∂x_1, …, ∂/∂x_n]
// = [a_1, a_2, …, a_n] (typeset as a row) and then "= a". A row cannot equal
// the column a in the language (that is a shape error, not a verdict), so the
// row is checked as the numerator-layout derivative jacobian(xᵀa, x) at n = 3,
// and the final "= a" as the gradient (denominator layout, the shape of x),
// at every n. The identification of the row with the column is notation.
export const q12a = derivation(
  "000 Q1.2(a): the derivative of xᵀa is a",
  { source: "000 Q1.2(a)", lines: "29-31", let: { x: "n", a: "n" } },
  (d) => {
    // x^T a = a^T x = Σ_1^n x_i a_i
    d.chain("x' * a", "a' * x", "sum(x .* a)");
    // → ∂(x^T a)/∂x = a
    d.step("grad(x' * a, x) = a");
    d.step("grad(sum(x .* a), x) = a");
  },
);

export const q12aConcrete = derivation(
  "000 Q1.2(a) at n = 3: the partials of Σ x_i a_i one by one",
  { source: "000 Q1.2(a)", lines: "29-31", let: { x: "3", a: "3" } },
  (d) => {
    d.step("x' * a = x[1] * a[1] + x[2] * a[2] + x[3] * a[3]");
    // [∂Σx_ia_i/∂x_1, …, ∂Σx_ia_i/∂x_n] = [a_1, a_2, …, a_n]
    d.step(
      "[diff(x[1] * a[1] + x[2] * a[2] + x[3] * a[3], x, [1; 0; 0]), diff(x[1] * a[1] + x[2] * a[2] + x[3] * a[3], x, [0; 1; 0]), diff(x[1] * a[1] + x[2] * a[2] + x[3] * a[3], x, [0; 0; 1])] = [a[1], a[2], a[3]]",
    );
    // the bracket is the numerator-layout derivative (a row) ...
    d.step("jacobian(x' * a, x) = [a[1], a[2], a[3]]");
    // ... and "= a" is the gradient, a column (see the reading above)
    d.step("grad(x' * a, x) = [a[1]; a[2]; a[3]]");
  },
);

// ---------------------------------------------------------------------------
// 000 Q1.2(b) (l.33–37; the seed's marker is "(↓)"): tr(∂X/∂y) = ∂tr(X)/∂y.
//
// Reading: X is an n × n matrix that depends on a scalar y. The language needs
// a concrete dependence: X(y) = A + sin(y) B + y² C with random A, B, C, which
// is a generic smooth matrix function for this purpose (each entry x_ij(y) is
// a different function of y).
export const q12b = derivation(
  "000 Q1.2(b): the trace of a derivative is the derivative of the trace",
  { source: "000 Q1.2(b)", lines: "33-37", let: { A: "n x n", B: "n x n", C: "n x n", y: "scalar" } },
  (d) => {
    d.define("X = A + sin(y) * B + y^2 * C");
    // tr(∂X/∂y) = Σ_1^n ∂x_kk/∂y = ∂/∂y Σ_1^n x_kk = ∂/∂y tr(X)
    d.chain("tr(diff(X, y))", "sum(diff(diag(X), y))", "diff(sum(diag(X)), y)", "diff(tr(X), y)");
  },
);

export const q12bConcrete = derivation(
  "000 Q1.2(b) at n = 3: the sums written out",
  { source: "000 Q1.2(b)", lines: "33-37", let: { A: "3 x 3", B: "3 x 3", C: "3 x 3", y: "scalar" } },
  (d) => {
    d.define("X = A + sin(y) * B + y^2 * C");
    d.chain(
      "tr(diff(X, y))",
      "diff(X[1, 1], y) + diff(X[2, 2], y) + diff(X[3, 3], y)",
      "diff(X[1, 1] + X[2, 2] + X[3, 3], y)",
      "diff(tr(X), y)",
    );
  },
);

// ---------------------------------------------------------------------------
// 000 Q1.2(c) (l.39–51): the derivative of tr(XᵀAX) = tr(AXXᵀ).
//
// Reading: every sum in the seed runs to n, so X and A are both n × n. A_i is
// row i of A, (XXᵀ)_j column j of XXᵀ, and X_k · X_j the dot product of rows
// k and j of X. The index forms are checked at n = 3 with integer indices
// i, j, p, q (each drawn from {1, 2}); the sums are written out by the helpers
// below, in the author's order of summation.
const N = [1, 2, 3];
const plus = (xs: string[]): string => xs.join(" + ");
// Σ_{k} Σ_{l} A_ik X_kl X_{row,l} for a fixed first index `i` and row `row`
const tripleInner = (i: string, row: string): string =>
  plus(N.flatMap((k) => N.map((l) => `A[${i}, ${k}] * X[${k}, ${l}] * X[${row}, ${l}]`)));
// Σ_i Σ_k Σ_l A_ik X_kl X_il
const traceSum = plus(N.map((i) => tripleInner(`${i}`, `${i}`)));

export const q12c = derivation(
  "000 Q1.2(c): the gradient of tr(XᵀAX)",
  { source: "000 Q1.2(c)", let: { X: "n x n", A: "n x n" } },
  (d) => {
    // l.43: "trace is symmetric under products": tr(X^T A X) = tr(A X X^T)
    d.step("tr(X' * A * X) = tr(A * X * X')", { lines: "43" });
    // l.51, end: ∂tr(AXXᵀ)/∂X_pq = [Xᵀ(A + Aᵀ)]_pq, i.e. as a matrix
    d.step("grad(tr(A * X * X'), X) = X' * (A + A')", {
      lines: "51",
      expect: "refuted",
      note: "layout slip: entry (p, q) of the gradient is ((A + Aᵀ)X)_pq; Xᵀ(A + Aᵀ) is its transpose (numerator layout)",
    });
    d.step("grad(tr(A * X * X'), X) = (A + A') * X", { lines: "51" });
    d.step("grad(tr(X' * A * X), X) = (A + A') * X", { lines: "51" });
    // the author's matrix is right as the numerator-layout derivative (∂/∂X)ᵀ
    d.step("grad(tr(A * X * X'), X)' = X' * (A + A')", { lines: "51" });
  },
);

export const q12cIndex = derivation(
  "000 Q1.2(c) at n = 3: entries, the triple sum and ∂/∂X_pq",
  { source: "000 Q1.2(c)", let: { X: "3 x 3", A: "3 x 3", i: "integer", j: "integer", p: "integer", q: "integer" } },
  (d) => {
    // l.45: (AXXᵀ)_ij = A_i · (XXᵀ)_j = A_i · [X_1·X_j; X_2·X_j; …; X_n·X_j] = Σ_k A_ik Σ_l X_kl X_jl
    d.chain(
      "(A * X * X')[i, j]",
      "A[i, 1] * (X * X')[1, j] + A[i, 2] * (X * X')[2, j] + A[i, 3] * (X * X')[3, j]",
      `A[i, 1] * (${plus(N.map((l) => `X[1, ${l}] * X[j, ${l}]`))}) + A[i, 2] * (${plus(N.map((l) => `X[2, ${l}] * X[j, ${l}]`))}) + A[i, 3] * (${plus(N.map((l) => `X[3, ${l}] * X[j, ${l}]`))})`,
      tripleInner("i", "j"), { lines: "45" },
    );
    // the column (XXᵀ)_j = [X_1·X_j; X_2·X_j; X_3·X_j]
    d.step(
      `[(X * X')[1, j]; (X * X')[2, j]; (X * X')[3, j]] = [${N.map((k) => plus(N.map((l) => `X[${k}, ${l}] * X[j, ${l}]`))).join("; ")}]`, { lines: "45" },
    );
    // l.47, as typeset: tr(AXXᵀ) = Σ_{k=1}^n Σ_{l=1}^n Σ_{l=1}^n A_ik X_kl X_il. Read
    // literally, l is summed twice (the outer Σ_l adds up n copies) and i is free.
    d.step(`tr(A * X * X') = 3 * (${tripleInner("i", "i")})`, {
      lines: "47",
      expect: "refuted",
      note: "as typeset the first sum repeats l and leaves i free (a factor n, no sum over i); the intended Σ_i Σ_k Σ_l is beside it and is what l.51 uses",
    });
    d.step(`tr(A * X * X') = ${traceSum}`, { lines: "47" });
    // l.51: ∂tr(AXXᵀ)/∂X_pq = ∂(Σ_i Σ_k Σ_l A_ik X_kl X_il)/∂X_pq = X_pq(A_pq + A_pq) = [Xᵀ(A + Aᵀ)]_pq
    d.step(`grad(tr(A * X * X'), X)[p, q] = grad(${traceSum}, X)[p, q]`, { lines: "51" });
    d.step(`grad(${traceSum}, X)[p, q] = X[p, q] * (A[p, q] + A[p, q])`, {
      lines: "51",
      expect: "refuted",
      note: "the derivative of the triple sum is Σ_i A_ip X_iq + Σ_k A_pk X_kq, a sum over rows, not X_pq times 2A_pq",
    });
    // corrected: the two terms (l = q, and k = p or i = p)
    d.chain(
      `grad(${traceSum}, X)[p, q]`,
      `${plus(N.map((i) => `A[${i}, p] * X[${i}, q]`))} + ${plus(N.map((k) => `A[p, ${k}] * X[${k}, q]`))}`,
      "((A + A') * X)[p, q]", { lines: "51" },
    );
    d.step("X[p, q] * (A[p, q] + A[p, q]) = (X' * (A + A'))[p, q]", {
      lines: "51",
      expect: "refuted",
      note: "the author's two right-hand sides are not equal: [Xᵀ(A + Aᵀ)]_pq = Σ_k X_kp (A + Aᵀ)_kq",
    });
    // The author's final "= [Xᵀ(A + Aᵀ)]_pq", at the entry (p, q) = (1, 2): on the
    // diagonal p = q the two sides agree (A + Aᵀ is symmetric), so with p, q
    // drawn from {1, 2} every sample could land there; an off-diagonal entry
    // shows the slip at every sample.
    d.step("grad(tr(A * X * X'), X)[1, 2] = (X' * (A + A'))[1, 2]", {
      lines: "51",
      expect: "refuted",
      note: "layout slip: ∂tr(AXXᵀ)/∂X_pq = ((A + Aᵀ)X)_pq = [Xᵀ(A + Aᵀ)]_qp; the two differ off the diagonal",
    });
    d.step("grad(tr(A * X * X'), X)[p, q] = ((A + A') * X)[p, q]", { lines: "51" });
    d.step("grad(tr(A * X * X'), X)[p, q] = (X' * (A + A'))[q, p]", { lines: "51" });
  },
);

// ---------------------------------------------------------------------------
// 000 Q1.2(d) (l.53): prose only.
export const q12d = derivation("000 Q1.2(d): empty", {
  prose: ["000 Q1.2(d) (l.53): the heading \"ت)\" has no content; nothing to check"],
}, () => {});

// ---------------------------------------------------------------------------
// 000 Q1.3-logdet (l.55–63): ∂log(det X)/∂X = X⁻ᵀ via Jacobi's formula.
//
// Reading: adj(X) is the adjugate and C the cofactor matrix, adj(X) = Cᵀ. The
// language has no adjugate; for an invertible X it is det(X) X⁻¹ (its defining
// property adj(X) X = det(X) I), and that is the define used at every n. At
// n = 3 the cofactor matrix is written out from 2 × 2 minors instead, so that
// Jacobi's formula and adj = Cᵀ are checked without the inverse. log(det X)
// is only defined where det X > 0; samples with det X < 0 are redrawn.
export const q13logdet = derivation(
  "000 Q1.3-logdet: the gradient of log det X is X^-T",
  { source: "000 Q1.3-logdet", let: { X: "n x n invertible" } },
  (d) => {
    d.define("adj(M) = det(M) * inv(M)");
    // l.57–59: "by the properties of the derivative", ∂log det(X)/∂X = (1/det X) ∂det(X)/∂X
    d.step("grad(log(det(X)), X) = 1 / det(X) * grad(det(X), X)", { lines: "59" });
    // l.61–63: Jacobi's formula, ∂det(X)/∂X = adj(X)ᵀ
    d.step("grad(det(X), X) = adj(X)'", { lines: "61-63" });
    // l.63: = (1/det X) adj(X)ᵀ = (1/det X)(Cᵀ)ᵀ = (X⁻¹)ᵀ = X⁻ᵀ
    d.chain("1 / det(X) * grad(det(X), X)", "1 / det(X) * adj(X)'", "(X^-1)'", "inv(X')", { lines: "63" });
    d.step("grad(log(det(X)), X) = (X^-1)'", { lines: "63" });
  },
);

// the cofactor C_ij = (-1)^(i+j) × the minor without row i and column j, for 3 × 3
const cof = (i: number, j: number): string => {
  const [r1, r2] = [1, 2, 3].filter((r) => r !== i);
  const [c1, c2] = [1, 2, 3].filter((c) => c !== j);
  const minor = `X[${r1}, ${c1}] * X[${r2}, ${c2}] - X[${r1}, ${c2}] * X[${r2}, ${c1}]`;
  return (i + j) % 2 === 0 ? `(${minor})` : `(-(${minor}))`;
};
const cofactorMatrix = `[${[1, 2, 3].map((i) => [1, 2, 3].map((j) => cof(i, j)).join(", ")).join("; ")}]`;

export const q13logdetConcrete = derivation(
  "000 Q1.3-logdet at n = 3: Jacobi's formula with the cofactor matrix written out",
  { source: "000 Q1.3-logdet", lines: "55-63", let: { X: "3 x 3 invertible" } },
  (d) => {
    d.define(`C = ${cofactorMatrix}`);
    // adj(X) = Cᵀ is the adjugate: adj(X) X = det(X) I
    d.step("C' * X = det(X) * I(3)");
    // Jacobi's formula: ∂det(X)/∂X = adj(X)ᵀ = (Cᵀ)ᵀ
    d.step("grad(det(X), X) = (C')'");
    d.chain("grad(log(det(X)), X)", "1 / det(X) * grad(det(X), X)", "1 / det(X) * (C')'", "(X^-1)'");
  },
);

// ---------------------------------------------------------------------------
// 000 Q1.3-rotation (l.65–85): eigen-decomposition of the rotation R(θ).
//
// Readings: R(θ) = [cos θ, −sin θ; sin θ, cos θ] (inferred; the seed never
// writes R, but its characteristic matrix at l.67 is this one minus λI).
// A complex number a + ib is checked through its real part a and imaginary
// part b. For the diagonalisation, a complex matrix M = Mr + i·Mi is embedded
// as the real 4 × 4 matrix kron(Mr, I(2)) + kron(Mi, J) with J = [0, −1; 1, 0]
// (J² = −I plays i² = −1); the embedding respects sums, products and inverses,
// so P D P⁻¹ computed in it is the complex product. P = [v₁ v₂] = [1, 1; −i, i]
// is inferred (the seed does not write P), and D(θ), typeset as a column
// [e^{iθ}; e^{−iθ}], is read as diag(e^{iθ}, e^{−iθ}).
export const q13rotation = derivation(
  "000 Q1.3-rotation: eigenvalues, eigenvectors, det and powers of R(θ) (real and imaginary parts)",
  {
    source: "000 Q1.3-rotation",
    let: { θ: "scalar", λ: "scalar" },
    prose: [
      "000 Q1.3-rotation (l.67–85) states λ = cos θ ± i sin θ, v = [1, ∓i]ᵀ, λ₁λ₂ = e^{iθ}e^{−iθ} and D(θ) = [e^{iθ}; e^{−iθ}] as complex quantities; their real and imaginary parts are checked here, the eigenvalues as [re, im] pairs (eigvals) in 000-q13-rotation.ts; Euler's e^{iθ} = cos θ + i sin θ is used, not checked",
    ],
  },
  (d) => {
    d.define("R(t) = [cos(t), -sin(t); sin(t), cos(t)]");
    // l.67: det(R(θ) − λI) = 0 → |cos θ − λ, −sin θ; sin θ, cos θ − λ| = 0 →
    //       (cos θ − λ)² + sin² θ = 0 → λ² − 2λ cos θ + 1 = 0
    // (a polynomial identity in λ; checked at real λ, which fixes the polynomial)
    d.chain(
      "det(R(θ) - λ * I(2))",
      "det([cos(θ) - λ, -sin(θ); sin(θ), cos(θ) - λ])",
      "(cos(θ) - λ)^2 + sin(θ)^2",
      "λ^2 - 2 * λ * cos(θ) + 1", { lines: "67" },
    );
    // l.67: λ₁ = cos θ + i sin θ, λ₂ = cos θ − i sin θ are the roots of λ² − 2λ cos θ + 1.
    // For λ = a + ib: Re = a² − b² − 2a cos θ + 1, Im = 2ab − 2b cos θ.
    d.define("ReP(a, b) = a^2 - b^2 - 2 * a * cos(θ) + 1");
    d.define("ImP(a, b) = 2 * a * b - 2 * b * cos(θ)");
    d.step("ReP(cos(θ), sin(θ)) = 0", { lines: "67" });
    d.step("ImP(cos(θ), sin(θ)) = 0", { lines: "67" });
    d.step("ReP(cos(θ), -sin(θ)) = 0", { lines: "67" });
    d.step("ImP(cos(θ), -sin(θ)) = 0", { lines: "67" });
    // l.71: R(θ) − λ₁I = [−i sin θ, −sin θ; sin θ, −i sin θ]: real part, imaginary part
    d.step("R(θ) - cos(θ) * I(2) = [0, -sin(θ); sin(θ), 0]", { lines: "71" });
    d.step("-sin(θ) * I(2) = [-sin(θ), 0; 0, -sin(θ)]", { lines: "71" });
    // (R(θ) − λ₁I) v₁ = 0 with v₁ = [1; −i] = [1; 0] + i [0; −1]:
    // Re = Mr·vr − Mi·vi, Im = Mr·vi + Mi·vr, with Mr = [0, −sin; sin, 0], Mi = −sin θ I
    d.define("Mr = [0, -sin(θ); sin(θ), 0]");
    d.step("Mr * [1; 0] - (-sin(θ) * I(2)) * [0; -1] = 0", { lines: "71" });
    d.step("Mr * [0; -1] + (-sin(θ) * I(2)) * [1; 0] = 0", { lines: "71" });
    // l.73–75: v₂ = [1; i] = [1; 0] + i [0; 1] for λ₂ (R − λ₂I = Mr + i sin θ I)
    d.step("Mr * [1; 0] - (sin(θ) * I(2)) * [0; 1] = 0", { lines: "73-75" });
    d.step("Mr * [0; 1] + (sin(θ) * I(2)) * [1; 0] = 0", { lines: "73-75" });
    // l.79: det(R(θ)) = cos² θ + sin² θ = 1
    d.chain("det(R(θ))", "cos(θ)^2 + sin(θ)^2", "1", { lines: "79" });
    // l.81: λ₁ · λ₂ = e^{iθ} · e^{−iθ} = 1 = det(R(θ)):
    // (cos + i sin)(cos − i sin) has real part cos² + sin² and imaginary part −cos sin + sin cos
    d.chain("cos(θ) * cos(θ) + sin(θ) * sin(θ)", "1", "det(R(θ))", { lines: "81" });
    d.step("cos(θ) * (-sin(θ)) + sin(θ) * cos(θ) = 0", { lines: "81" });

    // l.85, through the real embedding (see the reading above)
    d.define("J = [0, -1; 1, 0]");
    d.step("J * J = -I(2)", { lines: "85" });
    d.define("Pc = kron([1, 1; 0, 0], I(2)) + kron([0, 0; -1, 1], J)");
    d.define("Dc(t) = kron(cos(t) * I(2), I(2)) + kron([sin(t), 0; 0, -sin(t)], J)");
    // the columns of P are eigenvectors: R P = P D
    d.step("kron(R(θ), I(2)) * Pc = Pc * Dc(θ)", { lines: "85" });
    // R(θ) = P D(θ) P⁻¹
    d.step("kron(R(θ), I(2)) = Pc * Dc(θ) * inv(Pc)", { lines: "85" });
    for (const n of [3, 5]) {
      // Rⁿ(θ) = P D(θ)ⁿ P⁻¹ = P [e^{inθ}; e^{−inθ}] P⁻¹ = R(nθ), at n = 3 and n = 5
      d.chain(
        `kron(R(θ)^${n}, I(2))`,
        `Pc * Dc(θ)^${n} * inv(Pc)`,
        `Pc * Dc(${n} * θ) * inv(Pc)`,
        `kron(R(${n} * θ), I(2))`, { lines: "85" },
      );
      // D(θ)ⁿ = diag(e^{inθ}, e^{−inθ}) (de Moivre), and the real statement Rⁿ(θ) = R(nθ)
      d.step(`Dc(θ)^${n} = Dc(${n} * θ)`, { lines: "85" });
      d.step(`R(θ)^${n} = R(${n} * θ)`, { lines: "85" });
    }
    // symbolic n: k drawn from {1, 2}
    d.step("R(θ)^k = R(k * θ)", { lines: "85", let: { k: "integer" } });
  },
);
