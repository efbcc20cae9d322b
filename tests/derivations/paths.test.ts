// Derivation files name their seed document by its file name in the seeds
// folder (`003_e34f0158ba71e7fd.txt`), never by a path of the machine they
// were written on (`/work/shared/seeds/...`) or one that climbs out of the
// project (`../shared/seeds/...`): the files move with the project, the
// seeds folder may be anywhere. Holds for derivations/, docs/examples/ and
// examples/.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SEEDS = path.resolve(ROOT, "../shared/seeds");
const DIRS = ["derivations", "docs/examples", "examples"];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(p);
    return /\.(?:[cm]?[jt]s|md)$/.test(e.name) ? [p] : [];
  });
}

/** An absolute path (`/work/x`, `~/x`, `C:\x`) or one out of the project (`../shared`), not inside a URL or a fraction such as `a/b/c`. */
const ABSOLUTE = /(?<![\w.)\]}/:])(?:\/[A-Za-z_][\w.-]*\/[\w./-]*|~\/[\w./-]+|[A-Za-z]:\\[\w\\.-]+)|\.\.\/shared\b/g;
/** A seed document's name: number, underscore, hash. */
const SEED = /(.?)(\d{3}_[0-9a-f]{16}\.txt)/g;

/** Each finding as `file:line: text`. */
function findings(re: RegExp, keep: (m: RegExpExecArray) => boolean = () => true): string[] {
  return DIRS.flatMap((d) => files(path.join(ROOT, d))).flatMap((f) =>
    readFileSync(f, "utf8")
      .split("\n")
      .flatMap((line, i) => [...line.matchAll(re)].filter(keep).map((m) => `${path.relative(ROOT, f)}:${i + 1}: ${m[0]}`)),
  );
}

describe("seed references in derivation files", () => {
  it("the pattern finds absolute and climbing paths, and leaves maths and URLs alone", () => {
    const hits = (s: string): string[] => [...s.matchAll(ABSOLUTE)].map((m) => m[0]);
    expect(hits("// Transcribed from /work/shared/seeds/003_e.txt, l.1")).toEqual(["/work/shared/seeds/003_e.txt"]);
    expect(hits("see ~/seeds/000.txt")).toEqual(["~/seeds/000.txt"]);
    expect(hits("source: ../shared/seeds/004.txt")).toEqual(["../shared"]);
    expect(hits("1/(1 + e^(-x)) and a/b/c, x / y / z, https://arxiv.org/abs/1412.6980, // l.12")).toEqual([]);
  });

  it("no file contains an absolute path or a path out of the project", () => {
    expect(findings(ABSOLUTE)).toEqual([]);
  });

  it("every seed is named by its bare file name", () => {
    const all = findings(SEED);
    // the shipped transcriptions do name their seeds: the check below is not vacuous
    expect(all.length).toBeGreaterThan(10);
    expect(findings(SEED, (m) => m[1] === "/" || m[1] === "\\")).toEqual([]);
  });

  it.runIf(existsSync(SEEDS))("every seed file named exists in the seeds folder", () => {
    const named = new Set(DIRS.flatMap((d) => files(path.join(ROOT, d))).flatMap((f) => [...readFileSync(f, "utf8").matchAll(SEED)].map((m) => m[2]!)));
    expect([...named].filter((n) => !existsSync(path.join(SEEDS, n)))).toEqual([]);
  });
});
