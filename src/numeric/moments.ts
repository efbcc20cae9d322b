// Exact values of E(f), Var(f), Cov(f, g) at a point (concrete sizes and
// non-random values), where they can be had:
//
// 1. Moment algebra: if f is a polynomial in the random entries, expand it (a
//    sparse multivariate polynomial with float coefficients per entry) and
//    replace each monomial by the product of its entries' raw moments
//    (independent entries: E[x^2 y^3] = E[x^2] E[y^3]). Var and Cov centre
//    first: Var(f) = E[(f - E f)^2]. Capped (MAX_TERMS per polynomial,
//    MAX_WORK products in all); beyond that, or for anything not polynomial
//    (relu, exp, a random divisor), it gives up.
// 2. Enumeration: if every random name in the argument is bernoulli and they
//    have at most MAX_MASK_ENTRIES entries in all, E is the weighted sum over
//    all 2^n masks (the dropout ensemble), whatever f is.
// Otherwise the caller estimates by Monte Carlo (./montecarlo.ts).

import type { Tensor as T } from "../core/tensor.js";
import { concreteDims } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import type { Evaluator } from "./evaluate.js";
import { type RandomModel, rawMoment } from "./laws.js";

export const MAX_TERMS = 20_000;
export const MAX_WORK = 4_000_000;
export const MAX_MASK_ENTRIES = 16;

export type Method = "exact moments" | "enumeration";

export interface Exact {
  value: Tensor;
  method: Method;
}

export const isMoment = (n: TNode): boolean => n.op === "E" || n.op === "Var" || n.op === "Cov";

/**
 * Random names free in a subtree (memoised per node): a moment node binds the
 * random names inside it, so E(x) is a constant.
 */
export function randomNames(n: TNode, model: RandomModel, memo = new WeakMap<TNode, Set<string>>()): Set<string> {
  let s = memo.get(n);
  if (s) return s;
  s = new Set<string>();
  if (n.op === "sym" && model.isRandom(n.name!)) s.add(n.name!);
  if (!isMoment(n)) for (const a of n.args) for (const v of randomNames(a, model, memo)) s.add(v);
  memo.set(n, s);
  return s;
}

/** The exact value of a moment node at the evaluator's point, or null (then Monte Carlo). */
export function exactMoment(n: TNode, ev: Evaluator, model: RandomModel): Exact | null {
  const viaPoly = new PolyEval(ev, model).moment(n);
  if (viaPoly) return { value: viaPoly, method: "exact moments" };
  const viaMasks = enumerate(n, ev, model);
  return viaMasks ? { value: viaMasks, method: "enumeration" } : null;
}

// ---------------------------------------------------------------------------
// Polynomials: monomial key "id^k*id^k" (ids ascending) -> coefficient.

type Poly = Map<string, number>;

class TooBig extends Error {}
class NotPolynomial extends Error {}

interface PT {
  rows: number;
  cols: number;
  e: Poly[];
}

// keys are parsed and multiplied many times over: both are memoised (bounded)
const parsed = new Map<string, [number, number][]>();
const products = new Map<string, string>();
const MEMO = 200_000;

function parseMono(k: string): [number, number][] {
  if (k === "") return [];
  let r = parsed.get(k);
  if (r) return r;
  r = k.split("*").map((f) => {
    const [id, p] = f.split("^");
    return [Number(id), Number(p)] as [number, number];
  });
  if (parsed.size > MEMO) parsed.clear();
  parsed.set(k, r);
  return r;
}

function mulMono(a: string, b: string): string {
  if (a === "") return b;
  if (b === "") return a;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  let r = products.get(key);
  if (r !== undefined) return r;
  // merge two sorted factor lists
  const x = parseMono(a);
  const y = parseMono(b);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (j >= y.length || (i < x.length && x[i]![0] < y[j]![0])) out.push(`${x[i]![0]}^${x[i++]![1]}`);
    else if (i >= x.length || y[j]![0] < x[i]![0]) out.push(`${y[j]![0]}^${y[j++]![1]}`);
    else out.push(`${x[i]![0]}^${x[i++]![1] + y[j++]![1]}`);
  }
  r = out.join("*");
  if (products.size > MEMO) products.clear();
  products.set(key, r);
  return r;
}

class PolyEval {
  private work = 0;
  private readonly ids = new Map<string, number>();
  private readonly entryOf: { name: string; params: number[] }[] = [];
  private readonly memo = new WeakMap<TNode, Set<string>>();
  private readonly paramCache = new Map<string, number[]>();

  constructor(
    private readonly ev: Evaluator,
    private readonly model: RandomModel,
  ) {}

