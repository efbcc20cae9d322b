// Values as user code holds them (testing.md, "Values"): a number, (nested)
// JS arrays, a Float64Array/Float32Array with a shape (`tensor(data, shape)`),
// or any object with toArray() (a mathjs or ml-matrix Matrix, by duck typing:
// neither library is imported unless `as: "mathjs"` asks for it). Inside the
// kit every value is a Tensor of derive's core; `Form` remembers how a value
// came so that a perturbed copy goes back to user code the way it came.

import { createRequire } from "node:module";
import { DeriveError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import { tensorOfJs } from "../check/given-values.js";

/** A row-major typed array with its dimensions, as `tensor(data, shape)` builds it. */
export interface KitTensor {
  readonly data: Float64Array | Float32Array;
  readonly shape: readonly number[];
  /** nested arrays (a vector is flat), so a KitTensor is itself a value with toArray() */
  toArray(): unknown;
}

/** Anything the kit accepts where a value is expected (ml-matrix's Matrix has to2DArray() instead of toArray()). */
export type Value = number | readonly unknown[] | KitTensor | Float64Array | Float32Array | { toArray(): unknown } | { to2DArray(): number[][] };

/** How generated values are handed to user code. */
export type As = "array" | "tensor" | "mathjs";

/** `tensor(data, [n, m])`: a row-major Float64Array or Float32Array of that shape. */
export function tensor(data: Float64Array | Float32Array | readonly number[], shape: readonly number[]): KitTensor {
  const d = data instanceof Float64Array || data instanceof Float32Array ? data : Float64Array.from(data);
  if (!Array.isArray(shape) || shape.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`tensor: the shape must be a list of positive integers, not ${JSON.stringify(shape)}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (d.length !== size) throw new Error(`tensor: shape [${shape.join(", ")}] needs ${size} entries, but the data has ${d.length}`);
  const t: KitTensor = { data: d, shape: [...shape], toArray: () => nested(Float64Array.from(d), shape) };
  return t;
}

/** Is this a `tensor(...)` value (typed data and a shape)? */
export const isKitTensor = (v: unknown): v is KitTensor =>
  typeof v === "object" && v !== null && "data" in v && "shape" in v && (v.data instanceof Float64Array || v.data instanceof Float32Array) && Array.isArray(v.shape);

/**
 * How a user's value was written, to rebuild a changed copy of it:
 * `rebuild(t)` gives t in that form.
 */
export interface Form {
  rebuild(t: Tensor): unknown;
  /** the kind, for messages */
  kind: string;
}

/** A Tensor (and its form) from any accepted value; `where` names it in errors ("at.W", "the gradient of W"). */
export function readValue(v: unknown, where: string): { tensor: Tensor; form: Form } {
  if (typeof v === "number") return { tensor: jsTensor(v, where), form: { kind: "number", rebuild: (t) => t.data[0]! } };
  if (Array.isArray(v)) {
    const t = jsTensor(v, where);
    // a flat array stays flat (a vector declared `x: n`), nested arrays stay nested
    const flat = !Array.isArray(v[0]);
    const shape = (u: Tensor): readonly number[] => (v.length === 0 ? u.shape : dimsOfJs(v));
    return { tensor: t, form: { kind: "array", rebuild: (u) => (flat ? Array.from(u.data) : nested(u.data, shape(u))) } };
  }
  if (isKitTensor(v)) {
    const shape = v.shape.length === 1 ? [v.shape[0]!, 1] : v.shape.length === 0 ? [1, 1] : [...v.shape];
    checkFinite(v.data, where);
    const t = new Tensor(shape, Float64Array.from(v.data));
    // rebuilt in float64 whatever it came as: the finite differences need float64 steps
    return { tensor: t, form: { kind: "tensor", rebuild: (u) => tensor(Float64Array.from(u.data), v.shape) } };
  }
  if (v instanceof Float64Array || v instanceof Float32Array) {
    checkFinite(v, where);
    return { tensor: new Tensor([v.length, 1], Float64Array.from(v)), form: { kind: "typed array", rebuild: (u) => Float64Array.from(u.data) } };
  }
  const arr = arrayOfObject(v);
  if (arr !== undefined) {
    const t = jsTensor(arr as never, where);
    const flat = Array.isArray(arr) && !Array.isArray(arr[0]);
    const Ctor = (v as { constructor?: new (a: unknown) => unknown }).constructor;
    return {
      tensor: t,
      form: {
        kind: Ctor?.name ?? "object with toArray()",
        // a mathjs DenseMatrix and an ml-matrix Matrix are both built from nested arrays
        rebuild: (u) => {
          const data = flat ? Array.from(u.data) : nested(u.data, dimsOfJs(arr as unknown[]));
          try {
            return Ctor ? new Ctor(data) : data;
          } catch {
            return data;
          }
        },
      },
    };
  }
  throw new Error(`${where}: a value is a number, an array (a vector) or nested arrays (rows), tensor(data, shape), or an object with toArray() or to2DArray(), not ${v === null ? "null" : typeof v}`);
}

/**
 * The nested arrays of a matrix object: toArray() (mathjs; a KitTensor) or
 * to2DArray() (ml-matrix, whose Matrix has no toArray); undefined for anything else.
 */
function arrayOfObject(v: unknown): unknown[] | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as { toArray?: () => unknown; to2DArray?: () => unknown };
  const arr = typeof o.toArray === "function" ? o.toArray() : typeof o.to2DArray === "function" ? o.to2DArray() : undefined;
  return Array.isArray(arr) ? arr : undefined;
}

/** The dimensions of nested arrays, read down the first entries. */
function dimsOfJs(v: readonly unknown[]): number[] {
  const dims: number[] = [];
  for (let x: unknown = v; Array.isArray(x); x = x[0]) dims.push(x.length);
  return dims;
}

/** Just the tensor. */
export const toTensor = (v: unknown, where: string): Tensor => readValue(v, where).tensor;

function jsTensor(v: number | readonly unknown[], where: string): Tensor {
  try {
    return tensorOfJs(v, where)!;
  } catch (e) {
    if (e instanceof DeriveError) throw new Error(`${where}: ${e.detail}`);
    throw e;
  }
}

function checkFinite(d: ArrayLike<number>, where: string): void {
  for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k]!)) throw new Error(`${where}: entry ${k} is not finite (${d[k]})`);
}

/** Nested arrays of a row-major array of that shape ([n] gives a flat array, [n, 1] a column of rows). */
export function nested(d: ArrayLike<number>, shape: readonly number[]): unknown {
  if (shape.length === 0) return d[0];
  // plain loops: this runs for every finite-difference evaluation of a user's loss
  const go = (off: number, depth: number): unknown => {
    const n = shape[depth]!;
    const out = new Array<unknown>(n);
    if (depth === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = d[off + i];
      return out;
    }
    let step = 1;
    for (let k = depth + 1; k < shape.length; k++) step *= shape[k]!;
    for (let i = 0; i < n; i++) out[i] = go(off + i * step, depth + 1);
    return out;
  };
  return go(0, 0);
}

/**
 * A generated value as user code gets it. `vector`: declared `x: n` (a flat
 * array, a rank-1 tensor); scalars are always numbers.
 */
export function present(t: Tensor, kind: "scalar" | "vector" | "matrix", as: As = "array"): unknown {
  if (kind === "scalar") return t.data[0]!;
  const shape = kind === "vector" ? [t.size] : [...t.shape];
  if (as === "tensor") return tensor(Float64Array.from(t.data), shape);
  const arr = nested(t.data, shape);
  if (as === "mathjs") return mathjs().matrix(arr);
  return arr;
}

/** The form generated values take, so that perturbed copies look the same. */
export function formOf(kind: "scalar" | "vector" | "matrix", as: As): Form {
  return { kind: as, rebuild: (t) => present(t, kind, as) };
}

let mathjsModule: { matrix(a: unknown): unknown } | null = null;
/**
 * mathjs, loaded only when `as: "mathjs"` is asked for, from the user's own
 * installation (synchronously: an arbitrary's values are built synchronously).
 */
function mathjs(): { matrix(a: unknown): unknown } {
  if (mathjsModule) return mathjsModule;
  for (const base of [import.meta.url, `${process.cwd()}/package.json`]) {
    try {
      mathjsModule = createRequire(base)("mathjs") as { matrix(a: unknown): unknown };
      return mathjsModule;
    } catch {
      // try the next place
    }
  }
  throw new Error('as: "mathjs" needs the mathjs package, which is not installed: npm install mathjs');
}

/** Shape as a user reads it: `scalar`, `3`, `2 x 3`. */
export function showDims(t: Tensor): string {
  if (t.isScalar()) return "scalar";
  if (t.shape.length === 2 && t.cols === 1) return String(t.rows);
  return t.shape.join(" x ");
}

/** A value in the expression language, short: `[1, 2; 3, 4]`, 6 significant digits. */
export function showValue(t: Tensor, digits = 6): string {
  const f = (x: number): string => String(Number(x.toPrecision(digits)));
  if (t.isScalar()) return f(t.data[0]!);
  if (t.shape.length > 2) return `reshape([${Array.from(t.data, f).join(", ")}], ${t.shape.join(", ")})`;
  const rows: string[] = [];
  for (let i = 0; i < t.rows; i++) rows.push(Array.from(t.data.subarray(i * t.cols, (i + 1) * t.cols), f).join(", "));
  return `[${rows.join("; ")}]`;
}

/** A 0-based index into a value of that shape: [] for a scalar, [i] for a vector, [i, j] for a matrix. */
export function indexOf(t: Tensor, k: number): number[] {
  if (t.isScalar()) return [];
  if (t.shape.length === 2 && t.cols === 1) return [k];
  const out: number[] = [];
  let rest = k;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    out.unshift(rest % t.shape[d]!);
    rest = Math.floor(rest / t.shape[d]!);
  }
  return out;
}

/** `W[1][0]`, `x[2]`, `t`: an entry as user code indexes it (0-based). */
export const showEntry = (name: string, index: readonly number[]): string => name + index.map((i) => `[${i}]`).join("");
