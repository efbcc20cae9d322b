// A sheet model (./model.ts) as one standalone LaTeX file for xelatex (no
// shell escape; one or two passes): amsmath, and polyglossia + bidi with the
// Amiri font (texlive-lang-arabic) when any right-to-left text is present.
// Steps are printed from their parsed claims; every user string goes through
// ./tex-escape.ts. Verdict marks are a word and a symbol, not a colour.

import { directionOf } from "./direction.js";
import { type Counterexample } from "./counterexample.js";
import { type DerivationSheet, type Group, type SheetModel, type StepItem } from "./model.js";
import { katexAccepts } from "./math-html.js";
import type { EntryReport } from "../check/entries.js";
import { formatValue } from "../check/values.js";
import { proseTex, texCode, texText } from "./tex-escape.js";
import { type Lang, type Words, wordsFor } from "./words.js";

/** Symbols that exist in every TeX font setup (amssymb): proved, verified, refuted, error, not checked. */
const TEX_MARK: Record<string, string> = {
  proved: "$\\blacksquare$",
  verified: "$\\checkmark$",
  refuted: "$\\times$",
  error: "$\\triangle$",
  skipped: "$\\circ$",
};

export function sheetTex(m: SheetModel, title: string, lang: Lang): string {
  const w = wordsFor(lang);
  const rtl = lang === "fa" || hasRtl(m, title);
  const body: string[] = [];
  // a right-to-left paragraph in the persian environment, others as they are
  const para = (source: string, tex: string): string => (rtl && directionOf(source) === "rtl" && lang !== "fa" ? `\\begin{persian}\n${tex}\n\\end{persian}` : rtl && directionOf(source) === "ltr" && lang === "fa" ? `\\begin{english}\n${tex}\n\\end{english}` : tex);
  body.push(`\\section*{${inline(title, rtl, lang)}}`);
  body.push(summaryTex(m, w));
  if (m.error !== null) body.push(`\\noindent\\fbox{\\parbox{\\linewidth}{\\textbf{${texText(w.fileError)}:} ${inline(m.error, rtl, lang)}}}`);
  for (const d of m.derivations) body.push(derivationTex(d, m.file, w, rtl, lang, para));
  return [texPreamble(rtl, lang), "\\begin{document}", ...body, "\\end{document}", ""].join("\n");
}

/** The sheet's preamble (exported so the xelatex test of every operator's LaTeX compiles under the very same packages). */
export function texPreamble(rtl: boolean, lang: Lang): string {
  const lines = [
    "% written by derive sheet; compile with: xelatex -no-shell-escape",
    "\\documentclass[11pt,a4paper]{article}",
    "\\usepackage[margin=18mm]{geometry}",
    "\\usepackage{amsmath,amssymb}",
    "\\usepackage{fontspec}",
    "\\usepackage{array}",
    "\\setlength{\\parindent}{0pt}",
    "\\setlength{\\parskip}{4pt}",
    "\\sloppy",
  ];
  if (rtl) {
    lines.push("\\usepackage{polyglossia}");
    if (lang === "fa") {
      lines.push("\\setmainlanguage{persian}", "\\setotherlanguage{english}");
      lines.push("\\setmainfont[Script=Arabic]{Amiri}");
      lines.push("\\newfontfamily\\englishfont{Latin Modern Roman}");
    } else {
      lines.push("\\setmainlanguage{english}", "\\setotherlanguage{persian}");
    }
    lines.push("\\newfontfamily\\persianfont[Script=Arabic]{Amiri}");
    lines.push("\\newfontfamily\\persianfonttt[Script=Arabic]{Amiri}");
  }
  return lines.join("\n");
}

/** A short user string inside a line: escaped, and wrapped in \textpersian / \textenglish when its direction differs from the page's. */
function inline(s: string, rtl: boolean, lang: Lang): string {
  const t = texText(s);
  if (!rtl) return t;
  const dir = directionOf(s);
  if (lang !== "fa" && dir === "rtl") return `\\textpersian{${t}}`;
  if (lang === "fa" && dir === "ltr") return `\\textenglish{${t}}`;
  return t;
}

