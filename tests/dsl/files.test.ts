// FILES for `derive check` (src/dsl/files.ts): paths, directories and glob
// patterns expanded by derive itself, sorted; --shard i/n by index modulo n.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { glob, parseShard, resolveFiles, shard } from "../../src/dsl/files.js";

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "derive-files-"));
  for (const f of ["a.ts", "b.ts", "c.js", "notes.md", "sub/d.ts", "sub/deep/e.ts", "sub/x1.ts", "sub/x22.ts", ".hidden/h.ts", "node_modules/m/n.ts"]) {
    mkdirSync(join(root, f, ".."), { recursive: true });
    writeFileSync(join(root, f), "");
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const rel = (xs: string[]): string[] => xs.map((x) => x.slice(root.length + 1));

describe("glob", () => {
  it("* matches within one directory", () => {
    expect(rel(glob("*.ts", root))).toEqual(["a.ts", "b.ts"]);
  });

  it("** spans directories, but not node_modules or dot-directories", () => {
    expect(rel(glob("**/*.ts", root))).toEqual(["a.ts", "b.ts", "sub/d.ts", "sub/deep/e.ts", "sub/x1.ts", "sub/x22.ts"]);
  });

  it("? matches one character and [..] a class", () => {
    expect(rel(glob("sub/x?.ts", root))).toEqual(["sub/x1.ts"]);
    expect(rel(glob("[ab].ts", root))).toEqual(["a.ts", "b.ts"]);
    expect(rel(glob("[!a].ts", root))).toEqual(["b.ts"]);
  });

  it("works from an absolute pattern", () => {
    expect(rel(glob(join(root, "sub", "*.ts"), "/"))).toEqual(["sub/d.ts", "sub/x1.ts", "sub/x22.ts"]);
  });
});

describe("resolveFiles", () => {
  it("sorts, removes duplicates and reports paths relative to the working directory", () => {
    const files = resolveFiles(["b.ts", "*.ts", "sub/d.ts"], root);
    expect(files.map((f) => f.display)).toEqual(["a.ts", "b.ts", "sub/d.ts"]);
    expect(files[0]!.path).toBe(join(root, "a.ts"));
  });

  it("takes a directory as every .ts and .js file under it", () => {
    expect(resolveFiles(["sub"], root).map((f) => f.display)).toEqual(["sub/d.ts", "sub/deep/e.ts", "sub/x1.ts", "sub/x22.ts"]);
  });

  it("refuses a missing file and a pattern that matches nothing, in one line", () => {
    expect(() => resolveFiles(["nope.ts"], root)).toThrow(/^usage error: no such file: nope.ts$/);
    expect(() => resolveFiles(["zz*.ts"], root)).toThrow(/^usage error: no file matches zz\*.ts$/);
  });

  it("defaults to derivations/ and says so when there is none", () => {
    expect(() => resolveFiles([], root)).toThrow(/none under derivations\//);
  });
});

describe("shard", () => {
  it("parses i/n, 1-based", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "1"]) expect(() => parseShard(bad)).toThrow(/--shard takes i\/n/);
  });

  it("splits by index modulo n, and the shards together are the whole list, each once", () => {
    const xs = ["a", "b", "c", "d", "e", "f", "g"];
    const parts = [1, 2, 3].map((i) => shard(xs, { index: i, count: 3 }));
    expect(parts).toEqual([["a", "d", "g"], ["b", "e"], ["c", "f"]]);
    expect(parts.flat().sort()).toEqual(xs);
    expect(shard(xs, null)).toEqual(xs);
  });
});
