// The packed package in a user's project: `npm pack` the repository, install
// the tarball with vitest, fast-check and typescript from the registry (the
// local npm cache first) into a project outside it, and use exactly the
// spec's imports there. Failures are loud: a registry that cannot be reached
// fails this test, it never skips.

import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../cli/run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "derive-pack-"));
const user = join(work, "user");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const version = (pkg: string): string => (JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;

const run = (cmd: string, args: string[], cwd: string, timeout = 240_000): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout,
    // the user's own vitest run, not a child of this one
    env: { ...process.env, NO_COLOR: "1", VITEST: undefined, VITEST_WORKER_ID: undefined, VITEST_POOL_ID: undefined, NODE_OPTIONS: undefined },
  });

const show = (r: SpawnSyncReturns<string>): string => `exit ${r.status}${r.error ? ` (${r.error.message})` : ""}\n--- stdout\n${r.stdout?.slice(-3000)}\n--- stderr\n${r.stderr?.slice(-3000)}`;

/** dist/**\/*.d.ts are written by tsc (npm run build); rebuilt here when src/ is newer. */
function ensureTypes(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const dts = join(root, "dist/vitest/index.d.ts");
  if (existsSync(dts) && statSync(dts).mtimeMs > newest(join(root, "src"))) return;
  const r = run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], root);
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${show(r)}`);
}

// the user's code: a loss and its gradient, written right and with the classic slip (a factor 2)
const MODEL = `
type M = number[][];
const mv = (W: M, x: number[]): number[] => W.map((r) => r.reduce((s, w, j) => s + w * x[j]!, 0));
export const loss = ({ W, x }: { W: M; x: number[] }): number => mv(W, x).reduce((s, v) => s + v * v, 0) / 2;
export const right = ({ W, x }: { W: M; x: number[] }) => ({ W: mv(W, x).map((h) => x.map((xj) => h * xj)) });
export const wrong = ({ W, x }: { W: M; x: number[] }) => ({ W: mv(W, x).map((h) => x.map((xj) => 2 * h * xj)) });
`;

const RIGHT = `
import { expect, it } from "vitest";
import fc from "fast-check";
import { arbitrary, gradcheck, matches, tensor } from "derive/testing";
import "derive/vitest";
import { loss, right } from "./model.js";

it("the right gradient passes every check", () => {
  expect(loss).toHaveGradient(right, { let: "W: n x m; x: m", wrt: ["W"], seed: 11 });
  const r = gradcheck(loss, { grad: right, let: "W: n x m; x: m", wrt: ["W"], throws: false, seed: 11 });
  expect(r.ok).toBe(true);
  expect(([[1, 2], [3, 4]])).toBeCloseToTensor(tensor([1, 2, 3, 4], [2, 2]));
  expect("tr(A * B) = tr(B * A)").toHold({ let: "A: n x m; B: m x n" });
  expect(({ X, A }: { X: number[][]; A: number[][] }) => X.map((r, i) => r.map((_, j) => X.reduce((s, xr, k) => s + (A[i]![k]! + A[k]![i]!) * xr[j]!, 0))))
    .toMatchExpression("grad(tr(X' * A * X), X)", { let: "X: n x m; A: n x n" });
  matches(({ X }: { X: number[][] }) => X.map((r) => r.map((v) => 2 * v)), "2 * X", { let: "X: n x m" });
  fc.assert(fc.property(arbitrary("S: n x n spd"), ({ S }) => (S as number[][])[0]![0]! > 0), { numRuns: 20 });
});
`;

const WRONG = `
import { expect, it } from "vitest";
import "derive/vitest";
import { loss, wrong } from "./model.js";

it("the wrong gradient", () => {
  expect(loss).toHaveGradient(wrong, { let: "W: n x m; x: m", wrt: ["W"], seed: 11, dims: { n: [2, 3], m: [2, 3] } });
});
`;

describe("the packed package in a user's project", () => {
  beforeAll(() => {
    ensureBuilt();
    ensureTypes();
    const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], root);
    if (pack.status !== 0) throw new Error(`npm pack failed\n${show(pack)}`);
    const [{ filename }] = JSON.parse(pack.stdout) as { filename: string }[];
    mkdirSync(user);
    writeFileSync(join(user, "package.json"), JSON.stringify({ name: "derive-user", private: true, type: "module" }));
    const deps = [join(work, filename), `vitest@${version("vitest")}`, `fast-check@${version("fast-check")}`, `typescript@${version("typescript")}`];
    const install = run("npm", ["install", ...deps, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], user);
    // loud, never skipped: CI reaches the registry, and a local run has the packages in its npm cache
    if (install.status !== 0) throw new Error(`npm install in the user project failed (is the npm registry or cache reachable?)\n${show(install)}`);
    writeFileSync(join(user, "model.ts"), MODEL);
    writeFileSync(join(user, "right.test.ts"), RIGHT);
    writeFileSync(join(user, "wrong.test.ts"), WRONG);
  }, 300_000);

  it("right gradient code passes a suite written with derive/testing and derive/vitest", () => {
    const r = run("npx", ["vitest", "run", "right.test.ts"], user);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/Tests\s+1 passed/);
  });

  it("wrong gradient code fails, the message naming the entry, both values, the likely cause and the seed", () => {
    const r = run("npx", ["vitest", "run", "wrong.test.ts"], user);
    expect(r.status, show(r)).toBe(1);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).toMatch(/entry W\[\d\]\[\d\]: analytic -?[\d.e-]+, numeric -?[\d.e-]+/);
    expect(out).toMatch(/factor of 2/);
    expect(out).toMatch(/seed: 11 \(pass \{ seed: 11 \} to replay\)/);
  });

  it("plain Node ESM imports derive/testing (and derive/vitest's types are real)", () => {
    const script = `
      import { gradcheck, tensor, arbitrary, matches } from "derive/testing";
      const r = gradcheck(({ x }) => x * x, { grad: ({ x }) => ({ x: 2 * x }), at: { x: 3 }, throws: false });
      console.log(JSON.stringify({ ok: r.ok, shape: tensor([1, 2, 3, 4], [2, 2]).shape, kinds: [typeof arbitrary, typeof matches] }));
    `;
    const r = run(process.execPath, ["--input-type=module", "-e", script], user);
    expect(r.status, show(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, shape: [2, 2], kinds: ["function", "function"] });
  });

  it("types resolve: the suites type-check under strict NodeNext, and a wrong matcher option is a type error", () => {
    writeFileSync(
      join(user, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"], skipLibCheck: true, types: [] }, include: ["*.ts"] }),
    );
    const ok = run(process.execPath, [join(user, "node_modules/typescript/bin/tsc"), "-p", "."], user);
    expect(ok.status, show(ok)).toBe(0);
    writeFileSync(join(user, "typo.ts"), `import { expect } from "vitest";\nimport "derive/vitest";\nexpect("x = x").toHold({ let: 5 });\nexpect(1).toBeCloseToTensor(1, { rtol: "tight" });\n`);
    const bad = run(process.execPath, [join(user, "node_modules/typescript/bin/tsc"), "-p", "."], user);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/typo\.ts\(3,/);
    expect(bad.stdout).toMatch(/typo\.ts\(4,/);
    rmSync(join(user, "typo.ts"));
  });
});
