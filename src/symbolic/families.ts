// The rule families a proof may use beyond the built-in normal form, one line
// each. prove.ts tries the built-in rules first and these only when the
// normal forms differ, so proofs the built-in rules find are unchanged.

import type { RuleFamily } from "./normal.js";
import { definitions } from "./rules-definitions.js";
import { indexing } from "./rules-index.js";
import { structure } from "./rules-structure.js";

export const PROOF_FAMILIES: readonly RuleFamily[] = [
  definitions,
  indexing,
  structure,
];
