// The numeric check of a symbolic gradient, the cheap way (`derive grad`).
// A candidate R for grad(f, X) is compared with the directional derivative
// of f itself: along a direction V, d/ds f(X + sV) at s = 0 (a central
// difference refined by Ridders' extrapolation, numeric/fd.ts) must equal
// <R, V> = sum(R .* V). A few Gaussian directions at a few samples cost a
// few dozen evaluations of f, where the full finite-difference gradient
// costs a Ridders tableau per entry of X. Where X has at most FULL_UP_TO
// entries, the whole finite-difference gradient is compared as well.
//
// Why it is sound: for a wrong R, <R - G, V> ~ N(0, |R - G|^2) for Gaussian
// V, so it passes one direction only if that normal variable falls inside
// the tolerance, 1e-6 of the scale of <R, V>: a probability of about 1e-6 per
// direction for a wrong R whose error is comparable to G, and every
// direction at every sample must pass. The directions are fixed by the draw
// number, not by the seed.
//
// Where f is a polynomial in X of degree <= 4 (tr(X' * A * X), norm(A * x -
// b)^2, tr(X^3): check/poly-degree.ts), f(X + sV) is a polynomial in s and
// the extrapolation stops at the order exact for its degree (one central
// difference for degree <= 2): two evaluations per direction instead of four
// or more. The comparison is the same; a disagreement is still re-confirmed
// by the full Ridders tableau at another step before it counts.
//
// This check only ever accepts, rejects a confirmed disagreement (one that
// survives a second finite-difference step), or says it cannot decide: then
// src/check/grad.ts falls back to the full claim check (check/claim.ts).

