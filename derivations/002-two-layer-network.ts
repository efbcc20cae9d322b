// Seed 002 (Machine Learning HW4), Q2: a parameter count, and the gradients
// of J = 1/2 ||y - z||^2 for z = w h and h = r(g). Transcribed from
// 002_ebfe10e810da3c37.txt, l.76-120, as the author wrote it.
//
// Readings:
//  - z = w h (l.92) with w: K x H, h: H, y, z: K.
//  - g = V x is inferred (the seed never writes g; l.112 differentiates g by
//    v_ij and l.114 gets r'(g_i) x_j): V: H x D, x: D, h = r(V x).
//  - r is an unspecified elementwise activation with derivative r'. Q2(d) is
//    checked for two choices, r = tanh (r' = 1 - tanh^2) and r = relu
//    (r' = step), which exercise a smooth and a kinked activation.
//  - Layout. The author writes dJ/dz = (z - y)^T: a row, i.e. the Jacobian in
//    numerator layout (`jacobian(J, z)`, 1 x K); the gradient in the shape of z
//    is z - y. dJ/dw_ij and dJ/dv_ij are single entries (`grad(J, w)[i, j]`);
//    dz/dw_ij and dh/dv_ij are vectors, the derivative of z (or h) along the unit
//    matrix E_ij (`diff(z, w, E_ij)`), which the author writes entrywise.
//    Where the author works with a fixed entry (l.114, l.120) the claims are at
//    concrete sizes K = 2, H = 3, D = 4 and (i, j) = (2, 3), with
//    E_23 = [0; 1; 0] * [0, 0, 1, 0]; the general index form is also checked
//    with integer i, j at symbolic sizes.
//
// Nothing here is refuted. Prose only: none in this part.

import { derivation } from "derive";

export const q2a = derivation("002 Q2(a): parameters of the last two layers", {
  source: "002 Q2(a)",
}, (d) => {
  // l.78-80: (4096 + 1) x 2048 for the fifth layer with its biases
  d.step("4096 * 2048 + 2048 = (4096 + 1) * 2048", { lines: "78-80" });
  // l.82: 2 x (2048 + 1) for the last layer
  d.step("2048 * 2 + 2 = 2 * (2048 + 1)", { lines: "82" });
  // l.84
  d.step("(4096 + 1) * 2048 + 2 * (2048 + 1) = 4097 * 2048 + 2049 * 2", { lines: "84" });
});

export const q2b = derivation("002 Q2(b): dJ/dz and dJ/dw_ij for J = 1/2 ||y - z||^2, z = w h", {
  source: "002 Q2(b)",
  let: { y: "K", z: "K", w: "K x H", h: "H", i: "integer", j: "integer" },
}, (d) => {
  // l.90: J = 1/2 ||y - z||^2  =>  dJ/dz = (z - y)^T  (numerator layout: a 1 x K row)
  d.step("jacobian(1/2 * norm(y - z)^2, z) = (z - y)'", { lines: "90" });
  d.step("grad(1/2 * norm(y - z)^2, z) = z - y", { lines: "90" });
  // l.94-96: the expansion
  d.chain(
    "1/2 * norm(y - z)^2",
    "1/2 * (y - z)' * (y - z)",
    "1/2 * (y' * y + z' * z - y' * z - z' * y)",
    "1/2 * (y' * y + z' * z - 2 * y' * z)", { lines: "94-96" },
  );
  d.chain(
    "jacobian(1/2 * (y' * y + z' * z - 2 * y' * z), z)",
    "1/2 * (2 * z' - 2 * y')",
    "(z - y)'", { lines: "94-96" },
  );
  // l.98: (2) dz/dw_ij = h_j since z = w h  (entry i of z; the other entries do not depend on w_ij)
  d.step("grad((w * h)[i], w)[i, j] = h[j]", { lines: "98" });
  d.step("jacobian(w * h, w) = kron(h', I(K))", { lines: "98" });
  // l.100: (1), (2)  =>  dJ/dw_ij = (z_i - y_i) h_j
  d.step("grad(1/2 * norm(y - w * h)^2, w)[i, j] = ((w * h)[i] - y[i]) * h[j]", { lines: "100" });
});

