// Rank > 2 tensors in the normal form: the convolution, transposed
// convolution, pooling, bias and reshape operators as multilinear atoms.
// conv(x, w) is linear in x and in w, convtranspose(g, w) in g and in w,
// avgpool(x) in x, maxpool(x, k, s, v) (the differential of max pooling) in v,
// convkernel(x, g) in x and g, avgunpool(g) in g, maxunpool(x, g) in g,
// perchannel(b, Y) in b, reshape(x, ...) in x, sum(X) in X: each is expanded
// over the terms of those arguments, coefficients and scalar factors taken
// out, so conv(a X + Y, W) and a conv(X, W) + conv(Y, W) are one normal form.
// A bias is split off, conv(x, w, b) = conv(x, w, 0) + perchannel(b, conv(x, w, 0)),
// and the optional integer parameters are written out (stride 1, padding 0,
// ...), so conv2d(X, W) and conv2d(X, W, 0, 1, 0) are one atom. Every rewrite
// is linearity of the operator in that argument, or its definition.

import { type Dim, SCALAR, dimsOf, isScalar, isTensor } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { mk, num } from "./build.js";
import type { Normalizer } from "./normal.js";
import { type Poly, type Term, addPoly, makePoly, zeroPoly } from "./poly.js";
import { Q } from "./rational.js";
import { canonTree } from "./totree.js";
import { CONVKERNEL_DEFAULTS } from "../ops/convkernel-rules.js";
import { primalPairing } from "./tensor-pairing.js";

/** Default values of the integer parameters after (x, w, b): conv: stride, padding, dilation, groups. */
const CONV_DEFAULTS = [1, 0, 1, 1];
/** convtranspose: stride, padding, output padding, groups, dilation. */
const CONVT_DEFAULTS = [1, 0, 0, 1, 1];

/** A symbolic dimension (`n`, `m*n`) as a value. */
function dimTree(d: Dim): TNode {
  return String(d)
    .split("*")
    .map((f): TNode => (/^\d+$/.test(f) ? num(Number(f)) : { op: "dimval", args: [], name: f, pos: 0, end: 0, shape: SCALAR }))
    .reduce((x, y) => mk("mul", [x, y]));
}

const isZeroLiteral = (t: TNode): boolean => t.op === "num" && t.value === 0;

/** The normal form of a tensor operator this file knows, or null (the generic rules apply). */
export function tensorNorm(n: Normalizer, t: TNode): Poly | null {
  const a = t.args;
  switch (t.op) {
    case "conv1d":
    case "conv2d":
      return conv(n, t, CONV_DEFAULTS);
    case "convtranspose1d":
    case "convtranspose2d":
      return conv(n, t, CONVT_DEFAULTS);
    case "convkernel1d":
    case "convkernel2d": {
      // (x, g, kernel sizes, stride, padding, dilation, groups), the optional ones written out
      const base = t.op === "convkernel1d" ? 3 : 4;
      const plain = [...a.slice(0, base), ...CONVKERNEL_DEFAULTS.map((d, i) => a[base + i] ?? num(d))];
      return multilinear(n, t.op, plain, [0, 1], t);
    }
    case "avgpool1d":
    case "avgpool2d":
      return multilinear(n, t.op, [a[0]!, a[1]!, a[2] ?? a[1]!], [0], t);
    case "avgunpool1d":
    case "avgunpool2d":
      // (g, k, s, op [, op_w]), the stride k and the output padding 0 by default, op_w = op
      return multilinear(n, t.op, [a[0]!, a[1]!, a[2] ?? a[1]!, a[3] ?? num(0), ...(t.op === "avgunpool2d" ? [a[4] ?? a[3] ?? num(0)] : [])], [0], t);
    case "maxunpool1d":
    case "maxunpool2d":
      return multilinear(n, t.op, [a[0]!, a[1]!, a[2]!, a[3] ?? a[2]!], [1], t);
    case "maxpool1d":
    case "maxpool2d":
      if (a.length !== 4) return null;
      return multilinear(n, t.op, a, [3], t);
    case "perchannel":
      return multilinear(n, t.op, a, [0], t);
    case "reshape":
      return isTensor(t.shape) || isTensor(a[0]!.shape) ? multilinear(n, t.op, a, [0], t) : null;
    case "sum":
      return a.length === 1 && isTensor(a[0]!.shape) ? multilinear(n, t.op, a, [0], t) : null;
    case "mean": {
      // the sum over all entries, divided by their number (every dimension, not rows x cols)
      if (!isTensor(a[0]!.shape)) return null;
      const count = dimsOf(a[0]!.shape).reduce<TNode>((acc, d) => mk("mul", [acc, typeof d === "number" ? num(d) : dimTree(d)]), num(1));
      return n.norm(mk("div", [mk("sum", [a[0]!]), count]));
    }
  }
  return null;
}

function conv(n: Normalizer, t: TNode, defaults: readonly number[]): Poly {
  const [x, w] = t.args as [TNode, TNode];
  const params = defaults.map((d, i) => t.args[3 + i] ?? num(d));
  const plain = [x, w, num(0), ...params];
  const out = multilinear(n, t.op, plain, [0, 1], t);
  const b = t.args[2];
  if (!b || isZeroLiteral(b)) return out;
  n.rule("conv-bias");
  return addPoly(out, n.norm(mk("perchannel", [b, mk(t.op, plain)])));
}

/**
 * op(args) expanded over the terms of each argument in `linear` (the others
 * are canonicalised and kept): a product of sums becomes a sum of atoms.
 */
function multilinear(n: Normalizer, op: string, args: readonly TNode[], linear: readonly number[], t: TNode): Poly {
  let acc: { coef: Q; scalars: Term["scalars"]; args: TNode[] }[] = [{ coef: Q.ONE, scalars: [], args: args.map((x, i) => (linear.includes(i) ? x : keep(n, x))) }];
  for (const i of linear) {
    const p = n.norm(args[i]!);
    const next: typeof acc = [];
    for (const partial of acc) {
      for (const term of p.terms) {
        const inner = canonTree(makePoly(p.shape, [{ coef: Q.ONE, scalars: isScalar(p.shape) ? term.scalars : [], chain: term.chain }]));
        const scalars = isScalar(p.shape) ? [] : term.scalars;
        const argsI = [...partial.args];
        argsI[i] = inner;
        next.push({ coef: partial.coef.mul(term.coef), scalars: n.finishScalars([...partial.scalars, ...scalars]), args: argsI });
      }
    }
    acc = next;
  }
  if (acc.length === 0) return zeroPoly(t.shape);
  if (linear.length > 0) n.rule("multilinear-tensor-op");
  const terms: Term[] = [];
  for (const x of acc) {
    const atom = mk(op, x.args);
    // a pairing <A, adjoint(...)> is written as the pairing with the forward operator
    const primal = op === "sum" ? primalPairing(x.args[0]!) : null;
    if (primal) n.rule("adjoint-pairing");
    const p = primal ? n.norm(primal) : isScalar(t.shape) ? n.scalarAtom(atom) : n.chains.poly([atom], t.shape);
    for (const u of p.terms) terms.push({ coef: x.coef.mul(u.coef), scalars: n.finishScalars([...x.scalars, ...u.scalars]), chain: u.chain });
  }
  return makePoly(t.shape, terms);
}

/** A non-linear argument: its canonical tree (integer parameters stay as written). */
function keep(n: Normalizer, x: TNode): TNode {
  return x.op === "num" || x.op === "dimval" ? x : n.canon(x);
}
