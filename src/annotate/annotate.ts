// `derive annotate DOC.md --with FILES... --out DIR [--format html|pdf]`:
// checks the derivation files exactly as `derive check` does (same runner,
// same seed, same verdicts; the workers also carry back what is not a
// verdict, declarations to print each claim from its tree), renders
// the document as written and sets each step's mark beside the lines it
// cites. Writes DIR/<document name>.html (assets beside it, as sheets) and
// .pdf (printed by the sheets' Chromium). Exit codes as `derive sheet`.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { runCheck } from "../runner/check.js";
import { DeriveError } from "../core/errors.js";
import type { DerivationInfo } from "../dsl/describe.js";
import { resolveFiles } from "../dsl/files.js";
import { writeAssets } from "../sheets/assets.js";
import { buildModel, type SheetModel } from "../sheets/model.js";
import { findChromium, printPdfs } from "../sheets/pdf.js";
import { parseDocument } from "./document.js";
import { annotationHtml } from "./html.js";
import { type Annotation, buildAnnotation } from "./model.js";

export type AnnotateFormat = "html" | "pdf";
export const ANNOTATE_FORMATS: readonly AnnotateFormat[] = ["html", "pdf"];

export interface AnnotateOptions {
  readonly doc: string;
  readonly files: readonly string[];
  readonly out: string;
  readonly formats: readonly AnnotateFormat[];
  readonly seed: number;
  readonly cwd?: string;
  /** seconds per file, as derive check --timeout (default 60) */
  readonly timeout?: number;
  readonly log?: (line: string) => void;
}

export interface AnnotateResult {
  readonly exit: number;
  readonly written: readonly string[];
  readonly annotation: Annotation;
}

/** `notes/000_solution.md` -> `000_solution` */
export function annotationName(doc: string): string {
  return basename(doc).replace(/\.[^.]+$/, "") || basename(doc);
}

export async function writeAnnotation(opts: AnnotateOptions): Promise<AnnotateResult> {
  const cwd = opts.cwd ?? process.cwd();
  const formats = [...new Set(opts.formats.length ? opts.formats : (["html"] as AnnotateFormat[]))];
  let source: string;
  try {
    source = readFileSync(resolve(cwd, opts.doc), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DeriveError("usage", code === "ENOENT" ? `no such document: ${opts.doc}` : `cannot read ${opts.doc}: ${code ?? (e as Error).message}`);
  }
  const chromium = formats.includes("pdf") ? findChromium() : null;
  // a missing file is a usage error before anything runs
  resolveFiles(opts.files, cwd);
  const checking = runCheck({ files: opts.files, seed: opts.seed, cwd, timeout: opts.timeout, describe: true });
  checking.catch(() => undefined);
  // rendering the document meanwhile: KaTeX is the slow part
  const document = parseDocument(source);
  const run = await checking;
  if (run.files.length === 0) throw new DeriveError("usage", "no derivation files matched");
  const models: SheetModel[] = [];
  let loadFailed = false;
  for (const f of run.files) {
    const error = f.error ?? (f.derivations ? null : "the check carried back no derivations");
    const derivations: readonly DerivationInfo[] = error === null ? f.derivations! : [];
    if (error !== null) loadFailed = true;
    models.push(buildModel(f.file, run.seed, derivations, f.steps, error));
  }
  const annotation = buildAnnotation(opts.doc, document, models, run.seed, cwd, run.files.map((f) => f.file));
  const out = resolve(cwd, opts.out);
  mkdirSync(out, { recursive: true });
  writeAssets(out);
  const name = annotationName(opts.doc);
  const html = join(out, `${name}.html`);
  writeFileSync(html, annotationHtml(annotation));
  const written: string[] = [];
  if (formats.includes("html")) written.push(html);
  if (chromium !== null) {
    const pdf = join(out, `${name}.pdf`);
    await printPdfs(chromium, [{ html, pdf }]);
    written.push(pdf);
  }
  for (const p of written) opts.log?.(p);
  const failed = run.summary.failed > 0 || annotation.steps.some((s) => s.placement.kind === "outside");
  return { exit: loadFailed ? 2 : failed ? 1 : 0, written, annotation };
}
