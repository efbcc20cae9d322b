// Test oracles for the numeric tests, independent of src/: a tiny dense
// linear algebra on Tensor (row-major), hyper-dual numbers for exact first and
// second derivatives of random scalar compositions, and the helpers that run
// an expression of the language through the real parser, resolver and
// evaluator.

import { Tensor } from "../../src/core/tensor.js";
import { Evaluator } from "../../src/numeric/evaluate.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Resolver } from "../../src/parse/resolve.js";
import { Scope } from "../../src/parse/scope.js";

// ---------------------------------------------------------------------------
// Running the language

/**
 * Evaluates `expr` under declarations `lets` at the given sizes and values,
 * through parseExpr + Resolver + Evaluator (the path `equal` uses).
 */
export function evalAt(
  expr: string,
  lets: readonly string[],
  values: Readonly<Record<string, Tensor>>,
  sizes: Readonly<Record<string, number>> = {},
  fdStep?: number,
): Tensor {
  const scope = Scope.parse(lets);
  const tree = parseExpr(expr, { isVariable: scope.isVariable });
  const node = new Resolver(scope).resolve(tree);
  const ev = new Evaluator({ sizes: new Map(Object.entries(sizes)), values: new Map(Object.entries(values)) });
  if (fdStep !== undefined) ev.fdStep = fdStep;
  return ev.evaluate(node);
}

/** A value as text in the language, at full precision: `[1, 2; 3, 4]`. */
export function text(t: Tensor): string {
  if (t.size === 1) return String(t.data[0]);
  return `[${t.toRows().map((r) => r.map(String).join(", ")).join("; ")}]`;
}

/** The accuracy measure of the issue: max|fd - exact| / max(max|exact|, 1). */
export function relErr(fd: Tensor, exact: Tensor): number {
  if (fd.rows !== exact.rows || fd.cols !== exact.cols) {
    throw new Error(`shape mismatch: got ${fd.rows} x ${fd.cols}, expected ${exact.rows} x ${exact.cols}`);
  }
  let d = 0;
  for (let k = 0; k < fd.size; k++) d = Math.max(d, Math.abs(fd.data[k]! - exact.data[k]!));
  if (Number.isNaN(d)) return Infinity;
  return d / Math.max(exact.maxAbs(), 1);
}

// ---------------------------------------------------------------------------
// Dense linear algebra (row-major Tensor, rank 2)

export const mat = (r: number, c: number, xs: readonly number[]): Tensor => new Tensor([r, c], Float64Array.from(xs));

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.cols !== b.rows) throw new Error(`mm: ${a.rows}x${a.cols} * ${b.rows}x${b.cols}`);
  const out = Tensor.zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k]! * b.data[k * b.cols + j]!;
      out.data[i * b.cols + j] = s;
    }
  }
  return out;
}

export function tp(a: Tensor): Tensor {
  const out = Tensor.zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return out;
}

export function lin(ts: readonly Tensor[], cs: readonly number[]): Tensor {
  const out = Tensor.zeros(ts[0]!.rows, ts[0]!.cols);
  ts.forEach((t, i) => {
    for (let k = 0; k < out.size; k++) out.data[k] = out.data[k]! + cs[i]! * t.data[k]!;
  });
  return out;
}

export const add = (a: Tensor, b: Tensor): Tensor => lin([a, b], [1, 1]);
export const sub = (a: Tensor, b: Tensor): Tensor => lin([a, b], [1, -1]);
export const scal = (a: Tensor, s: number): Tensor => lin([a], [s]);
export const emap = (a: Tensor, f: (x: number) => number): Tensor => a.map(f);

export function had(a: Tensor, b: Tensor): Tensor {
  const out = Tensor.zeros(a.rows, a.cols);
  for (let k = 0; k < out.size; k++) out.data[k] = a.data[k]! * b.data[k]!;
  return out;
}

export function eye(n: number): Tensor {
  return Tensor.eye(n);
}

export function trace(a: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + i]!;
  return s;
}

