// --timeout and large gradients (issue 11): `derive equal "grad(logdet(X), X)"
// "inv(X)'"` at 80 x 80 took 132 s with no progress and no way to stop it.
// A timeout is a deadline checked in the sampling loop and the
// finite-difference loops: the verdict is an error "timed out after N s",
// never a pass. A gradient claim about a large matrix is checked along random
// directions (src/check/directional.ts), so it takes seconds.

import { describe, expect, it } from "vitest";
import { equal, evaluate, grad } from "../../src/api.js";
import { derive } from "../cli/run.js";

/** full finite differences of a 15 x 15 logdet: far more than 10 ms of work */
const HEAVY = { lhs: "grad(logdet(X), X)", rhs: "inv(X)'", let: ["X: 15 x 15 spd"] };

describe("--timeout", () => {
  it("equal(): a timed-out claim is an error naming the timeout, never a pass", () => {
    const r = equal({ ...HEAVY, seed: 1, timeout: 0.01, symbolic: false });
    expect(r.verdict).toBe("error");
    expect(r.error!.message).toBe("timeout error: timed out after 0.01 s (--timeout 0.01)");
  });

  it("the same claim without a timeout passes (the timeout is what failed it)", () => {
    const r = equal({ ...HEAVY, seed: 1, samples: 1, symbolic: false });
    expect(["proved", "verified"]).toContain(r.verdict);
  });

  it("grad() and evaluate(): a timeout is a timeout error, not an engine error", () => {
    // large enough that even the cheap directional check of the result takes longer than 0.01 s
    const g = grad({ expr: "logdet(X) + 0", wrt: "X", let: ["X: 60 x 60 spd"], seed: 1, timeout: 0.01 });
    expect(g.error?.message).toMatch(/^timeout error: timed out after 0.01 s/);
    expect(g.result).toBeNull();
    const v = evaluate({ expr: "grad(logdet(X), X)", let: ["X: 30 x 30 spd"], seed: 1, timeout: 0.01 });
    expect(v.error?.message).toMatch(/^timeout error: timed out after 0.01 s/);
    expect(v.value).toBeNull();
  });

  it("a timeout must be a positive number of seconds", () => {
    for (const t of [0, -1, Number.NaN]) {
      const r = equal({ lhs: "x", rhs: "x", seed: 1, timeout: t });
      expect(r.verdict).toBe("error");
      expect(r.error!.message).toMatch(/timeout must be a positive number of seconds/);
    }
  });

  it("progress: lines go to the reporter once a check runs long, with the sample count", () => {
    const lines: string[] = [];
    const r = equal({ lhs: "grad(logdet(X), X)", rhs: "inv(X)'", let: ["X: 18 x 18 spd"], seed: 2, symbolic: false, progress: (l) => lines.push(l) });
    expect(["proved", "verified"]).toContain(r.verdict);
    // each line says where the check is; whether any came depends on the machine's speed
    for (const l of lines) expect(l).toMatch(/^(sample \d+ of \d+|finite differences of X: entry \d+ of 324) \.\.\. \(\d+\.\d s\)$/);
  });

  it("the command line: --timeout is checked, a timeout exits 2, --json keeps stdout one JSON object", () => {
    const bad = derive("equal", "x", "x", "--timeout", "soon");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--timeout must be a positive number of seconds, not 'soon'/);
    const r = derive("equal", "grad(logdet(X), X)", "inv(X)'", "--let", "X: 15 x 15 spd", "--timeout", "0.01", "--progress", "--json", "--seed", "1");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/timed out after 0.01 s/);
  });
});

describe("gradients of large matrices, along directions", () => {
  it("grad(logdet(X), X) = inv(X)' at 80 x 80 is accepted", () => {
    const r = equal({ lhs: "grad(logdet(X), X)", rhs: "inv(X)'", let: ["X: 80 x 80 spd"], seed: 1, timeout: 300 });
    expect(["proved", "verified"], r.detail).toContain(r.verdict);
    expect(r.numeric!.samples).toBe(6);
  });

  it("the missing transpose at 80 x 80 is refuted, with the layout hint and what was compared", () => {
    const r = equal({ lhs: "grad(logdet(X), X)", rhs: "inv(X)", let: ["X: 80 x 80 invertible"], seed: 1, timeout: 300 });
    expect(r.verdict).toBe("refuted");
    expect(r.counterexample!.hint).toMatch(/transpose of the right side matches/);
    expect(r.counterexample!.notes[0]).toMatch(/X has 6400 entries, so the sides were compared along a random direction/);
  });

  it("a small error in the gradient is refuted too, the other side first as well", () => {
    for (const seed of [1, 2, 3]) {
      const r = equal({ lhs: "inv(X) + 0.001 * I", rhs: "grad(logdet(X), X)", let: ["X: 25 x 25 spd"], seed, timeout: 300 });
      expect(r.verdict, r.detail).toBe("refuted");
      const s = equal({ lhs: "2 * X", rhs: "grad(tr(X' * X), X)", let: ["X: 21 x 21"], seed, timeout: 300 });
      expect(["proved", "verified"], s.detail).toContain(s.verdict);
    }
  });
});
