// (a) An undeclared property makes the claim hold: each square matrix is
// tried as symmetric, orthogonal, spd and diagonal in turn. The variant is
// the same claim under declarations that add the property to one name.

import { showShape } from "../../core/shape.js";
import type { Declaration, Property } from "../../core/typed.js";
import { parseDeclarations } from "../../parse/declarations.js";

/** in order of preference: the weakest assumption that makes the claim hold is the one stated */
export const TRIED: readonly Property[] = ["symmetric", "orthogonal", "spd", "diagonal"];

export interface PropertyVariant {
  name: string;
  property: Property;
  /** the declarations with the property added to `name` */
  lets: string[];
}

/** What a declaration already says about the structure of its matrix (spd implies symmetric, ...). */
function implied(props: readonly Property[]): Set<Property> {
  const s = new Set(props);
  if (s.has("spd") || s.has("diagonal")) s.add("symmetric");
  return s;
}

/** One declaration as text, or null where it cannot be written back alone (an interval, a law). */
function declText(d: Declaration, extra?: Property): string | null {
  if (d.interval || d.distribution) return null;
  const props = extra ? [...d.properties, extra] : [...d.properties];
  return `${d.name}: ${showShape(d.shape)}${props.length ? ` ${props.join(" ")}` : ""}`;
}

export function propertyVariants(lets: readonly string[]): PropertyVariant[] {
  const parsed = lets.map((src) => ({ src, decls: parseDeclarations(src) }));
  const out: PropertyVariant[] = [];
  for (const { decls } of parsed) {
    for (const d of decls) {
      const sh = d.shape;
      if (d.distribution || sh.lead || sh.rows !== sh.cols || sh.rows === 1) continue;
      const has = implied(d.properties);
      for (const q of TRIED) {
        if (has.has(q)) continue;
        const rewritten: string[] = [];
        let ok = true;
        for (const other of parsed) {
          if (!other.decls.some((o) => o.name === d.name)) {
            rewritten.push(other.src);
            continue;
          }
          for (const o of other.decls) {
            const t = declText(o, o.name === d.name ? q : undefined);
            if (t === null) ok = false;
            else rewritten.push(t);
          }
        }
        if (ok) out.push({ name: d.name, property: q, lets: rewritten });
      }
    }
  }
  return out;
}

export interface CommutingVariant {
  names: [string, string];
  claim: string;
  lets: string[];
}

/**
 * Each pair of plain square matrices of one shape as commuting: both are
 * replaced by Q D Q^-1 with one random invertible Q and their own diagonal
 * D (a generic family of commuting pairs). `substitute` rewrites the claim.
 */
export function commutingVariants(lets: readonly string[], substitute: (map: Record<string, string>, fresh: readonly string[]) => string | null): CommutingVariant[] {
  const decls = lets.flatMap((src) => parseDeclarations(src));
  const plain = decls.filter((d) => !d.distribution && !d.interval && !d.shape.lead && d.shape.rows === d.shape.cols && d.shape.rows !== 1 && d.properties.every((q) => q === "invertible"));
  const out: CommutingVariant[] = [];
  for (let i = 0; i < plain.length; i++) {
    for (let j = i + 1; j < plain.length; j++) {
      const a = plain[i]!;
      const b = plain[j]!;
      if (showShape(a.shape) !== showShape(b.shape)) continue;
      const n = String(a.shape.rows);
      const q = `Q_${a.name}${b.name}`;
      const da = `D_${a.name}`;
      const db = `D_${b.name}`;
      const inv = (d: Declaration): string => (d.properties.includes("invertible") ? " invertible" : "");
      const claim = substitute({ [a.name]: `(${q} * ${da} * inv(${q}))`, [b.name]: `(${q} * ${db} * inv(${q}))` }, [q, da, db]);
      if (!claim) continue;
      const rest = decls.filter((d) => d !== a && d !== b).map((d) => declText(d));
      if (rest.some((t) => t === null)) continue;
      out.push({ names: [a.name, b.name], claim, lets: [...(rest as string[]), `${q}: ${n} x ${n} invertible`, `${da}: ${n} x ${n} diagonal${inv(a)}`, `${db}: ${n} x ${n} diagonal${inv(b)}`] });
    }
  }
  return out;
}

export interface ShapeVariant {
  message: string;
  /** the declarations with one dimension fixed */
  lets: string[];
}

/** The declarations with the dimension `from` written as `to` in every shape (names and properties untouched). */
function withDim(lets: readonly string[], from: string, to: string): string[] {
  const word = new RegExp(`(?<![\\p{L}\\p{N}_])${from}(?![\\p{L}\\p{N}_])`, "gu");
  return lets.map((src) =>
    src
      .split(";")
      .map((d) => {
        const colon = d.indexOf(":");
        return colon < 0 ? d : d.slice(0, colon + 1) + d.slice(colon + 1).replace(word, to);
      })
      .join(";"),
  );
}

/** A dimension that is a plain name (`n`, not `n + 1` or a number). */
const plainDim = (d: unknown): d is string => typeof d === "string" && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(d);

/**
 * (a) square shapes: each matrix declared `n x m` with two dimension names,
 * tried with m = n ("holds when A is square").
 */
export function squareVariants(lets: readonly string[]): ShapeVariant[] {
  const out: ShapeVariant[] = [];
  const seen = new Set<string>();
  for (const d of lets.flatMap((src) => parseDeclarations(src))) {
    const { rows, cols, lead } = d.shape;
    if (lead || !plainDim(rows) || !plainDim(cols) || rows === cols || seen.has(`${rows}|${cols}`)) continue;
    seen.add(`${rows}|${cols}`);
    out.push({ message: `holds when ${d.name} is square (${cols} = ${rows})`, lets: withDim(lets, cols, rows) });
  }
  return out;
}

/**
 * (a) the n = 1 reading: each dimension name set to 1. Almost every slip of
 * matrix algebra vanishes for scalars, so index.ts says this only when
 * nothing more specific was found.
 */
export function scalarVariants(lets: readonly string[]): ShapeVariant[] {
  const dims = new Set<string>();
  for (const d of lets.flatMap((src) => parseDeclarations(src))) {
    if (d.distribution) continue;
    for (const x of [d.shape.rows, d.shape.cols]) if (plainDim(x)) dims.add(x);
  }
  return [...dims].map((n) => ({ message: `holds when ${n} = 1`, lets: withDim(lets, n, "1") }));
}
