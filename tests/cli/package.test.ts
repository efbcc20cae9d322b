// The package entry works from plain Node (no TypeScript loader): the same
// objects as --json, through `import ... from "derive"`.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
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
