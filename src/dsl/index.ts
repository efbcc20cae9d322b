// The DSL's public names, re-exported by src/index.ts: write derivations with
// `derivation`, check them with `check` (the same as `derive check`).

export { derivation, isDerivation } from "./derivation.js";
export type { Derivation, DerivationBuilder, DerivationOptions, Expected, StepOptions } from "./derivation.js";
export type { StepVerdict } from "./run.js";
export { check } from "../api.js";
export type { CheckOptions, CheckReport, FileReport, StepReport } from "../check/check.js";
