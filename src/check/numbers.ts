// Proofs for claims about given numbers (`0.3 * 0 + 0.2 * 1 + 0.2 = 0.4`,
// `1 / (1 + e^(-0.6)) ≈ 0.65`, `zh2 < 0`, `convout(227, 11, 4) = 55`): the
// sides are evaluated in exact rational arithmetic where only + - * /, integer
// powers and integer functions occur (decimals read as written: 0.3 is 3/10),
// else in rigorous interval arithmetic with outward rounding (exp, log, sqrt,
// sigmoid, tanh, softplus). What each relation needs:
//   =          exact values equal entrywise (an interval never proves `=`)
//   ≈ v        every value (or its whole interval) within the rounding of the
//              literal v as the language defines it (½·10^-d for d decimals),
//              or within `± tol` for a literal tol, compared exactly
//   < <= > >=  the exact values, or the intervals, are separated
// This only ever proves. When the arithmetic cannot decide (an interval too
// wide, an operator it does not cover) or finds the claim false, the caller
// keeps today's sampled verdict: nothing is refuted here, and a claim the float
// check refutes is never reported as proved (check/claim.ts, dsl/given.ts).

import type { Expr } from "../core/ast.js";
import { type Interval, Undecided } from "../core/interval.js";
import { Rational } from "../core/rational.js";
import type { TNode } from "../core/typed.js";
import { type Mat, evaluateIn, scalarMat } from "../numeric/exact.js";
import { EXACT } from "../numeric/fields.js";
import { type AtomValue, WHOLE, atomField } from "../numeric/atoms.js";
import type { Relation } from "../parse/parser.js";

export type NumberMethod = "exact" | "interval";
/** How a verdict "proved" was reached (the `method` of the JSON reports); "induction": a recurrence's base case and inductive step, each proved symbolically. */
export type ProofMethod = "symbolic" | NumberMethod | "induction";

export interface NumberProof {
  /** exact or interval arithmetic; symbolic for a rank bound read off the shapes (rank-bound.ts) */
  readonly method: ProofMethod;
  /** one line: the values and what they were compared with */
  readonly detail: string;
}

/** Given values (and bound sizes), as exact rationals where known and as intervals otherwise. */
export interface NumberPoint {
  readonly sizes: ReadonlyMap<string, number>;
  readonly exact: ReadonlyMap<string, Mat<Rational>>;
  /** names known only as intervals (a given value written with exp(...)) */
  readonly intervals: ReadonlyMap<string, Mat<Interval>>;
}

export const NO_VALUES: NumberPoint = { sizes: new Map(), exact: new Map(), intervals: new Map() };

export interface NumberClaim {
  readonly sides: readonly TNode[];
  readonly relations: readonly Relation[];
  /** the literal side of `≈` is sides[1]; the written tolerance after ±, if any */
  readonly tolerance: Expr | null;
}

