// Finite differences (src/numeric/fd.ts) through the real parser, resolver
// and evaluator, against exact derivatives computed here:
//  - random smooth scalar compositions (exp, sin, cos, tanh, sigmoid,
//    softplus, ^2, *, +, -) differentiated exactly by hyper-dual numbers,
//  - matrix expressions with closed-form gradients / Jacobians / Hessians /
//    directional derivatives (Matrix Cookbook),
//  - the Jacobian layout (numerator, column-major vec),
//  - kinks (relu, abs): never a silently wrong finite value.
// Accuracy target (issue): max|fd - exact| / max(max|exact|, 1) < 1e-7, n <= 5.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Tensor } from "../../src/core/tensor.js";
import { InvalidSample } from "../../src/numeric/evaluate.js";
import { equal, evaluate } from "../../src/api.js";
import {
  BINARY,
  type SExpr,
  UNARY,
  add,
  commutation,
  det,
  diagm,
  emap,
  evalAt,
  exactDerivatives,
  eye,
  had,
  inv,
  kron,
  lin,
  mat,
  maxMagnitude,
  mm,
  relErr,
  render,
  scal,
  sigmoid,
  softmaxV,
  sub,
  text,
  tp,
  trace,
  vec,
} from "./oracle.js";

const TOL = 1e-7;
/** FD_RUNS_SCALE=20 npx vitest run tests/numeric/fd.test.ts for a long soak */
const SCALE = Math.max(1, Number(process.env.FD_RUNS_SCALE ?? 1) || 1);
const runs = (n: number): { numRuns: number } => ({ numRuns: Math.round(n * SCALE) });
const RUNS = runs(60);
/** Well-scaled compositions only: every intermediate value at most this in size. */
const WELL_SCALED = Number(process.env.FD_WELL_SCALED ?? 50);

// ---------------------------------------------------------------------------
// Arbitraries

const CONSTS = [-1.5, -0.5, 0.3, 0.7, 1.2, 2] as const;

function sexprArb(nv: number, depth: number): fc.Arbitrary<SExpr> {
  const leaf: fc.Arbitrary<SExpr> = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: nv - 1 }).map((i): SExpr => ({ k: "var", i })), weight: 3 },
    { arbitrary: fc.constantFrom(...CONSTS).map((c): SExpr => ({ k: "const", c })), weight: 1 },
  );
  if (depth === 0) return leaf;
  const sub = sexprArb(nv, depth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom(...UNARY), sub).map(([f, a]): SExpr => ({ k: "un", f, a })), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom(...BINARY), sub, sub).map(([f, a, b]): SExpr => ({ k: "bin", f, a, b })), weight: 3 },
  );
}

/** Entries as multiples of 1/1024 in [lo, hi]: exact in text, no subnormal oddities. */
const entryArb = (lo = -1.5, hi = 1.5): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(lo * 1024), max: Math.round(hi * 1024) }).map((k) => k / 1024);

const vecArb = (n: number, lo = -1.5, hi = 1.5): fc.Arbitrary<number[]> => fc.array(entryArb(lo, hi), { minLength: n, maxLength: n });

const matArb = (r: number, c: number, lo = -1.5, hi = 1.5): fc.Arbitrary<Tensor> => vecArb(r * c, lo, hi).map((xs) => mat(r, c, xs));

/** D (2I + R/4) with D = diag(±1), |R_ij| <= 1: strictly diagonally dominant, cond_1 < 10 for n <= 5. */
const invertibleArb = (n: number): fc.Arbitrary<Tensor> =>
  fc.tuple(matArb(n, n, -1, 1), fc.array(fc.boolean(), { minLength: n, maxLength: n })).map(([r, signs]) => {
    const x = add(scal(eye(n), 2), scal(r, 0.25));
    for (let i = 0; i < n; i++) if (signs[i]) for (let j = 0; j < n; j++) x.data[i * n + j] = -x.data[i * n + j]!;
    return x;
  });

const sizeArb = fc.integer({ min: 2, max: 5 });


// ---------------------------------------------------------------------------
// 1. Random scalar compositions

