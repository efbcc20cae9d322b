// The likely slip behind a wrong gradient (or a wrong value in matches()):
// the analytic value G against the reference N, entry by entry with the same
// tolerance as the check itself. Each cause is named only when the repaired
// value matches everywhere, so an unrelated mistake gets no cause at all.

import { Tensor } from "../core/tensor.js";
import { indexOf, showEntry } from "./values.js";

/** Does the candidate value `a` for entry k agree with the reference? */
export type Agrees = (k: number, a: number) => boolean;

export function likelyCause(name: string, g: Tensor, n: Tensor, agrees: Agrees): string | null {
  const size = g.size;
  const all = (h: (k: number) => number): boolean => {
    for (let k = 0; k < size; k++) if (!agrees(k, h(k))) return false;
    return true;
  };
  // a constant multiple says nothing when the reference is (almost) zero
  let nonzero = false;
  for (let k = 0; k < size && !nonzero; k++) nonzero = !agrees(k, 0);
  if (nonzero) {
    if (all((k) => -g.data[k]!)) return "a flipped sign: minus the value matches";
    if (all((k) => g.data[k]! / 2)) return "a factor of 2: the value is twice the expected one (half of it matches)";
    if (all((k) => g.data[k]! * 2)) return "a factor of 1/2: the value is half the expected one (twice it matches)";
  }
  const sq = g.shape.length === 2 && g.rows === g.cols && g.rows > 1;
  if (sq) {
    const r = g.rows;
    const tr = (k: number): number => g.data[(k % r) * r + Math.floor(k / r)]!;
    if (all(tr)) return "transposed: the transpose matches (a layout slip; the gradient of f with respect to X has entry [i][j] = d f / d X[i][j])";
  }
  if (size > 1) {
    const wrong: number[] = [];
    for (let k = 0; k < size && wrong.length < 2; k++) if (!agrees(k, g.data[k]!)) wrong.push(k);
    if (wrong.length === 1) return `one entry wrong: ${showEntry(name, indexOf(g, wrong[0]!))}; every other entry matches`;
  }
  return null;
}
