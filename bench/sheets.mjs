// Sheets: the wall time of `derive sheet derivations/*.ts --format html` against
// `derive check` on the same files and seed, interleaved (target: at most 1.3x),
// and one PDF printed with a warm Chromium (target: under 3 s) when one is installed.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_SHEETS_RUNS ?? 3);

/**
 * CPU seconds (user + system) used by this process's waited-for children, from
 * /proc/self/stat (cutime, cstime; Linux), or null elsewhere. Wall time on a
 * shared machine moves with everyone's load; the CPU a command used does not.
 */
function childCpu() {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /s, "").split(" ");
    // after "(comm) ", field 3 (state) is index 0, so cutime (16) and cstime (17) are 13 and 14
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

function time(args) {
  const t = performance.now();
  const c = childCpu();
  const r = spawnSync(process.execPath, ["bin/derive.js", ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  const c2 = childCpu();
  return { s: (performance.now() - t) / 1000, cpu: c === null || c2 === null ? null : Number((c2 - c).toFixed(2)), status: r.status };
}

export async function benchSheets(log) {
  const files = fs.readdirSync(path.join(root, "derivations")).filter((f) => f.endsWith(".ts")).map((f) => `derivations/${f}`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "derive-bench-sheets-"));
  const check = [];
  const sheet = [];
  const checkCpu = [];
  const sheetCpu = [];
  const timed = (args, wall, cpu) => {
    const r = time(args);
    wall.push(r.s);
    cpu.push(r.cpu);
  };
  const checkArgs = ["check", ...files, "--reporter", "json", "--seed", "1"];
  const sheetArgs = ["sheet", ...files, "--out", out, "--format", "html", "--seed", "1"];
  // one untimed run of each first: the first run after a build pays for cold
  // caches (the worker bundle, the file system) and would skew whichever came first
  log("sheets: warm-up (not timed): derive check, derive sheet");
  time(checkArgs);
  time(sheetArgs);
  for (let i = 0; i < RUNS; i++) {
    // interleaved, and the order alternates, so a change in the machine's load falls on both
    log(`sheets: run ${i + 1}/${RUNS}`);
    if (i % 2 === 0) {
      timed(checkArgs, check, checkCpu);
      timed(sheetArgs, sheet, sheetCpu);
    } else {
      timed(sheetArgs, sheet, sheetCpu);
      timed(checkArgs, check, checkCpu);
    }
  }
  // the median (the mean of the middle two for an even count: with two runs, not the larger one)
  const med = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const h = s.length >> 1;
    return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
  };
  const result = { files: files.length, runs: RUNS, checkSeconds: check, sheetSeconds: sheet, ratio: Number((med(sheet) / med(check)).toFixed(2)), target: 1.3 };
  result.withinTarget = result.ratio <= result.target;
  // the same ratio in CPU seconds of the whole process tree (workers included): steadier under load
  if (checkCpu.every((x) => x !== null)) {
    Object.assign(result, { checkCpuSeconds: checkCpu, sheetCpuSeconds: sheetCpu, cpuRatio: Number((med(sheetCpu) / med(checkCpu)).toFixed(2)) });
  }
  try {
    const { findChromium, launchChromium } = await import("../dist/sheets-pdf.js");
    const browser = await launchChromium(findChromium());
    const page = await browser.newPage();
    const html = path.join(out, fs.readdirSync(out).find((f) => f.endsWith(".html")));
    await page.goto(`file://${html}`);
    await page.pdf({ path: path.join(out, "warm.pdf"), format: "A4" });
    const t = performance.now();
    await page.goto(`file://${html}`);
    await page.pdf({ path: path.join(out, "one.pdf"), format: "A4" });
    result.pdfWarmSeconds = Number(((performance.now() - t) / 1000).toFixed(2));
    result.pdfWithinTarget = result.pdfWarmSeconds < 3;
    await browser.close();
  } catch (e) {
    result.pdfWarmSeconds = null;
    result.pdfNote = String(e?.message ?? e).split("\n")[0];
  }
  fs.rmSync(out, { recursive: true, force: true });
  return result;
}
