// (e) and a wrong initial value, for a recurrence with a claimed closed form
// (check/recurrence.ts): the corrected recurrences to re-check, likeliest
// first. Off by one (kind `index`): a power in the closed form one step too
// high or low (b^(t - i + 1) for b^(t - i), (1 - b^(t - 1)) for (1 - b^t)),
// the closed form at t ± 1, a bound of one of its sums, or the first index.
// A wrong initial value (kind `initial`) is proposed separately, as a last
// resort: the closed form holds for the recurrence started at the value the
// closed form itself gives at the first index. Pure tree work; the caller
// (check/recurrence-diagnose.ts) re-checks each one.

import { type Expr, num } from "../../core/ast.js";
import { boundShifts, exponentShifts } from "./index-shift.js";
import { replacements, shifted, show, substituteName } from "./tree.js";

/** What a corrected recurrence changes: its closed form, its first index or its initial value. */
export interface RecurrenceVariant {
  readonly closed?: string;
  readonly from?: number;
  readonly init?: string;
  readonly message: string;
}

const sym = (name: string): Expr => ({ op: "sym", args: [], name, pos: 0, end: 0 });

/** The bound index of every sum and product in e (`i` of sum(f, i, 1, t)). */
function sumIndices(e: Expr, into = new Set<string>()): Set<string> {
  if ((e.op === "sum" || e.op === "prod") && e.args.length === 4 && e.args[1]!.op === "sym") into.add(e.args[1]!.name!);
  e.args.forEach((a) => sumIndices(a, into));
  return into;
}

/** Off-by-one corrections of the closed form `closed` in the index `t`, starting at `from`. */
export function recurrenceIndexVariants(closed: Expr, t: string, name: string, from: number, init: string): RecurrenceVariant[] {
  const out: RecurrenceVariant[] = [];
  const steps = sumIndices(closed, new Set([t]));
  for (const x of replacements(closed, (n) => exponentShifts(n, steps))) out.push({ closed: show(x.tree), message: `in the closed form, ${x.what}` });
  for (const d of [-1, 1] as const) {
    const by = shifted(sym(t), d);
    const moved = substituteName(closed, t, by);
    if (show(moved) === show(closed)) continue;
    out.push({ closed: show(moved), message: `off by one step: the closed form holds with ${show(by)} for ${t} (as written it is ${name} at ${show(shifted(sym(t), d === -1 ? 1 : -1))})` });
  }
  for (const x of replacements(closed, boundShifts)) out.push({ closed: show(x.tree), message: `in the closed form, ${x.what}` });
  for (const d of [1, -1] as const) {
    out.push({ from: from + d, message: `off by one in the first index: it holds when the recurrence starts at ${name}_${from + d} = ${init} (written ${name}_${from} = ${init})` });
  }
  return out;
}

/** The recurrence started at the closed form's own value at the first index. */
export function recurrenceInitialVariant(closed: Expr, t: string, name: string, from: number, init: string): RecurrenceVariant | null {
  const start = show(folded(substituteName(closed, t, num(from))));
  if (start === init) return null;
  return { init: start, message: `a wrong initial value: the closed form holds when ${name}_${from} = ${start} (its own value at ${t} = ${from}), not ${init}` };
}

const isNum = (e: Expr, v?: number): boolean => e.op === "num" && (v === undefined || e.value === v);

/**
 * The closed form at the first index, as a reader would write it: x^0 is 1,
 * x^1 is x, 0 and 1 drop out of sums and products, numbers are added up
 * ((1 - b^0) * g is 0). Only what is exact for every shape; the result is
 * re-checked like any corrected claim.
 */
function folded(e: Expr): Expr {
  if (e.args.length === 0) return e;
  const n = { ...e, args: e.args.map(folded) };
  const [a, b] = n.args as [Expr, Expr];
  switch (n.op) {
    case "pow":
      if (isNum(b, 0)) return num(1);
      if (isNum(b, 1)) return a;
      break;
    case "add":
      if (isNum(a) && isNum(b)) return num(a.value! + b.value!);
      if (isNum(a, 0)) return b;
      if (isNum(b, 0)) return a;
      break;
    case "sub":
      if (isNum(a) && isNum(b) && a.value! - b.value! >= 0) return num(a.value! - b.value!);
      if (isNum(b, 0)) return a;
      break;
    case "mul":
      if (isNum(a) && isNum(b)) return num(a.value! * b.value!);
      if (isNum(a, 1)) return b;
      if (isNum(b, 1)) return a;
      if ((isNum(a, 0) || isNum(b, 0)) && n.args.length === 2) return num(0);
      break;
  }
  return n;
}
