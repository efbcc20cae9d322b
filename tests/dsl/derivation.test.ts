// What `derivation(...)` records (src/dsl/derivation.ts): steps, chains,
// defines and argmin steps, each with the file and line of its call; mistakes
// are recorded as errors, never thrown out of the file.

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Derivation, type Entry, derivation, isDerivation } from "../../src/dsl/derivation.js";
import { lineOf } from "./lines.js";

const here = fileURLToPath(import.meta.url);
const claims = (d: Derivation): string[] => d.entries.filter((e) => e.kind === "claim").map((e) => e.claim);
const kinds = (d: Derivation): Entry["kind"][] => d.entries.map((e) => e.kind);

describe("derivation()", () => {
  it("records the file and line of every call", () => {
    const d = derivation("lines", { let: { A: "n x n" } }, (b) => { // @site-derivation
      b.step("tr(A) = tr(A')"); // @site-step
      b.chain("A", "A''", "(A')'"); // @site-chain
      b.define("s = tr(A)"); // @site-define
      b.argmin("A", "tr(A' * A)", "2 * tr(A' * A)"); // @site-argmin
    });
    expect(d.site).toEqual({ file: here, line: lineOf(here, "site-derivation") });
    const lines = d.entries.map((e) => [e.kind, e.site.file === here, e.site.line]);
    expect(lines).toEqual([
      ["claim", true, lineOf(here, "site-step")],
      ["claim", true, lineOf(here, "site-chain")],
      ["claim", true, lineOf(here, "site-chain")],
      ["define", true, lineOf(here, "site-define")],
      ["argmin", true, lineOf(here, "site-argmin")],
    ]);
  });

  it("keeps the line when the builder's methods are destructured", () => {
    const d = derivation("destructured", ({ step }) => {
      step("1 = 1"); // @site-destructured
    });
    expect(d.entries[0]!.site.line).toBe(lineOf(here, "site-destructured"));
  });

  it("gives identical claims on consecutive lines each its own line", () => {
    const d = derivation("twins", { let: { x: "n" } }, (b) => {
      b.step("x' * x >= 0"); // @twin-1
      b.step("x' * x >= 0"); // @twin-2
      b.step("x' * x >= 0"); // @twin-3
    });
    expect(d.entries.map((e) => e.site.line)).toEqual([lineOf(here, "twin-1"), lineOf(here, "twin-2"), lineOf(here, "twin-3")]);
  });

  it("gives a step repeated in a loop the line of the loop's call", () => {
    const d = derivation("loop", (b) => {
      for (let k = 0; k < 3; k++) b.step("1 + 1 = 2"); // @loop-step
    });
    expect(d.entries.map((e) => e.site.line)).toEqual([1, 2, 3].map(() => lineOf(here, "loop-step")));
  });

  it("turns a chain into one step per consecutive pair, with its options", () => {
    const d = derivation("chain", (b) => {
      b.chain("a", "b", "c", "d", { expect: "refuted", note: "n" });
    });
    expect(claims(d)).toEqual(["a = b", "b = c", "c = d"]);
    expect(d.entries.every((e) => e.opts.expect === "refuted" && e.opts.note === "n")).toBe(true);
  });

  it("expands defines into later claims, and only later ones", () => {
    const d = derivation("defines", { given: { x1: 1, w1: 0.1, b1: 0.3 } }, (b) => {
      b.step("z1 = 0.4");
      b.define("z1 = w1 * x1 + b1");
      b.define("L = 1/2 * (sigmoid(z1) - 1)^2");
      b.define("f(x) = x^2 + z1");
      b.step("diff(L, w1) ≈ -0.1");
      b.step("f(L) = 1");
    });
    const expanded = d.entries.filter((e): e is Extract<Entry, { kind: "claim" }> => e.kind === "claim").map((e) => e.expanded);
    expect(expanded).toEqual([
      "z1 = 0.4",
      "diff((1/2 * (sigmoid((w1 * x1 + b1)) - 1)^2), w1) ≈ -0.1",
      "(((1/2 * (sigmoid((w1 * x1 + b1)) - 1)^2))^2 + (w1 * x1 + b1)) = 1",
    ]);
    expect(d.defines.map((x) => x.name)).toEqual(["z1", "L", "f"]);
  });

  it("lets a parameter hide a define of the same name", () => {
    const d = derivation("shadow", (b) => {
      b.define("x = 5");
      b.define("f(x) = x + 1");
      b.step("f(2) = 3");
    });
    const step = d.entries.find((e) => e.kind === "claim") as Extract<Entry, { kind: "claim" }>;
    expect(step.expanded).toBe("((2) + 1) = 3");
  });

  it("records a bad define, a redefinition or a clash with a given name as an error at its line", () => {
    const d = derivation("bad defines", { given: { w: 1 }, let: { X: "n x n" } }, (b) => {
      b.define("3 = x"); // @bad-define
      b.define("w = 2");
      b.define("X = 2");
      b.define("y = 1");
      b.define("y = 2");
    });
    const errors = d.entries.filter((e): e is Extract<Entry, { kind: "error" }> => e.kind === "error");
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/starts with the name/),
      "w is a given value; a define needs a new name",
      "X is declared in let; a define needs a new name",
      "y is already defined; a define needs a new name",
    ]);
    expect(errors[0]!.site.line).toBe(lineOf(here, "bad-define"));
  });

  it("records a non-string argument as the file's error at the line of the call, never an engine error", () => {
    // what a JavaScript caller (or a cast) can pass, whatever the types say
    const any = (v: unknown): never => v as never;
    const d = derivation("wrong arguments", { let: { x: "n" } }, (b) => {
      b.step(any(42)); // @arg-step
      b.chain("1", any(2), "1"); // @arg-chain
      b.define(any(7)); // @arg-define
      b.argmin("w", any(3), "w^2"); // @arg-argmin
      b.argmin(any(null), "w^2", "w^2");
      b.recurrence(any(null));
    });
    const errors = d.entries.filter((e): e is Extract<Entry, { kind: "error" }> => e.kind === "error");
    expect(errors.map((e) => e.message)).toEqual([
      "the claim of d.step must be a string in the expression language, not a number (42)",
      "expression 2 of d.chain must be a string in the expression language, not a number (2)",
      'd.define takes a string such as "z1 = w1 * x1 + b1", not a number (7)',
      "the first function of d.argmin must be a string in the expression language, not a number (3)",
      "the variable of d.argmin must be a string in the expression language, not null",
      "recurrence({ name, index, init, step, closed }) takes an object",
    ]);
    expect(errors.every((e) => !/engine|internal/.test(e.message))).toBe(true);
    expect(errors.slice(0, 4).map((e) => e.site.line)).toEqual(["arg-step", "arg-chain", "arg-define", "arg-argmin"].map((m) => lineOf(here, m)));
  });

  it("reports bad derivation options at the derivation's line and keeps the good declarations", () => {
    const d = derivation("bad options", { let: { x: "n", B: 5 as never }, given: { w: [1, 2] as never } }, (b) => { // @bad-options
      b.step("x' * x >= 0");
    });
    const errors = d.entries.filter((e): e is Extract<Entry, { kind: "error" }> => e.kind === "error");
    expect(errors.map((e) => [e.message, e.site.line])).toEqual([
      ['let.B must be a string such as "n x n", not a number (5)', lineOf(here, "bad-options")],
      ['given.w must be a number or a string in the expression language ("[1, 2; 3, 4]"), not an array', lineOf(here, "bad-options")],
    ]);
    expect(d.let).toEqual({ x: "n" });
    expect(d.given).toEqual({});
  });

  it("records a body that throws as an error at the line of the throw, after the steps before it", () => {
    const d = derivation("throws", (b) => {
      b.step("1 = 1");
      throw new Error("gave up"); // @body-throw
    });
    expect(kinds(d)).toEqual(["claim", "error"]);
    const err = d.entries[1] as Extract<Entry, { kind: "error" }>;
    expect(err.message).toBe("the body threw: gave up");
    expect(err.site.line).toBe(lineOf(here, "body-throw"));
  });

  it("records a misuse of a function define as that step's error", () => {
    const d = derivation("misuse", (b) => {
      b.define("f(x) = x");
      b.step("f + 1 = 2");
    });
    expect(kinds(d)).toEqual(["define", "error"]);
  });

  it("keeps options, prose and source, and is recognisable as a derivation", () => {
    const d = derivation("meta", { source: "004 Q13", prose: ["Q3: essay"], let: { X: "n x n" }, given: { t: "[1, 2]" } }, (b) => {
      b.step("1 = 1", { source: "004 Q13b", expect: "proved", skip: "later" });
    });
    expect(isDerivation(d)).toBe(true);
    expect(isDerivation({ title: "x" })).toBe(false);
    expect(d.source).toBe("004 Q13");
    expect(d.prose).toEqual(["Q3: essay"]);
    expect(d.given).toEqual({ t: "[1, 2]" });
    expect(d.entries[0]!.opts).toEqual({ source: "004 Q13b", expect: "proved", skip: "later" });
    expect(Object.isFrozen(d)).toBe(true);
  });

  it("refuses a call without a title or a body (a mistake in the file itself)", () => {
    expect(() => derivation("", () => {})).toThrow(/title/);
    expect(() => (derivation as unknown as (t: string, o: object) => Derivation)("t", {})).toThrow(/body/);
  });

  it("records an argmin step with its objectives expanded", () => {
    const d = derivation("argmin", (b) => {
      b.define("r = X * w - y");
      b.argmin("w", "r' * r / 2", "r' * r");
    });
    const a = d.entries[1] as Extract<Entry, { kind: "argmin" }>;
    expect(a.claim).toBe("argmin_w r' * r / 2 = argmin_w r' * r");
    expect(a.f).toBe("(X * w - y)' * (X * w - y) / 2");
    expect(a.g).toBe("(X * w - y)' * (X * w - y)");
  });
});