/** A proof of the claim by exact or interval arithmetic, or null (undecided, or false: left to sampling). */
export function proveNumbers(c: NumberClaim, at: NumberPoint = NO_VALUES): NumberProof | null {
  if (c.relations.includes("∝") || c.sides.length < 2) return null;
  let tol: Rational[] | null = null;
  if (c.relations.includes("≈")) {
    tol = c.tolerance ? literalTolerance(c.tolerance) : exactRoundingTolerance(c.sides[1]!);
    if (!tol) return null;
  }
  const exact = at.intervals.size === 0 ? tryIn(() => c.sides.map((s) => evaluateIn(EXACT, s, { sizes: at.sizes, values: at.exact }))) : null;
  if (exact) return decideExact(c, exact, tol);
  // otherwise: polynomials in the transcendental values (numeric/atoms.ts), each with its interval
  const F = atomField();
  const values = new Map<string, Mat<AtomValue>>();
  for (const [k, v] of at.exact) values.set(k, { rows: v.rows, cols: v.cols, data: v.data.map(F.rational) });
  for (const [k, v] of at.intervals) values.set(k, { rows: v.rows, cols: v.cols, data: v.data.map((x, i) => F.opaque(`${k}[${i}]`, x)) });
  const sides = tryIn(() => c.sides.map((s) => evaluateIn(F, s, { sizes: at.sizes, values })));
  if (!sides) return null;
  // an equality needs the same polynomial; the other relations are decided on the intervals
  for (let i = 0; i < c.relations.length; i++) {
    if (c.relations[i] !== "=") continue;
    const [a, b] = [sides[i]!, sides[i + 1]!];
    const n = count(a, b);
    if (n === null) return null;
    for (let k = 0; k < n; k++) if (!F.equal(entry(a, k), entry(b, k))) return null;
  }
  const boxes = sides.map((m) => ({ rows: m.rows, cols: m.cols, data: m.data.map((x) => x.iv) }));
  // the literal of ≈ is exact even when the other side is an interval
  const literal = tol ? tryIn(() => evaluateIn(EXACT, c.sides[1]!, { sizes: at.sizes, values: new Map() })) : null;
  if (c.relations.every((r) => r === "=")) {
    const atoms = F.atomNames().length;
    return { method: "exact", detail: `proved exactly: both sides are the same rational function of ${atoms} transcendental value${atoms === 1 ? "" : "s"} (${boxes.map(showInterval).join(" = ")})` };
  }
  return decideIntervals(c, boxes, tol, literal);
}

/**
 * An equality with free variables at concrete sizes (`x' * a = x[1] * a[1] +
 * x[2] * a[2]` with x, a: 2): every entry of every variable is an atom of
 * unknown value (numeric/atoms.ts in identity mode), and the claim is proved
 * when both sides are the same rational function of them, which is an
 * identity for every value where the sides are defined. Only `=`; anything
 * that needs a sign (abs, relu) or an operator the arithmetic lacks is
 * undecided, and the sampled verdict stands.
 */
export function proveIdentity(
  c: NumberClaim,
  variables: ReadonlyMap<string, { rows: number; cols: number }>,
  indices: ReadonlyMap<string, number> = new Map(),
  /** given values, exactly (a worked example's numbers beside its free variables) */
  constants: ReadonlyMap<string, Mat<Rational>> = new Map(),
): NumberProof | null {
  if (!c.relations.every((r) => r === "=") || c.sides.length < 2) return null;
  const F = atomField(true);
  const values = new Map<string, Mat<AtomValue>>();
  for (const [k, v] of constants) values.set(k, { rows: v.rows, cols: v.cols, data: v.data.map(F.rational) });
  let entries = 0;
  for (const [name, { rows, cols }] of variables) {
    entries += rows * cols;
    if (entries > 400) return null; // a polynomial in that many unknowns is too large to expand here
    values.set(name, { rows, cols, data: Array.from({ length: rows * cols }, (_, k) => F.opaque(`${name}[${k}]`, WHOLE)) });
  }
  // an integer used as an index (`(A * B)[i, j]` with A: 3 x 3) takes each value where the claim is defined, in turn
  const combos = [...indices.values()].reduce((a, b) => a * b, 1);
  if (combos > 64) return null;
  const names = [...indices.keys()];
  for (let combo = 0; combo < combos; combo++) {
    let rest = combo;
    for (const name of names) {
      const size = indices.get(name)!;
      values.set(name, { rows: 1, cols: 1, data: [F.rational(Rational.int((rest % size) + 1))] });
      rest = Math.floor(rest / size);
    }
    const sides = tryIn(() => c.sides.map((s) => evaluateIn(F, s, { sizes: new Map(), values })));
    if (!sides) return null;
    for (let i = 0; i + 1 < sides.length; i++) {
      const [a, b] = [sides[i]!, sides[i + 1]!];
      const n = count(a, b);
      if (n === null) return null;
      for (let k = 0; k < n; k++) if (!F.equal(entry(a, k), entry(b, k))) return null;
    }
  }
  const over = names.length ? `, for every index ${names.map((n) => `${n} = 1..${indices.get(n)}`).join(", ")}` : "";
  const vars = [...variables.keys()];
  const others = F.atomNames().filter((k) => !k.startsWith("given ")).length;
  return {
    method: "exact",
    detail: `proved exactly: both sides are the same rational function of the entries of ${vars.join(", ") || "no variable"}${others ? ` and ${others} function value${others === 1 ? "" : "s"} of them` : ""}${over}`,
  };
}

