// The function `lim(f, t, target)`: the limit of f as the new name t tends to
// `inf`, `-inf` or a finite point a (two-sided); `lim(f, t, a, +1)` and
// `lim(f, t, a, -1)` are the limits from above and from below. Evaluated
// numerically along a sequence (./limits.ts); a limit that does not exist
// (oscillates, diverges, differs from the two sides) is an error with the
// position of the `lim`, never a number.

import type { Expr } from "../core/ast.js";
import { DeriveError } from "../core/errors.js";
import { isScalar } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import { defineOp, type LazyCtx } from "./define.js";
import { limitAlong, sequence, showTrail } from "./limits.js";
import { body } from "./latex-util.js";

/** +-Infinity for `inf` / `-inf`, null for anything else. */
function infinite(n: TNode): number | null {
  if (n.op === "inf") return Infinity;
  if (n.op === "neg" && n.args[0]!.op === "inf") return -Infinity;
  return null;
}

/** What a limit node asks for: its function of the bound name, the sides to approach from, where it goes. */
function setup(ctx: LazyCtx): { f: (x: number) => Tensor | null; a: number; inf: number | null; side: 0 | 1 | -1; sides: (1 | -1)[]; where: string; name: string } {
  const [body, t, target, sideArg] = ctx.node.args as [TNode, TNode, TNode, TNode | undefined];
  const inf = infinite(target);
  const a = inf ?? ctx.evaluate(target).scalar();
  const side = sideArg ? (ctx.evaluate(sideArg).scalar() as 1 | -1) : 0;
  const f = (x: number): Tensor | null => {
    try {
      return ctx.withValue(t.name!, Tensor.scalar(x), () => ctx.evaluate(body));
    } catch (e) {
      if (e instanceof DeriveError) throw e;
      return null; // not defined there (an invalid sample, a loop out of range)
    }
  };
  const where = inf === null ? `${t.name} -> ${Number(a.toPrecision(6))}${side === 1 ? " from above" : side === -1 ? " from below" : ""}` : `${t.name} -> ${inf > 0 ? "inf" : "-inf"}`;
  const sides: (1 | -1)[] = inf !== null ? [1] : side !== 0 ? [side] : [1, -1];
  return { f, a, inf, side, sides, where, name: t.name! };
}

function evalLim(ctx: LazyCtx): Tensor {
  const { f, a, inf, side, sides, where, name } = setup(ctx);
  const fail = (why: string, trail: string | null): never => {
    throw new DeriveError("value", `the limit as ${where} does not exist: the function ${why}${trail ? ` (${name} = ${trail})` : ""}`, ctx.node.pos);
  };
  const found: Tensor[] = [];
  for (const s of sides) {
    const r = limitAlong(sequence(a, s), f);
    if (!r.ok) fail(`${inf === null && side === 0 ? (s === 1 ? "from above " : "from below ") : ""}${r.why}`, r.trail);
    else found.push(r.value);
  }
  if (found.length === 2) {
    const [up, down] = found as [Tensor, Tensor];
    let d = 0;
    for (let i = 0; i < up.size; i++) d = Math.max(d, Math.abs(up.data[i]! - down.data[i]!));
    if (d > 1e-6 * Math.max(up.maxAbs(), down.maxAbs()) + 1e-8) {
      fail(`tends to ${up.size === 1 ? Number(up.data[0]!.toPrecision(6)) : "one value"} from above and ${down.size === 1 ? Number(down.data[0]!.toPrecision(6)) : "another"} from below`, null);
    }
  }
  return found[0]!;
}

/** The sequence a limit was read from, for a refutation: "as t -> -inf: t = -1: 0.27, -10: 4.5e-5, ...". */
function explainLim(ctx: LazyCtx): string | null {
  const { f, a, sides, where, name } = setup(ctx);
  const s = sides[0]!;
  const points = sequence(a, s);
  const values = points.map((x) => {
    const v = f(x);
    return v && v.allFinite() ? v : null;
  });
  return `as ${where}${sides.length === 2 ? " (from above)" : ""}: ${name} = ${showTrail(points, values)}`;
}

export const limOp = defineOp({
  name: "lim",
  doc: "lim(f, t, inf), lim(f, t, -inf), lim(f, t, a): the limit of f as t tends to the target (t is a new name); lim(f, t, a, +1) / lim(f, t, a, -1): from above / below. Computed along a sequence; a limit that does not exist is an error.",
  syntax: { kind: "function", names: ["lim"], arity: [3, 4], boundArg: 1 },
  shape: (args, ctx) => {
    const t = ctx.arg(1);
    if (t.op !== "sym") ctx.fail(`the second argument of lim(f, t, target) names the variable, not ${ctx.argText(1)}`, t);
    if (!isScalar(args[2]!)) ctx.fail(`the target of lim(f, t, target) is a scalar, inf or -inf, not ${ctx.argText(2)}`, ctx.arg(2));
    const target = ctx.arg(2);
    const isInf = (e: typeof target): boolean => e.op === "inf" || (e.op === "sym" && e.name === "inf");
    const inf = isInf(target) || (target.op === "neg" && isInf(target.args[0]!));
    if (args.length === 4) {
      const s = ctx.integerArg(3);
      if (s !== 1 && s !== -1) ctx.fail(`the side of lim(f, t, a, side) is +1 (from above) or -1 (from below), not ${ctx.argText(3)}`, ctx.arg(3));
      if (inf) ctx.fail("a limit at inf or -inf has no side: write lim(f, t, inf)", ctx.arg(3));
    }
    return args[0]!;
  },
  evalLazy: evalLim,
  explain: explainLim,
  // linear in f (the limit of the differential, where the convergence is uniform)
  jvp: ({ args, dargs, b }) => b.mk("lim", [dargs[0]!, ...args.slice(1)]),
  transpose: () => {
    throw new Error("the adjoint of a limit cannot be written in the language");
  },
  latex: ([f, t, a, s], node) => {
    const target = node.args[2]!;
    // braces keep a target that has its own superscript (10^{-3}) apart from the side's
    const to = isInf(target) ? "\\infty" : isNegInf(target) ? "-\\infty" : side(s, node) ? `{${a}}` : a;
    return `\\lim_{${t} \\to ${to}${side(s, node)}} ${body(f!)}`;
  },
  examples: [
    ["lim(sigmoid(t), t, inf)", "1"],
    ["lim(sigmoid(t), t, -inf)", "0"],
    ["lim(diff(sigmoid(t), t), t, inf)", "0"],
    ["lim(sin(h) / h, h, 0)", "1"],
    ["lim((exp(h * x) - 1) / h, h, 0)", "x", ["x: scalar"]],
    ["lim(x * (1 + 1 / t)^t, t, inf)", "x * e", ["x: n"]],
    ["lim(abs(h) / h, h, 0, -1)", "-1"],
  ],
});

/** The one-sided mark of the LaTeX target: `^{+}`, `^{-}` or nothing. */
function side(s: string | undefined, node: { readonly args: readonly { readonly op: string }[] }): string {
  return s === undefined ? "" : node.args[3]!.op === "neg" ? "^{-}" : "^{+}";
}

/** `inf`, as the constant or as a bare name (the parser may leave either). */
function isInf(e: Expr): boolean {
  return e.op === "inf" || (e.op === "sym" && e.name === "inf");
}

/** `-inf`: written \\infty with its sign, not \\mathrm{inf}. */
function isNegInf(e: Expr): boolean {
  return e.op === "neg" && isInf(e.args[0]!);
}
