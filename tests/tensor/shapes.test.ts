// Rank-n shapes: declarations, printing, soundness of shape comparison, the
// resolver's rejection of tensors where an operator takes matrices, sampling,
// gradients with respect to a rank-4 variable and counterexample printing.

import { describe, expect, it } from "vitest";
import { equal, evaluate } from "../../src/api.js";
import { SCALAR, sameShape, shape, showShape, tensorShape } from "../../src/core/shape.js";
import { Tensor } from "../../src/core/tensor.js";
import { toJson, toText } from "../../src/check/values.js";
import { jsonToText } from "../../src/cli/equal.js";
import { Random } from "../../src/numeric/random.js";
import { drawValue } from "../../src/numeric/sampler.js";
import { parseDeclarations } from "../../src/parse/declarations.js";
import { DeriveError } from "../../src/core/errors.js";

const decl = (s: string) => parseDeclarations(s)[0]!;

describe("declarations of rank > 2", () => {
  it("reads N x C x H x W, glued sizes and symbolic dimensions; rank 2 is unchanged", () => {
    expect(decl("X: 1 x 3 x 32 x 32").shape).toEqual({ lead: [1, 3], rows: 32, cols: 32 });
    expect(decl("W: 8x3x3x3").shape).toEqual({ lead: [8, 3], rows: 3, cols: 3 });
    expect(decl("K: c x k x k").shape).toEqual({ lead: ["c"], rows: "k", cols: "k" });
    expect(decl("x: 2 x 4").shape).toEqual({ rows: 2, cols: 4 });
    expect(decl("x: 2 x 4").shape.lead).toBeUndefined();
    expect(decl("v: n").shape).toEqual({ rows: "n", cols: 1 });
    expect(decl("X: 1 x 3 x 4 x 4 positive").properties).toEqual(["positive"]);
  });

  it("prints shapes as they are written, and they read back", () => {
    for (const src of ["1 x 3 x 32 x 32", "c x k x k", "2 x 4", "n", "scalar", "1 x 1 x 1"]) {
      expect(showShape(decl(`X: ${src}`).shape)).toBe(src);
    }
  });

  it("rejects matrix properties on a tensor, a missing dimension and too many entries, with a position", () => {
    const err = (s: string): DeriveError => {
      try {
        parseDeclarations(s);
      } catch (e) {
        return e as DeriveError;
      }
      throw new Error(`no error for ${s}`);
    };
    expect(err("X: 2 x 3 x 3 symmetric").message).toMatch(/symmetric/);
    expect(err("X: 2 x 3 x 3 x").position).toBe(13);
    expect(err("X: 100 x 100 x 101").message).toMatch(/too large/);
    expect(err("X: 2 x 3 x 4 spd").message).toMatch(/spd/);
  });

  it("two shapes of different rank are never the same shape", () => {
    expect(sameShape(tensorShape([1, 2, 3]), shape(2, 3))).toBe(false);
    expect(sameShape(tensorShape([1, 1, 1]), SCALAR)).toBe(false);
    expect(sameShape(tensorShape([2, 3, 4]), tensorShape([2, 3, 4]))).toBe(true);
    expect(sameShape(tensorShape([2, 3, 4]), tensorShape([3, 2, 4]))).toBe(false);
    expect(sameShape(tensorShape([1, 2, 3, 4]), tensorShape([2, 3, 4]))).toBe(false);
  });
});

