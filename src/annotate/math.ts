// A formula of the document through KaTeX, when the page is written (the page
// runs no script). The options are the sheets' (src/sheets/math-html.ts):
// trust: false (no \href, \url, \includegraphics, \htmlClass), bounded
// expansion and sizes. A formula KaTeX cannot render is shown as its source
// with the reason beside it (never dropped, never a red .katex-error), and
// the caller counts it for the summary.

import katex from "katex";
import { escapeHtml } from "../sheets/escape.js";

const OPTIONS = { throwOnError: true, trust: false, strict: "ignore", maxExpand: 200, maxSize: 20, output: "html" } as const;

export interface RenderedMath {
  readonly html: string;
  /** why KaTeX refused it, or null when it rendered */
  readonly failure: string | null;
}

/** KaTeX warns on the console for every letter it has no metrics for (Persian in \text{}): the page is right, the warning is noise. */
function quietly<T>(f: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return f();
  } finally {
    console.warn = warn;
  }
}

export function renderMath(tex: string, display: boolean): RenderedMath {
  try {
    const html = quietly(() => katex.renderToString(tex, { ...OPTIONS, displayMode: display }));
    return { html: display ? `<div class="math display" dir="ltr">${html}</div>` : `<span class="math" dir="ltr">${html}</span>`, failure: null };
  } catch (e) {
    const why = (e instanceof Error ? e.message.replace(/^KaTeX parse error: /, "") : "cannot be rendered").slice(0, 300);
    const tag = display ? "div" : "span";
    const html =
      `<${tag} class="math-fallback${display ? " display" : ""}" dir="ltr">` +
      `<code class="math-source">${escapeHtml(tex)}</code>` +
      `<span class="math-why" dir="ltr">KaTeX: ${escapeHtml(why)}</span></${tag}>`;
    return { html, failure: why };
  }
}
