#!/usr/bin/env python3
# Writes random expressions as C++ for the differential fuzz test (tests/fuzz/README.md): each
# expression once for tapeless and once as a generic formula for ADOL-C, long double and the
# magnitude sweep of fuzz_common.hpp. Deterministic for a given --seed.
# SPDX-License-Identifier: BSL-1.0
"""usage: generate.py --seed S --count N [--first K] [--max-ops M] > file.cpp

Random DAGs over up to 10 variables x0..x9 (points are drawn from [-2, 2]). Every node carries
an interval that contains all its values on that box (interval arithmetic); an operation whose
argument interval leaves the function's well-conditioned domain gets a domain-safe wrapper
(log(1 + square(a)), 0.9*tanh(a) under asin, 1 + 2*sigmoid(a) under tgamma, ...), and a node
whose interval grows beyond +-20 is squashed. So values stay finite and moderate everywhere in
the box, and the comparison tolerances of fuzz_common.hpp mean something.
"""
import argparse
import math
import re
import random

LIMIT = 20.0  # |value| bound of every node


class N:
    """A node: its spelling for tapeless, for the generic scalar T, its interval and depth."""

    def __init__(self, tl, ge, lo, hi, depth, leaf=False):
        self.tl, self.ge, self.lo, self.hi, self.depth, self.leaf = tl, ge, lo, hi, depth, leaf

    @property
    def mag(self):
        return max(abs(self.lo), abs(self.hi))


def lit(v):
    s = repr(float(v))
    return s


