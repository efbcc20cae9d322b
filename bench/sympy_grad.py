#!/usr/bin/env python3
"""SymPy's `MatrixExpr.diff` on the gradient benchmark (called by bench/run.mjs).

    python3 bench/sympy_grad.py [path/to/grad-bench.jsonl]

Reads the tasks (one JSON object a line: id, let, expr, wrt, family),
translates each one SymPy's matrix expressions can state into them
(MatrixSymbol with symbolic dimensions n, m, p, k, h), times `expr.diff(wrt)`
(one untimed warm-up, then the median of several runs, time.perf_counter, the
SymPy cache cleared before every run and outside the timed region), and checks
the answer numerically at small concrete sizes against central differences of
the expression. Prints ONE JSON object on stdout:

    {"sympy": "1.14.0", "python": "3.x", "ms": {task_id: ms or null, ...},
     "tasks": {task_id: {"status", "ms", "runs", "result", "reason", ...}}}

status: "ok" (answer agrees with finite differences), "zero" (a zero answer to
a task whose gradient is not zero), "wrong" (disagrees), "unevaluated" (SymPy
returned the derivative unevaluated), "unchecked" (answer could not be
evaluated numerically), "unsupported" (the task uses an operator SymPy's matrix
expressions do not have: softplus, sigmoid, tanh, relu, lse, softmax,
logsoftmax, sum, diag, kron, vec, Hadamard .* ./ .^), "error" (diff raised).

Environment: BENCH_SYMPY_RUNS (default 7, the most runs per task),
BENCH_SYMPY_TASK_BUDGET_S (default 3: fewer runs, at least 3, for slow tasks).
"""
import json
import os
import platform
import re
import statistics
import sys
import time

import sympy
from sympy import (Determinant, Identity, Integer, MatrixExpr, MatrixSymbol,
                   Rational, Symbol, Trace, ZeroMatrix, log, sqrt)
from sympy.core.cache import clear_cache

MAX_RUNS = int(os.environ.get("BENCH_SYMPY_RUNS", "7"))
TASK_BUDGET_S = float(os.environ.get("BENCH_SYMPY_TASK_BUDGET_S", "3"))

UNSUPPORTED_FUNCS = {"softplus", "sigmoid", "tanh", "relu", "lse", "softmax", "logsoftmax",
                     "sum", "diag", "kron", "vec", "exp", "abs", "sqrt", "log"}
UNSUPPORTED_OPS = {".*", "./", ".^"}
DIM_NAMES = ["n", "m", "p", "k", "h"]
# concrete sizes for the numeric check (distinct, so a transposed answer shows)
CHECK_DIMS = {"n": 3, "m": 4, "p": 2, "k": 3, "h": 5}


class Unsupported(Exception):
    pass


# --------------------------------------------------------------------------
# declarations: "A: p x n", "x, y: n", "lam: scalar positive", "S: n x n spd"

def dim(tok, dims):
    if re.fullmatch(r"\d+", tok):
        return Integer(int(tok))
    if tok not in dims:
        dims[tok] = Symbol(tok, integer=True, positive=True)
    return dims[tok]


def declarations(lets):
    dims = {d: Symbol(d, integer=True, positive=True) for d in DIM_NAMES}
    syms = {}  # name -> (sympy object, props, shape tokens)
    for line in lets:
        names, _, rest = line.partition(":")
        toks = rest.split()
        if not toks:
            raise Unsupported(f"declaration {line!r}")
        if toks[0] == "scalar":
            shape, props = None, toks[1:]
        elif len(toks) >= 3 and toks[1] == "x":
            shape, props = (toks[0], toks[2]), toks[3:]
        else:
            shape, props = (toks[0], "1"), toks[1:]
        for name in (s.strip() for s in names.split(",")):
            if shape is None:
                obj = Symbol(name, positive=True) if "positive" in props else Symbol(name)
            else:
                obj = MatrixSymbol(name, dim(shape[0], dims), dim(shape[1], dims))
            syms[name] = (obj, props, shape)
    return syms, dims


