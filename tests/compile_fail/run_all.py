#!/usr/bin/env python3
# Runs every compile-fail case of this folder through run.py, on each compiler.
# SPDX-License-Identifier: BSL-1.0
"""Every compile-fail case, on g++-12, clang++-16 and clang++-19 (those installed).

usage: run_all.py [--compiler CXX]... [--include DIR] [--flags="..."] [--compile] [-j N]
                  [--verbose] [--list]

Each case is one run.py call: FILE, --variant N, the regexes below. Prints run.py's PASS/FAIL
lines, then "N passed, M failed"; exits 1 if any failed or no compiler was found.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "run.py")
MAX_LINES = 25  # lines of compiler output for one mistake
INCLUDE = os.path.normpath(os.path.join(HERE, "..", "..", "include"))


def var(name):
    """How both compilers print tapeless::var<"name"> (g++ and clang differ only in spacing)."""
    return r'tapeless::var<tapeless::fixed_string<%d>\{"%s"\}>' % (len(name) + 1, name)


# Each rule's message, as both compilers print it in the first error line (the headers'
# texts up to where the g++ text names the variable and the clang text says "named here").
MISSING = r"tapeless: every variable of the expression needs a value in at\(\.\.\.\); bind "
TWICE = r"tapeless: at\(\.\.\.\) binds .*twice; give each variable one value: at\("
NOT_A_NUMBER = (r"tapeless: a variable can only be bound to a number "
                r"\(int, float, double, long double; not bool\); bind ")

# g++: the message, with the variable's name in it, is an incomplete type's template argument.
GCC = r"error: invalid application of 'sizeof' to incomplete type " \
      r"'tapeless::error::message<tapeless::fixed_string<\d+>\{\"%s\"\}>'"
# clang: a static_assert whose condition names the variable.
CLANG = r"error: static assertion failed due to requirement 'tapeless::error::%s': %s"


def missing(variant, n):
    return ("missing_binding.cpp", variant, [MISSING],
            [GCC % (MISSING + r"%s: at\(\.\.\., %s = value\)" % (n, n))],
            [CLANG % (r"no_value_bound_for<%s>" % var(n),
                      MISSING + r"the variable named here: at\(\.\.\., <name> = value\)")])


def twice(variant, n):
    return ("bound_twice.cpp", variant, [TWICE],
            [GCC % (r"tapeless: at\(\.\.\.\) binds %s twice; give each variable one value: "
                    r"at\(%s = value, \.\.\.\)" % (n, n))],
            [CLANG % (r"variable_bound_twice_in_at<%s>" % var(n),
                      r"tapeless: at\(\.\.\.\) binds the variable named here twice")])


def not_a_number(variant, n, value_type):
    return ("not_a_number.cpp", variant, [NOT_A_NUMBER],
            [GCC % (NOT_A_NUMBER + r"%s to one: %s = 2\.0" % (n, n))],
            [CLANG % (r"value_is_not_a_number<%s, %s>" % (var(n), value_type),
                      NOT_A_NUMBER + r"the variable named here to one: <name> = 2\.0")])


BRANCH = (r"tapeless: an expression has no value to branch on with `if`, `\?:`, `&&` or `\|\|` "
          r"\(it is evaluated later, at each point\); write "
          r"tapeless::select\(condition, value_if_true, value_if_false\) instead")
NOT_A_CONDITION = r"tapeless::select\(c, a, b\): c must be a condition on expressions, e\.g\. `x > 0`"

NOT_A_VARIABLE = r"tapeless: a gradient has one entry per variable: g\[x\] with x a tapeless::var"
NO_RULE = r"tapeless::make_node<Op>\(args\.\.\.\): Op has no derivative rule; give it"


def branch(variant):
    return ("branch_on_expression.cpp", variant, [BRANCH], [], [])


# (file, variant, regexes for all compilers, extra g++ regexes, extra clang regexes)
CASES = [
    missing(1, "y"),  # grad
    missing(2, "y"),  # eval
    missing(3, "y"),  # value_and_grad
    missing(4, "y"),  # y and z unbound: one error, for y
    twice(1, "x"),
    twice(2, "x"),  # double and float
    twice(3, "x"),  # inside grad(...)
    not_a_number(1, "x", r"char ?\[6\]"),
    not_a_number(2, "x", r"some_struct"),
    not_a_number(3, "x", r"bool"),
    not_a_number(4, "y", r"char ?\[2\]"),  # inside grad(at(...))
    branch(1),  # if (x > 0)
    branch(2),  # (x > 0) ? a : b
    ("branch_on_expression.cpp", 3, [NOT_A_CONDITION], [], []),  # select(x, ...)
    ("not_a_variable.cpp", 1, [NOT_A_VARIABLE], [], []),  # g[x * y]
    ("not_a_variable.cpp", 2, [NO_RULE], [], []),  # an operation without adjoint
    ("vector_shapes.cpp", 1, [r"tapeless: the vector operands of an elementwise operation must have "
                              r"the same length \(a scalar operand is broadcast\)"], [], []),
    ("vector_shapes.cpp", 2, [r"tapeless: a vec<Name, N> is bound to exactly N numbers"], [], []),
    ("vector_shapes.cpp", 3, [r"tapeless: grad and value_and_grad take a scalar expression"], [], []),
    ("vector_shapes.cpp", 4, [r"tapeless::matmul\(A, B\): A's number of columns must equal B's "
                              r"number of rows"], [], []),
    ("vector_shapes.cpp", 5, [r"tapeless: a mat<Name, M, N> is bound to M×N numbers"], [], []),
    ("vector_shapes.cpp", 6, [r"tapeless: the vector operands of an elementwise operation must have "
                              r"the same length \(a scalar operand is broadcast\), and matrices the "
                              r"same shape"], [], []),
    ("vector_shapes.cpp", 7, [r"tapeless::matmul\(A, B\) multiplies matrices and vectors"], [], []),
    ("vector_shapes.cpp", 8, [r"tapeless: the vector operands of a reduction \(dot\(u, v\)\) must have "
                              r"the same length"], [], []),
    ("not_a_variable.cpp", 3, [r"tapeless: \^ is exclusive or in C\+\+, not a power"], [], []),
]


def default_compilers():
    found = []
    gcc = shutil.which("g++-12") or shutil.which("g++")
    if gcc:
        found.append(os.path.basename(gcc))
    for c in ("clang++-16", "clang++-19"):
        if shutil.which(c):
            found.append(c)
    return found


def command(compiler, args, case):
    file, variant, common, gcc, clang = case
    cmd = [sys.executable, RUN, "--compiler", compiler, "--include", args.include,
           "--variant", str(variant)]
    cmd += [f"--flags={f}" for f in args.flags or []]
    if args.compile:
        cmd.append("--compile")
    cmd += [a for r in gcc for a in ("--gcc", r)]
    cmd += [a for r in clang for a in ("--clang", r)]
    if args.verbose:
        cmd.append("--verbose")
    cmd += ["--", os.path.join(HERE, file), *common]
    return cmd


def main():
    p = argparse.ArgumentParser(prog="run_all.py")
    p.add_argument("--compiler", action="append",
                   help="compiler to test (repeatable; default: g++-12 or g++, clang++-16, "
                   "clang++-19, those installed)")
    p.add_argument("--include", default=INCLUDE, help=f"include directory (default {INCLUDE})")
    p.add_argument("--flags", action="append",
                   help='compiler flags for run.py (default: its own); write --flags="..."')
    p.add_argument("--compile", action="store_true", help="compile (-c), not -fsyntax-only")
    p.add_argument("-j", type=int, default=2, help="parallel compilations (default 2)")
    p.add_argument("--verbose", action="store_true", help="compiler output of failed cases")
    p.add_argument("--list", action="store_true", help="print the run.py commands only")
    args = p.parse_args()
    compilers = args.compiler or default_compilers()
    if not compilers:
        print("run_all.py: no compiler found")
        return 1
    cmds = [command(c, args, case) for c in compilers for case in CASES]
    if args.list:
        import shlex
        try:
            for cmd in cmds:
                print(shlex.join(cmd))
        except BrokenPipeError:
            pass
        return 0

    def run(cmd):
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        return r.returncode, r.stdout.decode("utf-8", "replace")

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        results = list(pool.map(run, cmds))
    passed = 0
    for rc, out in results:
        print(out, end="" if out.endswith("\n") else "\n")
        # The whole diagnostic stays short: the first error line says what to do, and the
        # instantiation context after it is bounded (measured: 8 to 19 lines on g++ 12 and
        # clang 16/19; the table is in the closing note and docs/pitfalls.md).
        m = re.search(r"(\d+) lines:", out)
        if rc == 0 and m and int(m.group(1)) > MAX_LINES:
            print(f"FAIL: {int(m.group(1))} lines of diagnostics, at most {MAX_LINES}")
            rc = 1
        passed += rc == 0
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
