import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q12, l.766–792: the table of the AlexNet-like
// network again, with the language's helpers: convout(n, k, s, p) for every
// row's output size and convparams(cin, cout, k·k, bias) for every row's
// parameter count. 004-q12-conv-table.ts checks the same rows with the
// author's arithmetic; readings (row numbering, biases) as there.
//
// convout floors, as PyTorch does: floor((n + 2p − k)/s) + 1. The seed's
// formula (n + 2p − k)/s + 1 (l.788) has no floor; on this table s always
// divides n + 2p − k, so both agree, which the second chain checks row by row.

export const outputSizesByConvout = derivation("Q12: output sizes with convout (PyTorch's formula)", {
  source: "004 Q12",
}, (d) => {
  d.define("out(n, p, k, s) = (n + 2 * p - k) / s + 1"); // l.788
  // convolution 3 → 96, k = 11, p = 0, s = 4: (96, 55, 55)
  d.chain("convout(227, 11, 4, 0)", "out(227, 0, 11, 4)", "55", { lines: "788" });
  // max pooling k = 3, s = 2: (96, 27, 27)
  d.chain("convout(55, 3, 2, 0)", "out(55, 0, 3, 2)", "27", { lines: "788" });
  // convolution 96 → 256, k = 1: (256, 27, 27)
  d.chain("convout(27, 1, 1, 0)", "out(27, 0, 1, 1)", "27", { lines: "788" });
  // max pooling: (256, 13, 13)
  d.chain("convout(27, 3, 2, 0)", "out(27, 0, 3, 2)", "13", { lines: "788" });
  // convolutions 256 → 384, 384 → 384, 384 → 256, k = 3, p = 1: (·, 13, 13)
  d.chain("convout(13, 3, 1, 1)", "out(13, 1, 3, 1)", "13", { lines: "788" });
  // max pooling: (256, 6, 6)
  d.chain("convout(13, 3, 2, 0)", "out(13, 0, 3, 2)", "6", { lines: "788" });
  // flatten: 6 · 6 · 256 = 9216 inputs of the first linear layer
  d.step("convout(13, 3, 2, 0)^2 * 256 = 9216", { lines: "780" });
});

export const parameterCountsByConvparams = derivation("Q12: parameter counts with convparams", {
  source: "004 Q12",
}, (d) => {
  d.chain("convparams(3, 96, 11 * 11)", "(3 * 96 * 11 * 11) + 96", "34944", { lines: "771-782" });
  d.chain("convparams(96, 256, 1 * 1)", "(96 * 256 * 1 * 1) + 256", "24832", { lines: "771-782" });
  d.chain("convparams(256, 384, 3 * 3)", "(256 * 384 * 3 * 3) + 384", "885120", { lines: "771-782" });
  d.step("convparams(384, 384, 3 * 3) = 1327488", { lines: "771-782" }); // the table gives the number only
  d.chain("convparams(384, 256, 3 * 3)", "(384 * 256 * 3 * 3) + 256", "884992", { lines: "771-782" });
  // l.784: without biases the seventh row has 1327104
  d.step("convparams(384, 384, 3 * 3, 0) = 1327104", { lines: "784" });
  // counts are compared exactly (two different integers are never equal,
  // docs/language.md "Choices"); the differences are written out as well
  d.step("convparams(384, 384, 3 * 3) - 1327488 = 0", { lines: "777" });
  d.step("convparams(384, 384, 3 * 3, 0) - 1327104 = 0", { lines: "784" });
  // pooling layers have no parameters; a linear layer is a 1×1 convolution on a 1×1 input
  d.step("convparams(9216, 4096, 1, 0) = 9216 * 4096", { lines: "780" });
  d.step("convparams(9216, 4096, 1, 0) = 37748736", { lines: "780" });
  d.step("convparams(4096, 4096, 1, 0) = 16777216", { lines: "781" });
  d.step("convparams(4096, 1000, 1, 0) = 4096000", { lines: "782" });
  // with one bias per output unit, as l.784 says biases are counted (see 004-q12-conv-table.ts)
  d.step("convparams(9216, 4096, 1) - 37748736 = 0", {
    lines: "780-784",
    expect: "refuted",
    note: "the linear rows leave out their biases although l.784 counts biases: 9216·4096 + 4096 = 37752832",
  });
  d.step("convparams(9216, 4096, 1) = 37752832", { lines: "780-784" });
  d.step("convparams(4096, 4096, 1) = 16781312", { lines: "781-784" });
  d.step("convparams(4096, 1000, 1) = 4097000", { lines: "782-784" });
});
