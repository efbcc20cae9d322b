// The derivative-rule contract: one suite over every registered operator,
// independent of the symbolic engine. For each operator:
//
// - it has a forward rule (`jvp`), unless it is a constant (pi, e, I, ones,
//   zeros: nothing to differentiate) or a derivative operator (grad, jacobian,
//   hessian, diff: the engine expands those first). A missing rule fails here.
// - for every side of every example and every (non-integer) variable V in it,
//   the forward rule run by a tiny driver below gives a tree D with
//   `diff(side, V, T_V) = D`, checked by the real numeric checker (finite
//   differences of the side in a random direction T_V), and D is built only of
//   linear operators applied to T_V in their linear arguments (what the engine
//   needs to transpose it).
// - the operators linear in an argument (the table LINEAR) have a transpose
//   rule in that argument, exactly those, and the rule is the adjoint:
//   <g, op(.., d, ..)> = <transpose(g), d> on random shapes and values; the
//   operators whose adjoint has no closed form in the language say so.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { type Shape, SCALAR, dimsOf, isScalar, sameShape, shape, showShape } from "../../src/core/shape.js";
import { Tensor } from "../../src/core/tensor.js";
import type { TNode } from "../../src/core/typed.js";
import { Evaluator } from "../../src/numeric/evaluate.js";
import { Random } from "../../src/numeric/random.js";
import type { Builder, OpDef } from "../../src/ops/define.js";
import { OPS, opDef } from "../../src/ops/registry.js";
import { parseExpr } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";
import { add, call, div, eye, had, mk, mul, neg, num, onesOf, sub, sym, tp, zerosOf } from "../../src/symbolic/build.js";
import { TENSOR_LINEAR, TENSOR_NO_ADJOINT, tensorConfigurations, tensorOpNode } from "../tensor/contract-hooks.js";

const b: Builder = { mk, num, eye, zerosOf, onesOf, add, sub, mul, div, had, neg, tp, call };

const SEED = 7;
const ACCEPTED = ["proved", "verified"];

/**
 * Operators with nothing to differentiate: named constants, `I(n)`, `ones(n, m)`,
 * `zeros(n, m)`, and `unit(i, n)` (sizes and integer indices only).
 */
const isConstant = (op: OpDef): boolean =>
  op.syntax.kind === "leaf" || (op.syntax.kind === "function" && op.syntax.dimArgs !== undefined && op.syntax.dimArgs !== false && !SIZED_LINEAR.has(op.name));
/** Functions with a size argument that are linear in their matrix argument (ptrace(M, n), blocktrace(M, p)): not constants. */
const SIZED_LINEAR = new Set(["ptrace", "blocktrace"]);
/** grad, jacobian, hessian, diff: the engine expands them before differentiating. */
const isDerivative = (op: OpDef): boolean => op.syntax.kind === "function" && op.syntax.wrtArg !== undefined;
/**
 * Operators without a forward rule on purpose (each file says why): eigvals
 * (its derivative needs complex eigenvectors, which the language cannot
 * write) and convout, convparams (integer arguments only). The symbolic
 * engine refuses to differentiate them; tests/linalg checks that it says so.
 */
const NO_RULE = new Set(["eigvals", "convout", "convparams"]);

/**
 * Every operator linear in some argument (the others held constant), and
 * which. A forward rule may apply only these to a tangent, in these
 * positions; each has a transpose rule. Bilinear operators (`*`, `.*`, dot,
 * outer, kron) are linear in each argument separately.
 */
const LINEAR: Readonly<Record<string, readonly number[]>> = {
  add: [0, 1],
  sub: [0, 1],
  neg: [0],
  mul: [0, 1],
  div: [0],
  hadamard: [0, 1],
  ediv: [0],
  transpose: [0],
  index: [0],
  tr: [0],
  diag: [0],
  sum: [0],
  mean: [0],
  dot: [0, 1],
  outer: [0, 1],
  kron: [0, 1],
  vec: [0],
  ptrace: [0],
  blocktrace: [0],
  ...TENSOR_LINEAR,
  lim: [0],
  E: [0],
};
/** Linear operators whose adjoint exists but has no closed form in the language. */
const NO_ADJOINT = new Set(["index", "kron", "vec", "lim", "E", ...TENSOR_NO_ADJOINT]);
/**
 * None of those has an adjoint in one argument only; the convolutions, their
 * kernel gradients and the pooling operators have adjoints in every linear
 * argument (issue 14), checked below like any other transpose rule.
 */
