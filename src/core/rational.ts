// Exact rational numbers (BigInt numerator and denominator, always reduced,
// denominator positive) for the proofs of claims about given numbers
// (src/numeric/exact.ts): `0.3 * 0 + 0.2 * 1 + 0.2 = 0.4` holds exactly, while
// float64 only says "within 1e-6". Decimal literals are read as written
// (0.3 is 3/10, not the double nearest it). The symbolic judge keeps its own
// coefficient class (symbolic/rational.ts): the two judges share no arithmetic.

export class Rational {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(n: bigint, d: bigint = 1n): Rational {
    if (d === 0n) throw new RangeError("division by zero");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  static int(k: number | bigint): Rational {
    return new Rational(BigInt(k), 1n);
  }

  /** The value of a decimal literal as written (`0.65`, `1e-3`, `-2.5`); null if the text is not one. */
  static decimal(text: string): Rational | null {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
    const frac = m[3] ?? "";
    const exp = Number(m[4] ?? 0) - frac.length;
    // 10^400 is past every finite double: such a literal is not a number the language holds
    if (Math.abs(exp) > 400) return null;
    const digits = BigInt((m[2] || "0") + frac) * (m[1] === "-" ? -1n : 1n);
    return exp >= 0 ? Rational.of(digits * 10n ** BigInt(exp)) : Rational.of(digits, 10n ** BigInt(-exp));
  }

  /** The exact value of a double (every finite double is a dyadic rational); null for NaN and ±Infinity. */
  static ofDouble(x: number): Rational | null {
    if (!Number.isFinite(x)) return null;
    if (Number.isInteger(x)) return Rational.int(BigInt(x));
    let e = 0n;
    // doubling is exact for a double that is not an integer (it cannot overflow); at most 1074 steps
    while (!Number.isInteger(x)) {
      x *= 2;
      e++;
    }
    return Rational.of(BigInt(x), 1n << e);
  }

  /**
   * A number the author typed as a JavaScript value (a given value `w1: 0.1`):
   * read through its shortest decimal text, which is what was written in the source.
   */
  static ofWritten(x: number): Rational | null {
    if (!Number.isFinite(x)) return null;
    return Rational.decimal(String(x));
  }

  add(o: Rational): Rational {
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }
  div(o: Rational): Rational {
    return Rational.of(this.n * o.d, this.d * o.n);
  }
  neg(): Rational {
    return new Rational(-this.n, this.d);
  }
  abs(): Rational {
    return this.n < 0n ? this.neg() : this;
  }
  /** this^k for an integer k (a negative k needs a non-zero base). */
  pow(k: number): Rational {
    if (k < 0) return Rational.ONE.div(this.pow(-k));
    const e = BigInt(k);
    return Rational.of(this.n ** e, this.d ** e);
  }
  sign(): -1 | 0 | 1 {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.n === o.n && this.d === o.d;
  }
  isInteger(): boolean {
    return this.d === 1n;
  }
  /** The largest integer at most this. */
  floor(): Rational {
    const q = this.n / this.d; // BigInt division truncates towards zero
    return Rational.int(this.n < 0n && q * this.d !== this.n ? q - 1n : q);
  }
  ceil(): Rational {
    return this.neg().floor().neg();
  }
  /** The nearest double (not always correctly rounded: the interval layer widens it and checks). */
  toNumber(): number {
    const n = Number(this.n);
    const d = Number(this.d);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // both huge: shift them down together so that the quotient survives
    const shift = BigInt(Math.max(bitLength(this.n < 0n ? -this.n : this.n), bitLength(this.d)) - 1000);
    return Number(this.n >> shift) / Number(this.d >> shift);
  }
  /** `7/10`, `-3`, as the language reads it back. */
  toString(): string {
    return this.d === 1n ? String(this.n) : `${this.n}/${this.d}`;
  }
  /** The square root when it is rational (both parts perfect squares), else null. */
  sqrt(): Rational | null {
    if (this.n < 0n) return null;
    const a = isqrt(this.n);
    const b = isqrt(this.d);
    return a * a === this.n && b * b === this.d ? Rational.of(a, b) : null;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function bitLength(a: bigint): number {
  return a.toString(2).length;
}

function isqrt(a: bigint): bigint {
  if (a < 2n) return a;
  let x = BigInt(Math.floor(Math.sqrt(Number(a))));
  // Newton steps from the float estimate, then fix the last unit
  for (let k = 0; k < 200; k++) {
    const y = (x + a / x) >> 1n;
    if (y === x || y === x + 1n || y === x - 1n) {
      x = y;
      break;
    }
    x = y;
  }
  while (x * x > a) x--;
  while ((x + 1n) * (x + 1n) <= a) x++;
  return x;
}
