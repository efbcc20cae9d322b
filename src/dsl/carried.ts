// Error carried forward (issue 15, part 5). When a worked example states a
// wrong number (a refuted step `zh1 = 0.35`, `zh1 ≈ 0.35`, or a chain
// `d.chain("zh1", "...", "0.35")` refuted at its last link), a marker does
// not count every later step that uses it as a second mistake: a later step
// that is right given the author's own number is "consistent with the value
// at line k". So each later claim that depends on such a value is checked a
// second time, with the author's number put in place of the quantity it
// names (the define's expression, or the given value). The verdict that
// counts stays the one against the truth; this second verdict is only told.

import { expand, namesIn, type Define } from "./defines.js";
import type { Derivation, Entry } from "./derivation.js";
import { tokenize } from "../parse/lexer.js";

/** One of the author's earlier values a carried check used. */
export interface CarriedFrom {
  /** the line of the refuted step that stated it */
  readonly line: number;
  readonly name: string;
  /** as written ("0.35") */
  readonly text: string;
  readonly value: number;
}

/** The second check of a step: with the author's earlier values instead of the true ones. */
export interface Carried {
  readonly verdict: "proved" | "verified" | "refuted" | "error";
  readonly from: readonly CarriedFrom[];
  /** what was checked: the claim with the author's values put in */
  readonly claim: string;
  /** one line: "consistent with the value at line 12 (zh1 = 0.35)" or "refuted also with ..." */
  readonly message: string;
}

/** What the checker says of one entry (src/dsl/run.ts's checkEntry). */
export type Recheck = (entry: Entry, d: Derivation) => { verdict: string; detail: string } | null;

/**
 * Follows one derivation's entries in order: `after` is told each entry and
 * its verdict against the truth, records the author's stated values from the
 * refuted ones, and returns the carried check of a claim that uses them.
 */
export class FollowThrough {
  /** the author's values, by name (the last statement wins) */
  private readonly author = new Map<string, CarriedFrom>();
  /** the value defines seen so far, in order (function defines take part in expansion too) */
  private readonly defines: Define[] = [];

  constructor(private readonly d: Derivation) {}

  after(entry: Entry, verdict: string, recheck: Recheck): Carried | null {
    if (entry.kind === "define") {
      this.defines.push(entry.define);
      return null;
    }
    if (entry.kind !== "claim" || verdict === "skipped" || verdict === "error") return null;
    // the carried check first: a step that restates the same wrong value is consistent with it
    const carried = this.author.size ? this.carry(entry, recheck) : null;
    if (verdict === "refuted") {
      const stated = this.statedValue(entry);
      if (stated) this.author.set(stated.name, { ...stated, line: entry.site.line });
    }
    return carried;
  }

  /** `name = number` / `name ≈ number` (either way round), or a chain from a name refuted at a number; the name a value define or a given. */
  private statedValue(entry: Extract<Entry, { kind: "claim" }>): Omit<CarriedFrom, "line"> | null {
    const sides = splitOnce(entry.claim);
    if (!sides) return null;
    let [a, b] = sides;
    // a chain `zh1 = ... = 0.35`: the stated value of its head is its last expression
    if (entry.chainHead !== undefined && isName(entry.chainHead)) a = entry.chainHead;
    if (isNumber(a) && isName(b)) [a, b] = [b, a];
    if (!isName(a) || !isNumber(b)) return null;
    const name = a.trim();
    const isValueDefine = this.defines.some((x) => x.name === name && !x.isFunction);
    if (!isValueDefine && !Object.hasOwn(this.d.given, name)) return null;
    const text = b.replace(/\s+/g, "");
    return { name, text, value: Number(text) };
  }