class Gen:
    def __init__(self, rng, index):
        self.rng = rng
        self.index = index
        self.nlet = 0

    # ---- primitives -------------------------------------------------------------------------
    def const(self, v, compile_time=None):
        if compile_time is None:
            compile_time = self.rng.random() < 0.5
        tl = f"tapeless::c<{lit(v)}>" if compile_time else lit(v)
        return N(tl, f"T({lit(v)})", v, v, 0, leaf=True)

    def rconst(self, lo, hi):
        # short decimals, so a failure report is easy to read
        return self.const(round(self.rng.uniform(lo, hi), 2) or 0.5)

    def fn(self, name, args, lo, hi, tl_name=None):
        tl = f"tapeless::{tl_name or name}({', '.join(a.tl for a in args)})"
        ge = f"g::{name}({', '.join(a.ge for a in args)})"
        return N(tl, ge, lo, hi, 1 + max(a.depth for a in args))

    def binop(self, op, a, b):
        if op == "+":
            lo, hi = a.lo + b.lo, a.hi + b.hi
        elif op == "-":
            lo, hi = a.lo - b.hi, a.hi - b.lo
        elif op == "*":
            ps = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
            lo, hi = min(ps), max(ps)
        else:
            assert b.lo > 0 or b.hi < 0
            ps = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]
            lo, hi = min(ps), max(ps)
        # a bare constant on one side stays a plain number for tapeless: number-expression mixing
        return N(f"({a.tl} {op} {b.tl})", f"({a.ge} {op} {b.ge})", lo, hi,
                 1 + max(a.depth, b.depth))

    def neg(self, a):
        return N(f"(-{a.tl})", f"(-{a.ge})", -a.hi, -a.lo, a.depth + 1)

    def mono(self, name, a, f, tl_name=None):
        return self.fn(name, [a], f(a.lo), f(a.hi), tl_name)

    def square(self, a):
        lo = 0.0 if a.lo <= 0 <= a.hi else min(a.lo * a.lo, a.hi * a.hi)
        return self.fn("square", [a], lo, a.mag ** 2)

    # ---- domain-safe building blocks ----------------------------------------------------------
    def scaled(self, a, bound):
        """a itself if |a| <= bound on the box, else c*a with |c*a| <= bound."""
        if a.mag <= bound:
            return a
        s = round(bound / a.mag, 3)
        while s * a.mag > bound:
            s -= 0.001
        return self.binop("*", self.const(s, True), a)

    def squash(self, a):
        """a bounded node in (-1, 1) or so: tanh, erf, sin, atan (arguments kept moderate)."""
        k = self.rng.randrange(4)
        if k == 0:
            b = self.scaled(a, 6.0)
            return self.mono("tanh", b, math.tanh)
        if k == 1:
            b = self.scaled(a, 4.0)
            return self.mono("erf", b, math.erf)
        if k == 2:  # a moderate argument: sin' = cos is as accurate as the argument is
            return self.fn("sin", [self.scaled(a, 3.0)], -1.0, 1.0)
        b = self.mono("atan", a, math.atan)
        return self.binop("*", self.const(0.6, True), b)

    def positive(self, a):
        """a node with values in [0.1, ~25]: a itself if it already is."""
        if a.lo >= 0.1 and a.hi <= LIMIT:
            return a
        k = self.rng.randrange(5)
        if k == 0:
            return self.binop("+", self.const(1.0), self.square(self.scaled(a, 4.0)))
        if k == 1:
            s = self.fn("sin", [self.scaled(a, LIMIT)], -1.0, 1.0)
            return self.mono("exp", s, math.exp)
        if k == 2:
            b = self.scaled(a, 6.0)
            s = self.mono("sigmoid", b, lambda t: 1 / (1 + math.exp(-t)))
            return self.binop("+", self.const(0.5), s)
        if k == 3:
            b = self.scaled(a, 4.0)
            return self.fn("hypot", [b, self.const(1.0, False)], 1.0, math.hypot(b.mag, 1.0))
        return self.binop("+", self.const(2.0), self.fn("cos", [self.scaled(a, LIMIT)], -1.0, 1.0))

    def unit(self, a, r=0.9):
        """values in [-r, r]."""
        if a.lo >= -r and a.hi <= r:
            return a
        return self.binop("*", self.const(r, self.rng.random() < 0.5), self.squash(a))

    def away_from_zero(self, a):
        if a.lo >= 0.5 or a.hi <= -0.5:
            return a if a.mag <= LIMIT else self.positive(a)
        p = self.positive(a)
        return self.neg(p) if self.rng.random() < 0.3 else p

    def cap(self, a):
        if a.mag <= LIMIT:
            return a
        return self.binop("*", self.const(round(self.rng.uniform(1, 5), 1)), self.squash(a))

    # ---- operations -------------------------------------------------------------------------
    def unary(self, a):
        r = self.rng
        name = r.choice([
            "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
            "atanh", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt",
            "erf", "erfc", "tgamma", "lgamma", "abs", "square", "cube", "pown", "sigmoid",
            "softplus", "relu", "neg", "powc", "numpow", "pownum"])
        if name in ("sin", "cos"):
            return self.fn(name, [a], -1.0, 1.0)
        if name == "tan":
            b = a if a.lo >= -1.2 and a.hi <= 1.2 else self.binop(
                "*", self.const(1.2, True), self.squash(a))
            return self.mono("tan", b, math.tan)
        if name in ("asin", "atanh"):
            return self.mono(name, self.unit(a), getattr(math, name))
        if name == "acos":
            b = self.unit(a)
            return self.fn("acos", [b], math.acos(b.hi), math.acos(b.lo))
        if name in ("atan", "asinh"):
            return self.mono(name, a, getattr(math, name))
        if name in ("sinh", "exp", "exp2", "expm1"):
            b = self.scaled(a, 3.0)
            f = {"sinh": math.sinh, "exp": math.exp, "exp2": lambda t: 2.0 ** t,
                 "expm1": math.expm1}[name]
            return self.mono(name, b, f)
        if name == "cosh":
            b = self.scaled(a, 3.0)
            lo = 1.0 if b.lo <= 0 <= b.hi else math.cosh(min(abs(b.lo), abs(b.hi)))
            return self.fn("cosh", [b], lo, math.cosh(b.mag))
        if name == "tanh":
            return self.mono("tanh", self.scaled(a, 6.0), math.tanh)
        if name == "sigmoid":
            return self.mono("sigmoid", self.scaled(a, 6.0), lambda t: 1 / (1 + math.exp(-t)))
        if name == "softplus":
            return self.mono("softplus", a, lambda t: math.log1p(math.exp(t)))
        if name == "erf":
            return self.mono("erf", self.scaled(a, 4.0), math.erf)
        if name == "erfc":
            b = self.scaled(a, 4.0)
            return self.fn("erfc", [b], math.erfc(b.hi), math.erfc(b.lo))
        if name == "acosh":
            b = a if a.lo >= 1.1 and a.hi <= LIMIT else self.binop(
                "+", self.const(1.1), self.square(self.scaled(a, 4.0)))
            return self.mono("acosh", b, math.acosh)
        if name in ("log", "log2", "log10", "sqrt"):
            f = {"log": math.log, "log2": math.log2, "log10": math.log10, "sqrt": math.sqrt}[name]
            return self.mono(name, self.positive(a), f)
        if name == "log1p":
            b = a if a.lo >= -0.5 and a.hi <= LIMIT else self.square(self.scaled(a, 4.0))
            return self.mono("log1p", b, math.log1p)
        if name == "cbrt":
            b = self.away_from_zero(a)
            return self.mono("cbrt", b, lambda t: math.copysign(abs(t) ** (1 / 3), t))
        if name in ("tgamma", "lgamma"):
            if a.lo >= 1.0 and a.hi <= 3.0:
                b = a
            else:
                s = self.mono("sigmoid", self.scaled(a, 6.0), lambda t: 1 / (1 + math.exp(-t)))
                b = self.binop("+", self.const(1.0), self.binop("*", self.const(2.0), s))
            if name == "tgamma":  # Γ has its minimum 0.8856 at 1.4616 on [1, 3]
                return self.fn("tgamma", [b], 0.885, 2.0)
            return self.fn("lgamma", [b], -0.1215, 0.6932)
        if name == "abs":
            lo = 0.0 if a.lo <= 0 <= a.hi else min(abs(a.lo), abs(a.hi))
            return self.fn("abs", [a], lo, a.mag)
        if name == "relu":
            return self.fn("relu", [a], max(a.lo, 0.0), max(a.hi, 0.0))
        if name == "square":
            return self.square(a)
        if name == "cube":
            return self.mono("cube", a, lambda t: t ** 3)
        if name == "pown":  # tapeless::pow<N>(a) against a repeated product
            n = r.choice([2, 3, 4])
            b = self.scaled(a, 2.5)
            ps = [b.lo ** n, b.hi ** n] + ([0.0] if b.lo <= 0 <= b.hi else [])
            return N(f"tapeless::pow<{n}>({b.tl})", f"g::pown<{n}>({b.ge})", min(ps), max(ps),
                     b.depth + 1)
        if name == "powc":  # pow(a, c<N>): integral compile-time exponent
            n = r.choice([2, 3])
            b = self.scaled(a, 2.5)
            ps = [b.lo ** n, b.hi ** n] + ([0.0] if b.lo <= 0 <= b.hi else [])
            return N(f"tapeless::pow({b.tl}, tapeless::c<{n}>)", f"g::pown<{n}>({b.ge})",
                     min(ps), max(ps), b.depth + 1)
        if name == "numpow":  # number ^ expression
            base = round(r.uniform(0.3, 3.0), 2)
            b = self.scaled(a, 3.0)
            vals = [base ** b.lo, base ** b.hi]
            return N(f"tapeless::pow({lit(base)}, {b.tl})", f"g::pow(T({lit(base)}), {b.ge})",
                     min(vals), max(vals), b.depth + 1)
        if name == "pownum":  # positive expression ^ number
            e = round(r.uniform(-2.5, 2.5), 2)
            b = self.positive(a)
            vals = [b.lo ** e, b.hi ** e]
            return N(f"tapeless::pow({b.tl}, {lit(e)})", f"g::pow({b.ge}, T({lit(e)}))",
                     min(vals), max(vals), b.depth + 1)
        return self.neg(a)

    def cond(self, a, b):
        r = self.rng
        op = r.choice(["<", "<=", ">", ">="])
        if r.random() < 0.3:  # against a number inside a's range
            v = round(r.uniform(a.lo, a.hi), 2) if a.hi > a.lo else a.lo
            c = (f"({a.tl} {op} {lit(v)})", f"(g::V({a.ge}) {op} {lit(v)})")
        else:
            c = (f"({a.tl} {op} {b.tl})", f"(g::V({a.ge}) {op} g::V({b.ge}))")
        k = r.random()
        if k < 0.15:
            return (f"(!{c[0]})", f"(!{c[1]})")
        if k < 0.3:
            d = self.cond_simple(b)
            j = r.choice(["&&", "||"])
            return (f"({c[0]} {j} {d[0]})", f"({c[1]} {j} {d[1]})")
        return c

    def cond_simple(self, a):
        op = self.rng.choice(["<", ">"])
        v = round(self.rng.uniform(a.lo, a.hi), 2) if a.hi > a.lo else a.lo
        return (f"({a.tl} {op} {lit(v)})", f"(g::V({a.ge}) {op} {lit(v)})")

    def binary(self, a, b):
        r = self.rng
        name = r.choice(["+", "-", "*", "/", "+", "-", "*", "numop", "atan2", "hypot", "hypot3",
                         "min", "max", "fmin", "fmax", "copysign", "fma", "lse", "lse3", "pow",
                         "select", "select"])
        if name in ("+", "-", "*"):
            return self.binop(name, a, b)
        if name == "/":
            return self.binop("/", a, self.away_from_zero(b))
        if name == "numop":  # a run-time or compile-time constant on either side
            c = self.rconst(-3.0, 3.0)
            op = r.choice(["+", "-", "*", "/"])
            if op == "/":
                if r.random() < 0.5 and abs(c.lo) >= 0.1:
                    return self.binop("/", a, c)
                return self.binop("/", c, self.away_from_zero(a))
            return self.binop(op, c, a) if r.random() < 0.5 else self.binop(op, a, c)
        if name == "atan2":
            if not (b.lo >= 0.3 or b.hi <= -0.3 or a.lo >= 0.3 or a.hi <= -0.3):
                b = self.away_from_zero(b)
            return self.fn("atan2", [a, b], -math.pi, math.pi)
        if name in ("hypot", "hypot3"):
            args = [a, b]
            if name == "hypot3":
                args.append(self.const(round(r.uniform(0.5, 2), 2)))
            elif not any(x.lo >= 0.3 or x.hi <= -0.3 for x in args):
                args[1] = self.away_from_zero(b)
            m = math.sqrt(sum(x.mag ** 2 for x in args))
            return self.fn("hypot", args, 0.0, m)
        if name in ("min", "max", "fmin", "fmax"):
            f = min if "min" in name else max
            ge = "fmin" if "min" in name else "fmax"
            return self.fn(ge, [a, b], f(a.lo, b.lo), f(a.hi, b.hi), tl_name=name)
        if name == "copysign":
            return self.fn("copysign", [a, b], -a.mag, a.mag)
        if name == "fma":
            c = self.pick()
            p = self.binop("*", a, b)
            return self.fn("fma", [a, b, c], p.lo + c.lo, p.hi + c.hi)
        if name in ("lse", "lse3"):
            args = [a, b] + ([self.pick()] if name == "lse3" else [])
            lo = max(x.lo for x in args)
            hi = max(x.hi for x in args) + math.log(len(args))
            return self.fn("log_sum_exp", args, lo, hi)
        if name == "pow":
            base = self.positive(a)
            ex = self.scaled(b, 2.0)
            vals = [base.lo ** ex.lo, base.lo ** ex.hi, base.hi ** ex.lo, base.hi ** ex.hi]
            return self.fn("pow", [base, ex], min(vals), max(vals))
        # select(condition, a, b): the condition on a third node or on a and b
        c = self.cond(self.pick(), self.pick())
        x, y = a, b
        if r.random() < 0.2:  # a number as one branch
            y = self.rconst(-2.0, 2.0)
        return N(f"tapeless::select({c[0]}, {x.tl}, {y.tl})",
                 f"g::sel({c[1]}, {x.ge}, {y.ge})", min(x.lo, y.lo), max(x.hi, y.hi),
                 1 + max(x.depth, y.depth))

    # ---- the DAG ------------------------------------------------------------------------------
    def pick(self):
        # 30 % the newest node (long chains: depth), 30 % one of the six newest, 40 % any
        # earlier node (sharing far back in the DAG); operands deeper than 25 are not reused,
        # so that wrappers keep the depth near 30 at most
        r = self.rng
        cands = [n for n in self.pool if n.depth <= 25]
        k = r.random()
        if k < 0.3:
            return cands[-1]
        if k < 0.6 and len(cands) > 6:
            return r.choice(cands[-6:])
        return r.choice(cands)

    def expression(self, max_ops):
        r = self.rng
        nv = r.randint(1, 10)
        used_vars = sorted(r.sample(range(10), nv))
        self.pool = [N(f"x{i}", f"x[{i}]", -2.0, 2.0, 0, leaf=True) for i in used_vars]
        lines = []
        nops = r.randint(3, max_ops)
        for k in range(nops):
            if r.random() < 0.4:
                a = self.pick()
                node = self.unary(a)
            else:
                a, b = self.pick(), self.pick()
                node = self.binary(a, b)
            node = self.cap(node)
            name = f"e{k}"
            tl = node.tl
            if r.random() < 0.15:  # a named intermediate
                self.nlet += 1
                tl = f'tapeless::let<"k{self.index}_u{self.nlet}">({tl})'
            lines.append((f"  const auto {name} = {tl};", f"  const T {name} = {node.ge};"))
            ref = N(name, name, node.lo, node.hi, node.depth)
            self.pool.append(ref)
        # the root: every node nobody uses (and the last), summed, so that all of them matter
        inner = [n for n in self.pool if not n.leaf]
        text = " ".join(b for _, b in lines)
        sinks = [n for n in inner
                 if len(re.findall(rf"\b{n.ge}\b", text)) == 1]  # only its own definition
        if not sinks:
            sinks = [inner[-1]]
        root_tl = " + ".join(n.tl for n in sinks)
        root_ge = " + ".join(n.ge for n in sinks)
        depth = max(n.depth for n in self.pool)
        return lines, root_tl, root_ge, depth, len(used_vars)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=75)
    ap.add_argument("--first", type=int, default=0, help="index of the first expression")
    ap.add_argument("--max-ops", type=int, default=30)
    args = ap.parse_args()

    out = [f"// Generated by tests/fuzz/generate.py --seed {args.seed} --count {args.count} "
           f"--first {args.first} --max-ops {args.max_ops}: do not edit.",
           "// SPDX-License-Identifier: BSL-1.0",
           '#include "fuzz_common.hpp"', "",
           "namespace {", "using namespace fuzz;", ""]
    ids = []
    for i in range(args.first, args.first + args.count):
        rng = random.Random(f"{args.seed}:{i}")
        lines, root_tl, root_ge, depth, nv = Gen(rng, i).expression(args.max_ops)
        ids.append(i)
        out.append(f"// k{i}: {nv} variables, depth {depth}")
        out.append(f"namespace k{i} {{")
        out.append("constexpr auto make() {")
        out += [a for a, _ in lines]
        out.append(f"  return {root_tl};")
        out.append("}")
        out.append("template <class T>")
        out.append("T generic(const T* x) {")
        out.append("  (void)x;")
        out += [b for _, b in lines]
        out.append(f"  return {root_ge};")
        out.append("}")
        out.append(f"}}  // namespace k{i}")
        out.append("")
    out.append("}  // namespace")
    out.append("")
    out.append("int main(int argc, char** argv) {")
    out.append("  fuzz::runner r(argc, argv);")
    for i in ids:
        out.append(f"  r.run(\"k{i} (seed {args.seed})\", {i}, "
                   f"[](const double* p) {{ constexpr auto f = k{i}::make(); "
                   f"return tapeless_eval(f, p); }}, "
                   f"k{i}::generic<ld>, k{i}::generic<adouble>, k{i}::generic<mag>);")
    out.append("  return r.finish();")
    out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
