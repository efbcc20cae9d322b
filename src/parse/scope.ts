// The names a claim can use: declared variables (with shapes and properties)
// and the dimension names their shapes mention.

import { DeriveError } from "../core/errors.js";
import { dimNames, dimsOf } from "../core/shape.js";
import type { Declaration } from "../core/typed.js";
import { parseDeclarations } from "./declarations.js";

export class Scope {
  readonly decls: ReadonlyMap<string, Declaration>;
  /** every dimension name used by a declaration */
  readonly dims: ReadonlySet<string>;

  constructor(decls: readonly Declaration[]) {
    const m = new Map<string, Declaration>();
    const dims = new Set<string>();
    for (const d of decls) {
      if (m.has(d.name)) throw new DeriveError("declaration", `${d.name} is declared twice`, null, `--let "${d.origin}"`);
      m.set(d.name, d);
      for (const n of dimsOf(d.shape).flatMap(dimNames)) dims.add(n);
    }
    this.decls = m;
    this.dims = dims;
  }

  /** From declaration strings as the CLI and the DSL take them (`--let "X: n x n"`). */
  static parse(lets: readonly string[]): Scope {
    const all: Declaration[] = [];
    for (const src of lets) {
      try {
        all.push(...parseDeclarations(src));
      } catch (e) {
        throw e instanceof DeriveError ? e.locate(`--let "${src}"`) : e;
      }
    }
    return new Scope(all);
  }

  isVariable = (name: string): boolean => this.decls.has(name);
}