import { checkDeadline } from "../core/deadline.js";
import { DeriveError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import { type TNode, variablesOf } from "../core/typed.js";
import { Evaluator, InvalidSample, type Point } from "../numeric/evaluate.js";
import { Random } from "../numeric/random.js";
import { SizePlan, sizesText } from "../numeric/sizes.js";
import type { Scope } from "../parse/scope.js";
import { DomainProbe } from "./domain-probe.js";
import { polynomialDegree } from "./poly-degree.js";
import { drawVar0, freeScalars } from "./sampling.js";
import { REL_TOL, ABS_TOL, difference } from "./tolerance.js";
import { toBrief } from "./values.js";

/** valid samples wanted (more where free scalars need their sign patterns) */
const SAMPLES = 3;
/** at most this many samples just to meet the sign patterns of free scalars */
const MAX_SIGN_SAMPLES = 12;
/** a function whose evaluation crosses kinks takes this many times the samples */
const KINK_FACTOR = 2;
/** random directions per sample */
export const DIRECTIONS = 2;
/** a variable with at most this many entries also gets its whole finite-difference gradient compared */
export const FULL_UP_TO = 4;
/**
 * Relative error estimate at which a directional derivative is accurate
 * enough: the comparison tolerance is 1e-6, so 1e-9 changes no decision
 * (a disagreement is re-confirmed at the full accuracy).
 */
const FD_ACCEPT = 1e-9;
/** draws allowed per wanted sample before the domain is declared empty */
const DRAWS_PER_SAMPLE = 25;

export interface GradCheckInput {
  readonly scope: Scope;
  /** dimension names and their minimum sizes (from the resolver of f) */
  readonly dims: ReadonlySet<string>;
  readonly minDims: ReadonlyMap<string, number>;
  /** the scalar function */
  readonly f: TNode;
  /** the variable's name */
  readonly x: string;
  /** the candidate gradient, as printed and parsed back */
  readonly r: TNode;
  readonly seed: number;
}

export type GradCheck =
  /** every direction at every sample agreed */
  | { readonly kind: "agrees"; readonly samples: number; readonly directions: number; readonly maxRelError: number; readonly detail: string }
  /** a disagreement confirmed by a second finite-difference step */
  | { readonly kind: "wrong"; readonly detail: string }
  /** no valid sample in the declared domain */
  | { readonly kind: "domain"; readonly detail: string }
  /** finite differences that did not settle: the full check decides */
  | { readonly kind: "undecided"; readonly detail: string };

type Visit = { relError: number; directions: number; kinked: boolean } | { redraw: string; rNotFinite?: boolean } | { done: GradCheck };

export function checkGradient(input: GradCheckInput): GradCheck {
  const { scope, f, x, r } = input;
  const rng = new Random(input.seed);
  // the variable too: declared but unused, its gradient is 0 and still has a value to check at
  const vars = [...new Set([...variablesOf([f, r]), x])];
  const signs = freeScalars(scope, vars);
  const drawer = drawVar0(scope, rng, false, signs);
  let wanted = Math.max(SAMPLES, Math.min(signs.patterns.length, MAX_SIGN_SAMPLES));
  let kinked = false;
  const names = [...input.dims];
  // whether f has a valid sample at all is decided by draws that do not depend on the seed
  // (check/domain-probe.ts): a lucky draw must not turn "unchecked" into "checked"
  const probe = new DomainProbe({ scope, vars, dims: names, minDims: input.minDims, trees: [f], signs });
  if (!probe.hasValid()) return { kind: "domain", detail: probe.noValidSample() };
  const plan = new SizePlan({ names, minDims: input.minDims, smallOnly: true });
  let valid = 0;
  let directions = 0;
  let maxRel = 0;
  let lastInvalid = "";
  /** draws where f had a value but the candidate did not */
  let rNotFinite = 0;
  const sizesSeen = new Set<number>();
  const seededDraws = (): number => wanted * DRAWS_PER_SAMPLE;
  let topUp = 0;
  // the probe's first valid point is the first sample: it was drawn, and f evaluated there,
  // anyway (one draw and one evaluation fewer); the seeded draws give the others
  let fromProbe = probe.next();
  // f's degree in x where it is a polynomial in x: the extrapolation order that is exact
  const degree = polynomialDegree(f, x) ?? undefined;
  for (let draw = 0; valid < wanted; draw++) {
    checkDeadline();
    let point: Point;
    if (fromProbe) {
      point = fromProbe;
      fromProbe = null;
      topUp++;
    } else if (draw < seededDraws()) {
      const sizes = plan.sizes(draw, rng, valid === 0);
      // the second and fourth samples put one dimension (in turn) at size 1: a vector is a scalar there
      if ((valid === 1 || valid === 3) && names.length) {
        const one = names[(valid >> 1) % names.length]!;
        if ((input.minDims.get(one) ?? 1) <= 1) sizes.set(one, 1);
      }
      const values = new Map<string, Tensor>();
      try {
        for (const name of vars) values.set(name, drawer(name, sizes, draw));
      } catch (e) {
        if (!(e instanceof InvalidSample)) throw e;
        lastInvalid = e.message;
        continue;
      }
      point = { sizes, values };
    } else {
      // the seeded draws came out short: the probe's valid points (the same for every seed) fill in
      const p = probe.next();
      if (!p) break;
      point = p;
      topUp++;
    }
    let v: Visit;
    try {
      v = atPoint(input, point, draw, degree, probe.evaluated(point));
    } catch (e) {
      if (!(e instanceof InvalidSample)) throw e;
      v = { redraw: e.message };
    }
    const sizes = point.sizes;
    if ("done" in v) return v.done;
    if ("redraw" in v) {
      if (v.redraw) lastInvalid = v.redraw;
      if (v.rNotFinite) rNotFinite++;
      continue;
    }
    // a function with pieces can be wrong on one piece only: twice the samples (as claim.ts)
    if (v.kinked && !kinked) {
      kinked = true;
      wanted *= KINK_FACTOR;
    }
    valid++;
    directions += v.directions;
    maxRel = Math.max(maxRel, v.relError);
    for (const s of sizes.values()) sizesSeen.add(s);
  }
  if (valid < wanted && rNotFinite > 0) {
    // f has values on the domain: a candidate without any there is wrong, not unchecked
    return { kind: "wrong", detail: `the gradient is not finite at ${rNotFinite} of ${seededDraws() + topUp} draws where f is, and only ${valid} of ${wanted} samples were valid` };
  }
  // the probe found valid points, so fewer samples than wanted still check (valid points are
  // rare there); none at all means every valid point sat at the edge of the domain
  if (valid === 0) {
    const why = lastInvalid ? `; last reason: ${lastInvalid}` : "";
    return { kind: "domain", detail: `no valid sample could be drawn on the declared domain (0 of ${wanted} after ${seededDraws() + topUp} draws${why})` };
  }
  const sizeText = input.dims.size ? `, sizes ${sizesText(sizesSeen)}` : "";
  return {
    kind: "agrees",
    samples: valid,
    directions,
    maxRelError: maxRel,
    detail: `verified along ${directions} random directions at ${valid} samples${sizeText}, max rel. error ${maxRel.toExponential(1)}`,
  };
}

/** The candidate against finite differences of f at one point. */
function atPoint(input: GradCheckInput, point: Point, draw: number, degree: number | undefined, probed?: { ev: Evaluator; value: Tensor; signature: string }): Visit {
  const { f, x: name, r } = input;
  // a point of the domain probe comes with its evaluator (f compiled) and f's value there
  const ev = probed?.ev ?? new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
  const x = point.values.get(name);
  if (!x) throw new DeriveError("engine", `internal error: no value for ${name}`);
  // the probe records the sign pattern of kinked operators (relu, abs, step, ...)
  const { value: fx, signature } = probed ?? ev.probe(() => ev.evaluate(f));
  if (!fx.allFinite()) return { redraw: "the expression is not finite there" };
  const R = ev.evaluate(r);
  if (!R.allFinite()) return { redraw: "the gradient is not finite here", rNotFinite: true };
  if (R.size !== x.size) throw new DeriveError("engine", `internal error: the gradient has ${R.size} entries, ${name} has ${x.size}`);
  const rNorm = Math.sqrt(dot(R.data, R.data));
  const rng = new Random(0x5eed + draw);
  let relError = 0;
  let count = 0;
  for (let d = 0; d < DIRECTIONS; d++) {
    checkDeadline();
    const v = new Float64Array(x.size);
    for (let k = 0; k < v.length; k++) v[k] = rng.normal();
    const dir = new Tensor(x.shape, v);
    const along = ev.fd.directional(f, name, dir, { base: signature, accept: FD_ACCEPT, degree }).scalar();
    if (!Number.isFinite(along)) return { redraw: "a finite difference left the domain" };
    const inner = dot(R.data, v);
    const o = agree(along, inner, rNorm);
    count++;
    if (o.equal) {
      relError = Math.max(relError, o.relError);
      continue;
    }
    // a failure must survive another finite-difference step (as in claim.ts)
    const ev2 = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
    ev2.fdStep = 0.03;
    const again = ev2.fd.directional(f, name, dir, { base: signature }).scalar();
    if (!Number.isFinite(again) || agree(again, inner, rNorm).equal || !agree(again, along, rNorm).equal) {
      return { done: { kind: "undecided", detail: "finite differences did not settle along a direction" } };
    }
    return { done: { kind: "wrong", detail: `along a random direction V at ${where(point)}: d/ds f(${name} + sV) at s = 0 is ${fmt(again)}, sum(R .* V) is ${fmt(inner)}` } };
  }
  if (x.size <= FULL_UP_TO) {
    const full = degree === undefined ? ev.fd.grad(f, name) : alongUnits(ev, f, name, x, signature, degree);
    if (!full.allFinite()) return { redraw: "a finite difference left the domain" };
    const o = difference(full, R);
    if (!o.equal) {
      const ev2 = new Evaluator({ sizes: point.sizes, values: new Map(point.values) });
      ev2.fdStep = 0.03;
      const again = ev2.fd.grad(f, name);
      if (difference(again, R).equal || !difference(again, full).equal) {
        return { done: { kind: "undecided", detail: "finite differences did not settle" } };
      }
      return { done: { kind: "wrong", detail: `at ${where(point)}: finite differences ${toBrief(again, 6)}, the gradient ${toBrief(R, 6)}` } };
    }
    relError = Math.max(relError, o.relError);
  }
  return { relError, directions: count, kinked: signature.length > 0 };
}

/** The finite-difference gradient of a polynomial of known degree: its derivative along each unit direction, at the exact order. */
function alongUnits(ev: Evaluator, f: TNode, name: string, x: Tensor, base: string, degree: number): Tensor {
  const out = new Float64Array(x.size);
  for (let k = 0; k < x.size; k++) {
    const e = new Float64Array(x.size);
    e[k] = 1;
    out[k] = ev.fd.directional(f, name, new Tensor(x.shape, e), { base, degree }).scalar();
  }
  return new Tensor(x.shape, out);
}

/**
 * Two directional derivatives agree when they differ by at most 1e-6 of the
 * scale of <R, V> (the larger of either value and |R|, which <R, V> is about
 * for a direction of normal entries) + 1e-8: the tolerance of `=`, taken
 * relative to what the derivative is typically, not to a value that may sit
 * near 0 by chance.
 */
function agree(a: number, b: number, rNorm: number): { equal: boolean; relError: number } {
  const scale = Math.max(Math.abs(a), Math.abs(b), rNorm);
  const d = Math.abs(a - b);
  return { equal: d <= REL_TOL * scale + ABS_TOL, relError: d / Math.max(scale, 1e-8) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function where(point: Point): string {
  return [...point.sizes].map(([k, v]) => `${k} = ${v}`).concat([...point.values].map(([k, v]) => `${k} = ${toBrief(v, 6)}`)).join("; ");
}
