// Shapes with symbolic dimensions. Every value of the language is a matrix
// rows x cols; a scalar is 1 x 1 and a column vector n x 1. A tensor of rank
// > 2 (N x C x H x W for convolutions) adds leading dimensions `lead` before
// rows x cols; a shape without `lead` is rank 2 exactly as before, so every
// matrix code path is untouched, and two shapes of different rank are never
// the same. Dimensions are
// positive integers or names; two dimensions are equal only when they are the
// same integer or the same name (no unification: `X: n x m` and `Y: m x n`
// never add up).

import { fail } from "./errors.js";

export type Dim = number | string;

export interface Shape {
  /** leading dimensions of a rank > 2 tensor (absent, never empty, for rank <= 2) */
  readonly lead?: readonly Dim[];
  readonly rows: Dim;
  readonly cols: Dim;
}

export const SCALAR: Shape = Object.freeze({ rows: 1, cols: 1 });

export const shape = (rows: Dim, cols: Dim = 1): Shape =>
  rows === 1 && cols === 1 ? SCALAR : { rows, cols };

/** A shape of any rank from its full list of dimensions (rank 1 is a column n x 1). */
export function tensorShape(dims: readonly Dim[]): Shape {
  if (dims.length === 0) return SCALAR;
  if (dims.length === 1) return shape(dims[0]!, 1);
  if (dims.length === 2) return shape(dims[0]!, dims[1]!);
  return { lead: dims.slice(0, -2), rows: dims[dims.length - 2]!, cols: dims[dims.length - 1]! };
}

/** Rank > 2 (a tensor with leading dimensions). */
export const isTensor = (s: Shape): boolean => s.lead !== undefined && s.lead.length > 0;
/** The full list of dimensions: [...lead, rows, cols] (a matrix, vector or scalar gives two). */
export const dimsOf = (s: Shape): Dim[] => [...(s.lead ?? []), s.rows, s.cols];
export const rankOf = (s: Shape): number => 2 + (s.lead?.length ?? 0);

export const isScalar = (s: Shape): boolean => s.rows === 1 && s.cols === 1 && !isTensor(s);
/** A column vector (n x 1), not a scalar. */
export const isVector = (s: Shape): boolean => s.cols === 1 && s.rows !== 1 && !isTensor(s);
export const isColumn = (s: Shape): boolean => s.cols === 1 && !isTensor(s);
export const isSquare = (s: Shape): boolean => s.rows === s.cols && !isTensor(s);
export const sameShape = (a: Shape, b: Shape): boolean =>
  a.rows === b.rows && a.cols === b.cols && sameLead(a.lead, b.lead);
const sameLead = (a: readonly Dim[] | undefined, b: readonly Dim[] | undefined): boolean =>
  (a?.length ?? 0) === (b?.length ?? 0) && (a ?? []).every((d, k) => d === b![k]);
export const transposeShape = (s: Shape): Shape => shape(s.cols, s.rows);

/** The shape as a user writes it: `scalar`, `n`, `1 x n`, `n x m`, `1 x 3 x 32 x 32`. */
export function showShape(s: Shape): string {
  if (isTensor(s)) return dimsOf(s).join(" x ");
  if (isScalar(s)) return "scalar";
  if (s.cols === 1) return String(s.rows);
  return `${s.rows} x ${s.cols}`;
}

/** Concrete dimensions of a shape under a size assignment (the Tensor's shape list). */
export const concreteDims = (s: Shape, sizes: ReadonlyMap<string, number>): number[] => dimsOf(s).map((d) => dimSize(d, sizes));

/**
 * Multiplies two dimensions (Kronecker products and vec need it). The result
 * is canonical: an integer, a name, or `c*a*b` with the integer factor first
 * and the names sorted, so `n*p` and `p*n` are the same dimension.
 */
export function mulDim(a: Dim, b: Dim): Dim {
  let coef = 1;
  const names: string[] = [];
  for (const f of [...factors(a), ...factors(b)]) {
    if (typeof f === "number") coef *= f;
    else names.push(f);
  }
  if (names.length === 0) return coef;
  names.sort();
  return (coef === 1 ? names : [String(coef), ...names]).join("*");
}

/**
 * The dimension d divided by k (the block size of a partial trace), or null
 * when k does not divide d: every name of k must be a factor of d, and the
 * integer factor of k must divide d's. `divDim("n*p", "n")` is `p`.
 */
export function divDim(d: Dim, k: Dim): Dim | null {
  let coef = 1;
  const names: string[] = [];
  for (const f of factors(d)) {
    if (typeof f === "number") coef *= f;
    else names.push(f);
  }
  for (const f of factors(k)) {
    if (typeof f === "number") {
      if (coef % f !== 0) return null;
      coef /= f;
      continue;
    }
    const at = names.indexOf(f);
    if (at < 0) return null;
    names.splice(at, 1);
  }
  return names.reduce<Dim>((p, x) => mulDim(p, x), coef);
}

function factors(d: Dim): Dim[] {
  if (typeof d === "number") return [d];
  return d.split("*").map((f) => (/^\d+$/.test(f) ? Number(f) : f));
}

/** Names of the symbolic dimensions in a dimension (a product `n*m` has two). */
export function dimNames(d: Dim): string[] {
  return factors(d).filter((f): f is string => typeof f === "string");
}

/** Concrete size of a dimension under a size assignment. */
export function dimSize(d: Dim, sizes: ReadonlyMap<string, number>): number {
  if (typeof d === "number") return d;
  let p = 1;
  for (const f of factors(d)) {
    if (typeof f === "number") {
      p *= f;
      continue;
    }
    const v = sizes.get(f);
    if (v === undefined) fail("engine", `dimension ${f} has no size`);
    p *= v;
  }
  return p;
}
