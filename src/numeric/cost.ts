// A rough, deterministic estimate of the work one evaluation of a claim takes
// at given sizes, so that the sampler can draw large dimensions (a bound that
// hides a dimension fails only beyond it) without one claim taking seconds.
// It is a static count, never a timing: the sizes drawn, and so the verdict,
// must depend on the seed alone, not on how busy the machine is.

import { concreteDims } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { hasOp, opDef } from "../ops/registry.js";

/** Function evaluations one finite-difference entry takes (Ridders' tableau, both sides of the stencil, restarts). */
export const FD_EVALS = 40;
/**
 * Units every node evaluation costs whatever its size (allocation, dispatch,
 * the kink probe): what makes finite differences of small functions slow.
 */
const NODE_OVERHEAD = 50;
/** Passes assumed for a bound loop (`sum(f, i, a, b)`, `prod`) whose range is not known here. */
const LOOP_PASSES = 10;
/** Passes assumed for other higher-order operators (a limit's sequence, a moment). */
const LAZY_PASSES = 50;

/**
 * Cost units one evaluation of the claim's sides takes at `sizes`: about one
 * unit per multiply-add. A node costs its largest operand (or result) times
 * its largest dimension, which is exact for a product or an inverse (n^3)
 * and an over-estimate for a matrix times a vector; entrywise work, and
 * work on vectors and scalars alone, costs its entries; a derivative multiplies the cost
 * of its function by the entries of the variable (times FD_EVALS; a Hessian
 * by their square), since finite differences perturb one entry at a time.
 */
export function evaluationCost(sides: readonly TNode[], sizes: ReadonlyMap<string, number>): number {
  const entries = (n: TNode): number => concreteDims(n.shape, sizes).reduce((a, b) => a * b, 1);
  const widest = (n: TNode): number => Math.max(...concreteDims(n.shape, sizes));
  const cost = (n: TNode): number => {
    if (n.args.length === 0) return NODE_OVERHEAD + entries(n);
    const all = [n, ...n.args];
    // a matrix literal, an index, ...: not a registered operator, plain work
    const def = hasOp(n.op) ? opDef(n.op) : null;
    // entrywise work, and any work on vectors and scalars only, is linear in the entries
    const genuine = (t: TNode): boolean => concreteDims(t.shape, sizes).filter((d) => d > 1).length >= 2;
    const linear = def?.elementwise === true || !all.some(genuine);
    const local = NODE_OVERHEAD + (def?.work ?? 1) * Math.max(...all.map(entries)) * (linear ? 1 : Math.max(...all.map(widest)));
    if (!def?.evalLazy) return local + n.args.reduce((s, a) => s + cost(a), 0);
    const body = cost(n.args[0]!);
    const syn = def.syntax;
    if (syn.kind === "function" && syn.wrtArg !== undefined) {
      const k = entries(n.args[syn.wrtArg]!);
      // a directional derivative `diff(F, X, V)` perturbs along one direction only;
      // a Hessian is finite differences of finite differences
      const passes = n.op === "diff" && n.args.length > 2 ? FD_EVALS : n.op === "hessian" ? k * k * FD_EVALS * FD_EVALS : k * FD_EVALS;
      return local + passes * body + n.args.slice(1).reduce((s, a) => s + cost(a), 0);
    }
    const passes = syn.kind === "function" && syn.boundArg !== undefined && n.op !== "lim" ? LOOP_PASSES : LAZY_PASSES;
    return local + passes * body + n.args.slice(1).reduce((s, a) => s + cost(a), 0);
  };
  try {
    return sides.reduce((s, n) => s + cost(n), 0);
  } catch {
    return Infinity; // an operator this model does not know: draw only small sizes
  }
}
