// The interval of a declaration: `b: scalar in (0, 1)`, `eps: scalar in (0, 0.1]`,
// `t: integer in [1, 50]`. Every entry of the name is drawn inside it (sampler.ts),
// so a claim that needs 0 < b < 1 (Adam's decay rate) or a small step size is
// checked only where it is meant. Brackets say whether an end is included.

import { DeriveError } from "../core/errors.js";
import type { Interval } from "../core/typed.js";

// ` in (lo, hi]` at the end of a declaration; the bounds are numbers
const TAIL = /\s+in\s*([([])\s*([^,\s]*)\s*,\s*([^\])\s]*)\s*([\])])\s*$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Splits ` in (lo, hi)` off a declaration. `offset` is where `src` starts in
 * the declaration text, for positions in errors.
 */
export function splitInterval(src: string, offset: number): { rest: string; interval: Interval | null } {
  const m = TAIL.exec(src);
  if (!m) {
    const stray = /\s+in(\s|$)/.exec(src);
    if (stray) throw new DeriveError("declaration", "expected an interval after 'in', e.g. 'b: scalar in (0, 1)' or 'eps: scalar in (0, 0.1]'", stray.index + offset + stray[0].indexOf("in"));
    return { rest: src, interval: null };
  }
  const at = (k: number): number => offset + m.index + m[0].indexOf(m[k]!);
  const bound = (k: number): number => {
    const text = m[k]!;
    if (!NUMBER.test(text)) throw new DeriveError("declaration", `an interval bound is a finite number, not '${text}'`, at(k));
    return Number(text);
  };
  const lo = bound(2);
  const hi = bound(3);
  const interval: Interval = { lo, hi, loOpen: m[1] === "(", hiOpen: m[4] === ")" };
  const empty = lo > hi || (lo === hi && (interval.loOpen || interval.hiOpen));
  if (empty) throw new DeriveError("declaration", `the interval ${showInterval(interval)} is empty`, at(1));
  return { rest: src.slice(0, m.index), interval };
}

export function showInterval(i: Interval): string {
  return `${i.loOpen ? "(" : "["}${i.lo}, ${i.hi}${i.hiOpen ? ")" : "]"}`;
}
