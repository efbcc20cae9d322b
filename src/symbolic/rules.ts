// The named rewrite rules of the normal form, as data: each is an identity
// with its guard and an example claim that uses it. The rule suite
// (tests/symbolic/rules.test.ts) proves every example, checks that the rule is
// reported by name, and checks the identity numerically on samples that
// satisfy the guard, so the prover can never prove something false by a rule
// that does not hold. A proof prints the names of the rules it used.

import { POWER_RULES } from "./rules-powers.js";

export interface RuleDoc {
  readonly name: string;
  /** the identity, in the expression language */
  readonly identity: string;
  /** when it applies */
  readonly guard: string;
  /** a claim whose proof uses the rule: [lhs, rhs, declarations] */
  readonly example: readonly [string, string, readonly string[]];
}

export const RULES: readonly RuleDoc[] = [
  { name: "empty-sum", identity: "sum(f, i, a, b) = 0", guard: "integer literals b < a", example: ["(1 - b) * sum(b^(0 - i) * g[i], i, 1, 0)", "0", ["g: 5"]] },
  { name: "empty-product", identity: "prod(f, i, a, b) = 1", guard: "integer literals b < a", example: ["c * prod(x - i, i, 3, 2)", "c", []] },
  { name: "transpose-of-product", identity: "(A * B)' = B' * A'", guard: "always", example: ["(A * B)'", "B' * A'", ["A: n x m", "B: m x p"]] },
  { name: "symmetric-transpose", identity: "S' = S", guard: "S declared symmetric, spd or diagonal", example: ["S' * x", "S * x", ["S: n x n symmetric", "x: n"]] },
  { name: "elementwise-transpose", identity: "f(X)' = f(X')", guard: "f elementwise", example: ["exp(X)'", "exp(X')", ["X: n x m"]] },
  { name: "inverse-of-product", identity: "inv(A * B) = inv(B) * inv(A)", guard: "every factor square", example: ["inv(A * B)", "inv(B) * inv(A)", ["A, B: n x n invertible"]] },
  { name: "inverse-of-inverse", identity: "inv(inv(A)) = A", guard: "A square", example: ["inv(inv(A))", "A", ["A: n x n invertible"]] },
  { name: "inverse-cancellation", identity: "A * inv(A) = I", guard: "A square (an inverse exists where the claim is evaluated)", example: ["A * inv(A) * B", "B", ["A: n x n invertible", "B: n x m"]] },
  { name: "inverse-of-diag", identity: "inv(diag(x)) = diag(x .^ -1)", guard: "x a vector", example: ["inv(diag(x))", "diag(1 ./ x)", ["x: n positive"]] },
  { name: "orthogonal-cancellation", identity: "Q' * Q = I, Q * Q' = I", guard: "Q declared orthogonal", example: ["Q' * Q", "I", ["Q: n x n orthogonal"]] },
  { name: "orthogonal-inverse", identity: "inv(Q) = Q'", guard: "Q declared orthogonal", example: ["inv(Q)", "Q'", ["Q: n x n orthogonal"]] },
  { name: "orthogonal-det-square", identity: "det(Q)^2 = 1", guard: "Q declared orthogonal", example: ["det(Q)^2", "1", ["Q: n x n orthogonal"]] },
  { name: "logdet-orthogonal", identity: "logdet(Q) = 0", guard: "Q declared orthogonal", example: ["logdet(Q * A)", "logdet(A)", ["Q: n x n orthogonal", "A: n x n invertible"]] },
  { name: "diagonal-as-diag", identity: "D = diag(diag(D))", guard: "D declared diagonal", example: ["diag(diag(D))", "D", ["D: n x n diagonal"]] },
  { name: "diagonal-commute", identity: "D * E = E * D", guard: "D, E diagonal", example: ["D * E", "E * D", ["D, E: n x n diagonal"]] },
  { name: "diag-times-vector", identity: "diag(u) * v = u .* v", guard: "u, v vectors", example: ["diag(u) * v", "u .* v", ["u, v: n"]] },
  { name: "trace-cyclic", identity: "tr(A * B) = tr(B * A)", guard: "always (rotations and the transposed cycle)", example: ["tr(A * B * C)", "tr(C * A * B)", ["A: n x m", "B: m x p", "C: p x n"]] },
  { name: "trace-of-kron", identity: "tr(kron(A, B)) = tr(A) * tr(B)", guard: "A, B square", example: ["tr(kron(A, B))", "tr(A) * tr(B)", ["A: n x n", "B: m x m"]] },
  { name: "sum-as-quadratic-form", identity: "sum(X) = ones(n)' * X * ones(m)", guard: "always", example: ["sum(A * x)", "ones(n)' * A * x", ["A: n x m", "x: m"]] },
  { name: "sum-of-diagonal", identity: "sum(diag(X)) = tr(X)", guard: "X square", example: ["sum(diag(X))", "tr(X)", ["X: n x n"]] },
  { name: "ones-inner-product", identity: "ones(n)' * ones(n) = n", guard: "always", example: ["sum(ones(n))", "n", ["x: n"]] },
  { name: "simplex-sum", identity: "ones(n)' * y = 1", guard: "y declared simplex or onehot", example: ["sum(y)", "1", ["y: n simplex"]] },
  { name: "onehot-norm", identity: "y' * y = 1", guard: "y declared onehot", example: ["y' * y", "1", ["y: n onehot"]] },
  { name: "vec-inner-product", identity: "vec(A)' * vec(B) = tr(A' * B)", guard: "A, B of one shape", example: ["vec(A)' * vec(B)", "tr(A' * B)", ["A, B: n x m"]] },
  { name: "kron-vec", identity: "kron(B, A) * vec(X) = vec(A * X * B')", guard: "shapes compatible", example: ["kron(B', A) * vec(X)", "vec(A * X * B)", ["A: p x n", "X: n x m", "B: m x q"]] },
  { name: "kron-mixed-product", identity: "kron(A, B) * kron(C, D) = kron(A * C, B * D)", guard: "shapes compatible", example: ["kron(A, B) * kron(C, D)", "kron(A * C, B * D)", ["A: n x m", "C: m x p", "B: q x r", "D: r x s"]] },
  { name: "ptrace-of-kron", identity: "ptrace(kron(P, Q), n) = tr(P) * Q, blocktrace(kron(P, Q), p) = tr(Q) * P, ptrace(I(n*p), n) = n * I(p), blocktrace(I(m*p), p) = p * I(m)", guard: "the traced factor square (n x n or p x p); both are linear: sums and scalars come out", example: ["ptrace(kron(A, X) + 2 * kron(B, X), n)", "tr(A + 2 * B) * X", ["A, B: n x n", "X: p x q"]] },
  { name: "trace-of-ptrace", identity: "tr(ptrace(M, n)) = tr(M), tr(blocktrace(M, p)) = tr(M)", guard: "M square", example: ["tr(ptrace(M, 2))", "tr(M)", ["M: 6 x 6"]] },
  { name: "kron-identity", identity: "kron(I(n), I(m)) = I", guard: "always", example: ["kron(I(n), I(m)) * vec(X)", "vec(X)", ["X: m x n"]] },
  { name: "det-of-product", identity: "det(A * B) = det(A) * det(B)", guard: "every factor square", example: ["det(A * B)", "det(A) * det(B)", ["A, B: n x n"]] },
  { name: "det-of-scaled", identity: "det(c * A) = c^n * det(A)", guard: "A n x n", example: ["det(c * A)", "c^n * det(A)", ["A: n x n", "c: scalar"]] },
  { name: "det-of-inverse", identity: "det(inv(A)) = 1 / det(A)", guard: "A square", example: ["det(inv(A))", "1 / det(A)", ["A: n x n invertible"]] },
  { name: "det-of-transpose", identity: "det(A') = det(A), logdet(A') = logdet(A)", guard: "A square", example: ["det(A')", "det(A)", ["A: n x n"]] },
  { name: "logdet-of-product", identity: "logdet(A * B) = logdet(A) + logdet(B)", guard: "every factor square", example: ["logdet(A * B)", "logdet(A) + logdet(B)", ["A, B: n x n invertible"]] },
  { name: "logdet-of-inverse", identity: "logdet(inv(A)) = -logdet(A)", guard: "A square", example: ["logdet(inv(A))", "(-logdet(A))", ["A: n x n invertible"]] },
  { name: "norm-squared", identity: "norm(X)^2 = tr(X' * X)", guard: "even powers", example: ["norm(X)^2", "tr(X' * X)", ["X: n x m"]] },
  { name: "norm-of-negation", identity: "norm(-X) = norm(X)", guard: "always", example: ["norm(y - x)", "norm(x - y)", ["x, y: n"]] },
  { name: "e-power", identity: "e^t = exp(t)", guard: "e not declared", example: ["log(e^t)", "t", []] },
  { name: "log-of-exp", identity: "log(exp(X)) = X", guard: "entrywise", example: ["log(exp(X))", "X", ["X: n x m"]] },
  { name: "exp-of-sum", identity: "exp(A + B) = exp(A) .* exp(B)", guard: "entrywise", example: ["exp(A + B)", "exp(A) .* exp(B)", ["A, B: n x m"]] },
  { name: "elementwise-power", identity: "X .^ k = X .* ... .* X", guard: "k a small non-negative integer", example: ["X .^ 2", "X .* X", ["X: n x m"]] },
  { name: "hadamard-reciprocal", identity: "u .* (1 ./ u) = ones", guard: "where u is nonzero (the expression is defined)", example: ["y .* (1 ./ u) .* u", "y", ["y, u: n positive"]] },
  { name: "hadamard-ones", identity: "ones .* X = X", guard: "always", example: ["ones(n, m) .* X", "X", ["X: n x m"]] },
  { name: "softmax-shift", identity: "softmax(z + c * ones(n)) = softmax(z)", guard: "c scalar", example: ["softmax(z + c)", "softmax(z)", ["z: n", "c: scalar"]] },
  { name: "lse-shift", identity: "lse(z + c * ones(n)) = lse(z) + c", guard: "c scalar", example: ["lse(z + c)", "lse(z) + c", ["z: n", "c: scalar"]] },
  { name: "logsoftmax-definition", identity: "logsoftmax(z) = z - lse(z)", guard: "always", example: ["logsoftmax(z)", "z - lse(z)", ["z: n"]] },
  { name: "log-of-softmax", identity: "log(softmax(z)) = logsoftmax(z)", guard: "always", example: ["log(softmax(z))", "logsoftmax(z)", ["z: n"]] },
  { name: "relu-of-nonnegative", identity: "relu(X) = X, abs(X) = X", guard: "X declared nonnegative or positive", example: ["relu(A)", "A", ["A: n x m nonnegative"]] },
  { name: "sigmoid-reflection", identity: "sigmoid(-t) = 1 - sigmoid(t)", guard: "always", example: ["sigmoid(-t)", "1 - sigmoid(t)", []] },
  { name: "tanh-reflection", identity: "tanh(-t) = -tanh(t)", guard: "always", example: ["tanh(-x)", "(-tanh(x))", ["x: n"]] },
  { name: "sin-reflection", identity: "sin(-t) = -sin(t)", guard: "always", example: ["sin(-t)", "(-sin(t))", []] },
  { name: "cos-reflection", identity: "cos(-t) = cos(t)", guard: "always", example: ["cos(-t)", "cos(t)", []] },
  { name: "abs-reflection", identity: "abs(-t) = abs(t)", guard: "always", example: ["abs(y - x)", "abs(x - y)", ["x, y: n"]] },
  { name: "softplus-reflection", identity: "softplus(-t) = softplus(t) - t", guard: "always", example: ["softplus(t) - softplus(-t)", "t", []] },
  { name: "relu-reflection", identity: "relu(-t) = relu(t) - t", guard: "always", example: ["relu(X) - relu(-X)", "X", ["X: n x m"]] },
  { name: "vec-of-vector", identity: "vec(x) = x", guard: "x a column", example: ["vec(x)", "x", ["x: n"]] },
  { name: "diag-of-ones", identity: "diag(ones(n)) = I", guard: "always", example: ["diag(ones(n))", "I(n)", ["x: n"]] },
  { name: "diag-of-identity", identity: "diag(I(n)) = ones(n)", guard: "always", example: ["diag(I(n))", "ones(n)", ["x: n"]] },
  { name: "diag-of-diag", identity: "diag(diag(x)) = x", guard: "x a vector", example: ["diag(diag(x))", "x", ["x: n"]] },
  { name: "sqrt-as-power", identity: "sqrt(s) = s^(1/2), X .^ (1/2) = sqrt(X)", guard: "s scalar, kept one factor (sqrt(a * b) is not split, sqrt(x^2) is not x); where defined, s >= 0", example: ["x^(1/2) * sqrt(x)", "x", ["x: scalar positive"]] },
  { name: "hadamard-identity", identity: "M .* I(n) = diag(diag(M))", guard: "M square", example: ["A .* I(n)", "diag(diag(A))", ["A: n x n"]] },
  { name: "sum-of-diag-matrix", identity: "sum(diag(v)) = sum(v)", guard: "v a vector (so sum(M .* I(n)) = tr(M))", example: ["sum(A .* I(n))", "tr(A)", ["A: n x n"]] },
  { name: "hadamard-outer-product", identity: "F .* (u * v') = diag(u) * F * diag(v)", guard: "u, v vectors", example: ["F .* (a * b')", "diag(a) * F * diag(b)", ["a: n", "b: m", "F: n x m"]] },
  // rule families used by proofs only (families.ts): definitions (rules-definitions.ts)
  { name: "softmax-definition", identity: "softmax(z) = exp(z) / exp(lse(z))", guard: "z a column", example: ["softmax(z)", "exp(z - lse(z))", ["z: n"]] },
  { name: "sum-of-exp", identity: "sum(exp(u)) = exp(lse(u))", guard: "u a column", example: ["lse(z)", "log(sum(exp(z)))", ["z: n"]] },
  { name: "hadamard-sum", identity: "sum(A .* B) = tr(A' * B)", guard: "A, B of one shape", example: ["a' * x", "sum(x .* a)", ["a, x: n"]] },
  { name: "exp-of-negation", identity: "exp(-t) = 1 / exp(t)", guard: "t scalar", example: ["exp(t) * exp(-t)", "1", []] },
  { name: "exp-of-broadcast", identity: "exp(c * ones(n, m)) = exp(c) * ones(n, m)", guard: "c scalar", example: ["exp(x + c)", "exp(c) * exp(x)", ["x: n", "c: scalar"]] },
  { name: "log-of-exp-product", identity: "log(c * exp(a) * exp(B)) = log(c) + a + B", guard: "c > 0 a constant; every factor an exponential (positive)", example: ["log(exp(a) * sum(exp(x - a)))", "lse(x)", ["x: n", "a: scalar"]] },
  { name: "tanh-as-sigmoid", identity: "tanh(u) = 2 * sigmoid(2 * u) - 1", guard: "entrywise", example: ["tanh(t)", "2 * sigmoid(2 * t) - 1", []] },
  { name: "det-lemma", identity: "det(I + u * w') = 1 + w' * u", guard: "u a column, w' a row (the matrix determinant lemma)", example: ["det(I + u * v')", "1 + u' * v", ["u, v: n"]] },
  // indexing (rules-index.ts)
  { name: "index-of-column", identity: "x[i, 1] = x[i]", guard: "x a column", example: ["2 * x[i, 1]", "2 * x[i]", ["x: n", "i: integer"]] },
  { name: "index-of-ones", identity: "ones(n, m)[i, j] = 1", guard: "i, j in range", example: ["(A + ones(n, m))[i, j]", "A[i, j] + 1", ["A: n x m", "i, j: integer"]] },
  { name: "index-of-outer", identity: "(u * r)[i, j] = u[i] * r[1, j]", guard: "u a column, r a row", example: ["(u * v')[i, j]", "u[i] * v[j]", ["u: n", "v: m", "i, j: integer"]] },
  { name: "index-of-transpose", identity: "X'[i, j] = X[j, i]", guard: "always", example: ["(2 * X')[i, j]", "2 * X[j, i]", ["X: n x n", "i, j: integer"]] },
  { name: "index-of-hadamard", identity: "(A .* B)[i, j] = A[i, j] * B[i, j]", guard: "A, B of one shape", example: ["(A .* B)[i, j]", "B[i, j] * A[i, j]", ["A, B: n x m", "i, j: integer"]] },
  { name: "index-of-elementwise", identity: "f(X)[i, j] = f(X[i, j])", guard: "f elementwise", example: ["softmax(z)[k]", "exp(z[k]) / sum(exp(z))", ["z: n", "k: integer"]] },
  { name: "unit-entry", identity: "unit(i, m)' * A * unit(j, n) = A[i, j], unit(i, n)' * x = x[i], unit(i, n)' * unit(k, n) = I(n)[i, k]", guard: "a 1 x 1 product that starts with unit(i, m)' or ends with unit(j, n) (a scalar is its own transpose)", example: ["unit(i, n)' * unit(k, n)", "I(n)[i, k]", ["i, k: integer"]] },
  { name: "kronecker-delta-symmetric", identity: "I(n)[i, k] = I(n)[k, i]", guard: "always (I(n) is symmetric)", example: ["unit(i, n)' * unit(k, n)", "I(n)[k, i]", ["i, k: integer"]] },
  { name: "unit-column", identity: "(A * unit(k, n))[i] = A[i, k], unit(k, n)[i] = I(n)[i, k]", guard: "a product ending in a unit vector, indexed once", example: ["(A * unit(k, n))[i]", "A[i, k]", ["A: m x n", "i, k: integer"]] },
  { name: "matrix-unit-as-outer", identity: "unit(i, j, m, n) = unit(i, m) * unit(j, n)'", guard: "always", example: ["tr(A * unit(p, q, n, n))", "A[q, p]", ["A: n x n", "p, q: integer"]] },
  // structure (rules-structure.ts)
  { name: "inverse-cancellation-of-product", identity: "C * inv(C) = I, inv(C) * C = I for a product C", guard: "C square (an inverse exists where the claim is evaluated)", example: ["X' * X * inv(X' * X) * X' * y", "X' * y", ["X: n x p", "y: n"]] },
  { name: "kron-associative", identity: "kron(A, kron(B, D)) = kron(kron(A, B), D)", guard: "always", example: ["kron(A, kron(B, D))", "kron(kron(A, B), D)", ["A: a x b", "B: c x d", "D: e x f"]] },
  { name: "kron-of-ones", identity: "kron(ones(a, b), ones(c, d)) = ones(a * c, b * d)", guard: "always", example: ["sum(kron(ones(n), ones(m)))", "n * m", ["x: n", "y: m"]] },
  { name: "inverse-of-kron", identity: "inv(kron(F, G)) = kron(inv(F), inv(G))", guard: "F, G square", example: ["inv(kron(F, G))", "kron(inv(F), inv(G))", ["F: n x n invertible", "G: m x m invertible"]] },
  { name: "mean-definition", identity: "mean(X) = sum(X) / (the product of its dimensions)", guard: "always", example: ["mean(r .^ 2)", "norm(r)^2 / m", ["r: m"]] },
  { name: "sum-of-entries", identity: "sum(x) = x[1] + ... + x[k]", guard: "x declared with at most 9 entries", example: ["y[1] * c + y[2] * c + y[3] * c", "c * sum(y)", ["y: 3", "c: scalar"]] },
  ...POWER_RULES,
];