export function diagm(v: Tensor): Tensor {
  const n = v.size;
  const out = Tensor.zeros(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = v.data[i]!;
  return out;
}

export function kron(a: Tensor, b: Tensor): Tensor {
  const r = a.rows * b.rows;
  const c = a.cols * b.cols;
  const out = Tensor.zeros(r, c);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++)
      for (let k = 0; k < b.rows; k++)
        for (let l = 0; l < b.cols; l++) out.data[(i * b.rows + k) * c + j * b.cols + l] = a.data[i * a.cols + j]! * b.data[k * b.cols + l]!;
  return out;
}

/** Column-stacking vectorisation. */
export function vec(a: Tensor): Tensor {
  const out = Tensor.zeros(a.size, 1);
  for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) out.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return out;
}

/** The commutation matrix K (mn x mn) with K vec(X) = vec(X') for X: n x m. */
export function commutation(n: number, m: number): Tensor {
  const K = Tensor.zeros(n * m, n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) K.data[(i * m + j) * (n * m) + (j * n + i)] = 1;
  return K;
}

/** Gauss-Jordan inverse with partial pivoting. */
export function inv(a: Tensor): Tensor {
  const n = a.rows;
  const m = a.data.slice();
  const out = Tensor.eye(n).data;
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[p * n + col]!)) p = r;
    if (m[p * n + col] === 0) throw new Error("singular");
    for (let k = 0; k < n; k++) {
      [m[col * n + k], m[p * n + k]] = [m[p * n + k]!, m[col * n + k]!];
      [out[col * n + k], out[p * n + k]] = [out[p * n + k]!, out[col * n + k]!];
    }
    const piv = m[col * n + col]!;
    for (let k = 0; k < n; k++) {
      m[col * n + k] = m[col * n + k]! / piv;
      out[col * n + k] = out[col * n + k]! / piv;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r * n + col]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r * n + k] = m[r * n + k]! - f * m[col * n + k]!;
        out[r * n + k] = out[r * n + k]! - f * out[col * n + k]!;
      }
    }
  }
  return new Tensor([n, n], out);
}

/** Determinant by Gaussian elimination with partial pivoting. */
export function det(a: Tensor): number {
  const n = a.rows;
  const m = a.data.slice();
  let d = 1;
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[p * n + col]!)) p = r;
    if (m[p * n + col] === 0) return 0;
    if (p !== col) {
      d = -d;
      for (let k = 0; k < n; k++) [m[col * n + k], m[p * n + k]] = [m[p * n + k]!, m[col * n + k]!];
    }
    const piv = m[col * n + col]!;
    d *= piv;
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col]! / piv;
      for (let k = col; k < n; k++) m[r * n + k] = m[r * n + k]! - f * m[col * n + k]!;
    }
  }
  return d;
}