describe("finite differences of random smooth compositions (exact by hyper-dual numbers)", () => {
  it("diff(f(t), t) matches the exact derivative to 1e-7", () => {
    fc.assert(
      fc.property(sexprArb(1, 4), entryArb(), (e, t) => {
        fc.pre(maxMagnitude(e, [t]) <= WELL_SCALED);
        const src = `diff(${render(e, () => "t")}, t)`;
        const got = evalAt(src, ["t: scalar"], { t: Tensor.scalar(t) });
        const exact = Tensor.scalar(exactDerivatives(e, [t]).grad[0]!);
        expect(relErr(got, exact), src).toBeLessThan(TOL);
      }),
      runs(150),
    );
  });

  it("grad(f(t), t) of a scalar variable matches the exact derivative to 1e-7", () => {
    fc.assert(
      fc.property(sexprArb(1, 4), entryArb(), (e, t) => {
        fc.pre(maxMagnitude(e, [t]) <= WELL_SCALED);
        const src = `grad(${render(e, () => "t")}, t)`;
        const got = evalAt(src, ["t: scalar"], { t: Tensor.scalar(t) });
        const exact = Tensor.scalar(exactDerivatives(e, [t]).grad[0]!);
        expect(relErr(got, exact), src).toBeLessThan(TOL);
      }),
      RUNS,
    );
  });

  it("grad(f(x), x) for x: n, n <= 5, matches the exact gradient to 1e-7", () => {
    const arb = sizeArb.chain((n) => fc.tuple(fc.constant(n), sexprArb(n, 4), vecArb(n)));
    fc.assert(
      fc.property(arb, ([n, e, x]) => {
        fc.pre(maxMagnitude(e, x) <= WELL_SCALED);
        const src = `grad(${render(e, (i) => `x[${i + 1}]`)}, x)`;
        const got = evalAt(src, ["x: n"], { x: mat(n, 1, x) }, { n });
        const exact = mat(n, 1, exactDerivatives(e, x).grad);
        expect(relErr(got, exact), `${src} at x = ${x}`).toBeLessThan(TOL);
      }),
      RUNS,
    );
  });

  it("jacobian([f1; ...; fm], x) is m x n in numerator layout and matches to 1e-7", () => {
    const arb = fc
      .tuple(sizeArb, fc.integer({ min: 1, max: 4 }))
      .chain(([n, m]) => fc.tuple(fc.constant(n), fc.array(sexprArb(n, 3), { minLength: m, maxLength: m }), vecArb(n)));
    fc.assert(
      fc.property(arb, ([n, fs, x]) => {
        fc.pre(fs.every((f) => maxMagnitude(f, x) <= WELL_SCALED));
        const m = fs.length;
        const body = fs.map((f) => render(f, (i) => `x[${i + 1}]`)).join("; ");
        const src = `jacobian([${body}], x)`;
        const got = evalAt(src, ["x: n"], { x: mat(n, 1, x) }, { n });
        const exact = mat(m, n, fs.flatMap((f) => exactDerivatives(f, x).grad));
        expect([got.rows, got.cols]).toEqual([m, n]);
        expect(relErr(got, exact), src).toBeLessThan(TOL);
      }),
      RUNS,
    );
  });

  it("hessian(f(x), x) matches the exact Hessian to 1e-7 and is symmetric", () => {
    const arb = sizeArb.chain((n) => fc.tuple(fc.constant(n), sexprArb(n, 3), vecArb(n)));
    fc.assert(
      fc.property(arb, ([n, e, x]) => {
        fc.pre(maxMagnitude(e, x) <= WELL_SCALED);
        const src = `hessian(${render(e, (i) => `x[${i + 1}]`)}, x)`;
        const got = evalAt(src, ["x: n"], { x: mat(n, 1, x) }, { n });
        const exact = mat(n, n, exactDerivatives(e, x).hess.flat());
        expect(relErr(got, exact), `${src} at x = ${x}`).toBeLessThan(TOL);
        expect(relErr(got, tp(got)), `asymmetric: ${src}`).toBeLessThan(TOL);
      }),
      runs(40),
    );
  });

  it("diff([f1; f2], x, v) is the directional derivative J v, to 1e-7", () => {
    const arb = sizeArb.chain((n) =>
      fc.tuple(fc.constant(n), fc.array(sexprArb(n, 3), { minLength: 2, maxLength: 2 }), vecArb(n), vecArb(n, -1, 1)),
    );
    fc.assert(
      fc.property(arb, ([n, fs, x, v]) => {
        fc.pre(fs.every((f) => maxMagnitude(f, x) <= WELL_SCALED));
        const body = fs.map((f) => render(f, (i) => `x[${i + 1}]`)).join("; ");
        const src = `diff([${body}], x, v)`;
        const got = evalAt(src, ["x, v: n"], { x: mat(n, 1, x), v: mat(n, 1, v) }, { n });
        const exact = mat(
          2,
          1,
          fs.map((f) => exactDerivatives(f, x).grad.reduce((s, g, i) => s + g * v[i]!, 0)),
        );
        expect(relErr(got, exact), src).toBeLessThan(TOL);
      }),
      RUNS,
    );
  });

  it("the accuracy holds with the re-check step (fdStep = 0.03) too", () => {
    const arb = sizeArb.chain((n) => fc.tuple(fc.constant(n), sexprArb(n, 4), vecArb(n)));
    fc.assert(
      fc.property(arb, ([n, e, x]) => {
        fc.pre(maxMagnitude(e, x) <= WELL_SCALED);
        const src = `grad(${render(e, (i) => `x[${i + 1}]`)}, x)`;
        const got = evalAt(src, ["x: n"], { x: mat(n, 1, x) }, { n }, 0.03);
        expect(relErr(got, mat(n, 1, exactDerivatives(e, x).grad)), src).toBeLessThan(TOL);
      }),
      runs(40),
    );
  });
});

