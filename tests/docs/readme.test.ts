// The README's library example says what each call returns (`// => value`);
// this runs every such line through the package's entry and checks it, so the
// README cannot drift from what the library does (it once said "verified"
// and symbolic "skipped" for a claim the engine proves).

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as derive from "../../src/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The lines of the README's first `ts` block: each call and what its comment says it returns. */
function examples(): { code: string; says: string | null }[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
  const lines = block.split("\n");
  const out: { code: string; says: string | null }[] = [];
  lines.forEach((line, i) => {
    if (/^\s*(import|\/\/)/.test(line) || !line.trim()) return;
    const [code, comment] = line.split(/;\s*\/\/\s*/) as [string, string | undefined];
    // the expected value is on the line or, for a long one, on the comment line below
    const below = /^\s*\/\/\s*=>\s*(.*)$/.exec(lines[i + 1] ?? "")?.[1];
    const inline = comment && /^=>\s*(.*)$/.exec(comment)?.[1];
    out.push({ code: code.replace(/;\s*$/, "").trim(), says: inline ?? below ?? null });
  });
  return out;
}

/** `{ verdict: "proved", numeric: { samples: 6, maxRelError: ... }, ... }`: the stated fields, read as JSON. */
function stated(text: string): unknown {
  if (!text.startsWith("{")) return JSON.parse(text);
  const json = text
    .replace(/,\s*\.\.\.\s*/g, "") // "..." stands for fields not stated
    .replace(/:\s*\.\.\./g, ': "<any>"')
    .replace(/([{,]\s*)(\w+):/g, '$1"$2":');
  return JSON.parse(json);
}

/** Every stated field has its value (`"<any>"` any value); fields not stated are not compared. */
function matches(got: unknown, want: unknown): boolean {
  if (want === "<any>") return got !== undefined;
  if (typeof want !== "object" || want === null || Array.isArray(want)) return JSON.stringify(got) === JSON.stringify(want);
  if (typeof got !== "object" || got === null) return false;
  return Object.entries(want).every(([k, v]) => matches((got as Record<string, unknown>)[k], v));
}

describe("the README's library example", () => {
  const lines = examples();

  it("has lines that say what they return", () => {
    expect(lines.filter((l) => l.says !== null).length).toBeGreaterThanOrEqual(5);
  });

  it.each(lines.filter((l) => l.says !== null).map((l) => [l.code, l.says!] as const))("%s returns %s", async (code, says) => {
    const run = new Function("derive", `const { equal, evaluate, grad, check } = derive; return (async () => (${code.replace(/^await /, "")}))();`);
    const got = await run(derive);
    expect(matches(got, stated(says)), `got ${JSON.stringify(got)}`).toBe(true);
  });
});