const INPUT_ADJOINT = new Set<string>();
const noAdjointAt = (name: string, i: number): boolean => NO_ADJOINT.has(name) && !(INPUT_ADJOINT.has(name) && i === 0);
/**
 * Operators linear jointly in all their arguments (not in one with the other
 * held fixed: a + d is affine in d): in a forward tree every argument of
 * these carries the tangent, and their linearity is tested with the other
 * argument at zero.
 */
const SUMS = new Set(["add", "sub"]);

// ---------------------------------------------------------------------------
// A tiny forward-mode driver over typed trees.

class MissingRule extends Error {}

/** d(n) in the direction `t` of variable `v`, or null where n does not depend on v. */
function jvpTree(n: TNode, v: string, t: TNode, calls: Map<string, number>): TNode | null {
  if (n.op === "sym") return n.name === v ? t : null;
  if (n.args.length === 0) return null; // numbers, dimension values, constants
  const dargs = n.args.map((a) => jvpTree(a, v, t, calls));
  if (dargs.every((d) => d === null)) return null;
  if (n.op === "matrix") throw new MissingRule("a matrix literal whose entries depend on the variable");
  const op = opDef(n.op);
  if (!op.jvp) throw new MissingRule(`${n.op} has no forward rule`);
  calls.set(n.op, (calls.get(n.op) ?? 0) + 1);
  const d = op.jvp({ node: n, args: n.args, dargs, b });
  if (!sameShape(d.shape, n.shape)) {
    throw new Error(`the forward rule of ${n.op} gave ${showShape(d.shape)} for a ${showShape(n.shape)} node`);
  }
  // A result linear in the tangent that does not mention it is zero (sign,
  // step): a symbolic zero, as null, so that no `x .* zeros(n)` term is added
  // to a tangent. It must be written as a zero.
  if (!dependsOn(d, t.name!)) {
    if (!isZeroLiteral(d)) throw new Error(`the forward rule of ${n.op} gave ${printExpr(d)}, which is constant but not 0`);
    return null;
  }
  return d;
}

const isZeroLiteral = (n: TNode): boolean => n.op === "zeros" || (n.op === "num" && n.value === 0);

function dependsOn(n: TNode, name: string): boolean {
  return (n.op === "sym" && n.name === name) || n.args.some((a) => dependsOn(a, name));
}

/** Problems that keep `d` from being linear (and transposable) in the symbol `t`; empty when none. */
function nonLinearity(d: TNode, t: string): string[] {
  if (!dependsOn(d, t) || d.op === "sym") return [];
  const where = LINEAR[d.op];
  if (!where) return [`${d.op} applied to the tangent: ${printExpr(d)}`];
  const carrying = d.args.flatMap((a, i) => (dependsOn(a, t) ? [i] : []));
  const out: string[] = [];
  for (const i of carrying) if (!where.includes(i)) out.push(`${d.op} is not linear in its argument ${i + 1}: ${printExpr(d)}`);
  if (SUMS.has(d.op)) {
    if (carrying.length < d.args.length) out.push(`a constant added to the tangent (affine, not linear): ${printExpr(d)}`);
  } else if (carrying.length > 1) out.push(`${d.op} of two tangent terms: ${printExpr(d)}`);
  for (const i of carrying) out.push(...nonLinearity(d.args[i]!, t));
  return out;
}

/** A bare `I` (sized by context in the source) printed as `I(n)`, so that the printed tree stands alone. */
function sizedIdentities(n: TNode): TNode {
  const args = n.args.map(sizedIdentities);
  if (n.op === "I" && n.args.length === 0) {
    const d = n.shape.rows;
    if (typeof d === "number") return { ...n, args: [num(d)] };
    if (!d.includes("*")) return { ...n, args: [{ op: "dimval", args: [], name: d, pos: 0, end: 0, shape: SCALAR }] };
  }
  return args.every((a, i) => a === n.args[i]) ? n : { ...n, args };
}

function contains(n: TNode, pred: (n: TNode) => boolean): boolean {
  return pred(n) || n.args.some((a) => contains(a, pred));
}

// ---------------------------------------------------------------------------
// The cases: every side of every example, for every variable in it.

interface Case {
  side: string;
  tree: TNode;
  variable: string;
  shape: Shape;
  decls: readonly string[];
}

interface Skipped {
  side: string;
  reason: string;
}

/**
 * Sides beyond the operators' examples, for branches the examples miss:
 * broadcast scalars, a variable in the second argument, higher and negative
 * matrix powers.
 */