describe("regressions: a first step too large for a fast-varying function", () => {
  // Found by the composition properties: Ridders' tableau started at h = 0.1 |t|
  // and gave up unconverged (fdError ~ 1), silently returning e.g. -0.168 for -1.328.
  const cases: [string, number, (t: number) => number][] = [
    ["diff(cos(sin(exp(t^2))), t)", -1.49609375, (t) => -Math.sin(Math.sin(Math.exp(t * t))) * Math.cos(Math.exp(t * t)) * Math.exp(t * t) * 2 * t],
    ["diff(((-1.5) + exp(cos(exp(t)))), t)", 1.3828125, (t) => Math.exp(Math.cos(Math.exp(t))) * -Math.sin(Math.exp(t)) * Math.exp(t)],
    ["grad(sin(exp(3 * t)), t)", 1.25, (t) => Math.cos(Math.exp(3 * t)) * 3 * Math.exp(3 * t)],
  ];
  for (const [src, t, d] of cases) {
    for (const step of [0.1, 0.03]) {
      it(`${src} at t = ${t}, fdStep ${step}`, () => {
        const got = evalAt(src, ["t: scalar"], { t: Tensor.scalar(t) }, {}, step);
        expect(relErr(got, Tensor.scalar(d(t)))).toBeLessThan(TOL);
      });
    }
  }
});

// ---------------------------------------------------------------------------
// 2. Closed-form matrix derivatives

type Kind = "gauss" | "small" | "invertible" | "scalar";
interface Case {
  expr: string;
  lets: string[];
  /** variable -> [rows dim, cols dim, kind] (dims are names of sizes or 1) */
  vars: Record<string, [string | 1, string | 1, Kind]>;
  exact: (v: Record<string, Tensor>) => Tensor;
}

const sig = (t: Tensor): Tensor => emap(t, sigmoid);
const ex = (t: Tensor): Tensor => emap(t, Math.exp);
const s = (t: Tensor): number => t.data[0]!;

/** H[(ij),(kl)] over vec indices (column-major): entry (a, b) with a = j*rows + i. */
function vecHessian(rows: number, cols: number, h: (i: number, j: number, k: number, l: number) => number): Tensor {
  const N = rows * cols;
  const H = Tensor.zeros(N, N);
  for (let a = 0; a < N; a++)
    for (let b = 0; b < N; b++) H.data[a * N + b] = h(a % rows, Math.floor(a / rows), b % rows, Math.floor(b / rows));
  return H;
}

