// Claims about a worked example: some names have given values (`given: { x1:
// 1, w1: 0.1 }`). The claim is evaluated at those values (other variables, if
// any, are drawn at random as usual), so `z1 ≈ 0.4` is held to the author's
// rounding and `diff(L, w1)` is the finite-difference derivative of the whole
// computation at w1 = 0.1. This is the numeric half of check/claim.ts with
// some values fixed; there is no symbolic proof at given values.

import type { Expr } from "../core/ast.js";
import { DeriveError, asDeriveError, located } from "../core/errors.js";
import { type Dim, SCALAR, dimNames, isScalar, sameShape, shape, showShape, dimsOf as shapeDims, tensorShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { type Declaration, type TNode, variablesOf } from "../core/typed.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { holds } from "../numeric/properties.js";
import { Random } from "../numeric/random.js";
import { drawScalar, drawSizes, drawValue } from "../numeric/sampler.js";
import { type Claim, parseClaim, parseExpr } from "../parse/parser.js";
import { Resolver } from "../parse/resolve.js";
import { Scope } from "../parse/scope.js";
import { type Counterexample, printClaim } from "../check/claim.js";
import { hintFor } from "../check/hints.js";
import { entryDifferences } from "../check/entries.js";
import type { Diagnosis } from "../check/diagnose/index.js";
import { decide, roundingTolerance } from "../check/relations.js";
import { type JsonValue, formatValue, toJson, toText } from "../check/values.js";
import { type ProofMethod, combineNumberProof } from "../check/numbers.js";
import { proveAtGiven, proveIdentityAtGiven } from "./given-proof.js";
import { givenDiagnoses } from "./given-diagnose.js";
import { type SymbolicResult, hasDerivative, symbolicCheck } from "../symbolic/prove.js";
import { difference } from "../check/tolerance.js";

export interface Outcome {
  verdict: "proved" | "verified" | "refuted" | "error";
  detail: string;
  /** undeclared names taken as scalars */
  assumptions: string[];
  /** for proved: how (the symbolic engine, exact or interval arithmetic) */
  method?: ProofMethod;
  /** for refuted: the point, as `derive equal --json` gives it */
  counterexample?: Counterexample | null;
  /** the first point found, before shrinking (check/shrink.ts) */
  counterexampleOriginal?: Counterexample | null;
  /** the likely slips (check/diagnose/), for a refuted claim */
  diagnoses?: Diagnosis[];
}

/** Scope and fixed values for a derivation's declarations plus its given values. */
export interface Bound {
  readonly scope: Scope;
  /** the given values (and the sizes they fix, as values of the dimensions' names) */
  readonly values: ReadonlyMap<string, Tensor>;
}

/** Parses given values and declares each one not declared already (with the value's own shape). */
export function bindGiven(lets: readonly string[], given: Readonly<Record<string, number | string>>, only?: ReadonlySet<string>): Bound {
  const base = Scope.parse(lets);
  const values = new Map<string, Tensor>();
  const sizes = new Map<string, number>();
  const extra: Declaration[] = [];
  for (const [name, raw] of Object.entries(given)) {
    if (only && !only.has(name)) continue;
    const where = `given ${name}`;
    let v = valueOf(raw, where);
    const d = base.decls.get(name);
    if (!d) {
      extra.push({ name, shape: v.isTensor ? tensorShape(v.shape) : v.rows === 1 && v.cols === 1 ? SCALAR : shape(v.rows, v.cols), properties: [], origin: where });
      values.set(name, v);
      continue;
    }
    // a vector may be written as a row: [1, 2, 3]
    if (d.shape.cols === 1 && d.shape.rows !== 1 && v.rows === 1 && v.cols > 1 && !d.shape.lead && !v.isTensor) v = new Tensor([v.cols, 1], v.data.slice());
    const bind = (dim: Dim, n: number): void => {
      if (typeof dim === "number") {
        if (dim !== n) throw new DeriveError("value", `${name} is declared ${showShape(d.shape)} but its given value is ${v.isTensor ? v.shape.join(" x ") : `${v.rows} x ${v.cols}`}`, null, where);
        return;
      }
      if (dimNames(dim).length !== 1) throw new DeriveError("value", `cannot give a value to ${name} of size ${showShape(d.shape)}`, null, where);
      const prev = sizes.get(dim);
      if (prev !== undefined && prev !== n) throw new DeriveError("value", `${name} makes ${dim} = ${n}, but another given value makes it ${prev}`, null, where);
      sizes.set(dim, n);
    };
    // a rank > 2 value (reshape(...)) binds its leading dimensions too; ranks must agree
    const lead = d.shape.lead ?? [];
    if (v.isTensor !== lead.length > 0 || (lead.length > 0 && v.shape.length !== lead.length + 2)) {
      throw new DeriveError("value", `${name} is declared ${showShape(d.shape)} but its given value is ${v.isTensor ? v.shape.join(" x ") : `${v.rows} x ${v.cols}`}`, null, where);
    }
    lead.forEach((dim, k) => bind(dim, v.shape[k]!));
    bind(d.shape.rows, v.rows);
    bind(d.shape.cols, v.cols);
    for (const p of d.properties) {
      if (!holds(p, v, d.properties)) throw new DeriveError("value", `${name} is declared ${p}, but its given value ${toText(v, 6)} is not`, null, where);
    }
    values.set(name, v);
  }
  // a size fixed by a given value is that number in every declaration (so that
  // shapes check symbolically), and the dimension's name used as a value is it
  const fix = (dim: Dim): Dim => (typeof dim === "string" && sizes.has(dim) ? sizes.get(dim)! : dim);
  const decls = [...base.decls.values()].map((d) => ({ ...d, shape: d.shape.lead ? tensorShape(shapeDims(d.shape).map(fix)) : shape(fix(d.shape.rows), fix(d.shape.cols)) }));
  for (const [dim, n] of sizes) {
    if (base.decls.has(dim) || values.has(dim)) continue;
    extra.push({ name: dim, shape: SCALAR, properties: [], origin: `the size of ${dim}` });
    values.set(dim, Tensor.scalar(n));
  }
  return { scope: new Scope([...decls, ...extra]), values };
}

function valueOf(raw: number | string, where: string): Tensor {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw new DeriveError("value", `the value is not finite (${raw})`, null, where);
    return Tensor.scalar(raw);
  }
  if (typeof raw !== "string") throw new DeriveError("value", `a given value is a number or a string such as "[1, 2; 3, 4]", not ${typeof raw}`, null, where);
  const r = new Resolver(new Scope([]));
  const node = located(where, () => r.resolve(parseExpr(raw)));
  if (r.assumptions.size > 0) throw new DeriveError("value", `a given value must be numbers only, not ${[...r.assumptions.keys()].join(", ")}`, null, where);
  const v = new Evaluator({ sizes: new Map(), values: new Map() }).evaluate(node);
  if (!v.allFinite()) throw new DeriveError("value", "the value is not finite (NaN or Inf)", null, where);
  return v;
}



