#!/usr/bin/env python3
"""Instructions executed per gradient (valgrind --tool=callgrind), tapeless next to hand-written:
stable on noisy machines, unlike timings. Libm calls (sin, exp, ...) are included.

usage: callgrind.py [--suite codegen|transforms] [--compilers g++,clang++-19] [--opt -O2]
                    [--calls 1000]

Builds the suite's functions.cpp (noinline gradients; with --suite transforms, the Jacobian,
Hessian and Hessian-vector products of benchmarks/transforms) with its callgrind.cpp (a driver
that checks each pair agrees), runs it under callgrind, and prints inclusive instructions per
call of each function.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

BENCHMARKS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = os.path.join(BENCHMARKS, "..", "include")
SUITES = {
    "codegen": ["cubic", "sinc", "rosenbrock", "sinexp"],
    "transforms": ["jacobian3", "jacobian3_values", "hessian_rosenbrock10", "hvp_dense", "hvp_dense_vars"],
}


def measure(cxx, opt, calls, tmp, suite):
    exe = os.path.join(tmp, "driver")
    here = os.path.join(BENCHMARKS, suite)
    subprocess.run([cxx, "-std=c++20", opt, "-I", INCLUDE, os.path.join(here, "functions.cpp"),
                    os.path.join(here, "callgrind.cpp"), "-o", exe], check=True)
    out = os.path.join(tmp, "callgrind.out")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", exe, str(calls)],
                   check=True, capture_output=True)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                          check=True, capture_output=True, text=True).stdout
    counts = {}
    for line in text.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\([^)]*\)\s+(?:\S*:)?(\w+_(?:hand|adjoint|tapeless))\b", line)
        if m:
            counts[m.group(2)] = int(m.group(1).replace(",", "")) / calls
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compilers", default="g++,clang++-19")
    ap.add_argument("--opt", default="-O2")
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--suite", choices=sorted(SUITES), default="codegen")
    args = ap.parse_args()
    print(f"{'compiler':<12} {'opt':<4} {'function':<12} {'hand':>8} {'tapeless':>9} {'ratio':>6}   (instructions per gradient, libm included)")
    with tempfile.TemporaryDirectory() as tmp:
        for cxx in args.compilers.split(","):
            for opt in args.opt.split(","):
                c = measure(cxx, opt, args.calls, tmp, args.suite)
                for p in SUITES[args.suite]:
                    h, t = c.get(p + "_hand"), c.get(p + "_tapeless")
                    if h is None or t is None:
                        print(f"{cxx:<12} {opt:<4} {p:<12} (not found in the profile)")
                        continue
                    a = c.get(p + "_adjoint")
                    adj = f"   adjoint by hand {a:.1f} ({t / a:.2f})" if a is not None else ""
                    print(f"{cxx:<12} {opt:<4} {p:<12} {h:>8.1f} {t:>9.1f} {t / h:>6.2f}{adj}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