# --------------------------------------------------------------------------
# the expression language, the subset the benchmark uses: + - * / ^ ' unary -,
# calls, numbers, names; precedence + -  <  * / .* ./  <  unary -  <  ^ .^  <  '

TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\.\*|\./|\.\^|[-+*/^'(),]))")


def tokenize(src):
    out, i = [], 0
    src = src.rstrip()
    while i < len(src):
        m = TOKEN.match(src, i)
        if not m:
            raise Unsupported(f"cannot read {src[i:]!r}")
        num, name, op = m.groups()
        out.append(("num", num) if num else ("name", name) if name else ("op", op))
        i = m.end()
    return out


class Parser:
    def __init__(self, src):
        self.toks = tokenize(src)
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, text=None):
        t = self.peek()
        if text is not None and t[1] != text:
            raise Unsupported(f"expected {text!r}, got {t[1]!r}")
        self.i += 1
        return t

    def parse(self):
        e = self.sum()
        if self.i != len(self.toks):
            raise Unsupported(f"unexpected {self.peek()[1]!r}")
        return e

    def sum(self):
        e = self.product()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            e = ("add" if op == "+" else "sub", e, self.product())
        return e

    def product(self):
        e = self.unary()
        while self.peek()[1] in ("*", "/", ".*", "./"):
            op = self.take()[1]
            e = (op, e, self.unary())
        return e

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return ("neg", self.unary())
        return self.power()

    def power(self):
        e = self.postfix()
        if self.peek()[1] in ("^", ".^"):
            op = self.take()[1]
            return (op, e, self.unary())  # right-associative
        return e

    def postfix(self):
        e = self.atom()
        while self.peek()[1] == "'":
            self.take()
            e = ("T", e)
        return e

    def atom(self):
        kind, text = self.take()
        if kind == "num":
            return ("num", text)
        if kind == "name":
            if self.peek()[1] == "(":
                self.take("(")
                args = [self.sum()]
                while self.peek()[1] == ",":
                    self.take(",")
                    args.append(self.sum())
                self.take(")")
                return ("call", text, args)
            return ("sym", text)
        if text == "(":
            e = self.sum()
            self.take(")")
            return e
        raise Unsupported(f"unexpected {text!r}")


def is_matrix(e):
    return isinstance(e, MatrixExpr)


def is_vector(e):
    return is_matrix(e) and e.shape[1] == 1


def as_scalar(e):
    """A 1 x 1 matrix expression where a scalar is needed: its trace (= its entry)."""
    return Trace(e) if is_matrix(e) else e


def translate(tree, syms):
    def go(t):
        tag = t[0]
        if tag == "num":
            return Rational(t[1])
        if tag == "sym":
            if t[1] not in syms:
                raise Unsupported(f"undeclared name {t[1]}")
            return syms[t[1]][0]
        if tag == "T":
            a = go(t[1])
            return a.T if is_matrix(a) else a
        if tag == "neg":
            return -go(t[1])
        if tag in ("add", "sub"):
            a, b = go(t[1]), go(t[2])
            if is_matrix(a) != is_matrix(b):  # scalar + 1 x 1 matrix
                a, b = as_scalar(a), as_scalar(b)
            return a + b if tag == "add" else a - b
        if tag in UNSUPPORTED_OPS:
            raise Unsupported(f"Hadamard operator {tag}")
        if tag == "*":
            a, b = go(t[1]), go(t[2])
            return a * b
        if tag == "/":
            a, b = go(t[1]), go(t[2])
            if is_matrix(b):
                raise Unsupported("division by a matrix")
            return a / b
        if tag == "^":
            base, ex = t[1], go(t[2])
            if is_matrix(ex):
                raise Unsupported("matrix exponent")
            if base[0] == "call" and base[1] == "norm" and ex == 2:
                return norm_squared(go(base[2][0]))
            b = go(base)
            return b ** ex
        if tag == "call":
            name, args = t[1], [go(a) for a in t[2]]
            if name in UNSUPPORTED_FUNCS or name not in ("tr", "inv", "det", "logdet", "norm"):
                raise Unsupported(f"function {name}")
            (a,) = args
            if name == "tr":
                return Trace(a)
            if name == "inv":
                return a.I
            if name == "det":
                return Determinant(a)
            if name == "logdet":
                return log(Determinant(a))
            if name == "norm":
                return sqrt(as_scalar(norm_squared(a)))
        raise Unsupported(f"node {tag}")

    return go(tree)


