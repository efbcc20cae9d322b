// gradcheck(f, options): the user's gradient code against finite differences
// of the user's own loss (testing.md). At given points (`at`) or as a
// fast-check property over arbitrary(`let`), whose failures shrink to a small
// counterexample. Each entry passes when
//   |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|, scale / 1000) + 2 * (tableau error)
// (scale: the largest numeric entry of that input's gradient); at a kink, when
// the analytic value lies between the one-sided difference quotients.

import fc from "fast-check";
import { Tensor } from "../core/tensor.js";
import { type ArbitraryOptions, type Decls, kindOf, parseDecls, pointArbitrary } from "./arbitrary.js";
import { likelyCause } from "./causes.js";
import { partial, type Partial } from "./fd.js";
import { type As, type Form, formOf, indexOf, readValue, showDims, showEntry, showValue } from "./values.js";

export interface GradcheckOptions {
  /** the user's gradient code: `{ name: gradient }`, each the shape of its input, in any value form */
  grad: (values: any) => Record<string, unknown>;
  /** the point: values in any form (number, arrays, tensor(...), toArray() objects), or a list of points */
  at?: Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[];
  /** declarations: run as a property over arbitrary(let) */
  let?: Decls;
  /** which inputs to check (default: all; with `let`, all but integer and onehot ones) */
  wrt?: string | readonly string[];
  dims?: ArbitraryOptions["dims"];
  /** how generated values reach f and grad (with `let`) */
  as?: As;
  /** fast-check seed (with `let`); reported on failure */
  seed?: number;
  /** generated points (with `let`); default 50 */
  numRuns?: number;
  rtol?: number;
  atol?: number;
  /** relative step of the finite differences (x ± eps max(1, |x|) and half that); default 1e-4 */
  eps?: number;
  /** throw on failure (default: inside vitest, i.e. when process.env.VITEST is set) */
  throws?: boolean;
}

export interface Worst {
  name: string;
  /** 0-based: [] for a scalar, [i] for a vector, [i, j] for a matrix */
  index: number[];
  analytic: number;
  numeric: number;
}

export interface GradcheckResult {
  ok: boolean;
  /** largest |analytic - numeric| / max(|analytic|, |numeric|, atol / rtol) over every entry checked */
  maxRelError: number;
  worst: Worst | null;
  /** relative step of the finite differences */
  eps: number;
  rtol: number;
  atol: number;
  /** entries judged at a kink (accepted as subgradients) */
  kinks: number;
  /** a likely slip, when one fits */
  cause: string | null;
  /** the failure as it is thrown (null when ok) */
  message: string | null;
  /** with `let`: the seed, the number of points and the (shrunk) failing point */
  seed?: number;
  numRuns?: number;
  counterexample?: Record<string, unknown> | null;
}

export const DEFAULTS = { rtol: 1e-5, atol: 1e-8, eps: 1e-4, numRuns: 50 } as const;

/** Thrown when a check fails with `throws`: the message is the whole report. */
export class GradcheckError extends Error {
  readonly result: GradcheckResult;
  constructor(result: GradcheckResult) {
    super(result.message ?? "gradcheck failed");
    this.name = "GradcheckError";
    this.result = result;
  }
}

export const throwsByDefault = (): boolean => Boolean(process.env.VITEST);

/** One input of a point: its value, how to rebuild it for user code, and (with let) its kind. */
interface Input {
  tensor: Tensor;
  form: Form;
}

interface PointReport {
  ok: boolean;
  maxRelError: number;
  worst: Worst | null;
  kinks: number;
  cause: string | null;
  /** what failed, without the header and the point */
  detail: string | null;
}

