#!/usr/bin/env python3
"""Instruction counts of the noinline gradient functions in functions.cpp, tapeless next to
hand-written, for each compiler and optimisation level.

usage: count.py [--compilers g++,clang++-19] [--opt -O2,-O3] [--listing NAME]
                [--listing-adjoint NAME] [--max-ratio R]

For each function: the number of instructions of its body (objdump -d, the function's own
symbol only) and the calls it makes (sin, cos, ...), for three versions: the closed form a
person derives and simplifies by hand (`hand`, the baseline of the ratio), the reverse sweep
written by hand, one statement per node as a source transformation tool would emit it
(`adjoint`: the same arithmetic in the same order as tapeless, so it shows what the library
itself adds), and tapeless. --listing prints the hand-written and the tapeless listing of one
function side by side (--listing-adjoint: the adjoint and tapeless). --max-ratio R makes it a
gate: exit status 1 when a tapeless body has more than R times the instructions of the
hand-written one (CI runs it; see docs/benchmarks.md for why R is not yet 1.05).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.join(HERE, "..", "..", "include")


def disassemble(cxx, opt, tmp):
    obj = os.path.join(tmp, "f.o")
    subprocess.run([cxx, "-std=c++20", opt, "-c", "-I", INCLUDE, os.path.join(HERE, "functions.cpp"),
                    "-o", obj], check=True)
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-r", obj], check=True,
                         capture_output=True, text=True).stdout
    funcs = {}
    name = None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            name = m.group(1)
            funcs[name] = {"insns": [], "calls": []}
            continue
        if name is None:
            continue
        if re.match(r"^\s+[0-9a-f]+:\s+R_X86_64_PLT32\s+(\S+)", line):
            target = re.match(r"^\s+[0-9a-f]+:\s+R_X86_64_PLT32\s+(\S+)", line).group(1)
            funcs[name]["calls"].append(target.split("-")[0])
            continue
        m = re.match(r"^\s+[0-9a-f]+:\s+(.*)$", line)
        if m and m.group(1).strip() and not m.group(1).startswith("R_"):
            insn = m.group(1).strip()
            if insn.startswith(("nop", "cs nop", "data16", "xchg   %ax,%ax")):
                continue  # alignment padding
            funcs[name]["insns"].append(insn)
    return funcs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compilers", default="g++,clang++-19")
    ap.add_argument("--opt", default="-O2")
    ap.add_argument("--listing")
    ap.add_argument("--listing-adjoint")
    ap.add_argument("--max-ratio", type=float)
    args = ap.parse_args()
    worst = 0.0
    pairs = ["cubic", "sinc", "rosenbrock", "sinexp"]
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'compiler':<12} {'opt':<4} {'function':<12} {'hand':>6} {'adjoint':>8} {'tapeless':>9} {'ratio':>6} "
              f"{'/adj.':>6}  calls (hand | tapeless)")
        for cxx in args.compilers.split(","):
            for opt in args.opt.split(","):
                funcs = disassemble(cxx, opt, tmp)

                def row(label, base, tapeless, note):
                    h, a, t = (len(funcs[base + "_hand"]["insns"]), len(funcs[base + "_adjoint"]["insns"]),
                               len(funcs[tapeless]["insns"]))
                    print(f"{cxx:<12} {opt:<4} {label:<12} {h:>6} {a:>8} {t:>9} {t / h:>6.2f} {t / a:>6.2f}  {note}")
                    return t / h

                for p in pairs:
                    calls = " | ".join(",".join(funcs[p + k]["calls"]) or "-" for k in ("_hand", "_tapeless"))
                    worst = max(worst, row(p, p, p + "_tapeless", calls))
                row("rosen. (rt)", "rosenbrock", "rosenbrock_rt_tapeless", "(1.0 and 100.0 as run-time constants)")
                for name, kind in ((args.listing, "hand"), (args.listing_adjoint, "adjoint")):
                    if not name:
                        continue
                    h = funcs[name + "_" + kind]["insns"]
                    t = funcs[name + "_tapeless"]["insns"]
                    print(f"--- {name}: {'hand-written' if kind == 'hand' else 'adjoint by hand'} | tapeless ({cxx} {opt})")
                    for i in range(max(len(h), len(t))):
                        a = h[i] if i < len(h) else ""
                        b = t[i] if i < len(t) else ""
                        print(f"  {a:<45} | {b}")
    if args.max_ratio is not None:
        verdict = "within" if worst <= args.max_ratio else "ABOVE"
        print(f"worst ratio {worst:.2f}: {verdict} the gate of {args.max_ratio:.2f}")
        return 0 if worst <= args.max_ratio else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
