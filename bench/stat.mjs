// The `stat` section of `npm run bench` (registered in run.mjs): time and
// method of each statistical check (exact moments, enumeration of bernoulli
// masks, Monte Carlo with its draws). Target: a Xavier-style variance claim
// over a 3-layer chain decided in under 1 s.

import { equal } from "../dist/index.js";

const XAVIER_TARGET_S = 1;
const RUNS = Number(process.env.BENCH_STAT_RUNS ?? 3);

const CLAIMS = [
  {
    name: "xavier3",
    lhs: "Var((W3*(W2*(W1*x)))[1])",
    rhs: "n^3 * v^3 * s",
    let: ["W1, W2, W3: n x n ~ normal(0, v)", "x: n ~ normal(0, s)", "v, s: scalar positive"],
    expect: "verified",
  },
  {
    name: "xavier3-wrong-power",
    lhs: "Var((W3*(W2*(W1*x)))[1])",
    rhs: "n^2 * v^3 * s",
    let: ["W1, W2, W3: n x n ~ normal(0, v)", "x: n ~ normal(0, s)", "v, s: scalar positive"],
    expect: "refuted",
  },
  {
    name: "xavier3-uniform-glorot",
    lhs: "Var((W3*(W2*(W1*x)))[1])",
    rhs: "n^3 * (1/n)^3 * s",
    let: ["W1, W2, W3: n x n ~ uniform(-sqrt(3/n), sqrt(3/n))", "x: n ~ normal(0, s)", "s: scalar positive"],
    expect: "verified",
  },
  { name: "var-product", lhs: "Var(x*y)", rhs: "Var(x)*Var(y) + Var(x)*E(y)^2 + E(x)^2*Var(y)", let: ["x ~ normal(mu, s2)", "y ~ uniform(a, a + 1)", "s2: scalar positive"], expect: "verified" },
  { name: "cov-linear", lhs: "Cov(A * x, B * x)", rhs: "s2 * A * B'", let: ["x: n ~ normal(mu, s2)", "s2: scalar positive", "A: m x n", "B: k x n"], expect: "verified" },
  {
    name: "dropout-mean-d4",
    lhs: "E(d .* v)",
    rhs: "0.5 * v",
    let: ["d: 4 ~ bernoulli(0.5)", "v: 4"],
    expect: "verified",
  },
  { name: "dropout-softmax-16-masks", lhs: "E(sum(softmax(W' * (d .* v))))", rhs: "1", let: ["d: 4 ~ bernoulli(0.5)", "v: 4", "W: 4 x 3"], expect: "verified" },
  { name: "mc-relu-mean", lhs: "E(relu(x))", rhs: "sqrt(s2 / (2 * pi))", let: ["x ~ normal(0, s2)", "s2: scalar positive"], expect: "verified" },
  { name: "mc-relu-mean-5pc-off", lhs: "E(relu(x))", rhs: "1.05 * sqrt(s2 / (2 * pi))", let: ["x ~ normal(0, s2)", "s2: scalar positive"], expect: "refuted" },
  { name: "mc-relu-var-factor-2", lhs: "Var(relu(2 * x))", rhs: "2 * Var(relu(x))", let: ["x ~ normal(0, s2)", "s2: scalar positive"], expect: "refuted" },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

export function benchStat(log = () => {}) {
  const out = {};
  for (const c of CLAIMS) {
    log(`stat ${c.name} ...`);
    const times = [];
    let r;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      r = equal({ lhs: c.lhs, rhs: c.rhs, let: c.let, seed: 1000 + i });
      times.push((performance.now() - t0) / 1000);
    }
    const draws = /Monte Carlo: (\d+) draws|Monte Carlo with (\d+) draws/.exec(r.detail);
    const method = /Monte Carlo/.test(r.detail) ? "Monte Carlo" : /enumeration/.test(r.detail) ? "enumeration" : /exact moments/.test(r.detail) ? "exact moments" : "other";
    out[c.name] = {
      verdict: r.verdict,
      asExpected: r.verdict === c.expect,
      method,
      draws: draws ? Number(draws[1] ?? draws[2]) : 0,
      medianSeconds: Number(median(times).toFixed(4)),
      maxSeconds: Number(Math.max(...times).toFixed(4)),
      runs: RUNS,
    };
  }
  out.xavierUnder1s = out.xavier3.medianSeconds < XAVIER_TARGET_S && out.xavier3.asExpected;
  return out;
}
