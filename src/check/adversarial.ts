// The search for a counterexample that an inequality gets before it is called
// "verified". Random samples rarely reach the direction where a bound is tight
// (`sum(abs(x)) <= 1.9 * norm(x)` fails only near x = ones, `x' * A * x >= 0`
// for a symmetric A only where A has a negative eigenvalue), so after the
// sampling loop of claim.ts:
//   1. structured probes (./probes.ts) at the sizes the samples used: each
//      name takes each of its probes while the others are random, then
//      combinations of probes for all names at once;
//   2. multi-start local maximisation of the violation (lhs - rhs for <=, <;
//      rhs - lhs for >=, >; relative to their size; the largest entry for an
//      entrywise relation) over parametrisations that keep the declared
//      properties (./parametrise.ts), from the best probes and a few random
//      points, by finite-difference gradient ascent with an adaptive step.
// A point where the relation fails is handed to the caller's `attempt`, which
// re-confirms it exactly as a failing sample (confirm() in claim.ts) and turns
// it into the usual refutation. The search uses its own fixed generator, so
// its part of the verdict does not depend on the seed; its cost is bounded by
// a count of evaluations and, for slow claims, by the cost model's estimate
// of the work they take (numeric/cost.ts): both are counts, never timings, so
// the search reaches the same points on a busy machine as on an idle one.

import { DeriveError } from "../core/errors.js";
import { concreteDims } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { Declaration } from "../core/typed.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { evaluationCost } from "../numeric/cost.js";
import { Random } from "../numeric/random.js";
import type { Prepared, SampleOutcome } from "./claim.js";
import { parametrise, type Param } from "./parametrise.js";
import { type Probe, legal, probesFor } from "./probes.js";
import { decide } from "./relations.js";
import { type Drawer, drawVar0 } from "./sampling.js";

export interface SearchInput {
  /** the free variables of the claim */
  vars: readonly string[];
  /** the sizes of the valid samples drawn */
  sizeMaps: readonly ReadonlyMap<string, number>[];
  /** re-confirms a failing point: the refutation, or null if it does not count; `extreme`: far from the usual scale */
  attempt: (point: Point, extreme: boolean) => SampleOutcome | null;
}

export interface SearchReport {
  outcome: SampleOutcome | null;
  probes: number;
  ascents: number;
}

/** size maps probed (smallest, largest and some between) */
const MAX_MAPS = 4;
/** entries of all the values at a size map searched (two 16 x 16 matrices) */
const ENTRY_CAP = 512;
/** evaluations of probe points per size map */
const PROBES_PER_MAP = 60;
/** local ascents: at most this many size maps, starts per map, iterations per ascent */
const ASCENT_MAPS = 2;
const STARTS = 3;
const ITERATIONS = 20;
/** parameters above which the gradient is estimated along random directions instead of per coordinate */
const MAX_FD_PARAMS = 30;
/** evaluations for all the ascents of one claim */
const ASCENT_BUDGET = 400;
/**
 * A claim whose evaluations are costly stops searching after this much
 * estimated work (cost units of numeric/cost.ts, ~80 ns each: ~400 ms).
 */
const WORK_CAP = 5e6;
/** the search's own generator: a fixed seed, so that its part of the verdict never depends on --seed */
const SEARCH_SEED = 0x5ea7c4;

interface Scored {
  /** the largest relative violation over relations and entries: > 0 where the relation fails */
  violation: number;
  /** the relation fails here by decide() (before re-confirmation) */
  fails: boolean;
}

