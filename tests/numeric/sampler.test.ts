// The sampler (src/numeric/sampler.ts) and the generator (random.ts):
// reproducible draws, distinct dimension sizes in 2..5 (the first sample
// >= 3), minimum sizes from indexing, every declared property holding on the
// drawn values (checked here independently of properties.ts), conflicting
// properties ending in a "sample" DeriveError rather than a hang, and the
// normal generator's first two moments.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DeriveError } from "../../src/core/errors.js";
import { Tensor } from "../../src/core/tensor.js";
import type { Declaration } from "../../src/core/typed.js";
import { holds } from "../../src/numeric/properties.js";
import { Random } from "../../src/numeric/random.js";
import { MAX_COND, drawSizes, drawValue, maxCond } from "../../src/numeric/sampler.js";
import { SIZE_LADDER, SizePlan, sizesText } from "../../src/numeric/sizes.js";
import { signAt, signPatterns, withSign } from "../../src/numeric/signs.js";
import { evaluationCost } from "../../src/numeric/cost.js";
import { Resolver } from "../../src/parse/resolve.js";
import { parseExpr } from "../../src/parse/parser.js";
import { Scope } from "../../src/parse/scope.js";
import { equal } from "../../src/api.js";
import { inv, mm, tp } from "./oracle.js";

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** The sizes a verdict's detail lists ("sizes 1..5, 8, 32"), expanded. */
function listedSizes(detail: string): number[] {
  const m = /sizes ([\d., ]+?)(?:,? max|$)/.exec(detail);
  if (!m) return [];
  return m[1]!.split(", ").flatMap((part) => {
    const [a, b] = part.split("..").map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

function decl(src: string): Declaration {
  const d = [...Scope.parse([src]).decls.values()][0];
  if (!d) throw new Error(`no declaration in ${src}`);
  return d;
}

const sizesOf = (n: number, m = n + 1): Map<string, number> =>
  new Map([
    ["n", n],
    ["m", m],
  ]);

// ---------------------------------------------------------------------------
// Independent property checks

function isSymmetric(t: Tensor): boolean {
  if (t.rows !== t.cols) return false;
  const n = t.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (Math.abs(t.data[i * n + j]! - t.data[j * n + i]!) > 1e-12 * Math.max(1, t.maxAbs())) return false;
  return true;
}

/** Cholesky factorisation succeeds with every pivot clearly positive. */
function choleskyOk(t: Tensor): boolean {
  const n = t.rows;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = t.data[j * n + j]!;
    for (let k = 0; k < j; k++) s -= l[j * n + k]! * l[j * n + k]!;
    if (!(s > 1e-8 * Math.max(1, t.maxAbs()))) return false;
    const d = Math.sqrt(s);
    l[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let u = t.data[i * n + j]!;
      for (let k = 0; k < j; k++) u -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = u / d;
    }
  }
  return true;
}

function orthogonalError(q: Tensor): number {
  const qtq = mm(tp(q), q);
  let e = 0;
  for (let i = 0; i < q.rows; i++) for (let j = 0; j < q.rows; j++) e = Math.max(e, Math.abs(qtq.data[i * q.rows + j]! - (i === j ? 1 : 0)));
  return e;
}

function norm1(a: Tensor): number {
  let best = 0;
  for (let j = 0; j < a.cols; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += Math.abs(a.data[i * a.cols + j]!);
    best = Math.max(best, s);
  }
  return best;
}

const cond1 = (a: Tensor): number => norm1(a) * norm1(inv(a));

function isDiagonal(t: Tensor): boolean {
  const n = t.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && t.data[i * n + j] !== 0) return false;
  return t.rows === t.cols;
}

const CHECKS: Record<string, (t: Tensor) => boolean> = {
  symmetric: isSymmetric,
  spd: (t) => isSymmetric(t) && choleskyOk(t),
  invertible: (t) => cond1(t) <= MAX_COND * (1 + 1e-9),
  orthogonal: (t) => t.rows === t.cols && orthogonalError(t) <= 1e-12,
  diagonal: isDiagonal,
  positive: (t) => t.data.every((v) => v > 0),
  nonnegative: (t) => t.data.every((v) => v >= 0),
  simplex: (t) => t.cols === 1 && t.data.every((v) => v > 0) && Math.abs(t.data.reduce((a, b) => a + b, 0) - 1) <= 1e-12,
  onehot: (t) => t.cols === 1 && t.data.every((v) => v === 0 || v === 1) && t.data.filter((v) => v === 1).length === 1,
  integer: (t) => t.size === 1 && (t.data[0] === 1 || t.data[0] === 2),
};

// ---------------------------------------------------------------------------

describe("Random", () => {
  it("is reproducible: the same seed gives the same stream", () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const a = new Random(seed);
        const b = new Random(seed);
        for (let i = 0; i < 50; i++) {
          expect(a.u32()).toBe(b.u32());
          expect(a.float()).toBe(b.float());
          expect(a.normal()).toBe(b.normal());
          expect(a.int(1, 6)).toBe(b.int(1, 6));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("different seeds give different streams", () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 200; seed++) seen.add(new Random(seed).u32());
    expect(seen.size).toBeGreaterThan(195);
  });

  it("float is in [0, 1), int(lo, hi) covers both ends, shuffle is a permutation", () => {
    const r = new Random(42);
    const hits = new Set<number>();
    let bad = 0;
    for (let i = 0; i < 10_000; i++) {
      const f = r.float();
      if (!(f >= 0 && f < 1)) bad++;
      const k = r.int(2, 5);
      if (!(Number.isInteger(k) && k >= 2 && k <= 5)) bad++;
      hits.add(k);
    }
    expect(bad).toBe(0);
    expect([...hits].sort()).toEqual([2, 3, 4, 5]);
    const xs = [1, 2, 3, 4, 5, 6, 7];
    const sh = r.shuffle(xs);
    expect([...sh].sort()).toEqual(xs);
    expect(xs).toEqual([1, 2, 3, 4, 5, 6, 7]); // a copy, not in place
  });

  it("normal() has mean ~0 and variance ~1 over 1e5 draws", () => {
    for (const seed of [1, 2, 3]) {
      const r = new Random(seed);
      const N = 100_000;
      let s = 0;
      let s2 = 0;
      let s4 = 0;
      let within1 = 0;
      for (let i = 0; i < N; i++) {
        const z = r.normal();
        s += z;
        s2 += z * z;
        s4 += z ** 4;
        if (Math.abs(z) < 1) within1++;
      }
      expect(Number.isFinite(s) && Number.isFinite(s4)).toBe(true);
      const mean = s / N;
      const variance = s2 / N - mean * mean;
      // standard errors: mean 0.003, variance 0.0045, kurtosis ~0.03
      expect(Math.abs(mean)).toBeLessThan(0.02);
      expect(Math.abs(variance - 1)).toBeLessThan(0.03);
      expect(Math.abs(s4 / N - 3)).toBeLessThan(0.2);
      expect(Math.abs(within1 / N - 0.6827)).toBeLessThan(0.01);
    }
  });
});

describe("drawSizes", () => {
  const namesArb = fc.integer({ min: 1, max: 4 }).map((k) => ["n", "m", "p", "q"].slice(0, k));

  it("is reproducible for a seed", () => {
    fc.assert(
      fc.property(seedArb, namesArb, fc.boolean(), (seed, names, first) => {
        const a = drawSizes(names, new Map(), new Random(seed), first);
        const b = drawSizes(names, new Map(), new Random(seed), first);
        expect([...a]).toEqual([...b]);
      }),
    );
  });

  it("gives distinct sizes in 2..5, and >= 3 on the first sample (while they fit)", () => {
    fc.assert(
      fc.property(seedArb, namesArb, fc.boolean(), (seed, names, first) => {
        const sizes = drawSizes(names, new Map(), new Random(seed), first);
        const vals = names.map((n) => sizes.get(n)!);
        expect(new Set(vals).size).toBe(names.length);
        const lo = first ? 3 : 2;
        const room = 5 - lo + 1;
        for (const v of vals) {
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(lo);
          // more names than sizes in lo..5: the range grows just enough to stay distinct
          expect(v).toBeLessThanOrEqual(names.length <= room ? 5 : lo + names.length - 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never draws 1, and draws every size 2..5 over seeds", () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 200; seed++) for (const v of drawSizes(["n", "m"], new Map(), new Random(seed), false).values()) seen.add(v);
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
    const firsts = new Set<number>();
    for (let seed = 0; seed < 200; seed++) for (const v of drawSizes(["n"], new Map(), new Random(seed), true).values()) firsts.add(v);
    expect([...firsts].sort()).toEqual([3, 4, 5]);
  });

  it("keeps sizes distinct with many names (range grows)", () => {
    const names = ["a", "b", "c", "d", "e", "f"];
    for (let seed = 0; seed < 50; seed++) {
      const vals = [...drawSizes(names, new Map(), new Random(seed), seed % 2 === 0).values()];
      expect(new Set(vals).size).toBe(names.length);
      expect(Math.min(...vals)).toBeGreaterThanOrEqual(2);
    }
  });

  it("respects minDims (from indexing) and stays distinct", () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 2, max: 8 }), fc.boolean(), (seed, min, first) => {
        const sizes = drawSizes(["n", "m", "p"], new Map([["n", min]]), new Random(seed), first);
        expect(sizes.get("n")!).toBeGreaterThanOrEqual(min);
        expect(new Set(sizes.values()).size).toBe(3);
        for (const v of sizes.values()) expect(v).toBeGreaterThanOrEqual(first ? 3 : 2);
      }),
      { numRuns: 200 },
    );
  });

  it("minDims through a claim: x[5] forces n >= 5 on every sample", () => {
    const r = equal({ lhs: "x[5] + x[1]", rhs: "x[1] + x[5]", let: ["x: n"], seed: 11 });
    expect(r.verdict === "verified" || r.verdict === "proved").toBe(true);
    const bad = equal({ lhs: "x[5]", rhs: "x[1]", let: ["x: n"], seed: 11 });
    expect(bad.verdict).toBe("refuted");
    expect(bad.counterexample!.dims.n!).toBeGreaterThanOrEqual(5);
  });
});

describe("drawValue: declared properties hold on every draw", () => {
  const declared: [string, string[]][] = [
    ["S: n x n spd", ["spd", "symmetric"]],
    ["Q: n x n orthogonal", ["orthogonal"]],
    ["X: n x n invertible", ["invertible"]],
    ["P: n x m positive", ["positive"]],
    ["N: n x m nonnegative", ["nonnegative"]],
    ["p: n simplex", ["simplex"]],
    ["y: n onehot", ["onehot"]],
    ["k: integer", ["integer"]],
    ["D: n x n diagonal", ["diagonal"]],
    ["A: n x n symmetric", ["symmetric"]],
    ["D: n x n diagonal invertible", ["diagonal", "invertible"]],
    ["S: n x n spd diagonal", ["spd", "diagonal"]],
    ["A: n x n symmetric invertible", ["symmetric", "invertible"]],
    ["A: n x n symmetric positive", ["symmetric", "positive"]],
    ["X: n x n invertible positive", ["invertible", "positive"]],
    ["S: n x n spd positive", ["spd", "positive"]],
    ["S: n x n spd nonnegative", ["spd", "nonnegative"]],
    ["Q: n x n orthogonal symmetric", ["orthogonal", "symmetric"]],
    ["Q: n x n orthogonal diagonal", ["orthogonal", "diagonal"]],
  ];

  for (const [src, props] of declared) {
    it(`${src}: ${props.join(", ")} hold (checked independently) and agree with holds()`, () => {
      const d = decl(src);
      fc.assert(
        fc.property(seedArb, fc.integer({ min: 2, max: 5 }), fc.nat(3), (seed, n, variant) => {
          const v = drawValue(d, sizesOf(n), new Random(seed), variant);
          const rows = d.shape.rows === 1 ? 1 : n;
          const cols = d.shape.cols === 1 ? 1 : d.shape.cols === "m" ? n + 1 : n;
          expect([v.rows, v.cols]).toEqual([rows, cols]);
          expect(v.allFinite()).toBe(true);
          for (const p of props) expect(CHECKS[p]!(v), `${p} fails on ${JSON.stringify(v.toRows())}`).toBe(true);
          for (const p of d.properties) expect(holds(p, v)).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("is reproducible: the same seed gives the same values", () => {
    for (const [src] of declared) {
      const d = decl(src);
      for (let seed = 0; seed < 5; seed++) {
        const a = drawValue(d, sizesOf(4), new Random(seed), 1);
        const b = drawValue(d, sizesOf(4), new Random(seed), 1);
        expect(Array.from(a.data)).toEqual(Array.from(b.data));
      }
    }
  });

  it("integer draws both 1 and 2; onehot puts the 1 everywhere; nonnegative variants include zeros", () => {
    const r = new Random(5);
    const ints = new Set<number>();
    for (let i = 0; i < 100; i++) ints.add(drawValue(decl("k: integer"), new Map(), r).scalar());
    expect([...ints].sort()).toEqual([1, 2]);
    const where = new Set<number>();
    for (let i = 0; i < 200; i++) where.add(drawValue(decl("y: n onehot"), sizesOf(4), r).data.indexOf(1));
    expect([...where].sort()).toEqual([0, 1, 2, 3]);
    let zeros = 0;
    for (let i = 0; i < 50; i++) zeros += drawValue(decl("N: n x m nonnegative"), sizesOf(4), r, 1).data.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(0);
  });

  it("invertible draws have a bounded condition number and spd draws bounded eigenvalues", () => {
    const r = new Random(9);
    let worst = 0;
    for (let i = 0; i < 300; i++) worst = Math.max(worst, cond1(drawValue(decl("X: n x n invertible"), sizesOf(5), r)));
    expect(worst).toBeLessThanOrEqual(MAX_COND);
    for (let i = 0; i < 100; i++) {
      const s = drawValue(decl("S: n x n spd"), sizesOf(5), r);
      expect(cond1(s)).toBeLessThan(1e3);
    }
  });

  it("plain draws are generic: entries vary, no exact zeros, orthogonal draws are not all the identity", () => {
    const r = new Random(3);
    const a = drawValue(decl("A: n x m"), sizesOf(3), r);
    expect(new Set(a.data).size).toBe(a.size);
    expect(a.data.every((v) => v !== 0)).toBe(true);
    const q = drawValue(decl("Q: n x n orthogonal"), sizesOf(3), r);
    expect(orthogonalError(q)).toBeLessThan(1e-12);
    expect(Math.abs(q.data[1]!)).toBeGreaterThan(0);
  });
});

describe("conflicting or impossible properties: a 'sample' DeriveError, not a hang", () => {
  const conflicts = ["Q: n x n orthogonal positive", "p: n simplex onehot", "y: n onehot positive"];
  for (const src of conflicts) {
    it(src, () => {
      const t0 = performance.now();
      let err: unknown = null;
      try {
        drawValue(decl(src), sizesOf(3), new Random(1));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DeriveError);
      expect((err as DeriveError).kind).toBe("sample");
      expect(performance.now() - t0).toBeLessThan(5000);
    });
  }

  it("through equal(): verdict error with the sampling message, quickly", () => {
    const t0 = performance.now();
    const r = equal({ lhs: "Q' * Q", rhs: "I", let: ["Q: n x n orthogonal positive"], seed: 1 });
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toMatch(/sample/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

describe("redraws where it matters", () => {
  it("an inverse of a plain square matrix is checked on usable samples", () => {
    const r = equal({ lhs: "inv(X) * X", rhs: "I", let: ["X: n x n"], seed: 4 });
    expect(["verified", "proved"]).toContain(r.verdict);
  });

  it("a sample where a side is not finite is redrawn, not a counterexample", () => {
    // log of a negative entry is NaN: those samples are redrawn
    for (let seed = 1; seed <= 5; seed++) {
      const r = equal({ lhs: "exp(log(x))", rhs: "x", let: ["x: n"], seed });
      expect(r.verdict, r.detail).not.toBe("refuted");
    }
  });

  it("verified claims report several samples over distinct sizes incl. one >= 3", () => {
    const r = equal({ lhs: "tr(A * B)", rhs: "tr(B * A)", let: ["A: n x m", "B: m x n"], seed: 2 });
    if (r.verdict === "verified") {
      expect(r.numeric!.samples).toBeGreaterThanOrEqual(6);
      const sizes = listedSizes(r.detail);
      expect(sizes.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...sizes)).toBeGreaterThanOrEqual(3);
    } else {
      expect(r.verdict).toBe("proved");
    }
  });
});

describe("a diagonal matrix's sign properties speak of its diagonal", () => {
  it("D: n x n diagonal positive draws a diagonal with positive entries", () => {
    const v = drawValue(decl("D: n x n diagonal positive"), sizesOf(4), new Random(3));
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (i === j) expect(v.get(i, j)).toBeGreaterThan(0);
        else expect(v.get(i, j)).toBe(0);
      }
    }
  });
});

describe("SizePlan: sizes beyond 2..5 (issue 11)", () => {
  const plan = (names: string[], o: Partial<ConstructorParameters<typeof SizePlan>[0]> = {}): SizePlan => new SizePlan({ names, minDims: new Map(), ...o });
  const drawsOf = (p: SizePlan, seed: number, count = 24): Map<string, number>[] => {
    const rng = new Random(seed);
    return Array.from({ length: count }, (_, d) => p.sizes(d, rng));
  };

  it("is reproducible for a seed, and draw 0 has every size >= 3", () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 4 }), (seed, k) => {
        const names = ["n", "m", "p", "q"].slice(0, k);
        const a = drawsOf(plan(names), seed);
        const b = drawsOf(plan(names), seed);
        expect(a.map((m) => [...m])).toEqual(b.map((m) => [...m]));
        for (const v of a[0]!.values()) expect(v).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 50 },
    );
  });

  it("covers size 1 and sizes up to 32..64 for a cheap claim, with names distinct on every draw", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const draws = drawsOf(plan(["n", "m"]), seed, 18);
      const all = draws.flatMap((m) => [...m.values()]);
      expect(all).toContain(1);
      expect(Math.max(...all)).toBeGreaterThanOrEqual(32);
      for (const m of draws) expect(new Set(m.values()).size).toBe(2);
      for (const v of all) expect(SIZE_LADDER.includes(v) || (v >= 2 && v <= 5)).toBe(true);
    }
  });

  it("the cost cap holds: no draw beyond what `fits` allows (sizes up to 5 are always allowed)", () => {
    const fits = (s: ReadonlyMap<string, number>): boolean => [...s.values()].reduce((a, b) => a * b, 1) <= 200;
    for (let seed = 1; seed <= 30; seed++) {
      for (const m of drawsOf(plan(["n", "m"], { fits }), seed, 18)) {
        expect(fits(m) || [...m.values()].every((v) => v <= 5)).toBe(true);
      }
    }
  });

  it("respects minDims on every draw, size-1 draws included", () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const m of drawsOf(plan(["n", "m"], { minDims: new Map([["n", 4]]) }), seed, 18)) expect(m.get("n")!).toBeGreaterThanOrEqual(4);
    }
  });

  it("a dimension used as a value is swept: every n in 1..64 and beyond, in increasing order, right after draw 0", () => {
    const p = plan(["n"], { valueDims: ["n"], sweep: "wide" });
    const swept = p.sweep.map((m) => m.get("n")!);
    expect(swept.slice(0, 64)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(Math.max(...swept)).toBe(1000);
    const draws = drawsOf(p, 5, 1 + swept.length);
    expect(draws.slice(1).map((m) => m.get("n"))).toEqual(swept);
    // two names: every combination of 1..4 first, then both equal
    const two = plan(["m", "n"], { valueDims: ["m", "n"], sweep: "short" }).sweep;
    expect(two.slice(0, 16).map((m) => `${m.get("m")},${m.get("n")}`)).toContain("1,1");
    expect(two[0]).toEqual(new Map([["m", 1], ["n", 1]]));
  });

  it("the sweep stops where the claim gets too costly", () => {
    const p = plan(["n"], { valueDims: ["n"], sweep: "wide", fits: (s) => s.get("n")! <= 20 });
    expect(Math.max(...p.sweep.map((m) => m.get("n")!))).toBe(20);
  });

  it("sizesText writes runs as ranges", () => {
    expect(sizesText([5, 1, 2, 3, 8, 16, 17])).toBe("1..3, 5, 8, 16, 17");
    expect(sizesText([2])).toBe("2");
  });
});

describe("signPatterns: every free scalar takes both signs and 0 by a fixed scheme", () => {
  it("meets all 2^k sign patterns for k <= 3, and each scalar at 0 where allowed", () => {
    for (let k = 1; k <= 3; k++) {
      const pats = signPatterns(Array.from({ length: k }, () => true));
      const signsOnly = new Set(pats.filter((p) => !p.includes(0)).map((p) => p.join(",")));
      expect(signsOnly.size).toBe(2 ** k);
      for (let i = 0; i < k; i++) expect(pats.some((p) => p[i] === 0)).toBe(true);
    }
  });

  it("starts with all + and all -, and never puts 0 where it is not allowed", () => {
    const pats = signPatterns([true, false, true, false]);
    expect(pats[0]).toEqual([1, 1, 1, 1]);
    expect(pats[1]).toEqual([-1, -1, -1, -1]);
    for (const p of pats) expect(p[1] !== 0 && p[3] !== 0).toBe(true);
    for (let i = 0; i < 4; i++) expect(pats.some((p) => p[i] === -1) && pats.some((p) => p[i] === 1)).toBe(true);
    expect(new Set(pats.map((p) => p.join(","))).size).toBe(pats.length);
  });

  it("signAt leaves later draws alone, withSign keeps the magnitude", () => {
    const pats = signPatterns([true]);
    expect(pats.map((_, d) => signAt(pats, d, 0))).toEqual([1, -1, 0]);
    expect(signAt(pats, pats.length, 0)).toBeNull();
    expect(withSign(-2.5, 1)).toBe(2.5);
    expect(withSign(2.5, -1)).toBe(-2.5);
    expect(withSign(2.5, 0)).toBe(0);
  });
});

describe("evaluationCost", () => {
  const cost = (expr: string, decls: string[], sizes: Record<string, number>): number => {
    const scope = Scope.parse(decls);
    const r = new Resolver(scope);
    const t = r.resolve(parseExpr(expr, { isVariable: scope.isVariable }));
    return evaluationCost([t], new Map(Object.entries(sizes)));
  };

  it("grows like n^3 for an inverse and is much cheaper for vectors", () => {
    const a = cost("inv(X)", ["X: n x n"], { n: 10 });
    const b = cost("inv(X)", ["X: n x n"], { n: 20 });
    expect(b / a).toBeGreaterThan(6);
    expect(cost("x' * x", ["x: n"], { n: 1000 })).toBeLessThan(b);
  });

  it("a finite-difference gradient multiplies its function's cost by the variable's entries, a Hessian by their square", () => {
    const f = cost("logdet(X)", ["X: n x n"], { n: 8 });
    const g = cost("grad(logdet(X), X)", ["X: n x n"], { n: 8 });
    expect(g).toBeGreaterThanOrEqual(64 * f);
    const h = cost("hessian(x' * x, x)", ["x: n"], { n: 8 });
    const j = cost("jacobian(x, x)", ["x: n"], { n: 8 });
    expect(h).toBeGreaterThan(8 * j);
  });
});

describe("large invertible and spd draws (issue 11: X: 100 x 100 invertible)", () => {
  for (const src of ["X: n x n invertible", "X: n x n invertible positive", "X: n x n symmetric invertible", "S: n x n spd", "S: n x n spd positive"]) {
    it(`${src} at n = 100 is drawn, with its properties and an accurate inverse`, () => {
      const d = decl(src);
      for (const seed of [1, 2]) {
        const v = drawValue(d, new Map([["n", 100]]), new Random(seed), seed);
        for (const p of d.properties) expect(holds(p, v), p).toBe(true);
        const c = cond1(v);
        expect(c).toBeLessThanOrEqual(maxCond(100));
        // X inv(X) = I to far better than the 1e-6 tolerance
        const e = mm(v, inv(v));
        let worst = 0;
        for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) worst = Math.max(worst, Math.abs(e.data[i * 100 + j]! - (i === j ? 1 : 0)));
        expect(worst).toBeLessThan(1e-9);
      }
    });
  }

  it("through equal(): X * inv(X) = I with X: 100 x 100 invertible is accepted", () => {
    const r = equal({ lhs: "X * inv(X)", rhs: "I", let: ["X: 100 x 100 invertible"], seed: 3 });
    expect(["proved", "verified"], r.detail).toContain(r.verdict);
  });
});