const CASES: Case[] = [
  // gradients
  {
    expr: "grad(tr(A * X * B), X)",
    lets: ["A: p x n", "X: n x m", "B: m x p"],
    vars: { A: ["p", "n", "gauss"], X: ["n", "m", "gauss"], B: ["m", "p", "gauss"] },
    exact: ({ A, B }) => mm(tp(A!), tp(B!)),
  },
  {
    expr: "grad(x' * A * x, x)",
    lets: ["A: n x n", "x: n"],
    vars: { A: ["n", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ A, x }) => mm(add(A!, tp(A!)), x!),
  },
  {
    expr: "grad(norm(A * x - b)^2, x)",
    lets: ["A: m x n", "x: n", "b: m"],
    vars: { A: ["m", "n", "gauss"], x: ["n", 1, "gauss"], b: ["m", 1, "gauss"] },
    exact: ({ A, x, b }) => scal(mm(tp(A!), sub(mm(A!, x!), b!)), 2),
  },
  {
    expr: "grad(logdet(X), X)",
    lets: ["X: n x n invertible"],
    vars: { X: ["n", "n", "invertible"] },
    exact: ({ X }) => tp(inv(X!)),
  },
  {
    expr: "grad(tr(inv(X) * A), X)",
    lets: ["X: n x n invertible", "A: n x n"],
    vars: { X: ["n", "n", "invertible"], A: ["n", "n", "gauss"] },
    exact: ({ X, A }) => scal(tp(mm(mm(inv(X!), A!), inv(X!))), -1),
  },
  {
    expr: "grad(sum(exp(A * x)), x)",
    lets: ["A: m x n", "x: n"],
    vars: { A: ["m", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ A, x }) => mm(tp(A!), ex(mm(A!, x!))),
  },
  {
    expr: "grad(det(X), X)",
    lets: ["X: n x n invertible"],
    vars: { X: ["n", "n", "invertible"] },
    exact: ({ X }) => scal(tp(inv(X!)), det(X!)),
  },
  {
    expr: "grad(tr(X' * A * X), X)",
    lets: ["X: n x m", "A: n x n"],
    vars: { X: ["n", "m", "gauss"], A: ["n", "n", "gauss"] },
    exact: ({ X, A }) => mm(add(A!, tp(A!)), X!),
  },
  {
    expr: "grad(lse(A * x), x)",
    lets: ["A: m x n", "x: n"],
    vars: { A: ["m", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ A, x }) => mm(tp(A!), softmaxV(mm(A!, x!))),
  },
  {
    expr: "grad(sum(sigmoid(W * x)), W)",
    lets: ["W: m x n", "x: n"],
    vars: { W: ["m", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ W, x }) => {
      const sgm = sig(mm(W!, x!));
      return mm(had(sgm, emap(sgm, (v) => 1 - v)), tp(x!));
    },
  },
  // jacobians
  {
    expr: "jacobian(A * x, x)",
    lets: ["A: m x n", "x: n"],
    vars: { A: ["m", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ A }) => A!,
  },
  {
    expr: "jacobian(vec(X'), X)",
    lets: ["X: n x m"],
    vars: { X: ["n", "m", "gauss"] },
    exact: ({ X }) => commutation(X!.rows, X!.cols),
  },
  {
    expr: "jacobian(A * X * B, X)",
    lets: ["A: p x n", "X: n x m", "B: m x q"],
    vars: { A: ["p", "n", "gauss"], X: ["n", "m", "gauss"], B: ["m", "q", "gauss"] },
    exact: ({ A, B }) => kron(tp(B!), A!),
  },
  {
    expr: "jacobian(exp(A * x), x)",
    lets: ["A: m x n", "x: n"],
    vars: { A: ["m", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ A, x }) => mm(diagm(ex(mm(A!, x!))), A!),
  },
  {
    expr: "jacobian(softmax(z), z)",
    lets: ["z: n"],
    vars: { z: ["n", 1, "gauss"] },
    exact: ({ z }) => {
      const p = softmaxV(z!);
      return sub(diagm(p), mm(p, tp(p)));
    },
  },
  {
    expr: "jacobian(x' * A * x, x)",
    lets: ["A: n x n", "x: n"],
    vars: { A: ["n", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ A, x }) => tp(mm(add(A!, tp(A!)), x!)),
  },
  {
    expr: "jacobian(inv(X), X)",
    lets: ["X: n x n invertible"],
    vars: { X: ["n", "n", "invertible"] },
    exact: ({ X }) => scal(kron(tp(inv(X!)), inv(X!)), -1),
  },
  // hessians
  {
    expr: "hessian(x' * A * x, x)",
    lets: ["A: n x n", "x: n"],
    vars: { A: ["n", "n", "gauss"], x: ["n", 1, "gauss"] },
    exact: ({ A }) => add(A!, tp(A!)),
  },
  {
    expr: "hessian(sum(exp(A * x)), x)",
    lets: ["A: m x n", "x: n"],
    vars: { A: ["m", "n", "small"], x: ["n", 1, "gauss"] },
    exact: ({ A, x }) => mm(mm(tp(A!), diagm(ex(mm(A!, x!)))), A!),
  },
  {
    expr: "hessian(norm(A * x - b)^2, x)",
    lets: ["A: m x n", "x: n", "b: m"],
    vars: { A: ["m", "n", "gauss"], x: ["n", 1, "gauss"], b: ["m", 1, "gauss"] },
    exact: ({ A }) => scal(mm(tp(A!), A!), 2),
  },
  {
    expr: "hessian(tr(X * B * X'), X)",
    lets: ["X: n x m", "B: m x m"],
    vars: { X: ["n", "m", "gauss"], B: ["m", "m", "gauss"] },
    exact: ({ X, B }) => {
      const m = B!.cols;
      return vecHessian(X!.rows, X!.cols, (i, j, k, l) => (i === k ? B!.data[j * m + l]! + B!.data[l * m + j]! : 0));
    },
  },
  {
    expr: "hessian(logdet(X), X)",
    lets: ["X: n x n invertible"],
    vars: { X: ["n", "n", "invertible"] },
    exact: ({ X }) => {
      const Y = inv(X!);
      const n = Y.rows;
      // d²/dX_ij dX_kl log|det X| = -Y_jk Y_li
      return vecHessian(n, n, (i, j, k, l) => -Y.data[j * n + k]! * Y.data[l * n + i]!);
    },
  },
  {
    expr: "hessian(lse(x), x)",
    lets: ["x: n"],
    vars: { x: ["n", 1, "gauss"] },
    exact: ({ x }) => {
      const p = softmaxV(x!);
      return sub(diagm(p), mm(p, tp(p)));
    },
  },
  // directional derivatives diff(F, X, V)
  {
    expr: "diff(inv(X), X, V)",
    lets: ["X: n x n invertible", "V: n x n"],
    vars: { X: ["n", "n", "invertible"], V: ["n", "n", "gauss"] },
    exact: ({ X, V }) => scal(mm(mm(inv(X!), V!), inv(X!)), -1),
  },
  {
    expr: "diff(X' * X, X, V)",
    lets: ["X, V: n x m"],
    vars: { X: ["n", "m", "gauss"], V: ["n", "m", "gauss"] },
    exact: ({ X, V }) => add(mm(tp(V!), X!), mm(tp(X!), V!)),
  },
  {
    expr: "diff(det(X), X, V)",
    lets: ["X: n x n invertible", "V: n x n"],
    vars: { X: ["n", "n", "invertible"], V: ["n", "n", "gauss"] },
    exact: ({ X, V }) => Tensor.scalar(det(X!) * trace(mm(inv(X!), V!))),
  },
  {
    expr: "diff(exp(A * x), x, v)",
    lets: ["A: m x n", "x, v: n"],
    vars: { A: ["m", "n", "gauss"], x: ["n", 1, "gauss"], v: ["n", 1, "gauss"] },
    exact: ({ A, x, v }) => had(ex(mm(A!, x!)), mm(A!, v!)),
  },
  {
    expr: "diff(X * X, X, V)",
    lets: ["X, V: n x n"],
    vars: { X: ["n", "n", "gauss"], V: ["n", "n", "gauss"] },
    exact: ({ X, V }) => add(mm(V!, X!), mm(X!, V!)),
  },
  // derivatives by a scalar diff(F, t)
  {
    expr: "diff(exp(t * A), t)",
    lets: ["A: n x m", "t: scalar"],
    vars: { A: ["n", "m", "gauss"], t: [1, 1, "scalar"] },
    exact: ({ A, t }) => had(A!, ex(scal(A!, s(t!)))),
  },
  {
    expr: "diff(inv(X + t * A), t)",
    lets: ["X: n x n invertible", "A: n x n", "t: scalar"],
    vars: { X: ["n", "n", "invertible"], A: ["n", "n", "small"], t: [1, 1, "scalar"] },
    exact: ({ X, A, t }) => {
      const Y = inv(add(X!, scal(A!, s(t!))));
      return scal(mm(mm(Y, A!), Y), -1);
    },
  },
  {
    expr: "diff(sin(t) * A + t^2 * B, t)",
    lets: ["A, B: n x m", "t: scalar"],
    vars: { A: ["n", "m", "gauss"], B: ["n", "m", "gauss"], t: [1, 1, "scalar"] },
    exact: ({ A, B, t }) => lin([A!, B!], [Math.cos(s(t!)), 2 * s(t!)]),
  },
];