export function adversarialSearch(p: Prepared, input: SearchInput): SearchReport {
  const report: SearchReport = { outcome: null, probes: 0, ascents: 0 };
  if (input.vars.length === 0 || input.sizeMaps.length === 0) return report;
  // estimated work, not time: the points searched must not depend on how busy the machine is
  let work = 0;
  const costAt = new Map<ReadonlyMap<string, number>, number>();
  const outOfTime = (): boolean => work > WORK_CAP;
  const rng = new Random(SEARCH_SEED);
  const drawer = drawVar0(p.resolver.scope, rng, true);
  const decls = p.resolver.scope.decls;
  const maps = chooseMaps(input.sizeMaps, input.vars, decls);
  const best = new Map<ReadonlyMap<string, number>, { point: Point; violation: number }[]>();

  // a point's score; a failing point is re-confirmed at once, and a confirmed failure ends the search
  const tryPoint = (point: Point, extreme: boolean): number | null => {
    let c = costAt.get(point.sizes);
    if (c === undefined) costAt.set(point.sizes, (c = evaluationCost(p.sides, point.sizes)));
    work += c;
    const s = score(p, point);
    if (!s) return null;
    if (s.fails && robust(p, point, rng)) {
      report.outcome = confirmed(() => input.attempt(point, extreme));
      if (report.outcome) return Infinity;
    }
    return s.violation;
  };

  // 1. structured probes
  for (const sizes of maps) {
    const kept: { point: Point; violation: number }[] = [];
    best.set(sizes, kept);
    for (const { values, extreme } of probePoints(p, input.vars, sizes, drawer)) {
      if (outOfTime()) return report;
      report.probes++;
      const v = tryPoint({ sizes, values }, extreme);
      if (report.outcome) return report;
      if (v !== null && Number.isFinite(v)) keep(kept, { point: { sizes, values }, violation: v });
    }
  }

  // 2. multi-start local ascent of the violation, at the smallest and the largest affordable sizes
  let budget = ASCENT_BUDGET;
  const eligible = maps.filter((sizes) => input.vars.reduce((a, v) => a + parametrise(decls.get(v), sizes).size, 0) > 0);
  // size 1 makes most bounds trivial: the ascents start at the smallest map with a size above 1
  const first = eligible.find((m) => [...m.values()].some((n) => n > 1)) ?? eligible[0];
  const ascentMaps = eligible.length <= ASCENT_MAPS ? eligible : [first!, eligible[eligible.length - 1]!];
  for (const sizes of ascentMaps) {
    const starts = (best.get(sizes) ?? []).slice(0, STARTS / 2).map((b) => b.point);
    for (let k = 0; starts.length < STARTS && k < STARTS * 4; k++) {
      const values = new Map<string, Tensor>();
      try {
        for (const v of input.vars) values.set(v, drawer(v, sizes, k));
      } catch (e) {
        if (e instanceof InvalidSample || e instanceof DeriveError) continue;
        throw e;
      }
      starts.push({ sizes, values });
    }
    for (const start of starts) {
      if (budget <= 0 || outOfTime()) return report;
      report.ascents++;
      budget -= ascend(p, input.vars, start, rng, budget, tryPoint, outOfTime);
      if (report.outcome) return report;
    }
  }
  return report;
}

/** A re-confirmation that cannot evaluate (a kink under the other finite-difference step) is no counterexample, never an error. */
function confirmed(attempt: () => SampleOutcome | null): SampleOutcome | null {
  try {
    return attempt();
  } catch (e) {
    if (e instanceof InvalidSample || e instanceof DeriveError) return null;
    throw e;
  }
}

/** Evaluates the sides at a point and measures how far each relation is from failing; null if unusable. */
function score(p: Prepared, point: Point): Scored | null {
  let values: Tensor[];
  try {
    const ev = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
    values = p.sides.map(ev.evaluate);
  } catch (e) {
    if (e instanceof InvalidSample || e instanceof DeriveError) return null;
    throw e;
  }
  if (!values.every((v) => v.allFinite())) return null;
  let violation = -Infinity;
  let fails = false;
  p.claim.relations.forEach((rel, i) => {
    const a = values[i]!;
    const b = values[i + 1]!;
    if (!decide(rel, a, b, p.approx).holds) fails = true;
    const flip = rel === ">" || rel === ">=";
    const n = Math.max(a.size, b.size);
    for (let k = 0; k < n; k++) {
      let x = a.size === 1 ? a.data[0]! : a.data[k]!;
      let y = b.size === 1 ? b.data[0]! : b.data[k]!;
      if (flip) [x, y] = [y, x];
      // relative, so that scale alone does not look like progress
      violation = Math.max(violation, (x - y) / (Math.abs(x) + Math.abs(y) + 1e-8));
    }
  });
  return { violation, fails };
}

/** relative size of the perturbations that test whether a failure is more than a point (see robust()) */
const NUDGE = 1e-4;

/**
 * Whether the relation still fails at small random perturbations of a failing
 * point that keep the declared properties. Samples are random, so "verified"
 * has always meant "holds except on a set of measure zero": `x' * x > 0` or
 * `abs(det(W)) > 0` (a generic W has full rank) fail only at exact points such
 * as x = 0, which a probe hits but no sample would. A failure on a set of
 * positive measure (every bound of the issue: x = ones, A = -I, a narrow
 * interval) survives the nudge; names without continuous freedom (integer,
 * onehot) and the sizes are not nudged, so a discrete counterexample counts.
 */
