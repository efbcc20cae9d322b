// Any value the kit accepts (testing.md, "Values"), flattened to a shape and
// row-major entries so that two of them can be compared entry by entry: a
// number, a (nested) array, a Float64Array/Float32Array with a shape (what
// tensor() makes, or { data, shape }), an object with toArray() (mathjs,
// ml-matrix), derive's own Tensor. Duck-typed, so no optional library is
// imported here.

export interface Dense {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

/** The value as shape + entries; throws a one-line TypeError when it is none of the accepted forms. */
export function dense(v: unknown, what = "value"): Dense {
  if (typeof v === "number") return { shape: [], data: [v] };
  if (typeof v === "bigint") return { shape: [], data: [Number(v)] };
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const data = Array.from(v as unknown as ArrayLike<number>, Number);
    const shape = (v as { shape?: unknown }).shape;
    return { shape: isShape(shape) ? checked(shape, data.length, what) : [data.length], data };
  }
  if (Array.isArray(v)) return nested(v, what);
  if (typeof v === "object" && v !== null) {
    const o = v as { data?: unknown; shape?: unknown; toArray?: unknown };
    if (isShape(o.shape) && o.data !== undefined && (ArrayBuffer.isView(o.data) || Array.isArray(o.data))) {
      const data = Array.from(o.data as ArrayLike<number>, Number);
      return { shape: checked(o.shape, data.length, what), data };
    }
    if (typeof o.toArray === "function") return dense((o.toArray as () => unknown).call(v), what);
  }
  throw new TypeError(`${what} is not a number, an array, a tensor(data, shape) or an object with toArray(): ${String(v).slice(0, 60)}`);
}

function isShape(s: unknown): s is number[] {
  return Array.isArray(s) && s.every((d) => Number.isInteger(d) && d >= 0);
}

function checked(shape: readonly number[], size: number, what: string): number[] {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n !== size) throw new TypeError(`${what} has shape [${shape.join(", ")}] (${n} entries) but holds ${size} numbers`);
  return [...shape];
}

/** A nested array must be rectangular: [[1, 2], [3]] is an error, not a 2 x 2 matrix with a hole. */
function nested(v: readonly unknown[], what: string): Dense {
  const shape: number[] = [];
  for (let level: unknown = v; Array.isArray(level); level = level[0]) shape.push(level.length);
  const data: number[] = [];
  const walk = (x: unknown, depth: number, at: string): void => {
    if (depth === shape.length) {
      const num = typeof x === "number" ? x : typeof x === "object" && x !== null && typeof (x as { valueOf(): unknown }).valueOf() === "number" ? Number(x) : NaN;
      if (typeof x !== "number" && Number.isNaN(num)) throw new TypeError(`${what}${at} is not a number: ${String(x).slice(0, 40)}`);
      data.push(num);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) throw new TypeError(`${what} is not rectangular: ${what}${at} should be an array of ${shape[depth]}`);
    x.forEach((y, i) => walk(y, depth + 1, `${at}[${i}]`));
  };
  walk(v, 0, "");
  return { shape, data };
}

/** The shape without its size-1 dimensions: a flat vector of n, an n x 1 column and a 1 x n row are the same values. */
export function squeezed(shape: readonly number[]): number[] {
  return shape.filter((d) => d !== 1);
}

/** `[1][2]`: a flat index as JavaScript indexing into the nested array of that shape. */
export function indexText(flat: number, shape: readonly number[]): string {
  if (shape.length === 0) return "";
  const idx: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    idx.unshift(flat % shape[k]!);
    flat = Math.floor(flat / shape[k]!);
  }
  return idx.map((i) => `[${i}]`).join("");
}
