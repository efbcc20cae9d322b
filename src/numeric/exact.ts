// Evaluation of a typed tree in a Field (./fields.ts): exact rationals or
// rigorous intervals, for claims about given numbers (check/numbers.ts). It
// covers the operators whose value a field can hold without sampling: + - * /,
// integer powers, transposes, indexing, matrix literals, sums over an index
// with numeric bounds, tr, det, inv, kron, the integer functions (floor,
// ceil, convout, convparams, abs, relu, step, sign), and, in intervals, exp,
// log, sqrt, sigmoid, tanh, softplus. Anything else (a derivative, a limit, a
// tensor, an eigenvalue) throws Undecided, and the claim is sampled as before.
//
// Why a table here and not a field of each operator's definition: these
// kernels are a second, independent implementation of the operators' values,
// used only to prove; keeping them together keeps the operator files (and
// their float kernels, which every other check uses) untouched.

import { dimSize } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { type Field, undecided } from "./fields.js";
import { Rational } from "../core/rational.js";
import { limitAtInfinity } from "./lim-exact.js";

/** A matrix of field values, row-major (a scalar is 1 x 1). */
export interface Mat<T> {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly T[];
}

export interface FieldPoint<T> {
  /** concrete sizes of the dimension names */
  readonly sizes: ReadonlyMap<string, number>;
  /** values of the names (given values, bound indices) */
  readonly values: ReadonlyMap<string, Mat<T>>;
}

/** Largest matrix the proofs handle (det and inv by cofactors grow fast). */
const MAX_ENTRIES = 4096;
const MAX_COFACTOR = 4;

export function scalarMat<T>(x: T): Mat<T> {
  return { rows: 1, cols: 1, data: [x] };
}

