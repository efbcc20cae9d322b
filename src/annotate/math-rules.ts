// The maths syntaxes of a solution document as markdown-it rules:
//   inline  $...$, $$...$$, \(...\), \[...\] inside a line of prose;
//   block   a line that opens with $$, \[ or \begin{env} and whose closing
//           $$, \] or \end{env} ends a line (the same or a later one): the
//           formula is a block of its own, with its own source lines, and it
//           may interrupt a paragraph (authors write prose and maths with no
//           blank line between).
// The inline rule runs before markdown-it's escape rule, so \[ is maths, not
// an escaped bracket; \$ stays a dollar sign.

import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

const INLINE: readonly (readonly [string, string, boolean])[] = [
  ["$$", "$$", true],
  ["\\[", "\\]", true],
  ["\\(", "\\)", false],
  ["$", "$", false],
];

/** Where `close` first occurs in s from `from` on, skipping backslash escapes (\$ is not a closing dollar); -1 if nowhere. */
function closing(s: string, close: string, from: number, to: number = s.length): number {
  for (let i = from; i < to; i++) {
    if (s.startsWith(close, i) && i + close.length <= to) return i;
    if (s[i] === "\\") i++;
  }
  return -1;
}

export function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  const c = src[start];
  if (c !== "$" && c !== "\\") return false;
  for (const [open, close, display] of INLINE) {
    if (!src.startsWith(open, start)) continue;
    const end = closing(src, close, start + open.length, state.posMax);
    if (end < 0) return false;
    const content = src.slice(start + open.length, end);
    if (!content.trim()) return false;
    if (!silent) {
      const token = state.push(display ? "math_display" : "math_inline", "math", 0);
      token.content = content;
      token.markup = open;
      // where in the paragraph it starts: a core rule turns this into a source line
      token.meta = { pos: start, span: src.slice(start, end).split("\n").length - 1 };
    }
    state.pos = end + close.length;
    return true;
  }
  return false;
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}

export function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = lineText(state, startLine);
  let open: string;
  let close: string;
  let keep = false;
  if (first.startsWith("$$")) [open, close] = ["$$", "$$"];
  else if (first.startsWith("\\[")) [open, close] = ["\\[", "\\]"];
  else {
    const m = /^\\begin\{([A-Za-z]+\*?)\}/.exec(first);
    if (!m) return false;
    [open, close, keep] = [m[0], `\\end{${m[1]}}`, true];
  }
  const body: string[] = [];
  let line = startLine;
  let text = first.slice(open.length);
  for (;;) {
    const at = closing(text, close, 0);
    if (at >= 0) {
      // a closing delimiter followed by more prose: not a display block (the inline rule takes it)
      if (text.slice(at + close.length).trim() !== "") return false;
      body.push(text.slice(0, at));
      break;
    }
    body.push(text);
    line++;
    if (line >= endLine || state.isEmpty(line)) return false;
    text = lineText(state, line);
  }
  const content = body.join("\n");
  if (!content.trim()) return false;
  if (silent) return true;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = keep ? `${open}${content}${close}` : content;
  token.markup = open;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}
