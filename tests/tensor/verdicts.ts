// What the adjoint tests (kernel-adjoints, pool-adjoints) ask of an identity:
// proved by the symbolic engine and verified again by sampling alone, or
// refuted; and a nested array of values read flat.

import { expect } from "vitest";
import { equal } from "../../src/api.js";

/** lhs = rhs is proved (method symbolic) and, with the symbolic engine off, verified by sampling. */
export const proves = (lhs: string, rhs: string, lets: string[]): void => {
  const r = equal({ lhs, rhs, let: lets, seed: 1 });
  expect(r.verdict, r.detail).toBe("proved");
  expect(r.method).toBe("symbolic");
  const numeric = equal({ lhs, rhs, let: lets, seed: 2, symbolic: false });
  expect(numeric.verdict, numeric.detail).toBe("verified");
};

export const refutes = (lhs: string, rhs: string, lets: string[]): void => {
  const r = equal({ lhs, rhs, let: lets, seed: 1 });
  expect(r.verdict, `${lhs} = ${rhs}: ${r.detail}`).toBe("refuted");
};

/** the entries of an evaluated value (nested arrays) in row-major order */
export const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
