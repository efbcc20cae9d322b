// Shared loader for labelled claim files (JSON lines: id, let, lhs, rhs, truth).

import { readFileSync } from "node:fs";

export interface LabelledClaim {
  id: string;
  let: string[];
  lhs: string;
  rhs: string;
  truth: boolean;
  topic?: string;
  mutation?: string;
}

export function loadClaims(url: URL): LabelledClaim[] {
  return readFileSync(url, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LabelledClaim);
}
