// A near-miss diagnosis of a refuted claim (cli.md, `diagnoses`): what the
// slip probably is, stated only after the corrected claim it implies was
// itself checked on fresh samples and held. A diagnosis never changes a
// verdict; it only explains a refutation.

export type DiagnosisKind = "transpose" | "sign" | "factor" | "property" | "order" | "term" | "inverse" | "index" | "reading";

export interface Diagnosis {
  kind: DiagnosisKind;
  /** one line for a reader: "holds when A is symmetric" */
  message: string;
  /** the corrected claim that was checked and held, in the expression language */
  holds: string;
}
