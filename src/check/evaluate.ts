// `derive eval`: the value of an expression at given values (`--at X=[1,2;3,4]`)
// or, for names without a given value, at a random sample.

import { withDeadline } from "../core/deadline.js";
import { DeriveError, asDeriveError, located } from "../core/errors.js";
import { type Dim, SCALAR, dimNames, sameShape, shape, showShape, tensorShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Declaration, TNode } from "../core/typed.js";
import { Evaluator, InvalidSample } from "../numeric/evaluate.js";
import { holds } from "../numeric/properties.js";
import { Random } from "../numeric/random.js";
import { drawSizes, drawValue } from "../numeric/sampler.js";
import { parseExpr } from "../parse/parser.js";
import { printExpr } from "../parse/print.js";
import { Resolver } from "../parse/resolve.js";
import { Scope } from "../parse/scope.js";
import { type Declarations, declarationList, timeoutProblem } from "./claim.js";
import { type JsonValue, toJson, toText } from "./values.js";
import { type GivenValue, tensorOfJs } from "./given-values.js";
import { momentsForEval, withMoments } from "./statistical.js";

export interface EvaluateOptions {
  expr: string;
  let?: Declarations;
  /**
   * given values: a string in the expression language ({ X: "[1, 2; 3, 4]" }),
   * a number, a flat array for a vector ([1, 2, 3]) or nested arrays, the rows
   * of a matrix ([[1, 2], [3, 4]])
   */
  at?: Readonly<Record<string, GivenValue>>;
  seed?: number;
  /** how a message names a given value: `at.X` (the library) unless told (the CLI says `--at X`) */
  nameAt?: (name: string) => string;
  /** give up after this many seconds: an error "timed out after N s" */
  timeout?: number;
}

export interface EvaluateResult {
  value: JsonValue | null;
  /** the value in the expression language */
  text: string | null;
  /** [rows, cols] (for a tensor of rank > 2, its last two dimensions) */
  shape: [number, number] | null;
  /** every dimension of a tensor of rank > 2 (absent otherwise) */
  tensorShape?: number[];
  dims: Record<string, number>;
  /** every variable's value, given or drawn */
  values: Record<string, JsonValue>;
  /** names whose values were drawn at random */
  sampled: string[];
  /** dimension names whose sizes were drawn at random */
  sampledDims: string[];
  /** how parts of the value were reached, where it matters (a Monte Carlo estimate and its standard error) */
  notes: string[];
  assumptions: string[];
  seed: number;
  error: { message: string; position: number | null } | null;
}

const MAX_REDRAWS = 50;

export function evaluateExpression(opts: EvaluateOptions, seed: number): EvaluateResult {
  const out: EvaluateResult = { value: null, text: null, shape: null, dims: {}, values: {}, sampled: [], sampledDims: [], notes: [], assumptions: [], seed, error: null };
  const bad = timeoutProblem(opts.timeout);
  if (bad) {
    out.error = { message: bad.message, position: null };
    return out;
  }
  return withDeadline(opts.timeout, undefined, () => evaluateNow(opts, out));
}

function evaluateNow(opts: EvaluateOptions, out: EvaluateResult): EvaluateResult {
  const seed = out.seed;
  try {
    const label = opts.nameAt ?? ((name: string) => `at.${name}`);
    const given = parseGiven(opts.at ?? {}, label);
    const base = Scope.parse(declarationList(opts.let));
    // `--at n=3` for a dimension name (not a variable) sets that size
    const sizeGiven = new Map<string, number>();
    for (const [name, v] of [...given]) {
      if (base.decls.has(name) || !base.dims.has(name)) continue;
      const k = v.isScalar() ? v.scalar() : NaN;
      if (!Number.isInteger(k) || k < 1 || k > 100_000) throw new DeriveError("value", `${name} is a dimension: its value must be a positive integer, not ${toText(v, 6)}`, null, label(name));
      sizeGiven.set(name, k);
      given.delete(name);
    }
    // a name given a value but not declared takes the value's (concrete) shape
    const extra: Declaration[] = [];
    for (const [name, v] of given) {
      if (!base.decls.has(name)) extra.push({ name, shape: v.shape.length > 2 ? tensorShape(v.shape) : shape(v.rows, v.cols), properties: [], origin: label(name) });
    }
    const scope = new Scope([...base.decls.values(), ...extra]);
    const tree = located("expression", () => parseExpr(opts.expr, { isVariable: scope.isVariable }));
    const resolver = new Resolver(scope);
    const node = located("expression", () => resolver.resolve(tree));
    out.assumptions = [...resolver.assumptions.keys()].map((n) => `${n}: scalar`);
    const fixed = fixSizes(scope, given, label);
    for (const [d, k] of sizeGiven) {
      if (fixed.has(d) && fixed.get(d) !== k) throw new DeriveError("value", `${d} is given as ${k}, but a given value makes ${d} = ${fixed.get(d)}`, null, label(d));
      fixed.set(d, k);
    }
    const rng = new Random(seed);
    const vars = new Set<string>();
    const visit = (n: TNode): void => {
      if (n.op === "sym" && !resolver.boundNames.has(n.name!)) vars.add(n.name!);
      n.args.forEach(visit);
    };
    visit(node);
    const notes: string[] = [];
    const random = momentsForEval(scope, resolver, seed, vars, node, notes);
    for (let attempt = 0; ; attempt++) {
      const free = [...resolver.dims].filter((d) => !fixed.has(d));
      const sizes = new Map([...fixed, ...drawSizes(free, resolver.minDims, rng, true)]);
      const values = new Map<string, Tensor>();
      const sampled: string[] = [];
      const lawful: string[] = [];
      for (const v of vars) {
        const g = given.get(v);
        if (g) values.set(v, g);
        else if (random?.model.isRandom(v)) lawful.push(v);
        else {
          const d = scope.decls.get(v);
          values.set(v, d ? drawValue(d, sizes, rng, attempt) : drawValue({ name: v, shape: SCALAR, properties: [], origin: v }, sizes, rng));
          sampled.push(v);
        }
      }
      try {
        const ev = withMoments(new Evaluator({ sizes, values }), random?.moments ?? null);
        // a random name outside the moments is drawn from its law, once its parameters have values
        for (const v of lawful) {
          values.set(v, random!.model.draw(ev, v, rng));
          sampled.push(v);
        }
        const value = ev.evaluate(node);
        if (!value.allFinite()) {
          if (sampled.length > 0 && attempt < MAX_REDRAWS) continue;
          throw new DeriveError("value", `the value is not finite (${toText(value, 6)}): the expression is undefined here`);
        }
        out.value = toJson(value);
        out.text = toText(value);
        out.shape = [value.rows, value.cols];
        if (value.isTensor) out.tensorShape = [...value.shape];
        for (const [k, s] of sizes) out.dims[k] = s;
        for (const [k, v] of values) out.values[k] = toJson(v);
        out.sampled = sampled;
        out.sampledDims = free;
        out.notes = [...new Set(notes)];
        return out;
      } catch (e) {
        // a random draw may land where the expression is undefined; given values may not
        if (!(e instanceof InvalidSample) || sampled.length === 0 || attempt >= MAX_REDRAWS) {
          if (e instanceof InvalidSample) throw new DeriveError("value", `cannot evaluate ${printExpr(tree)} here: ${e.message}`);
          throw e;
        }
      }
    }
  } catch (e) {
    const err = asDeriveError(e);
    out.error = { message: err.message, position: err.position };
    return out;
  }
}