def norm_squared(e):
    """norm(E)^2: E'E (1 x 1) for a vector, tr(E'E) for a matrix, E^2 for a scalar."""
    if not is_matrix(e):
        return e ** 2
    return e.T * e if is_vector(e) else Trace(e.T * e)


# --------------------------------------------------------------------------
# numeric check at small concrete sizes

def numeric(e, env):
    """Evaluates a SymPy (matrix) expression with numpy at the values in env
    (lambdify's numpy printer has no Trace); unknown nodes go to lambdify."""
    import numpy as np
    from functools import reduce
    from sympy.matrices.expressions import (Inverse, MatAdd, MatMul, MatPow,
                                            Transpose)

    def mul(a, b):
        if np.ndim(a) == 2 and np.ndim(b) == 2:
            if a.shape == (1, 1) and b.shape[0] != 1:
                return a[0, 0] * b
            if b.shape == (1, 1) and a.shape[1] != 1:
                return a * b[0, 0]
            return a @ b
        return a * b

    def go(x):
        if x in env:
            return env[x]
        if x.is_Number:
            return float(x)
        if isinstance(x, (MatMul, sympy.Mul)):
            return reduce(mul, [go(a) for a in x.args])
        if isinstance(x, (MatAdd, sympy.Add)):
            return reduce(lambda a, b: a + b, [go(a) for a in x.args])
        if isinstance(x, Transpose):
            return np.transpose(go(x.arg))
        if isinstance(x, Inverse):
            return np.linalg.inv(go(x.arg))
        if isinstance(x, MatPow):
            return np.linalg.matrix_power(go(x.base), int(x.exp))
        if isinstance(x, sympy.Pow):
            base = go(x.base)
            if np.ndim(base) == 2:
                return np.linalg.matrix_power(base, int(x.exp))
            return base ** float(x.exp)
        if isinstance(x, Trace):
            return np.trace(go(x.arg))
        if isinstance(x, Determinant):
            return np.linalg.det(go(x.arg))
        if isinstance(x, log):
            return np.log(go(x.args[0]))
        if isinstance(x, ZeroMatrix):
            return np.zeros((int(x.shape[0]), int(x.shape[1])))
        if isinstance(x, Identity):
            return np.eye(int(x.shape[0]))
        free = sorted(x.free_symbols, key=str)
        return sympy.lambdify(free, x, "numpy")(*[env[s] for s in free])

    return go(e)


