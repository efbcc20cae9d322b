// Deep-learning basics, checked step by step: softmax and log-sum-exp,
// cross-entropy, mean squared error, logistic regression, the sigmoid and tanh
// derivatives, and the backward pass of batch normalisation.
//
// Every derivation keeps one wrong variant that is common in notes and code
// reviews, marked `expect: "refuted"` with a note, right next to its correct
// form. Layout (docs/language.md): grad(f, x) has the shape of x, and
// jacobian(F, x) is numerator layout (rows follow F, columns follow x).

import { derivation } from "derive";

const proved = { expect: "proved" } as const;

export const logSumExp = derivation("Log-sum-exp and log-softmax", {
  let: { z: "n", c: "scalar" },
}, (d) => {
  d.step("lse(z) = log(sum(exp(z)))", { note: "the definition of log-sum-exp" });
  d.step("lse(z + c) = lse(z) + c", { ...proved, note: "shift invariance: a constant added to every logit comes out of the log" });
  d.step("lse(z + c * ones(n)) = lse(z) + c", proved);
  d.step("lse(z + c) = lse(z)", {
    expect: "refuted",
    note: "the shift does not vanish from log-sum-exp (it vanishes from softmax, next step): lse(z + c) - lse(z) = c",
  });
  d.step("softmax(z + c) = softmax(z)", { ...proved, note: "so softmax(z - max(z)) is a safe way to compute softmax(z)" });
  d.step("grad(lse(z), z) = softmax(z)", { ...proved, note: "the gradient of log-sum-exp is the softmax" });
  d.step("grad(log(sum(exp(z))), z) = exp(z) / sum(exp(z))", { ...proved, note: "the same from the definition" });
  d.step("exp(z) / sum(exp(z)) = softmax(z)", { note: "the definition of softmax" });
  d.chain("logsoftmax(z)", "log(softmax(z))", "z - lse(z)", { ...proved, note: "log-softmax = z − lse(z)" });
  d.step("softmax(z) = exp(z - lse(z))", { note: "softmax through log-sum-exp, as it is computed stably" });
  d.step("jacobian(logsoftmax(z), z) = I - ones(n) * softmax(z)'", { ...proved, note: "row i is e_i' − softmax(z)'" });
});

export const softmaxJacobian = derivation("The softmax Jacobian: diag(p) − p p'", {
  let: { z: "n" },
}, (d) => {
  d.define("p = softmax(z)");
  d.step("sum(p) = 1", { note: "softmax is a probability vector" });
  d.step("jacobian(softmax(z), z) = diag(p) - p * p'", { ...proved, note: "∂p_i/∂z_j = p_i (δ_ij − p_j)" });
  d.step("jacobian(softmax(z), z) = diag(p)", {
    expect: "refuted",
    note: "the outer product is dropped: softmax is not elementwise, every p_i depends on every z_j through the normaliser",
  });
  d.step("jacobian(softmax(z), z) = jacobian(softmax(z), z)'", { ...proved, note: "the Jacobian is symmetric" });
  d.step("jacobian(softmax(z), z) * ones(n) = 0", { note: "rows sum to zero: a common shift of the logits changes nothing" });
  d.step("hessian(lse(z), z) = diag(p) - p * p'", { ...proved, note: "the Hessian of log-sum-exp is the softmax Jacobian" });
});

export const crossEntropy = derivation("Cross-entropy with logits: the gradient softmax(z) − y", {
  let: { z: "n", y: "n onehot", q: "n simplex", r: "n positive", W: "k x n", x: "n", t: "k simplex" },
}, (d) => {
  d.chain("-y' * log(softmax(z))", "-y' * logsoftmax(z)", "lse(z) - y' * z", {
    ...proved,
    note: "one-hot y: sum(y) = 1 turns y' lse(z) ones into lse(z)",
  });
  d.step("grad(-y' * log(softmax(z)), z) = softmax(z) - y", { note: "one-hot target" });
  d.chain("grad(-q' * logsoftmax(z), z)", "grad(lse(z) - q' * z, z)", "softmax(z) - q", {
    ...proved,
    note: "a target on the simplex (soft labels, label smoothing): only sum(q) = 1 is used",
  });
  d.step("grad(-r' * logsoftmax(z), z) = sum(r) * softmax(z) - r", { ...proved, note: "a target that is not normalised" });
  d.step("grad(-r' * logsoftmax(z), z) = softmax(z) - r", {
    expect: "refuted",
    note: "softmax(z) − y needs sum(y) = 1; for unnormalised targets (counts, weights) the softmax term is scaled by sum(y)",
  });
  d.step("grad(-t' * logsoftmax(W * x), W) = (softmax(W * x) - t) * x'", {
    ...proved,
    note: "softmax regression: the chain rule through logits W x gives an outer product with the input",
  });
});