export function gradcheck(f: (values: any) => unknown, options: GradcheckOptions): GradcheckResult {
  if (typeof f !== "function") throw new Error("gradcheck(f, options): f must be a function of the values returning a number");
  if (!options || typeof options.grad !== "function") throw new Error("gradcheck(f, options): options.grad must be a function returning { name: gradient }");
  if ((options.at === undefined) === (options.let === undefined)) throw new Error("gradcheck(f, options): give either options.at (values) or options.let (declarations)");
  const tol = { rtol: options.rtol ?? DEFAULTS.rtol, atol: options.atol ?? DEFAULTS.atol, eps: options.eps ?? DEFAULTS.eps };
  const throws = options.throws ?? throwsByDefault();
  const wrtList = options.wrt === undefined ? null : typeof options.wrt === "string" ? [options.wrt] : [...options.wrt];
  let result: GradcheckResult;
  if (options.at !== undefined) {
    // one point, or a list of points: the first that fails is reported, else the worst entry of all
    const points = Array.isArray(options.at) ? (options.at as readonly Readonly<Record<string, unknown>>[]) : [options.at as Readonly<Record<string, unknown>>];
    if (points.length === 0) throw new Error("gradcheck: options.at is an empty list of points");
    result = { ok: true, maxRelError: 0, worst: null, ...tol, kinks: 0, cause: null, message: null };
    for (let p = 0; p < points.length; p++) {
      const tag = points.length > 1 ? `at[${p}]` : "at";
      const inputs = new Map<string, Input>();
      for (const [name, v] of Object.entries(points[p]!)) inputs.set(name, readValue(v, `${tag}.${name}`));
      const wrt = wrtList ?? [...inputs.keys()];
      for (const w of wrt) if (!inputs.has(w)) throw new Error(`gradcheck: wrt names ${w}, which has no value in options.${tag} (given: ${[...inputs.keys()].join(", ")})`);
      const r = checkPoint(f, options.grad, inputs, wrt, tol);
      result.kinks += r.kinks;
      if (!r.ok) {
        const where = points.length > 1 ? `at the given point options.at[${p}]` : "at the given point (options.at)";
        result = { ...result, ok: false, maxRelError: r.maxRelError, worst: r.worst, cause: r.cause, message: report(r, tol, inputs, null, where, null) };
        break;
      }
      if (result.worst === null || r.maxRelError >= result.maxRelError) result = { ...result, maxRelError: r.maxRelError, worst: r.worst };
    }
  } else {
    result = property(f, options, tol, wrtList);
  }
  if (!result.ok && throws) throw new GradcheckError(result);
  return result;
}

function property(f: (values: any) => unknown, options: GradcheckOptions, tol: { rtol: number; atol: number; eps: number }, wrtList: string[] | null): GradcheckResult {
  const decls = parseDecls(options.let!);
  const as = options.as ?? "array";
  const wrt = wrtList ?? decls.filter((d) => !d.properties.includes("integer") && !d.properties.includes("onehot")).map((d) => d.name);
  for (const w of wrt) if (!decls.some((d) => d.name === w)) throw new Error(`gradcheck: wrt names ${w}, which is not declared in options.let (declared: ${decls.map((d) => d.name).join(", ")})`);
  const forms = new Map(decls.map((d) => [d.name, formOf(kindOf(d), as)]));
  const seed = options.seed ?? freshSeed();
  const numRuns = options.numRuns ?? DEFAULTS.numRuns;
  const inputsOf = (p: { values: ReadonlyMap<string, Tensor> }): Map<string, Input> => new Map(decls.map((d) => [d.name, { tensor: p.values.get(d.name)!, form: forms.get(d.name)! }]));
  let maxRelError = 0;
  let worst: Worst | null = null;
  let kinks = 0;
  const out = fc.check(
    fc.property(pointArbitrary(decls, { dims: options.dims }), (p) => {
      const r = checkPoint(f, options.grad, inputsOf(p), wrt, tol);
      if (r.ok) {
        kinks += r.kinks;
        if (r.maxRelError >= maxRelError) {
          maxRelError = r.maxRelError;
          worst = r.worst;
        }
      }
      return r.ok;
    }),
    { seed, numRuns },
  );
  const base = { ...tol, seed, numRuns };
  if (!out.failed) return { ok: true, maxRelError, worst, kinks, cause: null, message: null, ...base, counterexample: null };
  const p = out.counterexample![0] as { sizes: ReadonlyMap<string, number>; values: ReadonlyMap<string, Tensor> };
  const inputs = inputsOf(p);
  const counterexample = Object.fromEntries([...inputs].map(([k, v]) => [k, v.form.rebuild(v.tensor)]));
  let r: PointReport;
  try {
    r = checkPoint(f, options.grad, inputs, wrt, tol);
  } catch (e) {
    r = { ok: false, maxRelError: Infinity, worst: null, kinks: 0, cause: null, detail: `f or grad threw: ${(e as Error).message}` };
  }
  const where = `at the shrunk counterexample (found at point ${out.numRuns}, ${out.numShrinks} shrinks)`;
  const message = report(r, tol, inputs, p.sizes, where, seed);
  return { ok: false, maxRelError: r.maxRelError, worst: r.worst, kinks: r.kinks, cause: r.cause, message, ...base, counterexample };
}

