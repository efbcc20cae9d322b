// What an annotated document shows, as plain data: the document's blocks
// (./document.ts), every checked step of the derivation files (the sheets'
// step items: claim printed from its tree, counterexample) with where its
// mark goes (./place.ts) and, for a step kept wrong, the corrected step that
// follows it; and the totals of the summary.

import { relative } from "node:path";
import { type SheetModel } from "../sheets/model.js";
import type { StepItem } from "../sheets/model.js";
import type { Block, DocumentModel } from "./document.js";
import { type Placement, type Range, covered, place } from "./place.js";

export interface AnnotatedStep {
  readonly item: StepItem;
  /** the derivation file, relative to the working directory */
  readonly file: string;
  /** for a refuted step kept as written: the accepted step right after it */
  readonly correction: StepItem | null;
  readonly placement: Placement;
}

export interface AnnotationSummary {
  steps: number;
  marked: number;
  proved: number;
  verified: number;
  refutedAsExpected: number;
  /** steps that did not meet their expectation, steps citing lines outside the document included */
  unexpected: number;
  linesCited: number;
  formulas: number;
  katexFailed: number;
  mathUncited: number;
}

export interface Annotation {
  readonly title: string;
  /** the document as named on the command line */
  readonly docLabel: string;
  readonly files: readonly string[];
  readonly seed: number;
  readonly document: DocumentModel;
  readonly steps: readonly AnnotatedStep[];
  readonly fileErrors: readonly string[];
  readonly mathUncitedRanges: readonly Range[];
  readonly summary: AnnotationSummary;
}

export function buildAnnotation(docLabel: string, document: DocumentModel, models: readonly SheetModel[], seed: number, cwd: string, files: readonly string[]): Annotation {
  const steps: AnnotatedStep[] = [];
  for (const m of models) {
    for (const d of m.derivations) {
      for (const g of d.groups) {
        const entries: [StepItem, StepItem | null][] = g.kind === "pair" ? [[g.wrong, g.fixed], [g.fixed, null]] : g.item.kind === "step" ? [[g.item, null]] : [];
        for (const [item, correction] of entries) {
          if (!item.checked) continue;
          steps.push({ item, correction, file: relative(cwd, item.outcome.file) || item.outcome.file, placement: place(item.outcome.lines, document.lines.length, document.blocks) });
        }
      }
    }
  }
  const cited = covered(steps.flatMap((s) => (s.placement.kind === "placed" ? [s.placement.range] : [])));
  const uncitedMath = [...document.mathLines].filter((l) => !cited.has(l)).sort((a, b) => a - b);
  const summary: AnnotationSummary = {
    steps: steps.length,
    marked: steps.filter((s) => s.placement.kind === "placed").length,
    proved: steps.filter((s) => s.item.outcome.verdict === "proved").length,
    verified: steps.filter((s) => s.item.outcome.verdict === "verified").length,
    refutedAsExpected: steps.filter((s) => s.item.outcome.verdict === "refuted" && s.item.outcome.ok).length,
    unexpected: steps.filter((s) => !s.item.outcome.ok || s.placement.kind === "outside").length,
    linesCited: cited.size,
    formulas: document.formulas,
    katexFailed: document.failures.length,
    mathUncited: uncitedMath.length,
  };
  return {
    title: document.title ?? docLabel,
    docLabel,
    files,
    seed,
    document,
    steps,
    fileErrors: models.flatMap((m) => (m.error !== null ? [`${m.file}: ${m.error}`] : [])),
    mathUncitedRanges: runs(uncitedMath),
    summary,
  };
}

/** Sorted line numbers as runs: 3,4,5,9 -> 3-5, 9. */
function runs(lines: readonly number[]): Range[] {
  const out: Range[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (last && last.last === l - 1) out[out.length - 1] = { first: last.first, last: l };
    else out.push({ first: l, last: l });
  }
  return out;
}

/** The first line of the block that holds `line` (for links to it), or of the block after it. */
export function rowOf(blocks: readonly Block[], line: number): number {
  return (blocks.find((b) => b.end >= line) ?? blocks[blocks.length - 1])?.start ?? 1;
}