function robust(p: Prepared, point: Point, rng: Random): boolean {
  const decls = p.resolver.scope.decls;
  for (let k = 0; k < 3; k++) {
    const values = new Map<string, Tensor>();
    for (const [name, v] of point.values) {
      const decl = decls.get(name);
      const prm = parametrise(decl, point.sizes);
      const u = prm.start(v);
      if (!u) {
        values.set(name, v);
        continue;
      }
      const nudged = prm.make(u.map((x) => x + NUDGE * Math.max(1, Math.abs(x)) * rng.normal()));
      values.set(name, legal(nudged, decl?.properties ?? [], decl?.interval) ? nudged : v);
    }
    const s = score(p, { sizes: point.sizes, values });
    if (s && !s.fails) return false;
  }
  return true;
}

/** Keeps the few points with the largest violation (the starts of the ascents). */
function keep(kept: { point: Point; violation: number }[], c: { point: Point; violation: number }): void {
  kept.push(c);
  kept.sort((a, b) => b.violation - a.violation);
  if (kept.length > STARTS) kept.pop();
}

/**
 * The size maps to search, cheapest first: among the distinct maps the samples
 * used whose values have at most ENTRY_CAP entries in all (so a claim on
 * 64 x 64 matrices is searched at its affordable sizes, not cut short by the
 * work cap), the two smallest (a bound that fails only at n = 2 or 3), the
 * largest (one that fails only beyond some n) and the middle one; the
 * cheapest map of all if none is affordable.
 */
function chooseMaps(all: readonly ReadonlyMap<string, number>[], vars: readonly string[], decls: Prepared["resolver"]["scope"]["decls"]): ReadonlyMap<string, number>[] {
  const byKey = new Map<string, ReadonlyMap<string, number>>();
  for (const m of all) byKey.set([...m].sort().map(([k, v]) => `${k}=${v}`).join(","), m);
  const cost = (m: ReadonlyMap<string, number>): number => vars.reduce((a, v) => a + entriesOf(decls.get(v), m), 0);
  const sorted = [...byKey.values()].sort((a, b) => cost(a) - cost(b));
  const affordable = sorted.filter((m) => cost(m) <= ENTRY_CAP);
  if (affordable.length === 0) return sorted.slice(0, 1);
  const last = affordable.length - 1;
  const picked = new Set([0, 1, last, Math.floor(last / 2)].filter((i) => i <= last));
  return [...picked].sort((a, b) => a - b).slice(0, MAX_MAPS).map((i) => affordable[i]!);
}

function entriesOf(decl: Declaration | undefined, sizes: ReadonlyMap<string, number>): number {
  return decl ? concreteDims(decl.shape, sizes).reduce((a, b) => a * b, 1) : 1;
}

/**
 * The probe points at one size map: each name takes each of its probes while
 * the others are random (a normal and a wide draw), then combinations in
 * which every name takes a probe, in order of the largest probe index (the
 * first probes of each list, 0, ones, I, are combined first).
 */
function* probePoints(p: Prepared, vars: readonly string[], sizes: ReadonlyMap<string, number>, drawer: Drawer): Generator<{ values: Map<string, Tensor>; extreme: boolean }> {
  const lists: Probe[][] = vars.map((v) => probesFor(p.resolver.scope.decls.get(v), sizes));
  let count = 0;
  const randoms: Map<string, Tensor>[] = [];
  for (let variant = 0; variant < 2; variant++) {
    try {
      randoms.push(new Map(vars.map((v) => [v, drawer(v, sizes, variant)])));
    } catch (e) {
      if (!(e instanceof InvalidSample || e instanceof DeriveError)) throw e;
    }
  }
  if (vars.length > 1) {
    for (const [r, base] of randoms.entries()) {
      for (const [i, v] of vars.entries()) {
        for (const probe of lists[i]!) {
          if (count++ >= PROBES_PER_MAP / 2) break;
          const values = new Map(base);
          values.set(v, probe.value);
          yield { values, extreme: probe.extreme || r === 1 };
        }
      }
    }
  }
  for (const idx of shells(lists.map((l) => l.length))) {
    if (count++ >= PROBES_PER_MAP) return;
    const chosen = idx.map((k, i) => lists[i]![k]!);
    yield { values: new Map(vars.map((v, i) => [v, chosen[i]!.value])), extreme: chosen.some((c) => c.extreme) };
  }
}

