// One normal form for the pairings of the tensor operators with their
// adjoints. Each adjoint operator A* is defined by <G, A(X)> = <A*(G), X>, so
// a pairing sum(B .* A*(G)) is rewritten as the pairing with the forward
// operator, sum(G .* A(B)); the normal form then compares forward operators
// only. Forward operator and adjoint, with the atoms' parameters written out
// (tensor-normal.ts):
//   convtranspose(G, W, 0, s, p, op, groups, d)  <->  conv(B, W, 0, s, p, d, groups)   (when op < s)
//   convkernel(X, G, k..., s, p, d, groups)      <->  conv(X, B, 0, s, p, d, groups)
//   avgunpool(G, k, s, op)                       <->  avgpool(B, k, s)
//   maxunpool(X, G, k, s)                        <->  maxpool(X, k, s, B)    (the same first-maximum rule)
// A rewrite whose forward operator does not fit the shapes is not made.

import { sameShape } from "../core/shape.js";
import type { TNode } from "../core/typed.js";
import { mk, num } from "./build.js";

const spatialOf = (op: string): string => (op.endsWith("1d") ? "1d" : "2d");
const isNum = (t: TNode | undefined): t is TNode => !!t && t.op === "num" && Number.isInteger(t.value);

/** The forward operator applied to b, paired with the adjoint's own input: [input, forward(b)], or null. */
function forward(adj: TNode, b: TNode): [TNode, TNode] | null {
  const a = adj.args;
  const sp = spatialOf(adj.op);
  switch (adj.op) {
    case "convtranspose1d":
    case "convtranspose2d": {
      const [g, w, bias, s, p, op, groups, d] = a as TNode[];
      if (!isNum(bias) || bias.value !== 0 || !isNum(s) || !isNum(op) || op.value! >= s.value!) return null;
      return [g!, mk(`conv${sp}`, [b, w!, num(0), s, p!, d!, groups!])];
    }
    case "convkernel1d":
    case "convkernel2d": {
      const base = adj.op === "convkernel1d" ? 3 : 4;
      const [s, p, d, groups] = a.slice(base);
      return [a[1]!, mk(`conv${sp}`, [a[0]!, b, num(0), s!, p!, d!, groups!])];
    }
    case "avgunpool1d":
    case "avgunpool2d":
      return [a[0]!, mk(`avgpool${sp}`, [b, a[1]!, a[2]!])];
    case "maxunpool1d":
    case "maxunpool2d":
      return [a[1]!, mk(`maxpool${sp}`, [a[0]!, a[2]!, a[3]!, b])];
  }
  return null;
}

/** For the argument of a sum, sum(B .* A*(G)) as sum(G .* A(B)); null when it is no such pairing. */
export function primalPairing(inner: TNode): TNode | null {
  if (inner.op !== "hadamard") return null;
  const [x, y] = inner.args as [TNode, TNode];
  for (const [b, adj] of [[x, y], [y, x]] as const) {
    let pair: [TNode, TNode] | null;
    try {
      pair = forward(adj, b);
    } catch {
      pair = null; // the forward operator does not fit these shapes
    }
    if (pair && sameShape(pair[1].shape, pair[0].shape)) {
      return mk("sum", [mk("hadamard", [pair[0], pair[1]])]);
    }
  }
  return null;
}
