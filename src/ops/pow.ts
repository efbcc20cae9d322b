// The operator `a ^ k`: scalar power, or integer power of a square matrix.

import { defineOp, PREC } from "./define.js";
import { latexAtom, unwrap } from "./latex-util.js";
import { integerLiteral, minusOne, sumTerms } from "./derivative-util.js";
import { isScalar, isSquare, SCALAR, showShape } from "../core/shape.js";
import { symbolicPowerJvp } from "./pow-rules.js";
import { matpow, zip } from "../core/kernels.js";
import { cond1 } from "../core/linalg.js";
import type { TNode } from "../core/typed.js";

export const powOp = defineOp({
  name: "pow",
  doc: "Power: a scalar to a scalar power, or a square matrix to an integer power (X^-1 is inv(X), X^0 is I).",
  syntax: { kind: "infix", symbol: "^", prec: PREC.pow, assoc: "right" },
  shape: ([a, k], ctx) => {
    if (!isScalar(k!)) {
      ctx.fail(`the exponent ${ctx.argText(1)} (${showShape(k!)}) must be a scalar; use .^ for an elementwise power`);
    }
    if (isScalar(a!)) return SCALAR;
    if (!isSquare(a!)) {
      ctx.fail(`cannot raise ${ctx.argText(0)} (${showShape(a!)}) to a power: it is not square; use .^ for an elementwise power`);
    }
    if (ctx.integerArg(1) === null) {
      ctx.fail(`matrix power needs an integer exponent (a literal or a name declared integer), not ${ctx.argText(1)}`);
    }
    return a!;
  },
  eval: ([a, k], ctx) => {
    if (a!.isScalar()) return zip(a!, k!, Math.pow);
    const n = k!.scalar();
    if (!Number.isInteger(n)) ctx.invalid("matrix power needs an integer exponent");
    if (n < 0 && cond1(a!) > 1e12) ctx.invalid("singular matrix");
    return matpow(a!, n);
  },
  jvp: ({ node, args: [x, k], dargs: [dx, dk], b }) => {
    if (isScalar(x!.shape)) {
      // d x^k = k x^(k-1) dx + log(x) x^k dk
      const n = integerLiteral(k!);
      const dBase = dx && n !== 0 ? (n === 1 ? dx : b.mul(b.mul(k!, b.mk("pow", [x!, minusOne(b, k!)])), dx)) : null;
      const dExp = dk && b.mul(b.mul(b.call("log", x!), node), dk);
      return dBase || dExp ? sumTerms(b, [dBase, dExp]) : b.zerosOf(node.shape);
    }
    const n = integerLiteral(k!);
    if (dk) throw new Error("the exponent of a matrix power is an integer; it has no derivative");
    if (n === null) return symbolicPowerJvp(b, x!, k!, dx!);
    if (n === 0) return b.zerosOf(node.shape);
    // X^n with n < 0 is Y^|n| with Y = inv(X), dY = -Y dX Y
    const base = n > 0 ? x! : b.call("inv", x!);
    const dBase = n > 0 ? dx! : b.neg(b.mul(b.mul(base, dx!), base));
    const power = (i: number) => (i === 1 ? base : b.mk("pow", [base, b.num(i)]));
    // d Y^m = sum over i of Y^i dY Y^(m-1-i), with Y^0 = I left out
    const m = Math.abs(n);
    const terms: TNode[] = [];
    for (let i = 0; i < m; i++) {
      let t = dBase;
      if (i > 0) t = b.mul(power(i), t);
      if (m - 1 - i > 0) t = b.mul(t, power(m - 1 - i));
      terms.push(t);
    }
    return sumTerms(b, terms);
  },
  latex: ([a, k], node) => `{${latexAtom(a!, node.args[0]!)}}^{${unwrap(k!)}}`,
  examples: [
    ["X^2", "X * X", ["X: n x n"]],
    ["X^-1", "inv(X)", ["X: n x n invertible"]],
    ["X^k * X", "X * X^k", ["X: n x n", "k: integer"]],
    ["t^(1/2)", "sqrt(t)", ["t: scalar positive"]],
    ["grad(tr(X^4), X)", "4 * (X')^3", ["X: n x n"]],
  ],
  source: "Matrix Cookbook (121)",
});
