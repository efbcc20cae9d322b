import { derivation } from "derive";

// Seed 004 (Deep Learning HW3): the parts not transcribed as checked steps.
//
// Items of the kinds statistical, recurrence, limit/asymptotic and tensor-op,
// once pending here, are now checked:
// - 004 Q3(a), Q6, Q14(a), Q14(b), Q15: the convolution and pooling items, with
//   the tensor operators in 004-q3a-conv1d.ts and 004-q6-q14-q15-conv.ts (and,
//   without tensors, in 004-q3a-q14b-pooling-lowrank.ts and
//   004-q14d-q15-conv-backprop.ts).
// - 004 Q5 l.371 (the mask mean approximated by 10–20 sampled masks): with
//   random masks in 004-q5-dropout-masks.ts.
// - 004 Q13 (the GD recurrence, τ ≈ 1/(εα)): 004-q13-early-stopping.ts.
//
// Not checkable, and said so in 004-q8-maxout-batchnorm.ts: 004 Q8(d) l.569,
// "a maxout model with two hidden units approximates any continuous function",
// is a universal-approximation theorem (a statement over all continuous
// functions and all parameters), not a step a sampler or the engine can decide.
//
// Prose or code only (catalog.md): Q1(d), Q3(b), Q4, Q7(a),(c),(d),
// Q8(a)–(c), Q8 ی) and و), Q9–Q11, Q14(c) (l.155–162, 274–357, 433, 466–549,
// 585–764, 898–902).

export const proseOnly = derivation("Seed 004: prose and code only", {
  prose: [
    "Q1(d) l.155–162: advantages of Adam and RMSprop (prose)",
    "Q3(b), Q4 l.274–357: PyTorch implementation, CIFAR10 experiments, Dropout vs Dropout2d (code and prose)",
    "Q7(a), (c), (d) l.433, 466–549: IRIS training, Xavier and He initialisation, checkpointing (code and prose)",
    "Q8(a)–(c), ی), و) l.466–549, 585–598: batch normalisation's effect, its place relative to dropout and activations, test-time use, batch vs layer normalisation, dropout in CNNs (prose)",
    "Q9–Q11 l.600–764: GAN / CycleGAN and other experiments (code)",
    "Q14(c) l.898–902: code for Q14(b) (code)",
    "Q15 l.921: the case Z ∈ R^{2×1} is asked but not answered by the seed",
  ],
}, () => {});
