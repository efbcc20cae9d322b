// Symbolic gradients through kron with a general cotangent (issue 14 part 3):
// <G, kron(A, X)> = <ptrace(kron(A', I(p)) * G, n), X>
//                = <blocktrace(G * kron(I(n), X'), p), A>   for A: m x n, X: p x q
// (src/symbolic/kron-adjoint.ts; the partial traces src/ops/ptrace.ts over
// the first factor and src/ops/blocktrace.ts over the second). Each
// gradient is printed in Cookbook form, proved (grad(f, X) = RESULT by the
// symbolic engine, and the numeric check agrees), checked again by finite
// differences alone (the symbolic engine switched off), and a wrong result
// is refuted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, grad } from "../../src/api.js";
import { type GradientCase, describeGradients } from "./gradient-cases.js";

const CASES: GradientCase[] = [
  // the general cotangent G itself
  { expr: "tr(G' * kron(A, X))", wrt: "X", let: ["A: 2 x 3", "X: 2 x 2", "G: 4 x 6"], result: "ptrace(kron(A', I(2)) * G, 3)" },
  // rectangular blocks of different sizes
  { expr: "tr(G' * kron(A, X))", wrt: "X", let: ["A: 3 x 2", "X: 2 x 4", "G: 6 x 8"], result: "ptrace(kron(A', I(2)) * G, 2)" },
  // kron inside a product: tr(B * kron(A, X)) has cotangent B'
  { expr: "tr(B * kron(A, X))", wrt: "X", let: ["A: 2 x 2", "X: 2 x 2", "B: 4 x 4"], result: "ptrace(kron(A', I(2)) * B', 2)" },
  // a bilinear form: cotangent x * y'
  { expr: "x' * kron(A, X) * y", wrt: "X", let: ["A: 2 x 3", "X: 2 x 2", "x: 4", "y: 6"], result: "ptrace(kron(A', I(2)) * x * y', 3)" },
  // least squares in a Kronecker product: the kron part of the cotangent closes, C stays
  { expr: "norm(kron(A, X) - C)^2", wrt: "X", let: ["A: 2 x 3", "X: 2 x 2", "C: 4 x 6"], result: "2 * (tr(A * A') * X - ptrace(kron(A', I(2)) * C, 3))" },
  // in the first factor: the traces of the blocks of G * kron(I(n), X')
  { expr: "tr(G' * kron(A, X))", wrt: "A", let: ["A: 2 x 3", "X: 2 x 2", "G: 4 x 6"], result: "blocktrace(G * kron(I(3), X'), 2)" },
  { expr: "tr(G' * kron(A, X))", wrt: "A", let: ["A: 3 x 2", "X: 2 x 4", "G: 6 x 8"], result: "blocktrace(G * kron(I(2), X'), 2)" },
  { expr: "tr(B * kron(A, X))", wrt: "A", let: ["A: 2 x 2", "X: 2 x 2", "B: 4 x 4"], result: "blocktrace(B' * kron(I(2), X'), 2)" },
  { expr: "x' * kron(A, X) * y", wrt: "A", let: ["A: 2 x 3", "X: 2 x 2", "x: 4", "y: 6"], result: "blocktrace(x * y' * kron(I(3), X'), 2)" },
  { expr: "norm(kron(A, X) - C)^2", wrt: "A", let: ["A: 2 x 3", "X: 2 x 2", "C: 4 x 6"], result: "2 * (tr(X * X') * A - blocktrace(C * kron(I(3), X'), 2))" },
  { expr: "norm(kron(A, X))^2", wrt: "A", let: ["A: m x n", "X: p x q"], result: "2 * tr(X * X') * A", concrete: { m: 2, n: 3, p: 2, q: 2 } },
  // at symbolic sizes, where the cotangent is itself Kronecker-structured
  { expr: "norm(kron(A, X))^2", wrt: "X", let: ["A: m x n", "X: p x q"], result: "2 * tr(A * A') * X", concrete: { m: 2, n: 3, p: 2, q: 2 } },
  {
    expr: "norm(kron(A, X) - kron(B, C))^2",
    wrt: "X",
    let: ["A, B: m x n", "X, C: p x q"],
    result: "2 * (tr(A * A') * X - tr(A * B') * C)",
    concrete: { m: 2, n: 3, p: 3, q: 2 },
  },
  // ones(m*p, n*q) is kron(ones(m, n), ones(p, q))
  { expr: "sum(kron(A, X))", wrt: "X", let: ["A: m x n", "X: p x q"], result: "tr(A * ones(n, m)) * ones(p, q)", concrete: { m: 2, n: 3, p: 2, q: 2 } },
];

describeGradients(CASES);

describe("the partial trace", () => {
  it("the blocks must be weighted by A', not A (a non-symmetric A refutes the other)", () => {
    const r = equal({ lhs: "grad(tr(B * kron(A, X)), X)", rhs: "ptrace(kron(A, I(2)) * B', 2)", let: ["A: 2 x 2", "X: 2 x 2", "B: 4 x 4"], seed: 1 });
    expect(r.verdict).toBe("refuted");
  });

  it("in A the block traces need X', not X (a non-symmetric X refutes the other)", () => {
    const r = equal({ lhs: "grad(tr(B * kron(A, X)), A)", rhs: "blocktrace(B' * kron(I(2), X), 2)", let: ["A: 2 x 2", "X: 2 x 2", "B: 4 x 4"], seed: 1 });
    expect(r.verdict).toBe("refuted");
  });

  it("a size that does not divide is a positioned shape error", () => {
    const r = equal({ lhs: "ptrace(M, 3)", rhs: "M", let: ["M: 4 x 2"], seed: 1 });
    expect(r.error?.message).toMatch(/multiples of 3/);
    const b = equal({ lhs: "blocktrace(M, 3)", rhs: "M", let: ["M: 4 x 2"], seed: 1 });
    expect(b.error?.message).toMatch(/multiples of 3/);
  });

  it("over random block shapes, the printed gradients of <G, kron(A, X)> in X and in A match finite differences", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }), ([m, n, p, q]) => {
        const decls = [`A: ${m} x ${n}`, `X: ${p} x ${q}`, `G: ${m! * p!} x ${n! * q!}`];
        const r = grad({ expr: "tr(G' * kron(A, X))", wrt: "X", let: decls, seed: 4 });
        expect(r.error, decls.join("; ")).toBeNull();
        expect(r.check).toBe("proved");
        const fd = equal({ lhs: "grad(tr(G' * kron(A, X)), X)", rhs: r.result!, let: decls, seed: 5, symbolic: false });
        expect(fd.verdict, `${decls.join("; ")}: ${r.result}: ${fd.detail}`).toBe("verified");
        const ra = grad({ expr: "tr(G' * kron(A, X))", wrt: "A", let: decls, seed: 4 });
        expect(ra.check).toBe("proved");
        const fa = equal({ lhs: "grad(tr(G' * kron(A, X)), A)", rhs: ra.result!, let: decls, seed: 5, symbolic: false });
        expect(fa.verdict, `${decls.join("; ")}: ${ra.result}: ${fa.detail}`).toBe("verified");
      }),
      { numRuns: 10, seed: 21 },
    );
  });
});
