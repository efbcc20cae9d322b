// `derive eval EXPR --at NAME=VALUE`: the value, in the expression language.

import { evaluate } from "../api.js";
import { DeriveError } from "../core/errors.js";
import { parseArgs, seedFlag, timeoutFlag } from "./args.js";
import type { Io } from "./main.js";
import { jsonToText } from "./equal.js";

const FLAGS = {
  let: { value: true, repeat: true },
  at: { value: true, repeat: true },
  seed: { value: true },
  json: { value: false },
  help: { value: false },
  timeout: { value: true },
} as const;

export function runEval(argv: string[], io: Io): number {
  const { positionals, flags } = parseArgs(argv, FLAGS);
  if (positionals.length !== 1) throw new DeriveError("usage", `expected one expression, got ${positionals.length}`);
  const at: Record<string, string> = {};
  for (const a of flags.get("at") ?? []) {
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq).trim() : "";
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) throw new DeriveError("usage", `--at takes NAME=VALUE, not '${a}'`);
    if (name in at) throw new DeriveError("usage", `--at gives ${name} twice`);
    at[name] = a.slice(eq + 1);
  }
  const r = evaluate({ expr: positionals[0]!, let: flags.get("let") ?? [], at, seed: seedFlag(flags), nameAt: (name) => `--at ${name}`, timeout: timeoutFlag(flags) });
  if (flags.has("json")) {
    io.out(JSON.stringify(r));
    return r.error ? 2 : 0;
  }
  if (r.error) {
    io.err(r.error.message);
    return 2;
  }
  io.out(r.text!);
  for (const a of r.assumptions) io.out(`  assuming ${a}`);
  if (r.sampled.length || r.sampledDims.length) {
    const dims = r.sampledDims.map((k) => `${k} = ${r.dims[k]}`);
    const vals = r.sampled.map((k) => `${k} = ${jsonToText(r.values[k]!)}`);
    io.out(`  at a random sample (seed ${r.seed}): ${[...dims, ...vals].join("; ")}`);
  }
  for (const n of r.notes) io.out(`  ${n}`);
  return 0;
}
