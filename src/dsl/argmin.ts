// `d.argmin("w", f, g)`: argmin_w f = argmin_w g. Checked as: at fixed values
// of everything else, f = a·g + b for numbers a > 0 and b that do not depend
// on w. That covers the two moves a derivation makes before minimising,
// dropping an additive constant (a = 1) and a positive factor such as
// 1/(2n) (b = 0), and both at once. Other monotone transforms (a log, a
// square root) are not recognised: write them as their own step.
//
// Numerically: at each sample of the other variables, w takes several values;
// the pairs (g_k, f_k) must lie on one line with positive slope (least squares,
// residual within the equality tolerance relative to f). When the slope is 1,
// the symbolic engine is also asked to prove grad(f - g, w) = 0, and a proof
// makes the verdict `proved`.

import { DeriveError, asDeriveError, located } from "../core/errors.js";
import { isScalar, showShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { drawScalar, drawValue } from "../numeric/sampler.js";
import { parseExpr } from "../parse/parser.js";
import { Resolver } from "../parse/resolve.js";
import { checkClaim } from "../check/claim.js";
import { toText } from "../check/values.js";
import { type Outcome, bindGiven, makeDrawer } from "./given.js";
import { variablesOf } from "../core/typed.js";

/** values of w per sample of the other variables */
const W_VALUES = 5;

export function checkArgmin(
  wrt: string,
  f: string,
  g: string,
  lets: readonly string[],
  given: Readonly<Record<string, number | string>>,
  seed: number,
  samples: number,
): Outcome {
  let assumptions: string[] = [];
  try {
    const bound = bindGiven(lets, given);
    const opts = { isVariable: bound.scope.isVariable };
    const resolver = new Resolver(bound.scope);
    const fn = resolver.resolve(located("f", () => parseExpr(f, opts)));
    const gn = resolver.resolve(located("g", () => parseExpr(g, opts)));
    assumptions = [...resolver.assumptions.keys()].map((n) => `${n}: scalar`);
    for (const [name, n] of [["f", fn], ["g", gn]] as const) {
      if (!isScalar(n.shape)) throw new DeriveError("shape", `argmin needs scalar objectives; ${name} is ${showShape(n.shape)}`, null, name);
    }
    const vars = variablesOf([fn, gn]);
    if (!vars.has(wrt)) throw new DeriveError("name", `${wrt} does not appear in either objective`);
    const rng = new Random(seed);
    const draw = makeDrawer(bound, resolver, rng);
    const decl = bound.scope.decls.get(wrt);
    let valid = 0;
    let slopeOne = true;
    let lastInvalid = "";
    for (let attempt = 0; attempt < samples * 25 && valid < samples; attempt++) {
      const base = draw(vars, valid === 0, attempt);
      const fs: number[] = [];
      const gs: number[] = [];
      const ws: Tensor[] = [];
      try {
        for (let k = 0; k < W_VALUES; k++) {
          const w = k === 0 ? base.values.get(wrt)! : decl ? drawValue(decl, base.sizes, rng, attempt + k) : drawScalar(rng);
          const point: Point = { sizes: base.sizes, values: new Map(base.values).set(wrt, w) };
          const ev = new Evaluator(point);
          const fv = ev.evaluate(fn).scalar();
          const gv = ev.evaluate(gn).scalar();
          if (!Number.isFinite(fv) || !Number.isFinite(gv)) throw new InvalidSample("an objective is not finite");
          fs.push(fv);
          gs.push(gv);
          ws.push(w);
        }
      } catch (e) {
        if (!(e instanceof InvalidSample)) throw e;
        lastInvalid = e.message;
        continue;
      }
      const fit = affine(gs, fs);
      if (!fit.holds) {
        const others = [...base.values].filter(([k]) => k !== wrt && !bound.values.has(k)).map(([k, v]) => `${k} = ${toText(v, 6)}`);
        const [i, j] = fit.witness;
        const at = others.length ? ` at ${others.join("; ")}` : "";
        return {
          verdict: "refuted",
          detail: `refuted: f is not a·g + b with a > 0 constant in ${wrt}${at}: ${wrt} = ${toText(ws[i]!, 6)} gives f = ${fmt(fs[i]!)}, g = ${fmt(gs[i]!)}; ${wrt} = ${toText(ws[j]!, 6)} gives f = ${fmt(fs[j]!)}, g = ${fmt(gs[j]!)} (${fit.why})`,
          assumptions,
        };
      }
      if (Math.abs(fit.slope - 1) > 1e-6) slopeOne = false;
      valid++;
    }
    if (valid < samples) throw new DeriveError("sample", `no valid sample could be drawn: ${valid} of ${samples}${lastInvalid ? ` (last reason: ${lastInvalid})` : ""}`);
    const how = slopeOne ? `f - g does not depend on ${wrt}` : `f = a·g + b with a > 0 and b constant in ${wrt}`;
    const detail = `verified: ${how} (${valid} samples × ${W_VALUES} values of ${wrt})`;
    if (slopeOne && Object.keys(given).every((k) => !vars.has(k))) {
      const sym = checkClaim({ claim: `grad((${f}) - (${g}), ${wrt}) = 0`, let: lets, seed, samples }, seed);
      if (sym.verdict === "proved") return { verdict: "proved", detail: `proved: grad(f - g, ${wrt}) = 0 ${sym.detail.replace(/^proved /, "")}`, assumptions };
    }
    return { verdict: "verified", detail, assumptions };
  } catch (e) {
    return { verdict: "error", detail: asDeriveError(e).message, assumptions };
  }
}


const fmt = (v: number): string => String(Number(v.toPrecision(6)));

interface Fit {
  holds: boolean;
  slope: number;
  why: string;
  /** two indices that show the failure */
  witness: [number, number];
}

/** Is f = a·g + b for one a > 0 (or are both constant)? Least squares over the values of w. */
function affine(g: readonly number[], f: readonly number[]): Fit {
  const n = g.length;
  const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / n;
  const mg = mean(g);
  const mf = mean(f);
  const scaleF = Math.max(...f.map(Math.abs));
  const scaleG = Math.max(...g.map(Math.abs));
  const tolF = 1e-6 * scaleF + 1e-8;
  const tolG = 1e-6 * scaleG + 1e-8;
  const spread = (xs: readonly number[], m: number): number => Math.max(...xs.map((x) => Math.abs(x - m)));
  const fVaries = spread(f, mf) > tolF;
  const gVaries = spread(g, mg) > tolG;
  const far = (): [number, number] => {
    let best: [number, number] = [0, 1];
    let d = -1;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (Math.abs(g[i]! - g[j]!) + Math.abs(f[i]! - f[j]!) > d) [d, best] = [Math.abs(g[i]! - g[j]!) + Math.abs(f[i]! - f[j]!), [i, j]];
    return best;
  };
  if (!fVaries && !gVaries) return { holds: true, slope: 1, why: "neither depends on w", witness: [0, 1] };
  if (!gVaries) return { holds: false, slope: NaN, why: "g does not change but f does", witness: far() };
  if (!fVaries) return { holds: false, slope: 0, why: "f does not change but g does", witness: far() };
  let sgf = 0;
  let sgg = 0;
  for (let i = 0; i < n; i++) {
    sgf += (g[i]! - mg) * (f[i]! - mf);
    sgg += (g[i]! - mg) ** 2;
  }
  const a = sgf / sgg;
  const b = mf - a * mg;
  let worst = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(f[i]! - (a * g[i]! + b));
    if (r > worst) [worst, at] = [r, i];
  }
  if (worst > tolF) return { holds: false, slope: a, why: "the points (g, f) do not lie on a line", witness: [at, at === 0 ? 1 : 0] };
  if (!(a > 0)) return { holds: false, slope: a, why: `f = ${fmt(a)}·g + b: the factor is not positive, so the minimiser of one is a maximiser of the other`, witness: far() };
  return { holds: true, slope: a, why: "", witness: [0, 1] };
}
