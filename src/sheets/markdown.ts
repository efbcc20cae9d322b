// Prose (d.text, question:) to HTML: markdown-it with raw HTML off, images off
// (a remote image would be a network request), links only to safe schemes
// (markdown-it refuses javascript:, vbscript:, file:, data:), and `$...$` /
// `$$...$$` maths rendered by KaTeX (trust: false) when the sheet is written.
// Each block gets `dir` (and `lang` when right-to-left) from its first
// strong letter; maths inside is set left-to-right.

import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import { mathHtml } from "./math-html.js";
import { directionOf, rtlLang, stripBidiControls } from "./direction.js";

/** Links open nothing in the page itself and send no referrer (shared with annotate). */
export const safeLinkOpen: NonNullable<MarkdownIt["renderer"]["rules"]["link_open"]> = (tokens, i, opts, _env, self) => {
  tokens[i]!.attrSet("rel", "noopener noreferrer nofollow");
  return self.renderToken(tokens, i, opts);
};

/** Core rule: each block gets `dir` (and `lang` when right-to-left) from its first strong letter (shared with annotate). */
export function directionRule(state: StateCore): void {
  const t = state.tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    if (!/^(paragraph|heading|list_item|blockquote|td|th)_open$/.test(tok.type)) continue;
    const inline = t.slice(i + 1).find((x) => x.type === "inline");
    const dir = inline ? directionOf(inline.content) : null;
    if (!dir) continue;
    tok.attrSet("dir", dir);
    if (dir === "rtl") tok.attrSet("lang", rtlLang(inline!.content));
  }
}

let md: MarkdownIt | null = null;

function instance(): MarkdownIt {
  if (md) return md;
  const m = new MarkdownIt({ html: false, linkify: false, typographer: false });
  m.disable(["image"]);
  m.inline.ruler.before("escape", "math", mathRule);
  m.renderer.rules.math_inline = (tokens, i) => mathHtml(tokens[i]!.content, false);
  m.renderer.rules.math_display = (tokens, i) => mathHtml(tokens[i]!.content, true);
  m.renderer.rules.link_open = safeLinkOpen;
  m.core.ruler.push("direction", directionRule);
  md = m;
  return m;
}

/** `$x$` and `$$x$$` inside a line; an unclosed `$` is a dollar sign. */
function mathRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== "$") return false;
  const display = src[start + 1] === "$";
  const open = display ? 2 : 1;
  let end = start + open;
  while (end < state.posMax) {
    if (src[end] === "\\") {
      end += 2;
      continue;
    }
    if (src.startsWith(display ? "$$" : "$", end)) break;
    end++;
  }
  if (end >= state.posMax) return false;
  const content = src.slice(start + open, end);
  if (!content.trim()) return false;
  if (!silent) {
    const token = state.push(display ? "math_display" : "math_inline", "math", 0);
    token.content = content;
  }
  state.pos = end + open;
  return true;
}

/** A Markdown paragraph or more, as HTML. */
export function markdownHtml(markdown: string): string {
  return instance().render(stripBidiControls(markdown));
}
