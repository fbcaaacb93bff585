#!/usr/bin/env python3
# The deterministic compile-time gate: counts clang's template instantiations (-ftime-trace) for
# a few fixed generated expressions and compares them with the checked-in baseline
# (benchmarks/compile_time/baseline.json). Times are too noisy to gate CI; instantiation counts
# are exact, and a change that multiplies them is a compile-time regression.
# SPDX-License-Identifier: BSL-1.0
"""usage: gate.py --source-root DIR --workdir DIR [--cxx clang++-19] [--update]

Counts are those of the expression TU minus those of the include-only TU, so that changes in the
standard library headers do not move them. A count outside baseline * (1 +- tolerance) fails the
test: more is a regression to fix; fewer is an improvement to record by rerunning with --update
(which rewrites the baseline) and committing the new file. Exit 77 (skipped) without clang 19.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source-root", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()

    bench = os.path.join(a.source_root, "benchmarks", "compile_time")
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, bench)
    import generate  # noqa: E402  (benchmarks/compile_time/generate.py)
    import instantiations  # noqa: E402

    baseline_path = os.path.join(bench, "baseline.json")
    with open(baseline_path) as f:
        baseline = json.load(f)
    cxx = shutil.which(a.cxx)
    if cxx is None:
        print(f"{a.cxx} not found: skipped (the baseline is for {baseline['compiler']})")
        return 77
    version = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    include = os.path.join(a.source_root, "include")
    os.makedirs(a.workdir, exist_ok=True)

    def count(shape, n, seed):
        tu = os.path.join(a.workdir, f"gate_{shape}_{n}_{seed}.cpp")
        with open(tu, "w") as f:
            f.write(generate.emit(shape, n, seed, "plain"))
        c = instantiations.counts(instantiations.trace(tu, cxx, include))
        return {k: c[k] for k in instantiations.COUNTED}

    base = count("include", 0, 1)
    measured = {}
    for p in baseline["points"]:
        c = count(p["shape"], p["n"], p["seed"])
        measured[p["name"]] = {k: c[k] - base[k] for k in c}

    if a.update:
        for p in baseline["points"]:
            p["counts"] = measured[p["name"]]
        baseline["compiler"] = version
        with open(baseline_path, "w") as f:
            json.dump(baseline, f, indent=2)
            f.write("\n")
        print(f"wrote {baseline_path}")
        return 0

    tol = baseline["tolerance"]
    failures = 0
    print(f"{'point':12} {'kind':20} {'baseline':>9} {'now':>9} {'change':>8}")
    for p in baseline["points"]:
        for kind, old in p["counts"].items():
            now = measured[p["name"]][kind]
            change = (now - old) / old if old else float(now != 0)
            verdict = ""
            if now > old * (1 + tol) + tol * 10:
                verdict = "  REGRESSION"
                failures += 1
            elif now < old * (1 - tol) - tol * 10:
                verdict = "  fewer: record with --update"
                failures += 1
            print(f"{p['name']:12} {kind:20} {old:9d} {now:9d} {change:+8.1%}{verdict}")
    if version != baseline["compiler"]:
        print(f"note: baseline from '{baseline['compiler']}', measured with '{version}'")
    if failures:
        print(f"\n{failures} count(s) outside +-{tol:.0%} of benchmarks/compile_time/baseline.json.\n"
              "A regression: find the template that multiplies with\n"
              "  benchmarks/compile_time/instantiations.py TU --top 20\n"
              f"(the TUs are in {a.workdir}). An intended change: rerun this script with --update\n"
              "and commit the new baseline, saying why in the commit message.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
