// The equality test of one sample: relative tolerance, and exact comparison
// of counts (two different integers below 2^31 are never equal).

import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { Tensor } from "../../src/core/tensor.js";
import { difference } from "../../src/check/tolerance.js";

const s = (v: number): Tensor => Tensor.matrix(1, 1, Float64Array.of(v));

describe("difference", () => {
  it("accepts rounding noise within 1e-6 relative", () => {
    expect(difference(s(0.1 + 0.2), s(0.3)).equal).toBe(true);
    expect(difference(s(1e6), s(1e6 + 0.5)).equal).toBe(true);
    expect(difference(s(1), s(1.001)).equal).toBe(false);
  });

  test.prop([fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 5 })])(
    "two different integers below 2^31 are never equal",
    (n, k) => {
      const m = n + (n > 0 ? -k : k);
      expect(difference(s(n), s(m)).equal).toBe(false);
      expect(difference(s(n), s(n)).equal).toBe(true);
    },
  );

  it("keeps the tolerance above 2^31, where floats are integers by rounding", () => {
    expect(difference(s(2 ** 53), s(2 ** 53 + 2)).equal).toBe(true);
  });
});
