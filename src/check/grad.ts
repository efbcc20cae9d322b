// `derive grad`: the gradient of a scalar expression, computed symbolically,
// simplified for a reader, and checked against finite differences before it
// is printed (a wrong gradient is never shown as an answer).

import { withDeadline } from "../core/deadline.js";
import { DeriveError, asDeriveError, located } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { type Dim, isScalar } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { parseExpr } from "../parse/parser.js";
import { printExpr } from "../parse/print.js";
import { Resolver } from "../parse/resolve.js";
import { Scope } from "../parse/scope.js";
import { toLatex } from "../render/latex.js";
import { Differentiator, NotDifferentiable } from "../symbolic/diff.js";
import { NotNormalizable, Normalizer } from "../symbolic/normal.js";
import { mk } from "../symbolic/build.js";
import { isZeroPoly } from "../symbolic/poly.js";
import { factsOf } from "../symbolic/prove.js";
import { display, readable } from "../symbolic/readable.js";
import { latexShared, printShared, share, sharedSize } from "../symbolic/share.js";
import { simplify, size } from "../symbolic/simplify.js";

/** The variable names a typed tree mentions (declared or assumed), in order of appearance. */
function namesIn(t: TNode, out = new Set<string>()): Set<string> {
  if (t.op === "sym" && t.name) out.add(t.name);
  for (const a of t.args) namesIn(a, out);
  return out;
}

/** Results larger than this (in nodes) are printed with shared subexpressions named. */
const SHARE_ABOVE = 40;

/** Results larger than this (in nodes) are not expanded into the normal form: it can grow exponentially. */
const NORMAL_FORM_BUDGET = 120;
/** Expanded gradients larger than this are not normalised for a proof (as symbolic/prove.ts) */
const PROOF_BUDGET = 400;
import { type Declarations, checkClaim, declarationList, timeoutProblem } from "./claim.js";
import { missingDeclaration } from "./domain.js";
import { checkGradient } from "./grad-check.js";

export interface GradOptions {
  expr: string;
  wrt: string;
  let?: Declarations;
  seed?: number;
  /** check the printed result against finite differences (default true; benchmarks time both) */
  check?: boolean;
  /** give up after this many seconds: an error "timed out after N s" */
  timeout?: number;
  /** receives a progress line now and then once the check takes more than 2 s */
  progress?: (line: string) => void;
}

export interface GradResult {
  /** the gradient in the expression language (parses back) */
  result: string | null;
  latex: string | null;
  /** the gradient's shape: the shape of the variable (Matrix Cookbook layout) */
  shape: [Dim, Dim] | null;
  /**
   * how the printed result was checked: "proved" (the engine proved it and
   * finite differences agree), "verified" (finite differences agree), or
   * "unchecked" (no valid sample on the declared domain: see `domain`)
   */
  check: string | null;
  /** why the result could not be checked numerically (a missing declaration), or null */
  domain: string | null;
  assumptions: string[];
  error: { message: string; position: number | null } | null;
}

export function gradient(opts: GradOptions, seed: number): GradResult {
  const out: GradResult = { result: null, latex: null, shape: null, check: null, domain: null, assumptions: [], error: null };
  try {
    const bad = timeoutProblem(opts.timeout);
    if (bad) throw bad;
    return withDeadline(opts.timeout, opts.progress, () => gradientNow(opts, seed, out));
  } catch (e) {
    return failed(out, e);
  }
}

