// Exact arithmetic over numbers that are not rational: a value is a quotient
// of polynomials with rational coefficients in "atoms", the transcendental
// values a claim mentions (exp(-3/5), tanh(7/10)), each with a rigorous
// interval (core/interval.ts). Two sides that are the same rational function
// of the atoms (n1 d2 = n2 d1 as polynomials) are equal whatever the atoms'
// values are, so `yhat * (1 - yhat) = yhat - yhat^2` with yhat = sigmoid(0.6)
// is proved exactly, which no interval can do. An atom is keyed by its
// function and the form of its argument, so the same value written the same
// way twice is one atom (two forms of one value are two atoms: then nothing is
// proved, never anything false). A division needs a divisor whose interval
// excludes 0 (so the value exists). The interval carried beside each value
// decides ≈ and the inequalities, and the signs that abs, relu and step need.

import * as I from "../core/interval.js";
import type { Interval } from "../core/interval.js";
import * as W from "../core/interval-whole.js";
import { Rational } from "../core/rational.js";
import { EXACT, type Field, INTERVAL, Undecided, undecided } from "./fields.js";

/** monomial key ("" for the constant term; "3^2*7" for atom 3 squared times atom 7) -> coefficient */
type Poly = ReadonlyMap<string, Rational>;

export interface AtomValue {
  /** numerator and denominator (d is 1 for a polynomial) */
  readonly p: Poly;
  readonly d: Poly;
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

/** No bound known: the values of free variables in an identity (every value at once). */
export const WHOLE: Interval = W.WHOLE;

/**
 * `identity`: the atoms include free variables (each entry of x is an atom of
 * unknown value), and only equality is decided: an interval that cannot be
 * computed is WHOLE, and a division needs a divisor that is not the zero
 * rational function (the claim is about the values where it is defined, as
 * sampling skips the points where it is not).
 */
export function atomField(identity = false): AtomField {
  const safe = (f: () => Interval): Interval => (identity ? W.orWhole(f) : f());
  // + - * / and powers of the carried intervals: in an identity, WHOLE where they cannot be computed
  const arith = identity ? W : I;
  const atoms: { key: string; iv: Interval }[] = [];
  const ids = new Map<string, number>();
  const atom = (key: string, iv: () => Interval): AtomValue => {
    let id = ids.get(key);
    if (id === undefined) {
      id = atoms.length;
      atoms.push({ key, iv: iv() });
      ids.set(key, id);
    }
    return { p: new Map([[String(id), Rational.ONE]]), d: ONE, iv: atoms[id]!.iv };
  };
  const atomSafe = (key: string, iv: () => Interval): AtomValue => atom(key, () => safe(iv));
  const ONE: Poly = new Map([["", Rational.ONE]]);
  /** value key of a square -> its root */
  const squares = new Map<string, AtomValue>();
  const valueKey = (a: AtomValue): string => `${keyOf(a.p)}/${keyOf(a.d)}`;
  const constP = (p: Poly): Rational | null => (p.size === 0 ? Rational.ZERO : p.size === 1 && p.has("") ? p.get("")! : null);
  const constant = (r: Rational): AtomValue => ({ p: r.sign() === 0 ? new Map() : new Map([["", r]]), d: ONE, iv: I.fromRational(r) });
  const constantOf = (a: AtomValue): Rational | null => {
    const n = constP(a.p);
    const d = constP(a.d);
    return n !== null && d !== null ? n.div(d) : null;
  };
  const scaleP = (p: Poly, c: Rational): Poly => new Map([...p].map(([m, v]) => [m, v.mul(c)] as const));
  const samePoly = (a: Poly, b: Poly): boolean => addP(a, b, -1).size === 0;
  /** n / d with a constant denominator folded into the numerator */
  const quotient = (n: Poly, d: Poly, iv: Interval): AtomValue => {
    const c = constP(d);
    if (c !== null) return { p: scaleP(n, Rational.ONE.div(c)), d: ONE, iv };
    if (n.size === 0) return { p: n, d: ONE, iv };
    // scaled so that the denominator's first term has coefficient 1: one value, one form, as far as scaling goes
    const first = [...d.keys()].sort()[0]!;
    const lc = Rational.ONE.div(d.get(first)!);
    return { p: scaleP(n, lc), d: scaleP(d, lc), iv };
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
  /** sin and cos of one argument: cos(u)^2 = 1 - sin(u)^2 is the one relation between atoms that is used */
  const trig = new Map<string, { sin?: number; cos?: number }>();
  const powers = (m: string): Map<number, number> => {
    const pow = new Map<number, number>();
    if (m !== "") for (const part of m.split("*")) {
      const [id, e] = part.split("^");
      pow.set(Number(id), Number(e ?? 1));
    }
    return pow;
  };
  const monoOf = (pow: Map<number, number>): string =>
    [...pow].filter(([, e]) => e > 0).sort((x, y) => x[0] - y[0]).map(([id, e]) => (e === 1 ? String(id) : `${id}^${e}`)).join("*");
  /** The polynomial with every cos(u)^2 replaced by 1 - sin(u)^2 (a normal form modulo sin² + cos² = 1). */
  const reduceTrig = (p: Poly): Poly => {
    let out = new Map(p);
    for (const { sin, cos } of trig.values()) {
      if (sin === undefined || cos === undefined) continue;
      for (let round = 0; round < 64; round++) {
        const m = [...out.keys()].find((k) => (powers(k).get(cos) ?? 0) >= 2);
        if (m === undefined) break;
        const c = out.get(m)!;
        out.delete(m);
        const pow = powers(m);
        pow.set(cos, pow.get(cos)! - 2);
        const rest = monoOf(pow);
        pow.set(sin, (pow.get(sin) ?? 0) + 2);
        out = new Map(addP(out, new Map([[rest, c], [monoOf(pow), c.neg()]]), 1));
      }
    }
    return out;
  };
  /** sign atoms of an identity: atom id -> the monomial M it is the sign of (sign(M)^2 * M = M, sign^3 = sign) */
  const signs = new Map<number, string>();
  const reduceSigns = (p: Poly): Poly => {
    if (signs.size === 0) return p;
    let out: Poly = new Map();
    for (const [m, c] of p) {
      const pow = powers(m);
      for (const [id, of] of signs) {
        let e = pow.get(id) ?? 0;
        while (e >= 3) e -= 2;
        const inner = powers(of);
        if (e === 2 && [...inner].every(([a, k]) => (pow.get(a) ?? 0) >= k)) e = 0;
        pow.set(id, e);
      }
      out = addP(out, new Map([[monoOf(pow), c]]), 1);
    }
    return out;
  };
  /**
   * In an identity, sign(u) of a value of unknown sign: a fresh atom σ with
   * abs(u) = σ u, step(u) = (1 + σ) / 2, relu(u) = (u + σ u) / 2 (step(0) is
   * 1/2 here), and only the relations sign(u)^2 u = u and sign(u)^3 = sign(u),
   * which hold at u = 0 too. Only for u a single monomial c * M: σ is the sign of M.
   */
  const signOf = (a: AtomValue): AtomValue => {
    if (!identity || constP(a.d) === null || a.p.size !== 1) return undecided("the sign of a value of unknown sign");
    const [[m, c]] = [...a.p];
    const sigma = atom(`sign(${m})`, () => ({ lo: -1, hi: 1 }));
    signs.set(Number([...sigma.p.keys()][0]), m);
    const dc = constP(a.d)!;
    return c.div(dc).sign() < 0 ? { ...sigma, p: scaleP(sigma.p, Rational.int(-1)) } : sigma;
  };
  /** sin and cos of one term c * M of an identity's argument: of M by the multiple-angle formulas when c is a small integer */
  const termSinCos = (m: string, c: Rational): [AtomValue, AtomValue] => {
    const k = c.isInteger() ? Number(c.toString()) : NaN;
    if (m === "" || !Number.isInteger(k) || Math.abs(k) > 12) {
      const w: AtomValue = { p: new Map([[m, c]]), d: ONE, iv: WHOLE };
      return [F.unary("sin", w), F.unary("cos", w)];
    }
    const u: AtomValue = { p: new Map([[m, Rational.ONE]]), d: ONE, iv: WHOLE };
    const s1 = F.unary("sin", u);
    const c1 = F.unary("cos", u);
    let [sk, ck] = [s1, c1];
    for (let i = 1; i < Math.abs(k); i++) [sk, ck] = [F.add(F.mul(sk, c1), F.mul(ck, s1)), F.sub(F.mul(ck, c1), F.mul(sk, s1))];
    return [k < 0 ? F.neg(sk) : sk, ck];
  };
  /** sin and cos of a sum of terms, by the addition formulas (identities only) */
  const sinCosOfSum = (p: Poly): [AtomValue, AtomValue] => {
    let [sv, cv] = [constant(Rational.ZERO), constant(Rational.ONE)];
    for (const [m, c] of p) {
      const [st, ct] = termSinCos(m, c);
      [sv, cv] = [F.add(F.mul(sv, ct), F.mul(cv, st)), F.sub(F.mul(cv, ct), F.mul(sv, st))];
    }
    return [sv, cv];
  };
  /** an argument worth expanding: a sum of terms, or an integer multiple other than 1 */
  const expandable = (a: AtomValue): boolean => {
    if (!identity || constP(a.d) === null || !constP(a.d)!.eq(Rational.ONE)) return false;
    if (a.p.size > 1) return true;
    const [[m, c]] = [...a.p];
    return m !== "" && c.isInteger() && !c.eq(Rational.ONE) && Math.abs(Number(c.toString())) <= 12;
  };
  const F: AtomField = {
    name: "exact",
    literal: (text) => constant(Rational.decimal(text) ?? undecided(`not a decimal: ${text}`)),
    rational: constant,
    add: (a, b) => (samePoly(a.d, b.d) ? quotient(addP(a.p, b.p, 1), a.d, arith.add(a.iv, b.iv)) : quotient(addP(mulP(a.p, b.d), mulP(b.p, a.d), 1), mulP(a.d, b.d), arith.add(a.iv, b.iv))),
    sub: (a, b) => (samePoly(a.d, b.d) ? quotient(addP(a.p, b.p, -1), a.d, arith.sub(a.iv, b.iv)) : quotient(addP(mulP(a.p, b.d), mulP(b.p, a.d), -1), mulP(a.d, b.d), arith.sub(a.iv, b.iv))),
    mul: (a, b) => {
      const r = quotient(mulP(a.p, b.p), mulP(a.d, b.d), arith.mul(a.iv, b.iv));
      // a square remembers its root, so that sqrt(g^2) is |g| (Adam's sqrt(r_hat) with one step)
      if (a === b || (samePoly(a.p, b.p) && samePoly(a.d, b.d))) squares.set(valueKey(r), a);
      return r;
    },
    div: (a, b) => {
      const c = constantOf(b);
      if (c !== null && c.sign() === 0) undecided("division by 0");
      // the divisor must be certainly non-zero for the quotient to exist
      if (c === null && I.signOf(b.iv) === null && !identity) undecided("division by a value whose interval contains 0");
      return quotient(mulP(a.p, b.d), mulP(a.d, b.p), arith.div(a.iv, b.iv));
    },
    neg: (a) => ({ p: addP(new Map(), a.p, -1), d: a.d, iv: I.neg(a.iv) }),
    powInt: (a, k) => {
      const c = constantOf(a);
      if (c !== null) return constant(EXACT.powInt(c, k));
      if (k < 0) return F.div(constant(Rational.ONE), F.powInt(a, -k));
      if (k > 64) undecided("power too large");
      let r = constant(Rational.ONE);
      for (let i = 0; i < k; i++) r = F.mul(r, a);
      return { ...r, iv: arith.powInt(a.iv, k) };
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
      if (s === null && identity) return F.mul(signOf(a), a);
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
      const root = name === "sqrt" ? squares.get(valueKey(a)) : undefined;
      if (root) return F.abs(root);
      if ((name === "sin" || name === "cos") && expandable(a)) {
        const [sv, cv] = sinCosOfSum(a.p);
        return { ...(name === "sin" ? sv : cv), iv: safe(() => INTERVAL.unary(name, a.iv)) };
      }
      if (s === null && identity && (name === "sign" || name === "step" || name === "relu")) {
        const half = constant(Rational.of(1n, 2n));
        if (name === "sign") return signOf(a);
        if (name === "step") return F.mul(half, F.add(constant(Rational.ONE), signOf(a)));
        return F.mul(half, F.add(a, F.mul(signOf(a), a)));
      }
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
      const arg = `((${keyOf(a.p)})/(${keyOf(a.d)}))`;
      const v = atomSafe(`${name}${arg}`, () => INTERVAL.unary(name, a.iv));
      if (name === "sin" || name === "cos") {
        const pair = trig.get(arg) ?? {};
        pair[name] = Number([...v.p.keys()][0]);
        trig.set(arg, pair);
      }
      return v;
    },
    constant: (name) => atomSafe(name, () => INTERVAL.constant(name)),
    constantOf,
    toRational: constantOf,
    equal: (a, b) => reduceSigns(reduceTrig(reduceSigns(addP(mulP(a.p, b.d), mulP(b.p, a.d), -1)))).size === 0,
    opaque: (name, iv) => atom(`given ${name}`, () => iv),
    atomNames: () => atoms.map((a) => a.key),
  };
  return F;
}
