// `derive check`: runs derivation files and collects one outcome per step.
// Files run in worker processes (a few at a time, each worker taking file
// after file); a file that throws, does not parse, crashes its worker or
// loops forever is reported with its cause (the worker is then replaced)
// while the others are still checked; `--timeout` seconds count from the
// moment the worker is ready to load the file. The child is
// this very module (or the bundle it is part of) started with
// DERIVE_CHECK_WORKER=1: see `startWorker` at the end of the file.
//
// The result maps to exactly the JSON object of cli.md ("derive check").

import type { ProofMethod } from "../check/numbers.js";
import { type ChildProcess, spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DeriveError } from "../core/errors.js";
import type { Counterexample } from "../check/claim.js";
import type { Diagnosis } from "../check/diagnose/index.js";
import { freshSeed } from "../numeric/random.js";
import type { Expected } from "../dsl/derivation.js";
import type { Carried } from "../dsl/carried.js";
import type { StepShapeSlip } from "../dsl/shape-slip.js";
import { type FileRef, parseShard, resolveFiles, shard as pickShard } from "../dsl/files.js";
import { LoadError, describeLoadError, loadDerivations } from "../dsl/load.js";
import { type DerivationInfo, describeDerivation } from "../dsl/describe.js";
import { type StepOutcome, type StepVerdict, checkSteps } from "../dsl/run.js";
import { longestFirst, readTimes, timesFile, writeTimes } from "./schedule.js";

export interface CheckOptions {
  /** files and glob patterns (default: derivations/**\/*.ts and .js) */
  readonly files?: readonly string[];
  readonly seed?: number;
  /** samples per claim (default 6) */
  readonly samples?: number;
  /** seconds per step (default 60): a slower step is an error of its own; a file stuck beyond it (plus grace) is ended */
  readonly timeout?: number;
  /** only derivations whose title contains this text (case-insensitive) */
  readonly filter?: string;
  /** stop after the first step that does not meet its expected verdict (files then run one at a time) */
  readonly bail?: boolean;
  /** "i/n": run the i-th of n shards of the sorted files */
  readonly shard?: string | { readonly index: number; readonly count: number };
  /** files checked at once (default: the number of CPUs, at most 4) */
  readonly jobs?: number;
  /** where relative paths and patterns start (default: process.cwd()) */
  readonly cwd?: string;
  /**
   * also carry back what each derivation says besides its steps (title, question,
   * declarations, prose: dsl/describe.ts), for `derive sheet`, which then never
   * loads a file a second time
   */
  readonly describe?: boolean;
}

/** The JSON of cli.md, exactly. */
export interface CheckReport {
  seed: number;
  files: FileReport[];
  summary: { passed: number; failed: number; skipped: number };
}

export interface FileReport {
  file: string;
  error: string | null;
  steps: StepReport[];
}

export interface StepReport {
  line: number;
  derivation: string;
  source: string | null;
  claim: string;
  verdict: StepVerdict;
  expected: Expected;
  ok: boolean;
  detail: string;
  /** for a refuted claim: the point (dims, values, lhs, rhs, text, hint, notes), as `derive equal --json`; else null */
  counterexample: Counterexample | null;
  /** the first counterexample found, before shrinking (check/shrink.ts); null when not refuted */
  counterexampleOriginal: Counterexample | null;
  /** the likely slips of a refuted claim, each re-checked before it is stated; else empty */
  diagnoses: Diagnosis[];
  /** what the slip probably is (a transpose, a sign, a factor), else null */
  hint: string | null;
  /** the source document's lines the step transcribes ("289-293"), or null */
  lines: string | null;
  /** for a proved step: "symbolic", "exact" or "interval" (how it was proved), else null */
  method: ProofMethod | null;
  /** present only for a claim that uses a value a refuted step stated: its verdict with the author's value (dsl/carried.ts) */
  carried?: Carried;
  /** present only for a shape error that one transpose fixes: the fix and the verdict of the claim with it (dsl/shape-slip.ts) */
  shapeSlip?: StepShapeSlip;
}

/** A file's outcome, with what the reporters need beyond the JSON. */
export interface FileOutcome {
  readonly file: string;
  readonly path: string;
  readonly error: string | null;
  readonly steps: readonly StepOutcome[];
  readonly ms: number;
  /** derivations in the file that --filter kept (all of them without a filter); null when the file did not load */
  readonly matched?: number | null;
  /** with `describe`: those derivations' titles, declarations and prose, in order; null when the file did not load */
  readonly derivations?: readonly DerivationInfo[] | null;
}

