// The Matrix Cookbook (K. B. Petersen & M. S. Pedersen, version of November 15,
// 2012), checked identity by identity. One derivation per section; every step
// cites its equation number in its note, or its section where the identity is
// printed without a number. Steps the symbolic engine proves are marked
// `expect: "proved"`; the others must be proved or verified on random samples.
//
// Conventions (docs/language.md): grad(f, X) has the shape of X (the
// Cookbook's layout), jacobian is numerator layout over column-major vec, and
// derivatives are the unconstrained partials, so the Cookbook's identities for
// "no special structure" (its §2 introduction) apply as printed. The Cookbook's
// differential ∂F is written as the directional derivative diff(F, X, V), and
// its scalar-parameter derivatives ∂/∂x as diff(F, t) along A + t B.
//
// Two printed identities do not hold as printed, and are kept next to their
// corrected forms with `expect: "refuted"`: (92), whose first term is
// transposed, and (524), whose B should be B' (or, equivalently as a quadratic
// form, c a' should be a c'); (524) as printed is right for a symmetric B.
// The other refuted steps are common slips, each next to the identity it
// misremembers.

import { derivation } from "derive";

/** a step the symbolic engine proves, citing its equation */
const proved = (eq: string) => ({ expect: "proved" as const, note: eq });

export const basics = derivation("§1 Basics: inverse, transpose, trace, determinant (1)-(31)", {
  source: "Matrix Cookbook §1",
  let: {
    A: "n x n invertible",
    B: "n x n invertible",
    C: "n x n invertible",
    P: "n x m",
    Q: "m x p",
    R: "p x n",
    S: "n x m",
    Pm: "m x n",
    a: "n",
    u: "n",
    v: "n",
    c: "scalar",
    k: "integer",
    M: "2 x 2 invertible",
    T: "3 x 3",
    F: "4 x 4",
  },
  prose: [
    "(7)-(10): Hermitian transposes of complex matrices (the language is real)",
    "(12), (18): trace and determinant as the sum and product of the eigenvalues",
    "(28): the small-ε approximation of det(I + εA)",
  ],
}, (d) => {
  d.step("inv(A * B) = inv(B) * inv(A)", proved("(1)"));
  d.step("inv(A * B * C) = inv(C) * inv(B) * inv(A)", proved("(2)"));
  d.step("inv(A') = inv(A)'", proved("(3)"));
  d.step("(P + S)' = P' + S'", proved("(4)"));
  d.step("(P * Q)' = Q' * P'", proved("(5)"));
  d.step("(P * Q * R)' = R' * Q' * P'", proved("(6)"));
  // 1.1 Trace
  d.step("tr(A) = sum(diag(A))", proved("(11)"));
  d.step("tr(A) = tr(A')", proved("(13)"));
  d.step("tr(P * Pm) = tr(Pm * P)", proved("(14): P is n x m and Pm is m x n"));
  d.step("tr(A + B) = tr(A) + tr(B)", proved("(15)"));
  d.chain("tr(P * Q * R)", "tr(Q * R * P)", "tr(R * P * Q)", proved("(16): cyclic permutations"));
  d.step("tr(P3 * Q3 * R3) = tr(Q3 * P3 * R3)", {
    expect: "refuted",
    note: "(16) allows cyclic permutations only: swapping two factors is not one (square factors, so that both sides are defined)",
    let: { P3: "n x n", Q3: "n x n", R3: "n x n" },
  });
  d.step("a' * a = tr(a * a')", proved("(17)"));
  // 1.2 Determinant
  d.step("det(c * A) = c^n * det(A)", proved("(19)"));
  d.step("det(A') = det(A)", proved("(20)"));
  d.step("det(A * B) = det(A) * det(B)", proved("(21)"));
  d.step("det(inv(A)) = 1 / det(A)", proved("(22)"));
  d.step("det(A^3) = det(A)^3", proved("(23) with n = 3"));
  d.step("det(A^k) = det(A)^k", { note: "(23) for an integer power k (negative k through (22))" });
  d.step("det(I + u * v') = 1 + u' * v", { note: "(24): the matrix determinant lemma" });
  d.step("det(I + M) = 1 + det(M) + tr(M)", { note: "(25): n = 2" });
  d.step("det(I + T) = 1 + det(T) + tr(T) + tr(T)^2 / 2 - tr(T^2) / 2", { note: "(26): n = 3" });
  d.step("det(I + F) = 1 + det(F) + tr(F) + tr(F)^2 / 2 - tr(F^2) / 2 + tr(F)^3 / 6 - tr(F) * tr(F^2) / 2 + tr(F^3) / 3", {
    note: "(27): n = 4",
  });
  // 1.3 The special case 2 x 2
  d.step("det(M) = M[1, 1] * M[2, 2] - M[1, 2] * M[2, 1]", { note: "(29)" });
  d.step("tr(M) = M[1, 1] + M[2, 2]", { note: "(30)" });
  d.step("inv(M) = [M[2, 2], -M[1, 2]; -M[2, 1], M[1, 1]] / det(M)", { note: "(31)" });
  d.step("inv(M) = (tr(M) * I - M) / det(M)", { note: "(31) written with the Cayley-Hamilton theorem" });
});

