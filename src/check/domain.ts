// Which declaration is missing when a function has no valid sample on its
// declared domain: `log(X)` of a matrix of any sign is undefined at almost
// every draw, so derive grad names `X positive` (and the --let that says it)
// instead of failing as if the engine were at fault.

import { showShape } from "../core/shape.js";
import { type TNode, variablesOf } from "../core/typed.js";
import type { Scope } from "../parse/scope.js";

/** operators defined only for positive (or nonnegative) arguments */
const NEEDS_POSITIVE = new Set(["log", "sqrt"]);
/** properties that already make a variable's entries positive */
const POSITIVE = ["positive", "spd"];

/** The variables under an operator that needs a positive argument, and no property that makes them so. */
export function unconstrainedUnderLog(f: TNode, scope: Scope): string[] {
  const out = new Set<string>();
  const visit = (n: TNode): void => {
    const e = n.args[1];
    const fractional = (n.op === "pow" || n.op === "epow") && !!e && !(e.op === "num" && Number.isInteger(e.value));
    if (NEEDS_POSITIVE.has(n.op) || fractional) {
      for (const v of variablesOf([n.args[0]!])) {
        const d = scope.decls.get(v);
        if (!d || !d.properties.some((p) => POSITIVE.includes(p))) out.add(v);
      }
    }
    n.args.forEach(visit);
  };
  visit(f);
  return [...out];
}

/** The advice that ends a "not numerically checked" note: the declarations to add. */
export function missingDeclaration(f: TNode | readonly TNode[], scope: Scope): string {
  const names = [...new Set((Array.isArray(f) ? f : [f]).flatMap((t: TNode) => unconstrainedUnderLog(t, scope)))];
  if (names.length === 0) return "declare the properties that keep the expression in its domain (positive, spd, invertible, an interval)";
  const lets = names.map((v) => {
    const d = scope.decls.get(v);
    return `--let "${v}: ${d ? `${showShape(d.shape)} ` : ""}positive"`;
  });
  return `declare ${names.map((v) => `${v} positive`).join(", ")} (${lets.join(" ")})`;
}
