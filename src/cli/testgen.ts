// `derive testgen FILES... --out DIR [--runs N] [--seed N]`: flags here, the
// work in src/testgen/testgen.ts.

import { DeriveError, asDeriveError } from "../core/errors.js";
import { intFlag, parseArgs, seedFlag } from "./args.js";
import type { Io } from "./main.js";

const FLAGS = {
  out: { value: true },
  runs: { value: true },
  seed: { value: true },
  help: { value: false },
} as const;

export const TESTGEN_HELP = `derive testgen: turns derivation files into vitest suites

Usage:
  derive testgen FILES... --out DIR [--runs N] [--seed N]

Writes DIR/<name>.test.ts for each derivation file: every step is a test
named by its file, line and claim, a fast-check property over the step's
declarations (holds), or for a step expected to be refuted a test that the
claim fails (fails). Kinds one point cannot judge (statistical, limits,
asymptotic, argmin, recurrences, expected shape errors) are decided by
derive's checker (checkStep), and their test names say so. The files import
only derive/testing and vitest; run them with npx vitest run DIR. The same
input gives the same bytes.

Options:
  --out DIR    where the test files go (created if missing)
  --runs N     fast-check runs per property step (default 4)
  --seed N     the seed written into the generated tests (default 1)

Exit: 0 written, 2 nothing written (bad flag, a file that does not load).

Example:
  derive testgen derivations/003-softmax.ts --out generated && npx vitest run generated`;

export async function runTestgen(argv: string[], io: Io): Promise<number> {
  try {
    const { positionals, flags } = parseArgs(argv, FLAGS);
    const out = flags.get("out")?.[0];
    if (out === undefined || out.trim() === "") throw new DeriveError("usage", "--out DIR is required (where the test files are written)");
    if (positionals.length === 0) throw new DeriveError("usage", "name at least one derivation file: derive testgen FILES... --out DIR");
    const numRuns = intFlag(flags, "runs", 1, 10_000);
    const seed = seedFlag(flags);
    // loaded when the command runs: the generator pulls in jiti and the checker's loader
    const { writeTests } = await import("../testgen/testgen.js");
    const written = await writeTests({ files: positionals, out, numRuns, seed });
    for (const w of written) io.out(w);
    return 0;
  } catch (e) {
    io.err(`derive testgen: ${asDeriveError(e).message.replace(/^usage error: /, "")}`);
    return 2;
  }
}