export const eigen2x2 = derivation("§1.3 Eigenvalues of a symmetric 2 x 2 matrix (unnumbered)", {
  source: "Matrix Cookbook §1.3",
  let: { S: "2 x 2 symmetric" },
}, (d) => {
  // a symmetric S has real eigenvalues, so the square root is real
  d.define("l1 = (tr(S) + sqrt(tr(S)^2 - 4 * det(S))) / 2");
  d.define("l2 = (tr(S) - sqrt(tr(S)^2 - 4 * det(S))) / 2");
  d.step("l1^2 + det(S) = l1 * tr(S)", { note: "§1.3: the characteristic equation λ² − λ Tr(A) + det(A) = 0" });
  d.step("l1 + l2 = tr(S)", proved("§1.3: λ1 + λ2 = Tr(A)"));
  d.step("l1 * l2 = det(S)", { note: "§1.3: λ1 λ2 = det(A)" });
});

export const differentials = derivation("§2 Derivatives: the rules for differentials (33)-(45)", {
  source: "Matrix Cookbook §2",
  let: { X: "n x n invertible", Y: "n x n", V: "n x n", W: "n x n", A: "n x n", a: "scalar" },
  prose: [
    "(32): the basic assumption ∂X_kl/∂X_ij = δ_ik δ_lj (unstructured X) is the meaning of grad and diff here",
    "(45): Hermitian transpose (complex)",
  ],
}, (d) => {
  d.step("diff(A, X, V) = 0", proved("(33): a constant"));
  d.step("diff(a * X, X, V) = a * V", proved("(34)"));
  d.step("diff(X + A * X, X, V) = V + A * V", proved("(35)"));
  d.step("diff(tr(X), X, V) = tr(V)", proved("(36)"));
  d.step("diff(X * A * X, X, V) = V * A * X + X * A * V", proved("(37): the product rule, with Y = A X"));
  d.step("diff(X .* X, X, V) = V .* X + X .* V", proved("(38)"));
  d.step("diff(kron(X, X), X, V) = kron(V, X) + kron(X, V)", proved("(39)"));
  d.step("diff(inv(X), X, V) = (-inv(X) * V * inv(X))", proved("(40)"));
  d.step("diff(inv(X), X, V) = (-inv(X) * V)", {
    expect: "refuted",
    note: "a slip of (40): the right factor inv(X) is dropped",
  });
  d.step("diff(det(X), X, V) = tr(det(X) * inv(X) * V)", proved("(41) with adj(X) = det(X) inv(X), (151)"));
  d.step("diff(det(X), X, V) = det(X) * tr(inv(X) * V)", proved("(42)"));
  d.step("diff(logdet(X), X, V) = tr(inv(X) * V)", proved("(43)"));
  d.step("diff(X', X, V) = V'", proved("(44)"));
});