export const mse = derivation("Mean squared error: the gradient (2/m) X'(Xw − y)", {
  let: { X: "m x n", w: "n", y: "m", lam: "scalar positive" },
}, (d) => {
  d.define("r = X * w - y");
  d.step("mean(r.^2) = norm(r)^2 / m", { note: "the mean of the squared residuals over m examples" });
  d.step("norm(r)^2 / m = r' * r / m", proved);
  d.step("grad(mean((X * w - y).^2), w) = (2 / m) * X' * (X * w - y)", { ...proved, note: "(2/m) X'(Xw − y)" });
  d.step("grad(mean((X * w - y).^2), w) = (1 / m) * X' * (X * w - y)", {
    expect: "refuted",
    note: "the 2 from the square is dropped (it belongs to the loss 1/(2m)‖Xw − y‖², not to the mean squared error)",
  });
  d.argmin("w", "mean((X * w - y).^2)", "norm(X * w - y)^2 / 2", { note: "a positive factor 2/m does not move the minimiser" });
  d.step("hessian(mean((X * w - y).^2), w) = (2 / m) * X' * X", proved);
  d.step("grad(norm(X * w - y)^2 / 2 + lam * norm(w)^2 / 2, w) = X' * (X * w - y) + lam * w", { ...proved, note: "with weight decay" });
  d.define("wr = inv(X' * X + lam * I) * X' * y");
  d.step("X' * (X * wr - y) + lam * wr = 0", { note: "the ridge solution inv(X'X + λI) X'y is a stationary point" });
});

export const logisticGradient = derivation("Logistic regression: the gradient X'(σ(Xw) − y)", {
  let: { X: "m x n", w: "n", y: "m", Xs: "n x n", ys: "n" },
}, (d) => {
  d.define("p = sigmoid(X * w)");
  d.define("L = sum(softplus(X * w)) - y' * X * w");
  d.step("-(y' * log(p) + (1 - y)' * log(1 - p)) = L", {
    note: "the negative log-likelihood in logit form: −log σ(t) = softplus(−t) = softplus(t) − t",
  });
  d.step("grad(L, w) = X' * (p - y)", { ...proved, note: "X'(σ(Xw) − y)" });
  d.step("grad(-(y' * log(p) + (1 - y)' * log(1 - p)), w) = X' * (p - y)", { note: "the same, differentiated in the log-likelihood form" });
  d.step("grad(sum(softplus(Xs * w)) - ys' * Xs * w, w) = Xs * (sigmoid(Xs * w) - ys)", {
    expect: "refuted",
    note: "layout slip: X where X' belongs; only a square X lets the shapes pass, and the values still differ",
  });
});

export const logisticHessian = derivation("Logistic regression: the Hessian X' diag(σ(1−σ)) X", {
  let: { X: "m x n", w: "n", y: "m", v: "n" },
}, (d) => {
  d.define("s = sigmoid(X * w)");
  d.define("L = sum(softplus(X * w)) - y' * X * w");
  d.step("hessian(L, w) = X' * diag(s .* (1 - s)) * X", { ...proved, note: "X' diag(σ(Xw)(1 − σ(Xw))) X" });
  d.step("hessian(L, w) = X' * diag(s) * X", {
    expect: "refuted",
    note: "the factor (1 − σ) of σ' = σ(1 − σ) is dropped",
  });
  d.step("jacobian(X' * (s - y), w) = X' * diag(s .* (1 - s)) * X", { ...proved, note: "the Jacobian of the gradient of the previous derivation" });
  d.step("v' * X' * diag(s .* (1 - s)) * X * v >= 0", { note: "the Hessian is positive semidefinite: the loss is convex in w" });
});

