// What the generic derivative contract (tests/contract/derivatives.test.ts)
// needs to know about the tensor operators: in which arguments each is
// linear, argument shapes that fit (a convolution's sizes must agree), and
// the node over those operands with its integer parameters filled in.

import { type Shape, SCALAR, shape, tensorShape } from "../../src/core/shape.js";
import type { TNode } from "../../src/core/typed.js";
import { mk, num } from "../../src/symbolic/build.js";

export const TENSOR_LINEAR: Readonly<Record<string, readonly number[]>> = {
  reshape: [0],
  perchannel: [0],
  conv1d: [0, 1],
  conv2d: [0, 1],
  convtranspose1d: [0, 1],
  convtranspose2d: [0, 1],
  convkernel1d: [0, 1],
  convkernel2d: [0, 1],
  avgpool1d: [0],
  avgpool2d: [0],
  maxpool1d: [3],
  maxpool2d: [3],
  avgunpool1d: [0],
  avgunpool2d: [0],
  maxunpool1d: [1],
  maxunpool2d: [1],
  batchnorm: [4],
};

/** Linear, but the adjoint cannot be written in the language (perchannel would need a sum per channel). */
export const TENSOR_NO_ADJOINT: readonly string[] = ["perchannel", "batchnorm"];

/** Operand shapes from four sizes 1..4 (kernels of 2 need inputs of at least 2). */
export function tensorConfigurations(name: string, [n, m, p, q]: readonly number[]): Shape[][] | null {
  const N = n!;
  const M = m!;
  const P = p! + 1;
  const Q = q! + 1;
  switch (name) {
    case "reshape":
      return [[shape(N, M * P)], [tensorShape([N, M, P])]];
    case "perchannel":
      return [[shape(M, 1), tensorShape([N, M, P, Q])], [SCALAR, tensorShape([N, M, P])]];
    case "conv1d":
      return [[tensorShape([N, M, P + 1]), tensorShape([Q, M, 2])]];
    case "conv2d":
      return [[tensorShape([N, M, P, Q]), tensorShape([2, M, 2, 2])]];
    case "convtranspose1d":
      return [[tensorShape([N, M, P]), tensorShape([M, Q, 2])]];
    case "convtranspose2d":
      return [[tensorShape([N, M, P, Q]), tensorShape([M, 2, 2, 2])]];
    case "convkernel1d":
      // x: N x M x (P + 1), g: N x Q x P (a kernel of 2, stride 1, no padding)
      return [[tensorShape([N, M, P + 1]), tensorShape([N, Q, P])]];
    case "convkernel2d":
      // stride 2, padding 1, a 2 x 3 kernel: x of 2P x (2Q - 1) gives g of (P + 1) x Q
      return [[tensorShape([N, M, 2 * P, 2 * Q - 1]), tensorShape([N, 2, P + 1, Q])]];
    case "avgpool1d":
      return [[tensorShape([N, M, P + 2])]];
    case "avgpool2d":
      return [[tensorShape([N, M, P + 1, Q + 1])]];
    case "maxpool1d":
      return [[tensorShape([N, M, P + 2]), SCALAR, SCALAR, tensorShape([N, M, P + 2])]];
    case "maxpool2d":
      return [[tensorShape([N, M, P + 1, Q + 1]), SCALAR, SCALAR, tensorShape([N, M, P + 1, Q + 1])]];
    case "avgunpool1d":
      return [[tensorShape([N, M, P])]];
    case "avgunpool2d":
      return [[tensorShape([N, M, P, Q])]];
    case "maxunpool1d":
      return [[tensorShape([N, M, P + 2]), tensorShape([N, M, P + 1])]];
    case "maxunpool2d":
      return [[tensorShape([N, M, P + 1, Q + 1]), tensorShape([N, M, P, Q])]];
    case "batchnorm":
      return [[tensorShape([N + 1, M, P]), shape(M, 1), shape(M, 1), SCALAR, tensorShape([N + 1, M, P])]];
    default:
      return null;
  }
}

/** The node of a tensor operator over its operands (integer parameters as literals), or null for other operators. */
export function tensorOpNode(name: string, args: readonly TNode[]): TNode | null {
  switch (name) {
    case "reshape": {
      const s = args[0]!.shape;
      // a fixed other layout of the same entries
      const total = [...(s.lead ?? []), s.rows, s.cols].reduce<number>((a, d) => a * (d as number), 1);
      return mk("reshape", [args[0]!, num(total)]);
    }
    case "conv1d":
      return mk("conv1d", [args[0]!, args[1]!, num(0), num(1), num(1)]);
    case "conv2d":
      return mk("conv2d", [args[0]!, args[1]!, num(0), num(1), num(1), num(1), num(1)]);
    case "convtranspose1d":
      return mk("convtranspose1d", [args[0]!, args[1]!, num(0), num(2), num(0), num(1)]);
    case "convtranspose2d":
      return mk("convtranspose2d", [args[0]!, args[1]!, num(0), num(1), num(1)]);
    case "convkernel1d":
      return mk("convkernel1d", [args[0]!, args[1]!, num(2)]);
    case "convkernel2d":
      return mk("convkernel2d", [args[0]!, args[1]!, num(2), num(3), num(2), num(1)]);
    case "avgpool1d":
      return mk("avgpool1d", [args[0]!, num(2), num(1)]);
    case "avgpool2d":
      return mk("avgpool2d", [args[0]!, num(2)]);
    case "maxpool1d":
    case "maxpool2d":
      return mk(name, [args[0]!, num(2), num(1), args[3]!]);
    case "avgunpool1d":
      return mk("avgunpool1d", [args[0]!, num(2), num(1)]);
    case "avgunpool2d":
      // stride 2 with an output padding of 1: 2P + 1 rows from P
      return mk("avgunpool2d", [args[0]!, num(2), num(2), num(1)]);
    case "maxunpool1d":
    case "maxunpool2d":
      return mk(name, [args[0]!, args[1]!, num(2), num(1)]);
    case "batchnorm":
      return mk("batchnorm", [args[0]!, args[1]!, args[2]!, num(0.1), args[4]!]);
    default:
      return null;
  }
}
