import { derivation } from "derive";

// Seed 000 (Deep Learning HW1, 000_5875d3bde9a67171.txt),
// questions 2–4 (l.87–181). The statistical items are checked with random
// variables in their own files:
//   - 000 Q2.1 (l.89–91), by Monte Carlo over the GOE: 000-q21-saddle-points.ts;
//   - 000 Q2.2(c) (l.117–121), E[m_t] = (1 − B₁ᵗ) E[g] and m̂ = m/(1 − B₁ᵗ)
//     unbiased: 000-q22c-adam-bias.ts.
//
// Prose only (no formula to check): Q2.2(a) and (b) (l.95–115, which
// optimiser drew which path; the pros and cons of momentum, Nesterov and
// RMSprop), Q3 (l.123–155, dropout and batch normalisation as regularisers;
// its item (4) at l.141 is empty), Q4 (l.157–181, choosing output activations;
// DPReLU).
//
// The derivations below carry these lists in their `prose`, so that
// `derive check` reports them as not checked.

export const q21 = derivation(
  "000 Q2.1: saddle points outnumber minima in high dimension (checked in 000-q21-saddle-points.ts)",
  {
    source: "000 Q2.1",
    prose: [
      "000 Q2.1 (l.89–91): the probability that all Hessian eigenvalues at a critical point share one sign falls as the dimension grows; checked by Monte Carlo over the GOE in 000-q21-saddle-points.ts",
    ],
  },
  () => {},
);

export const q22c = derivation(
  "000 Q2.2(c): Adam's bias correction (checked in 000-q22c-adam-bias.ts)",
  {
    source: "000 Q2.2(c)",
    prose: [
      "000 Q2.2(c) (l.117–121): zero-initialised moments are biased towards zero; m̂ = m/(1 − B₁ᵗ) (l.121) removes the bias; checked with random gradients in 000-q22c-adam-bias.ts",
    ],
  },
  () => {},
);

export const proseOnly = derivation(
  "000 Q2.2(a), Q2.2(b), Q3, Q4: prose only",
  {
    prose: [
      "000 Q2.2(a) (l.95–105): which optimiser (RMSprop, momentum, Nesterov) drew which path in the figure; prose",
      "000 Q2.2(b) (l.107–115): advantages and drawbacks of the three methods against GD; prose",
      "000 Q3 (l.123–155): dropout as an ensemble, dropout at test time, batch normalisation and batch size as regularisation; item (4) at l.141 is empty; prose",
      "000 Q4 (l.157–181): output activations for binary, multi-class and multi-label tasks; DPReLU and its four parameters; prose",
    ],
  },
  () => {},
);
