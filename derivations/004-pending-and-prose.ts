import { derivation } from "derive";

// Seed 004 (Deep Learning HW3): the parts not transcribed as checked steps.
//
// Pending (a later issue: kinds statistical, recurrence, limit/asymptotic,
// tensor-op, which need tensor operators or new kinds of step):
// - 004 Q3(a) l.204–272 (tensor-op, derivative): Conv1D (2 → 1, k = 2, P = 0,
//   S = 1) followed by AvgPool1D or MaxPool1D (k = 2, s = 1) on D1 = [1, 2, −3, 2],
//   [1, 2, −2, 1] and D2 = [4, 2, −2, 2], [3, 2, −7, 2]; the loss
//   ‖out_D2 − out_D1‖² (l.248, 264); the conv formula
//   Z(1, j) = Σ_{c=1}^{∞} Σ_k x(c, j+k) W(1, c, k) + b(1, j) (l.252; Σ_{c=1} at l.268,
//   the upper limit should be the 2 input channels); and the statements that the
//   pooling layers, having no trainable weights, have derivative zero (l.254, 270).
//   That statement will be refuted: average pooling passes ½ of the gradient to
//   each input of its window and max pooling passes it to the argmax (the
//   pooling has no parameters, but its Jacobian is not zero). The seed computes
//   no forward pass and no update.
// - 004 Q6 l.417–429 (tensor-op): a 1×1 Conv2D with M inputs and N outputs is the
//   same linear map W ∈ R^{N×M} applied at every pixel (l.425).
// - 004 Q14(a) l.840–868 (tensor-op): the conv layer Z, its depth-wise part D,
//   point-wise part P, and the combined separable Z.
// - 004 Q14(b) l.870–896 (tensor-op, derivative, shape/count): W ∈ R^{N×M×L×M}
//   with W_{i,j,l,k} = a_i b_j c_l d_k; the rank-t sum (whose summation index
//   clashes with the entry index i, l.880); the shapes a ∈ R^N, b ∈ R^M, c ∈ R^L,
//   d ∈ R^k (l.884; by W's shape d should be in R^M); the conv sum z_{i,j} and
//   ∂z_{i,j}/∂H(i+l, j+k) = W_{i,j,l,k}, ∂z_{i,j}/∂W_{i,j,l,k} = H(i+l, j+k)
//   (l.888–894). These need 4-index tensors.
// - 004 Q15 l.917–931 (tensor-op): the convolution itself and its transposed
//   convolution; the matrices M_c are checked in 004-q14d-q15-conv-backprop.ts.
// - 004 Q5 l.371 (statistical): the mask mean approximated by 10–20 samples.
// - 004 Q8(d) l.569 (limit): maxout's universal approximation.
//
// Prose or code only (catalog.md): Q1(d), Q3(b), Q4, Q7(a),(c),(d),
// Q8(a)–(c), Q8 ی) and و), Q9–Q11, Q14(c) (l.155–162, 274–357, 433, 466–549,
// 585–764, 898–902).

export const q3a = derivation("Q3(a): Conv1D with average or max pooling (pending: tensor operators)", {
  source: "004 Q3(a)",
  prose: [
    "Q3(a) l.204–272: Conv1D (2 → 1, k = 2, P = 0, S = 1) then AvgPool1D / MaxPool1D (k = 2, s = 1) on D1, D2 with loss ‖out_D2 − out_D1‖²; the conv formula Z(1, j) (l.252, 268); the convolution part is pending (tensor-op); 'no trainable weights, therefore its derivative is zero' (l.254, 270) is checked (refuted, with the correction) in 004-q3a-q14b-pooling-lowrank.ts",
  ],
}, () => {});

export const q6 = derivation("Q6: a 1×1 Conv2D is a per-pixel linear map (pending: tensor operators)", {
  source: "004 Q6",
  prose: ["Q6 l.417–429: z(i,:,:) = Σ_j W(i,j,:,:) * H(j,:,:) with a 1×1 kernel is the same map W ∈ R^{N×M} at every pixel (l.425) — pending (tensor-op)"],
}, () => {});

export const q14a = derivation("Q14(a): separable convolution (pending: tensor operators)", {
  source: "004 Q14(a)",
  prose: ["Q14(a) l.840–868: the conv layer Z (l.842), the depth-wise part D (l.858), the point-wise part P (l.864) and the combined Z (l.868) — pending (tensor-op)"],
}, () => {});

export const q14b = derivation("Q14(b): low-rank convolution kernel (pending: tensor operators)", {
  source: "004 Q14(b)",
  prose: ["Q14(b) l.870–896: W_{i,j,l,k} = a_i b_j c_l d_k and its rank-t sum, the shapes of a, b, c, d (d ∈ R^k at l.884, R^M by W's shape), the conv sum z_{i,j} and its two derivatives — pending (tensor-op, 4-index tensors)"],
}, () => {});

export const q15conv = derivation("Q15: the convolution and its transpose as tensor operators (pending)", {
  source: "004 Q15",
  prose: ["Q15 l.917–925: the 1-D convolution between layers k and k+1 and the backward pass as a transposed convolution, as tensor operators — pending (tensor-op); the case Z ∈ R^{2×1} (l.921) is not answered by the seed"],
}, () => {});

export const proseOnly = derivation("Seed 004: prose and code only", {
  prose: [
    "Q1(d) l.155–162: advantages of Adam and RMSprop (prose)",
    "Q3(b), Q4 l.274–357: PyTorch implementation, CIFAR10 experiments, Dropout vs Dropout2d (code and prose)",
    "Q7(a), (c), (d) l.433, 466–549: IRIS training, Xavier and He initialisation, checkpointing (code and prose)",
    "Q8(a)–(c), ی), و) l.466–549, 585–598: batch normalisation's effect, its place relative to dropout and activations, test-time use, batch vs layer normalisation, dropout in CNNs (prose)",
    "Q9–Q11 l.600–764: GAN / CycleGAN and other experiments (code)",
    "Q14(c) l.898–902: code for Q14(b) (code)",
  ],
}, () => {});
