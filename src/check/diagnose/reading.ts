// (f) A worked-example number that is right for a neighbouring reading:
// log read as base 10 or base 2 (the language's log is natural), an angle
// read in degrees (a calculator in degree mode), and the author's rounding
// of an intermediate value: each constant subexpression of the left side
// rounded to 1-4 significant digits or 0-4 decimals, every occurrence at once
// (the author computed it once and reused the rounded number).
//
// The rounded readings are many, so they are screened by evaluating the
// rewritten left side (a bounded count of evaluations, never the clock);
// only the ones that match the author's number become variants, which
// index.ts re-checks like every other diagnosis.
//
// In a worked example (given values, dsl/given.ts) a name with a given value
// is a number too: `sigmoid(w5 * h1)` is an intermediate the author may have
// rounded. Values are computed here with the evaluator itself (not through
// check/evaluate.ts, which imports check/claim.ts, which imports this file).

import { type Expr, key, node, num } from "../../core/ast.js";
import { Evaluator } from "../../numeric/evaluate.js";
import { Resolver } from "../../parse/resolve.js";
import { Scope } from "../../parse/scope.js";
import { roundingTolerance } from "../relations.js";
import { isConstant, replacements, show } from "./tree.js";
import type { GivenValues } from "./types.js";
import type { Variant } from "./variants.js";

/** evaluations the rounding screen may spend on one refuted claim */
const SCREEN_BUDGET = 60;
/** intermediate values tried, innermost first */
const MAX_INTERMEDIATES = 8;
/** at most this many rounded readings are proposed (each costs a re-check) */
const MAX_ROUNDED = 2;

type Rewrite = { to: Expr; what: string };

const TRIG = new Set(["sin", "cos", "tan"]);

/** log read in another base, an angle read in degrees. */
function readings(n: Expr): Rewrite[] {
  const [x] = n.args;
  if (n.op === "log" && n.args.length === 1) {
    return [10, 2].map((b) => ({ to: node("div", [n, node("log", [num(b)])]), what: `right if log is base ${b}: ${show(n)} read as log base ${b} of ${show(x!)}` }));
  }
  if (TRIG.has(n.op) && n.args.length === 1) {
    const deg = node(n.op, [node("div", [node("mul", [x!, { op: "sym", args: [], name: "pi", pos: 0, end: 0 }]), num(180)])]);
    return [{ to: deg, what: `right if the angle is in degrees: ${show(n)} with ${show(x!)} degrees` }];
  }
  return [];
}

export function readingVariants(l: Expr, r: Expr, rel: string, given?: GivenValues): Variant[] {
  const known = given ? new Set(given.values.keys()) : undefined;
  const claim = (a: Expr, b: Expr): string => `${show(a)} ${rel} ${show(b)}`;
  const out: Variant[] = [];
  for (const x of replacements(l, readings)) out.push({ kind: "reading", claim: claim(x.tree, r), message: x.what });
  for (const x of replacements(r, readings)) out.push({ kind: "reading", claim: claim(l, x.tree), message: x.what });
  // `sigmoid(0.6) = 0.6457`: the author's rounding of the answer itself, written with `=`
  // only for a number written with decimals: `= 0` or `= 2` means exactly that, not a rounding
  if (rel === "=" && isConstant(l, known) && isConstant(r, known) && roundingTolerance(r)?.every((t) => t < 0.5)) {
    out.push({ kind: "reading", claim: `${show(l)} ≈ ${show(r)}`, message: `right to the digits written: ${show(r)} is ${show(l)} rounded (write ≈)` });
  }
  out.push(...roundedVariants(l, r, rel, given));
  return out;
}

const NO_GIVEN: GivenValues = { scope: new Scope([]), values: new Map() };

/** A finite scalar value of a constant expression (given names at their values), or null. */
function valueOf(e: Expr, given: GivenValues): number | null {
  try {
    const v = new Evaluator({ sizes: new Map(), values: new Map(given.values) }).evaluate(new Resolver(given.scope).resolve(e));
    return v.isScalar() && Number.isFinite(v.scalar()) ? v.scalar() : null;
  } catch {
    return null;
  }
}

