#!/usr/bin/env python3
# Generator of the float polynomial tables of the float-only digamma (sf_psi_af, sf_psi_bf in
# include/tapeless/detail/constexpr_special.hpp), kept so that they can be checked and
# regenerated: Chebyshev interpolation with mpmath at 60 digits, coefficients rounded to float,
# and the maximum error of the rounded polynomial (with the exact constant term, which the
# header adds as a float pair) on 3001 points.  Not part of the build.
# Usage: python3 tests/accuracy/gen_float_only_tables.py   (needs python3-mpmath)
# SPDX-License-Identifier: BSL-1.0
import mpmath as mp

mp.mp.dps = 60


def to_float(v):
    return mp.fadd(v, 0, prec=24)  # nearest float (the exponents here are all normal)


def literal(v):
    s = mp.nstr(to_float(v), 9, min_fixed=-1, max_fixed=1).replace('e-0', 'e-').replace('e+0', 'e+')
    return s + ('' if ('e' in s or '.' in s) else '.0') + 'f'


x0 = mp.findroot(mp.digamma, 1.46)


def psi_a(t):  # psi(x0 + t) / t, x in [1, 2]
    return mp.psi(1, x0) if t == 0 else mp.digamma(x0 + t) / t


def psi_b(s):  # psi(2.5 + s), x in [2, 3]
    return mp.digamma(mp.mpf(5) / 2 + s)


def table(name, f, a, b, n, relative):
    coeffs = [to_float(c) for c in reversed(mp.chebyfit(f, [a, b], n))]
    worst = 0
    for i in range(3001):
        t = a + (b - a) * i / 3000
        exact = f(t)
        # the header adds c0 = f(0) as hi + lo, not as the rounded coeffs[0]
        err = abs(mp.polyval(list(reversed([f(mp.mpf(0))] + coeffs[1:])), t) - exact)
        worst = max(worst, err / abs(exact) if relative else err)
    kind = 'relative' if relative else 'absolute'
    print(f'// {name}: degree {n - 1}, {kind} error {mp.nstr(worst, 2)}')
    print(f'inline constexpr float {name}[] = {{' + ', '.join(literal(c) for c in coeffs) + '};')


table('sf_psi_af', psi_a, 1 - x0, 2 - x0, 12, True)
table('sf_psi_bf', psi_b, mp.mpf(-0.5), mp.mpf(0.5), 10, False)
