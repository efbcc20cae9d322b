// What a derivation says besides its steps (title, source, question, lines,
// declarations, d.text prose, prose-only parts), as plain data that crosses
// from a `derive check` worker to the parent process. `derive sheet` asks the
// workers for it (runner/check.ts, `describe: true`), so a file is loaded once,
// in the worker that checks it, and never again to typeset its sheet.

import type { Derivation } from "./derivation.js";

export interface DerivationInfo {
  readonly title: string;
  readonly source: string | null;
  readonly question: string | null;
  readonly lines: string | null;
  /** the declarations as written (`{ X: "n x m" }`) */
  readonly let: Readonly<Record<string, string>>;
  /** every name the derivation declares, gives or defines (variables, for typesetting its claims) */
  readonly names: readonly string[];
  /** d.text paragraphs with the line of their call (a sheet places each before the first step after it) */
  readonly texts: readonly { readonly markdown: string; readonly line: number }[];
  readonly prose: readonly string[];
}

/** Strings only: a derivation file's odd values (a number for a title) never break the message. */
const str = (v: unknown): string => (typeof v === "string" ? v : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));

export function describeDerivation(d: Derivation): DerivationInfo {
  const lets: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.let)) lets[k] = str(v);
  return {
    title: str(d.title),
    source: strOrNull(d.source),
    question: strOrNull(d.question),
    lines: strOrNull(d.lines),
    let: lets,
    names: [...Object.keys(d.let), ...Object.keys(d.given), ...d.defines.map((x) => x.name)],
    texts: d.texts.filter((t) => typeof t.markdown === "string").map((t) => ({ markdown: t.markdown, line: t.site.line })),
    prose: d.prose.map(str),
  };
}
