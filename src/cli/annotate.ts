// `derive annotate DOC.md --with FILES... --out DIR [--format html|pdf] [--seed N]`
// (spec/sheets.md): flags are read here; the work is src/annotate/annotate.ts,
// loaded at run time from its own bundle (dist/annotate.js) as derive sheet's is.
// `--with` takes the files after it: the document is the first positional,
// every other positional is a derivation file (`--with a.ts b.ts` and
// `--with a.ts --with b.ts` are the same).

import { DeriveError, asDeriveError } from "../core/errors.js";
import { freshSeed } from "../numeric/random.js";
import type { AnnotateFormat } from "../annotate/annotate.js";
import { parseArgs, seedFlag, timeoutFlag } from "./args.js";
import type { Io } from "./main.js";

const FLAGS = {
  with: { value: true, repeat: true },
  out: { value: true },
  format: { value: true, repeat: true },
  seed: { value: true },
  timeout: { value: true },
  help: { value: false },
} as const;

export const ANNOTATE_HELP = `derive annotate: a solution document as its author wrote it, each checked step's verdict in the margin

Usage:
  derive annotate DOC.md --with FILES... --out DIR [--format html|pdf]... [--seed N]

Renders DOC (Markdown with $...$, $$...$$, \\[...\\] and \\begin{aligned} maths;
right-to-left prose set right-to-left) and checks FILES exactly as derive
check does. Each step that cites lines (lines: "289-293" on the step or its
derivation) gets a mark beside those lines: verdict, and for a refuted step
its note, counterexample and correction; hover or focus a mark for the claim
as checked and its file:line. A summary at the top counts steps, verdicts,
lines cited, formulas KaTeX could not render (shown as their source) and
lines of maths no step cites. Writes DIR/<DOC name>.html (KaTeX CSS and
fonts in DIR/assets/, no script, no network) and/or .pdf (headless Chromium).

Options:
  --with FILE...  the derivation files that check the document (one or more)
  --out DIR       where the page goes (created if missing)
  --format F      html or pdf; repeat for both (default html)
  --seed N        seed of the random samples (printed on the page)
  --timeout S     seconds per derivation file, as derive check (default 60)

Exit: 0 every step met its expected verdict, 1 some did not (or cites lines
      outside the document; the page is still written), 2 nothing could be
      written (bad flag, unreadable document, unloadable file, no browser for pdf).

Example:
  derive annotate docs/examples/annotate-solution.md --with docs/examples/annotate-solution.ts --out sheets --seed 1`;

export async function runAnnotate(argv: string[], io: Io): Promise<number> {
  try {
    // loaded here, not at start-up: KaTeX and markdown-it would cost every other command ~0.1 s
    const { ANNOTATE_FORMATS, writeAnnotation } = await import("../annotate/annotate.js");
    const { positionals, flags } = parseArgs(argv, FLAGS);
    const out = flags.get("out")?.[0];
    if (out === undefined || out.trim() === "") throw new DeriveError("usage", "--out DIR is required (where the annotated page is written)");
    const [doc, ...rest] = positionals;
    if (doc === undefined) throw new DeriveError("usage", "name the document: derive annotate DOC.md --with FILES... --out DIR");
    const files = [...(flags.get("with") ?? []), ...rest];
    if (!flags.has("with") || files.length === 0) throw new DeriveError("usage", "--with FILES... is required (the derivation files that check the document)");
    const formats = (flags.get("format") ?? []).map((f) => {
      if (!(ANNOTATE_FORMATS as readonly string[]).includes(f)) throw new DeriveError("usage", `--format must be html or pdf, not '${f}'`);
      return f as AnnotateFormat;
    });
    const timeout = timeoutFlag(flags);
    const seed = seedFlag(flags) ?? freshSeed();
    const r = await writeAnnotation({ doc, files, out, formats, seed, timeout, log: (p) => io.out(p) });
    const s = r.annotation.summary;
    io.err(`seed ${seed}; ${s.marked} of ${s.steps} steps marked; ${s.katexFailed} of ${s.formulas} formulas shown as source`);
    return r.exit;
  } catch (e) {
    io.err(`derive annotate: ${asDeriveError(e).message.replace(/^usage error: /, "")}`);
    return 2;
  }
}
