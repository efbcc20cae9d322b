// The `derive` command: dispatches to a command, maps verdicts to exit codes
// (0 proved/verified, 1 refuted, 2 error), and turns anything thrown into one
// line on stderr, never a stack trace.

import { asDeriveError } from "../core/errors.js";
import { CHECK_HELP, runCheckCommand } from "./check.js";
import { ANNOTATE_HELP, runAnnotate } from "./annotate.js";
import { runEqual } from "./equal.js";
import { runEval } from "./eval.js";
import { runGrad } from "./grad.js";
import { EQUAL_HELP, EVAL_HELP, GRAD_HELP, MAIN_HELP } from "./help.js";
import { runOps } from "./ops.js";
import { SHEET_HELP, runSheet } from "./sheet.js";
import { TESTGEN_HELP, runTestgen } from "./testgen.js";

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

type Command = (argv: string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  check: { run: runCheckCommand, help: CHECK_HELP },
  equal: { run: runEqual, help: EQUAL_HELP },
  eval: { run: runEval, help: EVAL_HELP },
  grad: { run: runGrad, help: GRAD_HELP },
  sheet: { run: runSheet, help: SHEET_HELP },
  annotate: { run: runAnnotate, help: ANNOTATE_HELP },
  testgen: { run: runTestgen, help: TESTGEN_HELP },
  ops: { run: runOps, help: "derive ops: lists every operator and function with its documentation" },
};

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    io.out("derive 0.1.0");
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`derive: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(", ")}; see derive --help)`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(cmd.help);
    return 0;
  }
  try {
    return cmd.run(rest, io);
  } catch (e) {
    io.err(`derive ${name}: ${asDeriveError(e).message}`);
    return 2;
  }
}
