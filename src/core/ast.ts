// The untyped syntax tree. Trees are immutable plain objects; every node keeps
// the 0-based source span it came from. Structural equality ignores positions:
// `key(e)` is a canonical string of the tree (memoised), so two trees are the
// same expression exactly when their keys are equal.

/** An operator node: `op` is the id of a registered operator ("add", "tr", ...). */
export interface Expr {
  readonly op: string;
  readonly args: readonly Expr[];
  /** for op "num": the value; the literal text is kept in `text` (decimals matter for ≈). */
  readonly value?: number;
  readonly text?: string;
  /** for op "sym": the name. */
  readonly name?: string;
  /** for op "matrix": number of rows and columns; args hold the entries row by row. */
  readonly dims?: readonly [number, number];
  readonly pos: number;
  readonly end: number;
}

export const num = (value: number, pos = 0, end = pos, text?: string): Expr => ({
  op: "num",
  args: [],
  value,
  text: text ?? String(value),
  pos,
  end,
});

export const sym = (name: string, pos = 0, end = pos + name.length): Expr => ({ op: "sym", args: [], name, pos, end });

export const node = (op: string, args: readonly Expr[], pos = args[0]?.pos ?? 0, end = args[args.length - 1]?.end ?? pos): Expr => ({
  op,
  args,
  pos,
  end,
});

export const matrix = (rows: number, cols: number, entries: readonly Expr[], pos = 0, end = pos): Expr => ({
  op: "matrix",
  args: entries,
  dims: [rows, cols],
  pos,
  end,
});

const keys = new WeakMap<Expr, string>();

/** Canonical structural key of a tree (positions ignored). */
export function key(e: Expr): string {
  let k = keys.get(e);
  if (k !== undefined) return k;
  switch (e.op) {
    case "num":
      k = `#${e.value}`;
      break;
    case "sym":
      k = `$${e.name}`;
      break;
    case "dimval":
      // a dimension used as a value: its name is what it is
      k = `#dim:${e.name}`;
      break;
    case "matrix":
      k = `[${e.dims![0]}x${e.dims![1]}:${e.args.map(key).join(",")}]`;
      break;
    default:
      k = `${e.op}(${e.args.map(key).join(",")})`;
      // a bare identity has no arguments: its size (typed trees carry it) is part of what it is
      if (e.op === "I" && e.args.length === 0 && "shape" in e) {
        const s = (e as { shape: { rows: unknown; cols: unknown } }).shape;
        k = `I[${String(s.rows)}]`;
      }
  }
  keys.set(e, k);
  return k;
}

export const sameExpr = (a: Expr, b: Expr): boolean => a === b || key(a) === key(b);

/** Rebuilds a node with new arguments (the SymPy invariant `e.func(*e.args) == e`). */
export const withArgs = (e: Expr, args: readonly Expr[]): Expr => ({ ...e, args });

/** Visits every node, parents before children. */
export function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  for (const a of e.args) walk(a, visit);
}

/** Names of the symbols a tree mentions. */
export function symbols(e: Expr): Set<string> {
  const out = new Set<string>();
  walk(e, (n) => {
    if (n.op === "sym") out.add(n.name!);
  });
  return out;
}