  private carry(entry: Extract<Entry, { kind: "claim" }>, recheck: Recheck): Carried | null {
    const used = this.uses(entry.claim);
    if (used.length === 0) return null;
    // a number has no derivative: a value that depends on what a derivative of the claim
    // differentiates by cannot be put in its place (diff(L, w1) with a = 0.58 would be 0)
    const wrt = derivativeVariables(entry.expanded);
    const dependsOn = (f: CarriedFrom): Set<string> => {
      const def = this.defines.find((x) => x.name === f.name);
      // a given stays a variable (at the author's value), so a derivative by it still means something
      return def ? namesIn(def.body) : new Set<string>();
    };
    if (wrt.size && used.some((f) => [...dependsOn(f)].some((n) => wrt.has(n)))) return null;
    // the defines again, from their written bodies, with the author's values in place
    const defs = new Map<string, Define>();
    for (const x of this.defines) {
      const mine = !x.isFunction ? this.author.get(x.name) : undefined;
      const visible = new Map([...defs].filter(([k]) => !x.params.includes(k)));
      defs.set(x.name, { ...x, body: mine ? mine.text : expand(x.written, visible) });
    }
    const claim = expand(entry.claim, defs);
    const given = { ...this.d.given };
    for (const f of used) if (Object.hasOwn(given, f.name)) given[f.name] = f.text;
    const out = recheck({ ...entry, expanded: claim }, { ...this.d, given });
    if (!out || (out.verdict !== "proved" && out.verdict !== "verified" && out.verdict !== "refuted" && out.verdict !== "error")) return null;
    const values = used.map((f) => `${f.name} = ${f.text}`).join(", ");
    const lines = [...new Set(used.map((f) => f.line))];
    const at = `the value${used.length === 1 ? "" : "s"} at line${lines.length === 1 ? "" : "s"} ${lines.join(", ")} (${values})`;
    const message =
      out.verdict === "proved" || out.verdict === "verified"
        ? `consistent with ${at}`
        : out.verdict === "refuted"
          ? `refuted also with ${at}`
          : `cannot be checked with ${at}: ${out.detail}`;
    return { verdict: out.verdict, from: used, claim, message };
  }

  /** The author's values a claim depends on, through the defines it mentions (and theirs). */
  private uses(text: string): CarriedFrom[] {
    const byName = new Map(this.defines.map((x) => [x.name, x] as const));
    const seen = new Set<string>();
    const found = new Map<string, CarriedFrom>();
    const visit = (src: string): void => {
      for (const n of namesIn(src)) {
        if (seen.has(n)) continue;
        seen.add(n);
        const mine = this.author.get(n);
        if (mine) found.set(n, mine);
        // a define's own expression is replaced by the author's value, so look inside it only if it has none
        const def = byName.get(n);
        if (def && !mine) visit(def.written);
      }
    };
    visit(text);
    return [...found.values()].sort((p, q) => p.line - q.line);
  }
}

const DERIVATIVES = new Set(["diff", "grad", "jacobian", "hessian"]);

/** The names derivatives in a text differentiate by: the second argument of diff/grad/jacobian/hessian. */
function derivativeVariables(text: string): Set<string> {
  const out = new Set<string>();
  let toks;
  try {
    toks = tokenize(text);
  } catch {
    return out;
  }
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i]!.kind !== "name" || !DERIVATIVES.has(toks[i]!.text) || toks[i + 1]!.text !== "(") continue;
    // the tokens of the second argument: after the first top-level comma, up to the next one or the close
    let depth = 0;
    let arg = 0;
    for (let j = i + 1; j < toks.length; j++) {
      const t = toks[j]!;
      if (t.text === "(" || t.text === "[") depth++;
      else if (t.text === ")" || t.text === "]") {
        if (--depth === 0) break;
      } else if (t.text === "," && depth === 1) arg++;
      else if (arg === 1 && t.kind === "name") out.add(t.text);
    }
  }
  return out;
}

/** `a REL b` with one = / == / ≈ at the top level; null otherwise. */
function splitOnce(claim: string): [string, string] | null {
  let toks;
  try {
    toks = tokenize(claim);
  } catch {
    return null;
  }
  const rels = toks.filter((t) => t.kind === "rel");
  if (rels.length !== 1 || !["=", "==", "≈"].includes(rels[0]!.text)) return null;
  return [claim.slice(0, rels[0]!.pos), claim.slice(rels[0]!.end)];
}

function isName(s: string): boolean {
  try {
    const t = tokenize(s.trim());
    return t.length === 2 && t[0]!.kind === "name";
  } catch {
    return false;
  }
}

/** a plain decimal, perhaps negative: what a worked example states */
function isNumber(s: string): boolean {
  return /^\s*-?\s*\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(s) && Number.isFinite(Number(s.replace(/\s+/g, "")));
}