  moment(n: TNode): Tensor | null {
    try {
      return this.momentOf(n);
    } catch (e) {
      if (e instanceof TooBig || e instanceof NotPolynomial) return null;
      throw e;
    }
  }

  private momentOf(n: TNode): Tensor {
    const f = this.poly(n.args[0]!);
    if (n.op === "E") return this.expect(f);
    if (n.op === "Var") {
      const out = Tensor.zeros(f.rows, f.cols);
      f.e.forEach((p, k) => {
        const c = this.centre(p);
        out.data[k] = this.EProduct(c, c);
      });
      return out;
    }
    const g = this.poly(n.args[1]!);
    const fc = f.e.map((p) => this.centre(p));
    const gc = g.e.map((p) => this.centre(p));
    const out = Tensor.zeros(fc.length, gc.length);
    for (let i = 0; i < fc.length; i++) for (let j = 0; j < gc.length; j++) out.data[i * gc.length + j] = this.EProduct(fc[i]!, gc[j]!);
    return out;
  }

  private expect(f: PT): Tensor {
    const out = Tensor.zeros(f.rows, f.cols);
    f.e.forEach((p, k) => {
      out.data[k] = this.E(p);
    });
    return out;
  }

  private centre(p: Poly): Poly {
    const m = this.E(p);
    const q = new Map(p);
    q.set("", (q.get("") ?? 0) - m);
    return q;
  }

  /**
   * E[p q] without building p q: a variance squares a polynomial whose
   * product would exceed MAX_TERMS (a three-layer chain at sizes 5, 7, 6 has
   * 210 terms and 22 000 in its square), but needs only the expectation.
   */
  private EProduct(p: Poly, q: Poly): number {
    this.work += p.size * q.size;
    if (this.work > MAX_WORK) throw new TooBig();
    const qs = [...q].map(([k, c]) => [parseMono(k), c] as const);
    let s = 0;
    for (const [ka, ca] of p) {
      const a = parseMono(ka);
      for (const [b, cb] of qs) s += ca * cb * this.monomialMoment(a, b);
    }
    return s;
  }

  /** E of the product of two monomials (sorted factor lists), merged on the fly. */
  private monomialMoment(x: readonly [number, number][], y: readonly [number, number][]): number {
    let t = 1;
    let i = 0;
    let j = 0;
    while (t !== 0 && (i < x.length || j < y.length)) {
      let id: number;
      let pw: number;
      if (j >= y.length || (i < x.length && x[i]![0] < y[j]![0])) [id, pw] = x[i++]!;
      else if (i >= x.length || y[j]![0] < x[i]![0]) [id, pw] = y[j++]!;
      else {
        id = x[i]![0];
        pw = x[i++]![1] + y[j++]![1];
      }
      const { name, params } = this.entryOf[id]!;
      t *= rawMoment(this.model.vars.get(name)!.kind, params, pw);
    }
    return t;
  }

  private E(p: Poly): number {
    let s = 0;
    for (const [k, c] of p) s += c * this.monomialMoment(parseMono(k), []);
    return s;
  }


  private add(p: Poly, q: Poly, sign = 1): Poly {
    const r = new Map(p);
    for (const [k, c] of q) r.set(k, (r.get(k) ?? 0) + sign * c);
    return r;
  }

  private scale(p: Poly, s: number): Poly {
    const r: Poly = new Map();
    if (s !== 0) for (const [k, c] of p) r.set(k, c * s);
    return r;
  }

  private mul(p: Poly, q: Poly): Poly {
    this.work += p.size * q.size;
    if (this.work > MAX_WORK) throw new TooBig();
    const r: Poly = new Map();
    for (const [a, x] of p) for (const [b, y] of q) {
      const k = mulMono(a, b);
      r.set(k, (r.get(k) ?? 0) + x * y);
    }
    if (r.size > MAX_TERMS) throw new TooBig();
    return r;
  }

  private constant(t: T): PT {
    if (t.shape.length > 2) throw new NotPolynomial();
    return { rows: t.rows, cols: t.cols, e: Array.from(t.data, (v) => new Map(v === 0 ? [] : [["", v]])) };
  }

  private scalarOf(t: PT): Poly {
    if (t.rows !== 1 || t.cols !== 1) throw new NotPolynomial();
    return t.e[0]!;
  }

