// The annotated document as one HTML page: the document's blocks in a middle
// column with their first source line on the left and the marks of the steps
// that cite them on the right. Maths is rendered by KaTeX when the page is
// written; the page runs no script: a mark shows the claim and its file:line
// on hover or keyboard focus with CSS alone, and in print everything is shown.
// No clock, no random id: the same inputs give the same bytes.

import { type Counterexample } from "../sheets/counterexample.js";
import { stripBidiControls } from "../sheets/direction.js";
import { escapeHtml } from "../sheets/escape.js";
import { counterexampleRows } from "../sheets/html.js";
import { diagnosesHtml, entriesHtml, followThroughHtml } from "../sheets/diagnosis.js";
import { SHEET_CSS } from "../sheets/style.js";
import { MARK, wordsFor } from "../sheets/words.js";
import { type Annotation, type AnnotatedStep, rowOf } from "./model.js";
import { renderMath } from "./math.js";
import { ANNOTATE_CSS } from "./style.js";
import { WORDS } from "./words.js";

/** No script at all; styles and fonts only from the page's own directory (as sheets). */
const CSP = "default-src 'none'; script-src 'none'; style-src 'self' file: 'unsafe-inline'; font-src 'self' file: data:; img-src 'self' file: data:; form-action 'none'; base-uri 'none'";

const text = (s: string): string => escapeHtml(stripBidiControls(s));
const verdictWords = wordsFor("en");

function verdictWord(v: string): string {
  const w = verdictWords;
  return v === "proved" ? w.proved : v === "verified" ? w.verified : v === "refuted" ? w.refuted : v === "error" ? w.error : w.skipped;
}

