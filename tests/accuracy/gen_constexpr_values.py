#!/usr/bin/env python3
# Prints the static_asserts of constexpr_values.cpp: correctly rounded values (mpmath at 1000
# bits, then rounded to nearest-even at the target precision) of the cx:: functions at
# arguments exact in float, double and x87 long double.  Kept so the literals can be
# regenerated and checked: python3 gen_constexpr_values.py
# SPDX-License-Identifier: BSL-1.0
import mpmath
from mpmath import mp, mpf

mp.prec = 1000

TYPES = [('float', 24, 'f', -126), ('double', 53, '', -1022), ('long double', 64, 'L', -16382)]


def round_to(x, p):
    """x rounded to nearest-even with p bits (normal range only)."""
    if x == 0:
        return (0, 0)
    s = -1 if x < 0 else 1
    m, e = mpmath.frexp(abs(x))  # m in [1/2, 1)
    scaled = m * mpf(2) ** p
    n = int(mpmath.floor(scaled))
    frac = scaled - n
    if frac > mpf(1) / 2 or (frac == mpf(1) / 2 and n % 2 == 1):
        n += 1
    return (s * n, e - p)


def literal(x, p, suffix):
    n, e = round_to(x, p)
    if n == 0:
        return '0.0' + suffix
    sign = '-' if n < 0 else ''
    return '%s0x%xp%d%s' % (sign, abs(n), e, suffix)


def arg(v, suffix):
    return float(v).hex() + suffix  # exact in every type


CASES = [
    ('cbrt', [2.0], lambda x: mpmath.cbrt(x)),
    ('cbrt', [-0.75], lambda x: -mpmath.cbrt(-x)),
    ('exp2', [0.5], lambda x: mpf(2) ** x),
    ('exp2', [-7.75], lambda x: mpf(2) ** x),
    ('log2', [3.0], lambda x: mpmath.log(x, 2)),
    ('log2', [10.0], lambda x: mpmath.log(x, 2)),
    ('log10', [2.0], mpmath.log10),
    ('log10', [0.75], mpmath.log10),
    ('tan', [1.0], mpmath.tan),
    ('tan', [2.0 ** 100], mpmath.tan),
    ('tan', [-1.5], mpmath.tan),
    ('asin', [0.5], mpmath.asin),
    ('asin', [-0.75], mpmath.asin),
    ('acos', [0.25], mpmath.acos),
    ('acos', [-0.5], mpmath.acos),
    ('atan', [0.5], mpmath.atan),
    ('atan', [-1e10], mpmath.atan),
    ('atan2', [1.0, -2.0], mpmath.atan2),
    ('atan2', [-3.0, 0.5], mpmath.atan2),
    ('sinh', [0.5], mpmath.sinh),
    ('sinh', [-20.0], mpmath.sinh),
    ('cosh', [2.0], mpmath.cosh),
    ('cosh', [-0.125], mpmath.cosh),
    ('tanh', [0.25], mpmath.tanh),
    ('tanh', [-3.0], mpmath.tanh),
    ('asinh', [0.5], mpmath.asinh),
    ('asinh', [-100.0], mpmath.asinh),
    ('acosh', [1.5], mpmath.acosh),
    ('acosh', [1000.0], mpmath.acosh),
    ('atanh', [0.5], mpmath.atanh),
    ('atanh', [-0.125], mpmath.atanh),
    ('hypot', [3.5, 1.25], lambda x, y: mpmath.sqrt(x * x + y * y)),
    ('hypot', [1.0, 2.0, 3.0], lambda x, y, z: mpmath.sqrt(x * x + y * y + z * z)),
]

# double only: near the overflow threshold
DOUBLE_ONLY = [
    ('cosh', [710.0], mpmath.cosh),
    ('sinh', [-710.0], mpmath.sinh),
    ('hypot', [1e308, 1e308], lambda x, y: mpmath.sqrt(mpf(x) ** 2 + mpf(y) ** 2)),
    ('exp2', [1023.5], lambda x: mpf(2) ** x),
]

for name, args, f in CASES:
    for tname, p, suf, _ in TYPES:
        val = f(*[mpf(a) for a in args])
        call = 'cx::%s(%s)' % (name, ', '.join(arg(a, suf) for a in args))
        print('static_assert(same(%s, %s), "%s (%s) must be correctly rounded");'
              % (call, literal(val, p, suf), name, tname))
for name, args, f in DOUBLE_ONLY:
    val = f(*[mpf(a) for a in args])
    call = 'cx::%s(%s)' % (name, ', '.join(arg(a, '') for a in args))
    print('static_assert(same(%s, %s), "%s (double) must be correctly rounded");'
          % (call, literal(val, 53, ''), name))
