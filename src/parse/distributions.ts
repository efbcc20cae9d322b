// Random variables in declarations: `x: scalar ~ normal(0, 1)`, `w: n ~ normal(0, s2)`,
// `W: n x m ~ uniform(-a, a)`, `d: n ~ bernoulli(p)`, and the short `z ~ normal(mu, s2)`
// for a scalar. The entries of one declared random tensor are iid; separately
// declared random names are independent. normal's second parameter is the
// VARIANCE (as in the seeds' N(0, σ²)), not the standard deviation.
// Parameters are expressions over non-random names and dimension names; a
// parameter made of literals only is checked here, the others at every sample
// (src/numeric/moments.ts).

import type { Expr } from "../core/ast.js";
import { DeriveError } from "../core/errors.js";
import type { Declaration, Distribution } from "../core/typed.js";
import { parseExpr } from "./parser.js";

const ARITY: Readonly<Record<Distribution["kind"], number>> = { normal: 2, uniform: 2, bernoulli: 1 };
const USAGE = "normal(mean, variance), uniform(a, b) or bernoulli(p)";

/**
 * Splits `~ law(params)` off one declaration and parses the rest with `parseRest`
 * (the ordinary `name: shape`), then attaches the law to every name declared.
 * `offset` is where `src` starts in the declaration text, for positions.
 */
export function withDistribution(src: string, offset: number, parseRest: (rest: string) => Declaration[]): Declaration[] {
  const tilde = src.indexOf("~");
  if (tilde < 0) return parseRest(src);
  const err = (msg: string, pos: number): never => {
    throw new DeriveError("declaration", msg, pos + offset);
  };
  let left = src.slice(0, tilde);
  // `z ~ normal(0, 1)`: a scalar
  if (!left.includes(":")) left = `${left.trimEnd()}: scalar `;
  const law = parseLaw(src, tilde + 1, err);
  // positions in the whole declaration text, for errors found at sampling time
  const dist = { ...law, params: law.params.map((p) => shift(p, offset)) };
  const decls = parseRest(left);
  for (const d of decls) {
    if (d.properties.length) err(`a random variable takes no properties ('${d.properties.join(" ")}'): its law says what it is`, src.indexOf(d.properties[0]!));
  }
  return decls.map((d) => ({ ...d, distribution: dist }));
}

function parseLaw(src: string, from: number, err: (msg: string, pos: number) => never): Distribution {
  const m = /^(\s*)([\p{L}_][\p{L}\p{N}_]*)\s*\(/u.exec(src.slice(from));
  if (!m) err(`expected a distribution after '~': ${USAGE}`, from);
  const namePos = from + m![1]!.length;
  const kind = m![2]!;
  if (!(kind in ARITY)) err(`unknown distribution '${kind}' (known: ${USAGE})`, namePos);
  const open = from + m![0].length - 1;
  const args = splitArgs(src, open, err);
  const k = kind as Distribution["kind"];
  if (args.length !== ARITY[k]) err(`${k} takes ${ARITY[k]} parameter${ARITY[k] > 1 ? "s" : ""}: ${USAGE}`, namePos);
  const params = args.map(({ text, pos }) => {
    if (text.trim() === "") err("missing parameter", pos);
    try {
      return shift(parseExpr(text), pos);
    } catch (e) {
      if (e instanceof DeriveError) err(`in a parameter of ${k}: ${e.detail}`, pos + (e.position ?? 0));
      throw e;
    }
  });
  const literal = params.map(fold);
  const bad = invalidParams(k, literal);
  if (bad) err(bad.message, params[bad.index]!.pos);
  return { kind: k, params, text: src.slice(namePos, args.end + 1).trim() };
}

/** Arguments between the parenthesis at `open` and its match, split at top-level commas. */
function splitArgs(src: string, open: number, err: (msg: string, pos: number) => never): { text: string; pos: number }[] & { end: number } {
  const out: { text: string; pos: number }[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") {
      depth--;
      if (depth === 0) {
        out.push({ text: src.slice(start, i), pos: start });
        if (src.slice(i + 1).trim() !== "") err("unexpected text after the distribution", i + 1 + src.slice(i + 1).search(/\S/));
        return Object.assign(out, { end: i });
      }
    } else if (c === "," && depth === 1) {
      out.push({ text: src.slice(start, i), pos: start });
      start = i + 1;
    }
  }
  return err("missing ')' after the parameters", src.length);
}

/** Moves every position of a parsed parameter by `by` (it was parsed on its own). */
function shift(e: Expr, by: number): Expr {
  return { ...e, pos: e.pos + by, end: e.end + by, args: e.args.map((a) => shift(a, by)) };
}

/** The value of a parameter written with literals only; null if it mentions a name. */
export function fold(e: Expr): number | null {
  const a = e.args.map(fold);
  if (a.some((v) => v === null)) return null;
  const [x, y] = a as number[];
  switch (e.op) {
    case "num":
      return e.value!;
    case "neg":
      return -x!;
    case "add":
      return x! + y!;
    case "sub":
      return x! - y!;
    case "mul":
    case "hadamard":
      return x! * y!;
    case "div":
    case "ediv":
      return x! / y!;
    case "pow":
    case "epow":
      return x! ** y!;
    case "sqrt":
      return Math.sqrt(x!);
    case "exp":
      return Math.exp(x!);
    case "log":
      return Math.log(x!);
    default:
      return null;
  }
}

/** Why parameter values are invalid (index of the culprit), or null; a null value is not known yet. */
export function invalidParams(kind: Distribution["kind"], v: readonly (number | null)[]): { message: string; index: number } | null {
  const bad = v.findIndex((x) => x !== null && !Number.isFinite(x));
  if (bad >= 0) return { message: `the parameters of ${kind} must be finite numbers, not ${v[bad]}`, index: bad };
  const [a, b] = v;
  if (kind === "normal" && b != null && !(b > 0)) return { message: `the variance of normal(mean, variance) must be positive, not ${b}`, index: 1 };
  if (kind === "uniform" && a != null && b != null && !(a < b)) return { message: `uniform(a, b) needs a < b, not ${a} >= ${b}`, index: 0 };
  if (kind === "bernoulli" && a != null && !(a >= 0 && a <= 1)) return { message: `the probability of bernoulli(p) must be in [0, 1], not ${a}`, index: 0 };
  return null;
}
