// `derive testgen FILES... --out DIR`: loads each derivation file (as derive
// check does, in this process) and writes DIR/<basename>.test.ts, its steps
// as vitest tests (./generate.ts) that import only `derive/testing` and vitest.

import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { deriveEntry } from "../runner/check.js";
import { DeriveError } from "../core/errors.js";
import { resolveFiles } from "../dsl/files.js";
import { LoadError, loadDerivations } from "../dsl/load.js";
import { type GenerateOptions, generateTestFile } from "./generate.js";

export interface TestgenOptions extends GenerateOptions {
  readonly files: readonly string[];
  readonly out: string;
  readonly cwd?: string;
}

/** The files written, as `DIR/<name>.test.ts`, in the order of the inputs (sorted, as derive check sorts them). */
export async function writeTests(opts: TestgenOptions): Promise<string[]> {
  const refs = resolveFiles(opts.files, opts.cwd ?? process.cwd());
  const names = new Map<string, string>();
  for (const r of refs) {
    const name = `${basename(r.path).replace(/\.[cm]?[jt]s$/, "")}.test.ts`;
    const other = names.get(name);
    if (other) throw new DeriveError("usage", `${other} and ${r.display} would both be written to ${name}; give them in separate runs with different --out`);
    names.set(name, r.display);
  }
  const entry = await deriveEntry();
  const texts: [string, string][] = [];
  for (const r of refs) {
    let ds;
    try {
      ds = await loadDerivations(r.path, entry);
    } catch (e) {
      if (e instanceof LoadError) throw new DeriveError("usage", `${r.display}: ${e.message}`);
      throw e;
    }
    texts.push([`${basename(r.path).replace(/\.[cm]?[jt]s$/, "")}.test.ts`, generateTestFile(basename(r.path), ds, opts)]);
  }
  // everything is generated before anything is written: a file that fails to load leaves DIR as it was
  mkdirSync(opts.out, { recursive: true });
  return texts.map(([name, text]) => {
    const path = join(opts.out, name);
    writeFileSync(path, text);
    return path;
  });
}
