import { derivation } from "derive";

// Seed 004 (Deep Learning HW3), Q12, l.766–792: the table of an AlexNet-like
// network for 1000 classes: every row's output size by (n + 2p − k)/s + 1
// (l.788) and every row's parameter count (l.771–782).
//
// Readings:
// - Rows are numbered as in the table, INPUT being the first, so the "seventh
//   row" of l.784 is the convolution 384 → 384 (k = 3, p = 1, s = 1).
// - A convolution's count is in·out·k·k weights plus one bias per output channel
//   (l.784); pooling layers have none.
// - The linear rows are counted without biases (in·out), although l.784 says
//   biases are counted; the table's numbers are checked as written, and beside
//   them the count with one bias per output unit.

export const outputSizes = derivation("Q12: output sizes by (n + 2p − k)/s + 1", {
  source: "004 Q12",
}, (d) => {
  d.define("out(n, p, k, s) = (n + 2 * p - k) / s + 1"); // l.788
  d.step("out(227, 0, 11, 4) = 55", { lines: "788" }); // convolution 3 → 96: (96, 55, 55)
  d.step("out(55, 0, 3, 2) = 27", { lines: "788" }); // max pooling: (96, 27, 27)
  d.step("out(27, 0, 1, 1) = 27", { lines: "788" }); // convolution 96 → 256, k = 1: (256, 27, 27)
  d.step("out(27, 0, 3, 2) = 13", { lines: "788" }); // max pooling: (256, 13, 13)
  d.step("out(13, 1, 3, 1) = 13", { lines: "788" }); // convolution 256 → 384: (384, 13, 13)
  d.step("out(13, 1, 3, 1) = 13", { lines: "788" }); // convolution 384 → 384: (384, 13, 13)
  d.step("out(13, 1, 3, 1) = 13", { lines: "788" }); // convolution 384 → 256: (256, 13, 13)
  d.step("out(13, 0, 3, 2) = 6", { lines: "788" }); // max pooling: (256, 6, 6)
  d.step("6 * 6 * 256 = 9216", { lines: "780" }); // flatten (l.780)
});

export const parameterCounts = derivation("Q12: parameter counts, with and without biases", {
  source: "004 Q12",
}, (d) => {
  d.define("conv(cin, cout, k) = cin * cout * k * k + cout");
  d.step("(3 * 96 * 11 * 11) + 96 = 34944", { lines: "771-782" });
  d.step("conv(3, 96, 11) = 34944", { lines: "771-782" });
  d.step("(96 * 256 * 1 * 1) + 256 = 24832", { lines: "771-782" });
  d.step("conv(96, 256, 1) = 24832", { lines: "771-782" });
  d.step("(256 * 384 * 3 * 3) + 384 = 885120", { lines: "771-782" });
  d.step("conv(256, 384, 3) = 885120", { lines: "771-782" });
  d.step("conv(384, 384, 3) = 1327488", { lines: "771-782" }); // the table gives the number only
  d.step("(384 * 256 * 3 * 3) + 256 = 884992", { lines: "771-782" });
  d.step("conv(384, 256, 3) = 884992", { lines: "771-782" });
  // l.784: without biases the seventh row has 1327104
  d.step("384 * 384 * 3 * 3 = 1327104", { lines: "784" });
  d.step("conv(384, 384, 3) - 384 = 1327104", { lines: "784" });
  // the linear rows, as written (weights only), l.780–782
  d.step("9216 * 4096 = 37748736", { lines: "780" });
  d.step("4096 * 4096 = 16777216", { lines: "781" });
  d.step("4096 * 1000 = 4096000", { lines: "782" });
  // with one bias per output unit, as l.784 says biases are counted
  d.step("9216 * 4096 + 4096 = 37748736", {
    lines: "780-784",
    expect: "refuted",
    note: "the linear rows leave out their biases although l.784 counts biases: 9216·4096 + 4096 = 37752832",
  });
  d.step("9216 * 4096 + 4096 = 37752832", { lines: "780-784" });
  d.step("4096 * 4096 + 4096 = 16781312", { lines: "781-784" });
  d.step("4096 * 1000 + 1000 = 4097000", { lines: "782-784" });
});
