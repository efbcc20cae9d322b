// Numeric evaluation of a typed tree at a point (concrete sizes and values).
// Kernels come from the operator definitions; derivatives (grad, jacobian,
// hessian, diff) are computed by finite differences of the subtree itself
// (./fd.ts), never from a symbolic rule.

import { DeriveError } from "../core/errors.js";
import { type Dim, dimSize, dimsOf } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { TNode } from "../core/typed.js";
import type { EvalCtx, LazyCtx } from "../ops/define.js";
import { hasOp, opDef } from "../ops/registry.js";
import { makeFiniteDifferences } from "./fd.js";
import { loopInvariant } from "./hoist.js";
import type { LaneHost } from "./lanes.js";
import { runLoop } from "./loops.js";

/** The current sample cannot be used (singular matrix, point on a kink, ...): draw another. */
export class InvalidSample extends Error {}

export interface Point {
  readonly sizes: ReadonlyMap<string, number>;
  readonly values: Map<string, Tensor>;
}

export class Evaluator {
  /** sign patterns of kinked operators' arguments, one collector per open probe */
  private readonly kinkStack: number[][] = [];
  /** largest relative error estimate of any finite difference taken */
  fdError = 0;
  /** first finite-difference step, relative to the variable's size; a re-check uses another */
  fdStep = 0.1;
  /** finite differences at this point (src/check/directional.ts asks for directional derivatives) */
  readonly fd = makeFiniteDifferences(this);
  /** values of E/Var/Cov nodes (src/numeric/moments.ts), given where random variables are declared */
  moments: ((n: TNode, ev: Evaluator) => Tensor) | null = null;
  /** values fixed in advance for some nodes (a Monte Carlo estimate of a moment, src/check/statistical.ts) */
  readonly overrides = new Map<TNode, Tensor>();

  constructor(readonly point: Point) {}

  private readonly sizeCache = new Map<Dim, number>();

  size = (d: Dim): number => {
    if (typeof d === "number") return d;
    let v = this.sizeCache.get(d);
    if (v === undefined) {
      v = dimSize(d, this.point.sizes);
      this.sizeCache.set(d, v);
    }
    return v;
  };

  /**
   * The value of `n` at this point. Each node is compiled once per evaluator
   * into a closure that calls its arguments' closures directly (the operator,
   * its context and its expected shape looked up once): finite differences
   * evaluate the same tree dozens of times at one point, and the lookups of a
   * tree walk were a third of that time. Values are read when the closure
   * runs, so withValue, overrides and kink probes act as on a fresh walk.
   */
  evaluate = (n: TNode): Tensor => {
    let run = this.closures.get(n);
    if (!run) {
      run = this.compileChecked(n);
      this.closures.set(n, run);
    }
    return run();
  };

  private readonly closures = new Map<TNode, () => Tensor>();

  /** The closure of `n` with its shape check (as evaluate has always checked every node's value). */
  private compileChecked(n: TNode): () => Tensor {
    let run: () => Tensor;
    try {
      run = this.compile(n);
    } catch (e) {
      // an error of compiling (an unknown operator) is raised when the node is evaluated, as before
      return () => {
        throw e;
      };
    }
    let rows = -1;
    let cols = -1;
    return () => {
      const t = run();
      if (rows < 0) {
        rows = this.size(n.shape.rows);
        cols = this.size(n.shape.cols);
      }
      if (t.rows !== rows || t.cols !== cols || !this.sameLead(n, t)) {
        throw new DeriveError("engine", `internal error: ${n.op} gave ${t.shape.join(" x ")}, expected ${[...(n.shape.lead ?? []).map(this.size), rows, cols].join(" x ")}`, n.pos);
      }
      return t;
    };
  }

  /** A child's closure, made now and kept for the child's own evaluations too. */
  private closureOf(n: TNode): () => Tensor {
    let run = this.closures.get(n);
    if (!run) {
      run = this.compileChecked(n);
      this.closures.set(n, run);
    }
    return run;
  }

  /** The leading dimensions of a rank > 2 value agree with its node's shape (rank <= 2 needs none). */
  private sameLead(n: TNode, t: Tensor): boolean {
    const lead = n.shape.lead ?? [];
    if (lead.length === 0) return t.shape.length <= 2;
    return t.shape.length === lead.length + 2 && lead.every((d, k) => this.size(d) === t.shape[k]);
  }

  /** Runs `f` with a variable temporarily set to `value`. */
  withValue<T>(name: string, value: Tensor, f: () => T): T {
    const old = this.point.values.get(name);
    this.point.values.set(name, value);
    try {
      return f();
    } finally {
      if (old) this.point.values.set(name, old);
      else this.point.values.delete(name);
    }
  }

  /**
   * Whether sum(f, i, a, b) and prod(f, i, a, b) run their body compiled over
   * all indices at once (./loops.ts); false keeps the plain loop, one
   * evaluation per index, which the tests compare it with.
   */
  vectorise = true;
  /** loops run compiled, and compiled runs that failed and were run plainly (for tests and benchmarks) */
  readonly loopRuns = { compiled: 0, fallback: 0 };

  /** A loop node's value from its compiled body, or null (the operator loops plainly). */
  private loopCompiled(node: TNode, a: number, b: number): Tensor | null {
    if (!this.vectorise) return null;
    const collector = this.kinkStack[this.kinkStack.length - 1];
    const mark = collector?.length ?? 0;
    try {
      const v = runLoop(node, a, b, this.laneHost);
      if (v) this.loopRuns.compiled++;
      return v;
    } catch {
      // the plain loop raises its own error (or, for a limit of the lanes only, computes the value)
      if (collector) collector.length = mark;
      this.loopRuns.fallback++;
      return null;
    }
  }

