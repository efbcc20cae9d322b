// Every example in docs/language.md, docs/cli.md and docs/symbolic.md, and
// every example the contracts (spec/language.md, spec/cli.md) state, behaves
// as written; docs/symbolic.md names every rewrite rule the engine has.
//
// Doc examples are fenced `sh` blocks of `derive ...` command lines, each
// followed by expectation comments:
//   # -> verified|refuted|error|proved   the verdict (and so the exit code)
//   # => text                            the first line of stdout, exactly
//   # contains: text                     stdout + stderr contain text
//   # exit N                             the exit code
//   # json: {...}                        the --json output contains these fields
// A `text` or `json` block right after a one-command `sh` block is that
// command's exact output. The command line is split into argv here (no
// shell) and run through the built CLI: in process, by calling the `main` of
// dist/cli.js (what bin/derive.js calls) with captured output, so that two
// hundred examples take seconds; with DERIVE_DOCS_SPAWN=1, each in its own
// `node bin/derive.js` process.
//
// Contract examples are hand-picked below: language examples through the
// library (the same engine, in process), command-line ones through real
// `node bin/derive.js` processes (exit codes, `--`, --json, --seed, the API
// from plain Node).

import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { equal, evaluate, grad } from "../../src/api.js";
import { jvpOverrides } from "../../src/symbolic/diff.js";
import { RULES } from "../../src/symbolic/rules.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(ROOT, "bin", "derive.js");
const CLI = path.join(ROOT, "dist", "cli.js");
const SPAWN_ALL = process.env.DERIVE_DOCS_SPAWN === "1";
const DOCS = ["docs/language.md", "docs/cli.md", "docs/symbolic.md"] as const;

// ---------------------------------------------------------------------------
// Build once, when dist/ is missing or older than src/.

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const outs = ["dist/cli.js", "dist/index.js"].map((f) => path.join(ROOT, f));
  const built = outs.every(existsSync) ? Math.min(...outs.map((f) => statSync(f).mtimeMs)) : 0;
  if (built > newestMtime(path.join(ROOT, "src"))) return;
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, encoding: "utf8", shell: false });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
}

interface Io {
  out(s: string): void;
  err(s: string): void;
}
type Main = (argv: string[], io: Io) => Promise<number>;
let cliMain: Main | null = null;

beforeAll(async () => {
  ensureBuilt();
  const mod = (await import(pathToFileURL(CLI).href)) as { main: Main };
  cliMain = mod.main;
}, 60_000);

// ---------------------------------------------------------------------------
// Running the CLI.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(argv: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd: ROOT, shell: false, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The built CLI's entry point, in this process: what bin/derive.js does, with stdout/stderr captured. */
async function runInProcess(argv: readonly string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await cliMain!([...argv], { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

/** Runs a documented command: in process by default, in a child process with DERIVE_DOCS_SPAWN=1. */
const runDoc = (argv: readonly string[]): Promise<Run> => (SPAWN_ALL ? runCli(argv) : runInProcess(argv));

/** Splits a command line as sh does for the quoting used in the docs: '...', "..." (with \" \\ \$ \`), \x. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === " " || c === "\t") {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && '"\\$`'.includes(line[j + 1] ?? "")) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new Error(`unterminated " in: ${line}`);
      i = j;
    } else if (c === "\\") {
      cur += line[++i] ?? "";
    } else cur += c;
  }
  if (inWord) out.push(cur);
  return out;
}

// ---------------------------------------------------------------------------
// Reading the examples out of the docs.

type Expectation =
  | { kind: "verdict"; verdict: "proved" | "verified" | "refuted" | "error" }
  | { kind: "first"; text: string }
  | { kind: "contains"; text: string }
  | { kind: "exit"; code: number }
  | { kind: "json"; value: unknown };

interface DocExample {
  file: string;
  line: number;
  command: string;
  argv: string[];
  expect: Expectation[];
  output: { lang: "text" | "json"; body: string; line: number } | null;
}

interface Fence {
  lang: string;
  line: number;
  body: string[];
  /** index of the first line after the closing fence */
  next: number;
}

function fences(lines: readonly string[]): Fence[] {
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(Math.min(indent, lines[j]!.search(/\S|$/))));
    if (j >= lines.length) throw new Error(`unclosed code fence at line ${i + 1}`);
    out.push({ lang: open[2]!, line: i + 1, body, next: j + 1 });
    i = j;
  }
  return out;
}

