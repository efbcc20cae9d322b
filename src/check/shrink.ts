// Shrinking a counterexample, as fast-check shrinks: after a refutation, look
// for smaller dimensions (down to 1) and simpler values (0, ±1, small
// integers, the identity, a signed permutation, a one-hot vector) that still
// refute, keeping every declared property (numeric/sampler.ts decides what a
// declaration allows). A reader sees the smallest case that shows the error.
//
// Two rules keep this honest:
// - a candidate replaces the counterexample only if it fails by the same
//   re-confirmed rule that refuted the claim (`fails`, claim.ts), so the
//   shrunk point is itself a counterexample, pasteable with --at;
// - the search is budgeted by a count of evaluations, never by the clock, and
//   draws from its own generator seeded by the claim's seed: its result is a
//   function of the seed alone, whatever the load of the machine.
// Shrinking runs only after the verdict is "refuted" and never changes it:
// any failure inside it keeps the counterexample found first.

import { concreteDims } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { SIZE_LADDER } from "../numeric/sizes.js";
import type { Declaration } from "../core/typed.js";
import type { Point } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { drawScalar, drawValue, satisfiesDeclaration } from "../numeric/sampler.js";
import type { Decision, Prepared } from "./claim.js";

/** evaluations (each a re-confirmed decision) spent on smaller sizes */
export const SIZE_BUDGET = 48;
/** evaluations spent on simpler values at the chosen sizes */
export const VALUE_BUDGET = 160;
/** size combinations tried, smallest first */
const MAX_SIZE_COMBOS = 24;
/** fresh draws per size combination */
const DRAWS_PER_SIZE = 2;

export interface Found {
  point: Point;
  decision: Decision;
}

/** The re-confirmed failure at a point, or null where the claim holds there (or the point does not count). */
export type Fails = (point: Point) => Decision | null;

/**
 * The smallest, simplest counterexample reachable from `found` within the
 * budget; `found` itself when nothing smaller still refutes.
 */
export function shrinkCounterexample(p: Prepared, found: Found, fails: Fails, seed: number): Found {
  try {
    const rng = new Random((seed ^ 0x5a17c0de) >>> 0);
    const budget = { left: SIZE_BUDGET };
    const sized = smallerSizes(p, found, fails, rng, budget);
    budget.left = VALUE_BUDGET;
    return simplerValues(p, sized, fails, budget);
  } catch {
    return found; // a courtesy to the reader: it never changes what was found
  }
}

/** Total entries of a point's values: what "smaller" means first. */
export const entryCount = (pt: Point): number => [...pt.values.values()].reduce((a, t) => a + t.size, 0);

/** How complicated a number is to read: 0, then ±1, small integers, quarters, then anything. */
export function numberCost(x: number): number {
  if (x === 0) return 0;
  const a = Math.abs(x);
  if (Number.isInteger(a)) return 1 + Math.log2(a) + (x < 0 ? 0.25 : 0);
  if (Number.isInteger(a * 4)) return 4 + Math.log2(1 + a) + (x < 0 ? 0.25 : 0);
  return 12 + Math.log2(1 + a);
}

export const valueCost = (t: Tensor): number => t.data.reduce((s, x) => s + numberCost(x), 0);