/** A seed for fast-check when none is given (reported, so a failure replays). */
export const freshSeed = (): number => (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;

function checkPoint(f: (values: any) => unknown, gradFn: GradcheckOptions["grad"], inputs: Map<string, Input>, wrt: readonly string[], tol: { rtol: number; atol: number; eps: number }): PointReport {
  const built: Record<string, unknown> = {};
  for (const [k, v] of inputs) built[k] = v.form.rebuild(v.tensor);
  const loss = (vals: Record<string, unknown>): number => {
    const y = f(vals);
    if (typeof y === "number") return y;
    const t = readValue(y, "the value of f").tensor;
    if (t.size !== 1) throw new Error(`f must return a scalar loss (a number), not a value of shape ${showDims(t)}`);
    return t.data[0]!;
  };
  const f0 = loss(built);
  if (!Number.isFinite(f0)) {
    return { ok: false, maxRelError: Infinity, worst: null, kinks: 0, cause: null, detail: `f is not finite here (${f0}): declare the properties f needs (positive, spd, in (0, 1), ...) so that every generated point is in its domain` };
  }
  const grads = gradFn({ ...built });
  if (typeof grads !== "object" || grads === null) throw new Error(`options.grad must return an object { name: gradient }, not ${grads === null ? "null" : typeof grads}`);
  let maxRelError = 0;
  let worst: Worst | null = null;
  let worstFail: { rel: number; name: string; detail: string; cause: string | null; worst: Worst } | null = null;
  let kinks = 0;
  for (const name of wrt) {
    const x = inputs.get(name)!;
    const raw = (grads as Record<string, unknown>)[name];
    if (raw === undefined) {
      return { ok: false, maxRelError: Infinity, worst: null, kinks, cause: null, detail: `options.grad returned no gradient for ${name} (it returned: ${Object.keys(grads).join(", ") || "nothing"})` };
    }
    const g0 = readValue(raw, `the gradient of ${name}`).tensor;
    const g = alignShape(g0, x.tensor);
    if (!g) {
      const t = x.tensor;
      const transposed = g0.shape.length === 2 && t.shape.length === 2 && g0.rows === t.cols && g0.cols === t.rows;
      const hint = transposed ? ": the gradient is transposed (d f / d X has the shape of X)" : "";
      return { ok: false, maxRelError: Infinity, worst: null, kinks, cause: transposed ? "the transposed gradient" : null, detail: `the gradient of ${name} has shape ${showDims(g0)}, but ${name} has shape ${showDims(t)}${hint}` };
    }
    // the numeric gradient, entry by entry
    const parts: Partial[] = [];
    // one scratch copy of the input, each entry moved and put back (no copy per evaluation)
    const work = x.tensor.data.slice();
    const moved = new Tensor(x.tensor.shape, work);
    const vals = { ...built };
    for (let k = 0; k < x.tensor.size; k++) {
      const at = (v: number): number => {
        work[k] = v;
        vals[name] = x.form.rebuild(moved);
        work[k] = x.tensor.data[k]!;
        return loss(vals);
      };
      parts.push(partial(at, x.tensor.data[k]!, f0, tol.eps));
    }
    const scale = Math.max(...parts.map((p) => Math.abs(p.kink ? Math.max(Math.abs(p.kink.lo), Math.abs(p.kink.hi)) : p.value)));
    const allowed = (k: number, a: number, n: number): number => tol.atol + tol.rtol * Math.max(Math.abs(a), Math.abs(n), scale / 1000) + 2 * parts[k]!.err;
    /** the reference value nearest `a` (at a kink, `a` clamped to the one-sided interval) */
    const ref = (k: number, a: number): number => {
      const p = parts[k]!;
      return p.kink ? Math.min(p.kink.hi, Math.max(p.kink.lo, a)) : p.value;
    };
    const agrees = (k: number, a: number): boolean => Math.abs(a - ref(k, a)) <= allowed(k, a, ref(k, a));
    let firstBad = -1;
    let badRel = -1;
    for (let k = 0; k < x.tensor.size; k++) {
      const a = g.data[k]!;
      const n = ref(k, a);
      if (parts[k]!.kink) kinks++;
      const rel = Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), tol.atol / tol.rtol);
      if (rel >= maxRelError || worst === null) {
        maxRelError = Math.max(maxRelError, rel);
        worst = { name, index: indexOf(x.tensor, k), analytic: a, numeric: n };
      }
      if (!agrees(k, a) && rel > badRel) {
        firstBad = k;
        badRel = rel;
      }
    }
    if (firstBad >= 0) {
      const a = g.data[firstBad]!;
      const n = ref(firstBad, a);
      const w: Worst = { name, index: indexOf(x.tensor, firstBad), analytic: a, numeric: n };
      const numericT = new Tensor(x.tensor.shape, Float64Array.from(parts, (p, k) => ref(k, g.data[k]!)));
      const cause = likelyCause(name, g, numericT, agrees);
      const kinkNote = parts[firstBad]!.kink ? ` (a kink: the one-sided differences are ${fmt(parts[firstBad]!.kink!.lo, 6)} and ${fmt(parts[firstBad]!.kink!.hi, 6)})` : "";
      const detail =
        `the gradient of ${name} does not match finite differences of f\n` +
        `  entry ${showEntry(name, w.index)}: analytic ${fmt(a)}, numeric ${fmt(n)}${kinkNote} (relative error ${fmt(badRel, 3)})\n` +
        `  analytic gradient of ${name}: ${showValue(g)}\n` +
        `  numeric gradient of ${name}:  ${showValue(numericT)}`;
      if (!worstFail || badRel > worstFail.rel) worstFail = { rel: badRel, name, detail, cause, worst: w };
    }
  }
  if (worstFail) return { ok: false, maxRelError, worst: worstFail.worst, kinks, cause: worstFail.cause, detail: worstFail.detail };
  return { ok: true, maxRelError, worst, kinks, cause: null, detail: null };
}

