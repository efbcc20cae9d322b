// The package entry works from plain Node (no TypeScript loader): the same
// objects as --json, through `import ... from "derive"`; and its types are
// declarations in dist/ that a strict consumer compiles against without
// type-checking derive's sources.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

beforeAll(() => ensureBuilt());

it("import { equal, evaluate } from 'derive' works in plain Node", () => {
  const script = `
    import { equal, evaluate } from "derive";
    const a = equal({ lhs: "tr(A * B)", rhs: "tr(B * A)", let: ["A: n x m", "B: m x n"], seed: 1 });
    const b = evaluate({ expr: "det(X)", let: ["X: 2 x 2"], at: { X: "[1, 2; 3, 4]" } });
    console.log(JSON.stringify({ a: a.verdict, b: b.value }));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout)).toEqual({ a: "proved", b: -2 });
});

it("equal() returns the same object as derive equal --json", async () => {
  const { equal } = await import("../../src/api.js");
  const fromApi = equal({ lhs: "X * Y", rhs: "Y * X", let: ["X, Y: n x n"], seed: 11 });
  const r = spawnSync(process.execPath, ["bin/derive.js", "equal", "X * Y", "Y * X", "--let", "X, Y: n x n", "--seed", "11", "--json"], {
    cwd: root,
    encoding: "utf8",
  });
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(fromApi)));
});

/** dist/**\/*.d.ts, written by `npm run build` (tsc -p tsconfig.build.json); rebuilt here when src/ is newer. */
function ensureTypes(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const dts = join(root, "dist/index.d.ts");
  if (existsSync(dts) && statSync(dts).mtimeMs > newest(join(root, "src"))) return;
  const r = spawnSync(process.execPath, [TSC, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${r.stdout}${r.stderr}`);
}

const TSC = join(root, "node_modules/typescript/bin/tsc");

describe("the package's types", () => {
  it('"types" and exports.types point at declarations in dist/, never at sources', () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { types: string; exports: { ".": { types: string } }; scripts: Record<string, string> };
    expect(pkg.types).toBe("./dist/index.d.ts");
    expect(pkg.exports["."].types).toBe("./dist/index.d.ts");
    // a fresh clone's `npm ci` writes them (prepare), as `npm run build` does
    expect(pkg.scripts.prepare).toContain("tsc -p tsconfig.build.json");
    expect(pkg.scripts.build).toContain("tsc -p tsconfig.build.json");
  });

  it("npm pack ships the declarations, and a strict consumer compiles `import { equal } from \"derive\"` with no error from derive's files", () => {
    ensureTypes();
    const dir = mkdtempSync(join(tmpdir(), "derive-consumer-"));
    try {
      // the packed tarball, as a registry would serve it (scripts off: dist/ is built above)
      const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: root, encoding: "utf8" });
      expect(pack.status, pack.stderr).toBe(0);
      const [{ filename, files }] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
      const paths = files.map((f) => f.path);
      for (const p of ["dist/index.js", "dist/index.d.ts", "dist/api.d.ts", "dist/check/claim.d.ts", "dist/dsl/derivation.d.ts"]) expect(paths).toContain(p);
      const pkgDir = join(dir, "node_modules/derive");
      mkdirSync(pkgDir, { recursive: true });
      const untar = spawnSync("tar", ["xzf", join(dir, filename), "-C", pkgDir, "--strip-components=1"], { encoding: "utf8" });
      expect(untar.status, untar.stderr).toBe(0);
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022"], types: [], exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noImplicitOverride: true },
          include: ["index.ts"],
        }),
      );
      writeFileSync(
        join(dir, "index.ts"),
        [
          'import { equal, evaluate, grad, derivation, type EqualResult, type StepOptions } from "derive";',
          'const r: EqualResult = equal({ lhs: "tr(A * B)", rhs: "tr(B * A)", let: ["A: n x m", "B: m x n"], seed: 1 });',
          'const v: "proved" | "verified" | "refuted" | "error" = r.verdict;',
          'const x = evaluate({ expr: "A * x", at: { A: [[1, 2], [3, 4]], x: [1, 1] } }).value;',
          'const g: string | null = grad({ expr: "x\' * x", wrt: "x", let: ["x: n"] }).result;',
          'const o: StepOptions = { expect: "shape error" };',
          'export default derivation("consumer", (d) => d.step("1 = 1", o));',
          "export { v, x, g };",
          "",
        ].join("\n"),
      );
      const tsc = spawnSync(process.execPath, [TSC, "-p", dir], { cwd: dir, encoding: "utf8" });
      // no error at all: in particular none from node_modules/derive (its internals are never type-checked)
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
      // and the consumer's own mistakes are still caught through the declarations
      writeFileSync(join(dir, "index.ts"), 'import { equal } from "derive";\nequal({ lhs: 1 });\n');
      const bad = spawnSync(process.execPath, [TSC, "-p", dir], { cwd: dir, encoding: "utf8" });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/^index\.ts\(2,/m);
      expect(bad.stdout).not.toMatch(/node_modules\/derive/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // tsc over every source file (when dist/ is stale) and twice over the consumer: slow on a busy machine
  }, 300_000);
});