export const determinants = derivation("§2.1 Derivatives of a determinant (46)-(58)", {
  source: "Matrix Cookbook §2.1",
  let: {
    X: "n x n invertible",
    A: "n x n invertible",
    B: "n x n invertible",
    C: "n x n",
    Z: "n x m",
    G: "n x n",
    H: "n x n symmetric",
    t: "scalar",
    k: "integer",
  },
  prose: ["(56): derivative with respect to the pseudo-inverse X⁺ (not a variable of the language)"],
}, (d) => {
  d.step("diff(det(A + t * B), t) = det(A + t * B) * tr(inv(A + t * B) * B)", proved("(46) with Y = A + t B"));
  d.step("grad(det(X), X) * X' = det(X) * I", proved("(47), (50): Σ_k ∂det(X)/∂X_ik X_jk = δ_ij det(X)"));
  d.step(
    "diff(diff(det(A + t * B + t^2 * C), t), t) = det(A + t * B + t^2 * C) * (tr(inv(A + t * B + t^2 * C) * 2 * C) + tr(inv(A + t * B + t^2 * C) * (B + 2 * t * C))^2 - tr(inv(A + t * B + t^2 * C) * (B + 2 * t * C) * inv(A + t * B + t^2 * C) * (B + 2 * t * C)))",
    proved("(48) with Y = A + t B + t² C, so ∂Y/∂t = B + 2 t C and ∂²Y/∂t² = 2 C"),
  );
  d.step("grad(det(X), X) = det(X) * inv(X)'", proved("(49)"));
  d.step("grad(det(X), X) = det(X) * inv(X)", {
    expect: "refuted",
    note: "(49) without the transpose: right only for symmetric X (the structured case of §2.8 is a different question)",
  });
  d.chain("grad(det(A * X * B), X)", "det(A * X * B) * inv(X)'", "det(A * X * B) * inv(X')", proved("(51)"));
  d.step("grad(det(X' * A * X), X) = 2 * det(X' * A * X) * inv(X)'", proved("(52): X square and invertible"));
  d.step("grad(det(Z' * H * Z), Z) = 2 * det(Z' * H * Z) * H * Z * inv(Z' * H * Z)", proved("(53): Z not square, H symmetric"));
  d.step(
    "grad(det(Z' * G * Z), Z) = det(Z' * G * Z) * (G * Z * inv(Z' * G * Z) + G' * Z * inv(Z' * G' * Z))",
    proved("(54): Z not square, G not symmetric"),
  );
  d.step("grad(logdet(Z' * Z), Z) = 2 * Z * inv(Z' * Z)", proved("(55), with (Z⁺)' = Z (Z'Z)⁻¹ for Z of full column rank"));
  d.chain("grad(logdet(X), X)", "inv(X)'", "inv(X')", proved("(57)"));
  d.step("grad(det(X^3), X) = 3 * det(X^3) * inv(X)'", proved("(58) with k = 3"));
  d.step("grad(det(X^k), X) = k * det(X^k) * inv(X)'", { note: "(58) for an integer k" });
});

export const inverses = derivation("§2.2 Derivatives of an inverse (59)-(64)", {
  source: "Matrix Cookbook §2.2",
  let: {
    X: "n x n invertible",
    A: "n x n invertible",
    B: "n x n",
    P: "m x n",
    Q: "n x m",
    a: "n",
    b: "n",
    t: "scalar",
  },
  prose: ["(60): the entrywise form ∂(X⁻¹)_kl/∂X_ij, checked through (61) with a, b arbitrary"],
}, (d) => {
  d.step("diff(inv(A + t * B), t) = (-inv(A + t * B) * B * inv(A + t * B))", proved("(59) with Y = A + t B"));
  d.step("grad(a' * inv(X) * b, X) = (-inv(X)' * a * b' * inv(X)')", proved("(61)"));
  d.step("grad(a' * inv(X) * b, X) = (-inv(X) * a * b' * inv(X))", {
    expect: "refuted",
    note: "(61) with the transposes dropped: the usual layout slip",
  });
  d.step("grad(det(inv(X)), X) = (-det(inv(X)) * inv(X)')", proved("(62)"));
  d.chain("grad(tr(P * inv(X) * Q), X)", "(-(inv(X) * Q * P * inv(X))')", "(-inv(X)' * P' * Q' * inv(X)')", proved("(63), (124)"));
  d.step("grad(tr(inv(X + B)), X) = (-(inv(X + B) * inv(X + B))')", proved("(64)"));
  d.step("grad(tr(X), X) = I", proved("(65): the sum of the eigenvalues is the trace (§2.3)"));
});

