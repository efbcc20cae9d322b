// The parts of a loop body that do not depend on the loop's index. The
// evaluator of sum(f, i, a, b) and prod(f, i, a, b) computes them once per
// evaluation of the loop, not once per index: in sum(x' * A * x * i, i, 1, n)
// the product x' * A * x is the same for every i, and only the `* i` is
// evaluated n times.
//
// Conservative by construction: a subtree is loop-invariant when no name it
// uses freely is the index, or the index of a nested sum or product that
// encloses it; a body with any other operator that rebinds a name while it is
// evaluated (a derivative perturbing its variable, a limit, a moment) is not
// split at all.

import type { TNode } from "../core/typed.js";
import { hasOp, opDef } from "../ops/registry.js";

/** operators over an index, whose second argument names it */
const LOOPS = new Set(["sum", "prod"]);

/**
 * The largest subtrees of `body` that do not depend on `index` (leaves
 * excluded: nothing to save); `index` may be several names, the indices of
 * nested loops that are all live at once (./lanes.ts).
 */
export function loopInvariant(body: TNode, index: string | ReadonlySet<string>): TNode[] {
  if (!plain(body)) return [];
  const out: TNode[] = [];
  const visit = (n: TNode, live: ReadonlySet<string>): void => {
    if (n.args.length === 0) return;
    if (!usesAny(n, live)) {
      out.push(n);
      return;
    }
    if (isLoop(n)) {
      // the nested index is live inside the nested body only
      const inner = new Set(live).add(n.args[1]!.name!);
      visit(n.args[0]!, inner);
      n.args.slice(2).forEach((a) => visit(a, live));
      return;
    }
    n.args.forEach((a) => visit(a, live));
  };
  visit(body, typeof index === "string" ? new Set([index]) : index);
  return out;
}

export const isLoop = (n: TNode): boolean => LOOPS.has(n.op) && n.args.length === 4 && n.args[1]!.op === "sym";

/** Whether every operator in the tree is evaluated from its arguments alone (or is a nested sum or product). */
export function plain(n: TNode): boolean {
  if (hasOp(n.op) && opDef(n.op).evalLazy && !isLoop(n) && !(LOOPS.has(n.op) && n.args.length === 1)) return false;
  return n.args.every(plain);
}

/** Whether `n` uses one of `names` freely (an index bound inside `n` does not count). */
export function usesAny(n: TNode, names: ReadonlySet<string>): boolean {
  if (n.op === "sym") return names.has(n.name!);
  if (isLoop(n)) {
    const bound = n.args[1]!.name!;
    const inner = new Set([...names].filter((x) => x !== bound));
    return usesAny(n.args[0]!, inner) || n.args.slice(2).some((a) => usesAny(a, names));
  }
  return n.args.some((a) => usesAny(a, names));
}
