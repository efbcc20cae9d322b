// The named rules of matrix powers with a symbolic exponent (./powers.ts),
// sums over an index (./sum-normal.ts), the adjoint of kron
// (./kron-adjoint.ts) and the multilinear tensor operators (./tensor-normal.ts), in the format of ./rules.ts, which lists them with the
// others. Each example is proved by the rule and holds numerically.

import type { RuleDoc } from "./rules.js";

export const POWER_RULES: readonly RuleDoc[] = [
  { name: "power-merge", identity: "X^a * X^b = X^(a + b), X * X^k = X^(k + 1), inv(X) * X^k = X^(k - 1)", guard: "integer exponents, one of them symbolic; where the left side is defined", example: ["X^k * X", "X^(k + 1)", ["X: n x n", "k: integer"]] },
  { name: "inverse-of-power", identity: "inv(X^k) = X^(-k)", guard: "X invertible where the claim is evaluated", example: ["inv(X^k)", "X^(-k)", ["X: n x n invertible", "k: integer"]] },
  { name: "det-of-power", identity: "det(X^k) = det(X)^k", guard: "X square, k an integer", example: ["det(X^k)", "det(X)^k", ["X: n x n", "k: integer"]] },
  { name: "logdet-of-power", identity: "logdet(X^k) = k * logdet(X)", guard: "X invertible, k an integer", example: ["logdet(X^k)", "k * logdet(X)", ["X: n x n invertible", "k: integer"]] },
  { name: "sum-linear", identity: "sum(c * A * f(i) * B, i, a, b) = c * A * sum(f(i), i, a, b) * B", guard: "c, A, B do not depend on i", example: ["sum(2 * c * x[i] + y[i], i, 2, n)", "2 * c * sum(x[i], i, 2, n) + sum(y[i], i, 2, n)", ["x, y: n", "c: scalar"]] },
  { name: "sum-of-constant", identity: "sum(f, i, a, b) = (b - a + 1) * f", guard: "f does not depend on i; b >= a - 1 by the declarations (dimension names >= 1, names declared nonnegative, positive or in an interval above 0)", example: ["sum(x' * y, i, 0, n)", "(n + 1) * (y' * x)", ["x, y: n"]] },
  { name: "sum-count-reflection", identity: "sum(f, i, a, b) = sum(f, i, b + 1, a - 1) + (b - a + 1) * f", guard: "f does not depend on i; any integers a, b (one of the two ranges is empty)", example: ["sum(c, i, 0, k - 1) - sum(c, i, k, -1)", "k * c", ["k: integer", "c: scalar"]] },
  { name: "empty-sum-declared", identity: "sum(f, i, a, b) = 0", guard: "b < a by the declarations (sum(f, i, k, -1) with k nonnegative)", example: ["sum(X^i, i, k, -1)", "0", ["X: n x n invertible", "k: integer nonnegative"]] },
  { name: "sum-reflection", identity: "sum(f(i), i, a, b) = sum(f(a + b - i), i, a, b)", guard: "always (the smaller body is kept)", example: ["sum(x[n + 1 - i], i, 2, n)", "sum(x[i - 1], i, 2, n)", ["x: n"]] },
  { name: "trace-of-sum", identity: "tr(sum(M(i), i, a, b)) = sum(tr(M(i)), i, a, b)", guard: "M(i) square", example: ["tr(sum(X^i, i, 1, k))", "sum(tr(X^i), i, 1, k)", ["X: n x n", "k: integer"]] },
  { name: "kron-adjoint", identity: "grad of tr(kron(A, X) * kron(P, Q)') in X = tr(A' * P) * Q; at the identity, tr(A) * I", guard: "a cotangent that is a Kronecker product in the blocks of kron(A, X), or the identity (A, X square)", example: ["grad(tr(kron(A, X)), X)", "tr(A) * I(n)", ["A: m x m", "X: n x n"]] },
  { name: "multilinear-tensor-op", identity: "conv2d(a * X + Y, W) = a * conv2d(X, W) + conv2d(Y, W), and likewise in W; convtranspose, avgpool, maxpool(x, k, s, v) in v, perchannel in b, reshape, sum", guard: "the argument the operator is linear in; optional integer parameters written out", example: ["conv2d(a * X + Y, W, 0, 1, 1)", "a * conv2d(X, W, 0, 1, 1) + conv2d(Y, W, 0, 1, 1)", ["X, Y: n x c x h x w", "W: o x c x 3 x 3"]] },
  { name: "adjoint-pairing", identity: "sum(B .* convkernel2d(X, G, k, k, s, p)) = sum(G .* conv2d(X, B, 0, s, p)); likewise convtranspose (with conv), avgunpool (avgpool), maxunpool(X, G, k, s) (maxpool(X, k, s, B))", guard: "the adjoint's definition <G, A(B)> = <A*(G), B>; convtranspose only with an output padding below the stride", example: ["sum(V .* convkernel2d(X, G, 3, 3, 2, 1))", "sum(G .* conv2d(X, V, 0, 2, 1))", ["X: 1 x 2 x 6 x 6", "V: 3 x 2 x 3 x 3", "G: 1 x 3 x 3 x 3"]] },
  { name: "conv-bias", identity: "conv2d(X, W, b) = conv2d(X, W) + perchannel(b, conv2d(X, W))", guard: "a bias that is not the literal 0 (conv1d, conv2d, convtranspose1d, convtranspose2d)", example: ["conv2d(X, W, b, 1, 1)", "conv2d(X, W, 0, 1, 1) + perchannel(b, conv2d(X, W, 0, 1, 1))", ["X: n x c x h x w", "W: o x c x 3 x 3", "b: o"]] },
];
