// Which dimension sizes each sample of a claim uses (language.md, "Sampling
// and tolerance"). Sizes 2..5 alone accept bounds whose constant hides a
// dimension (`sum(abs(x)) <= sqrt(5) * norm(x)` fails only from n = 6), so
// samples also take size 1 and sizes on a log scale up to 64, as far as the
// claim's estimated cost allows (cost.ts). A dimension name used as a value
// (`n <= 5`, `sum(ones(n)) <= 10`) is an integer variable: it is swept over
// 1..64 (and beyond, where cheap) so that the smallest n that breaks a claim
// is found. Everything here is a function of the seed alone.

import type { Random } from "./random.js";
import { drawSizes } from "./sampler.js";

/** Sizes on a log scale (ratio about sqrt 2) for the large draws. */
export const SIZE_LADDER: readonly number[] = [1, 2, 3, 4, 5, 6, 8, 11, 16, 23, 32, 45, 64];
/** Sizes tried beyond the ladder for a dimension used as a value, where the claim is cheap there. */
const FAR: readonly number[] = [80, 100, 128, 200, 256, 500, 1000];
/**
 * Cost units (cost.ts, about one multiply-add, ~80 ns, each) one sample may
 * take: ~40 ms, and only some samples are large, so that a claim stays well
 * under 0.2 s (measured: an inverse chain reaches 45, eigenvalues 32, a
 * gradient of logdet 6, the Jacobian of softmax 32, vector bounds 64).
 */
export const SAMPLE_BUDGET = 5e5;

/**
 * The kinds of draws after draw 0 and the sweep, in turn. Five is prime to
 * the 2 and 3 that other schemes cycle on (nonnegative zeros on odd draws,
 * wide values on two draws in three), so every kind of size meets every
 * kind of value.
 */
const KINDS = ["large", "one", "mixed", "small", "mixed"] as const;

export interface SizePlanOptions {
  names: readonly string[];
  minDims: ReadonlyMap<string, number>;
  /** dimension names that occur as values in the claim (swept as integers) */
  valueDims?: readonly string[];
  /** "wide": sweep 1..64 then FAR (inequalities); "short": 1..16 and the ladder to 64 */
  sweep?: "wide" | "short";
  /** whether the claim's cost at these sizes is affordable */
  fits?: (sizes: ReadonlyMap<string, number>) => boolean;
  /** only sizes 2..5 (the schedule before large draws; claims with random variables) */
  smallOnly?: boolean;
}

/**
 * The sizes of every draw of a claim. Draw 0 has sizes >= 3 (a first sample
 * that is not degenerate); then, when dimensions occur as values, the sweep
 * points in increasing order; then a rotation of KINDS: large (6..64 on the
 * log ladder, shrunk to fit the cost), one name at size 1, mixed (anywhere
 * on the ladder, shrunk likewise), small (2..5). Names stay distinct where they can (n = m
 * would hide a transposition), except in the sweep.
 */
export class SizePlan {
  /** the sweep points, in the order they are drawn (smallest first) */
  readonly sweep: Map<string, number>[];
  private readonly fits: (sizes: ReadonlyMap<string, number>) => boolean;

  constructor(private readonly o: SizePlanOptions) {
    this.fits = o.fits ?? (() => true);
    this.sweep = o.smallOnly ? [] : this.sweepPoints();
  }

  get sweepLength(): number {
    return this.sweep.length;
  }

  /**
   * Sizes for draw number `draw` (0-based). `noneValid`: no sample has held
   * yet, so outside the sweep the sizes stay >= 3 (as on draw 0).
   */
  sizes(draw: number, rng: Random, noneValid = false): Map<string, number> {
    const { names, minDims } = this.o;
    const inSweep = draw >= 1 && draw <= this.sweep.length;
    if (draw === 0 || (noneValid && !inSweep)) return drawSizes(names, minDims, rng, true);
    if (inSweep) {
      // the other dimensions take small sizes; the swept ones their point
      const rest = drawSizes(names, minDims, rng, false);
      for (const [k, v] of this.sweep[draw - 1]!) rest.set(k, v);
      return rest;
    }
    const small = drawSizes(names, minDims, rng, false);
    if (this.o.smallOnly || names.length === 0) return small;
    const turn = draw - this.sweep.length - 1;
    const kind = KINDS[turn % KINDS.length]!;
    if (kind === "small") return small;
    if (kind === "one") {
      // one name (in turn) at size 1, the others as drawn; dropped where indexing needs more
      const name = names[Math.floor(turn / KINDS.length) % names.length]!;
      if ((minDims.get(name) ?? 1) <= 1) small.set(name, 1);
      return small;
    }
    const ladder = kind === "large" ? SIZE_LADDER.filter((s) => s >= 6) : SIZE_LADDER;
    const picked = this.distinctFrom(ladder, rng);
    return this.shrink(picked) ?? small;
  }

