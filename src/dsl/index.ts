// The DSL's public names, re-exported by src/index.ts: write derivations with
// `derivation`. `check` (the same as `derive check`) runs files and so sits a
// layer above, in runner/; src/index.ts exports it beside these names.

export { derivation, isDerivation } from "./derivation.js";
export type { Derivation, DerivationBuilder, DerivationOptions, Expected, StepOptions } from "./derivation.js";
export type { StepVerdict } from "./run.js";
