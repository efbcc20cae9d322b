// An asymptotic claim `lhs ≈ rhs as eps -> 0, n -> inf` prints (as its verdict
// shows it) to text that parses back to the same sides and parameters.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { key } from "../../src/core/ast.js";
import { printAsymptotic } from "../../src/check/asymptotic.js";
import { parseClaim } from "../../src/parse/parser.js";
import { printExpr } from "../../src/parse/print.js";
import { exprArb } from "../parse/expr-arbitrary.js";

const paramsArb = fc.uniqueArray(fc.constantFrom("eps", "lam", "h", "n"), { minLength: 1, maxLength: 3 }).chain((names) =>
  fc.tuple(...names.map((n) => fc.constantFrom<"0" | "inf">("0", "inf").map((to) => ({ name: n, to, pos: 0 })))),
);

describe("asymptotic claims: print / parse round trip", () => {
  it("printAsymptotic(parseClaim(text)) parses back to the same claim", () => {
    fc.assert(
      fc.property(exprArb(true), exprArb(true), paramsArb, (a, b, params) => {
        const text = `${printExpr(a)} ≈ ${printExpr(b)} as ${params.map((p) => `${p.name} -> ${p.to}`).join(", ")}`;
        const once = parseClaim(text);
        expect(once.relations).toEqual(["≈"]);
        const again = parseClaim(printAsymptotic(once));
        expect(again.sides.map(key)).toEqual(once.sides.map(key));
        expect(again.as?.map((p) => [p.name, p.to])).toEqual(params.map((p) => [p.name, p.to]));
        expect(printAsymptotic(again)).toBe(printAsymptotic(once));
      }),
      { numRuns: 300 },
    );
  });
});