export const scalarForms = derivation("§2.4 Derivatives of vector and scalar forms (69)-(98)", {
  source: "Matrix Cookbook §2.4",
  let: {
    x: "n",
    a: "n",
    s: "m",
    X: "n x m",
    Y: "n x n",
    A: "n x m",
    B: "n x n",
    D: "n x n",
    W: "n x n symmetric",
    V: "n x m",
    b: "m",
    c: "m",
    p: "n",
    q: "n",
  },
  prose: ["(73)-(76), (79): entrywise forms with the single-entry matrix J^ij, checked in their matrix forms (80)", "(89): complex"],
}, (d) => {
  d.step("grad(x' * a, x) = a", proved("(69)"));
  d.step("grad(a' * x, x) = a", proved("(69)"));
  d.step("grad(a' * X * b, X) = a * b'", proved("(70)"));
  d.step("grad(b' * X' * a, X) = a * b'", proved("(71), with the roles of a and b as declared here"));
  d.chain("grad(a' * Y * a, Y)", "grad(a' * Y' * a, Y)", "a * a'", proved("(72)"));
  d.step("grad(b' * X' * X * c, X) = X * (b * c' + c * b')", proved("(77)"));
  d.step(
    "grad((A' * x + b)' * D2 * (C2 * x + c), x) = A * D2 * (C2 * x + c) + C2' * D2' * (A' * x + b)",
    { ...proved("(78) with B = A', C = D2, D = C2"), let: { D2: "m x m", C2: "m x n" } },
  );
  d.step("diff(X' * B * X, X, V) = X' * B * V + V' * B * X", proved("(80) along a direction V (V = J^ij gives the printed form)"));
  d.step("grad(x' * B * x, x) = (B + B') * x", proved("(81)"));
  d.step("grad(x' * B * x, x) = 2 * B * x", {
    expect: "refuted",
    note: "(81) with B taken as symmetric although it is not declared so",
  });
  d.step("grad(b' * X' * D * X * c, X) = D' * X * b * c' + D * X * c * b'", proved("(82)"));
  d.step("grad((X * b + p)' * D * (X * b + p), X) = (D + D') * (X * b + p) * b'", proved("(83)"));
  // W symmetric
  d.step("grad((x - A * s)' * W * (x - A * s), s) = (-2 * A' * W * (x - A * s))", proved("(84)"));
  d.step("grad((x - q)' * W * (x - q), x) = 2 * W * (x - q)", proved("(85)"));
  d.step("grad((x - q)' * W * (x - q), q) = (-2 * W * (x - q))", proved("(86)"));
  d.step("grad((x - A * s)' * W * (x - A * s), x) = 2 * W * (x - A * s)", proved("(87)"));
  d.step("grad((x - A * s)' * W * (x - A * s), A) = (-2 * W * (x - A * s) * s')", proved("(88)"));
  // 2.4.3 higher order and non-linear
  d.step("grad(p' * Y^3 * q, Y) = p * q' * (Y^2)' + Y' * p * q' * Y' + (Y^2)' * p * q'", proved("(91) with n = 3"));
  d.step("grad(p' * (Y^2)' * Y^2 * q, Y) = Y^2 * (p * q' + q * p') * Y' + Y' * Y^2 * (p * q' + q * p')", {
    ...proved("(92) corrected, n = 2: Σ_r (X^r)' X^n (a b' + b a') (X^(n-1-r))'"),
  });
  d.step("grad(p' * (Y^2)' * Y^2 * q, Y) = Y * p * q' * (Y^2)' + Y^2 * p * q' * Y' + p * q' * (Y^2)' * Y + Y' * Y^2 * p * q'", {
    expect: "refuted",
    note: "(92) as printed, n = 2: its first term X^(n-1-r) a b' (X^n)' X^r is the transpose of the right one, (X^r)' X^n b a' (X^(n-1-r))'",
  });
  d.step("grad((Y * x)' * B * (D * x), x) = Y' * B * (D * x) + D' * B' * (Y * x)", proved("(93) with s = Y x, r = D x"));
  d.step(
    "grad((Y * x)' * (Y * x) / ((B * x)' * (B * x)), x) = 2 * Y' * Y * x / (x' * B' * B * x) - 2 * (x' * Y' * Y * x) * B' * B * x / (x' * B' * B * x)^2",
    proved("(94), (95): the generalised Rayleigh quotient"),
  );
  // 2.4.4 Gradient and Hessian
  d.define("f = x' * B * x + a' * x");
  d.step("grad(f, x) = (B + B') * x + a", proved("(96), (97)"));
  d.step("hessian(f, x) = B + B'", proved("(98)"));
});

