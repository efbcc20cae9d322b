// `derive grad EXPR --wrt NAME`: the gradient, simplified, in the expression
// language (or LaTeX, or JSON); exit 0, or 2 with a one-line error.

import { grad } from "../api.js";
import { DeriveError } from "../core/errors.js";
import { TIME_FLAGS, parseArgs, progressSink, seedFlag, timeoutFlag } from "./args.js";
import type { Io } from "./main.js";

const FLAGS = {
  let: { value: true, repeat: true },
  wrt: { value: true },
  seed: { value: true },
  json: { value: false },
  latex: { value: false },
  help: { value: false },
  ...TIME_FLAGS,
} as const;

export function runGrad(argv: string[], io: Io): number {
  const { positionals, flags } = parseArgs(argv, FLAGS);
  if (positionals.length !== 1) throw new DeriveError("usage", `expected one expression, got ${positionals.length}`);
  const wrt = flags.get("wrt")?.[0];
  if (!wrt) throw new DeriveError("usage", "--wrt NAME is required (the variable to differentiate by)");
  const r = grad({ expr: positionals[0]!, wrt, let: flags.get("let") ?? [], seed: seedFlag(flags), timeout: timeoutFlag(flags), progress: progressSink(flags, io.err) });
  if (flags.has("json")) {
    io.out(JSON.stringify(r));
    return r.error ? 2 : 0;
  }
  if (r.error) {
    io.err(r.error.message);
    return 2;
  }
  io.out(flags.has("latex") ? r.latex! : r.result!);
  for (const a of r.assumptions) io.out(`  assuming ${a}`);
  // the result stays pasteable on stdout; that it is unchecked is said on stderr
  if (r.domain) io.err(r.domain);
  return 0;
}
