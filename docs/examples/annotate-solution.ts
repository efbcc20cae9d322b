// The example that `derive annotate` is shown and tested with (docs/sheets.md,
// tests/annotate/): docs/examples/annotate-solution.md, a short solution in
// Persian and English. Each step cites the lines of that document it checks;
// the wrong step (l.13, 2AX: true only for a symmetric A) is kept as written,
// expected refuted, with its correction (l.17) right after it.
//
//   npx derive annotate docs/examples/annotate-solution.md --with docs/examples/annotate-solution.ts --out sheets --seed 1
import { derivation } from "derive";

export const trace = derivation("پرسش ۱: گرادیان ردپا", { let: { X: "n x m", A: "n x n" }, lines: "5-17" }, (d) => {
  d.step("tr(X' * A * X) = tr(A * X * X')", { lines: "9" });
  d.step("grad(tr(X' * A * X), X) = 2 * A * X", { expect: "refuted", note: "true only for a symmetric A; in general the gradient is (A + A') X", lines: "13" });
  d.step("grad(tr(X' * A * X), X) = (A + A') * X", { lines: "15-17" });
});

export const sigmoidAtZero = derivation("Question 2: the sigmoid", { lines: "21-25" }, (d) => {
  d.step("sigmoid(0) = 1 / (1 + e^0)", { lines: "23" });
  d.step("1 / (1 + e^0) = 1/2", { lines: "23" });
  d.step("diff(sigmoid(t), t) = sigmoid(t) * (1 - sigmoid(t))", { lines: "25" });
});

export const shift = derivation("Softmax and a shift", { let: { z: "n", c: "scalar" } }, (d) => {
  d.step("softmax(z + c * ones(n)) = softmax(z)", { lines: "31" });
});

export const table = derivation("The table's row", {}, (d) => {
  d.step("sigmoid(0) = 0.5", { lines: "36" });
});
