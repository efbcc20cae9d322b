// Signs of the free scalars across samples, chosen by a fixed scheme rather
// than left to chance: `ε * s_hat(g) / (sqrt(r_hat(g)) + δ) = ε * g / (g + δ)`
// is false for every g < 0, and six normal draws all came out g > 0 under
// one seed (1 in 64). With the scheme every scalar is negative on the second
// sample whatever the seed, every sign pattern of up to three scalars is met,
// and each scalar is exactly 0 once where 0 is allowed.

/** -1 / +1: that sign (the magnitude as drawn); 0: exactly zero. */
export type Sign = -1 | 0 | 1;

/**
 * The sign patterns for k scalars, in the order samples take them: all +,
 * all -, alternating both ways, each one negated alone, each one positive
 * alone (duplicates dropped, so k <= 3 meets all 2^k patterns), then each
 * scalar at 0 in turn (where `zeroOk[i]`; the others +, then -).
 */
export function signPatterns(zeroOk: readonly boolean[]): Sign[][] {
  const k = zeroOk.length;
  if (k === 0) return [];
  const all = (s: Sign): Sign[] => Array.from({ length: k }, () => s);
  const out: Sign[][] = [all(1), all(-1)];
  out.push(all(1).map((_, i) => (i % 2 === 0 ? 1 : -1)));
  out.push(all(1).map((_, i) => (i % 2 === 0 ? -1 : 1)));
  for (let i = 0; i < k; i++) out.push(all(1).map((_, j) => (j === i ? -1 : 1)));
  for (let i = 0; i < k; i++) out.push(all(1).map((_, j) => (j === i ? 1 : -1)));
  for (let i = 0; i < k; i++) if (zeroOk[i]) out.push(all(i % 2 === 0 ? 1 : -1).map((s, j) => (j === i ? 0 : s)));
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = p.join(",");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The sign scalar `i` takes on draw `draw`, or null to keep the drawn value
 * (after the patterns are used up, draws keep their random signs).
 */
export function signAt(patterns: readonly Sign[][], draw: number, i: number): Sign | null {
  const p = patterns[draw];
  return p ? p[i]! : null;
}

/** `value` with the sign `s` (its magnitude kept; 0 for s = 0). */
export function withSign(value: number, s: Sign): number {
  return s === 0 ? 0 : s * Math.abs(value);
}