export const traces = derivation("§2.5 Derivatives of traces (99)-(128)", {
  source: "Matrix Cookbook §2.5",
  let: { X: "n x n", Z: "n x m", A: "n x n", B: "n x n", C: "n x n", k: "integer" },
}, (d) => {
  // 2.5.1 first order
  d.step("grad(tr(X), X) = I", proved("(99)"));
  d.step("grad(tr(Z * P), Z) = P'", { ...proved("(100)"), let: { P: "m x n" } });
  d.step("grad(tr(P * Z * Q), Z) = P' * Q'", { ...proved("(101)"), let: { P: "p x n", Q: "m x p" } });
  d.step("grad(tr(Ps * Zs * Qs), Zs) = Qs * Ps", {
    expect: "refuted",
    note: "(101) in the other (numerator) layout: Q P is the transpose of the gradient; square factors so that the shapes agree",
    let: { Ps: "n x n", Qs: "n x n", Zs: "n x n" },
  });
  d.step("grad(tr(P * Z' * Q), Z) = Q * P", { ...proved("(102)"), let: { P: "p x m", Q: "n x p" } });
  d.step("grad(tr(Z' * P), Z) = P", { ...proved("(103)"), let: { P: "n x m" } });
  d.step("grad(tr(P * Z'), Z) = P", { ...proved("(104)"), let: { P: "n x m" } });
  d.step("grad(tr(kron(P, X)), X) = tr(P) * I(n)", { note: "(105)", let: { P: "m x m" } });
  // 2.5.2 second order
  d.step("grad(tr(X^2), X) = 2 * X'", proved("(106)"));
  d.step("grad(tr(X^2 * B), X) = (X * B + B * X)'", proved("(107)"));
  d.step("grad(tr(Z' * B * Z), Z) = B * Z + B' * Z", proved("(108)"));
  d.step("grad(tr(Z' * B * Z), Z) = 2 * B * Z", {
    expect: "refuted",
    note: "(108) with B treated as symmetric although it is not declared so",
  });
  d.step("grad(tr(B * Z * Z'), Z) = B * Z + B' * Z", proved("(109)"));
  d.step("grad(tr(Z * Z' * B), Z) = B * Z + B' * Z", proved("(110)"));
  d.step("grad(tr(Z * P * Z'), Z) = Z * P' + Z * P", { ...proved("(111)"), let: { P: "m x m" } });
  d.step("grad(tr(P * Z' * Z), Z) = Z * P' + Z * P", { ...proved("(112)"), let: { P: "m x m" } });
  d.step("grad(tr(Z' * Z * P), Z) = Z * P' + Z * P", { ...proved("(113)"), let: { P: "m x m" } });
  d.step("grad(tr(A * X * B * X), X) = A' * X' * B' + B' * X' * A'", proved("(114)"));
  d.chain("grad(tr(Z' * Z), Z)", "grad(tr(Z * Z'), Z)", "2 * Z", proved("(115)"));
  d.step("grad(tr(P' * Z' * C * Z * P), Z) = C' * Z * P * P' + C * Z * P * P'", { ...proved("(116)"), let: { P: "m x p" } });
  d.step("grad(tr(Z' * B * Z * P), Z) = B * Z * P + B' * Z * P'", { ...proved("(117)"), let: { P: "m x m" } });
  d.step("grad(tr(P * Z * Q * Z' * R), Z) = P' * R' * Z * Q' + R * P * Z * Q", {
    ...proved("(118)"),
    let: { P: "p x n", Q: "m x m", R: "n x p" },
  });
  d.step("grad(tr((P * Z * Q + R) * (P * Z * Q + R)'), Z) = 2 * P' * (P * Z * Q + R) * Q'", {
    ...proved("(119)"),
    let: { P: "p x n", Q: "m x q", R: "p x q" },
  });
  d.step("tr(kron(X, X)) = tr(X) * tr(X)", proved("(120) via (515)"));
  d.step("grad(tr(kron(X, X)), X) = 2 * tr(X) * I", { note: "(120)" });
  d.step("grad(tr(X) * tr(X), X) = 2 * tr(X) * I", proved("(120)"));
  // 2.5.3 higher order
  d.step("grad(tr(X^4), X) = 4 * (X^3)'", proved("(121) with k = 4"));
  d.step("grad(tr(X^k), X) = k * (X^(k - 1))'", { note: "(121) for an integer k" });
  d.step("grad(tr(A * X^3), X) = (A * X^2)' + (X * A * X)' + (X^2 * A)'", proved("(122) with k = 3"));
  d.step(
    "grad(tr(P' * Z' * C * Z * Z' * C * Z * P), Z) = C * Z * Z' * C * Z * P * P' + C' * Z * P * P' * Z' * C' * Z + C * Z * P * P' * Z' * C * Z + C' * Z * Z' * C' * Z * P * P'",
    { ...proved("(123)"), let: { P: "m x p" } },
  );
  // 2.5.4 other
  d.step("grad(tr(P * inv(Y) * Q), Y) = (-inv(Y)' * P' * Q' * inv(Y)')", {
    ...proved("(124)"),
    let: { Y: "n x n invertible", P: "m x n", Q: "n x m" },
  });
  d.step("grad(tr(inv(Z' * S * Z) * P), Z) = (-(S * Z * inv(Z' * S * Z)) * (P + P') * inv(Z' * S * Z))", {
    ...proved("(125): S (the Cookbook's C) symmetric"),
    let: { S: "n x n symmetric", P: "m x m" },
  });
  d.step(
    "grad(tr(inv(Z' * S * Z) * (Z' * T * Z)), Z) = -2 * S * Z * inv(Z' * S * Z) * Z' * T * Z * inv(Z' * S * Z) + 2 * T * Z * inv(Z' * S * Z)",
    { ...proved("(126): S and T (the Cookbook's C and B) symmetric"), let: { S: "n x n symmetric", T: "n x n symmetric" } },
  );
  d.step(
    "grad(tr(inv(P + Z' * S * Z) * (Z' * T * Z)), Z) = -2 * S * Z * inv(P + Z' * S * Z) * Z' * T * Z * inv(P + Z' * S * Z) + 2 * T * Z * inv(P + Z' * S * Z)",
    { ...proved("(127): S, T and P (the Cookbook's C, B and A) symmetric"), let: { S: "n x n symmetric", T: "n x n symmetric", P: "m x m symmetric" } },
  );
  d.step("grad(tr(sin(X)), X) = diag(cos(diag(X)))", {
    note: "(128) is about the matrix function sin(X), whose answer is cos(X)'; here sin is elementwise (language.md), so only the diagonal enters",
  });
});