export function evaluateIn<T>(F: Field<T>, node: TNode, at: FieldPoint<T>): Mat<T> {
  const env = new Map(at.values);
  const size = (d: Parameters<typeof dimSize>[0]): number => dimSize(d, at.sizes);
  const ev = (n: TNode): Mat<T> => {
    if (n.shape.lead) undecided("a tensor");
    const m = compute(n);
    if (m.rows !== size(n.shape.rows) || m.cols !== size(n.shape.cols)) undecided(`internal: ${n.op} gave ${m.rows} x ${m.cols}`);
    if (m.data.length > MAX_ENTRIES) undecided("too large");
    return m;
  };
  const int = (n: TNode): number => {
    const v = ev(n);
    const k = v.data.length === 1 ? F.integer(v.data[0]!) : null;
    return k ?? undecided("not a known integer");
  };
  const compute = (n: TNode): Mat<T> => {
    switch (n.op) {
      case "num": {
        const r = n.text !== undefined ? Rational.decimal(n.text) : Rational.ofWritten(n.value!);
        const x = F.rational(r ?? Rational.ofWritten(n.value!) ?? undecided("not a number"));
        return filled(size(n.shape.rows), size(n.shape.cols), x);
      }
      case "sym":
        return env.get(n.name!) ?? undecided(`no value for ${n.name}`);
      case "dimval":
        return scalarMat(F.rational(Rational.int(size(n.name!))));
      case "matrix": {
        const [r, c] = n.dims!;
        return { rows: r, cols: c, data: n.args.map((a) => scalar(ev(a))) };
      }
      case "e":
      case "pi":
        return scalarMat(F.constant(n.op));
      case "add":
        return zip(ev(n.args[0]!), ev(n.args[1]!), F.add);
      case "sub":
        return zip(ev(n.args[0]!), ev(n.args[1]!), F.sub);
      case "hadamard":
        return zip(ev(n.args[0]!), ev(n.args[1]!), F.mul);
      case "ediv":
        return zip(ev(n.args[0]!), ev(n.args[1]!), F.div);
      case "neg":
        return map(ev(n.args[0]!), F.neg);
      case "mul":
        return matmul(F, ev(n.args[0]!), ev(n.args[1]!));
      case "div": {
        const b = ev(n.args[1]!);
        if (b.data.length !== 1) undecided("division by a matrix");
        return map(ev(n.args[0]!), (x) => F.div(x, b.data[0]!));
      }
      case "pow": {
        const a = ev(n.args[0]!);
        const b = ev(n.args[1]!);
        const k = b.data.length === 1 ? F.integer(b.data[0]!) : null;
        if (k !== null) return a.data.length === 1 ? scalarMat(F.powInt(a.data[0]!, k)) : matpow(F, a, k);
        if (a.data.length !== 1) undecided("a matrix power that is not an integer");
        // e^x is exp(x); a^x = exp(x log a) for a > 0 (log throws Undecided below that)
        const x = b.data[0]!;
        return scalarMat(n.args[0]!.op === "e" ? F.unary("exp", x) : F.unary("exp", F.mul(x, F.unary("log", a.data[0]!))));
      }
      case "epow": {
        const b = ev(n.args[1]!);
        const ks = b.data.map((x) => F.integer(x) ?? undecided("an elementwise power that is not an integer"));
        return zip(ev(n.args[0]!), { ...b, data: ks }, (x, k) => F.powInt(x, k));
      }
      case "transpose":
        return transpose(ev(n.args[0]!));
      case "index": {
        const t = ev(n.args[0]!);
        const idx = n.args.slice(1).map(int);
        const i = idx[0]!;
        const j = idx[1] ?? 1;
        if (i < 1 || i > t.rows || j < 1 || j > t.cols) undecided("index out of range");
        return scalarMat(t.data[(i - 1) * t.cols + (j - 1)]!);
      }
      case "sum":
      case "prod": {
        if (n.args.length === 1) {
          if (n.op === "prod") undecided("prod of one argument");
          return scalarMat(ev(n.args[0]!).data.reduce(F.add, F.rational(Rational.ZERO)));
        }
        const [body, i, lo, hi] = n.args as [TNode, TNode, TNode, TNode];
        const a = int(lo);
        const b = int(hi);
        if (b - a + 1 > 10_000) undecided("too many terms");
        const rows = size(body.shape.rows);
        const cols = size(body.shape.cols);
        let acc = filled(rows, cols, F.rational(n.op === "sum" ? Rational.ZERO : Rational.ONE));
        const saved = env.get(i.name!);
        try {
          for (let k = a; k <= b; k++) {
            env.set(i.name!, scalarMat(F.rational(Rational.int(k))));
            acc = zip(acc, ev(body), n.op === "sum" ? F.add : F.mul);
          }
        } finally {
          if (saved) env.set(i.name!, saved);
          else env.delete(i.name!);
        }
        return acc;
      }
      case "mean": {
        const a = ev(n.args[0]!);
        return scalarMat(F.div(a.data.reduce(F.add, F.rational(Rational.ZERO)), F.rational(Rational.int(a.data.length))));
      }
      case "tr": {
        const a = square(ev(n.args[0]!));
        let s = F.rational(Rational.ZERO);
        for (let k = 0; k < a.rows; k++) s = F.add(s, a.data[k * a.cols + k]!);
        return scalarMat(s);
      }
      case "det":
        return scalarMat(det(F, square(ev(n.args[0]!))));
      case "inv":
        return inv(F, square(ev(n.args[0]!)));
      case "I":
        return identity(F, size(n.shape.rows));
      case "zeros":
        return filled(size(n.shape.rows), size(n.shape.cols), F.rational(Rational.ZERO));
      case "ones":
        return filled(size(n.shape.rows), size(n.shape.cols), F.rational(Rational.ONE));
      case "kron":
        return kron(F, ev(n.args[0]!), ev(n.args[1]!));
      case "outer":
        return matmul(F, ev(n.args[0]!), transpose(ev(n.args[1]!)));
      case "dot": {
        const [x, y] = [ev(n.args[0]!), ev(n.args[1]!)];
        return scalarMat(x.data.map((v, k) => F.mul(v, y.data[k]!)).reduce(F.add, F.rational(Rational.ZERO)));
      }
      case "vec": {
        const a = ev(n.args[0]!);
        const out: T[] = [];
        for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) out.push(a.data[i * a.cols + j]!);
        return { rows: out.length, cols: 1, data: out };
      }
      case "diag": {
        const a = ev(n.args[0]!);
        const zero = F.rational(Rational.ZERO);
        if (a.cols === 1) {
          const k = a.rows;
          return { rows: k, cols: k, data: Array.from({ length: k * k }, (_, p) => (p % (k + 1) === 0 ? a.data[p / (k + 1)]! : zero)) };
        }
        const s = square(a);
        return { rows: s.rows, cols: 1, data: Array.from({ length: s.rows }, (_, k) => s.data[k * s.cols + k]!) };
      }
      case "floor":
        return map(ev(n.args[0]!), F.floor);
      case "ceil":
        return map(ev(n.args[0]!), F.ceil);
      case "abs":
        return map(ev(n.args[0]!), F.abs);
      case "leakyrelu": {
        const x = ev(n.args[0]!);
        const a = scalar(ev(n.args[1]!));
        // slope inside (0, 1), as the float kernel requires; otherwise that kernel decides
        if (F.sign(a) !== 1 || F.sign(F.sub(F.rational(Rational.ONE), a)) !== 1) undecided("leakyrelu slope");
        return map(x, (t) => {
          const s = F.sign(t);
          if (s === null) undecided("leakyrelu of an interval around 0");
          return s >= 0 ? t : F.mul(a, t);
        });
      }
      case "convout":
        return scalarMat(F.rational(Rational.int(convout(n.args.map(int)))));
      case "convparams": {
        const [cin, cout, k, bias = 1] = n.args.map(int);
        if (!(cin! >= 1 && cout! >= 1 && k! >= 1 && (bias === 0 || bias === 1))) undecided("convparams arguments");
        return scalarMat(F.rational(Rational.int(BigInt(cout!) * (BigInt(cin!) * BigInt(k!) + BigInt(bias)))));
      }
      case "lim": {
        // lim(f, t, inf) and lim(f, t, -inf) by the limit laws (./lim-exact.ts); a finite target is left to the sequence
        const [body, t, target] = n.args as [TNode, TNode, TNode];
        const dir = target.op === "inf" ? 1 : target.op === "neg" && target.args[0]!.op === "inf" ? -1 : 0;
        if (dir === 0 || n.args.length !== 3 || size(body.shape.rows) * size(body.shape.cols) !== 1) undecided("a limit at a finite point");
        const constant = (m: TNode): Rational => F.toRational(scalar(ev(m))) ?? undecided("not a rational constant");
        return scalarMat(F.rational(limitAtInfinity(body, t.name!, dir as 1 | -1, constant)));
      }
      case "exp":
      case "log":
      case "sqrt":
      case "sigmoid":
      case "tanh":
      case "softplus":
      case "relu":
      case "step":
      case "sign":
      case "sin":
      case "cos": {
        const name = n.op;
        return map(ev(n.args[0]!), (x) => F.unary(name, x));
      }
    }
    return undecided(`${n.op} is not evaluated exactly`);
  };
  return ev(node);
}