/** Try size combinations with fewer entries, smallest first; the first that refutes wins. */
function smallerSizes(p: Prepared, found: Found, fails: Fails, rng: Random, budget: { left: number }): Found {
  const names = [...p.resolver.dims];
  if (names.length === 0 || found.point.sizes.size === 0) return found;
  const lo = (d: string): number => p.resolver.minDims.get(d) ?? 1;
  // small sizes first, then the log ladder up to the size found (a bound that fails only
  // from n = 6 shrinks from 16 to 6, not to 1)
  const choices = names.map((d) => {
    const cur = found.point.sizes.get(d) ?? lo(d);
    const opts = new Set<number>();
    for (let s = lo(d); s <= Math.min(cur, lo(d) + 3); s++) opts.add(s);
    for (const s of SIZE_LADDER) if (s >= lo(d) && s < cur) opts.add(s);
    opts.add(cur);
    return [...opts];
  });
  let combos: number[][] = [[]];
  for (const c of choices) combos = combos.flatMap((prefix) => c.map((s) => [...prefix, s]));
  const total = (c: number[]): number => c.reduce((a, b) => a + b, 0);
  combos.sort((a, b) => total(a) - total(b) || a.join(",").localeCompare(b.join(",")));
  let best = found;
  let tried = 0;
  for (const combo of combos) {
    if (budget.left <= 0 || tried >= MAX_SIZE_COMBOS) break;
    const sizes = new Map(found.point.sizes);
    names.forEach((d, i) => sizes.set(d, combo[i]!));
    if (names.every((d) => sizes.get(d) === found.point.sizes.get(d))) continue;
    tried++;
    // the leading block of each value first (a principal submatrix keeps symmetry, spd,
    // diagonal; the identity stays the identity), then fresh property-aware draws
    for (let v = -1; v < DRAWS_PER_SIZE && budget.left > 0; v++) {
      const values = new Map<string, Tensor>();
      for (const name of found.point.values.keys()) values.set(name, v < 0 ? leadingBlock(p, name, found.point.values.get(name)!, sizes) : drawFor(p, name, sizes, rng, v));
      if (v < 0 && ![...values].every(([name, t]) => fitsDeclaration(p, name, t))) continue;
      const point: Point = { sizes, values };
      if (entryCount(point) >= entryCount(best.point)) break;
      budget.left--;
      const decision = attempt(fails, point);
      if (decision) return { point, decision };
    }
  }
  return best;
}

/** The leading block of a value at smaller sizes (every index within the new dimensions). */
function leadingBlock(p: Prepared, name: string, t: Tensor, sizes: ReadonlyMap<string, number>): Tensor {
  const d = p.resolver.scope.decls.get(name);
  if (!d) return t;
  const dims = concreteDims(d.shape, sizes);
  const full = t.shape.length === dims.length ? t.shape : dims.length === 2 && t.shape.length === 2 ? t.shape : null;
  if (!full || dims.some((n, i) => n > full[i]!)) return t;
  const out = new Tensor(dims);
  const idx = new Array<number>(dims.length).fill(0);
  for (let k = 0; k < out.size; k++) {
    let src = 0;
    for (let a = 0; a < dims.length; a++) src = src * full[a]! + idx[a]!;
    out.data[k] = t.data[src]!;
    for (let a = dims.length - 1; a >= 0; a--) {
      if (++idx[a]! < dims[a]!) break;
      idx[a] = 0;
    }
  }
  return out;
}

const fitsDeclaration = (p: Prepared, name: string, t: Tensor): boolean => {
  const d = p.resolver.scope.decls.get(name);
  return !d || satisfiesDeclaration(d, t);
};

function drawFor(p: Prepared, name: string, sizes: ReadonlyMap<string, number>, rng: Random, variant: number): Tensor {
  const d = p.resolver.scope.decls.get(name);
  return d ? drawValue(d, sizes, rng, variant) : drawScalar(rng);
}

function attempt(fails: Fails, point: Point): Decision | null {
  try {
    return fails(point);
  } catch {
    return null; // a point the operators reject (a singular draw, a kink) simply does not shrink
  }
}

/**
 * Simpler values at fixed sizes: for each variable, whole replacements
 * (zeros, the identity, rounding, a signed permutation, a one-hot vector, the
 * uniform distribution), then entry by entry towards 0, ±1 and rounded
 * values. A candidate must satisfy the declaration, be strictly simpler, and
 * still refute. Passes repeat while something improves and budget is left.
 */
