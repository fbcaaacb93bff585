#!/usr/bin/env python3
"""Compile time and peak compiler memory of the gradient of a dense-layer loss,
sum(square(matmul(W, x) + b)), for N×N matrices W and several N: the expression's type does not
depend on N (W is one node, matmul one dense node), so neither should the compile time.

Each TU takes the gradient in a noinline function (W and x bound by std::span of static extent,
as large data would be) and is compiled with -O2 -c under /usr/bin/time -v; the best of
--repeat runs is reported (the machine is shared). A TU that only includes the umbrella header
is measured too, so that the cost of the gradient itself can be read off.

usage: compile_time.py [--sizes 4,64,1024] [--compilers g++,clang++-19] [--repeat 3]
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "benchmarks", "compile_time"))
from measure import parse_time_v  # noqa: E402  (the /usr/bin/time -v reader of the scaling benchmark)

TU = """#include <tapeless/tapeless.hpp>
#include <span>
constexpr std::size_t n = {n};
constexpr tapeless::mat<"W", n, n> W;
constexpr tapeless::vec<"x", n> x;
constexpr tapeless::vec<"b", n> b;
[[gnu::noinline]] double gradient(std::span<const double, n * n> w, std::span<const double, n> xv,
                                  std::span<const double, n> bv, double* gw) {{
  const auto g = tapeless::grad(tapeless::sum(tapeless::square(tapeless::matmul(W, x) + b)),
                                tapeless::at(W = w, x = xv, b = bv));
  const auto gW = g[W];
  for (std::size_t i = 0; i < n; ++i) gw[i] = gW[i][0];
  return g[x][0] + g[b][0];
}}
"""

EMPTY = "#include <tapeless/tapeless.hpp>\n"


def measure(compiler, source, repeat):
    best = None
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "tu.cpp")
        with open(path, "w") as f:
            f.write(source)
        for _ in range(repeat):
            r = subprocess.run(["/usr/bin/time", "-v", compiler, "-std=c++20", "-O2", "-c",
                                "-I", os.path.join(ROOT, "include"), path, "-o",
                                os.path.join(d, "tu.o")],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"{compiler} failed:\n{r.stderr[-3000:]}")
            _, seconds, kb = parse_time_v(r.stderr)
            if best is None or seconds < best[0]:
                best = (seconds, kb)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="4,64,1024")
    ap.add_argument("--compilers", default="g++,clang++-19")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    print("| compiler | N | CPU seconds (user+sys) | peak memory (MB) | minus include-only: seconds, MB |")
    print("|---|---|---|---|---|")
    for c in a.compilers.split(","):
        base = measure(c, EMPTY, a.repeat)
        print(f"| {c} | (include only) | {base[0]:.2f} | {base[1] / 1024:.0f} | |")
        for n in sizes:
            t, kb = measure(c, TU.format(n=n), a.repeat)
            print(f"| {c} | {n} | {t:.2f} | {kb / 1024:.0f} | {t - base[0]:.2f}, {(kb - base[1]) / 1024:.0f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
