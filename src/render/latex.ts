// Tree -> LaTeX (KaTeX-compatible). Parentheses follow the same precedence
// rules as the text printer; each operator's own file says how it looks.
// Names are typeset safely: `alpha` -> \alpha, `w1` -> w_{1}, `lam` -> \mathrm{lam}.

import type { Expr } from "../core/ast.js";
import { PREC } from "../ops/define.js";
import { opDef } from "../ops/registry.js";
import { precOf } from "../parse/print.js";

const GREEK = new Set([
  "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
  "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
  "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
]);

/** A variable name in LaTeX: letters, then an optional subscript (`w1`, `b_1`, `x_hat`). */
export function latexName(name: string): string {
  const m = /^([\p{L}]+?)_?(\d+|_[\p{L}\p{N}_]+)?$/u.exec(name);
  const stem = m ? m[1]! : name;
  const sub = m?.[2]?.replace(/^_/, "");
  const head = GREEK.has(stem) ? `\\${stem}` : [...stem].length === 1 ? stem : `\\mathrm{${escapeText(stem)}}`;
  if (!m) return `\\mathrm{${escapeText(name)}}`;
  return sub ? `${head}_{${escapeText(sub)}}` : head;
}

/** Characters that are special in LaTeX, made literal (names are identifiers, but be safe). */
function escapeText(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (c) => (c === "\\" ? "\\backslash{}" : `\\${c}`));
}

export function toLatex(e: Expr): string {
  switch (e.op) {
    case "num":
      return latexNumber(e.text ?? String(e.value));
    case "sym":
    case "dimval":
      return latexName(e.name!);
    case "matrix": {
      const [r, c] = e.dims!;
      const rows: string[] = [];
      for (let i = 0; i < r; i++) rows.push(e.args.slice(i * c, (i + 1) * c).map(toLatex).join(" & "));
      // amsmath's bmatrix stops xelatex beyond MaxMatrixCols (10) columns; an
      // array with one column spec per column has no such limit (KaTeX reads both)
      if (c > 10) return `\\left[\\begin{array}{${"c".repeat(c)}} ${rows.join(" \\\\ ")} \\end{array}\\right]`;
      return `\\begin{bmatrix} ${rows.join(" \\\\ ")} \\end{bmatrix}`;
    }
  }
  const op = opDef(e.op);
  const s = op.syntax;
  const args = e.args.map(toLatex);
  if (s.kind === "infix") {
    const [a, b] = e.args as [Expr, Expr];
    const leftNeeds = s.assoc === "left" ? precOf(a) < s.prec : precOf(a) <= s.prec;
    const rightNeeds = s.assoc === "left" ? precOf(b) <= s.prec : false; // an exponent is its own group
    return op.latex([wrap(args[0]!, leftNeeds), wrap(args[1]!, rightNeeds)], e);
  }
  if (s.kind === "prefix") return op.latex([wrap(args[0]!, precOf(e.args[0]!) < s.prec)], e);
  if (s.kind === "postfix" || s.kind === "index") return op.latex([wrap(args[0]!, precOf(e.args[0]!) < PREC.postfix), ...args.slice(1)], e);
  return op.latex(args, e);
}

function wrap(s: string, needs: boolean): string {
  return needs ? `\\left(${s}\\right)` : s;
}

/** `1e-3` -> `1 \times 10^{-3}` */
function latexNumber(text: string): string {
  const m = /^(\d*\.?\d*)[eE]([+-]?\d+)$/.exec(text);
  if (!m) return text;
  return `${m[1]} \\times 10^{${Number(m[2])}}`;
}