/** convout(n, k, s, p, d) = floor((n + 2p - d(k - 1) - 1) / s) + 1, only where the float kernel accepts the arguments. */
function convout(args: number[]): number {
  const [n, k, s = 1, p = 0, d = 1] = args as [number, number, number?, number?, number?];
  if (!(n >= 1 && k >= 1 && s >= 1 && p >= 0 && d >= 1)) undecided("convout arguments");
  const span = d * (k - 1) + 1;
  if (n + 2 * p < span) undecided("convout: the kernel is larger than the input");
  return Math.floor((n + 2 * p - span) / s) + 1;
}

function scalar<T>(m: Mat<T>): T {
  if (m.data.length !== 1) undecided("not a scalar");
  return m.data[0]!;
}

function filled<T>(rows: number, cols: number, x: T): Mat<T> {
  if (rows * cols > MAX_ENTRIES) undecided("too large");
  return { rows, cols, data: new Array<T>(rows * cols).fill(x) };
}

function map<T>(a: Mat<T>, f: (x: T) => T): Mat<T> {
  return { rows: a.rows, cols: a.cols, data: a.data.map((x) => f(x)) };
}

/** Entrywise, with a 1 x 1 side (or a single row or column) broadcast as the float kernels do. */
function zip<T, U>(a: Mat<T>, b: Mat<U>, f: (x: T, y: U) => T): Mat<T> {
  const rows = Math.max(a.rows, b.rows);
  const cols = Math.max(a.cols, b.cols);
  const fits = (m: Mat<unknown>): boolean => (m.rows === rows || m.rows === 1) && (m.cols === cols || m.cols === 1);
  if (!fits(a) || !fits(b)) undecided("shapes do not broadcast");
  const at = <V>(m: Mat<V>, i: number, j: number): V => m.data[(m.rows === 1 ? 0 : i) * m.cols + (m.cols === 1 ? 0 : j)]!;
  const data: T[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data.push(f(at(a, i, j), at(b, i, j)));
  return { rows, cols, data };
}

function transpose<T>(a: Mat<T>): Mat<T> {
  const data: T[] = [];
  for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) data.push(a.data[i * a.cols + j]!);
  return { rows: a.cols, cols: a.rows, data };
}