function parseExpectation(text: string, where: string): Expectation {
  let m: RegExpExecArray | null;
  if ((m = /^# -> (proved|verified|refuted|error)$/.exec(text))) return { kind: "verdict", verdict: m[1] as "verified" };
  if ((m = /^# => (.*)$/.exec(text))) return { kind: "first", text: m[1]! };
  if ((m = /^# contains: (.*)$/.exec(text))) return { kind: "contains", text: m[1]! };
  if ((m = /^# exit (\d+)$/.exec(text))) return { kind: "exit", code: Number(m[1]) };
  if ((m = /^# json: (.*)$/.exec(text))) return { kind: "json", value: JSON.parse(m[1]!) };
  throw new Error(`${where}: unknown expectation '${text}'`);
}

function docExamples(file: string): DocExample[] {
  const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const fs = fences(lines);
  const out: DocExample[] = [];
  fs.forEach((f, k) => {
    if (f.lang !== "sh") return;
    const mine: DocExample[] = [];
    f.body.forEach((raw, i) => {
      const text = raw.trim();
      const where = `${file}:${f.line + 1 + i}`;
      if (text === "") return;
      if (text.startsWith("derive ") || text === "derive") {
        const argv = splitCommandLine(text).slice(1);
        mine.push({ file, line: f.line + 1 + i, command: text, argv, expect: [], output: null });
      } else if (text.startsWith("#")) {
        const last = mine[mine.length - 1];
        if (!last) throw new Error(`${where}: expectation before any command`);
        last.expect.push(parseExpectation(text, where));
      } else throw new Error(`${where}: a sh example line must be a derive command or an expectation: ${text}`);
    });
    const after = fs[k + 1];
    const adjacent = after && lines.slice(f.next, after.line - 1).every((l) => l.trim() === "");
    if (adjacent && (after.lang === "text" || after.lang === "json")) {
      if (mine.length !== 1) throw new Error(`${file}:${after.line}: an output block must follow a one-command sh block`);
      mine[0]!.output = { lang: after.lang, body: after.body.join("\n"), line: after.line };
    }
    out.push(...mine);
  });
  return out;
}

// ---------------------------------------------------------------------------
// Comparing.

/** Deep equality with numbers compared to 1e-9 (absolute and relative). */
function approxEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => approxEqual(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return approxEqual(ka, kb) && ka.every((k) => approxEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** Does `actual` contain every field of `expected` (objects recursively; other values equal)? */
function contains(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    if (!actual || typeof actual !== "object") return false;
    return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
  }
  return approxEqual(actual, expected);
}

const EXIT: Record<string, number> = { proved: 0, verified: 0, refuted: 1, error: 2 };

function checkExample(ex: DocExample, r: Run): void {
  const both = `${r.stdout}\n${r.stderr}`;
  const ctx = `${ex.file}:${ex.line}: ${ex.command}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
  const json = (): unknown => {
    try {
      return JSON.parse(r.stdout);
    } catch {
      throw new Error(`stdout is not JSON\n${ctx}`);
    }
  };
  expect(ex.expect.length + (ex.output ? 1 : 0), `${ex.file}:${ex.line}: example without an expectation`).toBeGreaterThan(0);
  for (const e of ex.expect) {
    switch (e.kind) {
      case "verdict":
        expect(r.code, ctx).toBe(EXIT[e.verdict]);
        if (ex.argv.includes("--json")) expect((json() as { verdict?: string }).verdict, ctx).toBe(e.verdict);
        else if (e.verdict === "error") expect(r.stderr.trim(), ctx).not.toBe("");
        else expect(r.stdout.startsWith(`${e.verdict}: `), ctx).toBe(true);
        break;
      case "first":
        expect(r.stdout.split("\n")[0]!.trimEnd(), ctx).toBe(e.text);
        break;
      case "contains":
        expect(both.includes(e.text), `expected the output to contain: ${e.text}\n${ctx}`).toBe(true);
        break;
      case "exit":
        expect(r.code, ctx).toBe(e.code);
        break;
      case "json":
        expect(contains(json(), e.value), `expected the JSON to contain ${JSON.stringify(e.value)}\n${ctx}`).toBe(true);
        break;
    }
  }
  if (ex.output?.lang === "text") {
    const want = ex.output.body.split("\n").map((l) => l.trimEnd());
    const got = r.stdout.replace(/\n$/, "").split("\n").map((l) => l.trimEnd());
    expect(got.length, ctx).toBe(want.length);
    want.forEach((w, i) => {
      if (w.endsWith("...")) expect(got[i]!.startsWith(w.slice(0, -3)), ctx).toBe(true);
      else expect(got[i], ctx).toBe(w);
    });
  } else if (ex.output?.lang === "json") {
    const want: unknown = JSON.parse(ex.output.body);
    expect(approxEqual(json(), want), `the output differs from the json block at ${ex.file}:${ex.output.line}\n${ctx}`).toBe(true);
  }
}

// ---------------------------------------------------------------------------
// The docs.

describe("splitCommandLine", () => {
  it("splits like sh for the quoting the docs use", () => {
    expect(splitCommandLine(`derive equal "x' * y" 'a "b"' --let "X: n x n; y: n" -- "-x"`)).toEqual([
      "derive", "equal", "x' * y", 'a "b"', "--let", "X: n x n; y: n", "--", "-x",
    ]);
    expect(splitCommandLine(`derive eval "say \\"hi\\"" a\\ b`)).toEqual(["derive", "eval", 'say "hi"', "a b"]);
  });
});

for (const file of DOCS) {
  const examples = docExamples(file);
  describe.concurrent(file, () => {
    it("has runnable examples", () => {
      expect(examples.length).toBeGreaterThan(10);
    });
    for (const ex of examples) {
      it(`line ${ex.line}: ${ex.command}`, async () => {
        checkExample(ex, await runDoc(ex.argv));
      });
    }
  });
}

describe("docs/symbolic.md: the rules", () => {
  /** Rule names in the tables of the section "The rules". */
  function documentedRules(): string[] {
    const text = readFileSync(path.join(ROOT, "docs/symbolic.md"), "utf8");
    const start = text.indexOf("\n## The rules\n");
    const end = text.indexOf("\n## ", start + 1);
    expect(start, "docs/symbolic.md has a section ## The rules").toBeGreaterThan(0);
    return [...text.slice(start, end).matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
  }
  /** Rule names the engine's source can report (as tests/symbolic/rules.test.ts finds them). */
  function firedRules(): Set<string> {
    const dir = path.join(ROOT, "src/symbolic");
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(path.join(dir, f), "utf8");
      for (const m of text.matchAll(/rule\("([a-z0-9-]+)"\)/g)) used.add(m[1]!);
      for (const m of text.matchAll(/rule: "([a-z0-9-]+)"/g)) used.add(m[1]!);
    }
    return used;
  }
  it("lists every rule of src/symbolic/rules.ts once, and no other", () => {
    const listed = documentedRules();
    expect(new Set(listed).size, `a rule is listed twice: ${listed.join(", ")}`).toBe(listed.length);
    expect([...listed].sort()).toEqual(RULES.map((r) => r.name).sort());
  });
  it("lists every rule name the engine can report", () => {
    const listed = new Set(documentedRules());
    for (const name of firedRules()) expect(listed.has(name), `rule ${name} is not in docs/symbolic.md`).toBe(true);
    for (const f of ["sigmoid", "tanh", "sin", "cos", "abs", "softplus", "relu"]) expect(listed.has(`${f}-reflection`)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// The contract: spec/language.md, example by example (through the library).

const ACCEPTED = ["proved", "verified"];

function holds(claim: string, lets: string[] = [], extra: { seed?: number; samples?: number } = {}): void {
  const r = equal({ claim, let: lets, seed: extra.seed ?? 1, samples: extra.samples });
  expect(ACCEPTED, `${claim} [${lets.join("; ")}]: ${r.detail}`).toContain(r.verdict);
}

function sides(lhs: string, rhs: string, lets: string[] = [], extra: { seed?: number; samples?: number } = {}): void {
  const r = equal({ lhs, rhs, let: lets, seed: extra.seed ?? 1, samples: extra.samples });
  expect(ACCEPTED, `${lhs} = ${rhs} [${lets.join("; ")}]: ${r.detail}`).toContain(r.verdict);
}

function refuted(claim: string, lets: string[] = [], seed = 1): void {
  const r = equal({ claim, let: lets, seed });
  expect(r.verdict, `${claim}: ${r.detail}`).toBe("refuted");
  expect(r.counterexample).not.toBeNull();
}

function fails(claim: string, lets: string[], message: string | RegExp): void {
  const r = equal({ claim, let: lets, seed: 1 });
  expect(r.verdict, `${claim}: ${r.detail}`).toBe("error");
  if (typeof message === "string") expect(r.error!.message).toContain(message);
  else expect(r.error!.message).toMatch(message);
}

function value(expr: string, lets: string[] = [], at: Record<string, string> = {}): unknown {
  const r = evaluate({ expr, let: lets, at, seed: 1 });
  expect(r.error, expr).toBeNull();
  return r.value;
}

function shapeOf(expr: string, lets: string[] = [], seed = 1): [number, number] {
  const r = evaluate({ expr, let: lets, seed });
  expect(r.error, expr).toBeNull();
  return r.shape!;
}

describe("spec/language.md: declarations", () => {
  it("X: n x n is a square matrix with a symbolic dimension", () => {
    const [r, c] = shapeOf("X", ["X: n x n"]);
    expect(r).toBe(c);
    expect(r).toBeGreaterThanOrEqual(3);
  });
  it("A, B: n x m declares several names at once", () => {
    sides("A + B", "B + A", ["A, B: n x m"]);
    sides("A' * B", "(B' * A)'", ["A, B: n x m"]);
  });
  it("x: n is a column vector (an n x 1 matrix)", () => {
    expect(shapeOf("x", ["x: n"])[1]).toBe(1);
    sides("x' * x", "sum(x .* x)", ["x: n"]);
  });
  it("a: scalar is a scalar, and not reported as assumed", () => {
    expect(shapeOf("a", ["a: scalar"])).toEqual([1, 1]);
    expect(equal({ lhs: "a", rhs: "a", let: ["a: scalar"], seed: 1 }).assumptions).toEqual([]);
  });
  it("S: n x n spd: properties follow the shape", () => {
    holds("x' * S * x > 0", ["S: n x n spd", "x: n"]);
  });
  it("W: 4 x 3 and 4x3 are concrete dimensions", () => {
    expect(shapeOf("W", ["W: 4 x 3"])).toEqual([4, 3]);
    expect(shapeOf("W", ["W: 4x3"])).toEqual([4, 3]);
  });
  it("r: 1 x n is a row", () => {
    const [r, c] = shapeOf("r", ["r: 1 x n"]);
    expect(r).toBe(1);
    expect(c).toBeGreaterThanOrEqual(3);
  });
  it("k: integer is an integer scalar sampled from {1, 2}", () => {
    holds("(k - 1) * (k - 2) = 0", ["k: integer"], { samples: 30 });
    refuted("k = 1", ["k: integer"]);
    refuted("k = 2", ["k: integer"]);
  });
  it("several declarations in one string, separated by ;", () => {
    sides("A * B * x", "A * (B * x)", ["A: n x m; B: m x p; x: p"]);
  });
  it("an undeclared name is a scalar, and the assumption is reported", () => {
    const r = equal({ lhs: "t + 1", rhs: "1 + t", seed: 1 });
    expect(r.verdict).toBe("proved");
    expect(r.assumptions).toEqual(["t: scalar"]);
  });
  it("each property restricts the points sampled", () => {
    holds("S = S'", ["S: n x n symmetric"]);
    holds("x' * S * x > 0", ["S: n x n spd", "x: n"]);
    holds("S = S'", ["S: n x n spd"]);
    holds("inv(X) * X = I", ["X: n x n invertible"]);
    holds("Q' * Q = I", ["Q: n x n orthogonal"]);
    holds("Q * Q' = I", ["Q: n x n orthogonal"]);
    holds("D = diag(diag(D))", ["D: n x n diagonal"]);
    holds("A > 0", ["A: n x m positive"]);
    holds("A >= 0", ["A: n x m nonnegative"]);
    holds("p > 0", ["p: n simplex"]);
    holds("sum(p) = 1", ["p: n simplex"]);
    holds("x .* x = x", ["x: n onehot"]);
    holds("sum(x) = 1", ["x: n onehot"]);
  });
  it("a square property on a non-square shape is an error", () => {
    for (const p of ["symmetric", "spd", "invertible", "orthogonal", "diagonal"]) {
      fails("S = S", [`S: n x m ${p}`], `${p} needs a square shape, not n x m`);
    }
  });
  it("simplex / onehot on a non-vector is an error", () => {
    fails("P = P", ["P: n x n simplex"], "simplex applies to vectors only");
    fails("P = P", ["P: n x m onehot"], "onehot applies to vectors only");
  });
  it("derivatives are the unconstrained partials, even for a symmetric X", () => {
    sides("grad(tr(A * X), X)", "A'", ["A: n x n", "X: n x n symmetric"]);
    refuted("grad(tr(A * X), X) = A + A' - diag(diag(A))", ["A: n x n", "X: n x n symmetric"]);
  });
});

describe("spec/language.md: shapes", () => {
  it("a scalar is interchangeable with a 1 x 1 matrix (x' * y is a scalar)", () => {
    sides("x' * y", "dot(x, y)", ["x, y: n"]);
    sides("(x' * y) * A", "A * (x' * y)", ["x, y: n", "A: n x m"]);
    sides("x' * y + 1", "1 + y' * x", ["x, y: n"]);
  });
  it("a shape mismatch names both shapes and the source position", () => {
    const r = equal({ lhs: "x' * y + X * y", rhs: "0", let: ["X: n x m", "x, y: n"], seed: 1 });
    expect(r.verdict).toBe("error");
    expect(r.error!.message).toMatch(/^shape error at 9\b/);
    expect(r.error!.message).toContain("cannot multiply X (n x m) by y (n)");
    expect(r.error!.position).toBe(9);
  });
});

describe("spec/language.md: operators", () => {
  it("a scalar added to a tensor broadcasts", () => {
    sides("X + 1", "X + ones(n, m)", ["X: n x m"]);
    sides("x - 1", "x - ones(n)", ["x: n"]);
  });
  it("* / .* ./ are one level, left-associative", () => {
    sides("A .* B * C", "(A .* B) * C", ["A, B, C: n x n"]);
    sides("A * B .* C", "(A * B) .* C", ["A, B, C: n x n"]);
    sides("a / b * c", "(a / b) * c");
    sides("A ./ B .* C", "(A ./ B) .* C", ["A, C: n x m", "B: n x m positive"]);
  });
  it("a / s divides by a scalar only", () => {
    sides("X / 2", "0.5 * X", ["X: n x m"]);
    fails("A / B = A", ["A, B: n x n"], "cannot divide A (n x n) by B (n x n)");
  });
  it("-x^2 is -(x^2)", () => {
    sides("-x^2", "-(x^2)");
    refuted("-x^2 = (-x)^2");
  });
  it("^ is right-associative; X^-1 is inv(X); X^0 is I", () => {
    sides("2^3^2", "512");
    sides("X^-1", "inv(X)", ["X: n x n invertible"]);
    sides("X^0", "I", ["X: n x n"]);
    sides("X^2", "X * X", ["X: n x n"]);
  });
  it(".^ is elementwise", () => {
    sides("x .^ 2", "x .* x", ["x: n"]);
    sides("X .^ 0.5", "sqrt(X)", ["X: n x m positive"]);
  });
  it("transpose binds tightest: write (X^-1)'", () => {
    sides("(X^-1)'", "inv(X)'", ["X: n x n invertible"]);
    sides("(A * B)'", "B' * A'", ["A: n x m", "B: m x p"]);
    sides("-X'", "-(X')", ["X: n x m"]);
    const r = equal({ lhs: "X^-1'", rhs: "inv(X)'", let: ["X: n x n invertible"], seed: 1 });
    expect(r.verdict).toBe("error");
  });
  it("x[i], X[i, j] are 1-based entries; any operand may be indexed", () => {
    expect(value("x[1]", [], { x: "[5; 6; 7]" })).toBe(5);
    expect(value("X[2, 1]", [], { X: "[1, 2; 3, 4]" })).toBe(3);
    expect(value("inv(A)[1, 2]", [], { A: "[2, 0; 0, 4]" })).toBe(0);
    sides("inv(A)[1, 1]", "A[2, 2] / det(A)", ["A: 2 x 2 invertible"]);
    sides("x[k] * y[1]", "(x * y')[k, 1]", ["x, y: n", "k: integer"]);
  });
  it("one index works on a vector only", () => {
    fails("X[1] = 0", ["X: n x n"], "one index works on a vector only");
  });
  it("implicit multiplication means *", () => {
    sides("2 x", "2 * x");
    sides("(A + A') X", "(A + A') * X", ["A, X: n x n"]);
    sides("X'(A + A')", "X' * (A + A')", ["A, X: n x n"]);
  });
  it("declared variable + ( is a product; function + ( is a call; other name + ( is unknown", () => {
    sides("a(b + c)", "a * b + a * c", ["a: scalar"]);
    sides("tr(X)", "X[1, 1] + X[2, 2]", ["X: 2 x 2"]);
    fails("foo(x) = x", [], "unknown function foo");
  });
  it("2.*x is 2 .* x", () => {
    sides("2.*x", "2 .* x", ["x: n"]);
    sides("2./x", "2 ./ x", ["x: n positive"]);
  });
});

describe("spec/language.md: constants", () => {
  it("numbers, pi, e", () => {
    expect(value("0.5 + 1e-3")).toBe(0.501);
    expect(value("cos(pi)")).toBe(-1);
    expect(value("log(e)")).toBe(1);
  });
  it("I(n), ones(n), ones(n, m), zeros(n), zeros(n, m)", () => {
    sides("I(n) * x", "x", ["x: n"]);
    expect(value("I(2)")).toEqual([[1, 0], [0, 1]]);
    expect(value("ones(2)")).toEqual([[1], [1]]);
    expect(value("ones(2, 3)")).toEqual([[1, 1, 1], [1, 1, 1]]);
    expect(value("zeros(2)")).toEqual([[0], [0]]);
    expect(value("zeros(1, 2)")).toEqual([[0, 0]]);
  });
  it("a literal 0 alone on one side is a zero tensor of the other side's shape", () => {
    sides("X - X", "0", ["X: n x m"]);
    sides("0", "X - X", ["X: n x m"]);
  });
  it("a bare I takes its size from the other operand or the other side", () => {
    sides("A * I", "A", ["A: n x m"]);
    sides("I * A", "A", ["A: n x m"]);
    sides("A + I", "I + A", ["A: n x n"]);
    sides("I .* A", "diag(diag(A))", ["A: n x n"]);
    sides("X^0", "I", ["X: n x n"]);
  });
  it("where nothing fixes it, a bare I is an error: tr(I)", () => {
    fails("tr(I) = n", ["x: n"], "cannot infer the size of I here; write I(n)");
  });
  it("where nothing fixes it, a bare I is an error: kron(I, A)", () => {
    const r = equal({ lhs: "kron(I, A)", rhs: "kron(I, A)", let: ["A: n x n"], seed: 1 });
    expect(r.verdict, r.detail).toBe("error");
  });
  it("a dimension name used as a value is that dimension's size", () => {
    sides("sum(x) / n", "mean(x)", ["x: n"]);
    sides("sum(ones(n, m))", "n * m", ["A: n x m"]);
  });
  it("... unless it is declared as a variable", () => {
    expect(value("n", ["x: n", "n: scalar"], { n: "7" })).toBe(7);
  });
  it("a declaration of e, pi or I shadows the constant", () => {
    expect(value("e", ["e: scalar"], { e: "3" })).toBe(3);
    expect(value("pi", ["pi: scalar"], { pi: "3" })).toBe(3);
    expect(value("I", ["I: scalar"], { I: "3" })).toBe(3);
  });
});

describe("spec/language.md: functions", () => {
  it("tr, det, logdet, inv", () => {
    expect(value("tr(X)", [], { X: "[1, 2; 3, 4]" })).toBe(5);
    expect(value("det(X)", [], { X: "[1, 2; 3, 4]" })).toBeCloseTo(-2, 12);
    sides("logdet(X)", "log(abs(det(X)))", ["X: n x n invertible"]);
    sides("inv(X) * X", "I", ["X: n x n invertible"]);
    fails("tr(A) = 0", ["A: n x m"], "tr needs a square matrix");
  });
  it("diag: vector -> diagonal matrix, square matrix -> vector", () => {
    expect(value("diag(x)", [], { x: "[1; 2]" })).toEqual([[1, 0], [0, 2]]);
    expect(value("diag(X)", [], { X: "[1, 2; 3, 4]" })).toEqual([[1], [4]]);
  });
  it("sum, mean, norm", () => {
    expect(value("sum(X)", [], { X: "[1, 2; 3, 4]" })).toBe(10);
    expect(value("mean(X)", [], { X: "[1, 2; 3, 4]" })).toBe(2.5);
    expect(value("norm(x)", [], { x: "[3; 4]" })).toBe(5);
    sides("norm(X)^2", "tr(X' * X)", ["X: n x m"]);
  });
  it("dot, outer, kron, vec", () => {
    sides("dot(x, y)", "x' * y", ["x, y: n"]);
    sides("outer(x, y)", "x * y'", ["x: n", "y: m"]);
    expect(value("kron(A, B)", [], { A: "[1, 2]", B: "[1; 10]" })).toEqual([[1, 2], [10, 20]]);
    expect(value("vec(X)", [], { X: "[1, 2; 3, 4]" })).toEqual([[1], [3], [2], [4]]);
  });
  it("vec stacks columns: vec(A * X * B) = kron(B', A) * vec(X)", () => {
    sides("vec(A * X * B)", "kron(B', A) * vec(X)", ["A: p x n", "X: n x m", "B: m x q"]);
  });
  it("elementwise functions, exp(X) entrywise (not the matrix exponential)", () => {
    expect(value("exp(X)", [], { X: "[0, 1; 1, 0]" })).toEqual([[1, Math.E], [Math.E, 1]]);
    for (const f of ["exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", "softplus", "sign", "step"]) {
      sides(`${f}(X)[1, 2]`, `${f}(X[1, 2])`, ["X: n x n positive"]);
    }
  });
  it("step(t) is 1 for t > 0, 0 for t < 0, 1/2 at 0", () => {
    expect(value("step(x)", [], { x: "[2; -2; 0]" })).toEqual([[1], [0], [0.5]]);
    expect(value("step(0)")).toBe(0.5);
  });
  it("leakyrelu(X, a) is max(a t, t)", () => {
    sides("leakyrelu(x, 0.2)", "relu(x) - 0.2 * relu(-x)", ["x: n"]);
  });
  it("softmax: vector -> vector; a matrix argument is an error", () => {
    sides("softmax(z)", "exp(z) / sum(exp(z))", ["z: n"]);
    fails("softmax(X) = X", ["X: n x m"], "softmax takes a vector");
  });
  it("lse, logsoftmax", () => {
    sides("lse(z)", "log(sum(exp(z)))", ["z: n"]);
    sides("logsoftmax(z)", "z - lse(z)", ["z: n"]);
    expect(value("lse(z)", [], { z: "[1000; 1000]" })).toBeCloseTo(1000 + Math.LN2, 10);
  });
});

describe("spec/language.md: derivatives", () => {
  it("grad(f, X) has the shape of X: entry (i, j) is df/dX_ij", () => {
    sides("grad(tr(A * X), X)", "A'", ["A: m x n", "X: n x m"]);
    const r = evaluate({ expr: "grad(sum(X), X)", let: ["X: 2 x 3"], seed: 1 });
    expect(r.shape).toEqual([2, 3]);
  });
  it("jacobian: numerator layout; m-vector of n-vector is m x n; a scalar F gives a row", () => {
    sides("jacobian(A * x, x)", "A", ["A: m x n", "x: n"]);
    expect(evaluate({ expr: "jacobian(A * x, x)", let: ["A: 3 x 2", "x: 2"], seed: 1 }).shape).toEqual([3, 2]);
    expect(evaluate({ expr: "jacobian(x' * x, x)", let: ["x: 3"], seed: 1 }).shape).toEqual([1, 3]);
    sides("jacobian(x' * a, x)", "a'", ["a, x: n"]);
  });
  it("jacobian over vec(X), column-major", () => {
    sides("jacobian(A * X, X)", "kron(I(m), A)", ["A: p x n", "X: n x m"]);
    sides("jacobian(X', X)", "jacobian(vec(X'), X)", ["X: n x m"]);
  });
  it("hessian(f, x) = jacobian(grad(f, x), x); for a matrix X, of vec(X)", () => {
    sides("hessian(sum(x .^ 3), x)", "jacobian(grad(sum(x .^ 3), x), x)", ["x: n"]);
    sides("hessian(x' * A * x, x)", "A + A'", ["A: n x n", "x: n"]);
    sides("hessian(tr(X * B * X'), X)", "kron(B + B', I(n))", ["X: n x m", "B: m x m"]);
  });
  it("diff(F, X, V): directional derivative, V evaluated once at the base point", () => {
    sides("diff(inv(X), X, V)", "-inv(X) * V * inv(X)", ["X: n x n invertible", "V: n x n"]);
    sides("diff(X^2, X, X)", "2 * X^2", ["X: n x n"]);
  });
  it("diff(F, t): derivative with respect to the scalar t, entrywise", () => {
    sides("diff((A + t*B)', t)", "B'", ["A, B: n x m"]);
    sides("diff(sin(t), t)", "cos(t)");
  });
});

describe("spec/language.md: relations", () => {
  it("≈ (or ~=), <, <=, >, >= entrywise, and chains", () => {
    holds("sigmoid(0.6) ≈ 0.65");
    holds("sigmoid(0.6) ~= 0.65");
    holds("0 <= sigmoid(t) <= 1");
    holds("0 < sigmoid(t) < 1");
    holds("x .* x >= 0", ["x: n"]);
    holds("exp(x) > 0", ["x: n"]);
    refuted("x > 0", ["x: n"]);
  });
  it("≈ v holds when |lhs - v| <= ½·10^-d (d decimals written)", () => {
    // sigmoid(0.6) = 0.64565630...
    holds("sigmoid(0.6) ≈ 0.65"); // |.| = 0.0043 <= 0.005
    refuted("sigmoid(0.6) ≈ 0.64"); // 0.0057 > 0.005
    holds("sigmoid(0.6) ≈ 0.646"); // 0.00034 <= 0.0005
    refuted("sigmoid(0.6) ≈ 0.645"); // 0.00066 > 0.0005
    holds("sigmoid(0.6) ≈ 0.6457");
    holds("pi ≈ 3");
    refuted("pi ≈ 3.0"); // 0.14 > 0.05
  });
  it("an explicit tolerance ≈ v ± tol overrides the rounding", () => {
    holds("sigmoid(0.6) ≈ 0.64 ± 0.01");
    refuted("sigmoid(0.6) ≈ 0.65 ± 0.001");
  });
  it("∝ (propto): equal up to a positive factor that does not depend on the named variable", () => {
    holds("norm(X*w - y)^2 / (2 * n) ∝ norm(X*w - y)^2 in w", ["X: n x p", "w: p", "y: n"]);
    holds("(x - 3)^2 / (2 * c) propto (x - 3)^2 in x", ["c: scalar positive"]);
    refuted("(x - 3)^2 + c ∝ (x - 3)^2 in x");
    refuted("-(x - 3)^2 ∝ (x - 3)^2 in x");
  });
});

describe("spec/language.md: verdicts and sampling", () => {
  it("error: parse, shape, unknown function, no valid sample", () => {
    fails("tr(X = 1", ["X: n x n"], /^syntax error/);
    fails("X * y = 0", ["X: n x m", "y: n"], /^shape error/);
    fails("foo(t) = t", [], /^name error/);
    fails("inv(X - X) = I", ["X: n x n"], "no valid sample could be drawn");
  });
  // issue 11 overrides the spec's "2 to 5": sizes 1 and a log scale to 64 are drawn too
  it("dimension names take sizes from 1 to 64, distinct within a sample; the first sample uses sizes >= 3", () => {
    const sizesOf = (detail: string): number[] =>
      (/sizes ([\d., ]+?), max/.exec(detail)?.[1] ?? "").split(", ").flatMap((part) => part.split("..").map(Number));
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      // one sample: only the first, with every size in 3..5
      const one = equal({ lhs: "x", rhs: "x", let: ["x: n"], seed, samples: 1 });
      for (const v of sizesOf(one.detail)) expect(v >= 3 && v <= 5, one.detail).toBe(true);
      // six samples: size 1 and a size beyond 5 among them
      const six = equal({ lhs: "x + y", rhs: "y + x", let: ["x, y: n"], seed });
      expect(Math.min(...sizesOf(six.detail)), six.detail).toBe(1);
      expect(Math.max(...sizesOf(six.detail)), six.detail).toBeGreaterThan(5);
    }
    expect(equal({ claim: "2 <= n <= 5", let: ["A: n x m"], seed: 1 }).verdict).toBe("refuted");
    // a dimension used as a value is an integer variable: n = m is met
    expect(equal({ claim: "(n - m)^2 >= 1", let: ["A: n x m"], seed: 1 }).verdict).toBe("refuted");
  });
  it("proved needs the numeric check to agree: a symbolic proof that a sample refutes is an error naming both", () => {
    // plant a wrong derivative rule, d sin(u) = -cos(u) du, so the engine "proves" a false claim
    jvpOverrides.set("sin", ({ args: [u], dargs: [du], b }) => b.neg(b.had(b.call("cos", u!), du!)));
    try {
      const wrong = equal({ lhs: "diff(sin(t), t)", rhs: "(-cos(t))", seed: 1 });
      expect(wrong.verdict, wrong.detail).toBe("error");
      expect(wrong.symbolic).toBe("proved");
      expect(wrong.error!.message).toMatch(/^engine error: proved symbolically.*but the numeric check says: refuted/);
      // the true claim is not proved with the wrong rule, and the cross-check names both results
      const right = equal({ lhs: "diff(sin(t), t)", rhs: "cos(t)", seed: 1 });
      expect(right.verdict, right.detail).toBe("error");
      expect(right.error!.message).toMatch(/symbolic derivative and finite differences disagree on diff\(sin\(t\), t\): symbolic .* finite differences/);
    } finally {
      jvpOverrides.delete("sin");
    }
    expect(equal({ lhs: "diff(sin(t), t)", rhs: "cos(t)", seed: 1 }).verdict).toBe("proved");
    expect(equal({ lhs: "diff(sin(t), t)", rhs: "(-cos(t))", seed: 1 }).verdict).toBe("refuted");
  });
  it("at least 6 samples by default", () => {
    expect(equal({ lhs: "x", rhs: "x", seed: 1 }).numeric!.samples).toBeGreaterThanOrEqual(6);
  });
  it("equal on a sample when the largest difference is at most 1e-6 x (largest entry) + 1e-8", () => {
    sides("1000 + 0.0009", "1000");
    refuted("1000 + 0.0011 = 1000");
    sides("5e-9", "0");
    refuted("2e-8 = 0");
  });
  it("a sample near a kink is not a false counterexample", () => {
    sides("grad(sum(relu(x)), x)", "step(x)", ["x: n"]);
    sides("grad(sum(abs(x)), x)", "sign(x)", ["x: n"]);
    sides("grad(sum(relu(A)), A)", "ones(n, m)", ["A: n x m nonnegative"], { samples: 20 });
  });
  it("a non-finite value or a singular matrix is redrawn", () => {
    sides("exp(log(t))", "t");
    sides("inv(X) * X", "I", ["X: n x n"]);
  });
  it("a refutation is a concrete counterexample: dimensions and values", () => {
    const r = equal({ lhs: "grad(logdet(X), X)", rhs: "inv(X)", let: ["X: n x n invertible"], seed: 1 });
    expect(r.verdict).toBe("refuted");
    expect(Object.keys(r.counterexample!.dims)).toEqual(["n"]);
    expect(Object.keys(r.counterexample!.values)).toEqual(["X"]);
  });
  it("a gradient derive grad prints parses back, and equals grad(f, X)", () => {
    const cases: [string, string, string[]][] = [
      ["tr(X' * A * X)", "X", ["X: n x m", "A: n x n"]],
      ["logdet(X)", "X", ["X: n x n invertible"]],
      ["norm(A * x - b)^2", "x", ["A: m x n", "x: n", "b: m"]],
      ["lse(W * x) - y' * W * x", "W", ["W: k x n", "x: n", "y: k onehot"]],
      ["sum(log(sigmoid(y .* (X * w))))", "w", ["X: n x p", "w: p", "y: n"]],
      ["x' * inv(S) * x", "S", ["S: n x n spd", "x: n"]],
    ];
    for (const [expr, wrt, lets] of cases) {
      const g = grad({ expr, wrt, let: lets, seed: 1 });
      expect(g.error, expr).toBeNull();
      expect(["proved", "verified"]).toContain(g.check);
      sides(`grad(${expr}, ${wrt})`, g.result!, lets);
    }
  });
  it("what derive prints parses back with the same meaning", () => {
    const r = equal({ lhs: "(A + A') X", rhs: "A X + A' X", let: ["A, X: n x n"], seed: 1 });
    const again = equal({ claim: r.claim, let: ["A, X: n x n"], seed: 1 });
    expect(again.claim).toBe(r.claim);
    expect(again.verdict).toBe(r.verdict);
    const bad = equal({ lhs: "grad(logdet(X), X)", rhs: "inv(X)", let: ["X: n x n invertible"], seed: 1 });
    const X = /X = (\[[^\]]*\])/.exec(bad.counterexample!.text)![1]!;
    const lhs = evaluate({ expr: "grad(logdet(X), X)", let: ["X: n x n invertible"], at: { X } });
    expect(lhs.error).toBeNull();
    const got = (lhs.value as number[][]).flat();
    const want = (bad.counterexample!.lhs as number[][]).flat();
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 8));
  });
});

// ---------------------------------------------------------------------------
// The contract: command-line examples (through the CLI).

describe.concurrent("spec/language.md and spec/cli.md: the command line", () => {
  const diffLets = ["--let", "X: n x n invertible; V: n x n"];
  // the claim as checked, so the leading minus is known to be read as a negation
  const diffClaim = "diff(inv(X), X, V) = -inv(X) * V * inv(X)";
  it('an expression that begins with - goes in parentheses: "(-inv(X) * V * inv(X))"', async () => {
    const r = await runCli(["equal", "diff(inv(X), X, V)", "(-inv(X) * V * inv(X))", ...diffLets]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`proved: ${diffClaim}`);
  });
  it("... or after --", async () => {
    const r = await runCli(["equal", ...diffLets, "--", "diff(inv(X), X, V)", "-inv(X) * V * inv(X)"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`proved: ${diffClaim}`);
  });
  it("... and is not taken silently otherwise", async () => {
    const r = await runCli(["equal", "diff(inv(X), X, V)", "-inv(X) * V * inv(X)", ...diffLets]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("looks like an option");
  });
  it("exit codes: 0 proved or verified, 1 refuted, 2 error", async () => {
    const ok = await runCli(["equal", "tr(A * B)", "tr(B * A)", "--let", "A: n x m", "--let", "B: m x n"]);
    const sampled = await runCli(["equal", "inv(I + inv(A))", "A * inv(A + I)", "--let", "A: n x n invertible"]);
    const bad = await runCli(["equal", "inv(A * B)", "inv(A) * inv(B)", "--let", "A, B: n x n invertible"]);
    const err = await runCli(["equal", "X * y", "0", "--let", "X: n x m", "--let", "y: n"]);
    expect([ok.code, sampled.code, bad.code, err.code]).toEqual([0, 0, 1, 2]);
    expect(ok.stdout).toMatch(/^proved: /);
    expect(ok.stdout).toContain("symbolic: proved");
    expect(sampled.stdout).toMatch(/^verified: /);
    expect(sampled.stdout).toContain("symbolic: unproved");
    expect(bad.stdout).toMatch(/^refuted: /);
    expect(err.stderr).toContain("cannot multiply X (n x m) by y (n)");
  });
  it("undeclared names are printed: assuming t: scalar", async () => {
    const r = await runCli(["equal", "0 <= sigmoid(t) <= 1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("assuming t: scalar");
  });
  it("derive equal --json prints one object with the keys of cli.md", async () => {
    const r = await runCli(["equal", "tr(A * B)", "tr(B * A)", "--let", "A: n x m", "--let", "B: m x n", "--json", "--seed", "1"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ["verdict", "symbolic", "numeric", "counterexample", "assumptions", "error"]) expect(j).toHaveProperty(k);
    expect(["proved", "verified", "refuted", "error"]).toContain(j.verdict);
    expect(["proved", "unproved", "skipped"]).toContain(j.symbolic);
    expect(j.numeric).toMatchObject({ samples: 6 });
    expect(typeof (j.numeric as { maxRelError: unknown }).maxRelError).toBe("number");
    expect(j.counterexample).toBeNull();
    expect(j.assumptions).toEqual([]);
    expect(j.error).toBeNull();
  });
  it("refuted --json: counterexample { dims, values, lhs, rhs }; error --json: { message, position }", async () => {
    const bad = JSON.parse((await runCli(["equal", "x' * A * x", "x' * A' * x + 1", "--let", "A: n x n; x: n", "--json", "--seed", "2"])).stdout);
    expect(bad.verdict).toBe("refuted");
    expect(bad.numeric).toBeNull();
    expect(Object.keys(bad.counterexample)).toEqual(expect.arrayContaining(["dims", "values", "lhs", "rhs"]));
    const err = JSON.parse((await runCli(["equal", "t * 2", "(t", "--json"])).stdout);
    expect(err.verdict).toBe("error");
    expect(err.error.message).toContain("syntax error");
    expect(typeof err.error.position).toBe("number");
  });
  it("--seed makes the samples reproducible: same seed, identical JSON", async () => {
    const argv = ["equal", "grad(logdet(X), X)", "inv(X)", "--let", "X: n x n invertible", "--json", "--seed", "12345"];
    const [a, b] = await Promise.all([runCli(argv), runCli(argv)]);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).verdict).toBe("refuted");
    const ok = ["equal", "tr(A * B)", "tr(B * A)", "--let", "A: n x m; B: m x n", "--json", "--seed", "7"];
    const [c, d] = await Promise.all([runCli(ok), runCli(ok)]);
    expect(c.stdout).toBe(d.stdout);
  });
  it("the seed used is always printed", async () => {
    const r = await runCli(["equal", "t", "t"]);
    expect(r.stdout).toMatch(/seed \d+/);
  });
  const gradArgs = ["grad", "tr(X' * A * X)", "--wrt", "X", "--let", "X: n x m", "--let", "A: n x n"];
  it("derive grad EXPR --wrt NAME prints the gradient simplified, in the language: (A + A') * X", async () => {
    const r = await runCli(gradArgs);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("(A + A') * X\n");
    const back = await runCli(["equal", "grad(tr(X' * A * X), X)", r.stdout.trim(), "--let", "X: n x m", "--let", "A: n x n"]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/^proved: /);
  });
  it('derive grad --latex prints LaTeX; --json prints { "result", "latex", "shape" }', async () => {
    const [latex, json] = await Promise.all([runCli([...gradArgs, "--latex"]), runCli([...gradArgs, "--json"])]);
    expect(latex.code, latex.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    const j = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ result: "(A + A') * X", shape: ["n", "m"], error: null });
    expect(j.latex).toBe(latex.stdout.trim());
    expect(latex.stdout).toContain("{A}^{\\top}");
  });
  it("derive grad of a non-scalar, or without --wrt, is one line and exit 2", async () => {
    const [vec, nowrt] = await Promise.all([
      runCli(["grad", "A * x", "--wrt", "x", "--let", "A: m x n; x: n"]),
      runCli(["grad", "x' * x", "--let", "x: n"]),
    ]);
    expect([vec.code, nowrt.code]).toEqual([2, 2]);
    expect(vec.stderr).toContain("grad needs a scalar expression");
    expect(nowrt.stderr).toContain("--wrt NAME is required");
    for (const r of [vec, nowrt]) expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
  it('derive eval at given values (--at "X=[1,2;3,4]"), or at a random sample', async () => {
    const given = await runCli(["eval", "det(X)", "--let", "X: 2 x 2", "--at", "X=[1,2;3,4]"]);
    expect(given.code).toBe(0);
    expect(Number(given.stdout.split("\n")[0])).toBeCloseTo(-2, 12);
    const drawn = await runCli(["eval", "x' * x", "--let", "x: n"]);
    expect(drawn.code).toBe(0);
    expect(Number(drawn.stdout.split("\n")[0])).toBeGreaterThan(0);
    expect(drawn.stdout).toContain("at a random sample");
  });
  it("the TypeScript API works from plain Node and returns what --json prints", async () => {
    const script = `
      import { equal, evaluate, grad } from "derive";
      const e = equal({ lhs: "tr(A * B)", rhs: "tr(B * A)", let: ["A: n x m", "B: m x n"], seed: 1 });
      const v = evaluate({ expr: "det(X)", let: ["X: 2 x 2"], at: { X: "[1, 2; 3, 4]" } });
      const g = grad({ expr: "tr(X' * A * X)", wrt: "X", let: ["X: n x m", "A: n x n"], seed: 1 });
      process.stdout.write(JSON.stringify({ e, v, g }));`;
    const api = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, shell: false });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(api.code, api.stderr).toBe(0);
    const { e, v, g } = JSON.parse(api.stdout);
    expect(e.verdict).toBe("proved");
    expect(e.symbolic).toBe("proved");
    expect(v.value).toBeCloseTo(-2, 12);
    const cli = await runCli(["equal", "tr(A * B)", "tr(B * A)", "--let", "A: n x m", "--let", "B: m x n", "--seed", "1", "--json"]);
    expect(e).toEqual(JSON.parse(cli.stdout));
    expect(g.result).toBe("(A + A') * X");
    const gcli = await runCli([...gradArgs, "--seed", "1", "--json"]);
    expect(g).toEqual(JSON.parse(gcli.stdout));
  });
});
