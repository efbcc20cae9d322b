// Runs the built CLI (dist/, via bin/derive.js) as a user would, once per call.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
let built = false;

/** Builds dist/ once per test process so the CLI under test is the current source. */
export function ensureBuilt(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  built = true;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function derive(...args: string[]): Run {
  ensureBuilt();
  const r = spawnSync(process.execPath, ["bin/derive.js", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
