// derive/testing (docs/testing.md, spec testing.md): test your own gradient
// code and forward passes against derive, with fast-check doing the search
// and the shrinking. A layer on top of check/: nothing below imports it.
//
//   import { arbitrary, gradcheck, matches, tensor } from "derive/testing";

export { arbitrary, parseDecls, pointArbitrary, type ArbitraryOptions, type Decls, type Point } from "./arbitrary.js";
export { gradcheck, GradcheckError, type GradcheckOptions, type GradcheckResult, type Worst } from "./gradcheck.js";
export { matches, MatchesError, expressionAt, type MatchesOptions, type MatchesResult } from "./matches.js";
export { tensor, toTensor, readValue, type As, type KitTensor, type Value } from "./values.js";
export { likelyCause } from "./causes.js";
export { holds, fails, checkStep, type ClaimTestOptions, type StepSpec } from "./claims.js";
