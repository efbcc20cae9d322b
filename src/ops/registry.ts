// The explicit list of every operator. Adding an operator means writing
// src/ops/<name>.ts and adding one line here; nothing else switches on names.

import type { OpDef } from "./define.js";
import { addOp } from "./add.js";
import { subOp } from "./sub.js";
import { mulOp } from "./mul.js";
import { divOp } from "./div.js";
import { hadamardOp } from "./hadamard.js";
import { edivOp } from "./ediv.js";
import { negOp } from "./neg.js";
import { powOp } from "./pow.js";
import { epowOp } from "./epow.js";
import { transposeOp } from "./transpose.js";
import { indexOp } from "./indexing.js";
import { unitOp } from "./unit.js";
import { piOp } from "./pi.js";
import { eOp } from "./e.js";
import { IOp } from "./I.js";
import { onesOp } from "./ones.js";
import { zerosOp } from "./zeros.js";
import { trOp } from "./tr.js";
import { detOp } from "./det.js";
import { logdetOp } from "./logdet.js";
import { invOp } from "./inv.js";
import { diagOp } from "./diag.js";
import { sumOp } from "./sum.js";
import { prodOp } from "./prod.js";
import { limOp } from "./lim.js";
import { infOp } from "./inf.js";
import { meanOp } from "./mean.js";
import { normOp } from "./norm.js";
import { dotOp } from "./dot.js";
import { outerOp } from "./outer.js";
import { kronOp } from "./kron.js";
import { vecOp } from "./vec.js";
import { ptraceOp } from "./ptrace.js";
import { blocktraceOp } from "./blocktrace.js";
import { eigvalshOp } from "./eigvalsh.js";
import { eigvecshOp } from "./eigvecsh.js";
import { eigvalsOp } from "./eigvals.js";
import { svdvalsOp } from "./svdvals.js";
import { rankOp } from "./rank.js";
import { floorOp } from "./floor.js";
import { ceilOp } from "./ceil.js";
import { convoutOp } from "./convout.js";
import { convparamsOp } from "./convparams.js";
import { expOp } from "./exp.js";
import { logOp } from "./log.js";
import { sqrtOp } from "./sqrt.js";
import { absOp } from "./abs.js";
import { sinOp } from "./sin.js";
import { cosOp } from "./cos.js";
import { tanhOp } from "./tanh.js";
import { sigmoidOp } from "./sigmoid.js";
import { reluOp } from "./relu.js";
import { softplusOp } from "./softplus.js";
import { signOp } from "./sign.js";
import { stepOp } from "./step.js";
import { leakyreluOp } from "./leakyrelu.js";
import { softmaxOp } from "./softmax.js";
import { lseOp } from "./lse.js";
import { logsoftmaxOp } from "./logsoftmax.js";
import { gradOp } from "./grad.js";
import { jacobianOp } from "./jacobian.js";
import { hessianOp } from "./hessian.js";
import { diffOp } from "./diff.js";
import { reshapeOp } from "./reshape.js";
import { perchannelOp } from "./perchannel.js";
import { conv1dOp } from "./conv1d.js";
import { conv2dOp } from "./conv2d.js";
import { convtranspose1dOp } from "./convtranspose1d.js";
import { convtranspose2dOp } from "./convtranspose2d.js";
import { convkernel1dOp } from "./convkernel1d.js";
import { convkernel2dOp } from "./convkernel2d.js";
import { avgunpool1dOp } from "./avgunpool1d.js";
import { avgunpool2dOp } from "./avgunpool2d.js";
import { maxunpool1dOp } from "./maxunpool1d.js";
import { maxunpool2dOp } from "./maxunpool2d.js";
import { avgpool1dOp } from "./avgpool1d.js";
import { avgpool2dOp } from "./avgpool2d.js";
import { maxpool1dOp } from "./maxpool1d.js";
import { maxpool2dOp } from "./maxpool2d.js";
import { batchnormOp } from "./batchnorm.js";
import { EOp } from "./expectation.js";
import { VarOp } from "./variance.js";
import { CovOp } from "./covariance.js";

/** Every operator, in the order the docs list them. */
export const OPS: readonly OpDef[] = [
  addOp, subOp, mulOp, divOp, hadamardOp, edivOp, negOp, powOp, epowOp, transposeOp, indexOp,
  piOp, eOp, infOp, IOp, onesOp, zerosOp, unitOp,
  trOp, detOp, logdetOp, invOp, diagOp, sumOp, prodOp, limOp, meanOp, normOp, dotOp, outerOp, kronOp, ptraceOp, blocktraceOp, vecOp,
  expOp, logOp, sqrtOp, absOp, sinOp, cosOp, tanhOp, sigmoidOp, reluOp, softplusOp, signOp, stepOp,
  leakyreluOp, softmaxOp, lseOp, logsoftmaxOp,
  eigvalshOp, eigvecshOp, eigvalsOp, svdvalsOp, rankOp, floorOp, ceilOp, convoutOp, convparamsOp,
  reshapeOp, perchannelOp, conv1dOp, conv2dOp, convtranspose1dOp, convtranspose2dOp, convkernel1dOp, convkernel2dOp, avgpool1dOp, avgpool2dOp, maxpool1dOp, maxpool2dOp, avgunpool1dOp, avgunpool2dOp, maxunpool1dOp, maxunpool2dOp, batchnormOp,
  gradOp, jacobianOp, hessianOp, diffOp,
  EOp, VarOp, CovOp,
];

const byName = new Map<string, OpDef>();
const byFunction = new Map<string, OpDef>();
const byInfix = new Map<string, OpDef>();
const byPrefix = new Map<string, OpDef>();
const byPostfix = new Map<string, OpDef>();
const byConstant = new Map<string, OpDef>();

for (const op of OPS) {
  if (byName.has(op.name)) throw new Error(`operator ${op.name} registered twice`);
  byName.set(op.name, op);
  const s = op.syntax;
  if (s.kind === "function") for (const n of s.names) byFunction.set(n, op);
  else if (s.kind === "infix") byInfix.set(s.symbol, op);
  else if (s.kind === "prefix") byPrefix.set(s.symbol, op);
  else if (s.kind === "postfix") byPostfix.set(s.symbol, op);
  else if (s.kind === "leaf") for (const n of s.names ?? []) byConstant.set(n, op);
}

/** The definition of a registered operator id; throws for an unknown id (an engine bug). */
export function opDef(name: string): OpDef {
  const op = byName.get(name);
  if (!op) throw new Error(`no operator ${name}`);
  return op;
}

export const hasOp = (name: string): boolean => byName.has(name);
export const functionOp = (name: string): OpDef | undefined => byFunction.get(name);
export const infixOp = (symbol: string): OpDef | undefined => byInfix.get(symbol);
export const prefixOp = (symbol: string): OpDef | undefined => byPrefix.get(symbol);
export const postfixOp = (symbol: string): OpDef | undefined => byPostfix.get(symbol);
export const constantOp = (name: string): OpDef | undefined => byConstant.get(name);
export const functionNames = (): string[] => [...byFunction.keys()];