const EXTRA: Readonly<Record<string, readonly (readonly [side: string, decls: readonly string[]])[]>> = {
  add: [["a + X", ["X: n x m"]], ["X + a", ["X: n x m"]]],
  sub: [["a - X", ["X: n x m"]], ["X - a", ["X: n x m"]]],
  mul: [["a * X", ["X: n x m"]], ["x' * A * x", ["A: n x n", "x: n"]]],
  div: [["X / (a * a + 1)", ["X: n x m"]]],
  hadamard: [["a .* X", ["X: n x m"]], ["X .* a", ["X: n x m"]]],
  ediv: [["a ./ X", ["X: n x m positive"]], ["X ./ (a * a + 1)", ["X: n x m"]], ["X ./ Y", ["X: n x m", "Y: n x m positive"]]],
  pow: [["X^3", ["X: n x n"]], ["X^-2", ["X: n x n invertible"]], ["X^1", ["X: n x n"]], ["X^0", ["X: n x n"]], ["2^t", []], ["t^s", ["t: scalar positive"]]],
  epow: [["a .^ x", ["a: scalar positive", "x: n"]], ["X .^ Y", ["X: n x m positive", "Y: n x m"]], ["X .^ 1", ["X: n x m"]], ["x .^ 0", ["x: n"]]],
  leakyrelu: [["leakyrelu(x, 0.3 + a * a / 10)", ["x: n"]]],
  dot: [["dot(A * x, x)", ["A: n x n", "x: n"]]],
  outer: [["outer(x, A * x)", ["A: n x n", "x: n"]]],
  diag: [["diag(X * Y)", ["X, Y: n x n"]]],
  mean: [["mean(X .* X)", ["X: n x m"]]],
  lse: [["lse(A * x)", ["A: m x n", "x: n"]]],
  softmax: [["softmax(A * x)", ["A: m x n", "x: n"]]],
  logsoftmax: [["logsoftmax(A * x)", ["A: m x n", "x: n"]]],
  norm: [["norm(A * x)", ["A: m x n", "x: n"]]],
  index: [["(X * X)[1, 2]", ["X: n x n"]]],
};

function casesOf(op: OpDef): { cases: Case[]; skipped: Skipped[] } {
  const cases: Case[] = [];
  const skipped: Skipped[] = [];
  const claims = [
    ...op.examples.map(([lhs, rhs, decls = []]) => [[lhs, rhs], decls] as const),
    ...(EXTRA[op.name] ?? []).map(([side, decls]) => [[side], decls] as const),
  ];
  for (const [texts, decls] of claims) {
    const scope = Scope.parse(decls);
    const resolver = new Resolver(scope);
    const sides = resolver.resolveSides(texts.map((s) => parseExpr(s, { isVariable: scope.isVariable })));
    texts.forEach((side, k) => {
      const tree = sides[k]!;
      if (contains(tree, (n) => n.op !== "sym" && n.op !== "num" && n.op !== "dimval" && n.op !== "matrix" && isDerivative(opDef(n.op)))) {
        skipped.push({ side, reason: "a derivative operator (the engine expands it first)" });
        return;
      }
      const vars = new Set<string>();
      contains(tree, (n) => (n.op === "sym" && vars.add(n.name!), false));
      // integers, the bound index of sum(f, i, a, b) and random variables (bound by E, Var, Cov) are not differentiated
      const usable = [...vars].filter((v) => !scope.decls.get(v)?.properties.includes("integer") && !resolver.boundNames.has(v) && !scope.decls.get(v)?.distribution);
      if (usable.length === 0) {
        skipped.push({ side, reason: vars.size ? "only integer variables" : "no variable" });
        return;
      }
      for (const v of usable) cases.push({ side, tree, variable: v, shape: scope.decls.get(v)?.shape ?? SCALAR, decls });
    });
  }
  return { cases, skipped };
}

const tangentName = (v: string): string => `T_${v}`;

/** The forward tree of a case, or the reason it cannot be built. */
function forward(c: Case, calls = new Map<string, number>()): TNode | null {
  return jvpTree(c.tree, c.variable, sym(tangentName(c.variable), c.shape), calls);
}

/** A side that uses a matrix power with a symbolic exponent: the one documented gap of the forward rules. */
const symbolicMatrixPower = (n: TNode): boolean =>
  contains(n, (m) => m.op === "pow" && !isScalar(m.args[0]!.shape) && contains(m.args[1]!, (k) => k.op === "sym"));

// ---------------------------------------------------------------------------