export const norms = derivation("§2.6-2.7 Derivatives of vector and matrix norms (129)-(132)", {
  source: "Matrix Cookbook §2.6, §2.7",
  let: { x: "n", a: "n", X: "n x m" },
}, (d) => {
  d.step("grad(norm(x - a), x) = (x - a) / norm(x - a)", proved("(129)"));
  d.step("jacobian((x - a) / norm(x - a), x) = I / norm(x - a) - (x - a) * (x - a)' / norm(x - a)^3", { note: "(130)" });
  d.step("hessian(norm(x - a), x) = I / norm(x - a) - (x - a) * (x - a)' / norm(x - a)^3", { note: "(129) differentiated once more: the Hessian of the distance is (130)" });
  d.chain("grad(norm(x)^2, x)", "grad(x' * x, x)", "2 * x", proved("(131)"));
  d.step("grad(norm(x), x) = 2 * x", {
    expect: "refuted",
    note: "(131) is for the squared norm; the norm itself has gradient x / norm(x), (129) with a = 0",
  });
  d.chain("grad(norm(X)^2, X)", "grad(tr(X * X'), X)", "2 * X", proved("(132)"));
  d.step("norm(X)^2 = tr(X * X')", proved("(541): the Frobenius norm as a trace"));
});

export const exactInverses = derivation("§3.2 Exact relations for inverses: Woodbury, Kailath, Sherman-Morrison, Searle (145)-(167)", {
  source: "Matrix Cookbook §3.1-3.2",
  let: {
    A: "n x n invertible",
    B: "n x n invertible",
    C: "n x k",
    U: "n x k",
    V: "k x n",
    K: "k x k invertible",
    b: "n",
    c: "n",
    L: "n x k",
    Rt: "k x n",
  },
}, (d) => {
  d.step("A * inv(A) = I", proved("(145)"));
  d.step("inv(A) * A = I", proved("(145)"));
  d.step("inv(A * B) = inv(B) * inv(A)", proved("(155)"));
  // 3.2.2 Woodbury
  d.step("inv(A + C * K * C') = inv(A) - inv(A) * C * inv(inv(K) + C' * inv(A) * C) * C' * inv(A)", {
    note: "(156): the Woodbury identity (the Cookbook's B is K here)",
  });
  d.step("inv(A + U * K * V) = inv(A) - inv(A) * U * inv(inv(K) + V * inv(A) * U) * V * inv(A)", { note: "(157)" });
  d.step("inv(A + U * K * V) = inv(A) - inv(A) * U * inv(K + V * inv(A) * U) * V * inv(A)", {
    expect: "refuted",
    note: "(157) with K where inv(K) belongs: a frequent misremembering",
  });
  d.step("inv(inv(P) + Bt' * inv(R) * Bt) * Bt' * inv(R) = P * Bt' * inv(Bt * P * Bt' + R)", {
    note: "(158) = (185): P, R positive definite",
    let: { P: "n x n spd", R: "k x k spd", Bt: "k x n" },
  });
  // 3.2.3 Kailath, 3.2.4 Sherman-Morrison
  d.step("inv(A + L * Rt) = inv(A) - inv(A) * L * inv(I + Rt * inv(A) * L) * Rt * inv(A)", { note: "(159): the Kailath variant" });
  d.step("inv(A + b * c') = inv(A) - inv(A) * b * c' * inv(A) / (1 + c' * inv(A) * b)", { note: "(160): Sherman-Morrison" });
  // 3.2.5 Searle
  d.step("inv(I + inv(A)) = A * inv(A + I)", { note: "(161)" });
  d.step("inv(A + L * L') * L = inv(A) * L * inv(I + L' * inv(A) * L)", { note: "(162)" });
  d.chain("inv(inv(A) + inv(B))", "A * inv(A + B) * B", "B * inv(A + B) * A", { note: "(163)" });
  d.step("A - A * inv(A + B) * A = B - B * inv(A + B) * B", { note: "(164)" });
  d.step("inv(A) + inv(B) = inv(A) * (A + B) * inv(B)", proved("(165)"));
  d.step("inv(I + L * Rt) = I - L * inv(I + Rt * L) * Rt", { note: "(166)" });
  d.step("inv(I + L * Rt) * L = L * inv(I + Rt * L)", { note: "(167): the push-through identity" });
  d.step("inv(Xd' * Xd + lam * I) * Xd' = Xd' * inv(Xd * Xd' + lam * I)", {
    note: "(167) with A = X'/λ, B = X: the two forms of the ridge solution",
    let: { Xd: "m x n", lam: "scalar positive" },
  });
  d.step("inv(A + B) = inv(A) + inv(B)", {
    expect: "refuted",
    note: "false in general; §3.3 (184) gives what it would imply",
  });
});

