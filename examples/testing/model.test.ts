// The model's backward passes, tested with derive's kit: gradcheck against
// finite differences of the forward pass, matches against the formula in the
// notes, and the vitest matchers. Run: npx vitest run (in this directory).

import { describe, expect, it } from "vitest";
import { gradcheck, matches, tensor } from "derive/testing";
import "derive/vitest";
import { type Net, type Norm, layerNorm, netBackward, netLoss, normBackward, normLoss, softmax } from "./model.js";

const NET = "W1: h x d; b1: h; W2: k x h; b2: k; x: d; y: k onehot";
const NORM = "x: n; gamma: n; beta: n; g: n";

describe("the two-layer network", () => {
  it("its backward pass agrees with finite differences of its loss (relu kinks included)", () => {
    const r = gradcheck(netLoss, { grad: netBackward, let: NET, wrt: ["W1", "b1", "W2", "b2"], numRuns: 30, seed: 1 });
    expect(r.ok).toBe(true);
    expect(r.maxRelError).toBeLessThan(1e-5);
  });

  it("the matcher says the same, and catches a backward pass that forgets the relu", () => {
    expect(netLoss).toHaveGradient(netBackward, { let: NET, wrt: ["W1", "b1", "W2", "b2"], numRuns: 30 });
    const noRelu = (v: Net) => {
      const g = netBackward(v);
      const a = v.W1.map((row, i) => row.reduce((s, w, j) => s + w * v.x[j]!, v.b1[i]!));
      // the slip: the upstream gradient passed through where the unit is off
      const dz = softmax(v.W2.map((row, i) => row.reduce((s, w, j) => s + w * Math.max(0, a[j]!), v.b2[i]!))).map((p, i) => p - v.y[i]!);
      const dh = v.W2[0]!.map((_, j) => v.W2.reduce((s, row, i) => s + row[j]! * dz[i]!, 0));
      return { ...g, b1: dh, W1: dh.map((d) => v.x.map((xj) => d * xj)) };
    };
    expect(netLoss).not.toHaveGradient(noRelu, { let: NET, wrt: ["W1", "b1"], numRuns: 30 });
  });

  it("softmax matches derive's softmax, and its cross-entropy gradient is softmax(z) - y", () => {
    matches(({ z }: { z: number[] }) => softmax(z), "softmax(z)", { let: "z: k" });
    expect(({ z, y }: { z: number[]; y: number[] }) => softmax(z).map((p, i) => p - y[i]!)).toMatchExpression("grad(-(y' * log(softmax(z))), z)", {
      let: "z: k; y: k onehot",
    });
    expect("grad(-(y' * log(softmax(z))), z) = softmax(z) * sum(y) - y").toHold({ let: "z: k; y: k" });
  });
});

describe("the layer norm", () => {
  it("its forward pass is the formula in the notes", () => {
    expect(({ x, gamma, beta }: Norm) => layerNorm(x, gamma, beta)).toMatchExpression(
      "gamma .* (x - mean(x) * ones(n)) / sqrt(mean((x - mean(x) * ones(n)) .^ 2) + 0.00001) + beta",
      { let: NORM },
    );
  });

  it("its backward pass agrees with finite differences, for every input", () => {
    expect(normLoss).toHaveGradient(normBackward, { let: NORM, numRuns: 30 });
  });

  it("normalises: mean 0 and mean square 1 (up to eps) with gamma = 1, beta = 0", () => {
    const x = [3, -1, 4, 1, -5];
    const y = layerNorm(x, [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]);
    expect(y.reduce((s, v) => s + v, 0) / 5).toBeCloseToTensor(0, { atol: 1e-12 });
    expect(y.reduce((s, v) => s + v * v, 0) / 5).toBeCloseToTensor(1, { rtol: 1e-5 });
    // a tensor() of the same values compares equal to the nested array
    expect(tensor(Float64Array.from(y), [5])).toBeCloseToTensor(y);
  });
});
