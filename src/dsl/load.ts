// Loads a derivation file (.ts or .js) with jiti, with no build step, and
// collects the derivations it exports (default or named, or arrays of them).
// `import ... from "derive"` inside the file is aliased to this package's
// own entry, so a file anywhere (not only inside this package) gets the DSL
// of the `derive` that checks it.

import { asDeriveError } from "../core/errors.js";
import { type Derivation, isDerivation } from "./derivation.js";
import { framesOf } from "./site.js";

/** Thrown when a file cannot be loaded; the message is one line. */
export class LoadError extends Error {}

export async function loadDerivations(file: string, deriveEntry: string): Promise<Derivation[]> {
  const { createJiti } = await import("jiti");
  // jiti's transform moves lines (a header comment above the import shifts
  // every step); an inline source map, honoured by V8's stack traces, gives
  // each step the line the author sees in the editor
  process.setSourceMapsEnabled?.(true);
  const jiti = createJiti(file, {
    alias: { derive: deriveEntry },
    interopDefault: false,
    moduleCache: true,
    sourceMaps: true,
    fsCache: true,
  });
  let mod: Record<string, unknown>;
  try {
    mod = (await jiti.import(file)) as Record<string, unknown>;
  } catch (e) {
    throw new LoadError(describeLoadError(e, file));
  }
  const found: Derivation[] = [];
  const add = (v: unknown): void => {
    if (isDerivation(v)) {
      if (!found.includes(v)) found.push(v);
    } else if (Array.isArray(v)) v.forEach(add);
  };
  if (mod && typeof mod === "object") {
    add(mod.default);
    for (const k of Object.keys(mod)) if (k !== "default") add(mod[k]);
  }
  if (found.length === 0) {
    throw new LoadError("no derivation exported (write `export default derivation(...)` or `export const name = derivation(...)`)");
  }
  // in the order they were written
  return found.sort((a, b) => (a.site.file === b.site.file ? a.site.line - b.site.line : 0));
}

/** One line: what went wrong and where in the file (`syntax error ... (x.ts:2:10)`, `Error: boom (line 5)`). */
export function describeLoadError(e: unknown, file: string): string {
  const raw = e instanceof Error ? e.message : String(e);
  const oneLine = raw.replace(/\s+/g, " ").trim();
  const name = e instanceof Error ? `${e.name || "Error"}: ` : "";
  // jiti reports a syntax error as "ParseError: <what> <file>:<line>:<col>"
  const parse = /^(?:\w*Error: )?ParseError: (.*?)\s*(\S+):(\d+):(\d+)$/.exec(oneLine);
  if (parse) return `syntax error: ${parse[1]!.trim() || "unexpected input"} (line ${parse[3]}, column ${parse[4]})`;
  if (/Cannot find module/.test(oneLine)) return `${oneLine.replace(/ Require stack:.*$/, "")}`;
  const line = e instanceof Error ? framesOf(e.stack ?? "").find((f) => f.file === file)?.line : undefined;
  const msg = e instanceof Error ? `${name}${oneLine}` : asDeriveError(e).message;
  return line ? `${msg} (line ${line})` : msg;
}