function hasRtl(m: SheetModel, title: string): boolean {
  const strings: string[] = [title, m.error ?? ""];
  for (const d of m.derivations) {
    strings.push(d.title, d.source ?? "", d.question ?? "", ...d.prose);
    for (const g of d.groups) {
      for (const it of g.kind === "pair" ? [g.wrong, g.fixed] : [g.item]) {
        if (it.kind === "text") strings.push(it.markdown);
        else strings.push(it.outcome.note ?? "", it.outcome.source ?? "", it.outcome.detail, it.outcome.claim);
      }
    }
  }
  return strings.some((s) => /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(s));
}

function summaryTex(m: SheetModel, w: Words): string {
  const s = m.summary;
  const cells = [
    `${texText(w.steps)}: ${s.steps}`,
    `${TEX_MARK.proved} ${texText(w.proved)}: ${s.proved}`,
    `${TEX_MARK.verified} ${texText(w.verified)}: ${s.verified}`,
    `${TEX_MARK.refuted} ${texText(w.refutedAsExpected)}: ${s.refutedAsExpected}`,
    `${texText(w.unexpected)}: ${s.unexpected}`,
    `${texText(w.seed)}: ${m.seed}`,
  ];
  return `\\noindent\\fbox{\\parbox{\\dimexpr\\linewidth-2\\fboxsep-2\\fboxrule}{\\textbf{${texText(w.summary)}.} ${cells.join(" \\quad ")}}}\n`;
}

type Para = (source: string, tex: string) => string;

function derivationTex(d: DerivationSheet, file: string, w: Words, rtl: boolean, lang: Lang, para: Para): string {
  const out: string[] = [`\\subsection*{${inline(d.title, rtl, lang)}}`];
  const meta: string[] = [];
  if (d.source) meta.push(`${texText(w.source)}: ${inline(d.source, rtl, lang)}`);
  if (d.lines) meta.push(`${texText(w.lines)}: ${texText(d.lines)}`);
  if (meta.length) out.push(`{\\small ${meta.join(" \\textperiodcentered\\ ")}}\n`);
  const decls = d.declarations.filter(katexAccepts);
  if (decls.length) out.push(`\\textbf{${texText(w.declarations)}:} ${decls.map((x) => `\\(${x}\\)`).join("; ")}\n`);
  if (d.question) out.push(`\\textbf{${texText(w.question)}:}\n\n${proseTex(d.question, para)}\n`);
  for (const p of d.prose) out.push(`{\\small ${inline(p, rtl, lang)} (${texText(w.proseOnly)})}\n`);
  for (const g of d.groups) out.push(groupTex(g, file, w, rtl, lang, para));
  return out.join("\n");
}

function groupTex(g: Group, file: string, w: Words, rtl: boolean, lang: Lang, para: Para): string {
  if (g.kind === "pair") {
    const inner = `${stepTex(g.wrong, file, w, rtl, lang)}\n\n$\\hookrightarrow$ \\textbf{${texText(w.correction)}} (${texText(w.corrects(`${file}:${g.wrong.outcome.line}`))})\n\n${stepTex(g.fixed, file, w, rtl, lang)}`;
    return `\\par\\noindent\\fbox{\\parbox{\\dimexpr\\linewidth-2\\fboxsep-2\\fboxrule}{${inner}}}\n`;
  }
  if (g.item.kind === "text") return proseTex(g.item.markdown, para) + "\n";
  return stepTex(g.item, file, w, rtl, lang);
}

/** A step's maths as the sheet sets it: one unnumbered display. */
export function displayMathTex(latex: string): string {
  return `\\begin{equation*}\n${latex}\n\\end{equation*}`;
}

function verdictWord(v: string, w: Words): string {
  return v === "proved" ? w.proved : v === "verified" ? w.verified : v === "refuted" ? w.refuted : v === "error" ? w.error : w.skipped;
}

