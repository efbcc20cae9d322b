// What a sheet shows, as plain data, before any format: per derivation its
// title, source, question, declarations (LaTeX), prose header, and the items
// in the file's order (prose paragraphs from d.text and checked steps, each
// step with its claim in LaTeX printed from the parsed claim). The HTML and
// TeX writers (./html.ts, ./tex.ts) only typeset this; `derive annotate` can
// build the same step items and place them beside a document instead.

import type { DerivationInfo } from "../dsl/describe.js";
import type { StepOutcome } from "../dsl/run.js";
import { claimTextLatex, letLatex } from "../render/claim-latex.js";
import { toLatex } from "../render/latex.js";
import { parseExpr } from "../parse/parser.js";
import { Scope } from "../parse/scope.js";
import { type Counterexample, counterexampleOf } from "./counterexample.js";

export interface StepItem {
  readonly kind: "step";
  readonly outcome: StepOutcome;
  /** the claim typeset from its parsed tree, or null when it does not parse (then the source text is shown) */
  readonly latex: string | null;
  /** verdict the checker gave, or null for a step that was not checked (skipped) */
  readonly checked: boolean;
  readonly counterexample: Counterexample | null;
}

export interface TextItem {
  readonly kind: "text";
  readonly markdown: string;
}

export type Item = StepItem | TextItem;

/** A refuted step and the corrected step right after it are one group; every other item is alone. */
export type Group = { readonly kind: "pair"; readonly wrong: StepItem; readonly fixed: StepItem } | { readonly kind: "single"; readonly item: Item };

export interface DerivationSheet {
  readonly title: string;
  readonly source: string | null;
  readonly question: string | null;
  readonly lines: string | null;
  readonly declarations: readonly string[];
  readonly prose: readonly string[];
  readonly groups: readonly Group[];
}

export interface Summary {
  steps: number;
  proved: number;
  verified: number;
  refutedAsExpected: number;
  unexpected: number;
}

export interface SheetModel {
  /** the file as given on the command line (relative), shown on the sheet */
  readonly file: string;
  readonly seed: number;
  readonly error: string | null;
  readonly derivations: readonly DerivationSheet[];
  readonly summary: Summary;
}

/**
 * Builds the sheet of one file from what its derivations say (carried back
 * from the check's worker, dsl/describe.ts) and the outcomes `derive check`
 * gave (in the order it gave them: derivation after derivation, step after step).
 */
export function buildModel(file: string, seed: number, derivations: readonly DerivationInfo[], outcomes: readonly StepOutcome[], error: string | null): SheetModel {
  const sheets: DerivationSheet[] = [];
  let at = 0;
  for (const d of derivations) {
    const mine: StepOutcome[] = [];
    while (at < outcomes.length && outcomes[at]!.derivation === d.title) mine.push(outcomes[at++]!);
    sheets.push(derivationSheet(d, mine));
  }
  return { file, seed, error, derivations: sheets, summary: summarize(sheets) };
}

function derivationSheet(d: DerivationInfo, outcomes: readonly StepOutcome[]): DerivationSheet {
  const steps = outcomes.filter((o) => o.kind !== "prose");
  const names = new Set(d.names);
  // one scope per derivation (its declarations say which names are variables and dimensions)
  let scope: Scope | null = null;
  try {
    scope = Scope.parse(Object.entries(d.let).map(([k, v]) => `${k}: ${v}`));
  } catch {
    scope = null;
  }
  // texts sit before the entry they were written before; steps come in entry order
  // (a chain gives several steps for one entry, a define none), so place texts by line
  const items: Item[] = [];
  const texts = [...d.texts];
  const flushTexts = (line: number): void => {
    while (texts.length && texts[0]!.line <= line) items.push({ kind: "text", markdown: texts.shift()!.markdown });
  };
  for (const o of steps) {
    flushTexts(o.line);
    items.push(stepItem(o, scope, names));
  }
  for (const t of texts) items.push({ kind: "text", markdown: t.markdown });
  return {
    title: d.title,
    source: d.source,
    question: d.question,
    lines: d.lines,
    declarations: letLatex(d.let),
    prose: d.prose,
    groups: group(items),
  };
}

function stepItem(o: StepOutcome, scope: Scope | null, names: ReadonlySet<string>): StepItem {
  const checked = o.verdict !== "skipped";
  let latex: string | null = null;
  const isVariable = (n: string): boolean => names.has(n) || (scope?.isVariable(n) ?? false);
  if (o.kind === "claim") latex = safely(() => claimTextLatex(o.claim, isVariable));
  else if (o.kind === "argmin") latex = safely(() => argminLatex(o.claim, isVariable));
  // dimensions are the checker's (a step's own `let` may add some the derivation's scope does not know)
  const dims = new Set([...(scope?.dims ?? []), ...Object.keys(o.counterexample?.dims ?? {})]);
  const counterexample = o.verdict === "refuted" ? counterexampleOf(o.detail, dims) : null;
  return { kind: "step", outcome: o, latex, checked, counterexample };
}

/** `argmin_w f = argmin_w g` as `\operatorname*{argmin}_{w} f = ...`. */
function argminLatex(claim: string, isVariable: (n: string) => boolean): string | null {
  const m = /^argmin_(\S+) (.*) = argmin_\1 (.*)$/s.exec(claim);
  if (!m) return null;
  const w = toLatex(parseExpr(m[1]!, { isVariable }));
  const side = (s: string): string => toLatex(parseExpr(s, { isVariable }));
  return `\\operatorname*{arg\\,min}_{${w}} ${side(m[2]!)} = \\operatorname*{arg\\,min}_{${w}} ${side(m[3]!)}`;
}

function safely(f: () => string | null): string | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/** A step kept as written although wrong (expected refuted) and the accepted step right after it are shown side by side. */
function group(items: readonly Item[]): Group[] {
  const out: Group[] = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!;
    const b = items[i + 1];
    if (a.kind === "step" && a.outcome.verdict === "refuted" && a.outcome.expected === "refuted" && b?.kind === "step" && b.outcome.expected !== "refuted") {
      out.push({ kind: "pair", wrong: a, fixed: b });
      i++;
    } else out.push({ kind: "single", item: a });
  }
  return out;
}

function summarize(sheets: readonly DerivationSheet[]): Summary {
  const s: Summary = { steps: 0, proved: 0, verified: 0, refutedAsExpected: 0, unexpected: 0 };
  for (const d of sheets) {
    for (const g of d.groups) {
      for (const it of g.kind === "pair" ? [g.wrong, g.fixed] : [g.item]) {
        if (it.kind !== "step" || !it.checked) continue;
        const o = it.outcome;
        s.steps++;
        if (o.verdict === "proved") s.proved++;
        if (o.verdict === "verified") s.verified++;
        if (o.verdict === "refuted" && o.ok) s.refutedAsExpected++;
        if (!o.ok) s.unexpected++;
      }
    }
  }
  return s;
}

/** Every step item of a model, in order (for writers and tests). */
export function stepsOf(m: SheetModel): StepItem[] {
  return m.derivations.flatMap((d) => d.groups.flatMap((g) => (g.kind === "pair" ? [g.wrong, g.fixed] : g.item.kind === "step" ? [g.item] : [])));
}
