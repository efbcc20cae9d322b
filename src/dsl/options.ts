// What a derivation file passes to the DSL is plain JavaScript, so nothing
// stops `d.step(42)` or `{ expect: "Refuted" }` from reaching it: these checks
// turn such a mistake into the file's own error at the line of the call (a
// TypeError the recorder reports as the step's error), never into an "engine
// error" (reserved for derive's own bugs) and never into a silently ignored
// option.

import type { DerivationOptions, Expected, StepOptions } from "./derivation.js";

/** Every value `expect` takes (docs/derivations.md, "Expected verdicts"). */
export const EXPECTED: readonly Expected[] = ["accepted", "proved", "refuted", "shape error"];

/** `42` as "a number (42)", `[1]` as "an array": what a wrong argument was, briefly. */
export function described(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "undefined") return "undefined";
  const text = String(v);
  return `a ${typeof v} (${text.length > 40 ? `${text.slice(0, 40)}...` : text})`;
}

/** An expression argument: a string, else a TypeError naming the call and what was passed. */
export function expression(v: unknown, what: string): string {
  if (typeof v !== "string") throw new TypeError(`${what} must be a string in the expression language, not ${described(v)}`);
  return v;
}

/** Declarations (`let`): an object of strings such as { X: "n x n spd" }. */
export function declarations(v: unknown, what: string): Readonly<Record<string, string>> | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new TypeError(`${what} must be an object such as { X: "n x n" }, not ${described(v)}`);
  for (const [k, d] of Object.entries(v)) {
    if (typeof d !== "string") throw new TypeError(`${what}.${k} must be a string such as "n x n", not ${described(d)}`);
  }
  return v as Record<string, string>;
}

/**
 * A step's options, checked key by key. Other keys are left alone (other
 * parts of derive, such as answer sheets, read options of their own).
 */
export function stepOptions(v: unknown, what: string): StepOptions {
  if (v === undefined) return {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new TypeError(`the options of ${what} must be an object such as { expect: "refuted", note: "..." }, not ${described(v)}`);
  const o = v as Record<string, unknown>;
  if (o.expect !== undefined && !EXPECTED.includes(o.expect as Expected)) {
    throw new TypeError(`expect must be one of ${EXPECTED.map((e) => JSON.stringify(e)).join(", ")}, not ${typeof o.expect === "string" ? JSON.stringify(o.expect) : described(o.expect)}`);
  }
  for (const k of ["note", "source"] as const) {
    if (o[k] !== undefined && typeof o[k] !== "string") throw new TypeError(`${k} must be a string, not ${described(o[k])}`);
  }
  if (o.skip !== undefined && typeof o.skip !== "boolean" && typeof o.skip !== "string") throw new TypeError(`skip must be true or a string saying why, not ${described(o.skip)}`);
  declarations(o.let, "let");
  return o as StepOptions;
}

/**
 * The options of `derivation(title, options, body)`: each bad field is one
 * message (reported at the derivation's line) and is dropped, so the steps
 * still run and report what the missing declaration or value means for them.
 */
export function derivationOptions(v: unknown): { options: DerivationOptions; problems: string[] } {
  if (v === undefined || v === null) return { options: {}, problems: [] };
  if (typeof v !== "object" || Array.isArray(v)) return { options: {}, problems: [`the options of derivation() must be an object such as { let: { X: "n x n" } }, not ${described(v)}`] };
  const o = { ...(v as Record<string, unknown>) };
  const problems: string[] = [];
  const drop = (k: string, f: () => void): void => {
    try {
      f();
    } catch (e) {
      problems.push((e as Error).message);
      delete o[k];
    }
  };
  // a bad declaration is dropped alone: the others still hold for the steps
  if (o.let !== undefined && typeof o.let === "object" && o.let !== null && !Array.isArray(o.let)) {
    const good: Record<string, string> = {};
    for (const [k, d] of Object.entries(o.let)) {
      if (typeof d === "string") good[k] = d;
      else problems.push(`let.${k} must be a string such as "n x n", not ${described(d)}`);
    }
    o.let = good;
  } else drop("let", () => declarations(o.let, "let"));
  drop("given", () => {
    if (o.given === undefined) return;
    if (typeof o.given !== "object" || o.given === null || Array.isArray(o.given)) throw new TypeError(`given must be an object such as { x1: 1, W: "[1, 2; 3, 4]" }, not ${described(o.given)}`);
    for (const [k, x] of Object.entries(o.given)) {
      if (typeof x !== "number" && typeof x !== "string") throw new TypeError(`given.${k} must be a number or a string in the expression language ("[1, 2; 3, 4]"), not ${described(x)}`);
    }
  });
  drop("prose", () => {
    if (o.prose !== undefined && !(Array.isArray(o.prose) && o.prose.every((p) => typeof p === "string"))) throw new TypeError(`prose must be an array of strings, not ${described(o.prose)}`);
  });
  drop("source", () => {
    if (o.source !== undefined && typeof o.source !== "string") throw new TypeError(`source must be a string such as "000 Q1.2(c)", not ${described(o.source)}`);
  });
  return { options: o as DerivationOptions, problems };
}