function stepTex(s: StepItem, file: string, w: Words, rtl: boolean, lang: Lang): string {
  const o = s.outcome;
  const out: string[] = [];
  // maths is left-to-right on a right-to-left page too
  // LaTeX that KaTeX refuses (a double subscript) would stop xelatex: the source text instead
  const claim = s.latex !== null && katexAccepts(s.latex) ? displayMathTex(s.latex) : `\\par ${texCode(o.claim)}\\par`;
  out.push(lang === "fa" ? `\\begin{english}\n${claim}\n\\end{english}` : claim);
  const samples = /\bon (\d+) samples\b/.exec(o.detail)?.[1];
  const label = o.verdict === "verified" && samples ? `${verdictWord(o.verdict, w)} (${w.samples(Number(samples))})` : verdictWord(o.verdict, w);
  const ok = s.checked ? ` --- ${o.ok ? texText(w.asExpected) : `\\underline{${texText(w.notExpected)}}`} (${texText(w.expected)}: ${texText(o.expected)})` : "";
  out.push(`\\textbf{${TEX_MARK[o.verdict] ?? "?"} ${texText(label)}}${ok}\\\\`);
  const where = [`${texCode(file)}:${o.line}`];
  if (o.lines) where.push(`${texText(w.lines)} ${texText(o.lines)}`);
  if (o.source) where.push(inline(o.source, rtl, lang));
  out.push(`{\\small ${where.join(" \\textperiodcentered\\ ")}}\\\\`);
  if (o.note) out.push(`\\textbf{${texText(w.note)}:} ${inline(o.note, rtl, lang)}\\\\`);
  // a refuted step: its likely slips (re-verified, check/diagnose/), escaped like any user string
  if (o.verdict === "refuted") for (const d of o.diagnoses ?? []) out.push(`\\textbf{${texText(w.diagnosis)} (${texText(d.kind)}):} ${inline(d.message, rtl, lang)} {\\small (${texText(w.checkedClaim)}: ${texCode(d.holds)})}\\\\`);
  // a shape error's slip (dsl/shape-slip.ts); a refuted step's check with the author's earlier numbers (dsl/carried.ts)
  if (o.shapeSlip) out.push(`\\textbf{${texText(w.shapeSlip)}:} ${inline(o.shapeSlip.message, rtl, lang)} (${texText(w.then(o.shapeSlip.verdict))})\\\\`);
  if (o.carried && o.verdict === "refuted") out.push(`\\textbf{${texText(w.carried)}:} ${inline(o.carried.message, rtl, lang)}\\\\`);
  if (s.counterexample) out.push(counterexampleTex(s.counterexample, w, lang));
  else out.push(`{\\small ${texText(w.detail)}: ${inline(o.detail, rtl, lang)}}`);
  if (o.verdict === "refuted" && o.counterexample?.entries?.count) out.push(entriesTex(o.counterexample.entries, w));
  return out.join("\n") + "\n\\medskip\n";
}

/** The differing entries, largest first, as a table; the difference in bold (the highlight survives black and white). */
function entriesTex(e: EntryReport, w: Words): string {
  const f = (v: number): string => texText(formatValue(v, 6));
  const rows = e.shown.map((d) => `[${d.index.join(", ")}] & ${f(d.lhs)} & ${f(d.rhs)} & \\textbf{${f(d.diff)}} \\\\ \\hline`);
  if (e.count > e.shown.length) rows.push(`\\multicolumn{4}{|l|}{${texText(w.more(e.count - e.shown.length))}} \\\\ \\hline`);
  const head = `\\textbf{${texText(w.entry)}} & \\textbf{${texText(w.lhs)}} & \\textbf{${texText(w.rhs)}} & \\textbf{${texText(w.difference)}} \\\\ \\hline`;
  return `\\par\\textbf{${texText(w.entries)}: ${texText(w.entriesOf(e.count, e.of))}}\\\\\n\\begin{tabular}{|l|r|r|r|}\\hline\n${head}\n${rows.join("\n")}\n\\end{tabular}`;
}

function counterexampleTex(c: Counterexample, w: Words, lang: Lang): string {
  const rows: string[] = [];
  const row = (n: string, v: string): string => `${texText(n)} & ${texCode(v)} \\\\ \\hline`;
  for (const [n, v] of c.dims) rows.push(row(n, v));
  for (const [n, v] of c.values) rows.push(row(n, v));
  if (c.lhs !== null) rows.push(row(w.lhs, c.lhs));
  if (c.rhs !== null) rows.push(row(w.rhs, c.rhs));
  const table = `\\textbf{${texText(w.counterexample)}}\\\\\n\\begin{tabular}{|l|p{0.7\\linewidth}|}\\hline\n\\textbf{${texText(w.name)}} & \\textbf{${texText(w.value)}} \\\\ \\hline\n${rows.join("\n")}\n\\end{tabular}`;
  return lang === "fa" ? table : table;
}