export const q2c = derivation("002 Q2(c): dJ/dw = (z - y) h^T", {
  source: "002 Q2(c)",
  let: { y: "K", w: "K x H", h: "H" },
}, (d) => {
  // l.102-104: each entry is (z_i - y_i) h_j, so the matrix is an outer product
  d.step("grad(1/2 * norm(y - w * h)^2, w) = outer(w * h - y, h)", { lines: "102-104" });
  // l.106
  d.step("grad(1/2 * norm(y - w * h)^2, w) = (w * h - y) * h'", { lines: "106" });
});

const E23 = "[0; 1; 0] * [0, 0, 1, 0]";

function q2d(name: string, r: string, rp: string) {
  return [
    derivation(`002 Q2(d): dJ/dv_23 at K = 2, H = 3, D = 4, with r = ${name}`, {
      source: "002 Q2(d)",
      let: { y: "2", w: "2 x 3", V: "3 x 4", x: "4" },
    }, (d) => {
      d.define(`r(t) = ${r}`);
      d.define(`rp(t) = ${rp}`);
      d.define("z = w * r(V * x)");
      d.define("J = 1/2 * norm(y - z)^2");
      // l.110: dJ/dv_ij = dJ/dz . dz/dv_ij = (z - y)^T dz/dv_ij
      d.step(`grad(J, V)[2, 3] = (z - y)' * diff(z, V, ${E23})`, { lines: "110" });
      // l.112: z = w h  =>  dz/dv_ij = w dh/dv_ij  =>  dJ/dv_ij = (z - y)^T w dh/dv_ij
      d.step(`diff(z, V, ${E23}) = w * diff(r(V * x), V, ${E23})`, { lines: "112" });
      d.step(`grad(J, V)[2, 3] = (z - y)' * w * diff(r(V * x), V, ${E23})`, { lines: "112" });
      // l.112: h = r(g)  =>  dh/dv_ij = r'(g) dg/dv_ij   (elementwise)
      d.step(`diff(r(V * x), V, ${E23}) = rp(V * x) .* diff(V * x, V, ${E23})`, { lines: "112" });
      // l.114: dh/dv_ij = [0, ..., r'(g_i) x_j, ..., 0]^T
      d.step(`diff(r(V * x), V, ${E23}) = [0; rp(V * x)[2] * x[3]; 0]`, { lines: "114" });
      // l.116
      d.step("grad(J, V)[2, 3] = (z - y)' * w * [0; rp(V * x)[2] * x[3]; 0]", { lines: "116" });
      // l.120: dJ/dv_ij = ((z - y)^T w)_i r'(g_i) x_j
      d.step("grad(J, V)[2, 3] = ((z - y)' * w)[1, 2] * rp(V * x)[2] * x[3]", { lines: "120" });
    }),
    derivation(`002 Q2(d): dJ/dv_ij at any sizes, with r = ${name}`, {
      source: "002 Q2(d)",
      let: { y: "K", w: "K x H", V: "H x D", x: "D", i: "integer", j: "integer" },
    }, (d) => {
      d.define(`r(t) = ${r}`);
      d.define(`rp(t) = ${rp}`);
      d.define("z = w * r(V * x)");
      d.define("J = 1/2 * norm(y - z)^2");
      // l.120 with general i, j (((z - y)^T w)_i written as (w^T (z - y))_i)
      d.step("grad(J, V)[i, j] = (w' * (z - y))[i] * rp(V * x)[i] * x[j]", { lines: "120" });
      // the same in matrix form
      d.step("grad(J, V) = ((w' * (z - y)) .* rp(V * x)) * x'", { lines: "120" });
    }),
  ];
}

export const [q2dTanhEntry, q2dTanhGeneral] = q2d("tanh", "tanh(t)", "1 - tanh(t) .^ 2");
export const [q2dReluEntry, q2dReluGeneral] = q2d("relu", "relu(t)", "step(t)");
