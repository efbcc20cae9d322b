// `derive ops`: every registered operator with its syntax and documentation.

import { OPS } from "../ops/registry.js";
import type { Io } from "./main.js";

export function runOps(_argv: string[], io: Io): number {
  for (const op of OPS) {
    const s = op.syntax;
    const form =
      s.kind === "function"
        ? `${s.names.join(" / ")}(${typeof s.arity === "number" ? s.arity : s.arity.join("..")} args)`
        : s.kind === "infix"
          ? `a ${s.symbol} b`
          : s.kind === "prefix"
            ? `${s.symbol}a`
            : s.kind === "postfix"
              ? `a${s.symbol}`
              : s.kind === "index"
                ? "x[i], X[i, j]"
                : (s.names ?? [op.name]).join(" / ");
    io.out(`${form.padEnd(28)} ${op.doc}`);
  }
  return 0;
}
