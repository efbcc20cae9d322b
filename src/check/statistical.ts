// Claims about random variables (`x: n ~ normal(0, s2)`, E/Var/Cov). At each
// sample of the non-random names (sizes, values) every moment node is worked
// out by, in order:
//   1. exact moment algebra (src/numeric/moments.ts),
//   2. enumeration of bernoulli masks (same file),
//   3. Monte Carlo with common random numbers (src/numeric/montecarlo.ts).
// With 1 and 2 the relation is decided as any other claim (relative
// tolerance 1e-6). With 3 the difference d = lhs - rhs is estimated jointly,
// with a jackknife standard error SE over BATCHES groups of draws, in rounds
// (4096 draws, then doubling, up to a bound fixed by the work per draw, never
// by the clock), and each round asks the test of mcrule.ts: refuted, verified,
// gray (a difference below the 1% resolution: an error naming ≈) or open
// (more draws; open at the bound is an "inconclusive" error naming what would
// decide it). A difference hidden in the noise is never accepted, and the
// thresholds are fixed fractions of the values, so the verdict of a claim not
// near one does not depend on the seed. Exact moments beside estimated ones
// are also estimated from the same draws (common random numbers), which makes
// the difference of two close sides far less noisy.
// The scale is the larger of |lhs|, |rhs| and a tenth of the natural size of
// the moments (rms for E, the variance for Var, sd·sd for Cov), so that
// `Cov(x, y) = 0` has a meaningful relative bound. Random names outside a moment node are
// plain variables drawn from their law: the claim must hold at every draw.

