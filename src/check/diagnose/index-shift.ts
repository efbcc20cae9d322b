// (e) An index or bound shifted by one: the bounds of a sum or product
// (sum(f, i, 1, n) written for sum(f, i, 0, n - 1)), an entry's index (x[i + 1]
// written for x[i]), a step of a recurrence (the value at t + 1 given for the
// value at t: each name declared integer, shifted on one side), and an integer
// exponent of a worked example (0.9^3 where 0.9^2 was asked: the answer for
// one step more or fewer). Each variant is the corrected claim; index.ts
// re-checks it.

import { type Expr, node } from "../../core/ast.js";
import { parseDeclarations } from "../../parse/declarations.js";
import { replacements, shifted, show, substituteName } from "./tree.js";
import type { GivenValues } from "./types.js";
import type { Variant } from "./variants.js";

type Rewrite = { to: Expr; what: string };

/** A bound expression as text for a message: `0` or `n - 1`. */
const range = (i: Expr, a: Expr, b: Expr): string => `${show(i)} = ${show(a)}..${show(b)}`;

/** The bounds of one sum or product moved by one, both together first (the usual slip), then each alone. */
export function boundShifts(n: Expr): Rewrite[] {
  if ((n.op !== "sum" && n.op !== "prod") || n.args.length !== 4) return [];
  const [f, i, a, b] = n.args as [Expr, Expr, Expr, Expr];
  const pairs: [Expr, Expr][] = [
    [shifted(a, -1), shifted(b, -1)],
    [shifted(a, 1), shifted(b, 1)],
    [a, shifted(b, -1)],
    [a, shifted(b, 1)],
    [shifted(a, 1), b],
    [shifted(a, -1), b],
  ];
  return pairs.map(([a2, b2]) => {
    const to = node(n.op, [f, i, a2, b2]);
    return { to, what: `the bounds of ${show(n)} are off by one: with ${range(i, a2, b2)} for ${range(i, a, b)} it holds` };
  });
}

/** One index of an entry `x[i]`, `X[i, j]` moved by one. */
function indexShifts(n: Expr): Rewrite[] {
  if (n.op !== "index") return [];
  const out: Rewrite[] = [];
  for (let k = 1; k < n.args.length; k++) {
    for (const d of [-1, 1] as const) {
      const args = n.args.slice();
      args[k] = shifted(n.args[k]!, d);
      const to = { ...n, args };
      out.push({ to, what: `an index is off by one: ${show(to)} for ${show(n)} holds` });
    }
  }
  return out;
}

/**
 * An integer exponent of a power moved by one: the answer for one step more
 * or fewer. With `steps`, an exponent in those names counts too (b^(t - i),
 * the power of a closed form in its index t and a sum's index i).
 */
export function exponentShifts(n: Expr, steps: ReadonlySet<string> = new Set()): Rewrite[] {
  if (n.op !== "pow") return [];
  const e = n.args[1]!;
  const literal = e.op === "num" && Number.isInteger(e.value) && e.value! >= 1;
  if (!literal && !mentions(e, steps)) return [];
  return ([-1, 1] as const).map((d) => {
    const to = node("pow", [n.args[0]!, shifted(n.args[1]!, d)]);
    return { to, what: `an exponent is off by one: ${show(to)} for ${show(n)} holds (the value one step ${d < 0 ? "earlier" : "later"})` };
  });
}

function mentions(e: Expr, names: ReadonlySet<string>): boolean {
  return (e.op === "sym" && names.has(e.name!)) || e.args.some((a) => mentions(a, names));
}

/** Names declared integer (`t: integer`): the steps of a recurrence, the sizes of a sum. */
function integerNames(lets: readonly string[]): string[] {
  try {
    return lets.flatMap((l) => parseDeclarations(l)).filter((d) => d.properties.includes("integer")).map((d) => d.name);
  } catch {
    return [];
  }
}

/**
 * In a worked example, the given names with a positive integer value that the
 * claim uses as a step (an exponent, a bound of a sum or product, an index):
 * `b^t` with t given as 3. A given weight that happens to be 1 is not one.
 */
export function givenSteps(sides: readonly Expr[], given: GivenValues): string[] {
  const out = new Set<string>();
  const names = (e: Expr, into: Set<string>): void => {
    if (e.op === "sym") into.add(e.name!);
    e.args.forEach((a) => names(a, into));
  };
  const visit = (e: Expr): void => {
    const at: Expr[] = e.op === "pow" ? [e.args[1]!] : (e.op === "sum" || e.op === "prod") && e.args.length === 4 ? [e.args[2]!, e.args[3]!] : e.op === "index" ? e.args.slice(1) : [];
    const used = new Set<string>();
    at.forEach((a) => names(a, used));
    for (const n of used) {
      const v = given.values.get(n);
      if (v && v.isScalar() && Number.isInteger(v.scalar()) && v.scalar() >= 1) out.add(n);
    }
    e.args.forEach(visit);
  };
  sides.forEach(visit);
  return [...out];
}

export function indexVariants(l: Expr, r: Expr, rel: string, lets: readonly string[], steps: readonly string[] = []): Variant[] {
  const claim = (a: Expr, b: Expr): string => `${show(a)} ${rel} ${show(b)}`;
  const out: Variant[] = [];
  const f = (n: Expr): Rewrite[] => [...boundShifts(n), ...indexShifts(n), ...exponentShifts(n)];
  for (const x of replacements(l, f)) out.push({ kind: "index", claim: claim(x.tree, r), message: x.what });
  for (const x of replacements(r, f)) out.push({ kind: "index", claim: claim(l, x.tree), message: x.what });
  // a recurrence off by one step: one side is the value at t ± 1
  for (const t of [...new Set([...integerNames(lets), ...steps])]) {
    for (const [side, which] of [[r, "right"], [l, "left"]] as const) {
      for (const d of [-1, 1] as const) {
        const by = shifted({ op: "sym", args: [], name: t, pos: 0, end: 0 }, d);
        const moved = substituteName(side, t, by);
        if (show(moved) === show(side)) continue;
        const c = which === "right" ? claim(l, moved) : claim(moved, r);
        out.push({ kind: "index", claim: c, message: `off by one step: the ${which} side holds with ${show(by)} for ${t}` });
      }
    }
  }
  return out;
}