/**
 * The distinct roundings of v a person writes: 1-4 significant digits, 0-4
 * decimals; never v itself, never 0, and never one that moves v by half of
 * itself or more (0.5 "rounded" to 1 by 0 decimals doubles it; -0.008 to two
 * decimals, -0.01, is how an author who writes two decimals goes on).
 */
function roundings(v: number): string[] {
  const out = new Set<string>();
  for (let d = 4; d >= 1; d--) out.add(String(Number(v.toPrecision(d))));
  for (let d = 4; d >= 0; d--) out.add(String(Number(v.toFixed(d))));
  return [...out].filter((t) => Number(t) !== v && Number(t) !== 0 && Math.abs(Number(t) - v) < 0.5 * Math.abs(v));
}

/** Operators whose first argument binds a name (the variable of a derivative, the index of a sum). */
const BINDERS = new Set(["diff", "grad", "jacobian", "hessian", "sum", "prod"]);

const mentions = (e: Expr, names: ReadonlySet<string>): boolean => (e.op === "sym" && names.has(e.name!)) || e.args.some((a) => mentions(a, names));


/** Constant intermediate subtrees of e, innermost first, one per distinct expression (not literals, not e itself). */
function intermediates(e: Expr, known: ReadonlySet<string> | undefined): Expr[] {
  const seen = new Map<string, Expr>();
  // inside diff(f, w) a subtree in w is a function of w, not a number, even when w has a given value
  const visit = (n: Expr, top: boolean, bound: ReadonlySet<string>): void => {
    const inner = BINDERS.has(n.op) && n.args[1]?.op === "sym" ? new Set([...bound, n.args[1]!.name!]) : bound;
    n.args.forEach((a, i) => visit(a, false, i === 0 ? inner : bound));
    if (top || n.op === "num" || n.op === "sym" || (n.op === "neg" && n.args[0]!.op === "num") || !isConstant(n, known) || mentions(n, bound)) return;
    if (!seen.has(key(n))) seen.set(key(n), n);
  };
  visit(e, true, new Set());
  return [...seen.values()].slice(0, MAX_INTERMEDIATES);
}

/** Every occurrence of the subtree `m` replaced by `by`, except inside a derivative or sum in a name m uses. */
function replaceAll(e: Expr, m: Expr, by: Expr): Expr {
  if (key(e) === key(m)) return by;
  if (BINDERS.has(e.op) && e.args[1]?.op === "sym" && mentions(m, new Set([e.args[1]!.name!]))) return e;
  return e.args.length ? { ...e, args: e.args.map((a) => replaceAll(a, m, by)) } : e;
}

/** The author's rounding of an intermediate value: only for a claim of numbers (`lhs = v`, `lhs ≈ v`). */
function roundedVariants(l: Expr, r: Expr, rel: string, given: GivenValues = NO_GIVEN): Variant[] {
  const known = new Set(given.values.keys());
  if (!isConstant(l, known) || !isConstant(r, known)) return [];
  const out: Variant[] = [];
  let spent = 0;
  try {
    const want = valueOf(r, given);
    if (want === null) return [];
    const tol = rel === "≈" ? (roundingTolerance(r)?.[0] ?? null) : 1e-9 * Math.max(1, Math.abs(want));
    if (tol === null) return [];
    for (const m of intermediates(l, known)) {
      const v = valueOf(m, given);
      spent++;
      if (v === null) continue;
      for (const t of roundings(v)) {
        if (spent >= SCREEN_BUDGET || out.length >= MAX_ROUNDED) return out;
        const lit = t.startsWith("-") ? node("neg", [num(-Number(t), 0, 0, t.slice(1))]) : num(Number(t), 0, 0, t);
        const lhs = replaceAll(l, m, lit);
        const got = valueOf(lhs, given);
        spent++;
        if (got === null || !(Math.abs(got - want) <= tol + 1e-12 * Math.max(1, Math.abs(want)))) continue;
        out.push({ kind: "reading", claim: `${show(lhs)} ${rel} ${show(r)}`, message: `right with ${show(m)} rounded to ${t}` });
        break;
      }
    }
  } catch {
    // a value that cannot be computed: no rounding reading
  }
  return out;
}