  /** One size per name from `ladder`, distinct while the ladder lasts, at least each name's minimum. */
  private distinctFrom(ladder: readonly number[], rng: Random): Map<string, number> {
    const pool = rng.shuffle([...ladder]);
    const out = new Map<string, number>();
    const used = new Set<number>();
    for (const name of this.o.names) {
      const min = this.o.minDims.get(name) ?? 1;
      let s = pool.find((v) => v >= min && !used.has(v)) ?? Math.max(min, ...ladder);
      while (used.has(s)) s++;
      used.add(s);
      out.set(name, s);
    }
    return out;
  }

  /**
   * Lowers the largest size one ladder step at a time (keeping sizes distinct
   * where a free step exists) until the claim's cost fits; null when even
   * sizes of at most 5 do not fit (the caller then draws small sizes).
   */
  private shrink(sizes: Map<string, number>): Map<string, number> | null {
    for (let guard = 0; guard < 200; guard++) {
      if (this.fits(sizes)) return sizes;
      const names = [...sizes.keys()].filter((n) => sizes.get(n)! > Math.max(5, this.o.minDims.get(n) ?? 1));
      if (names.length === 0) return null;
      const name = names.reduce((a, b) => (sizes.get(b)! > sizes.get(a)! ? b : a));
      const cur = sizes.get(name)!;
      const used = new Set([...sizes].filter(([k]) => k !== name).map(([, v]) => v));
      const lower = SIZE_LADDER.filter((s) => s < cur && s >= 5 && s >= (this.o.minDims.get(name) ?? 1));
      const free = [...lower].reverse().find((s) => !used.has(s));
      sizes.set(name, free ?? lower[lower.length - 1] ?? cur - 1);
    }
    return null;
  }

  /**
   * Sweep points for the dimensions used as values: every combination of
   * 1..4 (up to three such names), then all of them equal to t for t from 5
   * up, in increasing order, keeping only points the cost allows (the other
   * dimensions counted at 5).
   */
  private sweepPoints(): Map<string, number>[] {
    const vd = this.o.valueDims ?? [];
    if (vd.length === 0) return [];
    const ok = (pt: Map<string, number>): boolean => {
      for (const [k, v] of pt) if (v < (this.o.minDims.get(k) ?? 1)) return false;
      const all = new Map(this.o.names.map((n) => [n, 5] as [string, number]));
      for (const [k, v] of pt) all.set(k, v);
      return this.fits(all);
    };
    const points: Map<string, number>[] = [];
    if (vd.length <= 3) {
      const grid: number[][] = [[]];
      for (let i = 0; i < vd.length; i++) {
        const next: number[][] = [];
        for (const g of grid) for (let v = 1; v <= 4; v++) next.push([...g, v]);
        grid.splice(0, grid.length, ...next);
      }
      grid.sort((a, b) => Math.max(...a) - Math.max(...b) || a.reduce((s, v) => s + v, 0) - b.reduce((s, v) => s + v, 0));
      for (const g of grid) points.push(new Map(vd.map((n, i) => [n, g[i]!])));
    } else {
      for (let t = 1; t <= 4; t++) points.push(new Map(vd.map((n) => [n, t])));
    }
    const diagonal = this.o.sweep === "short" ? [...range(5, 16), ...SIZE_LADDER.filter((s) => s > 16)] : [...range(5, 64), ...FAR];
    for (const t of diagonal) points.push(new Map(vd.map((n) => [n, t])));
    return points.filter(ok);
  }
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Sizes as a reader takes them in: runs of three or more as `a..b` ("1..5, 8, 16..18"). */
export function sizesText(sizes: Iterable<number>): string {
  const s = [...new Set(sizes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${s[i]}..${s[j]}` : s.slice(i, j + 1).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}