/** Distinct sizes in 2..5 for the dimension names (as the sampler draws them). */
const sizesArb = (names: readonly string[]): fc.Arbitrary<Record<string, number>> =>
  fc.shuffledSubarray([2, 3, 4, 5], { minLength: 4, maxLength: 4 }).map((perm) => {
    const out: Record<string, number> = {};
    names.forEach((d, i) => {
      out[d] = perm[i % 4]!;
    });
    return out;
  });

function valuesArb(c: Case, sizes: Record<string, number>): fc.Arbitrary<Record<string, Tensor>> {
  const size = (d: string | 1): number => (d === 1 ? 1 : sizes[d]!);
  const rec: Record<string, fc.Arbitrary<Tensor>> = {};
  for (const [name, [r, cdim, kind]] of Object.entries(c.vars)) {
    const rows = size(r);
    const cols = size(cdim);
    rec[name] =
      kind === "invertible"
        ? invertibleArb(rows)
        : kind === "scalar"
          ? entryArb(-0.3, 0.3).map((v) => Tensor.scalar(v))
          : kind === "small"
            ? matArb(rows, cols, -0.5, 0.5)
            : matArb(rows, cols);
  }
  return fc.record(rec);
}

function dimsOf(c: Case): string[] {
  const out = new Set<string>();
  for (const [r, cc] of Object.values(c.vars)) for (const d of [r, cc]) if (d !== 1) out.add(d);
  return [...out];
}

