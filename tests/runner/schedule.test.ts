// runner/schedule.ts: `derive check` hands the longest files to its workers
// first (times of the last run, else the size in bytes), and the report is the
// same whatever the order and the number of workers: byte for byte, since the
// JSON carries no durations.

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { longestFirst, readTimes, timesFile, writeTimes } from "../../src/runner/schedule.js";
import { ensureBuilt } from "../cli/run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ref = (path: string) => ({ path, display: path });

describe("longestFirst", () => {
  const files = ["/a.ts", "/b.ts", "/c.ts", "/d.ts"].map(ref);
  const bytes: Record<string, number> = { "/a.ts": 100, "/b.ts": 300, "/c.ts": 200, "/d.ts": 300 };
  const size = (p: string): number => bytes[p]!;

  it("orders by the last run's times, longest first", () => {
    const times = new Map([["/a.ts", 50], ["/b.ts", 10], ["/c.ts", 900], ["/d.ts", 20]]);
    expect(longestFirst(files, times, size)).toEqual([2, 0, 3, 1]);
  });

  it("estimates a file not timed yet from its size, ties in sorted order", () => {
    expect(longestFirst(files, new Map(), size)).toEqual([1, 3, 2, 0]);
  });

  it("puts a file not timed yet before a timed one of the same estimate", () => {
    // /b.ts is estimated at 300 bytes * 0.1 ms = 30 ms, the same as /d.ts's time
    expect(longestFirst(files, new Map([["/d.ts", 30], ["/a.ts", 1], ["/c.ts", 1]]), size).slice(0, 2)).toEqual([1, 3]);
  });

  it("is a permutation of the indices", () => {
    const order = longestFirst(files, new Map([["/a.ts", 5]]), size);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe("the times file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "derive-times-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is kept only where node_modules exists", () => {
    expect(timesFile(dir)).toBeNull();
    mkdirSync(join(dir, "node_modules"));
    expect(timesFile(dir)).toBe(join(dir, "node_modules", ".cache", "derive", "check-times.json"));
  });

  it("merges each run's times into the last ones", () => {
    const f = timesFile(dir)!;
    writeTimes(f, new Map([["/x.ts", 12], ["/y.ts", 7]]));
    writeTimes(f, new Map([["/y.ts", 9]]));
    expect(readTimes(f)).toEqual(new Map([["/x.ts", 12], ["/y.ts", 9]]));
  });

  it("reads a damaged file as no times", () => {
    const f = timesFile(dir)!;
    writeFileSync(f, "{ not json");
    expect(readTimes(f)).toEqual(new Map());
    writeFileSync(f, JSON.stringify({ "/a.ts": "slow", "/b.ts": -1, "/c.ts": 3 }));
    expect(readTimes(f)).toEqual(new Map([["/c.ts", 3]]));
  });
});

describe("derive check: the same report whatever the order and the number of workers", () => {
  let dir: string;
  const names = ["carried.ts", "fail.ts", "pass.ts", "steps-order.ts"];
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), "derive-order-"));
    for (const n of names) copyFileSync(join(root, "tests/fixtures/derivations", n), join(dir, n));
  }, 120_000); // the build, under load, can take more than the default 10 s
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(root, "bin/derive.js"), "check", ...names, "--reporter", "json", "--seed", "1", ...args], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("one worker in sorted order, two workers longest first (the last file timed longest): identical JSON", () => {
    const serial = check("--jobs", "1");
    expect(serial.stderr).toBe("");
    const report = JSON.parse(serial.stdout) as { files: { file: string; steps: unknown[] }[] };
    expect(report.files.map((f) => f.file)).toEqual(names);
    expect(report.files.every((f) => f.steps.length > 0)).toBe(true);
    // make the last file of the report the first to run
    mkdirSync(join(dir, "node_modules/.cache/derive"), { recursive: true });
    const times = timesFile(dir)!;
    writeFileSync(times, JSON.stringify(Object.fromEntries(names.map((n, i) => [join(dir, n), i === names.length - 1 ? 1e6 : i]))));
    const parallel = check("--jobs", "2");
    expect(parallel.code).toBe(serial.code);
    expect(parallel.stdout).toBe(serial.stdout);
    // the run wrote its own times over the made-up ones
    const after = readTimes(times);
    expect(after.get(join(dir, names[names.length - 1]!))).toBeLessThan(1e6);
    expect(names.every((n) => after.has(join(dir, n)))).toBe(true);
  });
});
