// The derivation DSL (docs/derivations.md): `derivation(title, options, body)`
// runs the body once, at once, and records what it asks for (steps, chains,
// defines, argmin steps), each with the file and line of its call. Nothing is
// checked here: src/dsl/run.ts checks the records, in a worker of
// `derive check` or in process.

import { asDeriveError } from "../core/errors.js";
import { type Define, expand, parseDefine } from "./defines.js";
import { type Site, anchored, callerOf, lineIn } from "./site.js";
import { type RecurrenceSpec, recurrenceText } from "./recurrence.js";
import { declarations, derivationOptions, described, expression } from "./options.js";
import { declarationList } from "../check/claim.js";

/**
 * A step's options are kept as passed and checked when the step is checked
 * (src/dsl/run.ts): a bad one is that step's error at its line, and a file
 * whose options do work when read (a getter) does it while its step runs.
 */
const recorded = (opts: unknown): StepOptions => (opts === undefined ? {} : (opts as StepOptions));

/**
 * What a step must come to: `accepted` is proved or verified; `shape error`
 * is a step kept as written whose shapes do not fit (an error of that kind
 * only: a syntax error or any other error never meets it).
 */
export type Expected = "accepted" | "proved" | "refuted" | "shape error";

export interface DerivationOptions {
  /** seed number and question label as catalog.md names them: "000 Q1.2(c)" */
  readonly source?: string;
  /** declarations, as for `--let`: { X: "n x n spd", a: "scalar" } */
  readonly let?: Readonly<Record<string, string>>;
  /** given values of a worked example: numbers or matrices in the expression language ("[1, 2; 3, 4]") */
  readonly given?: Readonly<Record<string, number | string>>;
  /** parts of the source that are prose only and not checkable, e.g. "Q3 (l.123-181): essay" */
  readonly prose?: readonly string[];
  /** the question as asked (Markdown with $...$ maths), shown on answer sheets */
  readonly question?: string;
  /** the lines of the source document the derivation transcribes: "289" or "289-293"; steps inherit it */
  readonly lines?: string;
}

export interface StepOptions {
  /** default "accepted" (proved or verified); any other value is the step's error */
  readonly expect?: Expected;
  /** why the step is kept as it is (a wrong step as the author wrote it) */
  readonly note?: string;
  /** overrides the derivation's source for this step */
  readonly source?: string;
  /** more declarations for this step only */
  readonly let?: Readonly<Record<string, string>>;
  /** not checked (yet): true, or the reason */
  readonly skip?: boolean | string;
  /** the lines of the source document this step transcribes: "289" or "289-293" (default: the derivation's) */
  readonly lines?: string;
}

/** The handle a derivation body receives. */
export interface DerivationBuilder {
  /** One claim: `=`, `≈`, `<`, `<=`, `>`, `>=`, `∝` (language.md). */
  step(claim: string, opts?: StepOptions): void;
  /** `chain(a, b, c)` checks `a = b` and `b = c`; options may come last. */
  chain(...items: [string, string, ...string[]] | [string, string, ...string[], StepOptions]): void;
  /** A named value (`"z1 = w1 * x1 + b1"`) or function (`"f(x) = x^2 + 1"`) for later steps. */
  define(definition: string): void;
  /** argmin_w f = argmin_w g: f = a·g + b with a > 0 and b constant in `wrt`. */
  argmin(wrt: string, f: string, g: string, opts?: StepOptions): void;
  /**
   * A recurrence and its claimed closed form, checked by induction and by
   * iterating t = 1..50 (src/dsl/recurrence.ts, src/check/recurrence.ts).
   */
  recurrence(spec: RecurrenceSpec, opts?: StepOptions): void;
  /** A paragraph of prose (Markdown with $...$ and $$...$$ maths, any language) between steps; not a step. */
  text(markdown: string): void;
}

/** A paragraph of prose, placed before entry number `before` (entries.length when it was written). */
export interface TextItem {
  readonly markdown: string;
  readonly before: number;
  readonly site: Site;
}

