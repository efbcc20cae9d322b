// Declarations: `X: n x n spd`, `A, B: n x m`, `x: n`, `a: scalar`,
// `W: 4x3`, `k: integer`; several in one string separated by `;`.
// Positions in errors are offsets into the declaration text.

import { DeriveError } from "../core/errors.js";
import { type Dim, type Shape, SCALAR, dimsOf, isSquare, isTensor, isVector, rankOf, showShape, tensorShape } from "../core/shape.js";
import { type Declaration, PROPERTIES, type Property } from "../core/typed.js";
import { functionOp } from "../ops/registry.js";
import { isScript } from "./lexer.js";
import { withDistribution } from "./distributions.js";
import { splitInterval } from "./interval.js";

/** Largest number of entries a declared tensor may have (sampling allocates it). */
export const MAX_ENTRIES = 1_000_000;
export const MAX_DIM = 100_000;

const SQUARE_ONLY: readonly Property[] = ["symmetric", "spd", "invertible", "orthogonal", "diagonal"];
const VECTOR_ONLY: readonly Property[] = ["simplex", "onehot"];

interface Word {
  text: string;
  pos: number;
}

function words(src: string, from: number): Word[] {
  const out: Word[] = [];
  const re = /[^\s,]+|,/g;
  re.lastIndex = from;
  for (let m = re.exec(src); m; m = re.exec(src)) out.push({ text: m[0], pos: m.index });
  return out;
}

const NAME_CHARS = /^[\p{L}_][\p{L}\p{N}_]*$/u;
/** a name as the lexer reads it: a super- or subscript (`x²`, `xᵢ`) is never part of one */
const NAME = { test: (s: string): boolean => NAME_CHARS.test(s) && ![...s].some(isScript) };
/** function names a declaration may take over (a declared E is a matrix, and E(x) a product) */
const DECLARABLE = new Set(["I", "E", "Var", "Cov"]);

/** Parses one declaration string (which may hold several, separated by `;`). */
export function parseDeclarations(src: string, origin = src): Declaration[] {
  const out: Declaration[] = [];
  let offset = 0;
  for (const part of src.split(";")) {
    if (part.trim() !== "") out.push(...withDistribution(part, offset, (rest) => parseOne(rest, offset, origin)));
    offset += part.length + 1;
  }
  return out;
}

function parseOne(whole: string, offset: number, origin: string): Declaration[] {
  const { rest: src, interval } = splitInterval(whole, offset);
  const err = (msg: string, pos: number): never => {
    throw new DeriveError("declaration", msg, pos + offset);
  };
  const colon = src.indexOf(":");
  if (colon < 0) err(`expected 'name: shape', e.g. 'X: n x m'`, src.search(/\S/));
  const names: Word[] = [];
  const nameRe = /[^\s,]+/g;
  for (let m = nameRe.exec(src.slice(0, colon)); m; m = nameRe.exec(src.slice(0, colon))) names.push({ text: m[0], pos: m.index });
  if (names.length === 0) err("no name before ':'", colon);
  for (const n of names) {
    if (!NAME.test(n.text)) err(`'${n.text}' is not a name`, n.pos);
    if (functionOp(n.text) && !DECLARABLE.has(n.text)) err(`'${n.text}' is a function and cannot be declared`, n.pos);
  }
  const ws = words(src, colon + 1).filter((w) => w.text !== ",");
  if (ws.length === 0) err("missing shape after ':'", colon);
  let k = 0;
  let sh: Shape;
  const props: Property[] = [];
  const first = ws[0]!;
  if ((PROPERTIES as readonly string[]).includes(first.text) && first.text !== "integer") {
    err(`'${first.text}' is a property, not a shape: write '${names[0]!.text}: scalar ${first.text}' or '${names[0]!.text}: n ${first.text}'`, first.pos);
  }
  if (first.text === "scalar") {
    sh = SCALAR;
    k = 1;
  } else if (first.text === "integer") {
    sh = SCALAR;
    props.push("integer");
    k = 1;
  } else {
    if (/^\d+(x\d+)+$/.test(first.text)) {
      // glued `4x3`, `1x3x32x32`
      let at = first.pos;
      sh = tensorShape(first.text.split("x").map((t) => {
        const d = dim(t, at);
        at += t.length + 1;
        return d;
      }));
      k = 1;
    } else {
      // `n`, `n x m`, and rank > 2: `N x C x H x W` (leading dimensions before rows x cols)
      const ds = [dim(first.text, first.pos)];
      k = 1;
      while (ws[k]?.text === "x" || ws[k]?.text === "×") {
        if (!ws[k + 1]) err("missing dimension after 'x'", ws[k]!.pos);
        ds.push(dim(ws[k + 1]!.text, ws[k + 1]!.pos));
        k += 2;
      }
      sh = tensorShape(ds);
    }
  }
  for (; k < ws.length; k++) {
    const w = ws[k]!;
    if (!(PROPERTIES as readonly string[]).includes(w.text)) {
      err(`unknown property '${w.text}' (known: ${PROPERTIES.join(", ")})`, w.pos);
    }
    const p = w.text as Property;
    if (SQUARE_ONLY.includes(p) && !isSquare(sh)) err(`${p} needs a square shape, not ${showShape(sh)}`, w.pos);
    if (VECTOR_ONLY.includes(p) && !isVector(sh)) err(`${p} applies to vectors only, not ${showShape(sh)}`, w.pos);
    if (p === "integer" && sh !== SCALAR) err(`integer applies to scalars only, not ${showShape(sh)}`, w.pos);
    if (isTensor(sh) && p !== "positive" && p !== "nonnegative") err(`${p} does not apply to a tensor of rank ${rankOf(sh)} (only positive, nonnegative)`, w.pos);
    if (!props.includes(p)) props.push(p);
  }
  const entries = dimsOf(sh).reduce<number>((p, d) => p * (typeof d === "number" ? d : 1), 1);
  if (entries > MAX_ENTRIES) err(`declared size ${showShape(sh)} is too large to sample (at most ${MAX_ENTRIES} entries)`, first.pos);
  return names.map((n) => ({ name: n.text, shape: sh, properties: props, origin, ...(interval ? { interval } : {}) }));

  function dim(text: string, pos: number): Dim {
    if (/^\d+$/.test(text)) {
      const v = Number(text);
      if (v < 1) err(`a dimension must be a positive integer, not ${text}`, pos);
      if (!Number.isSafeInteger(v) || v > MAX_DIM) err(`dimension ${text} is too large (at most ${MAX_DIM})`, pos);
      return v;
    }
    if (!NAME.test(text)) err(`'${text}' is not a dimension (a positive integer or a name)`, pos);
    if (text === "x") err("'x' cannot name a dimension", pos);
    return text;
  }
}