import { DeriveError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import { type TNode, variablesOf } from "../core/typed.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { type RandomVar, RandomModel } from "../numeric/laws.js";
import { exactMoment, isMoment, randomNames } from "../numeric/moments.js";
import { BATCHES, MonteCarlo, jackknifeSE, jackknifeUnbiased } from "../numeric/montecarlo.js";
import { Random } from "../numeric/random.js";
import { printExpr } from "../parse/print.js";
import type { Resolver } from "../parse/resolve.js";
import type { Scope } from "../parse/scope.js";
import type { Prepared, SampleOutcome } from "./claim.js";
import { refutation } from "./claim.js";
import { drawVar0, eachSample } from "./sampling.js";
import { sizesText } from "../numeric/sizes.js";
import { decide } from "./relations.js";
import { DIFFER_SE, type Entry, FLOOR, RESOLUTION, type Relation, SHOW_SE, judge } from "./mcrule.js";
import { toText } from "./values.js";

/** the natural size of the moments counts for a tenth, for sides near zero */
export const NATURAL_FLOOR = 0.1;
/** draws of the first round; each further round doubles them */
export const FIRST_DRAWS = 4096;
/**
 * The bound on draws per sample (maxDraws), lowered for large draws by the
 * bound on entries evaluated, draws x entries per draw (maxWork), never by the
 * clock. Tests lower them to reach the bound quickly (tests/stat/).
 */
export const MC_LIMITS = { maxDraws: 1 << 21, maxWork: 2 ** 25 };
export const MIN_MAX_DRAWS = FIRST_DRAWS;
/** a safety limit only: past it the answer is an error that says so, never a verdict */
export const HARD_TIME_MS = 120_000;
/** exact moments of at most this many entries are also estimated from the common draws */
export const CRN_MAX_ENTRIES = 4096;
/** samples of the non-random names when Monte Carlo is needed (each costs up to the bound) */
export const MC_SAMPLES = 2;
/** P(|T| > 6) for Student's t with BATCHES - 1 = 63 degrees of freedom, per tested entry and look */
export const FALSE_REFUTATION = "1e-7";

/** Does the claim involve a random variable or a moment operator? (Its sides and resolver suffice: check/kinds.ts asks before the claim is prepared.) */
export function usesRandom(p: Pick<Prepared, "resolver" | "sides">): boolean {
  const scope = p.resolver.scope;
  const has = (n: TNode): boolean => isMoment(n) || (n.op === "sym" && scope.decls.get(n.name!)?.distribution !== undefined) || n.args.some(has);
  return p.sides.some(has);
}

/** The declared random variables with their parameters resolved (shapes checked: scalars over non-random names). */
export function randomModel(scope: Scope, resolver: Resolver): RandomModel {
  const vars = new Map<string, RandomVar>();
  for (const d of scope.decls.values()) {
    if (!d.distribution) continue;
    const params = d.distribution.params.map((e) => {
      const t = resolver.resolve(e);
      if (t.shape.rows !== 1 || t.shape.cols !== 1 || "lead" in t.shape) throw new DeriveError("declaration", `the parameters of ${d.name} ~ ${d.distribution!.text} must be scalars`, e.pos, `--let "${d.origin}"`);
      return t;
    });
    vars.set(d.name, { decl: d, kind: d.distribution.kind, params });
  }
  for (const v of vars.values()) {
    for (const name of variablesOf(v.params)) {
      if (vars.has(name)) throw new DeriveError("declaration", `the law of ${v.decl.name} depends on the random ${name}: parameters must be non-random`, null, `--let "${v.decl.origin}"`);
    }
  }
  return new RandomModel(vars);
}

/** Moment values for an evaluator outside a claim (`derive eval`): exact, else a Monte Carlo estimate. */
export function momentProvider(model: RandomModel, seed: number, draws = 65536, notes: string[] = []): (n: TNode, ev: Evaluator) => Tensor {
  return (n, ev) => {
    const exact = exactMoment(n, ev, model);
    if (exact) return exact.value;
    const mc = new MonteCarlo([n], ev, model, new Random(seed));
    mc.run(draws);
    const value = mc.estimate().get(n)!;
    // an estimate is never shown as if it were the value: its jackknife standard error goes with it
    const loo = Array.from({ length: BATCHES }, (_, b) => mc.estimate(b).get(n)!);
    let se = 0;
    for (let k = 0; k < value.size; k++) se = Math.max(se, jackknifeSE(loo.map((t) => t.data[k]!)));
    notes.push(`${printExpr(n)} is a Monte Carlo estimate: ${mc.drawn} draws, standard error ${Number(se.toPrecision(3))}`);
    return value;
  };
}

/**
 * Inside a claim, moments are recomputed exactly wherever they are evaluated
 * (so finite differences of grad/diff see them move); a moment that is not
 * exact is a Monte Carlo override set by decidePoint, or an error when nested.
 */
function exactProvider(model: RandomModel, used: Set<string>): (n: TNode, ev: Evaluator) => Tensor {
  return (n, ev) => {
    const exact = exactMoment(n, ev, model);
    if (!exact) throw new DeriveError("value", `${n.op}(...) inside another moment or under a derivative needs exact moments, which this argument does not allow (Monte Carlo estimates only a moment that is not nested)`, n.pos);
    used.add(exact.method);
    return exact.value;
  };
}

/** Outermost moment nodes of a tree that are not under a derivative operator. */
function momentNodes(n: TNode, out: TNode[] = []): TNode[] {
  if (isMoment(n)) out.push(n);
  else if (!(n.op in DERIVATIVES)) n.args.forEach((a) => momentNodes(a, out));
  return out;
}

const DERIVATIVES: Readonly<Record<string, true>> = { grad: true, jacobian: true, hessian: true, diff: true };

interface PointResult {
  outcome: SampleOutcome | null;
  method: string;
  relError: number;
  mc?: { draws: number; bound: number; rel: number; d: number; se: number; ineq?: string };
}

export function statisticalSample(p: Prepared, seed: number, wanted: number, explicit: boolean): SampleOutcome {
  // a bound is easier to miss than an identity: as claim.ts does, three times the samples, two thirds of them wide
  const inequality = p.claim.relations.some((r) => r === "<" || r === "<=" || r === ">" || r === ">=");
  if (inequality && !explicit) wanted *= 3;
  if (p.claim.relations.includes("∝")) throw new DeriveError("value", "∝ is not decided for claims with random variables; write the factor out and use =");
  const model = randomModel(p.resolver.scope, p.resolver);
  const rng = new Random(seed);
  const nodes = p.sides.flatMap((s) => momentNodes(s));
  const free = new Set(p.sides.flatMap((s) => [...randomNames(s, model)]));
  const paramVars = [...model.vars.values()].flatMap((v) => [...variablesOf(v.params)]);
  const vars = [...new Set([...variablesOf(p.sides), ...paramVars])].filter((v) => !p.resolver.boundNames.has(v) && !model.isRandom(v));
  const dimNames = [...p.resolver.dims];
  const inClaim = variablesOf(p.sides);
  if (vars.length === 0 && dimNames.length === 0 && free.size === 0) wanted = 1;
  const methods = new Set<string>();
  let mcInfo: PointResult["mc"] | null = null;
  let totalDraws = 0;
  const budget = { wanted };
  const seen = eachSample(p, rng, budget, vars, drawVar0(p.resolver.scope, rng, inequality), (point) => {
    const ev = new Evaluator(point);
    const used = new Set<string>();
    ev.moments = exactProvider(model, used);
    // random names outside E/Var/Cov: one draw from their law
    for (const v of free) point.values.set(v, model.draw(ev, v, rng));
    const r = decidePoint(p, point, ev, nodes, model, rng, used);
    if (r.outcome) return { outcome: withLaws(r.outcome, model, inClaim) };
    methods.add(r.method);
    if (r.mc) {
      totalDraws += r.mc.draws;
      if (!mcInfo || r.mc.rel > mcInfo.rel) mcInfo = r.mc;
      // Monte Carlo samples are costly: fewer of them
      budget.wanted = Math.min(budget.wanted, MC_SAMPLES);
    }
    return { relError: r.relError };
  });
  if ("verdict" in seen) return seen;
  const { valid, maxRel, sizesSeen } = seen;
  // assigned in the visit above, which the compiler's narrowing does not follow
  const mc = mcInfo as PointResult["mc"] | null;
  const sizeText = dimNames.length ? `, sizes ${sizesText(sizesSeen)}` : "";
  const how = [...methods].join(" and ");
  const mcText = mc?.ineq === "≈"
    ? `; Monte Carlo: ${totalDraws} draws in all, |d| + ${SHOW_SE} SE within ±${fmt(mc.bound)} (worst lhs - rhs = ${fmt(mc.d)}, SE ${fmt(mc.se)})`
    : mc?.ineq
    ? `; Monte Carlo: ${totalDraws} draws in all, ${mc.ineq} holds by at least ${fmt(mc.bound)} beyond ${SHOW_SE} SE (worst lhs - rhs = ${fmt(mc.d)}, SE ${fmt(mc.se)})`
    : mc
    ? `; Monte Carlo: ${totalDraws} draws in all, equal within ±${fmt(mc.bound)} (|d| + ${SHOW_SE} SE, ${fmt(100 * mc.rel)}% of the values, inside the ${100 * RESOLUTION}% resolution; worst estimate d = ${fmt(mc.d)}, SE ${fmt(mc.se)})`
    : `, max rel. error ${maxRel.toExponential(1)}`;
  const outcome: SampleOutcome = {
    verdict: "verified",
    numeric: { samples: valid, maxRelError: mc ? mc.rel : maxRel },
    counterexample: null,
    detail: `verified by ${how} on ${valid} sample${valid === 1 ? "" : "s"}${sizeText}${mcText}`,
  };
  return withLaws(outcome, model, inClaim);
}

/** Adds the laws and the independence the verdict relied on. */
function withLaws(o: SampleOutcome, model: RandomModel, used: ReadonlySet<string>): SampleOutcome {
  const names = [...model.vars.keys()].filter((n) => used.has(n));
  if (names.length === 0) return o;
  const laws = names.map((n) => model.describe(n)).join(", ");
  const indep = names.length > 1 ? `; ${names.join(", ")} independent (declared separately)` : "";
  const iid = names.some((n) => {
    const s = model.vars.get(n)!.decl.shape;
    return s.rows !== 1 || s.cols !== 1;
  })
    ? "; entries of each iid"
    : "";
  return { ...o, detail: `${o.detail} [${laws}${indep}${iid}]` };
}

function decidePoint(p: Prepared, point: Point, ev: Evaluator, nodes: readonly TNode[], model: RandomModel, rng: Random, used: Set<string>): PointResult {
  // a moment inside sum(f, i, a, b) that uses i is worked out where i has a value (exact moments only)
  const closed = nodes.filter((n) => [...variablesOf([n])].every((v) => model.isRandom(v) || point.values.has(v)));
  const mcNodes = closed.filter((n) => exactMoment(n, ev, model) === null);
  if (mcNodes.length === 0) {
    const values = p.sides.map(ev.evaluate);
    if (!values.every((v) => v.allFinite())) throw new InvalidSample("a value is not finite");
    let relError = 0;
    for (let i = 0; i < p.claim.relations.length; i++) {
      const o = decide(p.claim.relations[i]!, values[i]!, values[i + 1]!, p.approx);
      relError = Math.max(relError, o.relError);
      if (!o.holds) {
        const r = refutation(p, point, { holds: false, relError, values, failedAt: i });
        const how = used.size ? [...used].join(" and ") : "sampling the random variables";
        return { outcome: { ...r, detail: `${r.detail} (by ${how})` }, method: how, relError };
      }
    }
    return { outcome: null, method: used.size ? [...used].join(" and ") : "sampling the random variables", relError };
  }
  return monteCarloPoint(p, point, ev, mcNodes, closed.filter((n) => !mcNodes.includes(n)), model, rng, used);
}

function monteCarloPoint(p: Prepared, point: Point, ev: Evaluator, mcNodes: TNode[], exactNodes: TNode[], model: RandomModel, rng: Random, used: Set<string>): PointResult {
  const relation = p.claim.relations[0]!;
  if (p.claim.relations.length !== 1 || !["=", "≈", "<", "<=", ">", ">="].includes(relation)) {
    throw new DeriveError("value", `this claim needs Monte Carlo estimates, which decide one =, ≈, <, <=, > or >= (not ${p.claim.relations.join(" ")})`);
  }
  const rel = relation as Relation;
  const approx = rel === "≈" ? p.approx! : null;
  const tol = (k: number): number => (approx!.tol.length === 1 ? approx!.tol[0]! : approx!.tol[k]!);
  const method = [...used, "Monte Carlo"].join(" and ");
  // the exact moments beside the estimated ones are estimated too, from the same
  // draws (common random numbers): Var(tanh(z)) - Var(z) then has the small noise
  // of tanh(z)^2 - z^2, not that of Var(tanh(z)) alone; each round uses whichever
  // of the two estimates of lhs - rhs (exact values or common draws) has the smaller SE
  const crn = exactNodes.filter((n) => ev.evaluate(n).size <= CRN_MAX_ENTRIES);
  const mc = new MonteCarlo(mcNodes, ev, model, rng, crn);
  const start = Date.now();
  let maxDraws = MC_LIMITS.maxDraws;
  let target = FIRST_DRAWS;
  for (;;) {
    mc.run(target - mc.drawn);
    // the bound on draws is a bound on work (entries evaluated), fixed by the sizes, never by the clock
    if (mc.drawn === FIRST_DRAWS) maxDraws = Math.max(MIN_MAX_DRAWS, Math.min(MC_LIMITS.maxDraws, 2 ** Math.floor(Math.log2(MC_LIMITS.maxWork / Math.max(1, mc.entriesPerDraw())))));
    const est = round(p, ev, mc, mcNodes, crn);
    const { a, b, scale, entries } = est;
    const answer = judge(rel, entries, scale, tol);
    const at = answer.at;
    const { d, se } = entries[at]!;
    const entry = entries.length > 1 ? ` (entry ${at + 1})` : "";
    if (answer.kind === "refuted") {
      const r = refutation(p, point, { holds: false, relError: Math.abs(d) / Math.max(scale, 1e-300), values: [a, b], failedAt: 0 });
      const test = approx
        ? `|d| beyond the tolerance by more than ${DIFFER_SE} SE`
        : rel === "="
        ? `|d| beyond ${100 * RESOLUTION}% of the values (${fmt(scale)}) by more than ${DIFFER_SE} SE`
        : `the wrong side of ${rel} by more than ${DIFFER_SE} SE and > ${100 * FLOOR}% of the values ${fmt(scale)}`;
      const detail = `${r.detail}; by Monte Carlo with ${mc.drawn} draws: lhs - rhs = ${fmt(d)}${entry}, SE ${fmt(se)}, |d| = ${fmt(Math.abs(d) / se)} SE (test: ${test}; false-refutation rate about ${FALSE_REFUTATION} per value)`;
      return { outcome: { ...r, detail }, method, relError: Infinity };
    }
    if (answer.kind === "verified") {
      const ineq = rel === "=" ? undefined : rel;
      const relErr = rel === "=" ? answer.bound / Math.max(scale, 1e-300) : 0;
      return { outcome: null, method, relError: relErr, mc: { draws: mc.drawn, bound: answer.bound, rel: relErr, d, se, ...(ineq ? { ineq } : {}) } };
    }
    const where = (): string => {
      const parts = [...point.sizes].map(([k, v]) => `${k} = ${v}`).concat([...point.values].filter(([k]) => !model.isRandom(k)).map(([k, v]) => `${k} = ${toText(v, 6)}`));
      return parts.length ? ` (at ${parts.join("; ")})` : "";
    };
    if (answer.kind === "gray") {
      const pct = fmtPct(Math.abs(d) / scale);
      throw new DeriveError(
        "sample",
        `not an equality: the two sides differ by about ${pct}% of their value (lhs - rhs = ${fmt(d)}${entry}, ${fmt(Math.abs(d) / se)} SE after ${mc.drawn} Monte Carlo draws), below the ${100 * RESOLUTION}% resolution of Monte Carlo: an approximation? write ≈ with a tolerance (\`lhs ≈ rhs ± tol\`, tol well above |d| + ${SHOW_SE} SE = ${fmt(Math.abs(d) + SHOW_SE * se)}), or give an exact form (a small-parameter \`≈ ... as v -> 0\` does not take random variables yet)${where()}`,
      );
    }
    if (mc.drawn >= maxDraws || Date.now() - start > HARD_TIME_MS) {
      const timeOut = mc.drawn < maxDraws;
      const why = approx
        ? `cannot tell whether |lhs - rhs| is within ±${fmt(tol(at))}: a tolerance of ${fmt(Math.abs(d) + SHOW_SE * se)} (|d| + ${SHOW_SE} SE) would be shown, or one the estimate exceeds by ${DIFFER_SE} SE refuted`
        : rel === "="
        ? `neither shown equal within the ${100 * RESOLUTION}% resolution of Monte Carlo (${fmt(RESOLUTION * scale)}) nor different beyond it: to decide, give the moments in a form derive works out exactly (polynomials of normal or uniform variables, bernoulli masks), or state the approximation with ≈ and a tolerance (\`lhs ≈ rhs ± tol\`, tol well above |d| + ${SHOW_SE} SE = ${fmt(Math.abs(d) + SHOW_SE * se)})`
        : `the sides are too close to be ordered by Monte Carlo (shown at ${SHOW_SE} SE, refuted at ${DIFFER_SE} SE): give the moments in a form derive works out exactly, or compare with a margin`;
      throw new DeriveError(
        "sample",
        `inconclusive: after ${mc.drawn} Monte Carlo draws${timeOut ? ` (stopped by the ${HARD_TIME_MS / 1000} s time limit, before the bound of ${maxDraws} draws)` : ""} lhs - rhs = ${fmt(d)}${entry} with SE ${fmt(se)}: ${why}${where()}`,
      );
    }
    target = Math.min(2 * target, maxDraws);
  }
}

/** lhs, rhs, the scale and every entry's (d, SE) from the draws so far; the estimate with the smaller SE when exact moments are also estimated. */
function round(p: Prepared, ev: Evaluator, mc: MonteCarlo, mcNodes: readonly TNode[], crn: readonly TNode[]): { a: Tensor; b: Tensor; scale: number; entries: Entry[] } {
  const full = mc.estimate();
  const loo = Array.from({ length: BATCHES }, (_, b) => mc.estimate(b));
  // the values themselves, unless both are small next to the moments' natural size (Cov(x, y) = 0)
  const floor = NATURAL_FLOOR * mc.scale();
  const variant = (withCrn: boolean): { a: Tensor; b: Tensor; scale: number; entries: Entry[] } => {
    const sides = (est: Map<TNode, Tensor>): Tensor[] => {
      for (const n of mcNodes) ev.overrides.set(n, est.get(n)!);
      for (const n of crn) {
        if (withCrn) ev.overrides.set(n, est.get(n)!);
        else ev.overrides.delete(n);
      }
      return p.sides.map(ev.evaluate);
    };
    const looSides = loo.map(sides);
    const [a, b] = sides(full) as [Tensor, Tensor];
    if (!a.allFinite() || !b.allFinite()) throw new InvalidSample("a Monte Carlo estimate is not finite");
    const size = Math.max(a.size, b.size);
    const at = (t: Tensor, k: number): number => (t.size === 1 ? t.data[0]! : t.data[k]!);
    let scale = floor;
    for (let k = 0; k < size; k++) scale = Math.max(scale, Math.abs(at(a, k)), Math.abs(at(b, k)));
    const entries = Array.from({ length: size }, (_, k) => {
      const loo = looSides.map(([x, y]) => at(x!, k) - at(y!, k));
      return { d: jackknifeUnbiased(at(a, k) - at(b, k), loo), se: jackknifeSE(loo) };
    });
    return { a, b, scale, entries };
  };
  const plain = variant(false);
  // an exact moment that could not be estimated at some draw leaves only the plain estimate
  if (crn.length === 0 || crn.some((n) => !full.has(n))) return plain;
  let joint: typeof plain;
  try {
    joint = variant(true);
  } catch (e) {
    if (!(e instanceof InvalidSample)) throw e;
    for (const n of crn) ev.overrides.delete(n);
    return plain;
  }
  const worstSE = (v: typeof plain): number => Math.max(...v.entries.map((e) => e.se));
  const pick = worstSE(joint) < worstSE(plain) ? joint : plain;
  // the overrides left behind are those of the estimate used
  if (pick === plain) for (const n of crn) ev.overrides.delete(n);
  // the values shown are the exact ones where they exist: a, b of the plain estimate
  return { ...pick, a: plain.a, b: plain.b };
}

const fmtPct = (x: number): string => String(Number((100 * x).toPrecision(2)));

const fmt = (x: number): string => (x === 0 ? "0" : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(2));

/**
 * For `derive eval`: the moment provider of a scope with random variables (or
 * null), after adding the names the laws' parameters use to `vars` so that
 * they get values too.
 */
export function momentsForEval(
  scope: Scope,
  resolver: Resolver,
  seed: number,
  vars: Set<string>,
  node: TNode,
  notes: string[],
): { moments: (n: TNode, ev: Evaluator) => Tensor; model: RandomModel } | null {
  if (![...scope.decls.values()].some((d) => d.distribution)) return null;
  const model = randomModel(scope, resolver);
  for (const v of model.vars.values()) for (const name of variablesOf(v.params)) vars.add(name);
  // a random name used only inside E/Var/Cov is integrated out, not drawn
  const outside = randomNames(node, model);
  for (const name of model.vars.keys()) if (!outside.has(name)) vars.delete(name);
  return { moments: momentProvider(model, seed, undefined, notes), model };
}

/** Sets an evaluator's moment provider (null: none). */
export function withMoments(ev: Evaluator, moments: ((n: TNode, ev: Evaluator) => Tensor) | null): Evaluator {
  ev.moments = moments;
  return ev;
}
