// The `sums` section: sum(f, i, a, b) and prod evaluated with the body compiled
// once and run over all indices at once (src/numeric/loops.ts, lanes.ts)
// against the plain loop that evaluates the body once per index
// (Evaluator.vectorise = false), in the same run, on the same trees and
// values. The evaluator is not part of the public bundle, so it is loaded
// from src/ with jiti; both paths run the same transpiled code.

import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_SUMS_RUNS ?? 7);

/** [name, expression, declarations, sizes] */
const CASES = [
  ["squares", "sum(i^2, i, 1, 10000)", [], {}],
  ["dot", "sum(x[i] * y[i], i, 1, n)", ["x, y: n"], { n: 1000 }],
  ["doubleSum", "sum(sum(A[i, j] * x[j], j, 1, n) * x[i], i, 1, n)", ["x: n", "A: n x n"], { n: 200 }],
  ["dependentBounds", "sum(sum(i * j, j, 1, i), i, 1, 300)", [], {}],
  ["prod", "prod(1 + 1 / i^2, i, 1, 10000)", [], {}],
  ["elementwise", "sum(exp(-x[i]^2 / 2) * sin(i * x[i]), i, 1, n)", ["x: n"], { n: 1000 }],
  // a matrix-valued part per index: evaluated per lane by the evaluator, little to gain
  ["perIndexMatrix", "sum(x' * (i * A) * x, i, 1, 200)", ["x: n", "A: n x n"], { n: 10 }],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 3) => Number(x.toFixed(d));

export async function benchSums(log) {
  const { createJiti } = await import("jiti");
  const jiti = createJiti(path.join(root, "bench/sums.mjs"), { interopDefault: false, fsCache: false });
  const { Evaluator } = await jiti.import(path.join(root, "src/numeric/evaluate.ts"));
  const { Tensor } = await jiti.import(path.join(root, "src/core/tensor.ts"));
  const { parseExpr } = await jiti.import(path.join(root, "src/parse/parser.ts"));
  const { Resolver } = await jiti.import(path.join(root, "src/parse/resolve.ts"));
  const { Scope } = await jiti.import(path.join(root, "src/parse/scope.ts"));

  const cases = [];
  for (const [name, expr, lets, sizes] of CASES) {
    const scope = Scope.parse(lets);
    const tree = new Resolver(scope).resolve(parseExpr(expr, { isVariable: scope.isVariable }));
    const n = sizes.n ?? 1;
    // deterministic values in [-1, 1]
    const fill = (len, salt) => Float64Array.from({ length: len }, (_, k) => Math.sin(k * 12.9898 + salt));
    const values = new Map();
    for (const l of lets) {
      const [names, shape] = l.split(":").map((s) => s.trim());
      for (const v of names.split(",").map((s) => s.trim())) {
        const square = shape.includes("x");
        values.set(v, new Tensor(square ? [n, n] : [n, 1], fill(square ? n * n : n, v.charCodeAt(0))));
      }
    }
    const time = (vectorise) => {
      const ev = new Evaluator({ sizes: new Map(Object.entries(sizes)), values: new Map(values) });
      ev.vectorise = vectorise;
      let value = ev.evaluate(tree).scalar();
      for (let w = 0; w < 1; w++) value = ev.evaluate(tree).scalar();
      const ms = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        value = ev.evaluate(tree).scalar();
        ms.push(performance.now() - t0);
      }
      return { ms: median(ms), value, compiled: ev.loopRuns.compiled > 0 };
    };
    log(`sums: ${name} ...`);
    const plain = time(false);
    const compiled = time(true);
    cases.push({
      name,
      expr,
      sizes,
      plainMs: round(plain.ms),
      compiledMs: round(compiled.ms),
      speedup: round(plain.ms / compiled.ms, 1),
      compiled: compiled.compiled,
      // the compiled loop adds (multiplies) in the plain loop's order: identical values
      sameValue: Object.is(plain.value, compiled.value),
    });
  }
  const vectorised = cases.filter((c) => c.name !== "perIndexMatrix");
  return {
    runs: RUNS,
    cases,
    medianSpeedup: round(median(vectorised.map((c) => c.speedup)), 1),
    allSameValue: cases.every((c) => c.sameValue),
  };
}