/** Index tuples into lists of the given lengths, by increasing largest index. */
function* shells(lengths: readonly number[]): Generator<number[]> {
  if (lengths.some((l) => l === 0)) return;
  const top = Math.max(...lengths);
  for (let m = 0; m < top; m++) {
    const tuple: number[] = [];
    function* rec(i: number, hitM: boolean): Generator<number[]> {
      if (i === lengths.length) {
        if (hitM) yield [...tuple];
        return;
      }
      for (let k = 0; k <= Math.min(m, lengths[i]! - 1); k++) {
        tuple.push(k);
        yield* rec(i + 1, hitM || k === m);
        tuple.pop();
      }
    }
    yield* rec(0, false);
  }
}

/**
 * One local ascent of the violation from a start, in the parameters of each
 * name (./parametrise.ts): gradient by forward differences (along random
 * directions when there are many parameters), a normalised step that doubles
 * on success and shrinks on failure. Returns the evaluations spent.
 */
function ascend(
  p: Prepared,
  vars: readonly string[],
  start: Point,
  rng: Random,
  budget: number,
  tryPoint: (point: Point, extreme: boolean) => number | null,
  outOfTime: () => boolean,
): number {
  const decls = p.resolver.scope.decls;
  const params: Param[] = vars.map((v) => parametrise(decls.get(v), start.sizes));
  const starts = vars.map((v, i) => params[i]!.start(start.values.get(v)!));
  if (starts.some((s) => s === null)) return 0;
  const offsets: number[] = [];
  let total = 0;
  for (const prm of params) {
    offsets.push(total);
    total += prm.size;
  }
  if (total === 0) return 0;
  let u = new Float64Array(total);
  starts.forEach((s, i) => u.set(s!, offsets[i]!));
  let spent = 0;
  const f = (w: Float64Array): number => {
    spent++;
    const values = new Map<string, Tensor>();
    vars.forEach((v, i) => values.set(v, params[i]!.make(w.subarray(offsets[i]!, offsets[i]! + params[i]!.size))));
    const s = tryPoint({ sizes: start.sizes, values }, true);
    return s === null ? -Infinity : s;
  };
  let f0 = f(u);
  if (!Number.isFinite(f0)) return spent;
  let step = 0.5;
  for (let it = 0; it < ITERATIONS && spent < budget && !outOfTime(); it++) {
    const g = gradient(f, u, f0, total, rng);
    if (g.some((x) => x === Infinity)) return spent;
    let norm = Math.hypot(...g);
    if (!(norm > 0)) {
      // flat here (a piecewise constant side, or saturation): a random kick
      for (let k = 0; k < total; k++) g[k] = rng.normal();
      norm = Math.hypot(...g);
    }
    let moved = false;
    while (step > 1e-6 && spent < budget) {
      const w = u.map((x, k) => x + (step * g[k]!) / norm);
      const fw = f(w);
      if (fw === Infinity) return spent;
      if (fw > f0) {
        u = w;
        f0 = fw;
        step *= 2;
        moved = true;
        break;
      }
      step /= 4;
    }
    if (!moved) break;
  }
  return spent;
}

/** Forward differences per coordinate, or along a few random directions when there are many parameters. */
function gradient(f: (w: Float64Array) => number, u: Float64Array, f0: number, total: number, rng: Random): Float64Array {
  const g = new Float64Array(total);
  if (total <= MAX_FD_PARAMS) {
    for (let k = 0; k < total; k++) {
      const h = 1e-5 * Math.max(1, Math.abs(u[k]!));
      const w = u.slice();
      w[k] = u[k]! + h;
      const fw = f(w);
      if (fw === Infinity) return g.fill(Infinity);
      g[k] = Number.isFinite(fw) ? (fw - f0) / h : 0;
    }
    return g;
  }
  for (let d = 0; d < 4; d++) {
    const dir = Float64Array.from({ length: total }, () => (rng.float() < 0.5 ? -1 : 1));
    const h = 1e-5;
    const fw = f(u.map((x, k) => x + h * dir[k]!));
    if (fw === Infinity) return g.fill(Infinity);
    if (!Number.isFinite(fw)) continue;
    for (let k = 0; k < total; k++) g[k] = g[k]! + ((fw - f0) / h) * dir[k]!;
  }
  return g;
}
