#!/usr/bin/env python3
"""Instructions executed per gradient (valgrind --tool=callgrind), tapeless next to hand-written:
stable on noisy machines, unlike timings. Libm calls (sin, exp, ...) are included.

usage: callgrind.py [--suite codegen|transforms] [--compilers g++,clang++-19] [--opt -O2]
                    [--calls 1000] [--max-adjoint-ratio R]

Builds the suite's functions.cpp (noinline gradients; with --suite transforms, the Jacobian,
Hessian and Hessian-vector products of benchmarks/transforms) with its callgrind.cpp (a driver
that checks each pair agrees), runs it under callgrind, and prints inclusive instructions per
call of each function. --max-adjoint-ratio R makes it a gate (CI runs it with 1.05, test
`codegen_adjoint_gate`): exit status 1 when tapeless executes more than R times the
instructions of the reverse sweep written by hand (the codegen suite's `_adjoint` functions:
the same arithmetic in the same order, so the ratio is what the library adds), or when a
function is missing from the profile.
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
                    os.path.join(here, "callgrind.cpp"), "-o", exe,
                    # libm bound at load time: a lazily bound first call would charge the
                    # dynamic linker's work to whichever function calls sin first
                    "-Wl,-z,now"], check=True)
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
    ap.add_argument("--max-adjoint-ratio", type=float)
    args = ap.parse_args()
    worst, missing = 0.0, 0
    print(f"{'compiler':<12} {'opt':<4} {'function':<12} {'hand':>8} {'tapeless':>9} {'ratio':>6}   (instructions per gradient, libm included)")
    with tempfile.TemporaryDirectory() as tmp:
        for cxx in args.compilers.split(","):
            for opt in args.opt.split(","):
                c = measure(cxx, opt, args.calls, tmp, args.suite)
                for p in SUITES[args.suite]:
                    h, t = c.get(p + "_hand"), c.get(p + "_tapeless")
                    a = c.get(p + "_adjoint")
                    if h is None or t is None or (args.max_adjoint_ratio is not None and a is None):
                        print(f"{cxx:<12} {opt:<4} {p:<12} (not found in the profile)")
                        missing += 1
                        continue
                    adj = f"   adjoint by hand {a:.1f} ({t / a:.2f})" if a is not None else ""
                    if a is not None:
                        worst = max(worst, t / a)
                    print(f"{cxx:<12} {opt:<4} {p:<12} {h:>8.1f} {t:>9.1f} {t / h:>6.2f}{adj}")
    if args.max_adjoint_ratio is not None:
        ok = missing == 0 and worst <= args.max_adjoint_ratio
        print(f"worst tapeless / adjoint by hand {worst:.3f}: {'within' if ok else 'ABOVE'} the gate of "
              f"{args.max_adjoint_ratio:.2f}" + (f" ({missing} missing)" if missing else ""))
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
