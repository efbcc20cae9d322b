// Near-miss diagnoses of a refuted worked-example step (issue 15, part 3 e/f):
// a step checked at given values (./given.ts) whose number is wrong may be
// right for a neighbouring reading (log base 10, degrees, the author's
// rounding of an intermediate, "write ≈") or off by one (an exponent, a bound,
// an index, a given step t). check/diagnose/ proposes the corrected claims
// with the given names taken as numbers; each is stated only after `recheck`
// checked it at the same given values (on fresh samples for any other free
// variable) and it held. A diagnosis never changes the verdict.

import { type Diagnosis, type GivenValues, diagnose } from "../check/diagnose/index.js";

export function givenDiagnoses(
  claim: string,
  lets: readonly string[],
  given: GivenValues,
  hint: string | null,
  seed: number,
  recheck: (claim: string, lets: string[], seed: number) => boolean,
): Diagnosis[] {
  try {
    return diagnose({ claim, lets: [...lets], hint, given }, seed, recheck);
  } catch {
    return []; // a diagnosis is a courtesy: never an error
  }
}
