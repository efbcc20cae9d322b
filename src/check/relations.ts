// How each relation of a claim is decided on one sample. `=` uses the equality
// tolerance; `≈` the author's rounding (|lhs - v| <= ½·10^-d) or an explicit
// `± tol`; `<`, `<=`, `>`, `>=` hold entrywise; `∝` is decided across samples
// in claim.ts (it needs several values of the variable).

import type { Expr } from "../core/ast.js";
import { DeriveError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Relation } from "../parse/parser.js";
import { type Difference, difference } from "./tolerance.js";

export interface Outcome {
  readonly holds: boolean;
  readonly relError: number;
  /** a strict inequality that failed only by equality within rounding (see claim.ts) */
  readonly marginal?: boolean;
}

/** Per-entry tolerances of `≈ v`, from the decimals the author wrote. */
export function roundingTolerance(e: Expr): number[] | null {
  if (e.op === "num") return [halfUlpOfDecimals(e.text ?? String(e.value))];
  if (e.op === "neg") return roundingTolerance(e.args[0]!);
  if (e.op === "matrix") {
    const out: number[] = [];
    for (const a of e.args) {
      const t = roundingTolerance(a);
      if (!t) return null;
      out.push(t[0]!);
    }
    return out;
  }
  return null;
}

/** ½·10^-d where d is the number of decimals written (`0.65` -> 0.005, `1e-3` -> 0.0005, `2` -> 0.5). */
export function halfUlpOfDecimals(text: string): number {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return 0.5;
  const decimals = (m[2]?.length ?? 0) - Number(m[3] ?? 0);
  return 0.5 * 10 ** -decimals;
}

export function decide(rel: Relation, a: Tensor, b: Tensor, approx: { tol: readonly number[] } | null): Outcome {
  switch (rel) {
    case "=": {
      const d: Difference = difference(a, b);
      return { holds: d.equal, relError: d.relError };
    }
    case "≈": {
      if (!approx) throw new DeriveError("engine", "≈ without a tolerance");
      const n = Math.max(a.size, b.size);
      let ok = true;
      let worst = 0;
      for (let k = 0; k < n; k++) {
        const x = a.size === 1 ? a.data[0]! : a.data[k]!;
        const y = b.size === 1 ? b.data[0]! : b.data[k]!;
        const tol = approx.tol.length === 1 ? approx.tol[0]! : approx.tol[k]!;
        // a hair of slack for the binary representation of the decimal literal
        const slack = 1e-12 * Math.max(1, Math.abs(y));
        const dist = Math.abs(x - y);
        if (!(dist <= tol + slack)) ok = false;
        worst = Math.max(worst, dist / Math.max(Math.abs(y), 1e-8));
      }
      return { holds: ok, relError: worst };
    }
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const n = Math.max(a.size, b.size);
      let ok = true;
      let marginal = true;
      let worst = 0;
      // the equality tolerance's scale is the largest entry of either side, as for `=`
      // (language.md): the entries of one result carry the rounding of the whole
      // computation, so the small eigenvalues of X' X at |X| ~ 1e3 are ±1e-7, not 0
      const scale = Math.max(a.maxAbs(), b.maxAbs());
      for (let k = 0; k < n; k++) {
        let x = a.size === 1 ? a.data[0]! : a.data[k]!;
        let y = b.size === 1 ? b.data[0]! : b.data[k]!;
        if (rel === ">" || rel === ">=") [x, y] = [y, x];
        // x < y strictly; x <= y within the equality tolerance
        const tol = 1e-6 * scale + 1e-8;
        const strict = rel === "<" || rel === ">";
        const holds = strict ? x < y : x <= y + tol;
        if (!holds) {
          ok = false;
          if (!(strict && x <= y + tol)) marginal = false;
          worst = Math.max(worst, (x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-8));
        }
      }
      return { holds: ok, relError: worst, marginal: !ok && marginal };
    }
    case "∝":
      throw new DeriveError("engine", "∝ is decided across samples");
  }
}