function tryIn<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    // Undecided: the arithmetic cannot say; a RangeError from BigInt (division by 0): neither
    if (e instanceof Undecided || e instanceof RangeError) return null;
    throw e;
  }
}

/** Entry k of a side, a 1 x 1 side broadcasting. */
const entry = <T>(m: Mat<T>, k: number): T => (m.data.length === 1 ? m.data[0]! : m.data[k]!);
const count = (a: Mat<unknown>, b: Mat<unknown>): number | null => (a.data.length === b.data.length || a.data.length === 1 || b.data.length === 1 ? Math.max(a.data.length, b.data.length) : null);

/** Whether every link of a chain holds at every entry (a 1 x 1 side broadcasting); false when two sides' sizes do not fit. */
function everyEntry<T>(relations: readonly Relation[], v: readonly Mat<T>[], holds: (rel: Relation, x: T, y: T, k: number) => boolean): boolean {
  for (let i = 0; i < relations.length; i++) {
    const a = v[i]!;
    const b = v[i + 1]!;
    const n = count(a, b);
    if (n === null) return false;
    for (let k = 0; k < n; k++) if (!holds(relations[i]!, entry(a, k), entry(b, k), k)) return false;
  }
  return true;
}

function decideExact(c: NumberClaim, v: readonly Mat<Rational>[], tol: Rational[] | null): NumberProof | null {
  if (!everyEntry(c.relations, v, (rel, x, y, k) => holdsExact(rel, x, y, tol ? (tol.length === 1 ? tol[0]! : tol[k]!) : null))) return null;
  const shown = v.map(show).join(` ${c.relations[0]} `);
  return { method: "exact", detail: `proved exactly (rational arithmetic): ${shown}${tol ? ` within ±${tolText(tol)}` : ""}` };
}

function holdsExact(rel: Relation, x: Rational, y: Rational, tol: Rational | null): boolean {
  switch (rel) {
    case "=":
      return x.eq(y);
    case "≈":
      return tol !== null && x.sub(y).abs().cmp(tol) <= 0;
    case "<":
      return x.cmp(y) < 0;
    case "<=":
      return x.cmp(y) <= 0;
    case ">":
      return x.cmp(y) > 0;
    case ">=":
      return x.cmp(y) >= 0;
    default:
      return false;
  }
}

function decideIntervals(c: NumberClaim, v: readonly Mat<Interval>[], tol: Rational[] | null, literal: Mat<Rational> | null): NumberProof | null {
  const q = (x: number): Rational => Rational.ofDouble(x)!;
  const holds = (rel: Relation, x: Interval, y: Interval, k: number): boolean => {
    switch (rel) {
      case "≈": {
        if (!tol || !literal) return false;
        const t = tol.length === 1 ? tol[0]! : tol[k]!;
        const centre = entry(literal, k);
        // the whole interval inside [v - tol, v + tol], compared exactly
        return !(q(x.lo).cmp(centre.sub(t)) < 0 || q(x.hi).cmp(centre.add(t)) > 0);
      }
      case "<":
        return x.hi < y.lo;
      case "<=":
        return x.hi <= y.lo;
      case ">":
        return x.lo > y.hi;
      case ">=":
        return x.lo >= y.hi;
      case "=":
        return true; // decided exactly by the caller
      default:
        return false;
    }
  };
  if (!everyEntry(c.relations, v, holds)) return null;
  // `≈ 0.65`: the interval of the left side and the literal as written
  const shown = tol && literal ? `${showInterval(v[0]!)} ≈ ${show(literal)}` : v.map(showInterval).join(` ${c.relations[0]} `);
  return { method: "interval", detail: `proved by interval arithmetic: ${shown}${tol ? ` within ±${tolText(tol)}` : ""}` };
}