export const kronecker = derivation("§10.2 The Kronecker product and the vec operator (506)-(524)", {
  source: "Matrix Cookbook §10.2",
  let: {
    A: "n x m",
    B: "p x q",
    C: "p x q",
    D: "q x r",
    E: "m x s",
    F: "n x n invertible",
    G: "p x p invertible",
    X: "m x p",
    P: "n x m",
    Q: "n x m",
    al: "scalar",
    be: "scalar",
  },
  prose: ["(505): the definition of the Kronecker product", "(513), (514), (517)-(519): pseudo-inverse, rank and eigenvalues"],
}, (d) => {
  d.step("kron(A, B + C) = kron(A, B) + kron(A, C)", proved("(506)"));
  d.step("kron(F, G) = kron(G, F)", { expect: "refuted", note: "(507): the Kronecker product does not commute in general" });
  d.step("kron(A, kron(B, D)) = kron(kron(A, B), D)", { note: "(508)" });
  d.step("kron(al * A, be * B) = al * be * kron(A, B)", proved("(509)"));
  d.step("kron(A, B)' = kron(A', B')", proved("(510)"));
  d.step("kron(A, B) * kron(E, D) = kron(A * E, B * D)", proved("(511): the mixed-product rule"));
  d.step("inv(kron(F, G)) = kron(inv(F), inv(G))", { note: "(512)" });
  d.step("tr(kron(F, G)) = tr(F) * tr(G)", proved("(515)"));
  d.step("det(kron(F, G)) = det(F)^p * det(G)^n", { note: "(516) with rank(F) = n and rank(G) = p" });
  // 10.2.2 vec
  d.step("vec(P * X * B) = kron(B', P) * vec(X)", proved("(520)"));
  d.step("vec(Ps * Xs * Bs) = kron(Ps, Bs') * vec(Xs)", {
    expect: "refuted",
    note: "(520) with the Kronecker factors swapped (what a row-major vec would give); square factors so that the shapes agree",
    let: { Ps: "n x n", Xs: "n x n", Bs: "n x n" },
  });
  d.step("jacobian(P * X * B, X) = kron(B', P)", proved("(520) as a Jacobian over column-major vec"));
  d.step("tr(P' * Q) = vec(P)' * vec(Q)", proved("(521)"));
  d.step("vec(P + Q) = vec(P) + vec(Q)", proved("(522)"));
  d.step("vec(al * P) = al * vec(P)", proved("(523)"));
  d.step("a' * Y * M * Y' * c = vec(Y)' * kron(M', c * a') * vec(Y)", {
    ...proved("(524) corrected: M' in the first factor (equivalently kron(M, a c'))"),
    let: { a: "n", c: "n", Y: "n x m", M: "m x m" },
  });
  d.step("a' * Y * M * Y' * c = vec(Y)' * kron(M, c * a') * vec(Y)", {
    expect: "refuted",
    note: "(524) as printed: vec(X)'(B ⊗ c a')vec(X) is a' X B' X' c, so it holds only for symmetric B",
    let: { a: "n", c: "n", Y: "n x m", M: "m x m" },
  });
  d.step("a' * Y * M * Y' * c = vec(Y)' * kron(M, c * a') * vec(Y)", {
    ...proved("(524) as printed, for a symmetric M"),
    let: { a: "n", c: "n", Y: "n x m", M: "m x m symmetric" },
  });
});