export interface CheckRun {
  readonly seed: number;
  readonly files: readonly FileOutcome[];
  readonly summary: CheckReport["summary"];
  /** files not run because of --bail */
  readonly notRun: number;
  readonly ms: number;
}

export interface CheckListener {
  /** each file's outcome, in the order of the report, as soon as it and the ones before it are done */
  onFile?(f: FileOutcome): void;
  onProgress?(done: number, total: number, running: readonly string[]): void;
}

export const DEFAULT_TIMEOUT_S = 60;
const WORKER_ENV = "DERIVE_CHECK_WORKER";

/** `import { check } from "derive"`: resolves to the object `derive check --reporter json` prints. */
export async function check(opts: CheckOptions = {}): Promise<CheckReport> {
  return toReport(await runCheck(opts));
}

export async function runCheck(opts: CheckOptions, listener: CheckListener = {}): Promise<CheckRun> {
  const started = Date.now();
  const cwd = opts.cwd ?? process.cwd();
  const seed = opts.seed ?? freshSeed();
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new DeriveError("usage", `seed must be an integer from 0 to ${2 ** 32 - 1}`);
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT_S;
  if (!(timeout > 0)) throw new DeriveError("usage", "timeout must be a positive number of seconds");
  const s = typeof opts.shard === "string" ? parseShard(opts.shard) : (opts.shard ?? null);
  if (s && !(Number.isInteger(s.index) && Number.isInteger(s.count) && s.index >= 1 && s.index <= s.count)) throw new DeriveError("usage", "shard needs 1 <= index <= count");
  const files = pickShard(resolveFiles(opts.files ?? [], cwd), s);
  const jobs = opts.bail ? 1 : Math.max(1, Math.floor(opts.jobs ?? Math.min(4, availableParallelism())));
  const job: Job = { seed, samples: opts.samples, filter: opts.filter ?? null, bail: opts.bail ?? false, timeoutMs: timeout * 1000, cwd, describe: opts.describe ?? false };

  const results: (FileOutcome | undefined)[] = files.map(() => undefined);
  // the longest files first (./schedule.ts); --bail runs them in the order of the report,
  // so that it stops at the first failing file of that order
  const times = timesFile(cwd);
  const order = opts.bail ? files.map((_, i) => i) : longestFirst(files, readTimes(times));
  let emitted = 0;
  let next = 0;
  let stop = false;
  const running = new Set<string>();
  const progress = (): void => listener.onProgress?.(results.filter(Boolean).length, files.length, [...running]);
  const worker = async (): Promise<void> => {
    while (!stop && next < files.length) {
      const i = order[next++]!;
      const f = files[i]!;
      running.add(f.display);
      progress();
      const r = await runFile(f, job);
      running.delete(f.display);
      results[i] = r;
      if (opts.bail && (r.error !== null || r.steps.some((x) => !x.ok))) stop = true;
      for (; emitted < files.length && results[emitted]; emitted++) listener.onFile?.(results[emitted]!);
      progress();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  } finally {
    closeWorkers();
  }
  const done = results.filter((r): r is FileOutcome => r !== undefined);
  if (opts.filter === undefined) writeTimes(times, new Map(done.filter((f) => f.error === null).map((f) => [f.path, f.ms])));
  // a filter that keeps nothing is a typo, not a pass (like a pattern that matches no file);
  // in a shard the title may be in another shard's files, so there it is not an error
  if (opts.filter !== undefined && !s && done.length === files.length && files.length > 0 && done.every((f) => f.error === null && f.matched === 0)) {
    throw new DeriveError("usage", `--filter '${opts.filter}' matches no derivation title in ${done.length} file${done.length === 1 ? "" : "s"}`);
  }
  return { seed, files: done, summary: summarize(done), notRun: files.length - done.length, ms: Date.now() - started };
}

/** passed: met its expected verdict; failed: did not (a file that could not be loaded counts as one); skipped: not checkable. */
export function summarize(files: readonly FileOutcome[]): CheckReport["summary"] {
  const summary = { passed: 0, failed: 0, skipped: 0 };
  for (const f of files) {
    if (f.error !== null) summary.failed++;
    for (const s of f.steps) {
      if (s.verdict === "skipped") summary.skipped++;
      else if (s.ok) summary.passed++;
      else summary.failed++;
    }
  }
  return summary;
}

/** The run as cli.md's JSON object (and nothing more). */
export function toReport(run: CheckRun): CheckReport {
  return {
    seed: run.seed,
    files: run.files.map((f) => ({
      file: f.file,
      error: f.error,
      steps: f.steps.map((s) => ({
        line: s.line,
        derivation: s.derivation,
        source: s.source,
        claim: s.claim,
        verdict: s.verdict,
        expected: s.expected,
        ok: s.ok,
        detail: s.note ? `${s.detail} (note: ${s.note})` : s.detail,
        counterexample: s.counterexample ?? null,
        counterexampleOriginal: s.counterexampleOriginal ?? null,
        diagnoses: s.diagnoses ?? [],
        hint: s.hint ?? null,
        lines: s.lines ?? null,
        method: s.verdict === "proved" ? (s.method ?? null) : null,
        // only for a step that uses a value a refuted step stated (dsl/carried.ts)
        ...(s.carried ? { carried: s.carried } : {}),
        // only for a step that ended in a shape error a single transpose would fix (dsl/shape-slip.ts)
        ...(s.shapeSlip ? { shapeSlip: s.shapeSlip } : {}),
      })),
    })),
    summary: { ...run.summary },
  };
}

/** 0: every step met its expected verdict; 1: some did not; 2: a file could not be loaded. */
export function exitCodeOf(run: CheckRun): number {
  if (run.files.some((f) => f.error !== null)) return 2;
  return run.summary.failed > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// The parent side: a few worker processes, reused from file to file.

interface Job {
  seed: number;
  samples: number | undefined;
  filter: string | null;
  bail: boolean;
  timeoutMs: number;
  cwd: string;
  describe: boolean;
}

/** Messages from a worker. */
type FromWorker =
  | { t: "ready" }
  | { t: "loaded"; count: number; derivations?: DerivationInfo[] }
  | { t: "begin"; line: number }
  | { t: "step"; step: StepOutcome }
  | { t: "error"; message: string }
  | { t: "done" };

/** Messages to a worker. */
interface RunMessage extends Job {
  t: "run";
  file: string;
  /** what `import ... from "derive"` resolves to in the file */
  derive: string;
}

const self = fileURLToPath(import.meta.url);

interface Entry {
  /** the module a worker loads (this one, or a bundle that contains it) */
  readonly module: string;
  /** what `import ... from "derive"` resolves to in a derivation file */
  readonly derive: string;
}

let entry: Promise<Entry> | null = null;

/**
 * From dist/, a worker loads the bundle this module is part of. From src/
 * (tests, a TypeScript loader), loading every source file through jiti costs
 * seconds per worker, so src/index.ts is bundled once per process with
 * esbuild (a dev dependency, present wherever src/ runs) into
 * node_modules/.cache/derive, where the bundle's `import("jiti")` resolves;
 * without esbuild the workers load src/ through jiti.
 */
function workerEntry(): Promise<Entry> {
  entry ??= (async (): Promise<Entry> => {
    if (!/\.[cm]?ts$/.test(self)) {
      // a worker loads the library's own bundle (it holds the checker and this
      // worker code) rather than the bundle that started it: `derive sheet`'s
      // bundle also holds KaTeX and markdown-it, which a worker never uses
      const index = join(dirname(self), "index.js");
      return { module: existsSync(index) ? index : self, derive: index };
    }
    const index = resolve(dirname(self), "../index.ts");
    try {
      const { build } = await import("esbuild");
      const dir = resolve(dirname(self), "../../node_modules/.cache/derive");
      const built = await build({ entryPoints: [index], write: false, outdir: dir, bundle: true, platform: "node", format: "esm", target: "node20", external: ["jiti", "katex", "esbuild"], logLevel: "silent" });
      const code = built.outputFiles[0]!.contents;
      // named by its content: processes share it, and a new one appears only when src/ changes
      const out = join(dir, `check-${createHash("sha1").update(code).digest("hex").slice(0, 16)}.mjs`);
      if (!existsSync(out)) {
        mkdirSync(dir, { recursive: true });
        const tmp = `${out}.${process.pid}.tmp`;
        writeFileSync(tmp, code);
        renameSync(tmp, out);
      }
      return { module: out, derive: out };
    } catch {
      return { module: self, derive: index };
    }
  })();
  return entry;
}

/** What `import ... from "derive"` resolves to in a derivation file (for loading one in this process, as `derive sheet` does). */
export async function deriveEntry(): Promise<string> {
  return (await workerEntry()).derive;
}

/** Loads this module in a fresh process: natively from dist/, through jiti from src/. */
const BOOT = `
const entry = process.env.DERIVE_CHECK_ENTRY;
const fail = (e) => {
  const message = "the worker could not start: " + String((e && e.message) || e).split("\\n")[0];
  try { process.send({ t: "error", message }, () => process.exit(70)); } catch { process.exit(70); }
};
if (/\\.[cm]?ts$/.test(entry)) {
  const { createJiti } = require(process.env.DERIVE_CHECK_JITI);
  createJiti(entry, { interopDefault: false }).import(entry).catch(fail);
} else {
  import(require("node:url").pathToFileURL(entry).href).catch(fail);
}`;

/**
 * A worker process. Workers are reused from file to file (starting one costs
 * about half a second: Node, the bundle, jiti and its transform); a worker
 * whose file timed out or crashed is killed and never reused, so one file's
 * failure still cannot touch the others.
 */
interface Worker {
  readonly child: ChildProcess;
  /** resolves when the worker can take a file; rejects with why it could not start */
  readonly ready: Promise<void>;
  stderr: string;
  dead: boolean;
}

const idle: Worker[] = [];

function spawnWorker(module: string, cwd: string): Worker {
  const child = spawn(process.execPath, ["-e", BOOT], {
    env: { ...process.env, [WORKER_ENV]: "1", DERIVE_CHECK_ENTRY: module, DERIVE_CHECK_JITI: jitiPath() },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    cwd,
  });
  let w!: Worker;
  const ready = new Promise<void>((res, rej) => {
    const onMessage = (m: FromWorker): void => {
      if (m.t === "ready") {
        child.off("message", onMessage);
        res();
      } else if (m.t === "error") rej(new Error(m.message));
    };
    child.on("message", onMessage);
    child.once("exit", (code) => rej(new Error(`the worker exited with code ${code} before it was ready${w.stderr ? `: ${crashCause(w.stderr)}` : ""}`)));
    child.once("error", (e) => rej(e));
  });
  ready.catch(() => undefined);
  w = { child, ready, stderr: "", dead: false };
  child.stderr!.on("data", (b: Buffer) => {
    w.stderr = (w.stderr + b.toString()).slice(-4000);
  });
  child.once("exit", () => {
    w.dead = true;
  });
  return w;
}

/** Ends the idle workers (called when a run is over). */
function closeWorkers(): void {
  for (const w of idle.splice(0)) if (!w.dead) w.child.kill("SIGKILL");
}

async function runFile(f: FileRef, job: Job): Promise<FileOutcome> {
  const { module, derive } = await workerEntry();
  const started = Date.now();
  const steps: StepOutcome[] = [];
  let w: Worker | undefined;
  while ((w = idle.pop()) && w.dead);
  try {
    w ??= spawnWorker(module, job.cwd);
  } catch (e) {
    return { file: f.display, path: f.path, error: `cannot start a worker: ${(e as Error).message}`, steps, ms: 0 };
  }
  const worker = w;
  // starting the checker itself is not the file's time, but must not hang either
  let startTimer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      worker.ready,
      new Promise<void>((_, rej) => {
        startTimer = setTimeout(() => rej(new Error("the worker did not start")), Math.max(60_000, job.timeoutMs));
      }),
    ]);
  } catch (e) {
    clearTimeout(startTimer);
    worker.child.kill("SIGKILL");
    return { file: f.display, path: f.path, error: (e as Error).message, steps, ms: Date.now() - started };
  }
  clearTimeout(startTimer);
  const child = worker.child;
  worker.stderr = "";
  return new Promise((done) => {
    let error: string | null = null;
    let finished = false;
    let loaded = false;
    let line: number | null = null;
    let matched: number | null = null;
    let described: DerivationInfo[] | null = null;
    const seconds = job.timeoutMs / 1000;
    const finish = (why: string | null, reusable: boolean): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (reusable && !worker.dead) idle.push(worker);
      else if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      done({ file: f.display, path: f.path, error: error ?? why, steps, ms: Date.now() - started, matched, ...(job.describe ? { derivations: described } : {}) });
    };
    // --timeout is per step: the worker ends a slow step itself (an error for
    // that step, src/core/deadline.ts); this timer, restarted at each step
    // with some grace, ends a worker stuck where no deadline is checked
    const expire = (): void =>
      finish(
        loaded
          ? `timed out after ${seconds} s while checking the step at line ${line ?? "?"} (--timeout ${seconds})`
          : `timed out after ${seconds} s while loading the file (--timeout ${seconds})`,
        false,
      );
    const grace = (): number => job.timeoutMs + Math.max(2000, job.timeoutMs / 2);
    let timer = setTimeout(expire, grace());
    const onMessage = (m: FromWorker): void => {
      switch (m.t) {
        case "loaded":
          loaded = true;
          matched = m.count;
          described = m.derivations ?? null;
          return;
        case "begin":
          line = m.line;
          clearTimeout(timer);
          timer = setTimeout(expire, grace());
          return;
        case "step":
          steps.push(m.step);
          return;
        case "error":
          error = m.message;
          return;
        case "done":
          finish(null, true);
          return;
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      // a message sent just before exit may still be in flight: let it arrive
      setImmediate(() => {
        if (finished) return;
        const cause = crashCause(worker.stderr);
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        finish(`the process ${how} while ${loaded ? `checking the step at line ${line ?? "?"}` : "loading the file"}${cause ? `: ${cause}` : ""}`, false);
      });
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
    const run: RunMessage = { t: "run", file: f.path, derive, ...job };
    child.send(run);
  });
}

