// Checks the records of a derivation (src/dsl/derivation.ts), one outcome per
// step: a claim without given values goes to check/claim.ts (symbolic proof,
// then samples); a claim that uses given values is evaluated at them
// (./given.ts); an argmin step is ./argmin.ts. Nothing a step does can throw
// out of here: an exception is that step's `error`.

import { withDeadline } from "../core/deadline.js";
import { DeriveError, asDeriveError } from "../core/errors.js";
import { parseExpr } from "../parse/parser.js";
import { Resolver } from "../parse/resolve.js";
import { type Counterexample, DEFAULT_SAMPLES, checkClaim } from "../check/claim.js";
import type { Diagnosis } from "../check/diagnose/index.js";
import { checkArgmin } from "./argmin.js";
import { checkRecurrenceEntry } from "./recurrence.js";
import { namesIn } from "./defines.js";
import type { Derivation, Entry, Expected, StepOptions } from "./derivation.js";
import { stepOptions } from "./options.js";
import { type Outcome, bindGiven, checkAtGiven } from "./given.js";
import type { ProofMethod } from "../check/numbers.js";
import { type Carried, FollowThrough } from "./carried.js";
import { type StepShapeSlip, stepShapeSlip } from "./shape-slip.js";

export type StepVerdict = "proved" | "verified" | "refuted" | "error" | "skipped";

/** One checked step, with what the reporters need beyond the JSON of cli.md. */
export interface StepOutcome {
  /** the file the step was written in (absolute), and its line */
  readonly file: string;
  readonly line: number;
  readonly derivation: string;
  readonly source: string | null;
  readonly claim: string;
  readonly verdict: StepVerdict;
  readonly expected: Expected;
  readonly ok: boolean;
  /** how the verdict was reached, one line */
  readonly detail: string;
  readonly note: string | null;
  /** the source document's lines the step transcribes ("289-293"; the derivation's when the step names none), or null */
  readonly lines: string | null;
  /** what kind of record it was: a step, an argmin step, prose, a define or body that failed */
  readonly kind: "claim" | "argmin" | "recurrence" | "prose" | "define" | "error";
  readonly ms: number;
  /** for a refuted claim: the point, as `derive equal --json` gives it (else null) */
  readonly counterexample: Counterexample | null;
  /** the first counterexample found, before it was shrunk (check/shrink.ts), else null */
  readonly counterexampleOriginal: Counterexample | null;
  /** for a refuted claim: the likely slips, each re-checked before it is stated (check/diagnose/) */
  readonly diagnoses: Diagnosis[];
  /** what the slip probably is (the counterexample's hint), else null */
  readonly hint: string | null;
  /** for a proved step: the symbolic engine, exact or interval arithmetic (check/numbers.ts); else null */
  readonly method?: ProofMethod | null;
  /** a claim that uses a value a refuted step stated: checked again with the author's value (./carried.ts), else absent */
  readonly carried?: Carried | null;
  /** a claim that ended in a shape error: the single transpose that makes it fit, and its verdict then (./shape-slip.ts), else absent */
  readonly shapeSlip?: StepShapeSlip | null;
}

export interface RunOptions {
  readonly seed: number;
  readonly samples?: number;
  /** called before each step is checked (for a timeout message: which line was running) */
  readonly onBegin?: (line: number) => void;
  /** seconds per step: a step that takes longer is an error "timed out after N s" (the next steps still run) */
  readonly timeout?: number;
}

/**
 * Does a verdict meet the expectation? `shape error` is met only by an error
 * whose kind is shape (its detail starts `shape error`): a syntax error, a
 * name error or the file's own mistake never passes for it.
 */
export function meets(expected: Expected, verdict: StepVerdict, detail = ""): boolean {
  if (verdict === "skipped") return true;
  if (expected === "accepted") return verdict === "proved" || verdict === "verified";
  if (expected === "shape error") return verdict === "error" && /^shape error\b/.test(detail);
  return verdict === expected;
}

