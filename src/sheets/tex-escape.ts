// Making user strings safe for a .tex file. Text: every character TeX treats
// specially is replaced by a command that prints it, so no control sequence,
// group, comment, parameter, math shift or ^^ escape can come from a
// derivation file. Maths from prose: kept only when KaTeX (trust: false)
// accepts it AND every command in it is on an allow-list of plain
// mathematics (no \input, \include, \write, \openin, \catcode, \def, \csname,
// \href, ...), with no ^^ escape, comment, parameter or alignment outside an
// allowed environment; otherwise it is set as escaped text.

import { stripBidiControls } from "./direction.js";
import { katexAccepts } from "./math-html.js";

const TEXT_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "%": "\\%",
  _: "\\_",
  "^": "\\textasciicircum{}",
  "~": "\\textasciitilde{}",
};

/** A user string as TeX text: specials printed, control characters and bidi overrides dropped, lines joined. */
export function texText(s: string): string {
  return stripBidiControls(s)
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
    .replace(/\s+/g, " ")
    // a long run without spaces gets break points (a 20,000-character word would overflow TeX)
    .replace(/\S{40}(?=\S)/g, "$&\u0000")
    .replace(/[\\{}$&#%_^~]/g, (c) => TEXT_SPECIALS[c]!)
    .replace(/\u0000/g, "\\hspace{0pt}");
}

/** Text in a monospaced font that may break anywhere (long values, sources). */
export function texCode(s: string): string {
  // a zero-width break opportunity after commas, semicolons and every 40 characters
  const escaped = texText(s).replace(/([,;])/g, "$1\\allowbreak{}");
  return `\\texttt{${escaped}}`;
}

/** Commands a formula written in prose may use: plain mathematics only. */
const ALLOWED = new Set(
  (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega " +
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega " +
    "frac dfrac tfrac sqrt sum prod int oint lim limsup liminf sup inf max min arg det exp log ln sin cos tan sinh cosh tanh " +
    "left right big Big bigg Bigg bigl bigr Bigl Bigr middle " +
    "cdot cdots ldots dots vdots ddots times div pm mp ast star circ bullet odot oslash otimes oplus " +
    "le leq ge geq ne neq approx sim simeq propto equiv to rightarrow leftarrow Rightarrow Leftarrow Leftrightarrow iff implies mapsto gets " +
    "in notin subset subseteq supset supseteq cup cap setminus emptyset forall exists neg land lor " +
    "infty partial nabla top intercal prime ell hbar " +
    "mathbb mathbf mathrm mathit mathcal mathsf boldsymbol operatorname text textrm textbf textit " +
    "hat bar tilde vec dot ddot widehat widetilde overline underline overset underset stackrel " +
    "langle rangle lvert rvert lVert rVert vert Vert lfloor rfloor lceil rceil " +
    "quad qquad , ; : ! { } | _ . \\ " +
    "begin end"
  ).split(/\s+/),
);

const ENVIRONMENTS = new Set(["matrix", "pmatrix", "bmatrix", "vmatrix", "Vmatrix", "cases", "aligned"]);

/** Is this formula safe and plain enough to reach the .tex as mathematics? */
export function mathAllowed(tex: string): boolean {
  if (tex.length > 2000) return false;
  if (/\^\^|[%#]|[\u0000-\u001F\u007F]/.test(tex.replace(/\n/g, " "))) return false;
  for (const m of tex.matchAll(/\\([A-Za-z]+|.)/gs)) if (!ALLOWED.has(m[1]!)) return false;
  for (const m of tex.matchAll(/\\(?:begin|end)\s*\{([^}]*)\}/g)) if (!ENVIRONMENTS.has(m[1]!)) return false;
  // \begin or \end not followed by an allowed {env}
  const envs = [...tex.matchAll(/\\(begin|end)/g)].length;
  const named = [...tex.matchAll(/\\(?:begin|end)\s*\{[A-Za-z]+\}/g)].length;
  if (envs !== named) return false;
  // & only inside an environment
  if (tex.includes("&") && !/\\begin/.test(tex)) return false;
  // braces balanced (KaTeX checks too; TeX must never see an unbalanced group)
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === "\\") {
      i++;
      continue;
    }
    if (tex[i] === "{") depth++;
    else if (tex[i] === "}" && --depth < 0) return false;
  }
  return depth === 0 && katexAccepts(tex);
}

/** Prose (Markdown with $...$ maths) as TeX paragraphs: text escaped, maths kept only when allowed. */
export function proseTex(markdown: string, para: (text: string, body: string) => string): string {
  const out: string[] = [];
  for (const p of stripBidiControls(markdown).split(/\n\s*\n/)) {
    if (!p.trim()) continue;
    const pieces: string[] = [];
    let last = 0;
    for (const m of p.matchAll(/\$\$([\s\S]+?)\$\$|\$([^$]+?)\$/g)) {
      pieces.push(texText(plainMarkdown(p.slice(last, m.index))));
      const math = m[1] ?? m[2]!;
      const display = m[1] !== undefined;
      if (mathAllowed(math)) pieces.push(display ? `\\[${math}\\]` : `\\(${math}\\)`);
      else pieces.push(texCode(m[0]));
      last = m.index! + m[0].length;
    }
    pieces.push(texText(plainMarkdown(p.slice(last))));
    out.push(para(p, pieces.join("")));
  }
  return out.join("\n\n");
}

/** Markdown emphasis and code marks dropped to their text (the .tex is a plain rendering of prose). */
function plainMarkdown(s: string): string {
  return s.replace(/\*\*([^*]+)\*\*/g, "$1").replace(/(^|\s)[*_]([^*_]+)[*_]/g, "$1$2").replace(/`([^`]+)`/g, "$1").replace(/^#{1,6}\s+/gm, "");
}
