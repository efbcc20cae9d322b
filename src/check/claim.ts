// A claim, from text to verdict. Parse and resolve both sides (all shapes
// checked symbolically first), then draw samples that respect the declared
// properties and decide the relation on each. A failure is re-confirmed on a
// fresh evaluation with other finite-difference steps before it refutes.

import type { Expr } from "../core/ast.js";
import { DeriveError, asDeriveError, located } from "../core/errors.js";
import { withDeadline } from "../core/deadline.js";
import { type Shape, isScalar, isTensor, sameShape, showShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { type TNode, variablesOf } from "../core/typed.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { type Claim, parseClaim, parseExpr, type Relation } from "../parse/parser.js";
import { printExpr } from "../parse/print.js";
import { Resolver } from "../parse/resolve.js";
import { Scope } from "../parse/scope.js";
import { type SymbolicResult, hasDerivative, symbolicCheck } from "../symbolic/prove.js";
import { difference } from "./tolerance.js";
import { hintFor } from "./hints.js";
import { statisticalSample, usesRandom } from "./statistical.js";
import { type ClaimKind, type ReadClaim, claimKind } from "./kinds.js";
import { decide, roundingTolerance } from "./relations.js";
import { asymptoticError, checkAsymptotic } from "./asymptotic.js";
import { DomainProbe, primalTrees } from "./domain-probe.js";
import { type Drawer, drawVar0, eachSample, freeScalars, sizePlan } from "./sampling.js";
import { decideAlongDirections, gradientClaim, refutedAlong } from "./directional.js";
import { SIZE_LADDER, type SizePlan, sizesText } from "../numeric/sizes.js";
import { adversarialSearch } from "./adversarial.js";
import { proveRankBound } from "./rank-bound.js";
import { type NumberProof, type ProofMethod, combineNumberProof, proveIdentity, proveNumbers } from "./numbers.js";
import { type JsonValue, toBrief, toJson, toText } from "./values.js";
import { type Found, shrinkCounterexample } from "./shrink.js";
import { type EntryReport, entryDifferences } from "./entries.js";
import { type Diagnosis, diagnose } from "./diagnose/index.js";

export const DEFAULT_SAMPLES = 6;
/** at most this many samples are drawn just to meet the sign patterns of the free scalars */
const MAX_SIGN_SAMPLES = 12;
/** a claim whose evaluation crosses kinks (abs, relu, step, floor, maxpool, ...) takes this many times the samples */
const KINK_FACTOR = 2;

export type Verdict = "proved" | "verified" | "refuted" | "error";

export interface Counterexample {
  dims: Record<string, number>;
  values: Record<string, JsonValue>;
  lhs: JsonValue;
  rhs: JsonValue;
  /** the same point in the expression language, to paste back */
  text: string;
  /** what the mistake probably is (a transpose, a sign, a factor), when it shows */
  hint: string | null;
  /** how values were reached at this point, where an operator says (a limit's sequence) */
  notes: string[];
  /** for a matrix-valued relation: the entries that differ (entries.ts); null for scalars */
  entries: EntryReport | null;
}

export interface EqualResult {
  verdict: Verdict;
  symbolic: "proved" | "unproved" | "skipped";
  numeric: { samples: number; maxRelError: number } | null;
  /** the smallest counterexample found (shrink.ts); `counterexampleOriginal` is the first one */
  counterexample: Counterexample | null;
  counterexampleOriginal: Counterexample | null;
  /** for a refuted claim: the likely slips, each re-checked before it is stated (check/diagnose/); else empty */
  diagnoses: Diagnosis[];
  assumptions: string[];
  error: { message: string; position: number | null } | null;
  /** the claim as checked, in the expression language */
  claim: string;
  seed: number;
  /** how the verdict was reached, one line */
  detail: string;
  /** how a proof was reached: the symbolic engine, exact rational or interval arithmetic (check/numbers.ts) */
  method?: ProofMethod;
}

export interface ClaimOptions {
  /** the whole claim (`a = b`, `a ≈ 0.65`, `0 <= a <= 1`, `f ∝ g in w`) ... */
  claim?: string;
  /** ... or its two sides of `=` */
  lhs?: string;
  rhs?: string;
  /** declarations: ["X: n x n", ...], one string, or the DSL's { X: "n x n" } */
  let?: Declarations;
  seed?: number;
  samples?: number;
  /** run the symbolic engine and the proofs for numbers (default true); off for claims too large to normalise, or to ask for the numeric check alone */
  symbolic?: boolean;
  /** give up after this many seconds: an error "timed out after N s", never a pass */
  timeout?: number;
  /** receives a progress line now and then once a check takes more than 2 s */
  progress?: (line: string) => void;
  /** shrink a counterexample and diagnose a refutation (default true); off for the re-checks of diagnoses */
  explain?: boolean;
}

export type Declarations = readonly string[] | string | Readonly<Record<string, string>>;

/** Declarations in any accepted form, as `name: shape` strings. */
export function declarationList(d: Declarations | undefined): string[] {
  if (d === undefined) return [];
  if (typeof d === "string") return [d];
  if (Array.isArray(d)) return [...(d as readonly string[])];
  return Object.entries(d as Record<string, string>).map(([k, v]) => `${k}: ${v}`);
}

export interface Prepared {
  /** the sides with derivatives expanded symbolically (cross-checked against finite differences) */
  expanded?: (TNode | null)[];
  claim: Claim;
  sides: TNode[];
  resolver: Resolver;
  text: string;
  approx: { tol: number[] } | null;
  /** shrink counterexamples (ClaimOptions.explain) */
  explain?: boolean;
}

export function checkClaim(opts: ClaimOptions, seed: number): EqualResult {
  const bad = timeoutProblem(opts.timeout);
  if (bad) return withError(blankResult(opts.claim ?? `${opts.lhs ?? ""} = ${opts.rhs ?? ""}`, seed), bad);
  return withDeadline(opts.timeout, opts.progress, () => checkClaimNow(opts, seed));
}

/** A timeout must be a positive number of seconds. */
export function timeoutProblem(t: number | undefined): DeriveError | null {
  if (t === undefined || (typeof t === "number" && Number.isFinite(t) && t > 0)) return null;
  return new DeriveError("usage", `timeout must be a positive number of seconds, not ${String(t)}`);
}

/**
 * The one entry of every claim: read it (parse, then resolve) once, then hand
 * that reading to the checker of its kind (check/kinds.ts).
 */
function checkClaimNow(opts: ClaimOptions, seed: number): EqualResult {
  let read: ReadClaim;
  const seen: Seen = { resolver: null, claim: null };
  try {
    read = readClaim(opts, seen);
  } catch (e) {
    // an asymptotic claim whose sides do not resolve reports itself as written with its `as` clause
    if (seen.claim?.as?.length) return asymptoticError(seen.claim, seed, e);
    const assumed = seen.resolver ? [...seen.resolver.assumptions.keys()].map((n) => `${n}: scalar`) : [];
    return withError({ ...blankResult(opts.claim ?? `${opts.lhs ?? ""} = ${opts.rhs ?? ""}`, seed), assumptions: assumed }, e);
  }
  return BY_KIND[claimKind(read)](read, opts, seed);
}

/** One checker per kind of claim, each starting from the claim as read once. */
const BY_KIND: Record<ClaimKind, (read: ReadClaim, opts: ClaimOptions, seed: number) => EqualResult> = {
  // `lhs ≈ rhs as eps -> 0`: a ratio tending to 1, not a comparison at samples
  asymptotic: (read, opts, seed) => checkAsymptotic(read, opts, seed),
  statistical: (read, opts, seed) => checkSampled(read, opts, seed, statisticalSample),
  plain: (read, opts, seed) => checkSampled(read, opts, seed, sample),
};

/** A plain or statistical claim: the symbolic side, then the samples drawn by `sampler`, then how the two combine. */
function checkSampled(read: ReadClaim, opts: ClaimOptions, seed: number, sampler: typeof sample): EqualResult {
  const base = blankResult(opts.claim ?? `${opts.lhs ?? ""} = ${opts.rhs ?? ""}`, seed);
  let prep: Prepared;
  try {
    prep = prepare(read, opts);
  } catch (e) {
    const assumed = [...read.resolver.assumptions.keys()].map((n) => `${n}: scalar`);
    return withError({ ...base, assumptions: assumed }, e);
  }
  base.claim = prep.text;
  base.assumptions = [...prep.resolver.assumptions.keys()].map((n) => `${n}: scalar`);
  const sym: SymbolicResult = opts.symbolic === false ? { status: "skipped", rules: [], expanded: [], reason: null } : symbolicSide(prep);
  prep.expanded = sym.expanded;
  base.symbolic = sym.status;
  let numeric: SampleOutcome;
  try {
    numeric = sampler(prep, seed, opts.samples ?? DEFAULT_SAMPLES, opts.samples !== undefined);
  } catch (e) {
    return withError(base, e);
  }
  // `symbolic: false` asks for the numeric check alone: no proof of any kind
  if (sym.status !== "proved") return withDiagnoses(opts.symbolic === false ? { ...base, ...numeric } : withNumberProof(prep, { ...base, ...numeric }), opts, prep, seed);
  const rules = sym.rules.length ? ` by ${sym.rules.join(", ")}` : "";
  if (numeric.verdict !== "verified") {
    // the two engines disagree: an engine bug, never a silent pass
    const msg = `engine error: proved symbolically${rules}, but the numeric check says: ${numeric.detail}`;
    return { ...base, ...numeric, verdict: "error", error: { message: msg, position: null }, detail: msg };
  }
  return { ...base, ...numeric, verdict: "proved", method: "symbolic", detail: `proved${rules}; the numeric check agrees (${numeric.detail})` };
}

/**
 * A claim about constants only (no variables, no dimensions) is proved by
 * exact or interval arithmetic where it can be (check/numbers.ts); the sampled
 * verdict stays where it cannot, and a float refutation of such a proof is an
 * engine error, never a pass.
 */
function withNumberProof(p: Prepared, r: EqualResult): EqualResult {
  if (r.verdict !== "verified" && r.verdict !== "refuted") return r;
  const free = [...variablesOf(p.sides)].filter((v) => !p.resolver.boundNames.has(v));
  if (usesRandom(p)) return r;
  // derivatives as the symbolic engine expanded them (cross-checked against finite differences at the samples)
  const sides = p.sides.map((s, i) => (hasDerivative(s) ? p.expanded?.[i] : s));
  if (sides.some((s) => !s)) return r;
  // dimensions declared elsewhere in the scope do not matter: only those the claim itself uses
  if ((sides as TNode[]).some(usesSymbolicSize)) return r;
  const claim = { sides: sides as TNode[], relations: p.claim.relations, tolerance: p.claim.tolerance };
  // rank(E) <= k from the shapes of E's factors (check/rank-bound.ts): for every value of the variables
  let proof: NumberProof | null = proveRankBound(claim.sides, claim.relations);
  if (!proof && free.length === 0) proof = proveNumbers(claim);
  else if (!proof) {
    // free variables at concrete sizes: an identity in their entries (equalities only)
    const integers = free.filter((v) => p.resolver.scope.decls.get(v)?.properties.includes("integer"));
    const indices = indexRanges(sides as TNode[], integers);
    const shapes = concreteShapes(sides as TNode[], free.filter((v) => !indices.has(v)));
    proof = r.verdict === "verified" && shapes ? proveIdentity(claim, shapes, indices) : null;
  }
  const combined = combineNumberProof(proof, r);
  if (combined.verdict === "error") return { ...r, ...combined, counterexample: null, error: { message: combined.detail, position: null } };
  // a symbolic proof here (a rank bound) is the engine's own, as its symbolic status says
  return combined.method === "symbolic" ? { ...r, ...combined, symbolic: "proved" } : { ...r, ...combined };
}

/**
 * The near-miss diagnoses of a refuted claim (check/diagnose/): each proposed
 * correction is re-checked numerically on fresh samples (without shrinking or
 * diagnoses of its own) and stated only if it holds. The verdict is untouched.
 */
function withDiagnoses(r: EqualResult, opts: ClaimOptions, p: Prepared, seed: number): EqualResult {
  if (r.verdict !== "refuted" || opts.explain === false || usesRandom(p)) return r;
  const recheck = (claim: string, lets: string[], s: number): boolean => {
    const again = checkClaimNow({ claim, let: lets, symbolic: false, explain: false }, s);
    return again.verdict === "verified" || again.verdict === "proved";
  };
  try {
    return { ...r, diagnoses: diagnose({ claim: r.claim, lets: declarationList(opts.let), hint: r.counterexample?.hint ?? null }, seed, recheck) };
  } catch {
    return r; // a diagnosis is a courtesy: never an error
  }
}

/**
 * Integer names used as indices (`X[i, j]` with X: 3 x 3), each with the
 * number of values where every such use is defined (1..3): the claim means
 * nothing at other values, so those are all the cases to prove.
 */
function indexRanges(sides: readonly TNode[], integers: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (n: TNode): void => {
    if (n.op === "index") {
      const t = n.args[0]!.shape;
      n.args.slice(1).forEach((a, k) => {
        const dim = n.args.length === 2 ? t.rows : k === 0 ? t.rows : t.cols;
        if (a.op !== "sym" || !integers.includes(a.name!) || typeof dim !== "number") return;
        out.set(a.name!, Math.min(out.get(a.name!) ?? Infinity, dim));
      });
    }
    n.args.forEach(visit);
  };
  sides.forEach(visit);
  return out;
}

/** Whether a tree has a node of symbolic size, or uses a dimension as a value. */
function usesSymbolicSize(n: TNode): boolean {
  const dims = [n.shape.rows, n.shape.cols, ...(n.shape.lead ?? [])];
  return n.op === "dimval" || dims.some((d) => typeof d !== "number") || n.args.some(usesSymbolicSize);
}

/** The numeric sizes of the free variables, or null when one has a symbolic size. */
function concreteShapes(sides: readonly TNode[], names: readonly string[]): Map<string, { rows: number; cols: number }> | null {
  const out = new Map<string, { rows: number; cols: number }>();
  const visit = (n: TNode): boolean => {
    if (n.op === "sym" && names.includes(n.name!) && !out.has(n.name!)) {
      if (typeof n.shape.rows !== "number" || typeof n.shape.cols !== "number" || n.shape.lead) return false;
      out.set(n.name!, { rows: n.shape.rows, cols: n.shape.cols });
    }
    return n.args.every(visit);
  };
  return sides.every(visit) && out.size === names.length ? out : null;
}

/** A result with nothing decided yet (verdict "error" until something is), for every kind of claim. */
export function blankResult(claim: string, seed: number): EqualResult {
  return { verdict: "error", symbolic: "skipped", numeric: null, counterexample: null, counterexampleOriginal: null, diagnoses: [], assumptions: [], error: null, claim, seed, detail: "" };
}

/** The symbolic engine's view; an unexpected failure in it means "unproved", never a crash. */
function symbolicSide(p: Prepared): SymbolicResult {
  try {
    return symbolicCheck(p.sides, p.claim.relations, p.resolver.scope);
  } catch (e) {
    return { status: "unproved", rules: [], expanded: p.sides.map(() => null), reason: asDeriveError(e).message };
  }
}

function withError(r: EqualResult, e: unknown): EqualResult {
  const err = asDeriveError(e);
  return { ...r, verdict: "error", error: { message: err.message, position: err.position }, detail: err.message };
}

/** What was read before an error: the parsed claim, the resolver (its assumptions so far). */
interface Seen {
  resolver: Resolver | null;
  claim: Claim | null;
}

/** Parses and resolves a claim, once for every kind (check/kinds.ts). */
function readClaim(opts: ClaimOptions, seen: Seen): ReadClaim {
  const scope = Scope.parse(declarationList(opts.let));
  const popts = { isVariable: scope.isVariable };
  let claim: Claim;
  if (opts.claim !== undefined) {
    claim = located("claim", () => parseClaim(opts.claim!, popts));
    if (claim.relations.length === 0) {
      throw new DeriveError("usage", "a claim needs a relation (=, ≈, <, <=, >, >=, ∝), or give LHS and RHS separately", null, "claim");
    }
  } else {
    if (opts.lhs === undefined || opts.rhs === undefined) throw new DeriveError("usage", "a claim needs both sides (lhs and rhs)");
    const lhs = located("lhs", () => parseExpr(opts.lhs!, popts));
    const rhs = located("rhs", () => parseExpr(opts.rhs!, popts));
    claim = { sides: [lhs, rhs], relations: ["="], tolerance: null, proptoIn: [] };
  }
  seen.claim = claim;
  const resolver = new Resolver(scope);
  seen.resolver = resolver;
  const where = opts.claim !== undefined ? "claim" : null;
  const sides = resolver.resolveSides(claim.sides, where ? claim.sides.map(() => where) : ["lhs", "rhs"]);
  return { claim, scope, resolver, sides, where };
}

/** The sides' shapes against the relations, and the tolerance of `≈`: a plain or statistical claim ready to sample. */
function prepare(read: ReadClaim, opts: ClaimOptions): Prepared {
  const { claim, resolver, sides, where } = read;
  for (let i = 0; i + 1 < sides.length; i++) {
    const a = sides[i]!;
    const b = sides[i + 1]!;
    const rel = claim.relations[i]!;
    const scalarSide = a.shape.rows === 1 && a.shape.cols === 1 ? a : b.shape.rows === 1 && b.shape.cols === 1 ? b : null;
    const broadcastOk = rel !== "=" && rel !== "∝" && scalarSide !== null;
    if (!sameShape(a.shape, b.shape) && !broadcastOk) {
      const assumed = [...resolver.assumptions.keys()];
      const why = assumed.length ? `; undeclared, so taken as scalars: ${assumed.join(", ")}` : "";
      throw new DeriveError("shape", `the sides have different shapes: ${showShape(a.shape)} and ${showShape(b.shape)}${why}${layoutHint(a.shape, b.shape)}`, b.pos, where ?? "rhs");
    }
  }
  let approx: { tol: number[] } | null = null;
  if (claim.relations.includes("≈")) {
    if (claim.relations.length !== 1) throw new DeriveError("syntax", "≈ cannot be chained with other relations", null, where);
    let [lhs, rhs] = claim.sides as [Expr, Expr];
    if (!roundingTolerance(rhs) && roundingTolerance(lhs)) [lhs, rhs] = [rhs, lhs];
    if (claim.tolerance) {
      const tolNode = resolver.resolve(claim.tolerance);
      const t = new Evaluator({ sizes: new Map(), values: new Map() }).evaluate(tolNode);
      if (!t.isScalar() || !(t.scalar() >= 0)) throw new DeriveError("value", "the tolerance after ± must be a non-negative number", claim.tolerance.pos, where);
      approx = { tol: [t.scalar()] };
    } else {
      const tol = roundingTolerance(rhs);
      if (!tol) throw new DeriveError("syntax", "≈ compares with a number written to some decimals (≈ 0.65), or give a tolerance (≈ v ± 0.01)", rhs.pos, where);
      approx = { tol };
    }
    if (rhs !== claim.sides[1]) sides.reverse();
  }
  const text = printClaim(claim);
  return { claim, sides, resolver, text, approx, explain: opts.explain !== false };
}


/** The classic missing transpose: the right side's transpose has the left side's shape. */
function layoutHint(a: Shape, b: Shape): string {
  if (isTensor(a) || isTensor(b) || isScalar(a) || isScalar(b)) return "";
  if (!sameShape(a, { rows: b.cols, cols: b.rows })) return "";
  return `; the transpose of the right side has the left side's shape (${showShape(a)}): a layout slip?`;
}

export function printClaim(c: Claim): string {
  let s = printExpr(c.sides[0]!);
  c.relations.forEach((r, i) => {
    s += ` ${r} ${printExpr(c.sides[i + 1]!)}`;
  });
  if (c.tolerance) s += ` ± ${printExpr(c.tolerance)}`;
  if (c.proptoIn.length) s += ` in ${c.proptoIn.join(", ")}`;
  return s;
}


export interface SampleOutcome {
  verdict: Verdict;
  numeric: { samples: number; maxRelError: number } | null;
  counterexample: Counterexample | null;
  /** the first counterexample found, before shrinking (shrink.ts) */
  counterexampleOriginal?: Counterexample | null;
  detail: string;
}

function sample(p: Prepared, seed: number, wanted: number, explicit: boolean): SampleOutcome {
  const rng = new Random(seed);
  const inequality = p.claim.relations.some((r) => r === "<" || r === "<=" || r === ">" || r === ">=");
  const vars = [...variablesOf(p.sides)].filter((v) => !p.resolver.boundNames.has(v));
  // free scalars take every sign (and 0) by a fixed scheme, not by chance (numeric/signs.ts)
  const signs = freeScalars(p.resolver.scope, vars);
  const drawer = drawVar0(p.resolver.scope, rng, inequality, signs);
  // a bound is easier to miss than an identity: three times the samples, two thirds of them wide
  if (inequality && !explicit) wanted = 3 * DEFAULT_SAMPLES;
  // enough samples to meet the sign patterns of the scalars (all of them for up to three)
  if (!explicit) wanted = Math.max(wanted, Math.min(signs.patterns.length, MAX_SIGN_SAMPLES));
  const dimNames = [...p.resolver.dims];
  const propto = p.claim.relations.includes("∝");
  if (propto) {
    for (const v of p.claim.proptoIn) {
      if (!vars.includes(v)) throw new DeriveError("name", `${v} after 'in' does not appear in the claim`);
    }
  }
  // a claim about constants needs one evaluation, not six identical ones
  if (vars.length === 0 && dimNames.length === 0) wanted = 1;
  const plan = sizePlan(p, { inequality });
  const along = propto ? null : gradientClaim(p); // grad(f, X) = R with a large X: along directions
  const budget = { wanted };
  const sizeMaps: Point["sizes"][] = [];
  let kinked = false;
  const seen = eachSample(
    p,
    rng,
    budget,
    vars,
    drawer,
    (point, draw, drawVar) => {
      const dir = along && decideAlongDirections(p, along, point, draw);
      if (dir === "invalid") return { redraw: "" };
      if (dir) return "along" in dir ? { outcome: refutedAlong(p, along!, point, dir) } : { relError: dir.relError };
      let outcome: Decision | "invalid";
      try {
        outcome = propto ? decideProportional(p, point, drawVar) : decideAt(p, point, 0.1);
      } catch (e) {
        // a scalar set to exactly 0 by the sign scheme can put a numerical process at its
        // edge (a limit of (exp(h x) - 1) / h loses its digits near x = 0): that sample
        // is redrawn, as the draws without a forced 0 never met it
        if (e instanceof DeriveError && e.kind === "value" && signs.patterns[draw]?.includes(0)) return { redraw: `at a scalar set to 0: ${e.message}` };
        throw e;
      }
      if (outcome === "invalid") return { redraw: "" };
      if (!outcome.holds) {
        const c = propto ? confirmProportional(p, point, drawVar) : confirm(p, point, outcome, inequality && draw % 3 !== 0);
        if ("reason" in c) return { redraw: c.reason };
        const found = { point, decision: c.decision };
        const [at, d] = plan.sweepLength ? smallestInSweep(p, found, plan, drawer, inequality) : smallest(p, found, drawer, inequality);
        return { outcome: shrunkRefutation(p, found, { point: at, decision: d }, seed) };
      }
      // a claim with pieces (abs, relu, step, floor, ...) can fail on one piece only: more samples
      if (outcome.kinked && !kinked && !explicit) {
        kinked = true;
        budget.wanted *= KINK_FACTOR;
      }
      if (!propto) crossCheck(p, point, outcome.values);
      sizeMaps.push(point.sizes);
      return { relError: outcome.relError };
    },
    plan,
    // whether a valid sample exists at all is decided the same way under every seed
    new DomainProbe({ scope: p.resolver.scope, vars, dims: dimNames, minDims: p.resolver.minDims, trees: primalTrees(p.sides), signs }),
  );
  if ("verdict" in seen) return seen;
  // a bound is verified only after a search for its counterexample failed (adversarial.ts)
  const search = inequality && !propto ? adversarialSearch(p, { vars, sizeMaps, attempt: (point, extreme) => {
    const decision = confirmedFailure(p, point, extreme);
    return decision ? shrunkRefutation(p, { point, decision }, { point, decision }, seed) : null;
  } }) : null;
  if (search?.outcome) return search.outcome;
  const searched = search ? `, ${search.probes} probes, ${search.ascents} ascents` : "";
  const { valid, maxRel, sizesSeen } = seen;
  if (vars.length === 0 && dimNames.length === 0) {
    return { verdict: "verified", numeric: { samples: 1, maxRelError: maxRel }, counterexample: null, detail: `verified: no variables, evaluated exactly once, rel. error ${maxRel.toExponential(1)}${p.approx ? `, within ±${tolText(p.approx.tol[0]!)}` : ""}` };
  }
  const sizeText = dimNames.length ? `, sizes ${sizesText(sizesSeen)}` : "";
  const within = p.approx ? `, within ±${p.approx.tol.length === 1 ? tolText(p.approx.tol[0]!) : "the rounding of each entry"}` : "";
  return {
    verdict: "verified",
    numeric: { samples: valid, maxRelError: maxRel },
    counterexample: null,
    detail: `verified on ${valid} samples${searched}${sizeText}, max rel. error ${maxRel.toExponential(1)}${within}`,
  };
}

/**
 * Every derivative the symbolic engine expanded is compared with finite
 * differences of the function itself at each sample. A disagreement that
 * survives a second finite-difference step is an engine bug: an error naming
 * both results, never a silent pass.
 */
function crossCheck(p: Prepared, point: Point, fd: Tensor[]): void {
  p.sides.forEach((side, i) => {
    const sym = p.expanded?.[i];
    if (!sym || !hasDerivative(side)) return;
    let value: Tensor;
    try {
      value = new Evaluator({ sizes: point.sizes, values: new Map(point.values) }).evaluate(sym);
    } catch (e) {
      if (e instanceof InvalidSample) return;
      throw e;
    }
    if (!value.allFinite() || difference(value, fd[i]!).equal) return;
    const ev = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
    ev.fdStep = 0.03;
    const again = ev.evaluate(side);
    if (difference(value, again).equal || !difference(again, fd[i]!).equal) return;
    const where = [...point.sizes].map(([k, v]) => `${k} = ${v}`).concat([...point.values].map(([k, v]) => `${k} = ${toBrief(v, 6)}`));
    throw new DeriveError(
      "engine",
      `the symbolic derivative and finite differences disagree on ${printExpr(side)}: symbolic ${printExpr(sym)} = ${toBrief(value, 6)}, finite differences ${toBrief(fd[i]!, 6)} (at ${where.join("; ")})`,
    );
  });
}

/** A tolerance as a reader wrote it: ½·10⁻⁴ is 0.00005, not 0.000049999999999999996. */
function tolText(t: number): string {
  return String(Number(t.toPrecision(12)));
}

export interface Decision {
  holds: boolean;
  relError: number;
  /** failed only as a strict inequality that came out equal within rounding */
  marginal?: boolean;
  /** the evaluation passed through a kinked operator (its sign pattern is not empty) */
  kinked?: boolean;
  values: Tensor[];
  failedAt: number;
}

/** Evaluates every side at a point and decides each relation; "invalid" if the sample cannot be used. */
function decideAt(p: Prepared, point: Point, fdStep: number): Decision | "invalid" {
  const ev = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
  ev.fdStep = fdStep;
  let values: Tensor[] = [];
  // the probe records the sign pattern of every kinked operator's argument
  const { signature } = ev.probe(() => {
    values = p.sides.map(ev.evaluate);
    return values[0]!;
  });
  const kinked = signature.length > 0;
  if (!values.every((v) => v.allFinite())) return "invalid";
  let relError = 0;
  for (let i = 0; i < p.claim.relations.length; i++) {
    const o = decide(p.claim.relations[i]!, values[i]!, values[i + 1]!, p.approx);
    relError = Math.max(relError, o.relError);
    if (!o.holds) return { holds: false, relError, values, failedAt: i, marginal: o.marginal, kinked };
  }
  return { holds: true, relError, values, failedAt: -1, kinked };
}

/**
 * `f ∝ g in w`: at fixed values of the other variables, f / g is one positive
 * constant for several values of w.
 */
function decideProportional(p: Prepared, point: Point, draw: (name: string) => Tensor): Decision | "invalid" {
  const inVars = p.claim.proptoIn.length ? p.claim.proptoIn : [...point.values.keys()];
  const ratios: number[] = [];
  let first: Tensor[] | null = null;
  for (let k = 0; k < 4; k++) {
    const values = new Map(point.values);
    if (k > 0) for (const v of inVars) values.set(v, draw(v));
    const ev = new Evaluator({ sizes: point.sizes, values });
    const [f, g] = p.sides.map(ev.evaluate) as [Tensor, Tensor];
    if (!f.allFinite() || !g.allFinite()) return "invalid";
    first ??= [f, g];
    let fg = 0;
    let gg = 0;
    for (let i = 0; i < f.size; i++) {
      fg += f.data[i]! * g.data[i]!;
      gg += g.data[i]! * g.data[i]!;
    }
    if (gg === 0) return "invalid";
    const c = fg / gg;
    // f must be c * g entrywise, with c > 0
    let worst = 0;
    for (let i = 0; i < f.size; i++) worst = Math.max(worst, Math.abs(f.data[i]! - c * g.data[i]!));
    if (!(c > 0) || worst > 1e-6 * Math.max(f.maxAbs(), 1e-300) + 1e-12) return { holds: false, relError: Infinity, values: [f, g], failedAt: 0 };
    ratios.push(c);
  }
  const c0 = ratios[0]!;
  const spread = Math.max(...ratios.map((c) => Math.abs(c - c0))) / c0;
  return { holds: spread <= 1e-6, relError: spread, values: first!, failedAt: 0 };
}

function consistent(a: Tensor[], b: Tensor[]): boolean {
  return a.every((t, i) => {
    const u = b[i]!;
    let d = 0;
    for (let k = 0; k < t.size; k++) d = Math.max(d, Math.abs(t.data[k]! - u.data[k]!));
    return d <= 1e-6 * Math.max(t.maxAbs(), u.maxAbs()) + 1e-8;
  });
}

/**
 * A counterexample is easier to read at the smallest sizes: try draws with
 * sizes from 2 up the ladder and keep the first re-confirmed one with fewer
 * entries.
 */
function smallest(p: Prepared, found: { point: Point; decision: Decision }, draw: Drawer, inequality: boolean): [Point, Decision] {
  const dimNames = [...p.resolver.dims];
  const entries = (pt: Point): number => [...pt.values.values()].reduce((a, t) => a + t.size, 0);
  let best = found;
  if (dimNames.length === 0 || p.claim.relations.includes("∝")) return [best.point, best.decision];
  // four draws at sizes from 2, then two at each size up the log ladder (a bound
  // hiding a dimension fails only beyond some n), up to the sizes of the failure found
  const top = Math.max(...found.point.sizes.values());
  const starts = [2, 2, 2, 2, ...SIZE_LADDER.filter((t) => t >= 3 && t <= top).flatMap((t) => [t, t])];
  for (let tries = 0; tries < starts.length; tries++) {
    const sizes = new Map<string, number>();
    dimNames.forEach((d, i) => sizes.set(d, Math.max(starts[tries]! + i, p.resolver.minDims.get(d) ?? 1)));
    const values = new Map<string, Tensor>();
    try {
      for (const v of best.point.values.keys()) values.set(v, draw(v, sizes, tries));
      const point: Point = { sizes, values };
      if (entries(point) >= entries(best.point)) break;
      const decision = confirmedFailure(p, point, inequality && tries % 3 !== 0);
      if (!decision) continue;
      best = { point, decision };
      break;
    } catch (e) {
      if (e instanceof InvalidSample || e instanceof DeriveError) continue;
      throw e;
    }
  }
  return [best.point, best.decision];
}

/**
 * A claim that uses a dimension as a value (`n <= 5`) is refuted at the
 * smallest sweep point that breaks it: the points before the failing one are
 * tried again in order (a few fresh draws of the values at each), and the
 * first re-confirmed failure is the counterexample.
 */
function smallestInSweep(p: Prepared, found: { point: Point; decision: Decision }, plan: SizePlan, draw: Drawer, inequality: boolean): [Point, Decision] {
  const swept = [...plan.sweep[0]!.keys()];
  const key = (sizes: ReadonlyMap<string, number>): number[] => {
    const v = swept.map((n) => sizes.get(n)!);
    return [Math.max(...v), v.reduce((a, b) => a + b, 0)];
  };
  const before = (a: number[], b: number[]): boolean => a[0]! < b[0]! || (a[0] === b[0] && a[1]! < b[1]!);
  const limit = key(found.point.sizes);
  for (const pt of plan.sweep) {
    if (!before(key(pt), limit)) break;
    const sizes = new Map(found.point.sizes);
    for (const [k, v] of pt) sizes.set(k, v);
    for (let tries = 0; tries < 3; tries++) {
      try {
        const values = new Map<string, Tensor>();
        for (const v of found.point.values.keys()) values.set(v, draw(v, sizes, tries));
        const point: Point = { sizes, values };
        const decision = confirmedFailure(p, point, inequality && tries % 3 !== 0);
        if (decision) return [point, decision];
      } catch (e) {
        if (e instanceof InvalidSample || e instanceof DeriveError) continue;
        throw e;
      }
    }
  }
  return [found.point, found.decision];
}

/**
 * The refutation at the smallest, simplest counterexample shrink.ts reaches
 * from `start`, with the first one found kept as `counterexampleOriginal`.
 * Every candidate must fail by the same re-confirmed rule (a marginal failure
 * of a strict bound never counts), so the verdict stays what it was.
 */
function shrunkRefutation(p: Prepared, first: Found, start: Found, seed: number): SampleOutcome {
  const small = p.claim.relations.includes("∝") || !p.explain ? start : shrinkCounterexample(p, start, (pt) => confirmedFailure(p, pt, true), seed);
  const original = refutation(p, first.point, first.decision);
  // the hint is read at the random point found first: at a shrunk point (0s, 1s, a
  // permutation) the transpose or a multiple of a side can match by accident
  const out = refutation(p, small.point, small.decision, original.counterexample!.hint);
  return { ...out, counterexampleOriginal: original.counterexample };
}

/** The re-confirmed failure at a point (a search's or a smaller counterexample's candidate), or null where it holds or does not count. */
function confirmedFailure(p: Prepared, point: Point, wide: boolean): Decision | null {
  const first = decideAt(p, point, 0.1);
  if (first === "invalid" || first.holds) return null;
  const c = confirm(p, point, first, wide);
  return "decision" in c ? c.decision : null;
}

/**
 * Whether a failed decision is a counterexample. A strict inequality met with
 * equality at a wide sample is float64 rounding (`sigmoid(t) < 1` at t = 15),
 * not a counterexample: a normal-sized sample still decides. So is one at a
 * size beyond 5 where variables are drawn (`1 - b^n < 1` at n = 40 rounds
 * b^n away); with no variables the values are exact (`n < 10` at n = 10
 * counts). Otherwise the
 * failure must repeat on a fresh evaluation with another finite-difference
 * step, with the same values (so a kink or an unconverged difference never
 * refutes). Returns the confirming decision, or why the sample does not count.
 */
function confirm(p: Prepared, point: Point, first: Decision, wide: boolean): { decision: Decision } | { reason: string } {
  if (first.marginal && wide) return { reason: "a strict inequality was equal within rounding at a wide sample" };
  const large = point.values.size > 0 && [...point.sizes.values()].some((s) => s > 5);
  if (first.marginal && large) return { reason: "a strict inequality was equal within rounding at a large size" };
  const again = decideAt(p, point, 0.03);
  if (again === "invalid" || again.holds) return { reason: "a failing sample did not re-confirm" };
  if (!consistent(first.values, again.values)) return { reason: "finite differences did not converge at a sample" };
  return { decision: again };
}

/** `∝` re-decided with fresh values of its variable. */
function confirmProportional(p: Prepared, point: Point, draw: (name: string) => Tensor): { decision: Decision } | { reason: string } {
  const again = decideProportional(p, point, draw);
  if (again === "invalid" || again.holds) return { reason: "a failing sample did not re-confirm" };
  return { decision: again };
}

/** What the operators of the sides say about their values at the point (a limit's sequence). */
function explained(p: Prepared, point: Point): string[] {
  try {
    const ev = new Evaluator(point);
    return p.sides.flatMap((s) => ev.explain(s));
  } catch {
    return []; // an explanation is a courtesy: it never changes the verdict
  }
}

/** `hint`: the hint to state (read at another point of the same refutation), instead of this point's own. */
export function refutation(p: Prepared, point: Point, d: Decision, hint?: string | null): SampleOutcome {
  const dims: Record<string, number> = {};
  for (const [k, v] of point.sizes) dims[k] = v;
  const values: Record<string, JsonValue> = {};
  const parts: string[] = Object.entries(dims).map(([k, v]) => `${k} = ${v}`);
  // the detail names large values briefly; `text` keeps every entry, to paste back
  const brief = [...parts];
  for (const [k, v] of point.values) {
    values[k] = toJson(v);
    parts.push(`${k} = ${toText(v)}`);
    brief.push(`${k} = ${toBrief(v)}`);
  }
  const a = d.values[d.failedAt]!;
  const b = d.values[d.failedAt + 1]!;
  const rel = p.claim.relations[d.failedAt] as Relation;
  if (hint === undefined) hint = rel === "=" ? hintFor(a, b) : null;
  const notes = explained(p, point);
  const shown = `lhs = ${toBrief(a, 6)}, rhs = ${toBrief(b, 6)}${hint ? ` (${hint})` : ""}${notes.map((n) => `; ${n}`).join("")}`;
  return {
    verdict: "refuted",
    numeric: null,
    counterexample: { dims, values: values, lhs: toJson(a), rhs: toJson(b), text: parts.join("; "), hint, notes, entries: entryDifferences(a, b) },
    detail: `refuted (${rel} fails): ${brief.length ? `at ${brief.join("; ")}: ` : ""}${shown}`,
  };
}

