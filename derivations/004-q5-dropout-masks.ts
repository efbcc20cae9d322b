// Seed 004 (Deep Learning HW3), Q5, l.359-415: dropout as an ensemble, with
// the mask as a random variable d ~ bernoulli(1/2) whose expectations are
// computed by enumerating all 2^n masks (language.md, "Random variables and
// moments"), for n = 2, 3 and 4 inputs. The same steps with the masks written
// out by hand are in 004-q5-dropout-ensemble.ts.
//
// Readings (as in 004-q5-dropout-ensemble.ts):
//  - p(μ) is uniform (l.377): d ~ bernoulli(1/2), so Σ_μ p(μ) f(μ) = E(f(d)).
//  - The geometric mean over the 2^n masks, (Π_μ p(y|v, μ))^(1/2^n), is
//    exp(E(log p(y|v, d))); renormalised over y it is softmax(E(log p)).
//  - The author's root \sqrt[2n] (l.395-407) is exp(2^n/(2n) · E(log p)): it
//    agrees with \sqrt[2^n] at n = 2 only.
//  - W_{y,:}ᵀu is read as (Wᵀu)_y; vectors over the K = 4 classes stand for
//    "for every y".

import { derivation } from "derive";

const p = "softmax(W' * (d .* v) + b)";
const logp = "logsoftmax(W' * (d .* v) + b)";

export const ensembles = [2, 3, 4].map((n) =>
  derivation(`004 Q5: dropout as a geometric-mean ensemble, n = ${n} (${2 ** n} masks)`, {
    source: "004 Q5",
    let: { d: `${n} ~ bernoulli(1/2)`, v: `${n}`, W: `${n} x 4`, b: "4" },
  }, (s) => {
    if (n === 2) {
      // l.369: the mask mean Σ_μ p(μ) p(y|x, μ), the four masks written out
      s.step(`E(${p}) = 1/4 * (softmax(W' * ([0; 0] .* v) + b) + softmax(W' * ([0; 1] .* v) + b) + softmax(W' * ([1; 0] .* v) + b) + softmax(W' * ([1; 1] .* v) + b))`, { lines: "369" });
      // l.375: the geometric mean (Π_μ p)^(1/2^n) is exp(E(log p))
      s.step(`(softmax(W' * ([0; 0] .* v) + b) .* softmax(W' * ([0; 1] .* v) + b) .* softmax(W' * ([1; 0] .* v) + b) .* softmax(W' * ([1; 1] .* v) + b)) .^ (1/4) = exp(E(${logp}))`, { lines: "375" });
    }
    // l.379, l.413-415: the renormalised geometric mean is softmax(½ Wᵀv + b)
    s.step(`softmax(E(${logp})) = softmax(1/2 * W' * v + b)`, { lines: "379" });
    // l.395-407 with the author's root \sqrt[2n]
    s.step(`softmax(${2 ** n}/(2 * ${n}) * E(${logp})) = softmax(1/2 * W' * v + b)`, n === 2
      ? { lines: "395-407", note: "the root \\sqrt[2n] of l.395 equals \\sqrt[2^n] at n = 2" }
      : { lines: "395-407", expect: "refuted", note: `l.395-407 take the 2n-th root; with ${2 ** n} masks it must be the 2^n-th (they agree at n = 2 only)` });
    // l.409: the exponent averaged over the masks is ½ Wᵀv + b
    s.step(`E(W' * (d .* v) + b) = 1/2 * W' * v + b`, { lines: "409" });
    // l.409 writes P̃ itself as that average (the exp and the normaliser dropped)
    s.step(`exp(E(${logp})) = E(W' * (d .* v) + b)`, { lines: "409", expect: "refuted", note: "l.409 drops the exp (and the y-independent normaliser): P̃ is not the averaged exponent" });
    // l.411: P̃ = exp(½ Wᵀv + b) holds only up to a factor constant in y (∝)
    s.step(`exp(E(${logp})) = exp(1/2 * W' * v + b)`, { lines: "411", expect: "refuted", note: "l.411 holds only as ∝ over y; renormalised it is the softmax step above" });
    // not in the seed: the arithmetic mean of bagging (l.365) is not the weight-scaled model
    s.step(`E(${p}) = softmax(1/2 * W' * v + b)`, { expect: "refuted", note: "not in the seed: a control, weight scaling is exact for the geometric mean only" });
  }),
);

// l.371: the mask mean approximated by averaging the outputs of a few sampled
// masks (the author: 10–20). With k masks drawn independently (d1..dk, declared
// separately, so independent) the average is unbiased and its variance is 1/k
// of one mask's; k = 3 and 4 with n = 2 inputs, enumerated exactly (2^(2k) mask
// combinations).
const sampled = (k: number) => {
  const ds = Array.from({ length: k }, (_, i) => `d${i + 1}`);
  const avg = `1/${k} * (${ds.map((d) => `softmax(W' * (${d} .* v) + b)`).join(" + ")})`;
  const lets: Record<string, string> = { v: "2", W: "2 x 4", b: "4", d: "2 ~ bernoulli(1/2)" };
  for (const d of ds) lets[d] = "2 ~ bernoulli(1/2)";
  return derivation(`004 Q5 (l.371): averaging ${k} sampled masks`, { source: "004 Q5", let: lets }, (s) => {
    s.step(`E(${avg}) = E(${p})`, { lines: "371" });
    s.step(`Var(${avg}) = Var(${p}) / ${k}`, { lines: "371" });
    s.step(`Var(${avg}) = Var(${p})`, { expect: "refuted", note: "not in the seed: a control, averaging k masks divides the variance by k" });
  });
};
export const sampledMasks = [sampled(3), sampled(4)];
