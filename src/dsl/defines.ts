// `d.define("z1 = w1 * x1 + b1")` and `d.define("f(x) = x^2 + 1")`: named
// values and functions, expanded into later claims as text (macro expansion).
// A name is replaced by its defining expression in parentheses, and a call
// `f(a, b)` by f's body with each parameter replaced by its argument in
// parentheses. Defines are expanded when they are made, so a define's body
// already holds the expansions of earlier defines, and so `diff(L, w1)` of a
// defined L differentiates the whole computation back to the given value w1.

import { DeriveError } from "../core/errors.js";
import { type Token, tokenize } from "../parse/lexer.js";

export interface Define {
  readonly name: string;
  /** parameters of a function define; empty for a value */
  readonly params: readonly string[];
  readonly isFunction: boolean;
  /** the body as written, and with earlier defines expanded */
  readonly written: string;
  readonly body: string;
}

/** Parses `name = expr` or `name(a, b) = expr` (the body is not parsed here, only tokenized). */
export function parseDefine(src: string): { name: string; params: string[]; isFunction: boolean; body: string } {
  const toks = tokenize(src);
  const head = toks[0]!;
  if (head.kind !== "name") throw new DeriveError("syntax", "a define starts with the name it defines: define(\"z1 = w1 * x1 + b1\")", head.pos);
  let i = 1;
  const params: string[] = [];
  let isFunction = false;
  if (toks[i]!.text === "(") {
    isFunction = true;
    i++;
    while (toks[i]!.text !== ")") {
      const p = toks[i]!;
      if (p.kind !== "name") throw new DeriveError("syntax", `expected a parameter name in the define of ${head.text}(...)`, p.pos);
      if (params.includes(p.text)) throw new DeriveError("syntax", `parameter ${p.text} appears twice`, p.pos);
      params.push(p.text);
      i++;
      if (toks[i]!.text === ",") i++;
      else if (toks[i]!.text !== ")") throw new DeriveError("syntax", "expected ',' or ')' in the parameter list", toks[i]!.pos);
    }
    i++;
    if (params.length === 0) throw new DeriveError("syntax", `function ${head.text}() needs at least one parameter`, head.pos);
  }
  const eq = toks[i]!;
  if (eq.kind !== "rel" || (eq.text !== "=" && eq.text !== "==")) {
    throw new DeriveError("syntax", `expected '=' after ${isFunction ? `${head.text}(${params.join(", ")})` : head.text} in a define`, eq.pos);
  }
  const body = src.slice(eq.end).trim();
  if (!body) throw new DeriveError("syntax", `the define of ${head.text} has no expression after '='`, eq.end);
  return { name: head.text, params, isFunction, body };
}

/**
 * Replaces every defined name in `src` by its expansion. Text between tokens is
 * kept as written, so an expansion reads like the original.
 */
export function expand(src: string, defines: ReadonlyMap<string, Define>, bound: ReadonlyMap<string, string> = new Map()): string {
  if (defines.size === 0 && bound.size === 0) return src;
  const toks = tokenize(src);
  let out = "";
  let last = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== "name") continue;
    const arg = bound.get(t.text);
    if (arg !== undefined) {
      out += `${src.slice(last, t.pos)}(${arg})`;
      last = t.end;
      continue;
    }
    const def = defines.get(t.text);
    if (!def) continue;
    if (!def.isFunction) {
      out += `${src.slice(last, t.pos)}(${def.body})`;
      last = t.end;
      continue;
    }
    const open = toks[i + 1];
    if (!open || open.text !== "(") throw new DeriveError("syntax", `${def.name} is a function (defined as ${def.name}(${def.params.join(", ")})): call it with arguments`, t.pos);
    const { args, close } = callArguments(src, toks, i + 1);
    if (args.length !== def.params.length) {
      throw new DeriveError("syntax", `${def.name} takes ${def.params.length} argument${def.params.length === 1 ? "" : "s"}, not ${args.length}`, t.pos);
    }
    // arguments first (they may use defines), then the body with parameters bound
    const values = args.map((a) => expand(a, defines, bound));
    const binding = new Map(def.params.map((p, k) => [p, values[k]!] as const));
    out += `${src.slice(last, t.pos)}(${expand(def.body, new Map(), binding)})`;
    last = toks[close]!.end;
    i = close;
  }
  return out + src.slice(last);
}

/** The argument texts of a call whose `(` is token `open`, split at top-level commas. */
function callArguments(src: string, toks: readonly Token[], open: number): { args: string[]; close: number } {
  const args: string[] = [];
  let depth = 0;
  let start = toks[open]!.end;
  for (let j = open; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.text === "(" || t.text === "[") depth++;
    else if (t.text === ")" || t.text === "]") {
      depth--;
      if (depth === 0) {
        args.push(src.slice(start, t.pos).trim());
        if (args.length === 1 && args[0] === "") args.pop();
        if (args.some((a) => a === "")) throw new DeriveError("syntax", "an empty argument in a call", t.pos);
        return { args, close: j };
      }
    } else if (t.text === "," && depth === 1) {
      args.push(src.slice(start, t.pos).trim());
      start = t.end;
    }
  }
  throw new DeriveError("syntax", "missing ')' in a call", toks[open]!.pos);
}

/** The names a text mentions (identifier tokens), to see which given values a claim uses. */
export function namesIn(src: string): Set<string> {
  return new Set(tokenize(src).filter((t) => t.kind === "name").map((t) => t.text));
}
