// LaTeX to HTML with KaTeX, when the sheet is written (the page runs no
// script). KaTeX runs with trust: false (no \href, \url, \includegraphics,
// \htmlClass ...), and limits on expansion and sizes; what it cannot render
// is shown as its escaped source with the reason, never dropped and never
// as a .katex-error.

import katex from "katex";
import { escapeHtml } from "./escape.js";

const OPTIONS = { throwOnError: true, trust: false, strict: "ignore", maxExpand: 200, maxSize: 20, output: "html" } as const;

/** Rendered maths in a left-to-right span (inside right-to-left prose too). */
export function mathHtml(tex: string, display: boolean): string {
  try {
    const html = katex.renderToString(tex, { ...OPTIONS, displayMode: display });
    return display ? `<div class="math display" dir="ltr">${html}</div>` : `<span class="math" dir="ltr">${html}</span>`;
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^KaTeX parse error: /, "") : "cannot be rendered";
    return `<code class="math-source" dir="ltr" title="${escapeHtml(why.slice(0, 200))}">${escapeHtml(tex)}</code>`;
  }
}

/** Does KaTeX (trust: false) accept this LaTeX? */
export function katexAccepts(tex: string): boolean {
  try {
    katex.renderToString(tex, { ...OPTIONS, displayMode: false });
    return true;
  } catch {
    return false;
  }
}
