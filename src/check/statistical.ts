// Claims about random variables (`x: n ~ normal(0, s2)`, E/Var/Cov). At each
// sample of the non-random names (sizes, values) every moment node is worked
// out by, in order:
//   1. exact moment algebra (src/numeric/moments.ts),
//   2. enumeration of bernoulli masks (same file),
//   3. Monte Carlo with common random numbers (src/numeric/montecarlo.ts).
// With 1 and 2 the relation is decided as any other claim (relative
// tolerance 1e-6). With 3 the difference d = lhs - rhs of `=` is estimated
// jointly, with a jackknife standard error SE over BATCHES groups of draws:
//   refuted   if some entry has |d| > 6 SE and |d| > 0.1% of the scale;
//   verified  if every entry has |d| + 4 SE <= 1% of the scale and |d| <= 4 SE,
//             reported as "equal within ±b";
//   otherwise more draws (x4) up to MAX_DRAWS or TIME_BUDGET_MS, then an
//   inconclusive error giving d and SE. A difference hidden in the noise is
//   never accepted: the bound shown is what was established.
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
import { BATCHES, MonteCarlo, jackknifeSE } from "../numeric/montecarlo.js";
import { Random } from "../numeric/random.js";
import { printExpr } from "../parse/print.js";
import type { Resolver } from "../parse/resolve.js";
import type { Scope } from "../parse/scope.js";
import type { Prepared, SampleOutcome } from "./claim.js";
import { refutation } from "./claim.js";
import { drawVar0, eachSample } from "./sampling.js";
import { sizesText } from "../numeric/sizes.js";
import { decide } from "./relations.js";
import { toText } from "./values.js";

export const REFUTE_SE = 6;
export const VERIFY_SE = 4;
export const REFUTE_REL = 1e-3;
export const VERIFY_REL = 0.01;
/** the natural size of the moments counts for a tenth, for sides near zero */
export const NATURAL_FLOOR = 0.1;
export const FIRST_DRAWS = 4096;
export const MAX_DRAWS = 1 << 20;
export const TIME_BUDGET_MS = 3000;
/** samples of the non-random names when Monte Carlo is needed (each costs up to the budget) */
export const MC_SAMPLES = 2;
/** P(|T| > 6) for Student's t with BATCHES - 1 = 63 degrees of freedom, per tested entry */
export const FALSE_REFUTATION = "1e-7";


/** Does the claim involve a random variable or a moment operator? */
export function usesRandom(p: Prepared): boolean {
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
    ? `; Monte Carlo: ${totalDraws} draws in all, |d| + ${VERIFY_SE} SE within ±${fmt(mc.bound)} (worst lhs - rhs = ${fmt(mc.d)}, SE ${fmt(mc.se)})`
    : mc?.ineq
    ? `; Monte Carlo: ${totalDraws} draws in all, ${mc.ineq} holds by at least ${fmt(mc.bound)} beyond ${VERIFY_SE} SE (worst lhs - rhs = ${fmt(mc.d)}, SE ${fmt(mc.se)})`
    : mc
    ? `; Monte Carlo: ${totalDraws} draws in all, equal within ±${fmt(mc.bound)} (|d| + ${VERIFY_SE} SE, ${fmt(100 * mc.rel)}% of the values; worst estimate d = ${fmt(mc.d)}, SE ${fmt(mc.se)})`
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
  return monteCarloPoint(p, point, ev, mcNodes, model, rng, used);
}