export const hessians = derivation("Hessians from §2.4.4, §2.5 and §10.2 (vec layout)", {
  source: "Matrix Cookbook §2.4.4, (98), (108), (117), (520), (524)",
  let: { x: "n", a: "n", b: "m", A: "m x n", B: "n x n", C: "m x m", X: "n x m", S: "n x n spd", T: "n x n spd", t: "scalar", c: "n" },
}, (d) => {
  d.step("hessian(x' * B * x + a' * x, x) = B + B'", proved("(98)"));
  d.step("hessian(norm(A * x - b)^2, x) = 2 * A' * A", proved("(119) with X = x a vector, differentiated twice"));
  d.step("hessian(norm(A * x - b)^2, x) = A' * A", {
    expect: "refuted",
    note: "the factor 2 of the square is lost (it is 1/2 ||Ax - b||² whose Hessian is A'A)",
  });
  d.step("hessian(tr(X' * B * X), X) = kron(I(m), B + B')", proved("(108) differentiated again, over vec(X)"));
  d.step("hessian(tr(X' * B * X * C), X) = kron(C', B) + kron(C, B')", proved("(117) differentiated again, over vec(X)"));
  d.step("hessian(a' * X * C * X' * c, X) = kron(C', c * a') + kron(C, a * c')", proved("(524) corrected, as a quadratic form in vec(X)"));
  d.step("diff(diff(logdet(S + t * T), t), t) = (-tr(inv(S + t * T) * T * inv(S + t * T) * T))", proved("(43) and (59): the second derivative of log det along a line"));
});
