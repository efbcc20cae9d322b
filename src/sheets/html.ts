// A sheet model (./model.ts) as one HTML page: maths already rendered by
// KaTeX, prose through ./markdown.ts, CSS inline, KaTeX's CSS and fonts and
// Vazirmatn in DIR/assets/ (./assets.ts). No script, no clock, no random id:
// the same model gives the same bytes. Every user string is escaped here or
// rendered by KaTeX/markdown-it with raw HTML off.

import { escapeHtml } from "./escape.js";
import { markdownHtml } from "./markdown.js";
import { mathHtml } from "./math-html.js";
import { stripBidiControls } from "./direction.js";
import { type Group, type SheetModel, type StepItem, type DerivationSheet } from "./model.js";
import { SHEET_CSS } from "./style.js";
import { type Lang, MARK, type Words, wordsFor } from "./words.js";
import { type Counterexample } from "./counterexample.js";
import { diagnosesHtml, entriesHtml, followThroughHtml } from "./diagnosis.js";

/** Content-Security-Policy: no script at all, styles and fonts only from the file's own directory. */
const CSP = "default-src 'none'; script-src 'none'; style-src 'self' file: 'unsafe-inline'; font-src 'self' file: data:; img-src 'self' file: data:; form-action 'none'; base-uri 'none'";

/** A user string as HTML text, with bidi controls removed. */
const text = (s: string): string => escapeHtml(stripBidiControls(s));

