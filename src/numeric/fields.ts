// The two number systems a claim about given numbers can be proved in
// (./exact.ts): exact rationals, where only + - * / integer powers and integer
// functions occur, and rigorous intervals (core/interval.ts) where exp, log,
// sqrt, sigmoid, tanh, softplus occur. The evaluator is written once over a
// Field; each field says what it can do, and throws Undecided where it cannot
// (a transcendental value in the rationals, a division by an interval around 0).

import * as I from "../core/interval.js";
import { type Interval, Undecided } from "../core/interval.js";
import { Rational } from "../core/rational.js";

export { Undecided };

export interface Field<T> {
  readonly name: "exact" | "interval";
  /** a decimal literal, as written */
  literal(text: string): T;
  rational(r: Rational): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  powInt(a: T, k: number): T;
  /** -1, 0, 1 when certain, else null */
  sign(a: T): -1 | 0 | 1 | null;
  /** the exact integer value when certain (indices, sizes, bounds), else null */
  integer(a: T): number | null;
  floor(a: T): T;
  ceil(a: T): T;
  abs(a: T): T;
  /** an elementwise function (exp, log, sqrt, sigmoid, tanh, softplus, relu, ...) */
  unary(name: string, a: T): T;
  /** e, pi */
  constant(name: string): T;
  /** the exact rational value when the field knows it, else null */
  toRational(a: T): Rational | null;
}

export const EXACT: Field<Rational> = {
  name: "exact",
  literal: (text) => Rational.decimal(text) ?? undecided(`not a decimal: ${text}`),
  rational: (r) => r,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => (b.sign() === 0 ? undecided("division by 0") : a.div(b)),
  neg: (a) => a.neg(),
  powInt: (a, k) => {
    if (k < 0 && a.sign() === 0) undecided("0 to a negative power");
    // a huge exponent would build a huge BigInt: leave it to sampling
    if (Math.abs(k) > 4096) undecided("exponent too large for exact arithmetic");
    return a.pow(k);
  },
  sign: (a) => a.sign(),
  integer: (a) => (a.isInteger() && a.abs().cmp(Rational.int(2 ** 31)) <= 0 ? Number(a.n) : null),
  floor: (a) => a.floor(),
  ceil: (a) => a.ceil(),
  abs: (a) => a.abs(),
  unary: (name, a) => exactUnary(name, a),
  constant: (name) => undecided(`${name} is not rational`),
  toRational: (a) => a,
};

/** The few values of transcendental functions that are rational. */
function exactUnary(name: string, a: Rational): Rational {
  const zero = a.sign() === 0;
  switch (name) {
    case "relu":
      return a.sign() > 0 ? a : Rational.ZERO;
    case "step":
      return a.sign() > 0 ? Rational.ONE : a.sign() < 0 ? Rational.ZERO : Rational.of(1n, 2n);
    case "sign":
      return Rational.int(a.sign());
    case "sqrt":
      return a.sqrt() ?? undecided("an irrational square root");
    case "exp":
      if (zero) return Rational.ONE;
      break;
    case "log":
      if (a.eq(Rational.ONE)) return Rational.ZERO;
      break;
    case "sigmoid":
      if (zero) return Rational.of(1n, 2n);
      break;
    case "tanh":
    case "sin":
      if (zero) return Rational.ZERO;
      break;
    case "cos":
      if (zero) return Rational.ONE;
      break;
  }
  return undecided(`${name} of ${a} is not rational`);
}

export const INTERVAL: Field<Interval> = {
  name: "interval",
  literal: (text) => I.fromRational(Rational.decimal(text) ?? undecided(`not a decimal: ${text}`)),
  rational: (r) => I.fromRational(r),
  add: I.add,
  sub: I.sub,
  mul: I.mul,
  div: I.div,
  neg: I.neg,
  powInt: I.powInt,
  sign: I.signOf,
  integer: (a) => (a.lo === a.hi && Number.isInteger(a.lo) && Math.abs(a.lo) <= 2 ** 31 ? a.lo : null),
  floor: (a) => {
    const lo = Math.floor(a.lo);
    // a jump inside the interval: the value is not determined
    if (Math.floor(a.hi) !== lo) undecided("floor of an interval across an integer");
    return { lo, hi: lo };
  },
  ceil: (a) => {
    const hi = Math.ceil(a.hi);
    if (Math.ceil(a.lo) !== hi) undecided("ceil of an interval across an integer");
    return { lo: hi, hi };
  },
  abs: I.abs,
  unary: (name, a) => {
    switch (name) {
      case "exp":
        return I.exp(a);
      case "log":
        return I.log(a);
      case "sqrt":
        return I.sqrt(a);
      case "sigmoid":
        return I.sigmoid(a);
      case "tanh":
        return I.tanh(a);
      case "softplus":
        return I.softplus(a);
      case "relu":
        return I.relu(a);
      case "step": {
        const s = I.signOf(a);
        if (s === null) return undecided("step of an interval around 0");
        return s > 0 ? { lo: 1, hi: 1 } : s < 0 ? { lo: 0, hi: 0 } : { lo: 0.5, hi: 0.5 };
      }
      case "sign": {
        const s = I.signOf(a);
        if (s === null) return undecided("sign of an interval around 0");
        return { lo: s, hi: s };
      }
    }
    return undecided(`no rigorous interval for ${name}`);
  },
  constant: (name) => {
    // Math.E and Math.PI are the doubles nearest e and pi: one ulp either side holds the real constant
    if (name === "e") return I.widened(Math.E, Math.E);
    if (name === "pi") return I.widened(Math.PI, Math.PI);
    return undecided(`no interval for ${name}`);
  },
  toRational: () => null,
};

export function undecided(why: string): never {
  throw new Undecided(why);
}
