// examples/testing: the plain-TypeScript model and its test file, run as a
// user runs them (vitest, with derive/testing and derive/vitest resolved to
// the built bundles by the example's own config).

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { ensureBuilt } from "../cli/run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
beforeAll(() => ensureBuilt());

it("the example model's backward passes pass its kit tests", () => {
  const r = spawnSync(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "examples/testing/vitest.config.mjs", "--maxWorkers=1"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", VITEST: undefined, VITEST_WORKER_ID: undefined, VITEST_POOL_ID: undefined },
    timeout: 240_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  expect(r.status, out.slice(-3000)).toBe(0);
  expect(out).toMatch(/Tests\s+6 passed \(6\)/);
}, 300_000);