  /** The entries of a subtree as polynomials in the random entries. */
  private poly(n: TNode): PT {
    if (randomNames(n, this.model, this.memo).size === 0) return this.constant(this.ev.evaluate(n));
    const arg = (i: number): PT => this.poly(n.args[i]!);
    switch (n.op) {
      case "sym":
        return this.randomEntries(n.name!);
      case "neg": {
        const a = arg(0);
        return { ...a, e: a.e.map((p) => this.scale(p, -1)) };
      }
      case "add":
      case "sub":
      case "hadamard":
        return this.zip(arg(0), arg(1), n.op === "hadamard" ? (p, q) => this.mul(p, q) : (p, q) => this.add(p, q, n.op === "sub" ? -1 : 1));
      case "mul":
        return this.matmul(arg(0), arg(1));
      case "div":
      case "ediv": {
        if (randomNames(n.args[1]!, this.model, this.memo).size) throw new NotPolynomial();
        return this.zip(arg(0), this.constant(this.ev.evaluate(n.args[1]!)), (p, q) => {
          const d = q.get("") ?? 0;
          if (d === 0) throw new NotPolynomial();
          return this.scale(p, 1 / d);
        });
      }
      case "pow":
      case "epow": {
        const a = arg(0);
        if (n.op === "pow" && (a.rows !== 1 || a.cols !== 1)) throw new NotPolynomial();
        if (randomNames(n.args[1]!, this.model, this.memo).size) throw new NotPolynomial();
        const k = this.ev.evaluate(n.args[1]!);
        return this.zip(a, this.constant(k), (p, q) => this.power(p, q.get("") ?? 0));
      }
      case "transpose": {
        const a = arg(0);
        const e: Poly[] = [];
        for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) e.push(a.e[i * a.cols + j]!);
        return { rows: a.cols, cols: a.rows, e };
      }
      case "index": {
        const a = arg(0);
        const at = n.args.slice(1).map((x) => this.ev.evaluate(x).scalar() - 1);
        const [i, j = 0] = at as [number, number];
        if (!(i >= 0 && i < a.rows && j >= 0 && j < a.cols && Number.isInteger(i) && Number.isInteger(j))) throw new NotPolynomial();
        return { rows: 1, cols: 1, e: [a.e[i * a.cols + j]!] };
      }
      case "sum":
      case "mean": {
        if (n.args.length === 4) return this.indexedSum(n);
        const a = arg(0);
        const s = a.e.reduce((acc, p) => this.add(acc, p), new Map() as Poly);
        return { rows: 1, cols: 1, e: [n.op === "mean" ? this.scale(s, 1 / a.e.length) : s] };
      }
      case "tr": {
        const a = arg(0);
        let s: Poly = new Map();
        for (let i = 0; i < a.rows; i++) s = this.add(s, a.e[i * a.cols + i]!);
        return { rows: 1, cols: 1, e: [s] };
      }
      case "dot": {
        const a = arg(0);
        const b = arg(1);
        let s: Poly = new Map();
        a.e.forEach((p, k) => {
          s = this.add(s, this.mul(p, b.e[k]!));
        });
        return { rows: 1, cols: 1, e: [s] };
      }
      case "outer": {
        const a = arg(0);
        const b = arg(1);
        return this.matmul(a, { rows: 1, cols: b.e.length, e: b.e });
      }
      case "matrix": {
        const [r, c] = n.dims!;
        return { rows: r, cols: c, e: n.args.map((a) => this.scalarOf(this.poly(a))) };
      }
      default:
        // E, Var, Cov of an argument whose random names are all bound inside are constants (above)
        throw new NotPolynomial();
    }
  }

  private randomEntries(name: string): PT {
    let params = this.paramCache.get(name);
    if (!params) {
      params = this.model.paramsAt(this.ev, name);
      this.paramCache.set(name, params);
    }
    const decl = this.model.vars.get(name)!.decl;
    // polynomials are rank 2 here; a tensor of higher rank goes to enumeration or Monte Carlo
    if (decl.shape.lead) throw new NotPolynomial();
    const rows = this.ev.size(decl.shape.rows);
    const cols = this.ev.size(decl.shape.cols);
    const e: Poly[] = [];
    for (let k = 0; k < rows * cols; k++) {
      const key = `${name}#${k}`;
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.entryOf.length;
        this.ids.set(key, id);
        this.entryOf.push({ name, params });
      }
      e.push(new Map([[`${id}^1`, 1]]));
    }
    return { rows, cols, e };
  }

  private power(p: Poly, k: number): Poly {
    if (!Number.isInteger(k) || k < 0 || k > 64) throw new NotPolynomial();
    let r: Poly = new Map([["", 1]]);
    for (let i = 0; i < k; i++) r = this.mul(r, p);
    return r;
  }

  private zip(a: PT, b: PT, f: (p: Poly, q: Poly) => Poly): PT {
    const aS = a.rows === 1 && a.cols === 1;
    const bS = b.rows === 1 && b.cols === 1;
    const big = aS ? b : a;
    if (!aS && !bS && (a.rows !== b.rows || a.cols !== b.cols)) throw new NotPolynomial();
    return { rows: big.rows, cols: big.cols, e: big.e.map((_, k) => f(aS ? a.e[0]! : a.e[k]!, bS ? b.e[0]! : b.e[k]!)) };
  }

  private matmul(a: PT, b: PT): PT {
    if (a.rows === 1 && a.cols === 1) return { ...b, e: b.e.map((q) => this.mul(a.e[0]!, q)) };
    if (b.rows === 1 && b.cols === 1) return { ...a, e: a.e.map((p) => this.mul(p, b.e[0]!)) };
    if (a.cols !== b.rows) throw new NotPolynomial();
    const e: Poly[] = [];
    for (let i = 0; i < a.rows; i++) {
      for (let j = 0; j < b.cols; j++) {
        let s: Poly = new Map();
        for (let k = 0; k < a.cols; k++) {
          const p = a.e[i * a.cols + k]!;
          const q = b.e[k * b.cols + j]!;
          if (p.size && q.size) s = this.add(s, this.mul(p, q));
        }
        e.push(s);
      }
    }
    return { rows: a.rows, cols: b.cols, e };
  }

  private indexedSum(n: TNode): PT {
    const [body, i, lo, hi] = n.args as [TNode, TNode, TNode, TNode];
    const a = this.ev.evaluate(lo).scalar();
    const b = this.ev.evaluate(hi).scalar();
    if (!Number.isInteger(a) || !Number.isInteger(b) || b - a > 10_000) throw new NotPolynomial();
    let acc: PT | null = null;
    for (let k = a; k <= b; k++) {
      const term = this.ev.withValue(i.name!, Tensor.scalar(k), () => this.poly(body));
      acc = acc ? this.zip(acc, term, (p, q) => this.add(p, q)) : term;
    }
    if (!acc) throw new NotPolynomial();
    return acc;
  }
}