export function softmaxV(z: Tensor): Tensor {
  const mx = Math.max(...z.data);
  const e = z.map((v) => Math.exp(v - mx));
  const s = e.data.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

// ---------------------------------------------------------------------------
// Hyper-dual numbers a + b e1 + c e2 + d e1 e2 (e1² = e2² = 0): seeding
// x + u e1 + v e2 gives f, u'∇f, v'∇f and u'Hv exactly (to rounding).

export class HD {
  constructor(
    readonly a: number,
    readonly b = 0,
    readonly c = 0,
    readonly d = 0,
  ) {}

  add(o: HD): HD {
    return new HD(this.a + o.a, this.b + o.b, this.c + o.c, this.d + o.d);
  }

  sub(o: HD): HD {
    return new HD(this.a - o.a, this.b - o.b, this.c - o.c, this.d - o.d);
  }

  mul(o: HD): HD {
    return new HD(this.a * o.a, this.a * o.b + this.b * o.a, this.a * o.c + this.c * o.a, this.a * o.d + this.b * o.c + this.c * o.b + this.d * o.a);
  }

  /** g applied with g(a), g'(a), g''(a) */
  chain(g0: number, g1: number, g2: number): HD {
    return new HD(g0, g1 * this.b, g1 * this.c, g1 * this.d + g2 * this.b * this.c);
  }
}

// ---------------------------------------------------------------------------
// Random smooth scalar compositions

export type Unary = "exp" | "sin" | "cos" | "tanh" | "sigmoid" | "softplus" | "sq";
export type Binary = "add" | "sub" | "mul";

export type SExpr =
  | { k: "var"; i: number }
  | { k: "const"; c: number }
  | { k: "un"; f: Unary; a: SExpr }
  | { k: "bin"; f: Binary; a: SExpr; b: SExpr };

export const UNARY: readonly Unary[] = ["exp", "sin", "cos", "tanh", "sigmoid", "softplus", "sq"];
export const BINARY: readonly Binary[] = ["add", "sub", "mul"];

/** The expression as text; variable i is `varName(i)` (`t`, or `x[i + 1]`). */
export function render(e: SExpr, varName: (i: number) => string): string {
  switch (e.k) {
    case "var":
      return varName(e.i);
    case "const":
      return e.c < 0 ? `(${e.c})` : String(e.c);
    case "un":
      return e.f === "sq" ? `(${render(e.a, varName)})^2` : `${e.f}(${render(e.a, varName)})`;
    case "bin": {
      const op = e.f === "add" ? "+" : e.f === "sub" ? "-" : "*";
      return `(${render(e.a, varName)} ${op} ${render(e.b, varName)})`;
    }
  }
}

export function evalHD(e: SExpr, vars: readonly HD[]): HD {
  switch (e.k) {
    case "var":
      return vars[e.i]!;
    case "const":
      return new HD(e.c);
    case "bin": {
      const a = evalHD(e.a, vars);
      const b = evalHD(e.b, vars);
      return e.f === "add" ? a.add(b) : e.f === "sub" ? a.sub(b) : a.mul(b);
    }
    case "un": {
      const x = evalHD(e.a, vars);
      const v = x.a;
      switch (e.f) {
        case "exp": {
          const ex = Math.exp(v);
          return x.chain(ex, ex, ex);
        }
        case "sin":
          return x.chain(Math.sin(v), Math.cos(v), -Math.sin(v));
        case "cos":
          return x.chain(Math.cos(v), -Math.sin(v), -Math.cos(v));
        case "tanh": {
          const t = Math.tanh(v);
          return x.chain(t, 1 - t * t, -2 * t * (1 - t * t));
        }
        case "sigmoid": {
          const s = sigmoid(v);
          return x.chain(s, s * (1 - s), s * (1 - s) * (1 - 2 * s));
        }
        case "softplus": {
          const s = sigmoid(v);
          return x.chain(softplus(v), s, s * (1 - s));
        }
        case "sq":
          return x.chain(v * v, 2 * v, 2);
      }
    }
  }
}

/** Exact value, gradient and Hessian of a composition at a point. */
export function exactDerivatives(e: SExpr, x: readonly number[]): { value: number; grad: number[]; hess: number[][] } {
  const n = x.length;
  const grad: number[] = [];
  const hess: number[][] = [];
  let value = 0;
  for (let i = 0; i < n; i++) {
    hess.push([]);
    for (let j = 0; j < n; j++) {
      const r = evalHD(e, x.map((v, k) => new HD(v, k === i ? 1 : 0, k === j ? 1 : 0, 0)));
      value = r.a;
      if (j === 0) grad.push(r.b);
      hess[i]!.push(r.d);
    }
  }
  return { value, grad, hess };
}

/** Largest |value| met anywhere in the composition (keeps samples well scaled). */
export function maxMagnitude(e: SExpr, x: readonly number[]): number {
  let m = 0;
  const visit = (s: SExpr): void => {
    const r = evalHD(s, x.map((v) => new HD(v)));
    m = Math.max(m, Math.abs(r.a));
    if (s.k === "un") visit(s.a);
    if (s.k === "bin") {
      visit(s.a);
      visit(s.b);
    }
  };
  visit(e);
  return m;
}

export function varsOf(e: SExpr, out = new Set<number>()): Set<number> {
  if (e.k === "var") out.add(e.i);
  if (e.k === "un") varsOf(e.a, out);
  if (e.k === "bin") {
    varsOf(e.a, out);
    varsOf(e.b, out);
  }
  return out;
}
