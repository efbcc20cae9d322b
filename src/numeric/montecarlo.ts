// Monte Carlo estimates of several moment nodes (E, Var, Cov) at once, with
// common random numbers: every draw sets every random name once and feeds all
// the nodes, so that the two sides of a claim are estimated jointly and their
// difference has a small variance when they are close. Draws go round-robin
// into BATCHES groups; the caller gets the estimate from all draws and the
// leave-one-group-out estimates, for a jackknife standard error of any smooth
// function of the estimates (src/check/statistical.ts). Memory: a few sums per
// node and group; time: the caller's budget of draws.

import { DeriveError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import type { Evaluator } from "./evaluate.js";
import type { RandomModel } from "./laws.js";
import { randomNames } from "./moments.js";
import type { Random } from "./random.js";

export const BATCHES = 64;
/** memory bound: running sums kept per node and group */
export const MAX_FLOATS = 16_000_000;

interface Sums {
  n: number;
  f1: Float64Array;
  f2: Float64Array;
  g1: Float64Array;
  g2: Float64Array;
  fg: Float64Array;
}

interface NodeState {
  node: TNode;
  /** shift (the first draw) for numerically stable variances */
  kf: Float64Array | null;
  kg: Float64Array | null;
  rows: number;
  cols: number;
  /** the shape of an E or Var value (a tensor of any rank, as f) */
  shape: readonly number[];
  batches: Sums[];
  /** an optional node (an exact moment also estimated, for common random numbers) that failed at a draw: left out */
  optional: boolean;
  broken: boolean;
}

const sums = (nf: number, ng: number): Sums => ({ n: 0, f1: new Float64Array(nf), f2: new Float64Array(nf), g1: new Float64Array(ng), g2: new Float64Array(ng), fg: new Float64Array(nf * ng) });

export class MonteCarlo {
  private readonly states: NodeState[];
  private readonly names: string[];
  private readonly params = new Map<string, number[]>();
  /** draws taken so far */
  drawn = 0;

  /**
   * `optional` nodes share the draws but are left out of the estimates if
   * one of them cannot be evaluated (or is not finite) at some draw.
   */
  constructor(
    nodes: readonly TNode[],
    private readonly ev: Evaluator,
    private readonly model: RandomModel,
    private readonly rng: Random,
    optional: readonly TNode[] = [],
  ) {
    const names = new Set<string>();
    const all = [...nodes, ...optional];
    for (const n of all) for (const a of n.args) for (const v of randomNames(a, model)) names.add(v);
    this.names = [...names];
    for (const v of this.names) this.params.set(v, model.paramsAt(ev, v));
    this.states = all.map((node, i) => ({ node, kf: null, kg: null, rows: 0, cols: 0, shape: [], batches: [], optional: i >= nodes.length, broken: false }));
  }

  /** Takes `count` more draws. */
  run(count: number): void {
    const saved = this.names.map((v) => this.ev.point.values.get(v));
    try {
      for (let d = 0; d < count; d++, this.drawn++) {
        for (const v of this.names) this.ev.point.values.set(v, this.model.draw(this.ev, v, this.rng, this.params.get(v)));
        const b = this.drawn % BATCHES;
        for (const s of this.states) {
          if (s.broken) continue;
          if (!s.optional) {
            this.accumulate(s, b);
            continue;
          }
          try {
            this.accumulate(s, b);
          } catch {
            s.broken = true;
          }
        }
      }
    } finally {
      this.names.forEach((v, k) => {
        if (saved[k]) this.ev.point.values.set(v, saved[k]!);
        else this.ev.point.values.delete(v);
      });
    }
  }

  private accumulate(s: NodeState, b: number): void {
    const f = this.ev.evaluate(s.node.args[0]!).data;
    const g = s.node.op === "Cov" ? this.ev.evaluate(s.node.args[1]!).data : f;
    if (s.optional && (!f.every(Number.isFinite) || !g.every(Number.isFinite))) throw new Error("not finite");
    if (!s.kf) {
      s.kf = Float64Array.from(f);
      s.kg = Float64Array.from(g);
      const t = this.ev.evaluate(s.node.args[0]!);
      [s.rows, s.cols] = s.node.op === "Cov" ? [f.length, g.length] : [t.rows, t.cols];
      s.shape = s.node.op === "Cov" ? [f.length, g.length] : t.shape;
      const floats = BATCHES * (2 * f.length + (s.node.op === "Cov" ? 2 * g.length + f.length * g.length : 0));
      if (floats > MAX_FLOATS) throw new DeriveError("limit", `${s.node.op}(...) has too many entries for a Monte Carlo estimate (${floats} sums, at most ${MAX_FLOATS})`, s.node.pos);
      s.batches = Array.from({ length: BATCHES }, () => sums(f.length, s.node.op === "Cov" ? g.length : 0));
    }
    const S = s.batches[b]!;
    S.n++;
    const kf = s.kf;
    for (let i = 0; i < f.length; i++) {
      const x = f[i]! - kf[i]!;
      S.f1[i] += x;
      S.f2[i] += x * x;
    }
    if (s.node.op !== "Cov") return;
    const kg = s.kg!;
    for (let j = 0; j < g.length; j++) {
      const y = g[j]! - kg[j]!;
      S.g1[j] += y;
      S.g2[j] += y * y;
    }
    for (let i = 0; i < f.length; i++) {
      const x = f[i]! - kf[i]!;
      if (x !== 0) for (let j = 0; j < g.length; j++) S.fg[i * g.length + j] += x * (g[j]! - kg[j]!);
    }
  }

  /** Entries evaluated per draw (all nodes' arguments), for a bound on work that does not depend on the clock. */
  entriesPerDraw(): number {
    let n = 0;
    for (const s of this.states) n += s.kf ? s.kf.length + (s.node.op === "Cov" ? s.kg!.length : 0) : 0;
    return n;
  }

  /** Estimates from all draws (leave = -1) or from all but one group. */
  estimate(leave = -1): Map<TNode, Tensor> {
    const out = new Map<TNode, Tensor>();
    for (const s of this.states) if (!s.broken) out.set(s.node, this.value(s, this.total(s, leave)));
    return out;
  }

  /**
   * The natural size of each node's value, for a bound relative to the
   * values: rms of f for E, the variance for Var, sd(f_i) sd(g_j) for Cov.
   */
  scale(): number {
    let m = 0;
    for (const s of this.states) {
      if (s.broken) continue;
      const t = this.total(s, -1);
      const N = t.n;
      const varF = Array.from(t.f1, (x, i) => (t.f2[i]! - (x * x) / N) / (N - 1));
      if (s.node.op === "E") varF.forEach((v, i) => (m = Math.max(m, Math.sqrt(v + (s.kf![i]! + t.f1[i]! / N) ** 2))));
      else if (s.node.op === "Var") varF.forEach((v) => (m = Math.max(m, v)));
      else {
        const varG = Array.from(t.g1, (y, j) => (t.g2[j]! - (y * y) / N) / (N - 1));
        for (const a of varF) for (const b of varG) m = Math.max(m, Math.sqrt(Math.max(a, 0) * Math.max(b, 0)));
      }
    }
    return m;
  }

  private total(s: NodeState, leave: number): Sums {
    const t = sums(s.batches[0]!.f1.length, s.batches[0]!.g1.length);
    s.batches.forEach((S, b) => {
      if (b === leave) return;
      t.n += S.n;
      for (const k of ["f1", "f2", "g1", "g2", "fg"] as const) for (let i = 0; i < S[k].length; i++) t[k][i] += S[k][i]!;
    });
    return t;
  }

  private value(s: NodeState, t: Sums): Tensor {
    const N = t.n;
    const out = new Tensor(s.shape);
    if (s.node.op === "E") for (let i = 0; i < out.size; i++) out.data[i] = s.kf![i]! + t.f1[i]! / N;
    else if (s.node.op === "Var") for (let i = 0; i < out.size; i++) out.data[i] = (t.f2[i]! - (t.f1[i]! * t.f1[i]!) / N) / (N - 1);
    else {
      const m = t.g1.length;
      for (let i = 0; i < t.f1.length; i++) for (let j = 0; j < m; j++) out.data[i * m + j] = (t.fg[i * m + j]! - (t.f1[i]! * t.g1[j]!) / N) / (N - 1);
    }
    return out;
  }
}

/** The jackknife standard error from the BATCHES leave-one-group-out estimates of one value. */
export function jackknifeSE(loo: readonly number[]): number {
  const mean = loo.reduce((a, x) => a + x, 0) / loo.length;
  return Math.sqrt(((loo.length - 1) / loo.length) * loo.reduce((a, x) => a + (x - mean) ** 2, 0));
}

/**
 * The jackknife's bias-corrected value G·full - (G - 1)·mean(loo): a smooth
 * function of the estimates (E(x)^2, a ratio, Var with 1/N against 1/(N-1))
 * has a bias a/N, which this removes, so that a difference of two sides that
 * is almost free of noise is not mistaken for a real one.
 */
export function jackknifeUnbiased(full: number, loo: readonly number[]): number {
  const g = loo.length;
  const mean = loo.reduce((a, x) => a + x, 0) / g;
  return g * full - (g - 1) * mean;
}
