// The package's public entry: `import { equal, evaluate } from "derive"`.

export { check, equal, evaluate, grad } from "./api.js";
export * from "./dsl/index.js";
// `check` runs derivation files (runner/, the layer above dsl/)
export type { CheckOptions, CheckReport, FileReport, StepReport } from "./runner/check.js";
export type { ClaimOptions, EqualResult, EvaluateOptions, EvaluateResult, GradOptions, GradResult } from "./api.js";
export { DeriveError } from "./core/errors.js";
export { Tensor } from "./core/tensor.js";
/** the convolution kernels and their adjoints (bench/conv.mjs times them) */
export * as tensorKernels from "./core/conv.js";
export { parseExpr, parseClaim, parseWithBindings } from "./parse/parser.js";
export { printExpr } from "./parse/print.js";
export { OPS } from "./ops/registry.js";
export { checkRecurrence, type RecurrenceSpec, type RecurrenceResult } from "./check/recurrence.js";