/** Given values: JavaScript numbers and arrays, or expressions of numbers (`[1, 2; 3, 4]`, `0.5`, `pi/2`). */
function parseGiven(at: Readonly<Record<string, GivenValue>>, label: (name: string) => string): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  const empty = new Scope([]);
  if (typeof at !== "object" || at === null || Array.isArray(at)) throw new DeriveError("value", "at must be an object of given values, such as { X: [[1, 2], [3, 4]], x: [1, 2], t: 0.5 }");
  for (const [name, raw] of Object.entries(at)) {
    const where = label(name);
    const js = tensorOfJs(raw, where);
    if (js) {
      out.set(name, js);
      continue;
    }
    const src = String(raw);
    const r = new Resolver(empty);
    const node = located(where, () => r.resolve(parseExpr(src)));
    if (r.assumptions.size > 0) throw new DeriveError("value", `a value must be numbers only, not ${[...r.assumptions.keys()].join(", ")}`, null, where);
    const v = new Evaluator({ sizes: new Map(), values: new Map() }).evaluate(node);
    if (!v.allFinite()) throw new DeriveError("value", `the value of ${name} is not finite (NaN or Inf)`, null, where);
    out.set(name, v);
  }
  return out;
}

/** Sizes that the given values fix, checked against the declarations. */
function fixSizes(scope: Scope, given: Map<string, Tensor>, label: (name: string) => string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [name, v] of given) {
    const d = scope.decls.get(name)!;
    let t = v;
    // a vector may be written as a row: [1, 2, 3]
    if (d.shape.cols === 1 && d.shape.rows !== 1 && v.rows === 1 && v.cols > 1 && !d.shape.lead && !v.isTensor) {
      t = new Tensor([v.cols, 1], v.data.slice());
      given.set(name, t);
    }
    const bind = (dim: Dim, n: number): void => {
      if (typeof dim === "number") {
        if (dim !== n) throw mismatch(d, t, label);
        return;
      }
      if (dimNames(dim).length !== 1) throw new DeriveError("value", `cannot give a value to ${name} of size ${showShape(d.shape)}`, null, label(name));
      const prev = sizes.get(dim);
      if (prev !== undefined && prev !== n) throw new DeriveError("value", `${name} makes ${dim} = ${n}, but another value makes it ${prev}`, null, label(name));
      sizes.set(dim, n);
    };
    // a rank > 2 value (reshape(...)) binds its leading dimensions too, and only a tensor of that rank fits
    const lead = d.shape.lead ?? [];
    if (t.shape.length > 2 !== lead.length > 0 || (lead.length > 0 && t.shape.length !== lead.length + 2)) throw mismatch(d, t, label);
    lead.forEach((dim, k) => bind(dim, t.shape[k]!));
    bind(d.shape.rows, t.rows);
    bind(d.shape.cols, t.cols);
    for (const p of d.properties) {
      if (!holds(p, t, d.properties)) throw new DeriveError("value", `${name} is declared ${p}, but the given value ${toText(t, 6)} is not`, null, label(name));
    }
  }
  return sizes;
}

function mismatch(d: Declaration, t: Tensor, label: (name: string) => string): DeriveError {
  const got = sameShape(d.shape, SCALAR) ? "scalar" : t.shape.length > 2 ? t.shape.join(" x ") : `${t.rows} x ${t.cols}`;
  return new DeriveError("value", `${d.name} is declared ${showShape(d.shape)} but the value is ${got}`, null, label(d.name));
}
