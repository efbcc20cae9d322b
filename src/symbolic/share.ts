// Printing with sharing: a subexpression that occurs several times is named
// once, `main where u1 = ..., u2 = ...` (parse/parser.ts reads it back). A deep
// network's gradient repeats every forward activation inside its backward
// factors, so without names the printed size grows like the square of the
// depth; with them it grows linearly.

import { key } from "../core/ast.js";
import type { TNode } from "../core/typed.js";
import { printExpr } from "../parse/print.js";
import { toLatex } from "../render/latex.js";
import { size } from "./simplify.js";

/** Subexpressions smaller than this are not worth a name. */
const MIN_SIZE = 5;

export interface Shared {
  main: TNode;
  bindings: { name: string; value: TNode }[];
}

/** Names repeated subexpressions (largest saving first) until no name saves anything. */
export function share(t: TNode, taken: ReadonlySet<string>): Shared {
  let main = t;
  const bindings: { name: string; value: TNode }[] = [];
  let counter = 0;
  const fresh = (): string => {
    let n: string;
    do n = `u${++counter}`;
    while (taken.has(n));
    return n;
  };
  for (;;) {
    const counts = new Map<string, { node: TNode; count: number }>();
    const visit = (n: TNode): void => {
      if (n.args.length === 0) return;
      const k = key(n);
      const c = counts.get(k);
      if (c) c.count++;
      else counts.set(k, { node: n, count: 1 });
      n.args.forEach(visit);
    };
    visit(main);
    bindings.forEach((b) => visit(b.value));
    let best: { node: TNode; saving: number } | null = null;
    for (const { node, count } of counts.values()) {
      const sz = size(node);
      const saving = (count - 1) * (sz - 1) - 2;
      if (count >= 2 && sz >= MIN_SIZE && saving > 0 && (!best || saving > best.saving)) best = { node, saving };
    }
    if (!best) break;
    const name = fresh();
    const target = key(best.node);
    const ref: TNode = { op: "sym", args: [], name, pos: 0, end: 0, shape: best.node.shape };
    const replace = (n: TNode): TNode => {
      if (key(n) === target) return ref;
      if (n.args.length === 0) return n;
      const args = n.args.map(replace);
      return args.every((a, i) => a === n.args[i]) ? n : { ...n, args };
    };
    main = replace(main);
    for (const b of bindings) b.value = replace(b.value);
    bindings.push({ name, value: best.node });
  }
  return renumber({ main, bindings: ordered(bindings) }, taken);
}

/** u1, u2, ... in the order the bindings are printed. */
function renumber(s: Shared, taken: ReadonlySet<string>): Shared {
  const names = new Map<string, string>();
  let k = 0;
  for (const b of s.bindings) {
    let n: string;
    do n = `u${++k}`;
    while (taken.has(n));
    names.set(b.name, n);
  }
  const rename = (t: TNode): TNode => {
    if (t.op === "sym" && names.has(t.name!)) return { ...t, name: names.get(t.name!)! };
    if (t.args.length === 0) return t;
    return { ...t, args: t.args.map(rename) };
  };
  return { main: rename(s.main), bindings: s.bindings.map((b) => ({ name: names.get(b.name)!, value: rename(b.value) })) };
}

/** Each binding after the ones its value uses. */
function ordered(bs: { name: string; value: TNode }[]): { name: string; value: TNode }[] {
  const out: { name: string; value: TNode }[] = [];
  const done = new Set<string>();
  const uses = (t: TNode, n: string): boolean => (t.op === "sym" ? t.name === n : t.args.some((a) => uses(a, n)));
  while (out.length < bs.length) {
    const next = bs.find((b) => !done.has(b.name) && bs.every((o) => o === b || done.has(o.name) || !uses(b.value, o.name)));
    if (!next) break;
    out.push(next);
    done.add(next.name);
  }
  return out;
}

export const sharedSize = (s: Shared): number => size(s.main) + s.bindings.reduce((a, b) => a + size(b.value) + 1, 0);

export function printShared(s: Shared): string {
  if (s.bindings.length === 0) return printExpr(s.main);
  return `${printExpr(s.main)} where ${s.bindings.map((b) => `${b.name} = ${printExpr(b.value)}`).join(", ")}`;
}

export function latexShared(s: Shared): string {
  if (s.bindings.length === 0) return toLatex(s.main);
  const sym = (n: string): TNode => ({ op: "sym", args: [], name: n, pos: 0, end: 0, shape: { rows: 1, cols: 1 } });
  return `${toLatex(s.main)} \\quad \\text{where } ${s.bindings.map((b) => `${toLatex(sym(b.name))} = ${toLatex(b.value)}`).join(",\\ ")}`;
}
