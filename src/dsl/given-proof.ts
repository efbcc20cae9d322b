// A claim whose every name has a given value (`zh1 = 0.3 * 0 + 0.2 * 1 + 0.2`
// with w = 0.3, x = 0 given) is proved by exact or interval arithmetic
// (check/numbers.ts) at the given values read as the author wrote them: a
// given 0.1 is 1/10, a given "[1, 2; 3, 4]" is evaluated exactly. Where a
// given value cannot be read exactly or disagrees with its float (a bug, not a
// reading), nothing is proved and the sampled verdict stands.

import { Undecided } from "../core/interval.js";
import type { Interval } from "../core/interval.js";
import { Rational } from "../core/rational.js";
import type { Tensor } from "../core/tensor.js";
import { type Mat, evaluateIn } from "../numeric/exact.js";
import { EXACT, INTERVAL } from "../numeric/fields.js";
import { parseExpr } from "../parse/parser.js";
import { Resolver } from "../parse/resolve.js";
import { Scope } from "../parse/scope.js";
import { type NumberClaim, type NumberProof, proveIdentity, proveNumbers } from "../check/numbers.js";
import type { TNode } from "../core/typed.js";

/** The proof of a claim at the given values, or null (undecided, or a value that cannot be read exactly). */
export function proveAtGiven(c: NumberClaim, values: ReadonlyMap<string, Tensor>, given: Readonly<Record<string, number | string>>, sizes: ReadonlyMap<string, number>): NumberProof | null {
  const exact = new Map<string, Mat<Rational>>();
  const intervals = new Map<string, Mat<Interval>>();
  for (const [name, t] of values) {
    const raw = Object.hasOwn(given, name) ? given[name] : undefined;
    const read = readGiven(raw, t);
    if (!read) continue; // a claim that uses it stays undecided
    if ("exact" in read) exact.set(name, read.exact);
    else intervals.set(name, read.interval);
  }
  return proveNumbers(c, { sizes, exact, intervals });
}

/**
 * A claim with free variables beside the given values (`W8new = W8 - η * ...`
 * with η drawn): an identity in the free variables' entries, with the given
 * values as exact constants (check/numbers.ts proveIdentity). Equalities only.
 */
export function proveIdentityAtGiven(c: NumberClaim, values: ReadonlyMap<string, Tensor>, given: Readonly<Record<string, number | string>>, free: readonly string[]): NumberProof | null {
  const shapes = new Map<string, { rows: number; cols: number }>();
  const visit = (n: TNode): boolean => {
    if (n.op === "sym" && free.includes(n.name!) && !shapes.has(n.name!)) {
      if (typeof n.shape.rows !== "number" || typeof n.shape.cols !== "number" || n.shape.lead) return false;
      shapes.set(n.name!, { rows: n.shape.rows, cols: n.shape.cols });
    }
    return n.args.every(visit);
  };
  if (!c.sides.every(visit) || shapes.size !== free.length) return null;
  const exact = new Map<string, Mat<Rational>>();
  for (const [name, t] of values) {
    if (free.includes(name)) continue;
    const read = readGiven(Object.hasOwn(given, name) ? given[name] : undefined, t);
    if (read && "exact" in read) exact.set(name, read.exact);
  }
  return proveIdentity(c, shapes, new Map(), exact);
}

type Read = { exact: Mat<Rational> } | { interval: Mat<Interval> };

/** A given value as written (a number, or an expression in the language), checked against its float. */
function readGiven(raw: number | string | undefined, t: Tensor): Read | null {
  if (t.isTensor) return null;
  if (raw === undefined || typeof raw === "number") {
    // a size fixed by a given value, or a number: its shortest decimal text is what was written
    const r = raw === undefined ? Rational.ofDouble(t.scalar()) : Rational.ofWritten(raw);
    if (!r || t.size !== 1) return null;
    return agrees({ rows: 1, cols: 1, data: [r] }, t) ? { exact: { rows: 1, cols: 1, data: [r] } } : null;
  }
  let node;
  try {
    node = new Resolver(new Scope([])).resolve(parseExpr(raw));
  } catch {
    return null;
  }
  const at = { sizes: new Map<string, number>(), values: new Map() };
  try {
    const m = fitTo(evaluateIn(EXACT, node, at), t);
    return m && agrees(m, t) ? { exact: m } : null;
  } catch (e) {
    if (!(e instanceof Undecided || e instanceof RangeError)) throw e;
  }
  try {
    const m = fitTo(evaluateIn(INTERVAL, node, at), t);
    // the float must lie in the interval (it was computed from the same text)
    return m && m.data.every((x, k) => x.lo - 1e-9 * Math.abs(x.lo) <= t.data[k]! && t.data[k]! <= x.hi + 1e-9 * Math.abs(x.hi)) ? { interval: m } : null;
  } catch (e) {
    if (e instanceof Undecided || e instanceof RangeError) return null;
    throw e;
  }
}

/** A vector written as a row where a column is declared is turned, as bindGiven does. */
function fitTo<T>(m: Mat<T>, t: Tensor): Mat<T> | null {
  if (m.rows === t.rows && m.cols === t.cols) return m;
  if (m.rows === 1 && t.cols === 1 && m.cols === t.rows) return { rows: t.rows, cols: 1, data: m.data };
  return null;
}

/** The exact reading and the float value are the same numbers up to float rounding. */
function agrees(m: Mat<Rational>, t: Tensor): boolean {
  return m.data.every((r, k) => {
    const x = r.toNumber();
    const y = t.data[k]!;
    return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)) + 1e-300;
  });
}
