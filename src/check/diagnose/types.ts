// A near-miss diagnosis of a refuted claim (cli.md, `diagnoses`): what the
// slip probably is, stated only after the corrected claim it implies was
// itself checked on fresh samples and held. A diagnosis never changes a
// verdict; it only explains a refutation.

import type { Tensor } from "../../core/tensor.js";
import type { Scope } from "../../parse/scope.js";

export type DiagnosisKind = "transpose" | "sign" | "factor" | "property" | "order" | "term" | "inverse" | "index" | "reading" | "initial";

export interface Diagnosis {
  kind: DiagnosisKind;
  /** one line for a reader: "holds when A is symmetric" */
  message: string;
  /** the corrected claim that was checked and held, in the expression language */
  holds: string;
}

/**
 * The given values of a worked example (dsl/given.ts): a name with a given
 * value is a number the author knew, so a subexpression in such names alone
 * is an intermediate value the author may have rounded. `scope` declares
 * every name, the given ones with the shapes of their values.
 */
export interface GivenValues {
  readonly scope: Scope;
  readonly values: ReadonlyMap<string, Tensor>;
}