/** Dimension names the shapes of a typed tree mention. */
function dimsOf(nodes: readonly TNode[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: TNode): void => {
    for (const d of shapeDims(n.shape)) for (const name of dimNames(d)) out.add(name);
    if (n.op === "dimval") out.add(n.name!);
    n.args.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

/** Draws the free variables and dimensions around fixed values. */
export function makeDrawer(bound: Bound, resolver: Resolver, rng: Random) {
  return (vars: Iterable<string>, first: boolean, variant: number): Point => {
    const sizes = drawSizes([...resolver.dims], resolver.minDims, rng, first);
    const values = new Map<string, Tensor>();
    for (const v of vars) {
      const fixed = bound.values.get(v);
      if (fixed) values.set(v, fixed);
      else {
        const d = bound.scope.decls.get(v);
        values.set(v, d ? drawValue(d, sizes, rng, variant) : drawScalar(rng));
      }
    }
    return { sizes, values };
  };
}

/**
 * Checks a claim at the given values (see the file comment). A refuted claim
 * gets the near-miss diagnoses of a worked number (./given-diagnose.ts), each
 * corrected claim checked again here at the same given values (float check
 * only, no diagnoses of its own); they never change the verdict.
 */
export function checkAtGiven(text: string, lets: readonly string[], given: Readonly<Record<string, number | string>>, seed: number, samples: number): Outcome {
  const o = checkAtGivenNow(text, lets, given, seed, samples, true);
  if (o.verdict !== "refuted") return o;
  const recheck = (claim: string, again: string[], s: number): boolean => {
    const v = checkAtGivenNow(claim, again, given, s, samples, false).verdict;
    return v === "verified" || v === "proved";
  };
  let bound: Bound;
  try {
    bound = bindGiven(lets, given);
  } catch {
    return o;
  }
  return { ...o, diagnoses: givenDiagnoses(text, lets, bound, o.counterexample?.hint ?? null, seed, recheck) };
}

function checkAtGivenNow(text: string, lets: readonly string[], given: Readonly<Record<string, number | string>>, seed: number, samples: number, prove: boolean): Outcome {
  let assumptions: string[] = [];
  try {
    const bound = bindGiven(lets, given);
    const claim = located("claim", () => parseClaim(text, { isVariable: bound.scope.isVariable }));
    if (claim.relations.length === 0) throw new DeriveError("usage", "a step needs a relation (=, ≈, <, <=, >, >=, ∝)", null, "claim");
    if (claim.relations.includes("∝")) throw new DeriveError("usage", "∝ compares values across samples of a variable; it cannot be checked at given values (use d.argmin, or a claim without given values)", null, "claim");
    const resolver = new Resolver(bound.scope);
    const sides = resolver.resolveSides(claim.sides, claim.sides.map(() => "claim"));
    assumptions = [...resolver.assumptions.keys()].map((n) => `${n}: scalar`);
    checkShapes(claim, sides);
    const approx = approximation(claim, sides, resolver);
    const vars = variablesOf(sides);
    const free = [...vars].filter((v) => !bound.values.has(v) && !resolver.boundNames.has(v));
    const freeDims = [...dimsOf(sides)];
    const wanted = free.length === 0 && freeDims.length === 0 ? 1 : samples;
    const rng = new Random(seed);
    const draw = makeDrawer(bound, resolver, rng);
    let valid = 0;
    let maxRel = 0;
    let shown = "";
    let lastInvalid = "";
    let lastPoint: Point | null = null;
    for (let attempt = 0; attempt < wanted * 25 && valid < wanted; attempt++) {
      const point = draw(vars, valid === 0, attempt);
      lastPoint = point;
      let values: Tensor[];
      try {
        values = evaluateSides(sides, point, 0.1);
      } catch (e) {
        if (!(e instanceof InvalidSample)) throw e;
        if (wanted === 1) throw new DeriveError("value", `cannot evaluate the claim at the given values: ${e.message}`);
        lastInvalid = e.message;
        continue;
      }
      if (!values.every((v) => v.allFinite())) {
        if (wanted === 1) throw new DeriveError("value", `a side is not finite at the given values (${values.map((v) => toText(v, 6)).join(" and ")})`);
        lastInvalid = "a side is not finite";
        continue;
      }
      const failed = firstFailure(claim, values, approx);
      if (failed >= 0) {
        // re-confirm with another finite-difference step before refuting
        const again = evaluateSides(sides, point, 0.03);
        if (firstFailure(claim, again, approx) >= 0) {
          const refuted = { verdict: "refuted" as const, ...refutation(claim, again, failed, point, bound, approx), assumptions };
          return wanted === 1 && prove ? withGivenProof(refuted, claim, sides, bound, given, point) : refuted;
        }
        lastInvalid = "a failing sample did not re-confirm";
        continue;
      }
      valid++;
      for (let i = 0; i < claim.relations.length; i++) maxRel = Math.max(maxRel, decide(claim.relations[i]!, values[i]!, values[i + 1]!, approx).relError);
      if (!shown) shown = values.map((v) => toText(v, 6)).join(` ${claim.relations[0]} `);
    }
    if (valid < wanted) throw new DeriveError("sample", `no valid sample could be drawn around the given values: ${valid} of ${wanted}${lastInvalid ? ` (last reason: ${lastInvalid})` : ""}`);
    const within = approx ? `, within ±${approx.tol.length === 1 ? formatValue(approx.tol[0]!, 6) : "the rounding of each entry"}` : "";
    const detail =
      wanted === 1
        ? `verified at the given values: ${shown}${within}`
        : `verified on ${valid} samples with the given values fixed (${free.join(", ") || "sizes"} drawn), max rel. error ${maxRel.toExponential(1)}${within}`;
    const verified = { verdict: "verified" as const, detail, assumptions };
    if (!prove) return verified;
    if (wanted === 1 && lastPoint) return withGivenProof(verified, claim, sides, bound, given, lastPoint);
    // free variables beside the given values, at concrete sizes: an identity in them
    return freeDims.length === 0 && lastPoint ? withGivenProof(verified, claim, sides, bound, given, lastPoint, free) : verified;
  } catch (e) {
    const err = asDeriveError(e);
    return { verdict: "error", detail: err.message, assumptions };
  }
}

/**
 * With every value given, exact or interval arithmetic may prove the claim
 * (./given-proof.ts): "verified" becomes "proved"; a float refutation of a
 * proved claim is an engine error (check/numbers.ts).
 */
function withGivenProof(o: Outcome, claim: Claim, sides: readonly TNode[], bound: Bound, given: Readonly<Record<string, number | string>>, point: Point, free: readonly string[] = []): Outcome {
  const expanded = expandedAt(sides, claim, bound, point);
  if (expanded === "symbolic") {
    // an identity in every variable holds at the given values too
    return o.verdict === "verified" ? { ...o, verdict: "proved", method: "symbolic", detail: `proved symbolically, so at the given values too; the float check agrees (${o.detail})` } : o;
  }
  const c = { sides: expanded ?? [], relations: claim.relations, tolerance: claim.tolerance };
  const proof = !expanded ? null : free.length ? proveIdentityAtGiven(c, bound.values, given, free) : proveAtGiven(c, bound.values, given, point.sizes);
  const combined = combineNumberProof(proof, o);
  return { ...o, ...combined, counterexample: combined.verdict === "error" ? null : o.counterexample };
}

/**
 * The sides with their derivatives expanded by the symbolic engine, each
 * expansion cross-checked against the finite differences of the side at the
 * point (as check/claim.ts does at every sample); "symbolic" when the engine
 * proves the claim as an identity; null when a derivative cannot be expanded
 * or its expansion disagrees.
 */
function expandedAt(sides: readonly TNode[], claim: Claim, bound: Bound, point: Point): TNode[] | "symbolic" | null {
  let sym: SymbolicResult;
  try {
    sym = symbolicCheck(sides, claim.relations, bound.scope);
  } catch {
    return sides.some(hasDerivative) ? null : [...sides];
  }
  if (sym.status === "proved") return "symbolic";
  const out: TNode[] = [];
  for (let i = 0; i < sides.length; i++) {
    const side = sides[i]!;
    const e = hasDerivative(side) ? sym.expanded[i] : side;
    if (!e) return null;
    if (e !== side) {
      try {
        const [fd] = evaluateSides([side], point, 0.1);
        const [viaRule] = evaluateSides([e], point, 0.1);
        if (!fd!.allFinite() || !viaRule!.allFinite() || !difference(fd!, viaRule!).equal) return null;
      } catch {
        return null;
      }
    }
    out.push(e);
  }
  return out;
}

function evaluateSides(sides: readonly TNode[], point: Point, fdStep: number): Tensor[] {
  const ev = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
  ev.fdStep = fdStep;
  return sides.map(ev.evaluate);
}

function firstFailure(claim: Claim, values: readonly Tensor[], approx: { tol: number[] } | null): number {
  for (let i = 0; i < claim.relations.length; i++) {
    if (!decide(claim.relations[i]!, values[i]!, values[i + 1]!, approx).holds) return i;
  }
  return -1;
}

function checkShapes(claim: Claim, sides: readonly TNode[]): void {
  for (let i = 0; i + 1 < sides.length; i++) {
    const a = sides[i]!.shape;
    const b = sides[i + 1]!.shape;
    const rel = claim.relations[i]!;
    const broadcast = rel !== "=" && (isScalar(a) || isScalar(b));
    if (!sameShape(a, b) && !broadcast) throw new DeriveError("shape", `the sides have different shapes: ${showShape(a)} and ${showShape(b)}`, null, "claim");
  }
}

/** `≈ v` (rounding of v) or `≈ v ± tol`, as check/claim.ts reads it (testing/claim-at.ts shares it); the number side goes last. */
export function approximation(claim: Claim, sides: TNode[], resolver: Resolver): { tol: number[] } | null {
  if (!claim.relations.includes("≈")) return null;
  if (claim.relations.length !== 1) throw new DeriveError("syntax", "≈ cannot be chained with other relations", null, "claim");
  let [lhs, rhs] = claim.sides as [Expr, Expr];
  if (!roundingTolerance(rhs) && roundingTolerance(lhs)) {
    [lhs, rhs] = [rhs, lhs];
    sides.reverse();
  }
  if (claim.tolerance) {
    const t = new Evaluator({ sizes: new Map(), values: new Map() }).evaluate(resolver.resolve(claim.tolerance));
    if (!t.isScalar() || !(t.scalar() >= 0)) throw new DeriveError("value", "the tolerance after ± must be a non-negative number", claim.tolerance.pos, "claim");
    return { tol: [t.scalar()] };
  }
  const tol = roundingTolerance(rhs);
  if (!tol) throw new DeriveError("syntax", "≈ compares with a number written to some decimals (≈ 0.65), or give a tolerance (≈ v ± 0.01)", rhs.pos, "claim");
  return { tol };
}

function refutation(claim: Claim, values: readonly Tensor[], at: number, point: Point, bound: Bound, approx: { tol: number[] } | null): { detail: string; counterexample: Counterexample } {
  const rel = claim.relations[at]!;
  const a = values[at]!;
  const b = values[at + 1]!;
  const drawn = [...point.values].filter(([k]) => !bound.values.has(k)).map(([k, v]) => `${k} = ${toText(v)}`);
  const where = drawn.length ? `at the given values and ${drawn.join("; ")}` : "at the given values";
  const tol = approx && rel === "≈" ? ` (allowed ±${approx.tol.length === 1 ? formatValue(approx.tol[0]!, 6) : "the rounding of each entry"})` : "";
  const detail = `refuted (${rel} fails) ${where}: ${printClaim({ ...claim, sides: claim.sides.slice(at, at + 2), relations: [rel], proptoIn: [] })} has lhs = ${toText(a, 6)}, rhs = ${toText(b, 6)}${tol}`;
  // the same object as `derive equal --json`: every value at the point, given or drawn
  // the sizes of the values at the point (not every dimension the derivation declares)
  const used = new Set<string>();
  for (const k of point.values.keys()) {
    const sh = bound.scope.decls.get(k)?.shape;
    if (sh) for (const dim of [...(sh.lead ?? []), sh.rows, sh.cols]) if (typeof dim !== "number") dimNames(dim).forEach((n) => used.add(n));
  }
  const dims: Record<string, number> = Object.fromEntries([...point.sizes].filter(([k]) => used.has(k)));
  const vals: Record<string, JsonValue> = {};
  for (const [k, v] of point.values) vals[k] = toJson(v);
  const text = [...Object.entries(dims).map(([k, v]) => `${k} = ${v}`), ...[...point.values].map(([k, v]) => `${k} = ${toText(v)}`)].join("; ");
  const hint = rel === "=" ? hintFor(a, b) : null;
  return { detail, counterexample: { dims, values: vals, lhs: toJson(a), rhs: toJson(b), text, hint, notes: [], entries: entryDifferences(a, b) } };
}
