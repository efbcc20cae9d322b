// Text -> tokens, each with its 0-based offset. Hand-written (not mathjs) so
// that every token, and so every node and error, has an exact position, and so
// that `x'` is a plain transpose and `2.*x` is `2 .* x` (language.md).

import { DeriveError } from "../core/errors.js";

export type TokenKind = "num" | "name" | "op" | "rel" | "eof";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly pos: number;
  readonly end: number;
}

/** Longest first, so `.*` wins over `.` and `<=` over `<`. */
const OPERATORS = ["+/-", ".*", "./", ".^", "+", "-", "*", "/", "^", "'", "(", ")", "[", "]", ",", ";", "±"];
const RELATIONS = ["==", "~=", "<=", ">=", "=", "≈", "<", ">", "≤", "≥", "∝"];
/** Unicode look-alikes a student may paste, read as their ASCII meaning. */
const ALIASES: Record<string, string> = { "’": "'", "−": "-", "·": "*", "×": "*", "⊙": ".*" };

export const MAX_INPUT = 100_000;

const isIdStart = (c: string): boolean => /[\p{L}_]/u.test(c);
const isIdPart = (c: string): boolean => /[\p{L}\p{N}_]/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

export function tokenize(src: string): Token[] {
  if (src.length > MAX_INPUT) throw new DeriveError("limit", `expression longer than ${MAX_INPUT} characters`, 0);
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = String.fromCodePoint(src.codePointAt(i)!); // a code point, so a letter outside the BMP (𝒳) starts a name
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && isDigit(src[i + 1]))) {
      i = scanNumber(src, i);
      out.push({ kind: "num", text: src.slice(start, i), pos: start, end: i });
      continue;
    }
    if (isIdStart(c)) {
      // Code points, not UTF-16 units, so Greek and other letters work.
      while (i < src.length) {
        const cp = String.fromCodePoint(src.codePointAt(i)!);
        if (!isIdPart(cp)) break;
        i += cp.length;
      }
      out.push({ kind: "name", text: src.slice(start, i), pos: start, end: i });
      continue;
    }
    const alias = ALIASES[c];
    if (alias) {
      out.push({ kind: "op", text: alias, pos: start, end: i + 1 });
      i++;
      continue;
    }
    const rel = RELATIONS.find((r) => src.startsWith(r, i));
    if (rel) {
      out.push({ kind: "rel", text: rel, pos: start, end: i + rel.length });
      i += rel.length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: "op", text: op, pos: start, end: i + op.length });
      i += op.length;
      continue;
    }
    throw new DeriveError("syntax", `unexpected character '${c}'`, start);
  }
  out.push({ kind: "eof", text: "", pos: src.length, end: src.length });
  return out;
}

/** Digits, an optional fraction and exponent. A `.` followed by `* / ^ '` is not part of the number. */
function scanNumber(src: string, i: number): number {
  while (isDigit(src[i])) i++;
  if (src[i] === "." && !"*/^'".includes(src[i + 1] ?? "*")) {
    i++;
    while (isDigit(src[i])) i++;
  } else if (src[i] === "." && src[i + 1] === undefined) {
    i++;
  }
  if ((src[i] === "e" || src[i] === "E") && (isDigit(src[i + 1]) || ((src[i + 1] === "+" || src[i + 1] === "-") && isDigit(src[i + 2])))) {
    i += 2;
    while (isDigit(src[i])) i++;
  }
  return i;
}
