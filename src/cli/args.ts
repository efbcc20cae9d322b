// Command-line arguments: positionals, `--flag value`, `--flag=value`,
// repeatable flags, and `--` after which everything is positional (so an
// expression may begin with `-`). Hand-written so that every mistake is one
// clear line and a leading-minus expression is never silently taken for a flag.

import { DeriveError } from "../core/errors.js";

export interface FlagSpec {
  /** takes a value (`--seed 3`) or is a switch (`--json`) */
  readonly value: boolean;
  readonly repeat?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") || (a.startsWith("-") && a.length === 2 && /[a-z]/i.test(a[1]!))) {
      const eq = a.indexOf("=");
      const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--?/, "");
      const key = name === "h" ? "help" : name;
      const spec = specs[key];
      if (!spec) throw new DeriveError("usage", `unknown option ${a.slice(0, eq >= 0 ? eq : undefined)} (see --help)`);
      let value = "true";
      if (spec.value) {
        if (eq >= 0) value = a.slice(eq + 1);
        else {
          const next = argv[i + 1];
          if (next === undefined) throw new DeriveError("usage", `option --${key} needs a value`);
          value = next;
          i++;
        }
      } else if (eq >= 0) throw new DeriveError("usage", `option --${key} takes no value`);
      const list = flags.get(key) ?? [];
      if (list.length > 0 && !spec.repeat) throw new DeriveError("usage", `option --${key} given twice`);
      list.push(value);
      flags.set(key, list);
      continue;
    }
    if (a.startsWith("-") && a.length > 1 && !/^-\d/.test(a)) {
      throw new DeriveError("usage", `'${a}' looks like an option; write an expression that begins with '-' in parentheses, "(${a})", or after --`);
    }
    positionals.push(a);
  }
  return { positionals, flags };
}

/** A non-negative integer flag (`--seed`, `--samples`). */
export function intFlag(flags: Map<string, string[]>, name: string, min: number, max: number): number | undefined {
  const v = flags.get(name)?.[0];
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new DeriveError("usage", `--${name} must be an integer from ${min} to ${max}, not '${v}'`);
  }
  return Number(v);
}

/** `--seed N`: an unsigned 32-bit integer (the generator's seed), or undefined. */
export function seedFlag(flags: Map<string, string[]>): number | undefined {
  return intFlag(flags, "seed", 0, 2 ** 32 - 1);
}

/** `--timeout SECONDS`: a positive number of seconds, or undefined. */
export function timeoutFlag(flags: Map<string, string[]>): number | undefined {
  const v = flags.get("timeout")?.[0];
  if (v === undefined) return undefined;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(v) || !(Number(v) > 0)) throw new DeriveError("usage", `--timeout must be a positive number of seconds, not '${v}'`);
  return Number(v);
}

/**
 * Where progress lines go: stderr, with `--progress` or when stderr is a
 * terminal (stdout stays clean for --json); nowhere otherwise.
 */
export function progressSink(flags: Map<string, string[]>, err: (s: string) => void): ((line: string) => void) | undefined {
  return flags.has("progress") || process.stderr.isTTY ? (line) => err(`derive: ${line}`) : undefined;
}

/** The flags every checking command takes. */
export const TIME_FLAGS = {
  timeout: { value: true },
  progress: { value: false },
} as const;
