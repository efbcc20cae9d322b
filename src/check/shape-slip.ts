// Shape slips kept as written (issue 15, part 4). A step whose shapes do not
// fit stays as the author wrote it (`expect: "shape error"`); this says what
// would make them fit, the way a marker writes "Wᵀ" in the margin: the
// transpose of one factor, or the other layout (the transpose of a whole
// side, numerator vs denominator layout when a side is a derivative). Only
// the shapes are judged here: whether the repaired claim is then true is
// for the checker (the caller re-checks it and says so).

import type { Expr } from "../core/ast.js";
import { node } from "../core/ast.js";
import { isScalar, sameShape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { type Claim, parseClaim } from "../parse/parser.js";
import { Resolver } from "../parse/resolve.js";
import type { Scope } from "../parse/scope.js";
import { printClaim } from "./claim.js";

/** What makes a shape error fit. */
export interface ShapeSlip {
  /** "transpose": one factor transposed; "layout": a whole side transposed */
  readonly fix: "transpose" | "layout";
  /** the factor (or side) as written: "W", "the right side" */
  readonly what: string;
  /** the claim with the fix, which resolves with its sides' shapes equal */
  readonly fits: string;
  /** one line: "the transpose of W fits: W' * h + b = z" */
  readonly message: string;
}

/** operators whose result is a derivative: a side with one of them has a layout */
const DERIVATIVES = new Set(["grad", "jacobian", "hessian", "diff"]);

/**
 * The first fix that makes a claim with a shape error fit, or null (the claim
 * fits already, or no single transpose makes it fit). Transposes of single
 * variables are tried first, then of the other operands of products, then of
 * a whole side.
 */
export function shapeSlip(text: string, scope: Scope): ShapeSlip | null {
  let claim: Claim;
  try {
    claim = parseClaim(text, { isVariable: scope.isVariable });
  } catch {
    return null;
  }
  if (claim.relations.length === 0 || fits(claim, scope)) return null;
  const all = claim.sides.flatMap((side, s) => subtrees(side).map((e) => ({ e, s })));
  // smallest first: a variable, then any other operand of a product (never a whole side: that is the layout)
  const vars = all.filter(({ e }) => e.op === "sym");
  const operands = all.filter(({ e }) => e.op !== "sym" && e.op !== "num" && e.op !== "transpose" && isOperandOfProduct(e, claim.sides));
  for (const { e, s } of [...vars, ...operands]) {
    const sides = claim.sides.map((side, k) => (k === s ? replace(side, e, node("transpose", [e], e.pos, e.end)) : side));
    const c = { ...claim, sides };
    if (fits(c, scope)) {
      const what = printClaim({ ...claim, sides: [e], relations: [] });
      return { fix: "transpose", what, fits: printClaim(c), message: `the transpose of ${what} fits: ${printClaim(c)}` };
    }
  }
  if (claim.sides.length === 2) {
    for (const s of [1, 0]) {
      const side = claim.sides[s]!;
      const sides = claim.sides.map((x, k) => (k === s ? node("transpose", [side], side.pos, side.end) : x));
      const c = { ...claim, sides };
      if (!fits(c, scope)) continue;
      const which = s === 1 ? "the right side" : "the left side";
      const derivative = claim.sides.some((x) => [x, ...subtrees(x)].some((e) => DERIVATIVES.has(e.op)));
      const message = derivative
        ? `the other layout fits (numerator vs denominator: the transpose of ${which}): ${printClaim(c)}`
        : `the transpose of ${which} fits: ${printClaim(c)}`;
      return { fix: "layout", what: which, fits: printClaim(c), message };
    }
  }
  return null;
}

/** Do the sides resolve, with equal shapes (a scalar may stand beside anything under an inequality)? */
function fits(claim: Claim, scope: Scope): boolean {
  let sides: TNode[];
  try {
    sides = new Resolver(scope).resolveSides(claim.sides, claim.sides.map(() => "claim"));
  } catch {
    return false;
  }
  return claim.relations.every((rel, i) => {
    const a = sides[i]!.shape;
    const b = sides[i + 1]!.shape;
    return sameShape(a, b) || (rel !== "=" && rel !== "∝" && (isScalar(a) || isScalar(b)));
  });
}

/** Every subtree of e, e's own operands before theirs (left to right), e itself excluded. */
function subtrees(e: Expr): Expr[] {
  const out: Expr[] = [];
  const visit = (x: Expr): void => {
    for (const a of x.args) {
      out.push(a);
      visit(a);
    }
  };
  visit(e);
  return out;
}

function isOperandOfProduct(e: Expr, sides: readonly Expr[]): boolean {
  const parentOf = (x: Expr): Expr | null => {
    for (const side of sides) {
      const stack = [side];
      while (stack.length) {
        const p = stack.pop()!;
        if (p.args.includes(x)) return p;
        stack.push(...p.args);
      }
    }
    return null;
  };
  return parentOf(e)?.op === "mul";
}

/** e with the node `target` (by identity) replaced. */
function replace(e: Expr, target: Expr, by: Expr): Expr {
  if (e === target) return by;
  return e.args.some((a) => contains(a, target)) ? { ...e, args: e.args.map((a) => replace(a, target, by)) } : e;
}

function contains(e: Expr, target: Expr): boolean {
  return e === target || e.args.some((a) => contains(a, target));
}