/** One recorded thing to check. */
export type Entry =
  | {
      readonly kind: "claim";
      /** as written (a chain's pair joined with `=`) */
      readonly claim: string;
      /** with defines expanded: what is checked */
      readonly expanded: string;
      readonly opts: StepOptions;
      readonly site: Site;
      /** the last pair of a chain of three or more: the chain's first expression (the value it states is of that, ./carried.ts) */
      readonly chainHead?: string;
    }
  | {
      readonly kind: "argmin";
      readonly claim: string;
      readonly wrt: string;
      readonly f: string;
      readonly g: string;
      readonly opts: StepOptions;
      readonly site: Site;
    }
  | {
      /** a define: not a step, but its expression is checked to parse (an error is reported at its line) */
      readonly kind: "define";
      readonly claim: string;
      readonly define: Define;
      readonly opts: StepOptions;
      readonly site: Site;
    }
  | {
      readonly kind: "recurrence";
      readonly claim: string;
      readonly spec: RecurrenceSpec;
      readonly opts: StepOptions;
      readonly site: Site;
    }
  | {
      /** a record that failed before checking (a bad define, a body that threw) */
      readonly kind: "error";
      readonly claim: string;
      readonly message: string;
      readonly opts: StepOptions;
      readonly site: Site;
    };

export const DERIVATION = Symbol.for("derive.derivation");

/** What `derivation()` returns; export it (default or named) from a derivation file. */
export interface Derivation {
  readonly [DERIVATION]: 1;
  readonly title: string;
  readonly source: string | null;
  readonly let: Readonly<Record<string, string>>;
  readonly given: Readonly<Record<string, number | string>>;
  readonly prose: readonly string[];
  /** the question as asked, or null */
  readonly question: string | null;
  /** the derivation's source lines ("289-293"), or null */
  readonly lines: string | null;
  /** prose paragraphs (d.text), each placed between entries */
  readonly texts: readonly TextItem[];
  readonly entries: readonly Entry[];
  /** the defines, in order, as written */
  readonly defines: readonly Define[];
  readonly site: Site;
}

/** Is this value a derivation (made by this or another copy of the package)? */
export function isDerivation(v: unknown): v is Derivation {
  return typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[DERIVATION] === 1;
}

export function derivation(title: string, body: (d: DerivationBuilder) => void): Derivation;
export function derivation(title: string, options: DerivationOptions, body: (d: DerivationBuilder) => void): Derivation;
export function derivation(
  title: string,
  a: DerivationOptions | ((d: DerivationBuilder) => void),
  b?: (d: DerivationBuilder) => void,
): Derivation {
  const site = callerOf(derivation);
  const checked = derivationOptions(typeof a === "function" ? undefined : a);
  const options: DerivationOptions = checked.options;
  const body = typeof a === "function" ? a : b;
  if (typeof title !== "string" || !title.trim()) throw new TypeError("derivation(title, options, body): the title must be a non-empty string");
  if (typeof body !== "function") throw new TypeError(`derivation("${title}"): the last argument must be the body, (d) => { ... }`);
  checkDerivationText(title, options);
  const recorder = new Recorder(options);
  for (const message of checked.problems) recorder.entries.push({ kind: "error", claim: "(the derivation's options)", message, opts: {}, site });
  try {
    body(recorder.builder);
  } catch (e) {
    const line = lineIn(e, site.file) ?? site.line;
    recorder.entries.push({
      kind: "error",
      claim: "(the derivation's body)",
      message: `the body threw: ${asDeriveError(e).detail.replace(/^internal error: /, "")}`,
      opts: {},
      site: { file: site.file, line },
    });
  }
  return Object.freeze({
    [DERIVATION]: 1 as const,
    title,
    source: options.source ?? null,
    let: { ...(options.let ?? {}) },
    given: { ...(options.given ?? {}) },
    prose: [...(options.prose ?? [])],
    question: options.question ?? null,
    lines: options.lines ?? null,
    texts: recorder.texts,
    entries: recorder.entries,
    defines: [...recorder.defines.values()],
    site,
  });
}

