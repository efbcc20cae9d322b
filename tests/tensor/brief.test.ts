// A refuted claim about large tensors stays readable: the text output and the
// detail show each large value's dimensions and first entries, while the JSON
// counterexample keeps every entry (and `text` still pastes back).

import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { derive } from "../cli/run.js";

const LET = "X: 1 x 3 x 8 x 8; W: 4 x 3 x 3 x 3";
const CLAIM = ["conv2d(X, W, 0, 1, 1)", "conv2d(X, -W, 0, 1, 1)"];

describe("large counterexamples", () => {
  it("prints dimensions and a few entries, not hundreds", () => {
    const r = derive("equal", ...CLAIM, "--let", LET, "--seed", "1");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("X = (1 x 3 x 8 x 8, 192 entries: ");
    expect(r.stdout).toContain("--json gives every entry");
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThan(300);
  });

  it("keeps every entry in JSON and in the text that pastes back", () => {
    const r = equal({ lhs: CLAIM[0]!, rhs: CLAIM[1]!, let: LET, seed: 1 });
    expect(r.verdict).toBe("refuted");
    expect((r.counterexample!.values.X as unknown[]).flat(3)).toHaveLength(192);
    expect(r.counterexample!.text).toMatch(/X = reshape\(\[(?:[^,\]]+, ){191}[^,\]]+\], 1, 3, 8, 8\)/);
    expect(r.detail.length).toBeLessThan(1000);
  });
});