it("the linear table and the transpose rules agree, and every rule-less operator is a constant or a derivative", () => {
  for (const op of OPS) {
    if (op.transpose) expect(LINEAR, `${op.name} has a transpose rule but is not in the linear table`).toHaveProperty(op.name);
    if (LINEAR[op.name]) expect(op.transpose, `${op.name} is linear but has no transpose rule`).toBeTypeOf("function");
  }
  for (const name of Object.keys(LINEAR)) expect(opDef(name).jvp, name).toBeTypeOf("function");
});

describe.each(OPS.map((op) => [op.name, op] as const))("operator %s", (name, op) => {
  const constant = isConstant(op);
  const derivative = isDerivative(op);

  if (NO_RULE.has(name)) {
    it("has no forward rule (on purpose, see NO_RULE)", () => expect(op.jvp).toBeUndefined());
    return;
  }
  it("has a forward rule, or is a constant or a derivative operator (which must not have one)", () => {
    if (constant || derivative) {
      expect(op.jvp, `${name} needs no forward rule`).toBeUndefined();
      expect(op.transpose).toBeUndefined();
    } else {
      expect(op.jvp, `${name} has no jvp: the symbolic engine cannot differentiate it`).toBeTypeOf("function");
    }
  });

  if (constant || derivative) return;

  const { cases } = casesOf(op);

  it("its forward rule is exercised by its own examples", () => {
    const calls = new Map<string, number>();
    for (const c of cases) {
      try {
        forward(c, calls);
      } catch (e) {
        if (!(e instanceof Error && /symbolic exponent/.test(e.message))) throw e;
      }
    }
    expect(calls.get(name) ?? 0, `no example of ${name} differentiates through it`).toBeGreaterThan(0);
  });

  describe.each(cases.map((c) => [c.side, c.variable, c] as const))("d(%s) along T_%s", (_side, _v, c) => {
    const t = tangentName(c.variable);

    it("agrees with finite differences and is linear in the tangent", () => {
      let d: TNode | null;
      try {
        d = forward(c);
      } catch (e) {
        // documented: d(X^k) for an integer symbol k has no closed form
        if (e instanceof Error && /matrix power with a symbolic exponent/.test(e.message)) {
          expect(symbolicMatrixPower(c.tree), c.side).toBe(true);
          return;
        }
        throw e;
      }
      // null: the differential is zero (x .* step(x) away from its kinks has d = T_x .* step(x) only)
      if (d) expect(nonLinearity(d, t)).toEqual([]);
      const rhs = d ? printExpr(sizedIdentities(d)) : "0";
      const lhs = `diff(${c.side}, ${c.variable}, ${t})`;
      const r = equal({ lhs, rhs, let: [...c.decls, `${t}: ${showShape(c.shape)}`], seed: SEED });
      expect(r.error, `${lhs} = ${rhs}: ${r.detail}`).toBeNull();
      expect(ACCEPTED, `${lhs} = ${rhs}: ${r.detail}`).toContain(r.verdict);
    });
  });
});

// ---------------------------------------------------------------------------
// Transpose rules: the adjoint identity on random shapes and values.

/** Argument shapes that exercise an operator (broadcast scalars included), from dimensions n, m, p, q. */
function configurations(name: string, [n, m, p, q]: readonly number[]): Shape[][] {
  const N = n!;
  const M = m!;
  const P = p!;
  const Q = q!;
  const S = SCALAR;
  switch (name) {
    case "add":
    case "sub":
    case "hadamard":
    case "ediv":
      return [[shape(N, M), shape(N, M)], [S, shape(N, M)], [shape(N, M), S], [S, S]];
    case "mul":
      return [[shape(N, M), shape(M, P)], [S, shape(N, M)], [shape(N, M), S], [S, S], [shape(1, N), shape(N, 1)]];
    case "div":
      return [[shape(N, M), S]];
    case "tr":
      return [[shape(N, N)]];
    case "diag":
      return [[shape(N, 1)], [shape(N, N)]];
    case "dot":
      return [[shape(N, 1), shape(N, 1)]];
    case "outer":
      return [[shape(N, 1), shape(M, 1)]];
    case "kron":
      return [[shape(N, M), shape(P, Q)]];
    case "index":
      return [[shape(N, M)]];
    case "ptrace":
      // an N x N grid of P x Q blocks; the second shape only carries N (the size argument)
      return [[shape(N * P, N * Q), shape(N, 1)]];
    case "blocktrace":
      // an N x M grid of P x P blocks; the second shape only carries P (the size argument)
      return [[shape(N * P, M * P), shape(P, 1)]];
    default:
      return tensorConfigurations(name, [N, M, P, Q]) ?? [[shape(N, M)]];
  }
}