/** The outcomes of a derivation's steps, one at a time (each step is checked when it is asked for). */
export function* checkSteps(d: Derivation, opts: RunOptions): Generator<StepOutcome> {
  const lets = Object.entries(d.let).map(([k, v]) => `${k}: ${v}`);
  for (const text of d.prose) {
    yield {
      file: d.site.file,
      line: d.site.line,
      derivation: d.title,
      source: d.source,
      claim: text,
      verdict: "skipped",
      expected: "accepted",
      ok: true,
      detail: "prose only, not checkable",
      note: null,
      lines: d.lines ?? null,
      kind: "prose",
      ms: 0,
      counterexample: null,
      counterexampleOriginal: null,
      diagnoses: [],
      hint: null,
    };
  }
  const follow = new FollowThrough(d);
  for (const entry of d.entries) {
    const started = Date.now();
    if (entry.kind !== "define") opts.onBegin?.(entry.site.line);
    // the options as written are checked here: a bad one (`expect: "Refuted"`, a note that
    // is not a string) is the step's error, and the step is judged as expected "accepted"
    let stepOpts: StepOptions;
    let o: Checked;
    try {
      stepOpts = stepOptions(entry.opts, "a step");
      o = withDeadline(opts.timeout, undefined, () => checkEntry(d, { ...entry, opts: stepOpts } as Entry, lets, opts));
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      stepOpts = {};
      o = { verdict: "error", detail: e.message };
    }
    // error carried forward: the same step again with the author's earlier values (never changes the verdict)
    const carried = followThrough(follow, entry, o, (e, dd) => withDeadline(opts.timeout, undefined, () => checkEntry(dd, { ...e, opts: stepOpts } as Entry, lets, opts)));
    const slip = stepShapeSlip(d, entry, o, (e) => withDeadline(opts.timeout, undefined, () => checkEntry(d, { ...e, opts: stepOpts } as Entry, lets, opts)));
    if (!o) continue;
    const expected: Expected = stepOpts.expect ?? "accepted";
    yield {
      file: entry.site.file,
      line: entry.site.line,
      derivation: d.title,
      source: stepOpts.source ?? d.source,
      claim: entry.claim,
      verdict: o.verdict,
      expected,
      ok: meets(expected, o.verdict, o.detail),
      detail: o.detail,
      note: stepOpts.note ?? null,
      lines: stepOpts.lines ?? d.lines ?? null,
      kind: entry.kind,
      ms: Date.now() - started,
      counterexample: o.counterexample ?? null,
      counterexampleOriginal: o.counterexampleOriginal ?? null,
      diagnoses: o.diagnoses ?? [],
      hint: o.counterexample?.hint ?? null,
      method: o.verdict === "proved" ? (o.method ?? null) : null,
      ...(carried ? { carried } : {}),
      ...(slip ? { shapeSlip: slip } : {}),
    };
  }
}

function followThrough(follow: FollowThrough, entry: Entry, o: Checked, recheck: (e: Entry, d: Derivation) => Checked): Carried | null {
  try {
    return follow.after(entry, o?.verdict ?? "none", recheck);
  } catch {
    return null;
  }
}

type Checked = { verdict: StepVerdict; detail: string; counterexample?: Counterexample | null; counterexampleOriginal?: Counterexample | null; diagnoses?: Diagnosis[]; method?: ProofMethod | null } | null;

function checkEntry(d: Derivation, entry: Entry, lets: readonly string[], opts: RunOptions): Checked {
  const samples = opts.samples ?? DEFAULT_SAMPLES;
  // a step's own declarations override the derivation's
  const stepLets = entry.opts.let ? Object.entries({ ...d.let, ...entry.opts.let }).map(([k, v]) => `${k}: ${v}`) : lets;
  if (entry.opts.skip) return { verdict: "skipped", detail: typeof entry.opts.skip === "string" ? `skipped: ${entry.opts.skip}` : "skipped" };
  try {
    switch (entry.kind) {
      case "error":
        return { verdict: "error", detail: entry.message };
      case "define":
        return checkDefine(d, entry.define.isFunction, entry.define.params, entry.define.body, stepLets);
      case "argmin":
        return withAssumptions(checkArgmin(entry.wrt, entry.f, entry.g, stepLets, d.given, opts.seed, samples), entry.claim, `argmin_${entry.wrt} ${entry.f} = argmin_${entry.wrt} ${entry.g}`);
      case "recurrence":
        return checkRecurrenceEntry(entry.spec, opts.seed, opts.samples);
      case "claim": {
        const usesGiven = [...namesIn(entry.expanded)].some((n) => Object.hasOwn(d.given, n));
        const outcome: Outcome = usesGiven
          ? checkAtGiven(entry.expanded, stepLets, d.given, opts.seed, samples)
          : checkClaim({ claim: entry.expanded, let: stepLets, seed: opts.seed, samples: opts.samples }, opts.seed);
        return withAssumptions(outcome, entry.claim, entry.expanded);
      }
    }
  } catch (e) {
    return { verdict: "error", detail: asDeriveError(e).message };
  }
}

function withAssumptions(o: Outcome, written: string, checked: string): Checked {
  let detail = o.detail || o.verdict;
  if (o.assumptions.length) detail += `; assuming ${o.assumptions.join(", ")}`;
  // an error's position refers to the text that was checked
  if (o.verdict === "error" && checked !== written) detail += ` (checked as: ${checked})`;
  const refuted = o.verdict === "refuted";
  return { verdict: o.verdict, detail, counterexample: refuted ? (o.counterexample ?? null) : null, counterexampleOriginal: refuted ? (o.counterexampleOriginal ?? null) : null, diagnoses: refuted ? (o.diagnoses ?? []) : [], method: o.method ?? null };
}

/** A define is not a step; it is reported only when its expression cannot be read. */
function checkDefine(d: Derivation, isFunction: boolean, params: readonly string[], body: string, lets: readonly string[]): Checked {
  const bound = bindGiven(lets, d.given);
  if (isFunction) {
    // parameters' shapes are known only at a call: check the syntax here, the rest at each use
    parseExpr(body, { isVariable: (n) => params.includes(n) || bound.scope.isVariable(n) });
    return null;
  }
  try {
    new Resolver(bound.scope).resolve(parseExpr(body, { isVariable: bound.scope.isVariable }));
  } catch (e) {
    // a bare I may take its size from where the define is used
    if (e instanceof DeriveError && e.detail.startsWith("cannot infer the size of I")) return null;
    throw e;
  }
  return null;
}