def check_answer(f, d, wrt, syms, dims):
    import numpy as np

    sub = {dims[name]: Integer(v) for name, v in CHECK_DIMS.items() if name in dims}
    rng = np.random.default_rng(20240601)
    values, args = [], []
    for name, (obj, props, shape) in syms.items():
        if shape is None:
            v = float(rng.uniform(0.5, 1.5)) if "positive" in props else float(rng.normal())
            args.append(obj)
            values.append(v)
            continue
        cobj = obj.xreplace(sub)
        r, c = int(cobj.shape[0]), int(cobj.shape[1])
        if "spd" in props:
            b = rng.normal(size=(r, r))
            v = b @ b.T / r + np.eye(r)
        elif "invertible" in props:
            v = 2 * np.eye(r) + 0.3 * rng.normal(size=(r, c))
        elif "onehot" in props:
            v = np.zeros((r, c))
            v[int(rng.integers(r)), 0] = 1.0
        elif "positive" in props:
            v = rng.uniform(0.5, 1.5, size=(r, c))
        else:
            v = rng.normal(size=(r, c)) * 0.5
        args.append(cobj)
        values.append(v)
    fc, dc = f.xreplace(sub), d.xreplace(sub)
    if isinstance(dc, ZeroMatrix) or dc == 0:
        return "zero", None
    if not isinstance(dc, MatrixExpr) and not dc.free_symbols:
        return "wrong", "a constant"
    idx = [i for i, (name, _) in enumerate(syms.items()) if name == wrt][0]

    def fval(vals):
        return float(np.asarray(numeric(fc, dict(zip(args, vals))), dtype=float).reshape(-1)[0])

    got = np.asarray(numeric(dc, dict(zip(args, values))), dtype=float)
    x0 = np.asarray(values[idx], dtype=float)
    if got.size != x0.size:
        return "wrong", f"shape {got.shape}, expected {x0.shape}"
    got = got.reshape(x0.shape)
    exact = np.zeros_like(x0)
    step = 1e-6
    for i in np.ndindex(x0.shape):
        hi, lo = x0.copy(), x0.copy()
        hi[i] += step
        lo[i] -= step
        vh, vl = list(values), list(values)
        vh[idx], vl[idx] = hi, lo
        exact[i] = (fval(vh) - fval(vl)) / (2 * step)
    err = float(np.max(np.abs(got - exact)) / max(1.0, float(np.max(np.abs(exact)))))
    return ("ok" if err < 1e-5 else "wrong"), f"max rel. error {err:.1e} at sizes {CHECK_DIMS}"


# --------------------------------------------------------------------------

def run_task(task):
    out = {"status": None, "ms": None, "runs": 0}
    try:
        syms, dims = declarations(task["let"])
        f = translate(Parser(task["expr"]).parse(), syms)
    except Unsupported as e:
        out["status"] = "unsupported"
        out["reason"] = str(e)
        return out
    if isinstance(f, MatrixExpr) and f.shape != (1, 1):
        out["status"] = "unsupported"
        out["reason"] = f"not scalar: {f.shape}"
        return out
    x = syms[task["wrt"]][0]
    out["sympyExpr"] = str(f)
    try:
        clear_cache()
        t0 = time.perf_counter()
        d = f.diff(x)  # warm-up
        first = time.perf_counter() - t0
        runs = max(3, min(MAX_RUNS, int(TASK_BUDGET_S / max(first, 1e-6))))
        times = []
        for _ in range(runs):
            clear_cache()
            t0 = time.perf_counter()
            d = f.diff(x)
            times.append((time.perf_counter() - t0) * 1000)
    except Exception as e:  # noqa: BLE001 - SymPy raises many kinds
        out["status"] = "error"
        out["reason"] = f"{type(e).__name__}: {e}"[:200]
        return out
    out["ms"] = round(statistics.median(times), 3)
    out["runs"] = len(times)
    out["result"] = str(d)
    if d.has(sympy.Derivative) or type(d).__name__ == "ArrayDerivative":
        out["status"] = "unevaluated"
        out["reason"] = "SymPy returned the derivative unevaluated"
        return out
    try:
        status, detail = check_answer(f, d, task["wrt"], syms, dims)
        out["status"] = status
        if detail:
            out["check"] = detail
    except Exception as e:  # noqa: BLE001
        out["status"] = "unchecked"
        out["reason"] = f"numeric check failed: {type(e).__name__}: {e}"[:200]
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "bench", "grad-bench.jsonl")
    with open(path) as fh:
        tasks = [json.loads(line) for line in fh if line.strip()]
    ms, details = {}, {}
    for t in tasks:
        r = run_task(t)
        ms[t["id"]] = r["ms"]
        details[t["id"]] = r
        print(f"[sympy] {t['id']}: {r['status']} {r['ms']} ms", file=sys.stderr, flush=True)
    json.dump({"sympy": sympy.__version__, "python": platform.python_version(), "ms": ms, "tasks": details}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
