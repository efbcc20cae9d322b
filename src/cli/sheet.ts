// `derive sheet FILES... --out DIR [--format html|tex|pdf]... [--seed N] [--lang fa|en]`
// (spec/sheets.md): flags are read here; the work is src/sheets/sheet.ts.

import { DeriveError, asDeriveError } from "../core/errors.js";
import { freshSeed } from "../numeric/random.js";
import type { Format } from "../sheets/sheet.js";
import type { Lang } from "../sheets/words.js";
import { parseArgs, seedFlag } from "./args.js";
import type { Io } from "./main.js";

const FLAGS = {
  out: { value: true },
  format: { value: true, repeat: true },
  seed: { value: true },
  lang: { value: true },
  help: { value: false },
} as const;

export const SHEET_HELP = `derive sheet: typesets derivation files as answer sheets, with their verdicts

Usage:
  derive sheet FILES... --out DIR [--format html|tex|pdf]... [--seed N] [--lang fa|en]

Checks each file exactly as derive check does (same seed, same verdicts) and
writes DIR/<name>.html (default), .tex and/or .pdf. HTML needs no script and
no network (KaTeX CSS and fonts are copied to DIR/assets/); TeX compiles with
xelatex -no-shell-escape; PDF is the HTML printed by headless Chromium
(found on PATH, or named by DERIVE_CHROMIUM).

Options:
  --out DIR       where the sheets go (created if missing)
  --format F      html, tex or pdf; repeat for several (default html)
  --seed N        seed of the random samples (printed on the sheet)
  --lang L        en (default) or fa: the sheet's own words and page direction

Exit: 0 every step met its expected verdict, 1 some did not (sheets still
      written), 2 nothing could be written (bad flag, unloadable file, no browser for pdf).

Example:
  derive sheet derivations/003-q2-xavier.ts --out sheets --format html --format tex --seed 1`;

export async function runSheet(argv: string[], io: Io): Promise<number> {
  try {
    // loaded here, not at start-up: KaTeX and markdown-it would cost every other command ~0.1 s
    const { FORMATS, writeSheets } = await import("../sheets/sheet.js");
    const { positionals, flags } = parseArgs(argv, FLAGS);
    const out = flags.get("out")?.[0];
    if (out === undefined || out.trim() === "") throw new DeriveError("usage", "--out DIR is required (where the sheets are written)");
    if (positionals.length === 0) throw new DeriveError("usage", "name at least one derivation file: derive sheet FILES... --out DIR");
    const formats = (flags.get("format") ?? []).map((f) => {
      if (!(FORMATS as readonly string[]).includes(f)) throw new DeriveError("usage", `--format must be html, tex or pdf, not '${f}'`);
      return f as Format;
    });
    const lang = flags.get("lang")?.[0] ?? "en";
    if (lang !== "en" && lang !== "fa") throw new DeriveError("usage", `--lang must be en or fa, not '${lang}'`);
    const given = seedFlag(flags);
    const seed = given ?? freshSeed();
    const r = await writeSheets({ files: positionals, out, formats, seed, lang: lang as Lang, log: (p) => io.out(p) });
    // one line per file that could not be checked, as derive check reports it; the other files have their sheets
    for (const f of r.failures) io.err(`derive sheet: ${f.file}: cannot be checked, no sheet written: ${f.error}`);
    // a drawn seed is printed so the run can be repeated (a given one is on every sheet already)
    if (given === undefined) io.err(`seed ${seed}`);
    return r.exit;
  } catch (e) {
    io.err(`derive sheet: ${asDeriveError(e).message.replace(/^usage error: /, "")}`);
    return 2;
  }
}
