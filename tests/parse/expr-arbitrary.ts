// A fast-check arbitrary of random syntax trees built from the operator
// registry: every infix, prefix and postfix operator, indexing with integer
// literals, every function with an arity it accepts (dimension arguments for
// I/ones/zeros, a variable for the wrt argument of grad/jacobian/...), named
// constants, numbers, variables and matrix literals. A newly registered
// operator is generated without editing this file.

import fc from "fast-check";
import { type Expr, matrix, node, num, sym } from "../../src/core/ast.js";
import { OPS } from "../../src/ops/registry.js";

/**
 * Variable names: plain, Greek (spelled and Unicode), with digits or an
 * underscore, a letter outside the BMP; never a function or constant name.
 */
export const NAMES = ["x", "y", "z", "A", "B", "X", "t", "alpha", "w1", "x_hat", "β", "𝒳"];
export const DIM_NAMES = ["n", "m", "p"];

const numberArb: fc.Arbitrary<Expr> = fc
  .oneof(
    fc.integer({ min: 0, max: 20 }),
    fc.constantFrom(0.5, 0.25, 1e-3, 2.75, 1e21, 123456789),
    fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }),
  )
  .map((v) => num(Object.is(v, -0) ? 0 : v));

const indexArb: fc.Arbitrary<Expr> = fc.integer({ min: 1, max: 5 }).map((i) => num(i));
const dimArgArb: fc.Arbitrary<Expr> = fc.oneof(fc.integer({ min: 1, max: 6 }).map((i) => num(i)), fc.constantFrom(...DIM_NAMES).map((n) => sym(n)));
const variableArb: fc.Arbitrary<Expr> = fc.constantFrom(...NAMES).map((n) => sym(n));

/** Constants read as symbols until they are resolved, so they are generated as symbols. */
const constantNames = OPS.flatMap((op) => (op.syntax.kind === "leaf" ? (op.syntax.names ?? []) : []));
const leafArb: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 3, arbitrary: numberArb },
  { weight: 5, arbitrary: variableArb },
  { weight: 1, arbitrary: fc.constantFrom(...constantNames).map((n) => sym(n)) },
);

/**
 * Trees over the registry's syntax. `zeroArgCalls`: whether a function of
 * arity 0 may be called with no argument (`I()`), which prints as the bare
 * constant `I` and so parses back as a symbol (same meaning, other tree).
 */
export function exprArb(zeroArgCalls: boolean, maxDepth = 5): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie("expr");
    const builders: fc.Arbitrary<Expr>[] = [];
    for (const op of OPS) {
      const s = op.syntax;
      switch (s.kind) {
        case "infix":
          builders.push(fc.tuple(sub, sub).map(([a, b]) => node(op.name, [a, b])));
          break;
        case "prefix":
        case "postfix":
          builders.push(sub.map((a) => node(op.name, [a])));
          break;
        case "index":
          builders.push(
            fc.tuple(sub, fc.array(indexArb, { minLength: 1, maxLength: 2 })).map(([t, idx]) => node(op.name, [t, ...idx])),
          );
          break;
        case "function": {
          const [lo0, hi] = typeof s.arity === "number" ? [s.arity, s.arity] : s.arity;
          const lo = zeroArgCalls ? lo0 : Math.max(lo0, 1);
          if (hi < lo) break;
          builders.push(
            fc.integer({ min: lo, max: hi }).chain((count) =>
              fc
                .tuple(
                  ...Array.from({ length: count }, (_, i) =>
                    s.dimArgs ? dimArgArb : i === s.wrtArg ? variableArb : sub,
                  ),
                )
                .map((args) => node(op.name, args)),
            ),
          );
          break;
        }
        case "leaf":
          break; // leafArb
      }
    }
    const matrixArb = fc
      .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }))
      .chain(([r, c]) => fc.array(sub, { minLength: r * c, maxLength: r * c }).map((es) => matrix(r, c, es)));
    return {
      expr: fc.oneof(
        { depthSize: "small", maxDepth, depthIdentifier: "expr" },
        { weight: 12, arbitrary: leafArb },
        ...builders.map((arbitrary) => ({ weight: 1, arbitrary })),
        { weight: 1, arbitrary: matrixArb },
      ),
    };
  });
  return expr;
}
