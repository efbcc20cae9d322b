// Which files `derive check FILES...` runs: paths and glob patterns (`*`, `**`,
// `?`, `[abc]`; Node 20 has no fs.globSync), expanded here so that quoting a
// pattern works the same in every shell, then sorted and, with `--shard i/n`,
// split by index modulo n.

import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { DeriveError } from "../core/errors.js";

export interface FileRef {
  /** absolute path */
  readonly path: string;
  /** as reported: relative to the working directory, with forward slashes */
  readonly display: string;
}

/** The default when no FILES are given. */
export const DEFAULT_PATTERNS = ["derivations/**/*.ts", "derivations/**/*.js"];

/** what a directory given as FILES stands for */
const DIRECTORY_PATTERNS = ["**/*.ts", "**/*.mts", "**/*.js", "**/*.mjs"];

const MAGIC = /[*?[]/;

/** Resolves paths and patterns to files, sorted and without duplicates; a missing file or an empty pattern is an error. */
export function resolveFiles(patterns: readonly string[], cwd: string): FileRef[] {
  const defaulted = patterns.length === 0;
  const found = new Map<string, FileRef>();
  for (const p of defaulted ? DEFAULT_PATTERNS : patterns) {
    const literal = resolve(cwd, p);
    if (existsSync(literal)) {
      if (statSync(literal).isDirectory()) {
        // a directory: every derivation file under it
        const matches = DIRECTORY_PATTERNS.flatMap((pat) => glob(pat, literal));
        if (matches.length === 0) throw new DeriveError("usage", `no .ts or .js file under ${p}`);
        for (const m of matches) found.set(m, ref(m, cwd));
      } else found.set(literal, ref(literal, cwd));
      continue;
    }
    if (!MAGIC.test(p)) throw new DeriveError("usage", `no such file: ${p}`);
    const matches = glob(p, cwd);
    if (matches.length === 0 && !defaulted) throw new DeriveError("usage", `no file matches ${p}`);
    for (const m of matches) found.set(m, ref(m, cwd));
  }
  if (found.size === 0) throw new DeriveError("usage", "no derivation files given, and none under derivations/ (derive check FILES...)");
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

function ref(path: string, cwd: string): FileRef {
  const rel = relative(cwd, path);
  return { path, display: (rel === "" ? path : rel).split(sep).join("/") };
}

/** `i/n` (1-based, like vitest): the files whose index in sorted order is i - 1 modulo n. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new DeriveError("usage", `--shard takes i/n with 1 <= i <= n (e.g. 1/3), not '${text}'`);
  return { index, count };
}

export function shard<T>(files: readonly T[], s: { index: number; count: number } | null): T[] {
  return s ? files.filter((_, i) => i % s.count === s.index - 1) : [...files];
}

/** Files matching a pattern relative to `cwd`. `**` spans directories (not node_modules or dot-directories). */
export function glob(pattern: string, cwd: string): string[] {
  const normalized = pattern.split(sep).join("/");
  const abs = isAbsolute(normalized);
  const parts = normalized.split("/").filter((s, i) => s !== "" && !(s === "." && i === 0));
  // the literal prefix is the directory to start from
  let base = abs ? (/^[A-Za-z]:$/.test(parts[0] ?? "") ? `${parts.shift()}/` : "/") : cwd;
  while (parts.length > 1 && !MAGIC.test(parts[0]!)) base = join(base, parts.shift()!);
  const out = new Set<string>();
  walk(base, parts, out);
  return [...out].sort();
}

function walk(dir: string, parts: readonly string[], out: Set<string>): void {
  if (parts.length === 0) return;
  const [head, ...rest] = parts as [string, ...string[]];
  if (head === "**") {
    walk(dir, rest, out);
    for (const e of entries(dir)) {
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") walk(join(dir, e.name), parts, out);
    }
    return;
  }
  if (!MAGIC.test(head)) {
    const next = join(dir, head);
    if (rest.length === 0) {
      if (existsSync(next) && statSync(next).isFile()) out.add(next);
    } else if (existsSync(next) && statSync(next).isDirectory()) walk(next, rest, out);
    return;
  }
  const re = segmentRegex(head);
  for (const e of entries(dir)) {
    if (!re.test(e.name) || (e.name.startsWith(".") && !head.startsWith("."))) continue;
    const next = join(dir, e.name);
    if (rest.length === 0) {
      if (e.isFile() || (e.isSymbolicLink() && statSync(next).isFile())) out.add(next);
    } else if (e.isDirectory()) walk(next, rest, out);
  }
}

function entries(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** One path segment: `*` any run of characters, `?` one, `[...]` a class. */
function segmentRegex(seg: string): RegExp {
  let re = "";
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = seg.indexOf("]", i + 2);
      if (close < 0) throw new DeriveError("usage", `bad pattern ${seg}: '[' without ']'`);
      let cls = seg.slice(i + 1, close).replace(/\\/g, "\\\\");
      if (cls.startsWith("!")) cls = `^${cls.slice(1)}`;
      re += `[${cls}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
