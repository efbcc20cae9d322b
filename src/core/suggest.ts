// "Did you mean X?": the closest of some known names to a name that is not
// known, by edit distance (a case slip counts as half an edit), so a message
// about a typo can name what was probably meant.

/** Levenshtein distance, with a change of case only counting 1/2. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      const sub = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1;
      const next = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + sub);
      diag = prev[j]!;
      prev[j] = next;
    }
  }
  return prev[b.length]!;
}

/**
 * The known name nearest to `name` (ties: the first given), or null when
 * there is none. A one-letter name has only one-letter neighbours, so any
 * known name within half its length plus one edit is offered: for `--wrt Y`
 * with only `X` in sight, `X` is the likely meaning.
 */
export function closest(name: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    if (k === name) continue;
    const d = distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.ceil(name.length / 2)) ? best : null;
}

/**
 * "; did you mean X?" or "" (to end a message with). The groups are tried in
 * order (the names a derivative's function uses before the other declared
 * ones), so a near name in an earlier group wins over a nearer one later.
 */
export function didYouMean(name: string, ...groups: Iterable<string>[]): string {
  for (const g of groups) {
    const c = closest(name, g);
    if (c !== null) return `; did you mean ${c}?`;
  }
  return "";
}
