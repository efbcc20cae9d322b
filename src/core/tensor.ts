// Dense Float64 tensors, row-major (PyTorch's layout). Matrices are rank 2 (a
// scalar is 1 x 1, a column vector n x 1); convolution operands are rank 3 or
// 4 (N x C x H x W), whose rank-2 view (rows, cols, get) is the last two
// dimensions, matching Shape's { lead, rows, cols }.

export class Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;

  constructor(shape: readonly number[], data?: Float64Array) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (data && data.length !== size) {
      throw new RangeError(`tensor of shape ${shape.join("x")} needs ${size} entries, got ${data.length}`);
    }
    this.shape = shape;
    this.data = data ?? new Float64Array(size);
  }

  /** Rows of the rank-2 view (rank 0 and 1 count as 1 x 1 and n x 1). */
  get rows(): number {
    const r = this.shape.length;
    return r === 0 ? 1 : r <= 2 ? this.shape[0]! : this.shape[r - 2]!;
  }

  get cols(): number {
    const r = this.shape.length;
    return r < 2 ? 1 : r === 2 ? this.shape[1]! : this.shape[r - 1]!;
  }

  /** Rank above 2 (leading dimensions before rows x cols). */
  get isTensor(): boolean {
    return this.shape.length > 2;
  }

  get size(): number {
    return this.data.length;
  }

  isScalar(): boolean {
    return this.data.length === 1 && this.rows === 1 && this.cols === 1;
  }

  /** Entry (i, j), 0-based, of the rank-2 view. */
  get(i: number, j = 0): number {
    return this.data[i * this.cols + j]!;
  }

  /** The single value of a 1 x 1 tensor. */
  scalar(): number {
    return this.data[0]!;
  }

  static matrix(rows: number, cols: number, data?: Float64Array): Tensor {
    return new Tensor([rows, cols], data);
  }

  static zeros(rows: number, cols = 1): Tensor {
    return new Tensor([rows, cols]);
  }

  static filled(rows: number, cols: number, value: number): Tensor {
    return new Tensor([rows, cols], new Float64Array(rows * cols).fill(value));
  }

  static eye(n: number): Tensor {
    const t = new Tensor([n, n]);
    for (let i = 0; i < n; i++) t.data[i * n + i] = 1;
    return t;
  }

  static scalar(v: number): Tensor {
    return new Tensor([1, 1], Float64Array.of(v));
  }

  /** From a list of rows (each a list of numbers), as written `[1, 2; 3, 4]`. */
  static fromRows(rows: readonly (readonly number[])[]): Tensor {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0]!.length;
    const t = new Tensor([r, c]);
    for (let i = 0; i < r; i++) {
      const row = rows[i]!;
      if (row.length !== c) throw new RangeError("rows of different lengths");
      for (let j = 0; j < c; j++) t.data[i * c + j] = row[j]!;
    }
    return t;
  }

  /** A column vector. */
  static column(values: readonly number[]): Tensor {
    return new Tensor([values.length, 1], Float64Array.from(values));
  }

  toRows(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  map(f: (v: number) => number): Tensor {
    const out = new Float64Array(this.data.length);
    for (let k = 0; k < out.length; k++) out[k] = f(this.data[k]!);
    return new Tensor(this.shape, out);
  }

  allFinite(): boolean {
    for (let k = 0; k < this.data.length; k++) if (!Number.isFinite(this.data[k]!)) return false;
    return true;
  }

  /** Largest absolute entry (0 for an empty tensor). */
  maxAbs(): number {
    let m = 0;
    for (let k = 0; k < this.data.length; k++) {
      const a = Math.abs(this.data[k]!);
      if (a > m) m = a;
    }
    return m;
  }
}
