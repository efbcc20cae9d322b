// The "compiles a sample with xelatex": the LaTeX of random trees (a
// fixed-seed sample of the same arbitrary the KaTeX property test uses) and of
// every registered operator's example claims, each set as the .tex sheet sets
// a step (displayMathTex under the sheet's own preamble), in one document that
// a real xelatex must compile without a single error. KaTeX accepting a string
// is not enough: xelatex reads it with amsmath, and a command KaTeX knows but
// amsmath does not (or a brace KaTeX forgives) stops the sheet. Never skipped:
// without xelatex the test fails saying how to install it.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OPS } from "../../src/ops/registry.js";
import { Scope } from "../../src/parse/scope.js";
import { printExpr } from "../../src/parse/print.js";
import { toLatex } from "../../src/render/latex.js";
import { claimTextLatex } from "../../src/render/claim-latex.js";
import { katexAccepts } from "../../src/sheets/math-html.js";
import { displayMathTex, texPreamble } from "../../src/sheets/tex.js";
import { exprArb } from "../parse/expr-arbitrary.js";
import { xelatexOrFail } from "./tools.js";

const run = promisify(execFile);

/** A fixed seed: the sample is the same on every run, so a failure reproduces. */
const SEED = 20261207;
const RANDOM_TREES = 60;

interface Piece {
  readonly what: string;
  readonly latex: string;
}

function pieces(): Piece[] {
  const out: Piece[] = [];
  for (const tree of fc.sample(exprArb(true), { numRuns: RANDOM_TREES, seed: SEED })) {
    out.push({ what: `random tree ${printExpr(tree)}`, latex: toLatex(tree) });
  }
  for (const op of OPS) {
    for (const [lhs, rhs, decls] of op.examples) {
      const scope = Scope.parse(decls ?? []);
      const claim = `${lhs} = ${rhs}`;
      out.push({ what: `example of ${op.name}: ${claim}`, latex: claimTextLatex(claim, (n) => scope.isVariable(n)) });
    }
  }
  return out;
}

describe("operator LaTeX in a real xelatex", () => {
  it("random trees and every operator's examples compile in one sheet-style document", async () => {
    const xelatex = xelatexOrFail();
    const all = pieces();
    expect(all.length).toBeGreaterThan(RANDOM_TREES + OPS.length);
    // the sheet prints a step's LaTeX only when KaTeX accepts it (else the source text):
    // every piece here must take the LaTeX path, or xelatex would not be testing it
    const refused = all.filter((p) => !katexAccepts(p.latex));
    expect(refused.map((p) => `${p.what} -> ${p.latex}`)).toEqual([]);

    // one display per piece; the comment line above each lets an error's l.<n> name its piece
    const body: string[] = [];
    const starts: number[] = [];
    const head = texPreamble(false, "en").split("\n").length + 1;
    for (const p of all) {
      starts.push(head + body.length + 1);
      body.push(`% ${p.what.replace(/[\r\n]/g, " ")}`, ...displayMathTex(p.latex).split("\n"));
    }
    const doc = [texPreamble(false, "en"), "\\begin{document}", ...body, "\\end{document}", ""].join("\n");

    const dir = mkdtempSync(join(tmpdir(), "derive-oplatex-"));
    try {
      writeFileSync(join(dir, "ops.tex"), doc);
      let code = 0;
      try {
        await run(xelatex, ["-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "ops.tex"], { cwd: dir, timeout: 120_000 });
      } catch (e) {
        code = (e as { code?: number }).code ?? 1;
      }
      const log = readFileSync(join(dir, "ops.log"), "latin1");
      const errors = log.split("\n").filter((l) => l.startsWith("! "));
      const at = Number(/^l\.(\d+)/m.exec(log)?.[1] ?? 0);
      let i = -1;
      for (let k = 0; k < starts.length; k++) if (starts[k]! <= at) i = k;
      const culprit = i >= 0 && at > 0 ? `${all[i]!.what} -> ${all[i]!.latex}` : "(no line)";
      expect({ code, errors }, `xelatex failed at ops.tex l.${at}: ${culprit}\n${errors.join("\n")}`).toEqual({ code: 0, errors: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