function simplerValues(p: Prepared, found: Found, fails: Fails, budget: { left: number }): Found {
  let best = found;
  const names = [...found.point.values.keys()];
  for (let pass = 0; pass < 3 && budget.left > 0; pass++) {
    let improved = false;
    for (const name of names) {
      const decl = p.resolver.scope.decls.get(name);
      // a random variable is judged by its law, not a point: leave it
      if (decl?.distribution) continue;
      const ok = (v: Tensor): boolean => (decl ? satisfiesDeclaration(decl, v) : true);
      const current = (): Tensor => best.point.values.get(name)!;
      const tryValue = (v: Tensor): boolean => {
        if (budget.left <= 0 || !(valueCost(v) < valueCost(current())) || !ok(v)) return false;
        const values = new Map(best.point.values);
        values.set(name, v);
        const point: Point = { sizes: best.point.sizes, values };
        budget.left--;
        const decision = attempt(fails, point);
        if (!decision) return false;
        best = { point, decision };
        return true;
      };
      for (const v of wholeCandidates(current(), decl)) if (tryValue(v)) improved = true;
      const pairs = entryGroups(current(), decl);
      for (const group of pairs) {
        for (const x of entryLadder(current().data[group[0]!]!)) {
          const v = current().map((y) => y);
          for (const k of group) v.data[k] = x;
          if (tryValue(v)) {
            improved = true;
            break;
          }
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

/** Simpler numbers to try for an entry, simplest first. */
function entryLadder(x: number): number[] {
  const s = x < 0 ? -1 : 1;
  const out = [0, s, s * 2, Math.round(x), Math.round(x * 2) / 2, Math.round(x * 4) / 4, -s];
  return [...new Set(out)].filter((y) => numberCost(y) < numberCost(x));
}

/** Entries that move together: a symmetric pair, only the diagonal of a diagonal matrix; none for structured properties. */
function entryGroups(v: Tensor, decl: Declaration | undefined): number[][] {
  const props = decl?.properties ?? [];
  if (props.some((q) => q === "orthogonal" || q === "simplex" || q === "onehot")) return [];
  const n = v.rows;
  if (props.includes("diagonal")) return Array.from({ length: n }, (_, i) => [i * n + i]);
  if (props.includes("symmetric") || props.includes("spd")) {
    const out: number[][] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out.push(i === j ? [i * n + i] : [i * n + j, j * n + i]);
    // off-diagonal pairs first: a sparse matrix reads easier than a small diagonal
    return [...out.filter((g) => g.length === 2), ...out.filter((g) => g.length === 1)];
  }
  return Array.from({ length: v.size }, (_, k) => [k]);
}

/** Whole replacements for a value, simplest first (each checked against the declaration before use). */
function wholeCandidates(v: Tensor, decl: Declaration | undefined): Tensor[] {
  const props = decl?.properties ?? [];
  const like = (f: (k: number) => number): Tensor => {
    const t = v.map(() => 0);
    for (let k = 0; k < t.size; k++) t.data[k] = f(k);
    return t;
  };
  const n = v.rows;
  const square = v.rows === v.cols && !v.isTensor;
  const eye = (c: number): Tensor => like((k) => (square && k % (n + 1) === 0 ? c : 0));
  const out: Tensor[] = [like(() => 0)];
  if (square) out.push(eye(1), eye(2), eye(-1));
  if (props.includes("orthogonal") && square) out.push(...signedPermutations(n, like));
  if (props.includes("simplex")) out.push(like(() => 1 / v.size), like((k) => (k === 0 ? 0.5 : 0.5 / (v.size - 1))));
  if (props.includes("onehot")) for (let i = 0; i < v.size; i++) out.push(like((k) => (k === i ? 1 : 0)));
  out.push(like(() => 1), v.map(Math.round), v.map((x) => Math.round(x * 2) / 2));
  // a structured matrix rounded to integers: B B' + I keeps spd with integer entries
  if (props.includes("spd") && square) out.push(spdFromRounded(v));
  return out;
}

/** The cyclic shifts of the identity, with the sign of one row flipped in turn: integer orthogonal matrices. */
function signedPermutations(n: number, like: (f: (k: number) => number) => Tensor): Tensor[] {
  const out: Tensor[] = [];
  for (let shift = 1; shift < n; shift++) out.push(like((k) => (Math.floor(k / n) === (k % n + shift) % n ? 1 : 0)));
  for (let flip = 0; flip < n; flip++) out.push(like((k) => (k % (n + 1) === 0 ? (Math.floor(k / n) === flip ? -1 : 1) : 0)));
  return out;
}

function spdFromRounded(v: Tensor): Tensor {
  const n = v.rows;
  const b = v.map((x) => Math.sign(x) * Math.min(1, Math.round(Math.abs(x))));
  const t = v.map(() => 0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += b.data[i * n + k]! * b.data[j * n + k]!;
      t.data[i * n + j] = s;
    }
  }
  return t;
}