describe("closed-form matrix derivatives through the evaluator (n <= 5, rel. error < 1e-7)", () => {
  for (const c of CASES) {
    it(c.expr, () => {
      const dims = dimsOf(c);
      const arb = sizesArb(dims).chain((sizes) => fc.tuple(fc.constant(sizes), valuesArb(c, sizes)));
      fc.assert(
        fc.property(arb, ([sizes, values]) => {
          const got = evalAt(c.expr, c.lets, values, sizes);
          const exact = c.exact(values);
          expect(relErr(got, exact), `${c.expr} at sizes ${JSON.stringify(sizes)}`).toBeLessThan(TOL);
        }),
        runs(25),
      );
    });
  }
});

// ---------------------------------------------------------------------------
// 3. Layout and structure

describe("jacobian layout and hessian structure", () => {
  it("jacobian(A * x, x) is A exactly as written (numerator layout)", () => {
    const A = mat(2, 3, [1, 2, 3, 4, 5, 6]);
    const got = evalAt("jacobian(A * x, x)", ["A: m x n", "x: n"], { A, x: mat(3, 1, [0.1, -0.2, 0.3]) }, { m: 2, n: 3 });
    expect([got.rows, got.cols]).toEqual([2, 3]);
    expect(relErr(got, A)).toBeLessThan(1e-12);
  });

  it("jacobian(vec(X'), X) is the commutation matrix (column-major vec)", () => {
    const X = mat(2, 3, [1, 2, 3, 4, 5, 6]);
    const got = evalAt("jacobian(vec(X'), X)", ["X: n x m"], { X }, { n: 2, m: 3 });
    expect(relErr(got, commutation(2, 3))).toBeLessThan(1e-12);
    // and it maps vec(X) to vec(X')
    expect(relErr(mm(got, vec(X)), vec(tp(X)))).toBeLessThan(1e-12);
  });

  it("jacobian(vec(X), X) is the identity and jacobian of a scalar is a 1 x n row", () => {
    const X = mat(3, 2, [1, -2, 3, 0.5, 0.25, 4]);
    expect(relErr(evalAt("jacobian(vec(X), X)", ["X: n x m"], { X }, { n: 3, m: 2 }), eye(6))).toBeLessThan(1e-12);
    const x = mat(4, 1, [1, 2, 3, 4]);
    const row = evalAt("jacobian(sum(x .* x), x)", ["x: n"], { x }, { n: 4 });
    expect([row.rows, row.cols]).toEqual([1, 4]);
    expect(relErr(row, mat(1, 4, [2, 4, 6, 8]))).toBeLessThan(TOL);
  });

  it("grad has the shape of X, hessian of a matrix variable is over vec(X)", () => {
    const X = mat(2, 3, [1, 2, 3, 4, 5, 6]);
    const g = evalAt("grad(sum(X .* X), X)", ["X: n x m"], { X }, { n: 2, m: 3 });
    expect([g.rows, g.cols]).toEqual([2, 3]);
    expect(relErr(g, scal(X, 2))).toBeLessThan(TOL);
    // f = sum_ij c_ij X_ij^2 with c_ij = i + 2j (0-based) has H = diag(2 vec(C))
    const C = mat(2, 3, [0, 2, 4, 1, 3, 5]);
    const H = evalAt("hessian(sum(C .* X .* X), X)", ["X, C: n x m"], { X, C }, { n: 2, m: 3 });
    expect(relErr(H, diagm(scal(vec(C), 2)))).toBeLessThan(TOL);
  });

  it("hessian of a smooth matrix function is symmetric", () => {
    const arb = fc
      .tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }))
      .chain(([n, m]) => fc.tuple(fc.constant([n, m] as const), matArb(n, m), matArb(m, n, -0.5, 0.5)));
    fc.assert(
      fc.property(arb, ([[n, m], X, A]) => {
        const H = evalAt("hessian(sum(exp(A * X)) + tr(X * A) ^ 2, X)", ["X: n x m", "A: m x n"], { X, A }, { n, m });
        expect(relErr(H, tp(H))).toBeLessThan(TOL);
      }),
      runs(15),
    );
  });
});