export function sheetHtml(m: SheetModel, title: string, lang: Lang): string {
  const w = wordsFor(lang);
  const parts: string[] = [];
  parts.push("<!DOCTYPE html>");
  parts.push(`<html lang="${lang}" dir="${w.dir}">`);
  parts.push("<head>");
  parts.push('<meta charset="utf-8">');
  parts.push(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push('<meta name="referrer" content="no-referrer">');
  parts.push(`<title>${text(title)}</title>`);
  parts.push('<link rel="stylesheet" href="assets/katex/katex.min.css">');
  parts.push(`<style>${SHEET_CSS}</style>`);
  parts.push("</head>");
  parts.push("<body>");
  parts.push(`<header><h1 dir="auto">${text(title)}</h1>`);
  parts.push(summaryHtml(m, w));
  parts.push("</header>");
  if (m.error !== null) parts.push(`<section class="file-error" role="alert"><p><strong>${escapeHtml(w.fileError)}:</strong> <span dir="auto">${text(m.error)}</span></p></section>`);
  for (const d of m.derivations) parts.push(derivationHtml(d, m.file, w));
  parts.push("</body>");
  parts.push("</html>");
  return parts.join("\n") + "\n";
}

function summaryHtml(m: SheetModel, w: Words): string {
  const s = m.summary;
  const row = (label: string, value: string | number): string => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(String(value))}</dd></div>`;
  return [
    `<section class="summary" aria-label="${escapeHtml(w.summary)}"><dl>`,
    row(w.steps, s.steps),
    row(`${MARK.proved} ${w.proved}`, s.proved),
    row(`${MARK.verified} ${w.verified}`, s.verified),
    row(`${MARK.refuted} ${w.refutedAsExpected}`, s.refutedAsExpected),
    row(`${s.unexpected ? "✗ " : ""}${w.unexpected}`, s.unexpected),
    row(w.seed, m.seed),
    "</dl></section>",
  ].join("");
}

function derivationHtml(d: DerivationSheet, file: string, w: Words): string {
  const out: string[] = ["<section class=\"derivation\">"];
  out.push(`<h2 dir="auto">${text(d.title)}</h2>`);
  const meta: string[] = [];
  if (d.source) meta.push(`<span dir="auto">${escapeHtml(w.source)}: ${text(d.source)}</span>`);
  if (d.lines) meta.push(`<span>${escapeHtml(w.lines)}: ${text(d.lines)}</span>`);
  if (meta.length) out.push(`<p class="meta">${meta.join(" · ")}</p>`);
  if (d.declarations.length) {
    out.push(`<div class="decls"><strong>${escapeHtml(w.declarations)}</strong><ul>`);
    for (const tex of d.declarations) out.push(`<li>${mathHtml(tex, false)}</li>`);
    out.push("</ul></div>");
  }
  if (d.question) out.push(`<div class="question"><strong>${escapeHtml(w.question)}</strong>${markdownHtml(d.question)}</div>`);
  if (d.prose.length) out.push(`<ul class="prose-header">${d.prose.map((p) => `<li dir="auto">${text(p)} (${escapeHtml(w.proseOnly)})</li>`).join("")}</ul>`);
  for (const g of d.groups) out.push(groupHtml(g, file, w));
  out.push("</section>");
  return out.join("\n");
}

function groupHtml(g: Group, file: string, w: Words): string {
  if (g.kind === "pair") {
    // paired twice over: the frame and label a reader sees, and attributes naming each other's L<line>
    const wrong = `L${g.wrong.outcome.line}`;
    const fixed = `L${g.fixed.outcome.line}`;
    return [
      `<div class="pair" role="group" aria-label="${escapeHtml(w.pairLabel)}">`,
      stepHtml(g.wrong, file, w, ` data-corrected-by="${fixed}"`),
      `<p class="fix-label">↳ ${escapeHtml(w.correction)} (${escapeHtml(w.corrects(`${file}:${g.wrong.outcome.line}`))})</p>`,
      stepHtml(g.fixed, file, w, ` data-corrects="${wrong}"`),
      "</div>",
    ].join("\n");
  }
  if (g.item.kind === "text") return `<div class="prose">${markdownHtml(g.item.markdown)}</div>`;
  return stepHtml(g.item, file, w);
}

function verdictWord(v: string, w: Words): string {
  return v === "proved" ? w.proved : v === "verified" ? w.verified : v === "refuted" ? w.refuted : v === "error" ? w.error : w.skipped;
}

/** One step: the claim, the mark (symbol, word, whether expected), where it is, how, the note, the counterexample. */
export function stepHtml(s: StepItem, file: string, w: Words, pairing = ""): string {
  const o = s.outcome;
  const attrs = s.checked ? ` id="L${o.line}" data-verdict="${o.verdict}" data-expected="${escapeHtml(o.expected)}" data-ok="${o.ok}"${o.lines ? ` data-lines="${escapeHtml(o.lines)}"` : ""}${pairing}` : "";
  const out: string[] = [`<div class="step${s.checked ? "" : " unchecked"}"${attrs}>`];
  out.push(`<div class="claim">${s.latex !== null ? mathHtml(s.latex, true) : `<pre class="claim-source" dir="ltr"><code>${text(o.claim)}</code></pre>`}</div>`);
  const samples = /\bon (\d+) samples\b/.exec(o.detail)?.[1];
  const label = o.verdict === "verified" && samples ? `${verdictWord(o.verdict, w)} (${w.samples(Number(samples))})` : verdictWord(o.verdict, w);
  const ok = s.checked ? ` <span class="ok${o.ok ? "" : " no"}">· ${escapeHtml(o.ok ? w.asExpected : w.notExpected)} (${escapeHtml(w.expected)}: ${escapeHtml(o.expected)})</span>` : "";
  out.push(`<p class="mark"><span class="sym" aria-hidden="true">${MARK[o.verdict] ?? "?"}</span> <span class="label">${escapeHtml(label)}</span>${ok}</p>`);
  const where = [`${escapeHtml(file)}:${o.line}`];
  if (o.lines) where.push(`${escapeHtml(w.lines)} ${text(o.lines)}`);
  if (o.source) where.push(`<span dir="auto">${text(o.source)}</span>`);
  out.push(`<p class="where">${where.join(" · ")}</p>`);
  if (o.note) out.push(`<p class="note" dir="auto"><strong>${escapeHtml(w.note)}:</strong> ${text(o.note)}</p>`);
  // a refuted step: the likely slip under its note (empty when none was re-verified)
  if (o.verdict === "refuted") out.push(diagnosesHtml(o.diagnoses ?? [], w));
  // a shape error's slip, or a refuted step's check with the author's earlier numbers
  out.push(followThroughHtml(o, w));
  if (s.counterexample) out.push(counterexampleHtml(s.counterexample, w));
  else out.push(`<p class="detail" dir="auto">${escapeHtml(w.detail)}: ${text(o.detail)}</p>`);
  // and which entries differ at the counterexample, highlighted (empty for a scalar claim)
  if (o.verdict === "refuted") out.push(entriesHtml(o.counterexample, w));
  out.push("</div>");
  return out.filter(Boolean).join("\n");
}

function counterexampleHtml(c: Counterexample, w: Words): string {
  return `<table class="cex"><caption>${escapeHtml(w.counterexample)}</caption><thead><tr><th>${escapeHtml(w.name)}</th><th>${escapeHtml(w.value)}</th></tr></thead><tbody>${counterexampleRows(c, w)}</tbody></table>`;
}

/** The rows of a counterexample table: its dimension sizes, its values, then the two sides (shared with annotate). */
export function counterexampleRows(c: Counterexample, w: Pick<Words, "lhs" | "rhs">): string {
  const rows: string[] = [];
  const row = (name: string, value: string): string => `<tr><th scope="row">${text(name)}</th><td dir="ltr"><code>${text(value)}</code></td></tr>`;
  for (const [n, v] of c.dims) rows.push(row(n, v));
  for (const [n, v] of c.values) rows.push(row(n, v));
  if (c.lhs !== null) rows.push(row(w.lhs, c.lhs));
  if (c.rhs !== null) rows.push(row(w.rhs, c.rhs));
  return rows.join("");
}