function monteCarloPoint(p: Prepared, point: Point, ev: Evaluator, mcNodes: TNode[], model: RandomModel, rng: Random, used: Set<string>): PointResult {
  const relation = p.claim.relations[0]!;
  if (p.claim.relations.length !== 1 || !["=", "≈", "<", "<=", ">", ">="].includes(relation)) {
    throw new DeriveError("value", `this claim needs Monte Carlo estimates, which decide one =, ≈, <, <=, > or >= (not ${p.claim.relations.join(" ")})`);
  }
  // ≈ v (± tol): |d| + 4 SE within the tolerance verifies, |d| beyond it by 6 SE refutes
  const approx = relation === "≈" ? p.approx! : null;
  let near = approx ? { holds: true, worst: -Infinity, d: 0, se: 0, tol: 0 } : null;
  // an inequality a < b is decided on e = a - b (b - a for >): shown below 0 by 4 SE, refuted above 0 by 6 SE
  const sign = relation === "<" || relation === "<=" ? 1 : -1;
  let ineq = relation !== "=" && relation !== "≈" ? { holds: true, worstMargin: -Infinity, d: 0, se: 0 } : null;
  const method = [...used, "Monte Carlo"].join(" and ");
  const mc = new MonteCarlo(mcNodes, ev, model, rng);
  const start = Date.now();
  let target = FIRST_DRAWS;
  for (;;) {
    mc.run(target - mc.drawn);
    const sides = (est: Map<TNode, Tensor>): Tensor[] => {
      for (const [n, v] of est) ev.overrides.set(n, v);
      return p.sides.map(ev.evaluate);
    };
    const full = sides(mc.estimate());
    const loo = Array.from({ length: BATCHES }, (_, b) => sides(mc.estimate(b)));
    sides(mc.estimate());
    const [a, b] = full as [Tensor, Tensor];
    if (!a.allFinite() || !b.allFinite()) throw new InvalidSample("a Monte Carlo estimate is not finite");
    const size = Math.max(a.size, b.size);
    const at = (t: Tensor, k: number): number => (t.size === 1 ? t.data[0]! : t.data[k]!);
    // the values themselves, unless both are small next to the moments' natural size (Cov(x, y) = 0)
    let scale = NATURAL_FLOOR * mc.scale();
    for (let k = 0; k < size; k++) scale = Math.max(scale, Math.abs(at(a, k)), Math.abs(at(b, k)));
    let worst = { k: 0, d: 0, se: 0, bound: 0 };
    let refuted: { k: number; d: number; se: number } | null = null;
    // each round decides afresh on all draws so far
    if (near) near = { holds: true, worst: -Infinity, d: 0, se: 0, tol: 0 };
    if (ineq) ineq = { holds: true, worstMargin: -Infinity, d: 0, se: 0 };
    for (let k = 0; k < size; k++) {
      const d = at(a, k) - at(b, k);
      const se = jackknifeSE(loo.map(([x, y]) => at(x!, k) - at(y!, k)));
      if (near) {
        const tol = approx!.tol.length === 1 ? approx!.tol[0]! : approx!.tol[k]!;
        if (Math.abs(d) - REFUTE_SE * se > tol && !refuted) refuted = { k, d, se };
        if (!(Math.abs(d) + VERIFY_SE * se <= tol)) near.holds = false;
        if (Math.abs(d) + VERIFY_SE * se - tol >= near.worst) near = { ...near, worst: Math.abs(d) + VERIFY_SE * se - tol, d, se, tol };
        continue;
      }
      if (ineq) {
        const e = sign * d;
        if (e > REFUTE_SE * se && e > REFUTE_REL * scale && !refuted) refuted = { k, d, se };
        if (!(e + VERIFY_SE * se < 0)) ineq.holds = false;
        if (e + VERIFY_SE * se >= ineq.worstMargin) ineq = { ...ineq, worstMargin: e + VERIFY_SE * se, d, se };
        continue;
      }
      if (Math.abs(d) > REFUTE_SE * se && Math.abs(d) > REFUTE_REL * scale && !refuted) refuted = { k, d, se };
      const bound = Math.abs(d) + VERIFY_SE * se;
      if (bound >= worst.bound) worst = { k, d, se, bound };
    }
    if (refuted) {
      const r = refutation(p, point, { holds: false, relError: Math.abs(refuted.d) / Math.max(scale, 1e-300), values: full, failedAt: 0 });
      const entry = size > 1 ? ` (entry ${refuted.k + 1})` : "";
      const test = near ? `|d| beyond the tolerance by more than ${REFUTE_SE} SE` : ineq ? `the wrong side of ${relation} by more than ${REFUTE_SE} SE` : `|d| > ${REFUTE_SE} SE`;
      const detail = `${r.detail}; by Monte Carlo with ${mc.drawn} draws: lhs - rhs = ${fmt(refuted.d)}${entry}, SE ${fmt(refuted.se)}, |d| = ${fmt(Math.abs(refuted.d) / refuted.se)} SE (test: ${test} and > ${100 * REFUTE_REL}% of the values ${fmt(scale)}; false-refutation rate about ${FALSE_REFUTATION} per value)`;
      return { outcome: { ...r, detail }, method, relError: Infinity };
    }
    const rel = worst.bound / Math.max(scale, 1e-300);
    const out = target >= MAX_DRAWS || Date.now() - start > TIME_BUDGET_MS;
    if (near?.holds) {
      return { outcome: null, method, relError: 0, mc: { draws: mc.drawn, bound: near.tol, rel: 0, d: near.d, se: near.se, ineq: "≈" } };
    }
    if (ineq?.holds) {
      // every entry on the right side of the relation by more than 4 SE
      return { outcome: null, method, relError: 0, mc: { draws: mc.drawn, bound: -ineq.worstMargin, rel: 0, d: ineq.d, se: ineq.se, ineq: relation } };
    }
    // a deviation beyond 4 SE is evidence of a difference: more draws, and
    // inconclusive if the budget ends there, never verified
    if (!ineq && !near && rel <= VERIFY_REL && Math.abs(worst.d) <= VERIFY_SE * worst.se) {
      return { outcome: null, method, relError: rel, mc: { draws: mc.drawn, bound: worst.bound, rel, d: worst.d, se: worst.se } };
    }
    if (out) {
      const where = [...point.sizes].map(([k, v]) => `${k} = ${v}`).concat([...point.values].filter(([k]) => !model.isRandom(k)).map(([k, v]) => `${k} = ${toText(v, 6)}`));
      throw new DeriveError(
        "sample",
        `inconclusive: after ${mc.drawn} Monte Carlo draws lhs - rhs = ${fmt((near ?? ineq ?? worst).d)} with SE ${fmt((near ?? ineq ?? worst).se)}: ${near ? `≈ neither shown within ±${fmt(near.tol)} by 4 SE nor refuted by ${REFUTE_SE} SE` : ineq ? `${relation} neither shown by 4 SE nor refuted by ${REFUTE_SE} SE` : `neither shown equal within ${100 * VERIFY_REL}% of the values (${fmt(scale)}) nor different beyond ${REFUTE_SE} SE`}${where.length ? ` (at ${where.join("; ")})` : ""}`,
      );
    }
    target *= 4;
  }
}

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