// ---------------------------------------------------------------------------
// 4. The public evaluate() with given values in text

describe("derivatives through evaluate({ expr, let, at })", () => {
  it("grad(tr(X' * A * X), X) = (A + A') X with values given as text", () => {
    const arb = sizesArb(["n", "m"]).chain((sz) => fc.tuple(fc.constant(sz), matArb(sz.n!, sz.m!), matArb(sz.n!, sz.n!)));
    fc.assert(
      fc.property(arb, ([, X, A]) => {
        const r = evaluate({ expr: "grad(tr(X' * A * X), X)", let: ["X: n x m", "A: n x n"], at: { X: text(X), A: text(A) }, seed: 1 });
        expect(r.error).toBeNull();
        const got = Tensor.fromRows(r.value as number[][]);
        expect(relErr(got, mm(add(A, tp(A)), X))).toBeLessThan(TOL);
      }),
      runs(20),
    );
  });

  it("diff(f(t), t) of a random composition, t given as text", () => {
    fc.assert(
      fc.property(sexprArb(1, 4), entryArb(), (e, t) => {
        fc.pre(maxMagnitude(e, [t]) <= WELL_SCALED);
        const r = evaluate({ expr: `diff(${render(e, () => "t")}, t)`, let: ["t: scalar"], at: { t: String(t) }, seed: 1 });
        expect(r.error).toBeNull();
        expect(relErr(Tensor.scalar(r.value as number), Tensor.scalar(exactDerivatives(e, [t]).grad[0]!))).toBeLessThan(TOL);
      }),
      runs(40),
    );
  });
});

// ---------------------------------------------------------------------------
// 5. Kinks

/** Evaluates; InvalidSample (the sample is rejected) comes back as "invalid". */
function evalOrInvalid(expr: string, lets: string[], values: Record<string, Tensor>, sizes: Record<string, number>): Tensor | "invalid" {
  try {
    return evalAt(expr, lets, values, sizes);
  } catch (e) {
    if (e instanceof InvalidSample) return "invalid";
    throw e;
  }
}

const step = (v: number): number => (v > 0 ? 1 : v < 0 ? 0 : 0.5);
const sign = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** Entries that like to sit on or near the kink at 0. */
const kinkyEntryArb = fc.oneof(
  fc.constantFrom(0, -0, 1e-12, -1e-12, 1e-6, -1e-6, 1e-3, -1e-3, 0.01, -0.01, 0.05, -0.05),
  entryArb(),
);