/** `"289"` or `"289-293"` (first <= last, both >= 1); null when it is fine, else why not. */
export function linesProblem(lines: unknown): string | null {
  if (lines === undefined) return null;
  if (typeof lines !== "string") return `lines must be a string such as "289" or "289-293", not ${typeof lines}`;
  const m = /^([1-9]\d{0,8})(?:-([1-9]\d{0,8}))?$/.exec(lines);
  if (!m) return `lines must be "289" or "289-293" (line numbers from 1), not ${JSON.stringify(lines.slice(0, 40))}`;
  if (m[2] !== undefined && Number(m[2]) < Number(m[1])) return `lines "${lines}": the last line comes before the first`;
  return null;
}

/** Bad `question` or `lines` on a derivation: thrown at the derivation() call, so the file fails to load with its line. */
function checkDerivationText(title: string, options: DerivationOptions): void {
  const bad = linesProblem(options.lines);
  if (bad) throw new TypeError(`derivation("${title.slice(0, 60)}"): ${bad}`);
  if (options.question !== undefined && typeof options.question !== "string") throw new TypeError(`derivation("${title.slice(0, 60)}"): question must be a string (Markdown)`);
}

class Recorder {
  readonly entries: Entry[] = [];
  readonly texts: TextItem[] = [];
  readonly defines = new Map<string, Define>();
  readonly builder: DerivationBuilder;

  constructor(private readonly options: DerivationOptions) {
    const step = (claim: string, opts?: StepOptions): void => {
      const site = anchored(callerOf(step), typeof claim === "string" ? claim : "");
      this.guarded(claim, site, () => this.claim(expression(claim, "the claim of d.step"), recorded(opts), site));
    };
    const chain = (...items: (string | StepOptions)[]): void => {
      const first = items[0];
      const site = anchored(callerOf(chain), typeof first === "string" ? first : "");
      const written = items.filter((x) => typeof x !== "object" || x === null).map(String).join(" = ");
      this.guarded(written, site, () => {
        const last = items[items.length - 1];
        const hasOpts = typeof last === "object" && last !== null && !Array.isArray(last);
        const opts = recorded(hasOpts ? last : undefined);
        const sides = (hasOpts ? items.slice(0, -1) : items).map((x, i) => expression(x, `expression ${i + 1} of d.chain`));
        if (sides.length < 2) throw new TypeError("a chain needs at least two expressions");
        for (let i = 0; i + 1 < sides.length; i++) this.claim(`${sides[i]} = ${sides[i + 1]}`, opts, site, i > 0 && i + 2 === sides.length ? sides[0] : undefined);
      });
    };
    const define = (definition: string): void => this.define(definition, anchored(callerOf(define), typeof definition === "string" ? definition : ""));
    const argmin = (wrt: string, f: string, g: string, opts?: StepOptions): void => {
      const site = anchored(callerOf(argmin), typeof f === "string" ? f : "");
      const claim = `argmin_${String(wrt)} ${String(f)} = argmin_${String(wrt)} ${String(g)}`;
      this.guarded(claim, site, () => {
        const o = recorded(opts);
        if (this.badLines(claim, o, site)) return;
        const [w, ef, eg] = [expression(wrt, "the variable of d.argmin"), expression(f, "the first function of d.argmin"), expression(g, "the second function of d.argmin")];
        this.entries.push({ kind: "argmin", claim, wrt: w, f: this.expand(ef), g: this.expand(eg), opts: o, site });
      });
    };
    const recurrence = (spec: RecurrenceSpec, opts?: StepOptions): void => {
      const site = anchored(callerOf(recurrence), typeof spec?.closed === "string" ? spec.closed : "");
      let claim = "(recurrence)";
      this.guarded(() => claim, site, () => {
        const o = recorded(opts);
        if (this.badLines(claim, o, site)) return;
        claim = recurrenceText(spec);
        // its own declarations override the derivation's: an object merges by name, a list (or one string) follows them
        const own = spec.let;
        const let_ =
          typeof own === "string" || Array.isArray(own)
            ? [...declarationList(this.options.let), ...declarationList(own as string | string[])]
            : { ...(this.options.let ?? {}), ...(declarations(own, "the let of d.recurrence") ?? {}) };
        const ex = (t: string): string => this.expand(t);
        this.entries.push({ kind: "recurrence", claim, spec: { ...spec, init: ex(spec.init), step: ex(spec.step), closed: ex(spec.closed), let: let_ }, opts: o, site });
      });
    };
    const text = (markdown: string): void => {
      const site = callerOf(text);
      if (typeof markdown !== "string") {
        this.entries.push({ kind: "error", claim: "(text)", message: `d.text takes a string of Markdown, not ${typeof markdown}`, opts: {}, site });
        return;
      }
      this.texts.push({ markdown, before: this.entries.length, site });
    };
    this.builder = Object.freeze({ step, chain: chain as DerivationBuilder["chain"], define, argmin, recurrence, text });
  }