/** ±½·10^-d for each entry of the literal of `≈ v`, exactly (as relations.ts's roundingTolerance in floats). */
export function exactRoundingTolerance(e: Expr): Rational[] | null {
  if (e.op === "num") return [halfUnit(e.text ?? String(e.value))];
  if (e.op === "neg") return exactRoundingTolerance(e.args[0]!);
  if (e.op === "matrix") {
    const out: Rational[] = [];
    for (const a of e.args) {
      const t = exactRoundingTolerance(a);
      if (!t) return null;
      out.push(t[0]!);
    }
    return out;
  }
  return null;
}

/** ½·10^-d, d the decimals written (`0.65` -> 1/200, `1e-3` -> 1/2000, `2` -> 1/2), as halfUlpOfDecimals. */
function halfUnit(text: string): Rational {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return Rational.of(1n, 2n);
  const decimals = (m[2]?.length ?? 0) - Number(m[3] ?? 0);
  return decimals >= 0 ? Rational.of(1n, 2n * 10n ** BigInt(decimals)) : Rational.of(10n ** BigInt(-decimals), 2n);
}

/** The tolerance after ± when it is a decimal literal (anything else: left to sampling). */
function literalTolerance(e: Expr): Rational[] | null {
  if (e.op !== "num") return null;
  const t = Rational.decimal(e.text ?? String(e.value));
  return t && t.sign() >= 0 ? [t] : null;
}

function show(m: Mat<Rational>): string {
  const f = (r: Rational): string => (r.isInteger() ? r.toString() : `${r} (${Number(r.toNumber().toPrecision(6))})`);
  if (m.data.length === 1) return f(m.data[0]!);
  if (m.data.length > 6) return `[${m.rows} x ${m.cols} exact values]`;
  const rows: string[] = [];
  for (let i = 0; i < m.rows; i++) rows.push(m.data.slice(i * m.cols, (i + 1) * m.cols).map((r) => r.toString()).join(", "));
  return `[${rows.join("; ")}]`;
}

function showInterval(m: Mat<Interval>): string {
  const f = (x: Interval): string => (x.lo === x.hi ? String(x.lo) : `[${x.lo.toPrecision(8)}, ${x.hi.toPrecision(8)}]`);
  if (m.data.length === 1) return f(m.data[0]!);
  if (m.data.length > 4) return `${m.rows} x ${m.cols} intervals`;
  return `(${m.data.map(f).join(", ")})`;
}

function tolText(t: readonly Rational[]): string {
  if (t.length > 1) return "the rounding of each entry";
  return String(Number(t[0]!.toNumber().toPrecision(12)));
}

export { scalarMat };

/**
 * A sampled verdict with a number proof: "verified" becomes "proved" (the
 * float check agrees); "refuted" stays refuted only if there is no proof, and
 * with one the two disagree: an engine error naming both, never a pass.
 */
export function combineNumberProof<R extends { verdict: string; detail: string }>(proof: NumberProof | null, r: R): { verdict: R["verdict"] | "proved" | "error"; detail: string; method?: ProofMethod } {
  if (!proof) return r;
  if (r.verdict === "verified") return { verdict: "proved", method: proof.method, detail: `${proof.detail}; the float check agrees (${r.detail})` };
  if (r.verdict === "refuted") return { verdict: "error", detail: `engine error: ${proof.detail}, but the float check says: ${r.detail}` };
  return r;
}