/** The gradient with the input's shape: a vector may come as a row or flat, a 1 x 1 as a number. */
function alignShape(g: Tensor, x: Tensor): Tensor | null {
  if (g.shape.length === x.shape.length && g.shape.every((d, i) => d === x.shape[i])) return g;
  const vec = (t: Tensor): boolean => t.shape.length === 2 && (t.rows === 1 || t.cols === 1);
  if (g.size === x.size && vec(g) && vec(x)) return new Tensor(x.shape, g.data);
  return null;
}

const fmt = (x: number, digits = 10): string => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x));

/** The whole failure message: what failed, the cause, the tolerances, the point, the seed. */
function report(r: PointReport, tol: { rtol: number; atol: number; eps: number }, inputs: Map<string, Input>, sizes: ReadonlyMap<string, number> | null, where: string, seed: number | null): string {
  const lines = [`gradcheck failed: ${r.detail ?? "mismatch"}`];
  if (r.cause) lines.push(`  likely cause: ${r.cause}`);
  lines.push(`  tolerance: |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|) with rtol ${tol.rtol}, atol ${tol.atol} (central differences at relative steps ${tol.eps} and ${tol.eps / 2}, Richardson-extrapolated in float64)`);
  lines.push(`  ${where}:`);
  if (sizes && sizes.size > 0) lines.push(`    ${[...sizes].map(([k, v]) => `${k} = ${v}`).join(", ")}`);
  for (const [k, v] of inputs) lines.push(`    ${k} = ${showValue(v.tensor, 17)}`);
  lines.push(seed === null ? "  seed: none (the point was given with options.at)" : `  seed: ${seed} (pass { seed: ${seed} } to replay)`);
  return lines.join("\n");
}
