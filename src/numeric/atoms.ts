// Exact arithmetic over numbers that are not rational: a value is a polynomial
// with rational coefficients in "atoms", the transcendental values a claim
// mentions (exp(-3/5), tanh(7/10), 1 / (1 + exp(-3/5))), each with a rigorous
// interval (core/interval.ts). Two sides that are the same polynomial in the
// atoms are equal whatever the atoms' values are, so
// `yhat * (1 - yhat) = yhat - yhat^2` with yhat = sigmoid(0.6) is proved
// exactly, which no interval can do. An atom is keyed by its function and the
// canonical form of its argument, so the same value written twice is one atom.
// A division by a non-constant polynomial is the atom 1/p, allowed only where
// the interval of p excludes 0 (so the value exists). The interval carried
// beside each polynomial decides ≈ and the inequalities, and the signs that
// abs, relu and step need.

import * as I from "../core/interval.js";
import type { Interval } from "../core/interval.js";
import { Rational } from "../core/rational.js";
import { EXACT, type Field, INTERVAL, Undecided, undecided } from "./fields.js";

/** monomial key ("" for the constant term; "3^2*7" for atom 3 squared times atom 7) -> coefficient */
type Poly = ReadonlyMap<string, Rational>;

export interface AtomValue {
  readonly p: Poly;
  /** a rigorous enclosure of the value */
  readonly iv: Interval;
}

/** Most terms a value may have before the arithmetic gives up. */
const MAX_TERMS = 512;

export interface AtomField extends Field<AtomValue> {
  /** the constant's value when the polynomial is constant, else null */
  constantOf(a: AtomValue): Rational | null;
  equal(a: AtomValue, b: AtomValue): boolean;
  /** a value known only by its interval (a given value written with exp): a fresh atom */
  opaque(name: string, iv: Interval): AtomValue;
  /** the atoms, for a proof's detail */
  atomNames(): string[];
}

