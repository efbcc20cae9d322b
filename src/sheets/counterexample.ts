// The counterexample of a refuted step, read back from the checker's one-line
// detail ("refuted (= fails): at n = 2; A = [...]: lhs = [...], rhs = [...]")
// into a small table: dimensions first, then values, then both sides.

export interface Counterexample {
  readonly dims: readonly (readonly [string, string])[];
  readonly values: readonly (readonly [string, string])[];
  readonly lhs: string | null;
  readonly rhs: string | null;
}

/** null when the detail names no point (a refutation by a limit or a statistical test is shown as its text). */
export function counterexampleOf(detail: string, dimNames: ReadonlySet<string>): Counterexample | null {
  const m = /\bat (.*?): lhs = (.*?), rhs = (.*)$/s.exec(detail);
  if (!m) return null;
  const dims: [string, string][] = [];
  const values: [string, string][] = [];
  for (const part of splitTop(m[1]!, ";")) {
    const eq = part.indexOf(" = ");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 3).trim();
    (dimNames.has(name) && /^\d+$/.test(value) ? dims : values).push([name, value]);
  }
  return { dims, values, lhs: balanced(m[2]!), rhs: balanced(m[3]!) };
}

/** Splits at `sep` outside brackets. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    else if (c === sep && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter(Boolean);
}

/** A side: a matrix up to its closing bracket, else a value up to `;`, ` (` or the end. */
function balanced(s: string): string {
  if (!s.startsWith("[")) return s.split(/;| \(/)[0]!.trim();
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "[") depth++;
    else if (s[i] === "]") depth--;
    if (depth === 0 && s[i] === "]") return s.slice(0, i + 1);
  }
  return s.trim();
}