// ---------------------------------------------------------------------------
// Enumeration of bernoulli masks.

function enumerate(n: TNode, ev: Evaluator, model: RandomModel): Tensor | null {
  const names = [...new Set(n.args.flatMap((a) => [...randomNames(a, model)]))];
  if (names.some((v) => model.vars.get(v)!.kind !== "bernoulli")) return null;
  const shapes = names.map((v) => {
    const d = model.vars.get(v)!.decl;
    return concreteDims(d.shape, ev.point.sizes);
  });
  const total = shapes.reduce((s, dims) => s + dims.reduce((a, b) => a * b, 1), 0);
  if (total > MAX_MASK_ENTRIES) return null;
  const ps = names.map((v) => model.paramsAt(ev, v)[0]!);
  // every mask with its probability; each name gets its slice of the bits
  const runAll = (f: (w: number) => void): void => {
    for (let mask = 0; mask < 2 ** total; mask++) {
      let w = 1;
      let bit = 0;
      const vals = names.map((_, k) => {
        const t = new Tensor(shapes[k]!);
        for (let e = 0; e < t.size; e++, bit++) {
          const on = (mask >> bit) & 1;
          t.data[e] = on;
          w *= on ? ps[k]! : 1 - ps[k]!;
        }
        return t;
      });
      if (w === 0) continue;
      const set = (k: number): void => {
        if (k === names.length) f(w);
        else ev.withValue(names[k]!, vals[k]!, () => set(k + 1));
      };
      set(0);
    }
  };
  const mean = (arg: TNode): Tensor => {
    let acc: Tensor | null = null;
    runAll((w) => {
      const v = ev.evaluate(arg);
      acc ??= new Tensor(v.shape);
      for (let k = 0; k < v.data.length; k++) acc.data[k] += w * v.data[k]!;
    });
    return acc!;
  };
  const f = n.args[0]!;
  const mf = mean(f);
  if (n.op === "E") return mf;
  const g = n.op === "Cov" ? n.args[1]! : f;
  const mg = n.op === "Cov" ? mean(g) : mf;
  const out = n.op === "Var" ? new Tensor(mf.shape) : Tensor.zeros(mf.size, mg.size);
  runAll((w) => {
    const a = ev.evaluate(f);
    const b = n.op === "Cov" ? ev.evaluate(g) : a;
    if (n.op === "Var") for (let k = 0; k < a.data.length; k++) out.data[k] += w * (a.data[k]! - mf.data[k]!) ** 2;
    else for (let i = 0; i < a.size; i++) for (let j = 0; j < b.size; j++) out.data[i * b.size + j] += w * (a.data[i]! - mf.data[i]!) * (b.data[j]! - mg.data[j]!);
  });
  return out;
}