function jitiPath(): string {
  return createRequire(import.meta.url).resolve("jiti");
}

/** The line of a crash's stderr that says what happened (`Error: boom`), else its last line. */
function crashCause(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(?:Uncaught )?[A-Z]\w*(?:Error|Exception)\b/.test(l)) ?? lines[lines.length - 1] ?? "";
}

// ---------------------------------------------------------------------------
// The worker side: loads one file, checks its derivations, reports each step.

async function startWorker(): Promise<void> {
  const send = (m: FromWorker): Promise<void> => new Promise((res) => process.send!(m, () => res()));
  // a derivation file's own asynchronous failure ends the file, with its cause
  const fatal = (what: string) => (e: unknown) => void send({ t: "error", message: `${what}: ${describeLoadError(e, "")}` }).then(() => process.exit(1));
  process.on("uncaughtException", fatal("uncaught exception"));
  process.on("unhandledRejection", fatal("unhandled rejection"));
  // one file at a time; the parent sends the next file after "done"
  process.on("message", (m: RunMessage) => {
    void work(m, send).then(
      () => send({ t: "done" }),
      (e) => send({ t: "error", message: describeLoadError(e, m.file) }).then(() => send({ t: "done" })),
    );
  });
  // the parent going away ends the worker
  process.on("disconnect", () => process.exit(0));
  // load jiti and its TypeScript transform now, so that --timeout counts the file's own time
  try {
    const { createJiti } = await import("jiti");
    createJiti(self).transform({ source: "export const warm: number = 1;", filename: "warm.ts", ts: true });
  } catch {
    // loading the file will report it
  }
  await send({ t: "ready" });
}

async function work(m: RunMessage, send: (m: FromWorker) => Promise<void>): Promise<void> {
  let derivations;
  try {
    derivations = await loadDerivations(m.file, m.derive);
  } catch (e) {
    await send({ t: "error", message: e instanceof LoadError ? e.message : describeLoadError(e, m.file) });
    return;
  }
  const filter = m.filter?.toLowerCase() ?? null;
  const chosen = filter === null ? derivations : derivations.filter((d) => d.title.toLowerCase().includes(filter));
  await send({ t: "loaded", count: chosen.length, ...(m.describe ? { derivations: chosen.map(describeDerivation) } : {}) });
  for (const d of chosen) {
    const steps = checkSteps(d, { seed: m.seed, samples: m.samples, timeout: m.timeoutMs / 1000, onBegin: (line) => void send({ t: "begin", line }) });
    for (const s of steps) {
      await send({ t: "step", step: s });
      if (m.bail && !s.ok) return;
    }
  }
}

if (process.env[WORKER_ENV] === "1" && typeof process.send === "function") {
  // once: a derivation file that imports "derive" loads this module again
  delete process.env[WORKER_ENV];
  void startWorker();
}