  /**
   * Runs one DSL call; what it throws becomes that call's error entry at its
   * line: a wrong argument (a TypeError from ./options.ts) is the file's own
   * mistake, said as it is, and a bad expression its positioned error.
   */
  private guarded(claim: unknown, site: Site, f: () => void): void {
    try {
      f();
    } catch (e) {
      const message = e instanceof TypeError ? e.message : asDeriveError(e).message;
      // (the claim as far as it is known when the call fails)
      const text = typeof claim === "function" ? String(claim()) : String(claim);
      this.entries.push({ kind: "error", claim: text, message, opts: {}, site });
    }
  }

  private expand(text: string): string {
    if (typeof text !== "string") throw new TypeError(`expected an expression as a string, got ${typeof text}`);
    return expand(text, this.defines);
  }

  /** A step whose `lines` is malformed becomes an error at its own line (the other steps still run). */
  private badLines(claim: string, opts: StepOptions, site: Site): boolean {
    const bad = linesProblem(opts?.lines);
    if (bad) this.entries.push({ kind: "error", claim: String(claim), message: bad, opts: { ...opts, lines: undefined }, site });
    return bad !== null;
  }

  private claim(claim: string, opts: StepOptions, site: Site, chainHead?: string): void {
    if (this.badLines(claim, opts, site)) return;
    try {
      this.entries.push({ kind: "claim", claim, expanded: this.expand(claim), opts, site, ...(chainHead === undefined ? {} : { chainHead }) });
    } catch (e) {
      // a claim that cannot be expanded keeps its options (its expectation is judged as usual)
      this.entries.push({ kind: "error", claim, message: asDeriveError(e).message, opts, site });
    }
  }

  private define(definition: string, site: Site): void {
    const claim = `define ${String(definition)}`;
    try {
      if (typeof definition !== "string") throw new TypeError(`d.define takes a string such as "z1 = w1 * x1 + b1", not ${described(definition)}`);
      const d = parseDefine(definition);
      const taken = this.defines.has(d.name)
        ? "is already defined"
        : d.name in (this.options.given ?? {})
          ? "is a given value"
          : d.name in (this.options.let ?? {})
            ? "is declared in let"
            : null;
      if (taken) throw new TypeError(`${d.name} ${taken}; a define needs a new name`);
      // parameters shadow defines of the same name inside the body
      const visible = new Map([...this.defines].filter(([k]) => !d.params.includes(k)));
      const body = expand(d.body, visible);
      const def: Define = { name: d.name, params: d.params, isFunction: d.isFunction, written: d.body, body };
      this.defines.set(d.name, def);
      this.entries.push({ kind: "define", claim, define: def, opts: {}, site });
    } catch (e) {
      const message = e instanceof TypeError ? e.message : asDeriveError(e).message;
      this.entries.push({ kind: "error", claim, message, opts: {}, site });
    }
  }
}