function gradientNow(opts: GradOptions, seed: number, out: GradResult): GradResult {
  try {
    const lets = declarationList(opts.let);
    const scope = Scope.parse(lets);
    const resolver = new Resolver(scope);
    const tree = located("expression", () => resolver.resolve(parseExpr(opts.expr, { isVariable: scope.isVariable })));
    if (!isScalar(tree.shape)) throw new DeriveError("shape", `grad needs a scalar expression, not one of shape ${tree.shape.rows} x ${tree.shape.cols}; use jacobian`, 0, "expression");
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(opts.wrt)) throw new DeriveError("usage", `--wrt needs a variable name, not '${opts.wrt}'`);
    const used = new Set(resolver.assumptions.keys());
    const x = resolver.resolve(parseExpr(opts.wrt, { isVariable: scope.isVariable }));
    if (x.op !== "sym") throw new DeriveError("usage", `--wrt ${opts.wrt} is not a variable`);
    // a name neither declared nor used makes the gradient 0 whatever it is: a typo
    if (!scope.decls.has(opts.wrt) && !used.has(opts.wrt)) {
      const near = didYouMean(opts.wrt, namesIn(tree), scope.decls.keys());
      throw new DeriveError("name", `${opts.wrt} is not declared and does not occur in ${opts.expr}, so its gradient would be 0 for any ${opts.wrt}${near}`, 0, "--wrt");
    }
    // undeclared names (the variable too) are scalars, and every one is reported
    out.assumptions = [...resolver.assumptions.keys()].map((n) => `${n}: scalar`);
    const n = new Normalizer(factsOf(scope));
    let g: TNode;
    try {
      g = new Differentiator(n).expand({ op: "grad", args: [tree, x], pos: 0, end: 0, shape: x.shape });
    } catch (e) {
      if (e instanceof NotDifferentiable || e instanceof NotNormalizable) throw new DeriveError("limit", `no symbolic gradient: ${e.message} (derive equal still checks such claims numerically)`);
      throw e;
    }
    // two forms: back-propagation with the noise removed (linear in size), and
    // the expanded normal form (often the Cookbook's own); print the shorter
    const local = simplify(g, factsOf(scope));
    let pretty = display(local);
    if (size(pretty) <= NORMAL_FORM_BUDGET) {
      // the normal form of the expanded gradient, and of the simplified one (whose quotients
      // have cancelled: the binary cross-entropy's gradient becomes sigmoid(z) - y)
      for (const from of [g, local]) {
        try {
          const nf = readable(n.norm(from));
          if (size(nf) <= size(pretty)) pretty = nf;
        } catch (e) {
          if (!(e instanceof NotNormalizable)) throw e;
        }
      }
    }
    // a bare I is written with its size, I(n): alone it has no context to take
    // its size from, and everywhere it reads (and pastes back) without one
    pretty = sizedIdentities(pretty);
    let text = printExpr(pretty);
    let latex = toLatex(pretty);
    // a long result that repeats itself is printed with names: `... where u1 = ...`
    if (size(pretty) > SHARE_ABOVE) {
      const taken = new Set<string>([...scope.decls.keys(), ...scope.dims, ...resolver.assumptions.keys()]);
      const sh = share(pretty, taken);
      if (sh.bindings.length && sharedSize(sh) <= 0.8 * size(pretty)) {
        text = printShared(sh);
        latex = latexShared(sh);
      }
    }
    out.result = text;
    out.latex = latex;
    out.shape = [x.shape.rows, x.shape.cols];
    if (opts.check === false) return out;
    // what is checked is what is printed: the text, parsed back once
    const printed = located("result", () => new Resolver(scope).resolve(parseExpr(text, { isVariable: scope.isVariable })));
    const fast = checkGradient({ scope, dims: resolver.dims, minDims: resolver.minDims, f: tree, x: opts.wrt, r: printed, seed });
    if (fast.kind === "agrees") {
      out.check = provedEqual(n, g, printed, size(pretty)) ? "proved" : "verified";
      return out;
    }
    if (fast.kind === "wrong") return wrongGradient(out, text, fast.detail);
    if (fast.kind === "domain") return unchecked(out, tree, scope, fast.detail);
    // finite differences that did not settle: the full claim check decides, as before
    const check = checkClaim({ lhs: `grad(${opts.expr}, ${opts.wrt})`, rhs: text, let: [...lets, ...out.assumptions], symbolic: size(pretty) <= NORMAL_FORM_BUDGET }, seed);
    if (check.verdict !== "proved" && check.verdict !== "verified") {
      // out of time is the user's limit, not a wrong gradient
      if (check.error?.message.startsWith("timeout error")) throw new DeriveError("timeout", check.error.message.replace(/^timeout error: /, ""));
      // the fast check found samples of f, so this is finite differences that never settled: not a domain problem, and not shown
      if (check.error?.message.startsWith("sample error: ")) throw new DeriveError("sample", `the symbolic gradient ${text} could not be checked: ${check.error.message.replace(/^sample error: /, "")}`);
      return wrongGradient(out, text, check.detail);
    }
    out.check = check.verdict;
    return out;
  } catch (e) {
    return failed(out, e);
  }
}


/** The normal form of the expanded gradient minus the printed one is zero (small enough to try). */
function provedEqual(n: Normalizer, g: TNode, printed: TNode, printedSize: number): boolean {
  if (printedSize > NORMAL_FORM_BUDGET || size(g) > PROOF_BUDGET) return false;
  try {
    return isZeroPoly(n.norm(mk("sub", [g, printed])));
  } catch (e) {
    if (e instanceof NotNormalizable || e instanceof NotDifferentiable) return false;
    throw e;
  }
}

/** A gradient that failed its numeric check is never printed: an engine error. */
function wrongGradient(out: GradResult, text: string, detail: string): never {
  out.result = out.latex = out.shape = null;
  throw new DeriveError("engine", `the symbolic gradient ${text} failed its numeric check: ${detail}`);
}

/**
 * No valid sample on the declared domain (log of a matrix of any sign): the
 * symbolic result is printed, marked as not checked, with the declaration
 * that would let it be checked. Not an engine error: the engine is not at fault.
 */
function unchecked(out: GradResult, f: TNode, scope: Scope, why: string): GradResult {
  out.check = "unchecked";
  out.domain = `domain problem: the result is not numerically checked: ${why}; ${missingDeclaration(f, scope)}`;
  return out;
}

/** Nothing unchecked is shown: an error (a timeout during the check too) leaves no result. */
function failed(out: GradResult, e: unknown): GradResult {
  const err = asDeriveError(e);
  out.result = out.latex = out.shape = out.check = out.domain = null;
  out.error = { message: err.message, position: err.position };
  return out;
}

/** Every bare I with a size of one name or number written I(n) (a product n*m stays bare: I(n*m) is no name). */
function sizedIdentities(t: TNode): TNode {
  if (t.op === "I" && t.args.length === 0) {
    const n = t.shape.rows;
    if (typeof n === "string" && !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(n)) return t;
    const arg: TNode = typeof n === "number" ? { op: "num", args: [], value: n, text: String(n), pos: 0, end: 0, shape: { rows: 1, cols: 1 } } : { op: "dimval", args: [], name: n, pos: 0, end: 0, shape: { rows: 1, cols: 1 } };
    return { ...t, args: [arg] };
  }
  if (t.args.length === 0) return t;
  const args = t.args.map(sizedIdentities);
  return args.every((a, k) => a === t.args[k]) ? t : { ...t, args };
}
