// The four checks every refused-then-built gradient gets (issue 14 part 3),
// shared by index-grad.test.ts and kron-grad.test.ts: `derive grad` prints the
// Cookbook form and proves it; grad(f, X) = RESULT is proved with the numeric
// check agreeing; at concrete sizes finite differences alone (the symbolic
// engine off) agree; twice the result is refuted.

import { describe, expect, it } from "vitest";
import { equal, grad } from "../../src/api.js";

export interface GradientCase {
  expr: string;
  wrt: string;
  let: string[];
  /** the printed gradient */
  result: string;
  /** concrete sizes for the dimension names, for the finite-difference check (none: already concrete) */
  concrete?: Record<string, number>;
}

export function describeGradients(cases: readonly GradientCase[]): void {
  describe.each(cases.map((c) => [c.expr, c.let.join("; "), c] as const))("grad(%s) with %s", (_name, _decls, c) => {
    it(`prints ${c.result}, proved`, () => {
      const r = grad({ expr: c.expr, wrt: c.wrt, let: c.let, seed: 1 });
      expect(r.error).toBeNull();
      expect(r.result).toBe(c.result);
      expect(r.check).toBe("proved");
    });

    it("proves grad(f, X) = RESULT, and the numeric check agrees", () => {
      const r = equal({ lhs: `grad(${c.expr}, ${c.wrt})`, rhs: c.result, let: c.let, seed: 1 });
      expect(r.verdict, r.detail).toBe("proved");
      expect(r.symbolic).toBe("proved");
      expect(r.numeric!.samples).toBeGreaterThan(0);
    });

    it("agrees with finite differences at concrete sizes (no symbolic engine)", () => {
      // every dimension name replaced by its size, in the expression, the result and the declarations
      const sizes = c.concrete ?? {};
      const at = (s: string): string => s.replace(/\b[A-Za-z]+\b/g, (w) => (w in sizes ? String(sizes[w]) : w));
      const r = equal({ lhs: `grad(${at(c.expr)}, ${c.wrt})`, rhs: at(c.result), let: c.let.map(at), seed: 2, symbolic: false });
      expect(r.verdict, r.detail).toBe("verified");
      expect(r.numeric!.maxRelError).toBeLessThan(1e-6);
    });

    it("a wrong result (2 x the gradient) is refuted", () => {
      const r = equal({ lhs: `grad(${c.expr}, ${c.wrt})`, rhs: `2 * (${c.result})`, let: c.let, seed: 1 });
      expect(r.verdict).toBe("refuted");
    });
  });
}