export function atomField(): AtomField {
  const atoms: { key: string; iv: Interval }[] = [];
  const ids = new Map<string, number>();
  const atom = (key: string, iv: () => Interval): AtomValue => {
    let id = ids.get(key);
    if (id === undefined) {
      id = atoms.length;
      atoms.push({ key, iv: iv() });
      ids.set(key, id);
    }
    return { p: new Map([[String(id), Rational.ONE]]), iv: atoms[id]!.iv };
  };
  const constant = (r: Rational): AtomValue => ({ p: r.sign() === 0 ? new Map() : new Map([["", r]]), iv: I.fromRational(r) });
  const constantOf = (a: AtomValue): Rational | null => {
    if (a.p.size === 0) return Rational.ZERO;
    if (a.p.size === 1 && a.p.has("")) return a.p.get("")!;
    return null;
  };
  const keyOf = (p: Poly): string => [...p].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([m, c]) => `${c}·${m}`).join("+");
  const addP = (a: Poly, b: Poly, sign: 1 | -1): Poly => {
    const out = new Map(a);
    for (const [m, c] of b) {
      const v = (out.get(m) ?? Rational.ZERO).add(sign === 1 ? c : c.neg());
      if (v.sign() === 0) out.delete(m);
      else out.set(m, v);
    }
    return out;
  };
  const mulMono = (a: string, b: string): string => {
    if (a === "") return b;
    if (b === "") return a;
    const pow = new Map<number, number>();
    for (const part of [...a.split("*"), ...b.split("*")]) {
      const [id, e] = part.split("^");
      pow.set(Number(id), (pow.get(Number(id)) ?? 0) + Number(e ?? 1));
    }
    return [...pow].sort((x, y) => x[0] - y[0]).map(([id, e]) => (e === 1 ? String(id) : `${id}^${e}`)).join("*");
  };
  const mulP = (a: Poly, b: Poly): Poly => {
    const out = new Map<string, Rational>();
    for (const [ma, ca] of a) {
      for (const [mb, cb] of b) {
        const m = mulMono(ma, mb);
        const v = (out.get(m) ?? Rational.ZERO).add(ca.mul(cb));
        if (v.sign() === 0) out.delete(m);
        else out.set(m, v);
      }
    }
    if (out.size > MAX_TERMS) undecided("too many terms");
    return out;
  };
  const F: AtomField = {
    name: "exact",
    literal: (text) => constant(Rational.decimal(text) ?? undecided(`not a decimal: ${text}`)),
    rational: constant,
    add: (a, b) => ({ p: addP(a.p, b.p, 1), iv: I.add(a.iv, b.iv) }),
    sub: (a, b) => ({ p: addP(a.p, b.p, -1), iv: I.sub(a.iv, b.iv) }),
    mul: (a, b) => ({ p: mulP(a.p, b.p), iv: I.mul(a.iv, b.iv) }),
    div: (a, b) => {
      const c = constantOf(b);
      if (c !== null) {
        if (c.sign() === 0) undecided("division by 0");
        return F.mul(a, constant(Rational.ONE.div(c)));
      }
      if (I.signOf(b.iv) === null) undecided("division by a value whose interval contains 0");
      return F.mul(a, atom(`1/(${keyOf(b.p)})`, () => I.div({ lo: 1, hi: 1 }, b.iv)));
    },
    neg: (a) => ({ p: addP(new Map(), a.p, -1), iv: I.neg(a.iv) }),
    powInt: (a, k) => {
      const c = constantOf(a);
      if (c !== null) return constant(EXACT.powInt(c, k));
      if (k < 0) return F.div(constant(Rational.ONE), F.powInt(a, -k));
      if (k > 64) undecided("power too large");
      let r = constant(Rational.ONE);
      for (let i = 0; i < k; i++) r = F.mul(r, a);
      return { p: r.p, iv: I.powInt(a.iv, k) };
    },
    sign: (a) => {
      const c = constantOf(a);
      return c !== null ? c.sign() : I.signOf(a.iv);
    },
    integer: (a) => {
      const c = constantOf(a);
      return c !== null ? EXACT.integer(c) : null;
    },
    floor: (a) => {
      const c = constantOf(a);
      return constant(c !== null ? c.floor() : Rational.int(INTERVAL.floor(a.iv).lo));
    },
    ceil: (a) => {
      const c = constantOf(a);
      return constant(c !== null ? c.ceil() : Rational.int(INTERVAL.ceil(a.iv).lo));
    },
    abs: (a) => {
      const s = F.sign(a);
      if (s === null) return undecided("abs of a value of unknown sign");
      return s < 0 ? F.neg(a) : a;
    },
    unary: (name, a) => {
      const c = constantOf(a);
      if (c !== null) {
        try {
          return constant(EXACT.unary(name, c));
        } catch (e) {
          if (!(e instanceof Undecided)) throw e;
        }
      }
      const s = F.sign(a);
      switch (name) {
        case "sigmoid":
          // one atom for sigmoid(t) and 1 / (1 + exp(-t)), the same number written two ways
          return F.div(constant(Rational.ONE), F.add(constant(Rational.ONE), F.unary("exp", F.neg(a))));
        case "relu":
          if (s === null) undecided("relu of a value of unknown sign");
          return s > 0 ? a : constant(Rational.ZERO);
        case "step":
          if (s === null) undecided("step of a value of unknown sign");
          return constant(s > 0 ? Rational.ONE : s < 0 ? Rational.ZERO : Rational.of(1n, 2n));
        case "sign":
          if (s === null) undecided("sign of a value of unknown sign");
          return constant(Rational.int(s));
      }
      return atom(`${name}(${keyOf(a.p)})`, () => INTERVAL.unary(name, a.iv));
    },
    constant: (name) => atom(name, () => INTERVAL.constant(name)),
    constantOf,
    equal: (a, b) => addP(a.p, b.p, -1).size === 0,
    opaque: (name, iv) => atom(`given ${name}`, () => iv),
    atomNames: () => atoms.map((a) => a.key),
  };
  return F;
}
