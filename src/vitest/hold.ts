// toHold: a claim in the expression language, decided by derive's own checker
// (the library's equal(), the same verdict as `derive equal`). proved or
// verified holds; refuted fails with the checker's counterexample; an error
// (syntax, shapes) is never a pass, not even under .not.

import { equal } from "../api.js";
import type { Declarations, EqualResult } from "../check/claim.js";
import { freshSeed } from "../numeric/random.js";

export interface HoldOptions {
  /** declarations: "A: n x m; B: m x n", a list of them, or { A: "n x m" } */
  readonly let?: Declarations;
  /** the seed of the checker's samples (printed on failure; the verdict does not depend on it) */
  readonly seed?: number;
  /** samples the checker draws (default its own) */
  readonly samples?: number;
}

export interface Holding {
  readonly pass: boolean;
  readonly message: string;
  /** a malformed claim: an error whichever way the matcher is asked */
  readonly error: string | null;
}

export function holding(claim: unknown, opts: HoldOptions = {}): Holding {
  if (typeof claim !== "string") throw new TypeError(`toHold: expect(...) must be given the claim as a string, such as "tr(A * B) = tr(B * A)", not ${typeof claim}`);
  const seed = opts.seed ?? freshSeed();
  const r: EqualResult = equal({ claim, let: opts.let, seed, samples: opts.samples });
  const replay = `seed ${r.seed} (replay: toHold({ let, seed: ${r.seed} }))`;
  if (r.verdict === "error") return { pass: false, message: "", error: `toHold: ${claim}: ${r.detail}` };
  if (r.verdict === "proved" || r.verdict === "verified") return { pass: true, message: `${claim} is ${r.verdict}: ${r.detail}; ${replay}`, error: null };
  const c = r.counterexample;
  const lines = [`${claim} is refuted; ${replay}`];
  if (c) {
    lines.push(`  counterexample: ${c.text}`);
    lines.push(`  lhs = ${brief(c.lhs)}`);
    lines.push(`  rhs = ${brief(c.rhs)}`);
    if (c.hint) lines.push(`  likely: ${c.hint}`);
  } else lines.push(`  ${r.detail}`);
  return { pass: false, message: lines.join("\n"), error: null };
}

/** A value of the counterexample as the language writes it, 6 significant digits: [7.14794, -4.87763; -0.686629, 1.05508]. */
function brief(v: unknown): string {
  const num = (x: unknown): string => (typeof x === "number" ? String(Number(x.toPrecision(6))) : String(x));
  if (!Array.isArray(v)) return num(v);
  if (!Array.isArray(v[0])) return `[${v.map(num).join("; ")}]`;
  return `[${(v as unknown[][]).map((row) => row.map(num).join(", ")).join("; ")}]`;
}
