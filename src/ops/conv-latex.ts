// LaTeX shared by the convolution and pooling operator files, in the notation
// of deep-learning papers: PyTorch's conv is a cross-correlation, written
// `X \star W`; the hyperparameters the source spells out stay visible as a
// subscript on the operator (`X \star_{s=2,\,p=1} W`), the bias as `+ b`, and a
// transposed convolution as `G \star^{\top}_{s=2} W`. Pooling reads
// `\operatorname{maxpool}_{2 \times 2,\,s=1}\left(X\right)`.

import type { Expr } from "../core/ast.js";
import { isTight, isWrapped, paren } from "./latex-util.js";

/** `s` in parentheses unless it already reads as one unit. */
function unit(s: string): string {
  return isWrapped(s) || isTight(s) ? s : paren(s);
}

/** `{}_{s=2,\,p=1}` from the hyperparameters given (none: nothing). */
function scripts(values: readonly string[], labels: readonly string[]): string {
  const parts = values.map((v, i) => `${labels[i]}=${v}`);
  return parts.length ? `_{${parts.join(",\\,")}}` : "";
}

/**
 * conv(x, w [, b, ...hyper]): `x \star_{...} w + b`. A bias that is the
 * literal 0 means "no bias" and is not printed.
 */
export function convLatex(args: readonly string[], node: Expr, labels: readonly string[], transposed = false): string {
  const [x, w, b, ...hyper] = args;
  const star = transposed ? "\\star^{\\top}" : "\\star";
  const core = `${unit(x!)} ${star}${scripts(hyper, labels)} ${unit(w!)}`;
  const bias = node.args[2];
  const noBias = b === undefined || (bias!.op === "num" && bias!.value === 0);
  return noBias ? core : `${core} + ${unit(b!)}`;
}

/**
 * pool(x, k [, s [, v]]): `\operatorname{maxpool}_{k \times k,\,s=1}\left(x\right)`;
 * with v, the differential in the direction v: `\mathrm{D}\operatorname{maxpool}_{...}\left(x\right)\left[v\right]`.
 */
export function poolLatex(name: string, args: readonly string[], dims: 1 | 2): string {
  const [x, k, s, v] = args;
  const window = dims === 2 ? `${unit(k!)} \\times ${unit(k!)}` : k!;
  const sub = s === undefined ? window : `${window},\\,s=${s}`;
  const head = `\\operatorname{${name}}_{${sub}}\\left(${x}\\right)`;
  return v === undefined ? head : `\\mathrm{D}${head}\\left[${v}\\right]`;
}

/**
 * convkernel(x, g, k... [, s, p, d, groups]): the kernel gradient, written as
 * the operator applied to the pair, `\operatorname{convkernel}_{3 \times 3,\,s=2}\left(X, G\right)`.
 */
export function convKernelLatex(args: readonly string[], spatial: 1 | 2): string {
  const [x, g, ...rest] = args;
  const k = rest.slice(0, spatial).join(" \\times ");
  const hyper = rest.slice(spatial).map((v, i) => `${["s", "p", "d", "g"][i]}=${v}`);
  return `\\operatorname{convkernel}_{${[k, ...hyper].join(",\\,")}}\\left(${x}, ${g}\\right)`;
}

/**
 * The pooling adjoints: avgunpool(g, k [, s, op]) reads
 * `\operatorname{avgunpool}_{2 \times 2,\,s=1}\left(G\right)`, maxunpool(x, g, k [, s])
 * `\operatorname{maxunpool}_{2 \times 2}\left(X; G\right)` (x picks the maxima).
 */
export function unpoolLatex(name: string, args: readonly string[], dims: 1 | 2, withInput = false): string {
  const operands = withInput ? args.slice(0, 2) : args.slice(0, 1);
  const [k, s, ...op] = args.slice(operands.length);
  const window = dims === 2 ? `${unit(k!)} \\times ${unit(k!)}` : k!;
  const pad = op.length === 0 ? [] : [`p_{\\mathrm{out}}=${op.length > 1 ? `(${op.join(", ")})` : op[0]}`];
  const parts = [window, ...(s === undefined ? [] : [`s=${s}`]), ...pad];
  return `\\operatorname{${name}}_{${parts.join(",\\,")}}\\left(${operands.join("; ")}\\right)`;
}