function matmul<T>(F: Field<T>, a: Mat<T>, b: Mat<T>): Mat<T> {
  if (a.data.length === 1) return map(b, (x) => F.mul(a.data[0]!, x));
  if (b.data.length === 1) return map(a, (x) => F.mul(x, b.data[0]!));
  if (a.cols !== b.rows) undecided("shapes do not multiply");
  const data: T[] = [];
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = F.mul(a.data[i * a.cols]!, b.data[j]!);
      for (let k = 1; k < a.cols; k++) s = F.add(s, F.mul(a.data[i * a.cols + k]!, b.data[k * b.cols + j]!));
      data.push(s);
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}

function identity<T>(F: Field<T>, n: number): Mat<T> {
  const one = F.rational(Rational.ONE);
  const zero = F.rational(Rational.ZERO);
  if (n * n > MAX_ENTRIES) undecided("too large");
  return { rows: n, cols: n, data: Array.from({ length: n * n }, (_, p) => (p % (n + 1) === 0 ? one : zero)) };
}

function square<T>(a: Mat<T>): Mat<T> {
  if (a.rows !== a.cols) undecided("not square");
  return a;
}

function matpow<T>(F: Field<T>, a: Mat<T>, k: number): Mat<T> {
  if (k < 0) return matpow(F, inv(F, a), -k);
  if (k > 64) undecided("matrix power too large");
  let r = identity(F, a.rows);
  for (let i = 0; i < k; i++) r = matmul(F, r, a);
  return r;
}

function kron<T>(F: Field<T>, a: Mat<T>, b: Mat<T>): Mat<T> {
  const rows = a.rows * b.rows;
  const cols = a.cols * b.cols;
  if (rows * cols > MAX_ENTRIES) undecided("too large");
  const data: T[] = new Array(rows * cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++)
      for (let k = 0; k < b.rows; k++)
        for (let l = 0; l < b.cols; l++) data[(i * b.rows + k) * cols + j * b.cols + l] = F.mul(a.data[i * a.cols + j]!, b.data[k * b.cols + l]!);
  return { rows, cols, data };
}

/** The minor without row r and column c. */
function minor<T>(a: Mat<T>, r: number, c: number): Mat<T> {
  const data: T[] = [];
  for (let i = 0; i < a.rows; i++) if (i !== r) for (let j = 0; j < a.cols; j++) if (j !== c) data.push(a.data[i * a.cols + j]!);
  return { rows: a.rows - 1, cols: a.cols - 1, data };
}

/** The determinant by cofactor expansion (no division, so intervals stay tight); small sizes only. */
function det<T>(F: Field<T>, a: Mat<T>): T {
  if (a.rows > MAX_COFACTOR) undecided("det of a large matrix");
  if (a.rows === 1) return a.data[0]!;
  let s: T | null = null;
  for (let j = 0; j < a.cols; j++) {
    const term = F.mul(a.data[j]!, det(F, minor(a, 0, j)));
    s = s === null ? term : j % 2 === 0 ? F.add(s, term) : F.sub(s, term);
  }
  return s!;
}

/** The inverse as adjugate / det; a determinant that may be 0 leaves the claim undecided. */
function inv<T>(F: Field<T>, a: Mat<T>): Mat<T> {
  const d = det(F, a);
  // a determinant of unknown sign is left to the division, which refuses it unless the field knows it is not 0
  if (F.sign(d) === 0) undecided("a singular matrix");
  const n = a.rows;
  if (n === 1) return scalarMat(F.div(F.rational(Rational.ONE), d));
  const data: T[] = new Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = det(F, minor(a, i, j));
      // adj[j][i] = (-1)^(i+j) M_ij
      data[j * n + i] = F.div((i + j) % 2 === 0 ? c : F.neg(c), d);
    }
  }
  return { rows: n, cols: n, data };
}