describe("operators and tensors", () => {
  const check = (lhs: string, rhs: string, lets: string[]) => equal({ lhs, rhs, let: lets, seed: 3, samples: 3 });

  it("a matrix-only operator rejects a tensor operand in one line, at its position", () => {
    const r = check("1 + tr(X)", "1", ["X: 1 x 3 x 4 x 4"]);
    expect(r.verdict).toBe("error");
    expect(r.error!.message).toBe("shape error at 7: tr takes a matrix, not X (1 x 3 x 4 x 4) (in lhs)");
    expect(r.error!.position).toBe(7);
    for (const [lhs, what] of [["X'", "'"], ["inv(X)", "inv"], ["X * A", "'\\*'"], ["det(X)", "det"], ["X[1, 1]", "index"], ["sum(X, i, 1, 2)", "sum"]] as const) {
      const e = check(lhs, "0", ["X: 2 x 3 x 3", "A: 3 x 3"]);
      expect(e.verdict, lhs).toBe("error");
      expect(e.error!.message, lhs).toMatch(new RegExp(what));
      expect(e.error!.message).not.toContain("\n");
    }
  });

  it("elementwise operators, sums and scalar factors keep the full shape", () => {
    // true claims: proved (the normal form takes tensors since issue 14) or verified
    const holds = ["proved", "verified"];
    expect(holds).toContain(check("exp(X) .* exp(X)", "exp(2 * X)", ["X: 1 x 3 x 4 x 4"]).verdict);
    expect(holds).toContain(check("(X + Y) / 2 - Y", "(X - Y) / 2", ["X, Y: n x c x h"]).verdict);
    expect(holds).toContain(check("relu(X) - relu(-X)", "X", ["X: 2 x 2 x 3 x 3"]).verdict);
    expect(holds).toContain(check("mean(X)", "sum(X) / 36", ["X: 2 x 2 x 3 x 3"]).verdict);
    expect(holds).toContain(check("norm(X)^2", "sum(X .* X)", ["X: 2 x 2 x 3 x 3"]).verdict);
    // and refute a false one
    expect(check("exp(X) .* exp(X)", "exp(X)", ["X: 1 x 3 x 4 x 4"]).verdict).toBe("refuted");
  });

  it("tensors of different ranks or sizes do not add", () => {
    expect(check("X + Y", "Y + X", ["X: 2 x 3 x 4", "Y: 3 x 4"]).error!.message).toMatch(/cannot add/);
    expect(check("X + Y", "Y + X", ["X: 2 x 3 x 4", "Y: 3 x 2 x 4"]).error!.message).toMatch(/cannot add/);
  });

  it("the symbolic engine proves linearity over rank > 2 tensors, and leaves the rest to the numeric check", () => {
    const r = check("sum(X + Y)", "sum(X) + sum(Y)", ["X, Y: 2 x n x 4"]);
    expect(r.verdict).toBe("proved");
    expect(r.symbolic).toBe("proved");
    const s = check("sum(X .* X)", "sum(X .^ 2)", ["X: 2 x n x 4"]);
    expect(s.verdict).toBe("proved");
    const t = check("sum(exp(X))", "sum(exp(X) .* exp(X) ./ exp(X))", ["X: 2 x 3 x 4"]);
    expect(["proved", "verified"]).toContain(t.verdict);
  });

  it("grad with respect to a rank-4 variable has its shape, checked by finite differences", () => {
    expect(["proved", "verified"]).toContain(check("grad(sum(X .* X), X)", "2 * X", ["X: 1 x 2 x 3 x 3"]).verdict);
    expect(check("grad(sum(exp(X)), X)", "exp(X)", ["X: 2 x 1 x 2 x 3"]).verdict).toBe("proved");
    expect(check("grad(sum(X .* X), X)", "X", ["X: 1 x 2 x 3 x 3"]).verdict).toBe("refuted");
    const ev = evaluate({ expr: "grad(sum(X .^ 3), X)", let: ["X: 1 x 2 x 3 x 4"], seed: 1 });
    expect(ev.error).toBeNull();
    expect(ev.shape).toEqual([3, 4]);
    expect(ev.tensorShape).toEqual([1, 2, 3, 4]);
  });
});

describe("sampling and printing", () => {
  it("draws rank-n values of the declared sizes, honouring positive", () => {
    const rng = new Random(5);
    const v = drawValue(decl("X: 2 x c x 3 x 4 positive"), new Map([["c", 3]]), rng);
    expect(v.shape).toEqual([2, 3, 3, 4]);
    expect(v.data.every((x) => x > 0)).toBe(true);
    expect(new Set(v.data).size).toBe(72);
  });

  it("prints a tensor as reshape of its row-major entries, which parses back to the same value", () => {
    const t = new Tensor([1, 2, 1, 2], Float64Array.of(1, -2, 3.5, 4));
    expect(toText(t)).toBe("reshape([1, -2, 3.5, 4], 1, 2, 1, 2)");
    expect(toJson(t)).toEqual([[[[1, -2]], [[3.5, 4]]]]);
    expect(jsonToText(toJson(t))).toBe("reshape([1, -2, 3.5, 4], 1, 2, 1, 2)");
    const r = evaluate({ expr: "X", let: ["X: 1 x c x 1 x 2"], at: { X: toText(t) }, seed: 1 });
    expect(r.error).toBeNull();
    expect(r.value).toEqual(toJson(t));
    expect(r.tensorShape).toEqual([1, 2, 1, 2]);
    expect(r.dims).toEqual({ c: 2 });
    const bad = evaluate({ expr: "X", let: ["X: 1 x c x 2 x 1"], at: { X: toText(t) }, seed: 1 });
    expect(bad.error!.message).toMatch(/declared 1 x c x 2 x 1 but the value is 1 x 2 x 1 x 2/);
  });

  it("a refuted tensor claim shows its counterexample in the reshape form", () => {
    const r = equal({ lhs: "conv2d(X, W)", rhs: "conv2d(X, -W)", let: ["X: 1 x 1 x 3 x 3", "W: 1 x 1 x 2 x 2"], seed: 2 });
    expect(r.verdict).toBe("refuted");
    const text = JSON.stringify(r.counterexample);
    expect(text).toMatch(/\[\[\[\[/);
  });
});
