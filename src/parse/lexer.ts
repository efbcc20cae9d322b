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
  /** a `^` read from superscript digits: the exponent binds as a postfix (`X⁻¹ᵀ` is `(X^-1)'`) */
  readonly superscript?: boolean;
}

/** Longest first, so `.*` wins over `.` and `<=` over `<`. */
const OPERATORS = ["+/-", ".*", "./", ".^", "+", "-", "*", "/", "^", "'", "(", ")", "[", "]", ",", ";", "±"];
const RELATIONS = ["==", "~=", "<=", ">=", "=", "≈", "<", ">", "≤", "≥", "∝"];
/** Unicode look-alikes a student may paste, read as their ASCII meaning. */
const ALIASES: Record<string, string> = { "’": "'", "−": "-", "·": "*", "×": "*", "⊙": ".*" };

export const MAX_INPUT = 100_000;

/**
 * Superscripts a student pastes from a paper: `Xᵀ` (or `X⊤`) is `X'`, `x²` is
 * `x^2`, `X⁻¹` is `X^-1`. Unicode counts ᵀ as a letter and ² as a digit, so
 * without this they would be read as part of a name (`x²` a new scalar).
 */
const TRANSPOSES = new Set(["ᵀ", "⊤"]);
const SUPERSCRIPT_DIGITS: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9" };
const SUPERSCRIPT_MINUS = "⁻";
/**
 * Other super- and subscripts (`xᵢ`, `x₁`, `xⁿ`, `aʰ`): there is no reading
 * that is surely meant, so they are a positioned syntax error with a hint,
 * never part of a name.
 */
const OTHER_SCRIPT = /[\u02B0-\u02B8\u02E0-\u02E4\u1D2C-\u1D6A\u1D9B-\u1DBF\u2070-\u209C\u2C7C\u2C7D\uA770]/u;

/** Is c a super- or subscript character (read specially or refused, never part of a name)? */
export const isScript = (c: string): boolean => TRANSPOSES.has(c) || c in SUPERSCRIPT_DIGITS || c === SUPERSCRIPT_MINUS || OTHER_SCRIPT.test(c);

const isIdStart = (c: string): boolean => /[\p{L}_]/u.test(c) && !isScript(c);
const isIdPart = (c: string): boolean => /[\p{L}\p{N}_]/u.test(c) && !isScript(c);
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
    if (isScript(c)) {
      i = scanScript(src, i, out);
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

/**
 * A transpose mark or a superscript exponent at i: pushes `'`, or `^` with
 * the exponent (`⁻¹` gives `^ - 1`), each token spanning its own characters
 * (the `^` spans the first superscript) so positions stay exact. Anything
 * else super- or subscript is a syntax error with a hint.
 */
function scanScript(src: string, i: number, out: Token[]): number {
  const c = src[i]!;
  if (TRANSPOSES.has(c)) {
    out.push({ kind: "op", text: "'", pos: i, end: i + 1 });
    return i + 1;
  }
  if (c in SUPERSCRIPT_DIGITS || c === SUPERSCRIPT_MINUS) {
    out.push({ kind: "op", text: "^", pos: i, end: i + 1, superscript: true });
    if (c === SUPERSCRIPT_MINUS) {
      out.push({ kind: "op", text: "-", pos: i, end: i + 1 });
      i++;
    }
    const start = i;
    let digits = "";
    while (i < src.length && src[i]! in SUPERSCRIPT_DIGITS) digits += SUPERSCRIPT_DIGITS[src[i++]!];
    if (digits === "") throw new DeriveError("syntax", "superscript minus '⁻' needs superscript digits after it, e.g. X⁻¹", start - 1);
    out.push({ kind: "num", text: digits, pos: start, end: i });
    return i;
  }
  const ch = String.fromCodePoint(src.codePointAt(i)!);
  throw new DeriveError("syntax", `super- or subscript '${ch}' is not read: write an index as x[i], a power as x^n, a transpose as x', or a plain name as x_i`, i);
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