  /** what a compiled loop body uses of this evaluator (made on first use: `point` is set by the constructor) */
  private get laneHost(): LaneHost {
    return (this.laneHostMade ??= { evaluate: this.evaluate, values: this.point.values, overrides: this.overrides, evalCtx: (n) => this.contextOf(n) });
  }
  private laneHostMade: LaneHost | undefined;

  /** Runs `f` with the parts of `body` that do not depend on `index` evaluated once (./hoist.ts) and held fixed. */
  withInvariant<T>(body: TNode, index: string, f: () => T): T {
    const parts = loopInvariant(body, index).filter((p) => !this.overrides.has(p));
    if (parts.length === 0) return f();
    // evaluated before any is held, each at the current point
    const values = parts.map(this.evaluate);
    parts.forEach((p, k) => this.overrides.set(p, values[k]!));
    try {
      return f();
    } finally {
      for (const p of parts) this.overrides.delete(p);
    }
  }

  /**
   * Evaluates under a fresh kink collector and returns the sign pattern seen.
   * `propagate`: the pattern also counts for the enclosing evaluation (true for
   * a base point, false for the stencil points of a finite difference).
   */
  probe(run: () => Tensor, propagate = true): { value: Tensor; signature: string } {
    this.kinkStack.push([]);
    let value: Tensor;
    let signs: number[];
    try {
      value = run();
    } finally {
      signs = this.kinkStack.pop()!;
    }
    if (propagate) this.kinkStack[this.kinkStack.length - 1]?.push(...signs);
    return { value, signature: signs.join("") };
  }

  /** `n` compiled: what a tree walk did at `n`, with the lookups done once. */
  private compile(n: TNode): () => Tensor {
    const leaf = this.compileLeaf(n);
    const held = (run: () => Tensor) => (): Tensor => {
      const fixed = this.overrides.size ? this.overrides.get(n) : undefined;
      return fixed ?? run();
    };
    if (leaf) return held(leaf);
    const op = opDef(n.op);
    const lazy = op.evalLazy;
    if (lazy) return held(() => lazy(this.lazyCtx(n)));
    const kernel = op.eval;
    if (!kernel) throw new DeriveError("engine", `internal error: ${n.op} has no kernel`, n.pos);
    const argRuns = n.args.map((a) => this.closureOf(a));
    let ctx: EvalCtx | undefined;
    return held(() => {
      const args = new Array<Tensor>(argRuns.length);
      for (let k = 0; k < argRuns.length; k++) args[k] = argRuns[k]!();
      ctx ??= this.contextOf(n);
      return kernel(args, ctx);
    });
  }

  /** one context per node, made on first use and shared by its closure and the compiled loop bodies (./loops.ts) */
  private readonly ctxCache = new Map<TNode, EvalCtx>();

  private contextOf(n: TNode): EvalCtx {
    let ctx = this.ctxCache.get(n);
    if (!ctx) {
      ctx = this.evalCtx(n);
      this.ctxCache.set(n, ctx);
    }
    return ctx;
  }

  /** The closure of a leaf (a number, a name, a dimension, a matrix literal), or null for an operator. */
  private compileLeaf(n: TNode): (() => Tensor) | null {
    switch (n.op) {
      case "num":
        if (n.shape.lead) return () => new Tensor(dimsOf(n.shape).map(this.size), new Float64Array(dimsOf(n.shape).map(this.size).reduce((a, b) => a * b, 1)).fill(n.value!));
        return () => Tensor.filled(this.size(n.shape.rows), this.size(n.shape.cols), n.value!);
      case "sym":
        return () => {
          const v = this.point.values.get(n.name!);
          if (!v) throw new DeriveError("engine", `internal error: no value for ${n.name}`, n.pos);
          return v;
        };
      case "dimval":
        return () => Tensor.scalar(this.size(n.name!));
      case "matrix": {
        const [r, c] = n.dims!;
        const entries = n.args.map((a) => this.closureOf(a));
        return () => {
          const t = Tensor.zeros(r, c);
          for (let k = 0; k < entries.length; k++) t.data[k] = entries[k]!().scalar();
          return t;
        };
      }
    }
    return null;
  }

  private evalCtx(n: TNode): EvalCtx {
    return {
      node: n,
      size: this.size,
      dimArg: (i: number) => {
        const a = n.args[i]!;
        return a.op === "num" ? a.value! : this.size(a.name!);
      },
      kink: (t: Tensor) => {
        const top = this.kinkStack[this.kinkStack.length - 1];
        if (!top) return;
        for (let k = 0; k < t.data.length; k++) top.push(Math.sign(t.data[k]!) + 1);
      },
      invalid: (reason: string): never => {
        throw new InvalidSample(reason);
      },
    };
  }

  /** The lines of the operators under `n` that explain their value here (a limit's sequence), for messages. */
  explain(n: TNode): string[] {
    const out: string[] = [];
    const visit = (m: TNode): void => {
      const why = hasOp(m.op) ? opDef(m.op).explain?.(this.lazyCtx(m)) : null;
      if (why) out.push(why);
      else m.args.forEach(visit);
    };
    visit(n);
    return out;
  }

  private lazyCtx(n: TNode): LazyCtx {
    const moments = this.moments;
    return { node: n, size: this.size, evaluate: this.evaluate, fd: this.fd, withValue: (name, value, f) => this.withValue(name, value, f), withInvariant: (body, index, f) => this.withInvariant(body, index, f), loopCompiled: (a, b) => this.loopCompiled(n, a, b), ...(moments ? { moment: (m: TNode) => moments(m, this) } : {}) };
  }
}
