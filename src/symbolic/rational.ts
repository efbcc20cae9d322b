// Exact rational coefficients for the normal form. Floating coefficients
// would let `x = 1.0000000000001 * x` be "proved"; with exact arithmetic a
// proof is a proof. Decimal literals (`0.65`, `1e-3`) convert exactly.

export class Q {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Q(0n, 1n);
  static readonly ONE = new Q(1n, 1n);
  static readonly MINUS_ONE = new Q(-1n, 1n);

  static of(n: bigint, d: bigint = 1n): Q {
    if (d === 0n) throw new RangeError("division by zero");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Q(n, d) : new Q(n / g, d / g);
  }

  static int(k: number): Q {
    return Q.of(BigInt(k));
  }

  /** Exact value of a decimal literal's text (`0.65`, `1e-3`, `2`); null if not decimal. */
  static parse(text: string): Q | null {
    const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[1] === "" && (m[2] ?? "") === "")) return null;
    const frac = m[2] ?? "";
    const exp = Number(m[3] ?? 0) - frac.length;
    if (Math.abs(exp) > 400) return null;
    const digits = BigInt((m[1] || "0") + frac);
    return exp >= 0 ? Q.of(digits * 10n ** BigInt(exp)) : Q.of(digits, 10n ** BigInt(-exp));
  }

  /** Exact value of a double (every finite double is a dyadic rational). */
  static fromNumber(x: number): Q {
    if (!Number.isFinite(x)) throw new RangeError("not finite");
    if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return Q.of(BigInt(x));
    return Q.parse(Math.abs(x).toString())!.mul(x < 0 ? Q.MINUS_ONE : Q.ONE);
  }

  add(o: Q): Q {
    return Q.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Q): Q {
    return this.add(o.neg());
  }

  mul(o: Q): Q {
    return Q.of(this.n * o.n, this.d * o.d);
  }

  div(o: Q): Q {
    return Q.of(this.n * o.d, this.d * o.n);
  }

  neg(): Q {
    return new Q(-this.n, this.d);
  }

  inv(): Q {
    return Q.of(this.d, this.n);
  }

  /** integer power (negative allowed) */
  pow(k: number): Q {
    let r: Q = Q.ONE;
    const b = k < 0 ? this.inv() : this;
    for (let i = 0; i < Math.abs(k); i++) r = r.mul(b);
    return r;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  isOne(): boolean {
    return this.n === 1n && this.d === 1n;
  }

  isInteger(): boolean {
    return this.d === 1n;
  }

  isNegative(): boolean {
    return this.n < 0n;
  }

  equals(o: Q): boolean {
    return this.n === o.n && this.d === o.d;
  }

  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }

  /** Text in the expression language: `3`, `1/2`, or a decimal when exact and short. */
  toString(): string {
    if (this.d === 1n) return this.n.toString();
    return `${this.n}/${this.d}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