export const activations = derivation("Sigmoid and tanh: derivative identities", {
  let: { t: "scalar", x: "n" },
}, (d) => {
  d.step("diff(sigmoid(t), t) = sigmoid(t) * (1 - sigmoid(t))", { ...proved, note: "σ' = σ(1 − σ)" });
  d.step("sigmoid(-t) = 1 - sigmoid(t)", proved);
  d.step("diff(sigmoid(t), t) <= 0.25", { note: "σ' peaks at t = 0 with value 1/4" });
  d.step("diff(tanh(t), t) = 1 - tanh(t)^2", { ...proved, note: "tanh' = 1 − tanh²" });
  d.step("diff(tanh(t), t) = 1 + tanh(t)^2", {
    expect: "refuted",
    note: "sign slip: 1 + tan² is the derivative of the circular tan, not of tanh",
  });
  d.step("tanh(t) = 2 * sigmoid(2 * t) - 1", { note: "tanh is a rescaled sigmoid" });
  d.step("diff(softplus(t), t) = sigmoid(t)", proved);
  d.chain("diff(log(sigmoid(t)), t)", "1 - sigmoid(t)", "sigmoid(-t)", proved);
  d.step("jacobian(sigmoid(x), x) = diag(sigmoid(x) .* (1 - sigmoid(x)))", { ...proved, note: "elementwise: a diagonal Jacobian" });
  d.step("jacobian(tanh(x), x) = diag(1 - tanh(x).^2)", proved);
});

export const batchNorm = derivation("Batch normalisation: the backward pass", {
  let: { x: "N", g: "N", gamma: "scalar", beta: "scalar", eps: "scalar positive", m0: "scalar", v0: "scalar positive" },
}, (d) => {
  d.define("mu = mean(x)");
  d.define("var = mean((x - mu).^2)");
  d.define("xhat = (x - mu) / sqrt(var + eps)");
  d.define("y = gamma * xhat + beta");
  // forward: the normalised values have mean 0 and (almost) unit variance
  d.step("sum(x - mu) = 0", proved);
  d.step("mean(xhat) = 0", proved);
  d.step("mean(xhat.^2) = var / (var + eps)", { note: "unit variance up to ε" });
  // the computational graph: the three paths from x to the loss g'y, with the
  // batch statistics first held fixed (m0, v0 stand for μ and σ²)
  d.step("grad(g' * (gamma * (x - m0) / sqrt(v0 + eps) + beta), x) = gamma * g / sqrt(v0 + eps)", {
    ...proved,
    note: "the direct path, with μ and σ² held fixed",
  });
  d.step("diff(g' * (gamma * (x - m0) / sqrt(v0 + eps) + beta), v0) = -gamma * sum(g .* (x - m0)) / (2 * (v0 + eps)^(3/2))", {
    note: "∂L/∂σ²",
  });
  d.step("diff(g' * (gamma * (x - m0) / sqrt(v0 + eps) + beta), m0) = -gamma * sum(g) / sqrt(v0 + eps)", {
    ...proved,
    note: "∂L/∂μ through x − μ; the path through σ² adds −2 mean(x − μ) ∂L/∂σ², which is 0 at μ = mean(x)",
  });
  d.step("diff(mean((x - m0).^2), m0) = -2 * mean(x - m0)", proved);
  d.step("grad(mean((x - m0).^2), x) = 2 * (x - m0) / N", { ...proved, note: "∂σ²/∂x with μ held fixed" });
  d.step("grad(mean(x), x) = ones(N) / N", { ...proved, note: "∂μ/∂x" });
  // the closed form
  d.step("grad(g' * y, x) = (gamma / (N * sqrt(var + eps))) * (N * g - sum(g) - xhat * sum(g .* xhat))", {
    ...proved,
    note: "∂L/∂x = γ/(N √(σ² + ε)) (N g − Σg − x̂ Σ(g ∘ x̂))",
  });
  d.step("grad(g' * y, x) = gamma * g / sqrt(var + eps)", {
    expect: "refuted",
    note: "μ and σ² treated as constants: only the direct path; the batch statistics depend on x too",
  });
  d.step("sum(grad(g' * y, x)) = 0", { ...proved, note: "the input gradient has zero mean" });
  d.step("xhat' * grad(g' * y, x) = gamma * eps * sum(g .* xhat) / (var + eps)^(3/2)", {
    note: "its component along x̂ is of order ε: orthogonal to x̂ only in the limit ε → 0, since mean(x̂²) = σ²/(σ² + ε)",
  });
  d.step("diff(g' * y, gamma) = sum(g .* xhat)", { note: "∂L/∂γ" });
  d.step("diff(g' * y, beta) = sum(g)", { ...proved, note: "∂L/∂β" });
});