describe("kinks: never a silently wrong finite value", () => {
  it("grad(sum(relu(x)), x) at a point with an exact 0 entry is rejected (or equals step(x))", () => {
    const x = mat(3, 1, [1, 0, -1]);
    const got = evalOrInvalid("grad(sum(relu(x)), x)", ["x: n"], { x }, { n: 3 });
    if (got !== "invalid") expect(relErr(got, emap(x, step))).toBeLessThan(TOL);
    // the public evaluate reports it as an error rather than a value
    const r = evaluate({ expr: "grad(sum(relu(x)), x)", let: ["x: n"], at: { x: "[1; 0; -1]" }, seed: 1 });
    if (r.error === null) expect(r.value).toEqual([[1], [0.5], [0]]);
    else expect(r.error.message).toMatch(/kink/);
  });

  it("grad(sum(relu(x)), x) near kinks is either rejected or exactly step(x)", () => {
    const arb = sizeArb.chain((n) => fc.array(kinkyEntryArb, { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(arb, (xs) => {
        const n = xs.length;
        const x = mat(n, 1, xs);
        const got = evalOrInvalid("grad(sum(relu(x)), x)", ["x: n"], { x }, { n });
        if (got !== "invalid") expect(relErr(got, emap(x, step)), `x = ${xs}`).toBeLessThan(TOL);
      }),
      runs(200),
    );
  });

  it("grad(sum(abs(x)), x) near kinks is either rejected or exactly sign(x)", () => {
    const arb = sizeArb.chain((n) => fc.array(kinkyEntryArb, { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(arb, (xs) => {
        const n = xs.length;
        const x = mat(n, 1, xs);
        const got = evalOrInvalid("grad(sum(abs(x)), x)", ["x: n"], { x }, { n });
        if (got !== "invalid") expect(relErr(got, emap(x, sign)), `x = ${xs}`).toBeLessThan(TOL);
      }),
      runs(200),
    );
  });

  it("kinks inside compositions: grad(sum(relu(A * x)), x) = A' step(A x), jacobian(abs(x), x) = diag(sign(x))", () => {
    const arb = fc
      .tuple(sizeArb, sizeArb)
      .chain(([m, n]) => fc.tuple(matArb(m, n), fc.array(kinkyEntryArb, { minLength: n, maxLength: n })));
    fc.assert(
      fc.property(arb, ([A, xs]) => {
        const n = xs.length;
        const x = mat(n, 1, xs);
        const g = evalOrInvalid("grad(sum(relu(A * x)), x)", ["A: m x n", "x: n"], { A, x }, { m: A.rows, n });
        if (g !== "invalid") expect(relErr(g, mm(tp(A), emap(mm(A, x), step)))).toBeLessThan(TOL);
        const J = evalOrInvalid("jacobian(abs(x), x)", ["x: n"], { x }, { n });
        if (J !== "invalid") expect(relErr(J, diagm(emap(x, sign)))).toBeLessThan(TOL);
      }),
      runs(100),
    );
  });

  // the finite-difference path alone (the symbolic engine proves these, which would hide it)
  it("equal: grad(sum(relu(x)), x) = step(x) is verified across 20 seeds", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = equal({ lhs: "grad(sum(relu(x)), x)", rhs: "step(x)", let: ["x: n"], seed, symbolic: false });
      expect(r.verdict, `seed ${seed}: ${r.detail}`).toBe("verified");
    }
  });

  it("equal: grad(sum(abs(x)), x) = sign(x) is verified across 20 seeds", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = equal({ lhs: "grad(sum(abs(x)), x)", rhs: "sign(x)", let: ["x: n"], seed, symbolic: false });
      expect(r.verdict, `seed ${seed}: ${r.detail}`).toBe("verified");
    }
  });

  it("equal: the kinked claims with matrices are verified (relu(X), abs(A x))", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const a = equal({ lhs: "grad(sum(relu(X)), X)", rhs: "step(X)", let: ["X: n x m"], seed, symbolic: false });
      expect(a.verdict, a.detail).toBe("verified");
      const b = equal({ lhs: "grad(sum(abs(A * x)), x)", rhs: "A' * sign(A * x)", let: ["A: m x n", "x: n"], seed, symbolic: false });
      expect(b.verdict, b.detail).toBe("verified");
    }
  });

  it("equal: false kink claims are refuted (relu' = x, relu' = 1, abs' = step)", () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (const [lhs, rhs] of [
        ["grad(sum(relu(x)), x)", "x"],
        ["grad(sum(relu(x)), x)", "ones(n)"],
        ["grad(sum(abs(x)), x)", "step(x)"],
      ] as const) {
        const r = equal({ lhs, rhs, let: ["x: n"], seed });
        expect(r.verdict, `${lhs} = ${rhs}, seed ${seed}: ${r.detail}`).toBe("refuted");
        expect(r.counterexample).not.toBeNull();
      }
    }
  });

  it("equal: a wrong smooth gradient is refuted and a right one verified", () => {
    const right = equal({ lhs: "grad(x' * A * x, x)", rhs: "(A + A') * x", let: ["A: n x n", "x: n"], seed: 7 });
    expect(["verified", "proved"]).toContain(right.verdict);
    const wrong = equal({ lhs: "grad(x' * A * x, x)", rhs: "2 * A * x", let: ["A: n x n", "x: n"], seed: 7 });
    expect(wrong.verdict).toBe("refuted");
  });

  it("a DeriveError, not an exception, when every sample sits on a kink", () => {
    // x is onehot: every sample has exact zeros, so relu's kink is always hit
    const r = equal({ lhs: "grad(sum(relu(x)), x)", rhs: "step(x)", let: ["x: n onehot"], seed: 3 });
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toMatch(/sample/);
  });
});