/** The operator's node over symbols A0, A1, ... of the given shapes (indexing gets the indices 1, 1). */
function opNode(name: string, shapes: readonly Shape[], replace?: { i: number; with: TNode }): TNode {
  const args = shapes.map((s, k) => (replace && replace.i === k ? replace.with : sym(`A${k}`, s)));
  if (name === "index") args.push(...(isScalar(shapes[0]!) || shapes[0]!.cols === 1 ? [num(1)] : [num(1), num(1)]));
  if (name === "lim") args.push(sym("t", SCALAR), mk("inf", []));
  if (name === "ptrace" || name === "blocktrace") args[1] = num(shapes[1]!.rows as number);
  return tensorOpNode(name, args) ?? mk(name, args);
}

function randomTensor(rng: Random, s: Shape, awayFromZero: boolean): Tensor {
  const t = new Tensor(dimsOf(s) as number[]);
  for (let k = 0; k < t.data.length; k++) {
    const u = rng.uniform(-2, 2);
    t.data[k] = awayFromZero ? Math.sign(u || 1) * (0.5 + Math.abs(u) / 2) : u;
  }
  return t;
}

const close = (x: number, y: number, scale: number): boolean => Math.abs(x - y) <= 1e-9 * (1 + scale);

describe.each(Object.entries(LINEAR))("transpose rule of %s", (name, positions) => {
  const op = opDef(name);

  if (NO_ADJOINT.has(name)) {
    it("says that its adjoint cannot be written in the language", () => {
      const shapes = configurations(name, [3, 2, 2, 3])[0]!;
      const node = opNode(name, shapes);
      for (const i of positions.filter((i) => noAdjointAt(name, i))) {
        expect(() => op.transpose!({ node, args: node.args, i, g: sym("G", node.shape), b })).toThrow(/cannot be written in the language/);
      }
    });
  }

  it.each(positions.map((i) => [i]))(
    (NO_ADJOINT.has(name) && !INPUT_ADJOINT.has(name)) ? "is linear in argument %i (0-based)" : "is linear in argument %i (0-based), with the adjoint as transpose where it has one",
    (i) => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }),
          fc.nat(),
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          (dims, variant, seed) => {
            const all = configurations(name, dims);
            const shapes = all[variant % all.length]!;
            const rng = new Random(seed);
            const node = opNode(name, shapes);
            const si = shapes[i]!;
            const values = new Map<string, Tensor>();
            shapes.forEach((s, k) => values.set(`A${k}`, randomTensor(rng, s, k > 0 && (name === "ediv" || name === "div"))));
            // a sum is linear jointly: hold the other argument at zero
            if (SUMS.has(name)) shapes.forEach((s, k) => k !== i && values.set(`A${k}`, Tensor.zeros(s.rows as number, s.cols as number)));
            values.set("D1", randomTensor(rng, si, false));
            values.set("D2", randomTensor(rng, si, false));
            values.set("G", randomTensor(rng, node.shape, false));
            const ev = new Evaluator({ sizes: new Map(), values });
            // no random variable here: the expectation of a constant is itself
            ev.moments = (m, e) => e.evaluate(m.args[0]!);
            const at = (d: TNode): TNode => opNode(name, shapes, { i, with: d });
            const d1 = sym("D1", si);
            const d2 = sym("D2", si);

            // linear: op(D1 + 2 D2) = op(D1) + 2 op(D2)
            const combo = ev.evaluate(at(add(d1, mul(num(2), d2))));
            const split = ev.evaluate(add(at(d1), mul(num(2), at(d2))));
            const scale = Math.max(1, ...split.data.map(Math.abs));
            combo.data.forEach((x, k) => expect(close(x, split.data[k]!, scale), `${name} linear in ${i}`).toBe(true));

            if (noAdjointAt(name, i)) return;
            // adjoint: <G, op(D1)> = <transpose(G), D1>
            const g = sym("G", node.shape);
            const ct = op.transpose!({ node, args: node.args, i, g, b });
            expect(sameShape(ct.shape, si), `cotangent ${showShape(ct.shape)} for an argument ${showShape(si)}`).toBe(true);
            const left = ev.evaluate(call("sum", had(g, at(d1)))).scalar();
            const right = ev.evaluate(call("sum", had(ct, d1))).scalar();
            expect(close(left, right, Math.abs(left) + Math.abs(right)), `${printExpr(ct)}: ${left} vs ${right}`).toBe(true);
          },
        ),
        { numRuns: 60, seed: 42 },
      );
    },
  );
});
