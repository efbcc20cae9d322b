// `derive check [FILES...]`: checks derivation files (cli.md). Flags are read
// here, synchronously, so a wrong flag is one line and exit 2 before anything
// runs; the run itself is src/runner/check.ts, the output a reporter.

import { type CheckOptions, type CheckRun, type FileOutcome, DEFAULT_TIMEOUT_S, exitCodeOf, runCheck } from "../runner/check.js";
import { DeriveError, asDeriveError } from "../core/errors.js";
import { freshSeed } from "../numeric/random.js";
import { intFlag, parseArgs, seedFlag } from "./args.js";
import type { Io } from "./main.js";
import { jsonReporter } from "./reporters/json.js";
import { junitReporter } from "./reporters/junit.js";
import { prettyReporter } from "./reporters/pretty.js";
import { tapReporter } from "./reporters/tap.js";
import type { Reporter, ReporterContext } from "./reporters/types.js";

const FLAGS = {
  reporter: { value: true },
  seed: { value: true },
  samples: { value: true },
  timeout: { value: true },
  filter: { value: true },
  bail: { value: false },
  shard: { value: true },
  jobs: { value: true },
  help: { value: false },
} as const;

const REPORTERS: Record<string, (ctx: ReporterContext) => Reporter> = {
  pretty: prettyReporter,
  json: jsonReporter,
  junit: junitReporter,
  tap: tapReporter,
};

export const CHECK_HELP = `derive check: checks every step of derivation files

Usage:
  derive check [FILES...] [options]

FILES are .ts or .js files written with the DSL (docs/derivations.md), or
patterns ('derivations/**/*.ts'; * ** ? [..]); default: derivations/**/*.ts
and .js. Each file runs in its own process: a file that throws, does not
parse or runs past --timeout is reported, and the others are still checked.

Options:
  --reporter R    pretty (default), json (the object of cli.md), junit, tap
  --seed N        seed of the random samples (always printed; the same for every step)
  --samples K     samples per claim (default 6)
  --timeout S     seconds per step (default ${DEFAULT_TIMEOUT_S}): a slower step is an error
  --filter TEXT   only derivations whose title contains TEXT (any case)
  --bail          stop after the first step that misses its expected verdict
  --shard i/n     run the i-th of n shards of the sorted files (1-based)
  --jobs N        files checked at once (default: CPUs, at most 4)

Exit: 0 every step met its expected verdict, 1 some did not,
      2 a file could not be loaded (or a flag is wrong).

Examples:
  derive check derivations/*.ts
  derive check 'derivations/**/*.ts' --reporter junit > report.xml
  derive check derivations/examples.ts --filter argmin --seed 1`;

export function runCheckCommand(argv: string[], io: Io): number | Promise<number> {
  const { positionals, flags } = parseArgs(argv, FLAGS);
  const reporterName = flags.get("reporter")?.[0] ?? "pretty";
  const make = REPORTERS[reporterName];
  if (!make) throw new DeriveError("usage", `--reporter must be one of ${Object.keys(REPORTERS).join(", ")}, not '${reporterName}'`);
  const timeoutText = flags.get("timeout")?.[0];
  const timeout = timeoutText === undefined ? undefined : Number(timeoutText);
  if (timeout !== undefined && !(/^\d+(\.\d+)?$/.test(timeoutText!) && timeout > 0 && timeout <= 86_400)) {
    throw new DeriveError("usage", `--timeout takes a positive number of seconds, not '${timeoutText}'`);
  }
  const filter = flags.get("filter")?.[0];
  if (filter !== undefined && filter.trim() === "") throw new DeriveError("usage", "--filter needs some text");
  const opts: CheckOptions = {
    files: positionals,
    seed: seedFlag(flags) ?? freshSeed(),
    samples: intFlag(flags, "samples", 1, 10_000),
    timeout,
    filter,
    bail: flags.has("bail"),
    shard: flags.get("shard")?.[0],
    jobs: intFlag(flags, "jobs", 1, 64),
  };
  const reporter = make({
    io,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    progress: Boolean(process.stderr.isTTY),
    rawErr: (s) => process.stderr.write(s),
  });
  return execute(opts, reporter, io);
}

async function execute(opts: CheckOptions, reporter: Reporter, io: Io): Promise<number> {
  // the seed line comes first, but only once the files are known to exist
  let started = false;
  const start = (): void => {
    if (!started) reporter.start(opts.seed!);
    started = true;
  };
  let run: CheckRun;
  // with --filter, nothing is printed until the run is known to have matched something
  // (a filter that matches nothing is one line on stderr and exit 2, like a missing file)
  const held: FileOutcome[] = [];
  try {
    run = await runCheck(opts, {
      onFile: (f) => {
        if (opts.filter !== undefined) return void held.push(f);
        start();
        reporter.file(f);
      },
      onProgress: (done, total, running) => {
        if (opts.filter !== undefined) return;
        start();
        reporter.progress?.(done, total, running);
      },
    });
  } catch (e) {
    // a missing file, a pattern that matches nothing, a bad --shard: one line, exit 2
    io.err(`derive check: ${asDeriveError(e).message.replace(/^usage error: /, "")}`);
    return 2;
  }
  start();
  for (const f of held) reporter.file(f);
  reporter.end(run);
  return exitCodeOf(run);
}
