// The `inequalities` section of `npm run bench` (registered in run.mjs): what
// the search before "verified" (src/check/adversarial.ts) costs. True bounds
// pay for the whole search (probes and ascents); the time of each claim is
// the whole equal() call (18 samples, then the search), median over seeds.
// Target: under 100 ms (CPU) per claim at the sampler's sizes (n <= 5).

import { equal } from "../dist/index.js";

const TARGET_MS = 100;
const SEEDS = Number(process.env.BENCH_INEQ_SEEDS ?? 5);

const CLAIMS = [
  ["cauchy-schwarz", "(x' * y)^2 <= (x' * x) * (y' * y)", ["x, y: n"]],
  ["l1-l2", "sum(abs(x)) <= sqrt(n) * norm(x)", ["x: n"]],
  ["am-gm", "sqrt(a * b) <= (a + b) / 2", ["a, b: scalar positive"]],
  ["rayleigh", "x' * A * x <= eigvalsh(A)[1] * (x' * x)", ["A: n x n symmetric", "x: n"]],
  ["weyl", "eigvalsh(A + B)[1] <= eigvalsh(A)[1] + eigvalsh(B)[1]", ["A, B: n x n symmetric"]],
  ["spd-trace", "tr(S * T) <= tr(S) * tr(T)", ["S, T: n x n spd"]],
  ["entropy", "-(p' * log(p)) <= log(n)", ["p: n simplex"]],
  ["jensen-softplus", "softplus(mean(z)) <= mean(softplus(z))", ["z: n"]],
  ["frobenius", "norm(A * B) <= norm(A) * norm(B)", ["A: n x m", "B: m x k"]],
  ["sigmoid-strict", "sigmoid(t) < 1", []],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

export function benchInequalities(log) {
  const claims = {};
  for (const [name, claim, lets] of CLAIMS) {
    const times = [];
    const cpu = [];
    let detail = "";
    let wrong = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = equal({ claim, let: lets, seed });
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (r.verdict !== "verified") wrong++;
      detail = r.detail;
    }
    const searched = /(\d+) probes, (\d+) ascents/.exec(detail);
    claims[name] = {
      claim,
      medianMs: Number(median(times).toFixed(1)),
      maxMs: Number(Math.max(...times).toFixed(1)),
      // CPU time of this process: less sensitive than wall time to other load on the machine
      medianCpuMs: Number(median(cpu).toFixed(1)),
      probes: searched ? Number(searched[1]) : null,
      ascents: searched ? Number(searched[2]) : null,
      notVerified: wrong,
    };
    log(`inequalities: ${name}: median ${claims[name].medianMs} ms (${detail})`);
  }
  const worst = Math.max(...Object.values(claims).map((c) => c.medianCpuMs));
  return { claims, seeds: SEEDS, targetMs: TARGET_MS, worstMedianCpuMs: worst, meetsTarget: worst <= TARGET_MS };
}