export function annotationHtml(a: Annotation): string {
  const parts: string[] = [];
  parts.push("<!DOCTYPE html>");
  parts.push('<html lang="en" dir="ltr">');
  parts.push("<head>");
  parts.push('<meta charset="utf-8">');
  parts.push(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push('<meta name="referrer" content="no-referrer">');
  parts.push(`<title>${text(a.title)}</title>`);
  parts.push('<link rel="stylesheet" href="assets/katex/katex.min.css">');
  parts.push(`<style>${SHEET_CSS}${ANNOTATE_CSS}</style>`);
  parts.push("</head>");
  parts.push('<body class="annotated">');
  parts.push(headerHtml(a));
  parts.push('<main class="document">');
  a.document.blocks.forEach((b, i) => {
    const marks = a.steps.filter((s) => s.placement.kind === "placed" && s.placement.block === i);
    parts.push(
      `<div class="row${marks.length ? " marked" : ""}" id="line-${b.start}" data-src="${b.start === b.end ? b.start : `${b.start}-${b.end}`}">` +
        `<div class="ln" aria-hidden="true">${b.start}</div>` +
        `<div class="body">${b.html}</div>` +
        `<aside class="margin">${marks.map(markHtml).join("")}</aside></div>`,
    );
  });
  parts.push("</main>");
  parts.push("</body>");
  parts.push("</html>");
  return parts.join("\n") + "\n";
}

function headerHtml(a: Annotation): string {
  const s = a.summary;
  const out: string[] = ["<header>"];
  out.push(`<h1 dir="auto">${text(a.title)}</h1>`);
  out.push(`<p class="meta">${text(a.docLabel)} · ${escapeHtml(WORDS.checkedWith)} ${a.files.map((f) => `<code>${text(f)}</code>`).join(", ")} · ${escapeHtml(WORDS.seed)} ${a.seed}</p>`);
  const row = (label: string, value: string | number, key: string): string => `<div data-count="${key}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(String(value))}</dd></div>`;
  out.push(
    [
      `<section class="summary" aria-label="${escapeHtml(WORDS.summary)}"><dl>`,
      row(WORDS.steps, s.steps, "steps"),
      row(WORDS.marked, s.marked, "marked"),
      row(`${MARK.proved} ${verdictWords.proved}`, s.proved, "proved"),
      row(`${MARK.verified} ${verdictWords.verified}`, s.verified, "verified"),
      row(`${MARK.refuted} ${WORDS.refutedAsExpected}`, s.refutedAsExpected, "refuted-as-expected"),
      row(`${s.unexpected ? "✗ " : ""}${WORDS.unexpected}`, s.unexpected, "unexpected"),
      row(WORDS.linesCited, s.linesCited, "lines-cited"),
      row(WORDS.formulas, s.formulas, "formulas"),
      row(WORDS.katexFailed, s.katexFailed, "katex-failed"),
      row(WORDS.mathUncited, s.mathUncited, "math-uncited"),
      "</dl></section>",
    ].join(""),
  );
  for (const e of a.fileErrors) out.push(`<section class="file-error" role="alert"><p><strong>${escapeHtml(WORDS.fileError)}:</strong> <span dir="auto">${text(e)}</span></p></section>`);
  const outside = a.steps.filter((x) => x.placement.kind === "outside");
  if (outside.length) out.push(`<section class="unplaced outside"><h2>${escapeHtml(WORDS.notPlaced)} (${outside.length})</h2>${outside.map(markHtml).join("")}</section>`);
  const uncited = a.steps.filter((x) => x.placement.kind === "uncited");
  if (uncited.length) out.push(`<details class="unplaced uncited"><summary>${escapeHtml(WORDS.uncited)} (${uncited.length})</summary>${uncited.map(markHtml).join("")}</details>`);
  if (a.document.failures.length) {
    const items = a.document.failures.map((f) => `<li><a href="#line-${rowOf(a.document.blocks, f.line)}">${escapeHtml(WORDS.line)} ${f.line}</a>: <span dir="ltr">${text(f.why)}</span></li>`);
    out.push(`<details class="failures"><summary>${escapeHtml(WORDS.failures)} (${items.length})</summary><ul>${items.join("")}</ul></details>`);
  }
  if (a.mathUncitedRanges.length) out.push(`<details class="math-uncited"><summary>${escapeHtml(WORDS.mathUncitedList)} (${s.mathUncited})</summary><p>${a.mathUncitedRanges.map((r) => `<a href="#line-${rowOf(a.document.blocks, r.first)}">${r.first === r.last ? r.first : `${r.first}-${r.last}`}</a>`).join(", ")}</p></details>`);
  out.push("</header>");
  return out.join("\n");
}

function claimHtml(latex: string | null, claim: string): string {
  return latex !== null ? renderMath(latex, true).html : `<pre class="claim-source" dir="ltr"><code>${text(claim)}</code></pre>`;
}

/** One step's mark: symbol and word (readable without colour), whether expected, the lines; the claim and file:line on hover/focus; for a refuted step its note, counterexample and correction always. */
export function markHtml(s: AnnotatedStep): string {
  const o = s.item.outcome;
  const outside = s.placement.kind === "outside";
  const verdict = outside ? "error" : o.verdict;
  const ok = outside ? false : o.ok;
  const attrs = [`data-verdict="${verdict}"`, `data-expected="${o.expected}"`, `data-ok="${ok}"`];
  if (o.lines !== null) attrs.push(`data-lines="${escapeHtml(o.lines)}"`);
  attrs.push(`data-step="${escapeHtml(`${s.file}:${o.line}`)}"`);
  if (outside) attrs.push(`data-checked="${o.verdict}"`);
  const samples = /\bon (\d+) samples\b/.exec(o.detail)?.[1];
  const label = verdict === "verified" && samples ? `${verdictWord(verdict)} (${verdictWords.samples(Number(samples))})` : verdictWord(verdict);
  const okText = ok ? verdictWords.asExpected : `${verdictWords.notExpected} (${verdictWords.expected}: ${o.expected})`;
  const out: string[] = [`<div class="mark" tabindex="0" ${attrs.join(" ")}>`];
  out.push(
    `<p class="head"><span class="sym" aria-hidden="true">${MARK[verdict] ?? "?"}</span> <span class="label">${escapeHtml(label)}</span> <span class="ok${ok ? "" : " no"}">· ${escapeHtml(okText)}</span>` +
      (o.lines !== null ? ` <span class="cite">${escapeHtml(WORDS.lines)} ${text(o.lines)}</span>` : "") +
      "</p>",
  );
  if (s.placement.kind === "outside") out.push(`<p class="why-outside">${text(s.placement.why)}</p>`);
  const where = [`${escapeHtml(s.file)}:${o.line}`];
  if (o.source) where.push(`<span dir="auto">${text(o.source)}</span>`);
  out.push(
    `<div class="pop" role="tooltip"><p class="pop-title">${escapeHtml(WORDS.claim)}</p><div class="claim">${claimHtml(s.item.latex, o.claim)}</div>` +
      `<p class="where">${where.join(" · ")}</p><p class="detail" dir="auto">${text(o.detail)}</p></div>`,
  );
  if (o.verdict === "refuted") {
    const why: string[] = ['<div class="why">'];
    if (o.note) why.push(`<p class="note" dir="auto"><strong>${escapeHtml(WORDS.note)}:</strong> ${text(o.note)}</p>`);
    // the likely slip right under the note (what a marker writes in the margin), then the point
    why.push(diagnosesHtml(o.diagnoses ?? [], verdictWords));
    why.push(followThroughHtml(o, verdictWords));
    if (s.item.counterexample) why.push(counterexampleHtml(s.item.counterexample));
    why.push(entriesHtml(o.counterexample, verdictWords));
    if (s.correction) {
      const c = s.correction.outcome;
      why.push(
        `<div class="correction"><p class="fix-label">↳ ${escapeHtml(WORDS.correction)} (${escapeHtml(`${s.file}:${c.line}`)}): <span class="sym" aria-hidden="true">${MARK[c.verdict] ?? "?"}</span> ${escapeHtml(verdictWord(c.verdict))}</p>` +
          `<div class="claim">${claimHtml(s.correction.latex, c.claim)}</div></div>`,
      );
    }
    why.push("</div>");
    out.push(why.join(""));
  }
  // a shape error kept as written: the transpose that fits, always shown like a refuted step's slip
  else if (o.shapeSlip) out.push(`<div class="why">${followThroughHtml(o, verdictWords)}</div>`);
  out.push("</div>");
  return out.join("");
}

function counterexampleHtml(c: Counterexample): string {
  return `<table class="cex"><caption>${escapeHtml(verdictWords.counterexample)}</caption><tbody>${counterexampleRows(c, verdictWords)}</tbody></table>`;
}
