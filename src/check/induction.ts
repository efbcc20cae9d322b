// The inductive step of a recurrence in a form the symbolic engine can close.
// The engine treats `sum(f, i, 1, t)` and `b^(t - i)` as opaque atoms, so
// closed(t) = step(closed(t - 1)) cannot cancel as written: closed(t) speaks of
// t where the other side speaks of t - 1. This unfolds one step, writing every
// index expression in terms of u = t - 1 (printed `(t - 1)`):
//
//   sum(f, i, a, t)  ->  sum(f, i, a, t - 1) + f[i := t]     (a <= first t)
//   prod(f, i, a, t) ->  prod(f, i, a, t - 1) * f[i := t]
//   x^(u + k - ...)  ->  x^k * x^(u - ...)                    (k = 1..4)
//   sum(c * f, i, ...) -> c * sum(f, i, ...)                  (c free of i)
//
// Each is an identity for integer t > the recurrence's start (the power rule
// for a nonnegative exponent u - i inside a sum up to u, or for a nonzero
// scalar x). The result is a claim like any other: it is "proved" only if the
// engine proves it AND the samples agree, and it is only ever used to upgrade
// the inductive step from verified to proved (src/check/recurrence.ts).

import { type Expr, node, num, sym } from "../core/ast.js";

/** A linear form over integer names plus a constant: t - i + 1 is {t: 1, i: -1} and 1. */
interface Linear {
  readonly coef: ReadonlyMap<string, number>;
  readonly c: number;
}

function linear(e: Expr): Linear | null {
  switch (e.op) {
    case "num":
      return Number.isInteger(e.value) ? { coef: new Map(), c: e.value! } : null;
    case "sym":
      return { coef: new Map([[e.name!, 1]]), c: 0 };
    case "neg": {
      const a = linear(e.args[0]!);
      return a && scale(a, -1);
    }
    case "add":
    case "sub": {
      const a = linear(e.args[0]!);
      const b = linear(e.args[1]!);
      return a && b && plus(a, e.op === "sub" ? scale(b, -1) : b);
    }
    case "mul": {
      const [x, y] = e.args as [Expr, Expr];
      if (x.op === "num" && Number.isInteger(x.value)) return scaleOf(linear(y), x.value!);
      if (y.op === "num" && Number.isInteger(y.value)) return scaleOf(linear(x), y.value!);
      return null;
    }
    default:
      return null;
  }
}

const scaleOf = (a: Linear | null, k: number): Linear | null => a && scale(a, k);

function scale(a: Linear, k: number): Linear {
  return { coef: new Map([...a.coef].map(([n, v]) => [n, v * k])), c: a.c * k };
}

function plus(a: Linear, b: Linear): Linear {
  const coef = new Map(a.coef);
  for (const [n, v] of b.coef) coef.set(n, (coef.get(n) ?? 0) + v);
  return { coef, c: a.c + b.c };
}

/** The form with t replaced by u + 1: its coefficient of u and its constant. */
function inU(f: Linear, t: string): { u: number; rest: [string, number][]; c: number } {
  const u = f.coef.get(t) ?? 0;
  const rest = [...f.coef].filter(([n, v]) => n !== t && v !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  return { u, rest, c: f.c + u };
}

/** The canonical text of a form in u = t - 1: `(t - 1) - i + 2`; exactly t prints as `t` (an index must be a name). */
function build(f: { u: number; rest: [string, number][]; c: number }, t: string): Expr {
  if (f.u === 1 && f.c === 1 && f.rest.length === 0) return sym(t);
  let e: Expr | null = null;
  const addTerm = (term: Expr, k: number): void => {
    const mag = Math.abs(k) === 1 ? term : node("mul", [num(Math.abs(k)), term]);
    e = e === null ? (k < 0 ? node("neg", [mag]) : mag) : node(k < 0 ? "sub" : "add", [e, mag]);
  };
  if (f.u !== 0) addTerm(node("sub", [sym(t), num(1)]), f.u);
  for (const [n, k] of f.rest) addTerm(sym(n), k);
  if (f.c !== 0 || e === null) {
    if (e === null) return num(f.c);
    addTerm(num(Math.abs(f.c)), Math.sign(f.c));
  }
  return e!;
}

function substitute(e: Expr, name: string, by: Expr): Expr {
  if (e.op === "sym" && e.name === name) return by;
  if (e.args.length === 0) return e;
  return { ...e, args: e.args.map((a) => substitute(a, name, by)) };
}

const mentions = (e: Expr, name: string): boolean => (e.op === "sym" && e.name === name) || e.args.some((a) => mentions(a, name));

/** The factors of a product chain, left to right. */
const factors = (e: Expr): Expr[] => (e.op === "mul" ? [...factors(e.args[0]!), ...factors(e.args[1]!)] : [e]);
const product = (fs: readonly Expr[]): Expr => fs.reduce((a, b) => node("mul", [a, b]));

/**
 * One step unfolded in both sides of `closed(t) = step(closed(t - 1))` (see
 * the file comment); null when nothing changed (the engine already had its
 * chance on the claim as written). `first` is the smallest t of the step.
 */
export function unfoldStep(sides: readonly [Expr, Expr], t: string, first: number): [Expr, Expr] | null {
  let changed = false;
  const visit = (e: Expr): Expr => {
    if (e.op === "pow") {
      const [x, k] = e.args as [Expr, Expr];
      const f = linear(k);
      if (f && f.coef.size > 0) {
        const g = inU(f, t);
        const base = visit(x);
        if (g.u >= 1 && g.c >= 1 && g.c <= 4) {
          changed = true;
          return node("mul", [g.c === 1 ? base : node("pow", [base, num(g.c)]), node("pow", [base, build({ ...g, c: 0 }, t)])]);
        }
        const canon = build(g, t);
        return node("pow", [base, canon]);
      }
    }
    if ((e.op === "sum" || e.op === "prod") && e.args.length === 4) {
      const [body, i, lo, hi] = e.args as [Expr, Expr, Expr, Expr];
      const fl = linear(lo);
      const fh = linear(hi);
      const gh = fh && inU(fh, t);
      if (fl && fl.coef.size === 0 && fl.c <= first && gh && gh.u === 1 && gh.c === 1 && gh.rest.length === 0) {
        changed = true;
        const head = node(e.op, [body, i, lo, build({ ...gh, c: 0 }, t)]);
        const last = substitute(body, i.name!, sym(t));
        return visit(node(e.op === "sum" ? "add" : "mul", [head, last]));
      }
      const inner = visit(body);
      const bounds = [fl ? build(inU(fl, t), t) : visit(lo), gh ? build(gh, t) : visit(hi)];
      if (e.op === "sum") {
        // factors free of the index leave the sum: a prefix to the left, a suffix to the right
        const fs = factors(inner);
        let a = 0;
        while (a < fs.length - 1 && !mentions(fs[a]!, i.name!)) a++;
        let b = fs.length;
        while (b - 1 > a && !mentions(fs[b - 1]!, i.name!)) b--;
        if (a > 0 || b < fs.length) {
          changed = true;
          const s = node("sum", [product(fs.slice(a, b)), i, ...bounds]);
          return product([...fs.slice(0, a), s, ...fs.slice(b)]);
        }
      }
      return node(e.op, [inner, i, ...bounds]);
    }
    if (e.args.length === 0) return e;
    return { ...e, args: e.args.map(visit) };
  };
  const out: [Expr, Expr] = [visit(sides[0]), visit(sides[1])];
  return changed ? out : null;
}
