// convout, convparams, floor and ceil through the checker: on random valid
// integer arguments they equal an independent reference (PyTorch's formula,
// the weight-plus-bias count), a mutated formula (no floor, bias counted per
// input channel, an off-by-one count compared as a difference) is refuted,
// and invalid arguments are one positioned error.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";

/** PyTorch's output length (torch.nn.Conv1d docs), written independently of the operator. */
function reference(n: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

const convArb = fc
  .record({
    k: fc.integer({ min: 1, max: 7 }),
    s: fc.integer({ min: 1, max: 5 }),
    p: fc.integer({ min: 0, max: 3 }),
    d: fc.integer({ min: 1, max: 3 }),
    extra: fc.integer({ min: 0, max: 300 }),
  })
  // n is at least the kernel's span minus the padding, so the output is non-empty
  .map(({ k, s, p, d, extra }) => ({ k, s, p, d, n: Math.max(1, d * (k - 1) + 1 - 2 * p) + extra }));

describe("convout", () => {
  it("equals PyTorch's formula on valid integer arguments, with the defaults s = 1, p = 0, d = 1", () => {
    fc.assert(
      fc.property(convArb, ({ n, k, s, p, d }) => {
        const out = reference(n, k, s, p, d);
        expect(evaluate({ expr: `convout(${n}, ${k}, ${s}, ${p}, ${d})` }).value).toBe(out);
        expect(evaluate({ expr: `convout(${n}, ${k}, ${s}, ${p})` }).value).toBe(reference(n, k, s, p, 1));
        if (n >= k) expect(evaluate({ expr: `convout(${n}, ${k})` }).value).toBe(n - k + 1);
        const r = equal({ claim: `convout(${n}, ${k}, ${s}, ${p}, ${d}) - ${out} = 0`, seed: 1 });
        // a claim about integers is proved by exact arithmetic (issue 14)
        expect(r.verdict).toBe("proved");
      }),
      { numRuns: 200 },
    );
  });

  it("the formula without the floor is refuted wherever s does not divide", () => {
    fc.assert(
      fc.property(convArb, ({ n, k, s, p, d }) => {
        const num = n + 2 * p - d * (k - 1) - 1;
        fc.pre(num % s !== 0);
        const r = equal({ claim: `convout(${n}, ${k}, ${s}, ${p}, ${d}) = ${num} / ${s} + 1`, seed: 1 });
        expect(r.verdict).toBe("refuted");
      }),
      { numRuns: 100 },
    );
  });

  it("integer symbols: convout(n + 2, 3) = n, and a wrong claim is refuted", () => {
    expect(equal({ claim: "convout(n + 2, 3) = n", let: ["n: integer"], seed: 3 }).verdict).toBe("verified");
    expect(equal({ claim: "convout(2 * n + 1, 3, 2, 1) = n + 1", let: ["n: integer"], seed: 3 }).verdict).toBe("verified");
    expect(equal({ claim: "convout(n + 2, 3) = n + 1", let: ["n: integer"], seed: 3 }).verdict).toBe("refuted");
  });

  it("invalid arguments are one positioned error", () => {
    const cases: [string, string][] = [
      ["convout(2.5, 1)", "value error at 8: convout needs an integer input size n, not 2.5"],
      ["convout(10, 0)", "value error at 12: convout needs kernel size k >= 1, not 0"],
      ["convout(10, 3, 0)", "value error at 15: convout needs stride s >= 1, not 0"],
      ["convout(10, 3, 1, -1)", "value error at 18: convout needs padding p >= 0, not -1"],
      ["convout(3, 5)", "value error at 0: convout: the kernel spans 5 but the padded input has 3"],
      ["convout(1)", "syntax error at 0: convout takes 2 to 5 arguments, got 1 (in expression)"],
    ];
    for (const [expr, message] of cases) expect(evaluate({ expr }).error?.message, expr).toBe(message);
    const r = equal({ claim: "convout(x, 3) = 1", seed: 1 });
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toMatch(/convout needs an integer input size n, not -?\d/);
    expect(evaluate({ expr: "convout(x, 3)", let: ["x: 3"] }).error?.message).toMatch(/input size n must be a scalar, not x \(3\)/);
  });
});

describe("convparams", () => {
  it("equals cout (cin k + bias) and the author's arithmetic", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 11 }),
        fc.constantFrom(0, 1),
        (cin, cout, k, bias) => {
          const count = cout * (cin * k * k + bias);
          expect(evaluate({ expr: `convparams(${cin}, ${cout}, ${k} * ${k}, ${bias})` }).value).toBe(count);
          const r = equal({ claim: `convparams(${cin}, ${cout}, ${k}*${k}, ${bias}) - (${cin} * ${cout} * ${k} * ${k} + ${bias} * ${cout}) = 0`, seed: 1 });
          expect(r.verdict).toBe("proved");
          // the bias counted per input channel instead of per output channel
          if (cin !== cout && bias === 1) {
            const wrong = equal({ claim: `convparams(${cin}, ${cout}, ${k}*${k}) - (${cin} * ${cout} * ${k} * ${k} + ${cin}) = 0`, seed: 1 });
            expect(wrong.verdict).toBe("refuted");
          }
          // off by one, compared as a difference (exact at any size)
          expect(equal({ claim: `convparams(${cin}, ${cout}, ${k}*${k}, ${bias}) - ${count + 1} = 0`, seed: 1 }).verdict).toBe("refuted");
        },
      ),
      { numRuns: 100 },
    );
  });

  it("invalid arguments are one positioned error", () => {
    expect(evaluate({ expr: "convparams(3, 96, 11, 2)" }).error?.message).toBe(
      "value error at 22: convparams needs bias 0 or 1, not 2",
    );
    expect(evaluate({ expr: "convparams(3, 0.5, 11)" }).error?.message).toBe(
      "value error at 14: convparams needs an integer output channels cout, not 0.5",
    );
  });
});

describe("floor and ceil", () => {
  it("floor(x) <= x < floor(x) + 1, ceil(x) = -floor(-x), zero derivative between the integers", () => {
    for (const seed of [1, 2, 3]) {
      for (const claim of ["floor(x) <= x < floor(x) + 1", "ceil(x) - 1 < x <= ceil(x)", "ceil(x) = -floor(-x)", "diff(floor(3 * x), x, v) = zeros(n)"]) {
        const r = equal({ claim, let: ["x, v: n"], seed });
        expect(["proved", "verified"], `${claim}: ${r.detail}`).toContain(r.verdict);
      }
      for (const claim of ["floor(x) = x", "ceil(x) = floor(x)", "floor(x) >= x"]) {
        expect(equal({ claim, let: ["x, v: n"], seed }).verdict, claim).toBe("refuted");
      }
    }
  });
});
