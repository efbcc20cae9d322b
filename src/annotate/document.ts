// A solution document (Markdown with LaTeX maths) as the author wrote it,
// cut into blocks that each know their source lines: markdown-it with raw
// HTML off, images off (a remote image would be a network request), links
// only to the schemes markdown-it allows; maths through KaTeX (./math.ts).
// Every top-level block (a list: every item) is rendered on its own, with
// the 1-based lines it spans (markdown-it's token .map), so that a step's
// mark can be set beside the lines it cites.

import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { stripBidiControls } from "../sheets/direction.js";
import { directionRule, safeLinkOpen } from "../sheets/markdown.js";
import { renderMath } from "./math.js";
import { mathBlock, mathInline } from "./math-rules.js";

export interface Block {
  /** first and last source line (1-based, inclusive) */
  readonly start: number;
  readonly end: number;
  readonly html: string;
}

export interface MathFailure {
  readonly line: number;
  readonly tex: string;
  readonly why: string;
}

export interface DocumentModel {
  /** the source lines (for blank-line and range checks) */
  readonly lines: readonly string[];
  readonly blocks: readonly Block[];
  /** formulas rendered or tried */
  readonly formulas: number;
  readonly failures: readonly MathFailure[];
  /** 1-based lines that hold (part of) a formula */
  readonly mathLines: ReadonlySet<number>;
  /** the first heading's text, for the page title */
  readonly title: string | null;
}

interface Env {
  formulas: number;
  failures: MathFailure[];
}

let md: MarkdownIt | null = null;

function instance(): MarkdownIt {
  if (md) return md;
  const m = new MarkdownIt({ html: false, linkify: false, typographer: false });
  m.disable(["image"]);
  m.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  m.inline.ruler.before("escape", "math", mathInline);
  const math = (display: boolean) => (tokens: Token[], i: number, _o: unknown, env: Env) => {
    const t = tokens[i]!;
    const r = renderMath(t.content, display);
    env.formulas++;
    if (r.failure !== null) env.failures.push({ line: (t.meta?.line as number | undefined) ?? 0, tex: t.content, why: r.failure });
    return r.html;
  };
  m.renderer.rules.math_inline = math(false);
  m.renderer.rules.math_display = math(true);
  m.renderer.rules.math_block = math(true);
  m.renderer.rules.link_open = safeLinkOpen;
  // source lines of every formula: blocks have a map; inline maths count the newlines before them in their paragraph
  m.core.ruler.push("math_lines", (state) => {
    for (const tok of state.tokens) {
      if (tok.type === "math_block" && tok.map) tok.meta = { line: tok.map[0] + 1, span: tok.map[1] - tok.map[0] - 1 };
      if (tok.type !== "inline" || !tok.map || !tok.children) continue;
      for (const c of tok.children) {
        if (c.type !== "math_inline" && c.type !== "math_display") continue;
        const before = tok.content.slice(0, c.meta.pos as number).split("\n").length - 1;
        c.meta = { line: tok.map[0] + 1 + before, span: c.meta.span as number };
      }
    }
  });
  // direction per block from its first strong letter (as on sheets); maths inside stays left-to-right
  m.core.ruler.push("direction", directionRule);
  md = m;
  return m;
}

/** The token after `open` that closes it (same level), or `open` itself for a self-contained token. */
function closer(tokens: readonly Token[], open: number): number {
  if (tokens[open]!.nesting !== 1) return open;
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    depth += tokens[j]!.nesting;
    if (depth === 0) return j;
  }
  return tokens.length - 1;
}

function copy(t: Token): Token {
  const c = Object.assign(Object.create(Object.getPrototypeOf(t) as object) as Token, t);
  c.attrs = t.attrs ? t.attrs.map(([k, v]) => [k, v] as [string, string]) : null;
  return c;
}

/** Top-level pieces with their maps: a list becomes one piece per item (wrapped in its own list, numbering kept). */
function pieces(tokens: readonly Token[]): { tokens: Token[]; map: [number, number] }[] {
  const out: { tokens: Token[]; map: [number, number] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const j = closer(tokens, i);
    const group = tokens.slice(i, j + 1);
    const head = group[0]!;
    if ((head.type === "bullet_list_open" || head.type === "ordered_list_open") && group.length > 2) {
      const tail = group[group.length - 1]!;
      for (let k = 1; k < group.length - 1; k++) {
        const e = closer(group, k);
        const item = group[k]!;
        const open = copy(head);
        if (head.type === "ordered_list_open" && item.info) open.attrSet("start", item.info);
        if (item.map) out.push({ tokens: [open, ...group.slice(k, e + 1), tail], map: item.map as [number, number] });
        k = e;
      }
    } else if (head.map) out.push({ tokens: group, map: head.map as [number, number] });
    i = j;
  }
  return out;
}

export function parseDocument(source: string): DocumentModel {
  const text = stripBidiControls(source.replace(/\r\n?/g, "\n"));
  const m = instance();
  const env: Env = { formulas: 0, failures: [] };
  const tokens = m.parse(text, env);
  const mathLines = new Set<number>();
  for (const t of tokens) {
    const all = t.type === "inline" ? (t.children ?? []) : [t];
    for (const c of all) {
      if (!c.type.startsWith("math_") || !c.meta) continue;
      for (let l = c.meta.line as number; l <= (c.meta.line as number) + (c.meta.span as number); l++) mathLines.add(l);
    }
  }
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  // a list item's map runs over the blank line after it: a block ends on its last written line
  const lastWritten = (start: number, end: number): number => {
    while (end > start && !(lines[end - 1] ?? "").trim()) end--;
    return end;
  };
  const blocks: Block[] = pieces(tokens).map((p) => ({ start: p.map[0] + 1, end: lastWritten(p.map[0] + 1, p.map[1]), html: m.renderer.render(p.tokens, m.options, env) }));
  const heading = tokens.findIndex((t) => t.type === "heading_open");
  const title = heading >= 0 ? (tokens[heading + 1]?.content ?? null) : null;
  return { lines, blocks, formulas: env.formulas, failures: env.failures, mathLines, title };
}
