// The built kit (dist/testing.js) from plain Node ESM, as `derive/testing`:
// no TypeScript loader, fast-check resolved as the user's own copy, and
// mathjs loaded only when `as: "mathjs"` asks for it (a clear error without it).

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { ensureBuilt } from "../cli/run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

beforeAll(() => ensureBuilt());

it('import { arbitrary, gradcheck, matches, tensor } from "derive/testing" works in plain Node', () => {
  const script = `
    import fc from "fast-check";
    import { arbitrary, gradcheck, matches, tensor } from "derive/testing";
    const f = ({ x }) => x.reduce((a, v) => a + v * v, 0);
    const right = gradcheck(f, { grad: ({ x }) => ({ x: x.map((v) => 2 * v) }), let: "x: n", seed: 1, numRuns: 10 });
    const wrong = gradcheck(f, { grad: ({ x }) => ({ x: x.map((v) => v) }), at: { x: [1, 2] } });
    const t = gradcheck(({ x }) => x.data[0] * x.data[1], { grad: ({ x }) => ({ x: tensor([x.data[1], x.data[0]], [2]) }), at: { x: tensor(Float32Array.of(3, 4), [2]) } });
    const m = matches(({ A }) => A, "A'", { let: "A: n x n symmetric", seed: 1, numRuns: 10 });
    const sample = fc.sample(arbitrary("p: n simplex", { dims: { n: 3 } }), { numRuns: 1, seed: 1 })[0];
    console.log(JSON.stringify({ right: right.ok, wrong: wrong.ok, cause: wrong.cause, m: m.ok, t: t.ok, n: sample.p.length, vitest: process.env.VITEST ?? null }));
  `;
  const env = { ...process.env };
  delete env.VITEST;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8", env });
  expect(r.stderr).toBe("");
  // outside vitest a failure is returned, not thrown
  expect(JSON.parse(r.stdout)).toEqual({ right: true, wrong: false, cause: expect.stringMatching(/factor of 1\/2/), m: true, t: true, n: 3, vitest: null });
});

it('as: "mathjs" without mathjs installed says to install it, in one line', () => {
  const dir = mkdtempSync(join(tmpdir(), "derive-kit-"));
  try {
    // the kit alone, with fast-check but no mathjs next to it
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(root, "node_modules/fast-check"), join(dir, "node_modules/fast-check"), "dir");
    copyFileSync(join(root, "dist/testing.js"), join(dir, "testing.js"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "user", type: "module", private: true }));
    const script = `
      import fc from "fast-check";
      import { arbitrary } from "./testing.js";
      try { fc.sample(arbitrary("X: n x n", { as: "mathjs" }), 1); console.log("no error"); }
      catch (e) { console.log(e.message); }
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe('as: "mathjs" needs the mathjs package, which is not installed: npm install mathjs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
