// Bounds on a rank that follow from shapes alone (issue 14 part 1: integer
// functions of matrices decided exactly). rank(E) is at most min(rows, cols)
// of E, and the rank of a product at most the smallest rank of its factors:
// rank(F1 * ... * Fk) <= min over i of min(rows(Fi), cols(Fi)). So
// `rank(wB2 * wB1) <= 4` with wB1: 4 x 5 holds for every matrix of those
// shapes, whatever the entries: a proof, not a sample. Only bounds from above
// are proved (a rank can always drop to 0, so `rank(X) = 5` stays sampled),
// and only at concrete sizes (a symbolic size has no number to compare). The
// same bound proves det(E) = 0 for an n x n E whose rank is bounded below n.

import type { TNode } from "../core/typed.js";
import { isScalar } from "../core/shape.js";
import type { Relation } from "../parse/parser.js";
import type { NumberProof } from "./numbers.js";

/** An upper bound on rank(e) from the shapes of e and its factors (Infinity when none is known). */
function rankBound(e: TNode): number {
  const { rows, cols, lead } = e.shape;
  const own = lead === undefined && typeof rows === "number" && typeof cols === "number" ? Math.min(rows, cols) : Infinity;
  if (e.op === "mul" && e.args.length === 2) {
    const [a, b] = e.args as [TNode, TNode];
    // a scalar factor does not raise the rank: rank(c * A) <= rank(A)
    if (isScalar(a.shape)) return Math.min(own, rankBound(b));
    if (isScalar(b.shape)) return Math.min(own, rankBound(a));
    return Math.min(own, rankBound(a), rankBound(b));
  }
  if (e.op === "transpose" && e.args.length === 1) return Math.min(own, rankBound(e.args[0]!));
  return own;
}

const number = (e: TNode): number | null => (e.op === "num" && typeof e.value === "number" && Number.isFinite(e.value) ? e.value : null);

/** The bound b on rank(x) when x is rank(...) at concrete sizes, else null. */
function boundOfRank(x: TNode): { bound: number; of: TNode } | null {
  if (x.op !== "rank" || x.args.length !== 1) return null;
  const bound = rankBound(x.args[0]!);
  return Number.isFinite(bound) ? { bound, of: x.args[0]! } : null;
}

/** det(E) = 0 when E is n x n but its rank is bounded below n (a product through a narrower dimension). */
function singular(x: TNode): number | null {
  if (x.op !== "det" || x.args.length !== 1) return null;
  const e = x.args[0]!;
  const bound = rankBound(e);
  return typeof e.shape.rows === "number" && bound < e.shape.rows ? bound : null;
}

/** One comparison `lhs rel rhs` proved from a rank bound, or null. */
function provePair(lhs: TNode, rel: Relation, rhs: TNode): number | null {
  if (rel === "=") return number(rhs) === 0 ? singular(lhs) : number(lhs) === 0 ? singular(rhs) : null;
  // written either way round: rank(E) <= k, or k >= rank(E)
  const [rank, k, strict] =
    rel === "<=" || rel === "<" ? [boundOfRank(lhs), number(rhs), rel === "<"] : rel === ">=" || rel === ">" ? [boundOfRank(rhs), number(lhs), rel === ">"] : [null, null, false];
  if (!rank || k === null) return null;
  return strict ? (rank.bound < k ? rank.bound : null) : rank.bound <= k ? rank.bound : null;
}

/**
 * A proof of every comparison of the claim from rank bounds (method
 * symbolic), or null when any comparison is not such a bound.
 */
export function proveRankBound(sides: readonly TNode[], relations: readonly Relation[]): NumberProof | null {
  if (relations.length === 0 || relations.length !== sides.length - 1) return null;
  const bounds: number[] = [];
  for (let i = 0; i < relations.length; i++) {
    const b = provePair(sides[i]!, relations[i]!, sides[i + 1]!);
    if (b === null) return null;
    bounds.push(b);
  }
  const detail = `proved from the shapes: the rank is at most ${bounds.join(", ")} (a matrix's smaller dimension, the smallest along a product)${relations.includes("=") ? ", below the size, so the determinant is 0" : ""}`;
  return { method: "symbolic", detail };
}
