// Claims and declarations in LaTeX, for answer sheets (src/sheets/) and later
// `derive annotate`. Expressions come from render/latex.ts (each operator's
// own file); this module adds what sits around them: chains of relations,
// `≈ v ± tol`, `∝ ... in w`, `≈ ... as ε → 0`, `where` clauses, and the
// declarations `X \in \mathbb{R}^{n \times m}`, properties, laws, intervals.
// Every user string that reaches the output is escaped or is built from
// parsed trees, so the result is plain mathematics KaTeX and xelatex accept.

import type { Expr } from "../core/ast.js";
import { isScalar, dimsOf, type Dim } from "../core/shape.js";
import type { Declaration, Property } from "../core/typed.js";
import { type Binding, type Claim, type Relation, parseClaim, parseWithBindings } from "../parse/parser.js";
import { parseDeclarations } from "../parse/declarations.js";
import { latexName, toLatex } from "./latex.js";

const RELATION: Record<Relation, string> = {
  "=": "=",
  "≈": "\\approx",
  "<": "<",
  "<=": "\\le",
  ">": ">",
  ">=": "\\ge",
  "∝": "\\propto",
};

/** A parsed claim in LaTeX: `a = b = c`, `x \approx 0.65 \pm 0.005`, `... \quad \text{as } \varepsilon \to 0`. */
export function claimLatex(c: Claim, bindings: readonly Binding[] = []): string {
  let out = toLatex(c.sides[0]!);
  c.relations.forEach((r, i) => {
    out += ` ${RELATION[r]} ${toLatex(c.sides[i + 1]!)}`;
  });
  if (c.tolerance) out += ` \\pm ${toLatex(c.tolerance)}`;
  if (c.as?.length) out += ` \\quad \\text{as } ${c.as.map((a) => `${latexName(a.name)} \\to ${a.to === "0" ? "0" : "\\infty"}`).join(",\\ ")}`;
  if (c.proptoIn.length) out += ` \\quad \\text{in } ${c.proptoIn.map(latexName).join(",\\ ")}`;
  return out + whereLatex(bindings);
}

/** `\quad \text{where } t_{1} = ..., t_{2} = ...` (nothing without bindings). */
export function whereLatex(bindings: readonly Binding[]): string {
  if (bindings.length === 0) return "";
  return ` \\quad \\text{where } ${bindings.map((b) => `${latexName(b.name)} = ${toLatex(b.value)}`).join(",\\ ")}`;
}

/**
 * The claim text in LaTeX. A claim with a `where` clause is printed with the
 * clause kept (the parser substitutes bindings for checking; the reader sees
 * the names). Throws the parser's positioned error on text that does not parse.
 */
export function claimTextLatex(text: string, isVariable?: (n: string) => boolean): string {
  const claim = parseClaim(text, { isVariable });
  const where = /\bwhere\b/.test(text) ? bindingsOf(text, isVariable) : null;
  if (!where) return claimLatex(claim);
  return claimLatex(where.claim, where.bindings);
}

/** Re-parses a `where` claim keeping its names: the part before `where` as a claim, the bindings after it. */
function bindingsOf(text: string, isVariable?: (n: string) => boolean): { claim: Claim; bindings: Binding[] } | null {
  const at = text.search(/\bwhere\b/);
  try {
    const claim = parseClaim(text.slice(0, at), { isVariable });
    // the bindings parse as `0 where ...`
    const { bindings } = parseWithBindings(`0 ${text.slice(at)}`, { isVariable });
    return { claim, bindings };
  } catch {
    return null;
  }
}

const PROPERTY_WORDS: Record<Property, string> = {
  symmetric: "symmetric",
  spd: "symmetric positive definite",
  invertible: "invertible",
  orthogonal: "orthogonal",
  diagonal: "diagonal",
  positive: "positive",
  nonnegative: "nonnegative",
  simplex: "in the simplex",
  onehot: "one-hot",
  integer: "integer",
};

/** `n`, `3`, `n+1`: a dimension in LaTeX (a name is typeset as a variable). */
function dimLatex(d: Dim): string {
  if (typeof d === "number") return String(d);
  return /^[\p{L}][\p{L}\p{N}_]*$/u.test(d) ? latexName(d) : `\\mathrm{${d.replace(/[^A-Za-z0-9+\-*/ ]/g, "")}}`;
}

/** One declaration: `X \in \mathbb{R}^{n \times m}`, then its properties, interval and law in words. */
export function declarationLatex(d: Declaration): string {
  const name = latexName(d.name);
  const integer = d.properties.includes("integer");
  const field = integer ? "\\mathbb{Z}" : "\\mathbb{R}";
  // a column vector is R^n, not R^{n x 1}
  const dims = isScalar(d.shape) ? [] : !d.shape.lead && d.shape.cols === 1 ? [d.shape.rows] : dimsOf(d.shape);
  let out = dims.length ? `${name} \\in ${field}^{${dims.map(dimLatex).join(" \\times ")}}` : `${name} \\in ${field}`;
  if (d.interval) {
    const i = d.interval;
    out = `${name} \\in ${i.loOpen ? "(" : "["}${i.lo}, ${i.hi}${i.hiOpen ? ")" : "]"}${integer ? " \\cap \\mathbb{Z}" : ""}`;
  }
  const props = d.properties.filter((p) => p !== "integer").map((p) => PROPERTY_WORDS[p]);
  if (props.length) out += ` \\text{ ${props.join(", ")}}`;
  if (d.distribution) {
    const law = d.distribution;
    const params = law.params.map((p: Expr) => toLatex(p)).join(", ");
    const head = law.kind === "normal" ? "\\mathcal{N}" : law.kind === "uniform" ? "\\mathcal{U}" : "\\operatorname{Bernoulli}";
    // a name may carry its own subscript (w_{1}): the law is stated for the name, or for its entries
    const law_ = `${head}\\left(${params}\\right)`;
    out += dims.length ? `, \\ \\text{entries iid} \\sim ${law_}` : `, \\ ${name} \\sim ${law_}`;
  }
  return out;
}

/** Every declaration of a `let` record (`{ X: "n x n spd" }`) in LaTeX, in order; unparsable ones are left out. */
export function letLatex(lets: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(lets)) {
    try {
      for (const d of parseDeclarations(`${k}: ${v}`)) out.push(declarationLatex(d));
    } catch {
      // a bad declaration is reported by the check of the steps; the sheet shows the others
    }
  }
  return out;
}
