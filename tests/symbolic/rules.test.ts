// Every named rewrite rule of the normal form: documented, used by a proof of
// its example, reported by name, and true numerically (so the prover cannot
// prove a falsehood through it).

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { equal } from "../../src/api.js";
import { RULES } from "../../src/symbolic/rules.js";

const srcDir = new URL("../../src/symbolic/", import.meta.url);

describe("named rewrite rules", () => {
  it("every rule the engine can fire is documented in RULES", () => {
    const used = new Set<string>();
    for (const f of readdirSync(srcDir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(new URL(f, srcDir), "utf8");
      for (const m of text.matchAll(/rule\("([a-z0-9-]+)"\)/g)) used.add(m[1]!);
      for (const m of text.matchAll(/rule: "([a-z0-9-]+)"/g)) used.add(m[1]!);
    }
    for (const name of ["sigmoid", "tanh", "sin", "cos", "abs", "softplus", "relu"]) used.add(`${name}-reflection`);
    const documented = new Set(RULES.map((r) => r.name));
    for (const u of used) expect(documented.has(u), `rule ${u} is not documented`).toBe(true);
    expect(documented.size).toBe(RULES.length);
  });

  for (const r of RULES) {
    const [lhs, rhs, decls] = r.example;
    it(`${r.name}: ${r.identity}`, () => {
      const proved = equal({ lhs, rhs, let: [...decls], seed: 3 });
      expect(proved.verdict, proved.detail).toBe("proved");
      expect(proved.detail).toContain(r.name);
      // the identity itself, decided by the numeric check alone
      const numeric = equal({ lhs, rhs, let: [...decls], seed: 5, symbolic: false });
      expect(numeric.verdict, numeric.detail).toBe("verified");
    });
  }
});
