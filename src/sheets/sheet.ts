// `derive sheet`: checks the files exactly as `derive check` does (same
// runner, same seed, same verdicts); the check's workers also carry back what
// is not a verdict (prose, question, declarations: dsl/describe.ts), so each
// file is loaded once. Writes DIR/<basename>.html / .tex / .pdf, each file's
// as soon as its check is done. Exit codes as `derive check`.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { type FileOutcome, runCheck } from "../runner/check.js";
import { DeriveError } from "../core/errors.js";
import { resolveFiles } from "../dsl/files.js";
import { writeAssets } from "./assets.js";
import { sheetHtml } from "./html.js";
import { buildModel, type SheetModel } from "./model.js";
import { findChromium, printPdfs } from "./pdf.js";
import { sheetTex } from "./tex.js";
import type { Lang } from "./words.js";

export type Format = "html" | "tex" | "pdf";
export const FORMATS: readonly Format[] = ["html", "tex", "pdf"];

export interface SheetOptions {
  readonly files: readonly string[];
  readonly out: string;
  readonly formats: readonly Format[];
  readonly seed: number;
  readonly lang: Lang;
  readonly cwd?: string;
  /** seconds per file, as derive check --timeout (default 60) */
  readonly timeout?: number;
  /** progress lines (one per file written) */
  readonly log?: (line: string) => void;
}

export interface SheetResult {
  readonly exit: number;
  readonly written: readonly string[];
  readonly models: readonly SheetModel[];
  /** files that could not be loaded (or whose check ended early): no sheet is written for them; one line each */
  readonly failures: readonly { readonly file: string; readonly error: string }[];
}

/** `003-q2-xavier.ts` -> `003-q2-xavier` */
export function sheetName(file: string): string {
  return basename(file).replace(/\.(c|m)?(ts|js)$/, "");
}

export async function writeSheets(opts: SheetOptions): Promise<SheetResult> {
  const cwd = opts.cwd ?? process.cwd();
  const formats = [...new Set(opts.formats.length ? opts.formats : (["html"] as Format[]))];
  // a missing PDF engine is known before anything runs
  const chromium = formats.includes("pdf") ? findChromium() : null;
  // a missing file is a usage error before anything runs, and so are two files with one sheet name
  const refs = resolveFiles(opts.files, cwd);
  if (refs.length === 0) throw new DeriveError("usage", "no derivation files matched");
  const names = new Set<string>();
  for (const f of refs) {
    const n = sheetName(f.display);
    if (names.has(n)) throw new DeriveError("usage", `two files would write the same sheet '${n}' in ${opts.out}: rename one or write them to different --out directories`);
    names.add(n);
  }
  const out = resolve(cwd, opts.out);
  mkdirSync(out, { recursive: true });
  if (formats.includes("html") || formats.includes("pdf")) writeAssets(out);
  const written: string[] = [];
  const models: SheetModel[] = [];
  const failures: { file: string; error: string }[] = [];
  const htmlFor = new Map<string, string>();
  // Each file's sheet is written as soon as its check is done, while the
  // workers check the next files. The workers carry back what a sheet needs
  // besides the verdicts (describe: true), so no file is loaded twice.
  const writeOne = (f: FileOutcome): void => {
    const name = sheetName(f.file);
    const error = f.error ?? (f.derivations ? null : "the check carried back no derivations");
    if (error !== null) {
      // nothing is written for a file that could not be checked (exit 2, as derive check);
      // a sheet left from an earlier run would show verdicts this run did not give, so it goes
      failures.push({ file: f.file, error });
      for (const ext of formats) rmSync(join(out, `${name}.${ext}`), { force: true });
      return;
    }
    const derivations = f.derivations!;
    const model = buildModel(basename(f.file), opts.seed, derivations, f.steps, null);
    models.push(model);
    const title = derivations.length === 1 ? derivations[0]!.title : basename(f.file);
    if (formats.includes("html") || formats.includes("pdf")) {
      const path = join(out, `${name}.html`);
      writeFileSync(path, sheetHtml(model, title, opts.lang));
      htmlFor.set(name, path);
      if (formats.includes("html")) written.push(path);
    }
    if (formats.includes("tex")) {
      const path = join(out, `${name}.tex`);
      writeFileSync(path, sheetTex(model, title, opts.lang));
      written.push(path);
    }
  };
  // onFile is called on the runner's dispatch path: typesetting there would
  // keep that worker idle (and the event loop busy) until the sheet is
  // written, so each sheet is queued to run once the next file is on its way
  // (setImmediate keeps the file order)
  const pending: Promise<void>[] = [];
  const onFile = (f: FileOutcome): void => {
    const p = new Promise<void>((res, rej) =>
      setImmediate(() => {
        try {
          writeOne(f);
          res();
        } catch (e) {
          rej(e);
        }
      }),
    );
    // (awaited below; this keeps a failed write from counting as unhandled meanwhile)
    p.catch(() => undefined);
    pending.push(p);
  };
  const run = await runCheck({ files: opts.files, seed: opts.seed, cwd, timeout: opts.timeout, describe: true }, { onFile });
  await Promise.all(pending);
  if (chromium !== null) {
    const jobs = [...htmlFor].map(([name, html]) => ({ html, pdf: join(out, `${name}.pdf`) }));
    await printPdfs(chromium, jobs);
    written.push(...jobs.map((j) => j.pdf));
  }
  for (const p of written) opts.log?.(p);
  const failed = run.summary.failed > 0;
  return { exit: failures.length ? 2 : failed ? 1 : 0, written, models, failures };
}
