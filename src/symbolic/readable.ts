// Normal form -> the tree a person would write: common factors pulled out
// ((A + A') * X, 2 * A' * (A * x - b)), positive terms first, traces of 1 x 1
// products written as the product (x' * A * x), sums of entries as sum(M),
// inverses of transposes as inv(X)'. The result still parses back to the same
// value (a property test checks printed results numerically).

import { key } from "../core/ast.js";
import { type Shape, SCALAR, isScalar, shape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { hasOp, opDef } from "../ops/registry.js";
import { eye, mk, num, zerosOf } from "./build.js";
import { type Poly, type ScalarFactor, type Term } from "./poly.js";
import { Q } from "./rational.js";

export function readable(p: Poly): TNode {
  if (p.terms.length === 0) return zerosOf(p.shape);
  return display(sumTree(p.terms, p.shape));
}

function sumTree(terms: readonly Term[], s: Shape): TNode {
  if (terms.length === 1) return termTree(terms[0]!, s);
  // a common numeric factor
  const mags = terms.map((t) => (t.coef.isNegative() ? t.coef.neg() : t.coef));
  let common = mags.every((m) => m.equals(mags[0]!)) ? mags[0]! : Q.ONE;
  if (terms.every((t) => t.coef.isNegative())) common = common.neg();
  // common scalar factors (same sign of exponent, smallest power)
  const shared: ScalarFactor[] = [];
  for (const f of terms[0]!.scalars) {
    const exps = terms.map((t) => t.scalars.find((g) => g.key === f.key)?.exp ?? 0);
    if (exps.every((e) => e > 0)) shared.push({ ...f, exp: Math.min(...exps) });
    else if (exps.every((e) => e < 0)) shared.push({ ...f, exp: Math.max(...exps) });
  }
  // common left and right chain factors
  const chains = terms.map((t) => t.chain);
  let pre = 0;
  while (chains.every((c) => c.length > pre && key(c[pre]!) === key(chains[0]![pre]!))) pre++;
  let suf = 0;
  while (chains.every((c) => c.length - pre > suf && key(c[c.length - 1 - suf]!) === key(chains[0]![chains[0]!.length - 1 - suf]!))) suf++;
  if (common.isOne() && shared.length === 0 && pre === 0 && suf === 0) return plainSum(terms, s);
  const prefix = chains[0]!.slice(0, pre);
  const suffix = chains[0]!.slice(chains[0]!.length - suf);
  const innerShape = shape(prefix.length ? prefix[prefix.length - 1]!.shape.cols : s.rows, suffix.length ? suffix[0]!.shape.rows : s.cols);
  const inner = terms.map((t) => ({
    coef: t.coef.div(common),
    scalars: t.scalars
      .map((f) => ({ ...f, exp: f.exp - (shared.find((g) => g.key === f.key)?.exp ?? 0) }))
      .filter((f) => f.exp !== 0),
    chain: t.chain.slice(pre, t.chain.length - suf),
  }));
  let body = sumTree(inner, innerShape);
  for (const a of [...prefix].reverse()) body = mk("mul", [a, body]);
  for (const a of suffix) body = mk("mul", [body, a]);
  return termTree({ coef: common, scalars: shared, chain: [] }, SCALAR, body);
}

/** Positive terms first, then the rest, as a - b - c. */
function plainSum(terms: readonly Term[], s: Shape): TNode {
  const ordered = [...terms.filter((t) => !t.coef.isNegative()), ...terms.filter((t) => t.coef.isNegative())];
  let out: TNode | null = null;
  for (const t of ordered) {
    const neg = t.coef.isNegative();
    const tree = termTree(neg ? { ...t, coef: t.coef.neg() } : t, s);
    if (!out) out = neg ? mk("neg", [tree]) : tree;
    else out = mk(neg ? "sub" : "add", [out, tree]);
  }
  return out!;
}

/** coef * scalars * chain (or * body), negative exponents as a division. */
function termTree(t: Term, s: Shape, body0?: TNode): TNode {
  const up = t.scalars.filter((f) => f.exp > 0);
  const down = t.scalars.filter((f) => f.exp < 0);
  let body: TNode | null = body0 ?? null;
  for (const a of powers(t.chain)) body = body ? mk("mul", [body, a]) : a;
  if (!body && !isScalar(s) && !body0) body = eye(s);
  const neg = t.coef.isNegative();
  const c = neg ? t.coef.neg() : t.coef;
  let head: TNode | null = c.isOne() ? null : num(c);
  for (const f of up) {
    const x = powerTree(f.node, f.exp);
    head = head ? mk("mul", [head, x]) : x;
  }
  // head * f1 * f2 ..., left to right, so it prints without extra parentheses
  let out: TNode = head && body ? flatten(body).reduce((acc, f) => mk("mul", [acc, f]), head) : (head ?? body ?? num(1));
  if (down.length) {
    let den: TNode | null = null;
    for (const f of down) {
      const x = powerTree(f.node, -f.exp);
      den = den ? mk("mul", [den, x]) : x;
    }
    out = mk("div", [out, den!]);
  }
  return neg ? mk("neg", [out]) : out;
}

/** Notation a reader expects, applied everywhere in the tree. */
export function display(t: TNode): TNode {
  const args = t.args.map(display);
  const n: TNode = args.every((a, i) => a === t.args[i]) ? t : { ...t, args };
  const a0 = n.args[0];
  switch (n.op) {
    case "tr": {
      // the trace of a 1 x 1 product is the product; of 1' M 1 it is sum(M)
      const parts = flatten(a0!);
      const first = parts[0]!;
      const last = parts[parts.length - 1]!;
      if (parts.length >= 2 && first.op === "transpose" && first.args[0]!.op === "ones" && last.op === "ones") {
        const inner = parts.slice(1, -1);
        if (inner.length === 0) return n;
        return mk("sum", [product(inner)]);
      }
      if (parts.length === 2 && first.op === "transpose" && first.args[0]!.op === "ones") return mk("sum", [last]);
      if (isScalar(a0!.shape)) return a0!;
      // tr(w * x') is x' * w: a rotation that starts with a row is a plain product
      for (let r = 1; r < parts.length; r++) {
        const rot = [...parts.slice(r), ...parts.slice(0, r)];
        if (rot[0]!.shape.rows === 1 && rot[rot.length - 1]!.shape.cols === 1) return display(product(rot));
      }
      return n;
    }
    case "mul": {
      const parts = flatten(n);
      // diag(u) * F * diag(v) reads as F .* (u * v') (a * b' alone where F is all ones)
      if (parts.length === 3 && isDiagOfVector(parts[0]!) && isDiagOfVector(parts[2]!) && parts[1]!.shape.rows !== 1 && parts[1]!.shape.cols !== 1) {
        const uv = mk("mul", [parts[0]!.args[0]!, transposed(parts[2]!.args[0]!)]);
        return parts[1]!.op === "ones" ? uv : mk("hadamard", [parts[1]!, uv]);
      }
      // an inner product of two vectors in one order, whichever the normal form chose: x' * y, not y' * x
      if (parts.length === 2 && parts[0]!.op === "transpose" && n.shape.rows === 1 && n.shape.cols === 1 && parts[1]!.shape.cols === 1) {
        const [p, q] = [parts[0]!.args[0]!, parts[1]!];
        if (printOrder(q) < printOrder(p)) return mk("mul", [transposed(q), p]);
      }
      // ones(n)' * v is sum(v)
      const k = parts.findIndex((p, i) => p.op === "transpose" && p.args[0]!.op === "ones" && parts[i + 1]?.shape.cols === 1);
      if (k < 0) return n;
      const rest = [...parts.slice(0, k), mk("sum", [parts[k + 1]!]), ...parts.slice(k + 2)];
      return product(rest);
    }
    case "inv":
      if (a0!.op === "transpose") return mk("transpose", [mk("inv", [a0!.args[0]!])]);
      return n;
    case "diag":
      // diag(diag(x)) = x for a vector x only: diag(diag(A)) of a matrix keeps its diagonal alone
      if (a0!.op === "diag" && a0!.args[0]!.op === "sym" && a0!.args[0]!.shape.cols === 1) return a0!.args[0]!;
      return n;
    case "epow": {
      const k = n.args[1]!;
      if (k.op === "neg" && k.args[0]!.op === "num" && k.args[0]!.value === 1) return mk("ediv", [num(1), a0!]);
      return n;
    }
    case "hadamard":
      if (key(n.args[0]!) === key(n.args[1]!)) return mk("epow", [a0!, num(2)]);
      return n;
  }
  // f(x' * W') for an elementwise f reads better as f(W * x)'
  if (a0 && n.args.length === 1 && a0.shape.rows === 1 && a0.shape.cols !== 1 && hasOp(n.op) && opDef(n.op).elementwise) {
    const parts = flatten(a0);
    if (parts.every((p) => p.op === "transpose")) {
      const inner = product([...parts].reverse().map((p) => p.args[0]!));
      return mk("transpose", [mk(n.op, [inner])]);
    }
  }
  return n;
}

/**
 * b^e for e > 0 as a reader writes it: the half of a half-integer power as a
 * square root (b^(1/2) is sqrt(b), b^(3/2) is b * sqrt(b)): sqrt is the one
 * printed form of the normal form's b^(1/2) (docs/language.md).
 */
function powerTree(b: TNode, e: number): TNode {
  if (e === 1) return b;
  if (e === 0.5) return mk("sqrt", [b]);
  if (Number.isInteger(2 * e) && !Number.isInteger(e)) return mk("mul", [powerTree(b, e - 0.5), mk("sqrt", [b])]);
  return mk("pow", [b, num(e)]);
}

/** Runs of one square atom in a chain as powers: X' * X' is X'^2. */
function powers(chain: readonly TNode[]): TNode[] {
  const out: TNode[] = [];
  for (let i = 0; i < chain.length; ) {
    let j = i + 1;
    while (j < chain.length && key(chain[j]!) === key(chain[i]!)) j++;
    out.push(j - i > 1 ? mk("pow", [chain[i]!, num(j - i)]) : chain[i]!);
    i = j;
  }
  return out;
}

const isDiagOfVector = (t: TNode): boolean => t.op === "diag" && t.args[0]!.shape.cols === 1 && t.args[0]!.shape.rows !== 1;
const transposed = (t: TNode): TNode => (t.op === "transpose" ? t.args[0]! : mk("transpose", [t]));
/** a tree's structural key: the order of inner products (names sort as written) */
const printOrder = (t: TNode): string => key(t);

function flatten(t: TNode): TNode[] {
  return t.op === "mul" ? t.args.flatMap(flatten) : [t];
}

function product(parts: readonly TNode[]): TNode {
  let t = parts[0]!;
  for (const p of parts.slice(1)) t = mk("mul", [t, p]);
  return t;
}
