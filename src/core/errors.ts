// Errors that reach a user. Every one carries a kind and, where it has one, the
// 0-based character offset in the text it came from, so the CLI can print the
// one-line form `shape error at 9: cannot multiply X (n x m) by y (n)`.

export type ErrorKind =
  | "syntax"
  | "shape"
  | "name"
  | "declaration"
  | "value"
  | "sample"
  | "usage"
  | "limit"
  | "timeout"
  | "engine"
  | "error";

export class DeriveError extends Error {
  readonly kind: ErrorKind;
  /** 0-based offset into `source`, or null when the error has no place. */
  readonly position: number | null;
  /** which text the position refers to: "lhs", "rhs", "--let X: n", ... */
  readonly where: string | null;
  /** the message without the "kind error at N:" prefix */
  readonly detail: string;

  constructor(kind: ErrorKind, detail: string, position: number | null = null, where: string | null = null) {
    super(formatError(kind, detail, position, where));
    this.kind = kind;
    this.detail = detail;
    this.position = position;
    this.where = where;
  }

  /** The same error, placed in a named text (e.g. "rhs") and shifted by an offset. */
  locate(where: string, offset = 0): DeriveError {
    if (this.where) return this;
    return new DeriveError(this.kind, this.detail, this.position === null ? null : this.position + offset, where);
  }
}

function formatError(kind: ErrorKind, detail: string, position: number | null, where: string | null): string {
  const head = kind === "error" ? "error" : `${kind} error`;
  const at = position === null ? "" : ` at ${position}`;
  const inWhere = where ? ` (in ${where})` : "";
  return `${head}${at}: ${detail}${inWhere}`;
}

/** Throws a DeriveError; typed `never` so it can end an expression. */
export function fail(kind: ErrorKind, detail: string, position: number | null = null): never {
  throw new DeriveError(kind, detail, position);
}

/** Turns anything thrown into a one-line DeriveError (never a stack trace). */
export function asDeriveError(e: unknown): DeriveError {
  if (e instanceof DeriveError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new DeriveError("limit", "expression is nested too deeply");
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new DeriveError("engine", `internal error: ${msg.split("\n")[0]}`);
}

/** Runs f; a DeriveError it throws is placed in the named text (`lhs`, `--at x`, ...). */
export function located<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof DeriveError ? e.locate(where) : e;
  }
}
