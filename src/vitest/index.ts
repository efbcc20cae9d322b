// `import "derive/vitest"` registers the kit's matchers with vitest's expect
// (testing.md, "Matchers") and gives them types: the declaration below
// augments vitest's Assertion interface, so `expect(loss).toHaveGradient(...)`
// type-checks in the user's tests once this module is imported.

import { expect } from "vitest";
import type { CloseOptions } from "./close.js";
import type { HoldOptions } from "./hold.js";
import { toBeCloseToTensor, toHaveGradient, toHold, toMatchExpression } from "./matchers.js";

expect.extend({ toHaveGradient, toMatchExpression, toBeCloseToTensor, toHold } as never);

export type { CloseOptions, HoldOptions };

/** Options of toHaveGradient and toMatchExpression: the kit's gradcheck() and matches() options. */
export interface KitMatcherOptions {
  /** declarations (then the check is a fast-check property over arbitrary(let)) */
  readonly let?: string | Readonly<Record<string, string>>;
  /** fixed values instead of a property */
  readonly at?: Readonly<Record<string, unknown>>;
  /** the names to differentiate (default all) */
  readonly wrt?: readonly string[];
  /** dimensions fixed or bounded: { n: 3 }, { n: [1, 6] } */
  readonly dims?: Readonly<Record<string, number | readonly [number, number]>>;
  readonly seed?: number;
  readonly numRuns?: number;
  /** how generated values are handed to the code: nested arrays (default), "tensor" or "mathjs" */
  readonly as?: "array" | "tensor" | "mathjs";
  readonly [option: string]: unknown;
}

/** A value in any form the kit accepts: a number, a nested array, tensor(data, shape), an object with toArray(). */
export type KitValue = unknown;

interface DeriveMatchers<R = unknown> {
  /** the received loss `(values) => number` has the gradient `gradFn(values) -> { name: gradient }` (finite differences, kink-aware) */
  toHaveGradient(gradFn: (values: any) => Record<string, KitValue>, options?: KitMatcherOptions): R;
  /** the received function equals the expression (derive's language) on every generated input */
  toMatchExpression(expr: string, options?: KitMatcherOptions): R;
  /** entry-wise |received - expected| <= atol + rtol * |expected| (defaults rtol 1e-9, atol 1e-12) */
  toBeCloseToTensor(expected: KitValue, options?: CloseOptions): R;
  /** the received claim ("tr(A * B) = tr(B * A)") is proved or verified by derive's checker */
  toHold(options?: HoldOptions): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends DeriveMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends DeriveMatchers {}
}
