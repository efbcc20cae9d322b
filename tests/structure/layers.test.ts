// The layer rule of docs/ARCHITECTURE.md, enforced: every file in src/ belongs
// to a layer, and its imports (read by TypeScript's own pre-processor, so
// `import type`, `export ... from` and dynamic `import()` all count) reach only
// its own layer's folder or lower layers. Layers that share a level do not
// import each other, except for the few edges listed in PEERS. The order is
// written once, in LAYERS, and docs/ARCHITECTURE.md must state the same line.

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = path.join(ROOT, "src");

/** Lowest first; the names on one level are peers. A folder of src/, or a file at its top. */
const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["ops"],
  ["parse", "numeric", "symbolic", "render"],
  ["check"],
  ["dsl"],
  ["runner"],
  ["sheets", "testing", "testgen", "api.ts"],
  ["annotate", "vitest", "index.ts"],
  ["cli"],
];

/** The only imports between peers: symbolic prints trees with parse/ and render/, render reads parse/'s precedence. numeric and symbolic, the two judges, never import each other. */
const PEERS: readonly string[] = ["symbolic -> parse", "symbolic -> render", "render -> parse"];

const levelOf = new Map(LAYERS.flatMap((names, level) => names.map((n) => [n, level] as const)));

/** The layer a path under src/ belongs to: its first folder, or the file itself at the top. */
function layerOf(rel: string): string {
  return rel.split(path.sep)[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.[cm]?ts$/.test(e.name) ? [p] : [];
  });
}

/** The relative module specifiers a file imports, exports from, or loads with import(). */
function relativeImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((f) => f.fileName).filter((s) => s.startsWith("."));
}

interface Edge {
  readonly file: string;
  readonly spec: string;
  readonly from: string;
  readonly to: string;
}

function edges(): Edge[] {
  return sourceFiles(SRC).flatMap((file) => {
    const from = layerOf(path.relative(SRC, file));
    return relativeImports(file).map((spec) => {
      const target = path.relative(SRC, path.resolve(path.dirname(file), spec)).replace(/\.js$/, ".ts");
      return { file: path.relative(ROOT, file), spec, from, to: layerOf(target) };
    });
  });
}

/** Why an import breaks the rule, or null when it keeps it. */
function breach(e: Edge): string | null {
  if (e.to.startsWith("..")) return "reaches outside src/";
  if (e.from === e.to) return null;
  const a = levelOf.get(e.from);
  const b = levelOf.get(e.to);
  if (a === undefined) return `${e.from} is in no layer`;
  if (b === undefined) return `${e.to} is in no layer`;
  if (b > a) return `${e.from} imports the higher layer ${e.to}`;
  if (b === a && !PEERS.includes(`${e.from} -> ${e.to}`)) return `${e.from} imports its peer ${e.to}`;
  return null;
}

describe("the layer rule", () => {
  const all = edges();

  it("reads the imports of every file in src/", () => {
    // the scan itself must see the code base: many files, and imports of every kind
    expect(sourceFiles(SRC).length).toBeGreaterThan(100);
    expect(all.some((e) => e.from === "cli" && e.to === "runner")).toBe(true);
    expect(all.some((e) => e.from === "check" && e.to === "core")).toBe(true);
  });

  it("places every file of src/ in a layer", () => {
    const unplaced = [...new Set(sourceFiles(SRC).map((f) => layerOf(path.relative(SRC, f))))].filter((l) => !levelOf.has(l));
    expect(unplaced).toEqual([]);
  });

  it("no file imports a higher layer, nor a peer outside the listed edges", () => {
    const broken = all.flatMap((e) => {
      const why = breach(e);
      return why ? [`${e.file}: import "${e.spec}": ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("every listed peer edge is used (a stale exception is removed)", () => {
    const used = new Set(all.map((e) => `${e.from} -> ${e.to}`));
    expect(PEERS.filter((p) => !used.has(p))).toEqual([]);
  });

  it("flags an import of a higher layer, of an unlisted peer, and of an unplaced folder", () => {
    // the rule itself, on edges that do not exist in src/
    expect(breach({ file: "src/check/x.ts", spec: "../dsl/run.js", from: "check", to: "dsl" })).toMatch(/higher layer dsl/);
    expect(breach({ file: "src/numeric/x.ts", spec: "../symbolic/diff.js", from: "numeric", to: "symbolic" })).toMatch(/peer symbolic/);
    expect(breach({ file: "src/dsl/x.ts", spec: "../api.js", from: "dsl", to: "api.ts" })).toMatch(/higher layer api\.ts/);
    expect(breach({ file: "src/extra/x.ts", spec: "../core/ast.js", from: "extra", to: "core" })).toMatch(/extra is in no layer/);
    expect(breach({ file: "src/runner/x.ts", spec: "../dsl/run.js", from: "runner", to: "dsl" })).toBeNull();
  });

  it("docs/ARCHITECTURE.md states the same order", () => {
    const doc = readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8").replace(/\s+/g, " ");
    const stated = /Layers, lowest first: (.*?)\.(?: |$)/.exec(doc)?.[1] ?? "(no line 'Layers, lowest first: ...')";
    expect(stated).toBe(LAYERS.map((names) => names.join(", ")).join(" <- "));
  });
});
