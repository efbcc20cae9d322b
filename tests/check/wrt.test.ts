// A derivative by a name that is neither declared nor used (`grad(tr(X), Y)`,
// `derive grad "tr(X)" --wrt Y`) would be 0 whatever the name is: a typo,
// reported as a positioned name error with the closest name, never a `0`.
// A declared variable that does not occur is a true zero and stays one.

import { describe, expect, it } from "vitest";
import { equal, grad } from "../../src/api.js";

describe("a derivative by a name that is neither declared nor used", () => {
  it("derive grad --wrt: a name error at --wrt with a did-you-mean, no result", () => {
    const r = grad({ expr: "tr(X)", wrt: "Y", let: ["X: n x n"], seed: 1 });
    expect(r.result).toBeNull();
    expect(r.error).toEqual({
      message: "name error at 0: Y is not declared and does not occur in tr(X), so its gradient would be 0 for any Y; did you mean X? (in --wrt)",
      position: 0,
    });
    // an undeclared name used in the expression is still a scalar
    expect(grad({ expr: "w^2 + tr(X)", wrt: "w", let: ["X: n x n"], seed: 1 }).result).toBe("2 * w");
    // a declared variable that does not occur: a true zero
    expect(grad({ expr: "tr(X)", wrt: "Y", let: ["X, Y: n x n"], seed: 1 }).result).toBe("zeros(n, n)");
  });

  it("suggests the closest used or declared name", () => {
    expect(grad({ expr: "tr(Wx * Wx')", wrt: "W", let: ["Wx: n x n"], seed: 1 }).error?.message).toMatch(/; did you mean Wx\? \(in --wrt\)$/);
    expect(grad({ expr: "sum(weights)", wrt: "weigths", let: ["weights: n"], seed: 1 }).error?.message).toMatch(/did you mean weights\?/);
    // nothing near: no suggestion, still an error
    expect(grad({ expr: "1 + 1", wrt: "alpha", seed: 1 }).error?.message).toBe(
      "name error at 0: alpha is not declared and does not occur in 1 + 1, so its gradient would be 0 for any alpha (in --wrt)",
    );
  });

  it.each(["grad", "diff", "jacobian", "hessian"])("%s(f, Y) in a claim is a name error positioned at Y", (op) => {
    const lhs = `${op}(tr(X), Y)`;
    const r = equal({ lhs, rhs: "0", let: ["X: n x n"], seed: 1 });
    expect(r.verdict).toBe("error");
    expect(r.error!.position).toBe(lhs.indexOf("Y"));
    expect(r.error!.message).toMatch(new RegExp(`^name error at ${lhs.indexOf("Y")}: Y is not declared and does not occur in tr\\(X\\), so ${op}\\(tr\\(X\\), Y\\) would be 0 for any Y; did you mean X\\? \\(in lhs\\)$`));
  });

  it("a declared variable that does not occur differentiates to zero, and an undeclared one that occurs is a scalar", () => {
    expect(equal({ lhs: "grad(tr(X), Y)", rhs: "zeros(n, n)", let: ["X, Y: n x n"], seed: 1 }).verdict).toBe("proved");
    expect(equal({ lhs: "diff(t^2, t)", rhs: "2 * t", seed: 1 }).verdict).toBe("proved");
  });
});

describe("the suggestion", () => {
  it("prefers a name the function uses to a nearer declared one it does not use", () => {
    const r = equal({ lhs: "grad(tr(X' * X), Y)", rhs: "0", let: ["X: n x m", "y: n"], seed: 1 });
    expect(r.error!.message).toMatch(/; did you mean X\? \(in lhs\)$/);
    // with nothing near among the used names, a declared one is offered
    const s = equal({ lhs: "grad(tr(X' * X), wieghts)", rhs: "0", let: ["X: n x m", "weights: n"], seed: 1 });
    expect(s.error!.message).toMatch(/; did you mean weights\? \(in lhs\)$/);
  });
});
