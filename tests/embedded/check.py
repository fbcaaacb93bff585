#!/usr/bin/env python3
# The Cortex-M4 check of issue 8: the public headers and the embedded example compile with
# arm-none-eabi-g++ for a hard-float Cortex-M4 at -Os without exceptions and RTTI; the headers
# include only freestanding standard headers; float code calls no double-precision helper; and
# every tapeless gradient of examples/embedded/kernels.cpp is at most 1.1x the code size of the
# hand-written one. Registered as a meson test by tests/embedded/meson.build; docs/embedded.md
# shows the output.
# SPDX-License-Identifier: BSL-1.0
"""Cortex-M4 compile, header, double-precision and code-size checks for tapeless.

Exit status 0 when every check passes, 1 when one fails, 2 when the tools are missing.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

TARGET_FLAGS = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"]
CODE_FLAGS = ["-Os", "-fno-exceptions", "-fno-rtti", "-ffunction-sections", "-fdata-sections"]
WARNING_FLAGS = ["-Wall", "-Wextra", "-Wpedantic", "-Wconversion", "-Wshadow", "-Werror"]
FLAGS = ["-std=c++20"] + TARGET_FLAGS + CODE_FLAGS + WARNING_FLAGS

# The C++26 freestanding headers (working draft [compliance], table "C++ headers for
# freestanding implementations"); a tapeless header may include no other standard header.
# <array> and <span> are freestanding since C++26 (C++23's table lacks them).
FREESTANDING = {
    "cstddef", "cstdlib", "cfloat", "climits", "limits", "version", "cstdint", "new", "typeinfo",
    "source_location", "exception", "initializer_list", "compare", "coroutine", "cstdarg",
    "concepts", "cerrno", "system_error", "memory", "type_traits", "ratio", "utility", "tuple",
    "optional", "variant", "expected", "functional", "charconv", "bit", "string_view", "string",
    "cstring", "cwchar", "array", "inplace_vector", "span", "mdspan", "iterator", "ranges",
    "algorithm", "numeric", "cmath", "atomic", "debugging",
}
# ... but of <cmath> and <string> only parts are freestanding, and tapeless promises neither
# (no <cmath> in library headers: detail/math.hpp calls builtins).
FORBIDDEN_ANYWAY = {"cmath", "math.h", "string", "cstdlib", "stdlib.h", "cstdio", "stdio.h"}

# Undefined symbols an object may reference: the float libm functions (name + "f"), and what
# GCC requires of any freestanding environment (memcpy, memmove, memset, memcmp).
LIBM = [
    "sqrt", "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
    "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf",
    "erfc", "tgamma", "lgamma", "hypot", "pow", "fmin", "fmax", "copysign", "fma", "fabs",
    "sincos",
]
FLOAT_LIBM = {name + "f" for name in LIBM}
DOUBLE_LIBM = set(LIBM) | {name + "l" for name in LIBM}
FREESTANDING_C = {"memcpy", "memmove", "memset", "memcmp"}
# Run-time ABI helpers of double precision (the FPU is single precision only, so every double
# operation is one of these calls): __aeabi_dadd, __aeabi_f2d, __aeabi_i2d, __aeabi_d2f, ...
DOUBLE_HELPER = re.compile(r"^__aeabi_(d[a-z0-9]+|[a-z0-9]+2d)$")

# Gradients of tests/embedded/all_functions.cpp allowed to compute in double (name: reason),
# none at present: digamma/trigamma (the derivatives of tgamma, lgamma, digamma) and
# three-argument hypot, the last ones, have float-only paths on this target since
# TAPELESS_CONFIG_FLOAT_ONLY_MATH (tapeless/config.hpp). Strict: a function listed here that
# becomes float-only fails the check, so that the entry is removed. See docs/embedded.md.
KNOWN_DOUBLE: dict[str, str] = {}

MAX_RATIO = 1.1

# Public headers that are not for this target (they #error elsewhere by design).
NOT_FOR_CORTEX_M = {"tapeless/cuda.hpp": "nvcc only"}


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, text=True, capture_output=True, **kwargs)


class Checker:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.root = pathlib.Path(args.root).resolve()
        self.include = pathlib.Path(args.include).resolve() if args.include else self.root / "include"
        self.work = pathlib.Path(args.build).resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        self.cxx = args.cxx
        prefix = args.cxx[: -len("g++")] if args.cxx.endswith("g++") else "arm-none-eabi-"
        self.nm = shutil.which(prefix + "nm") or prefix + "nm"
        self.objdump = shutil.which(prefix + "objdump") or prefix + "objdump"
        self.size = shutil.which(prefix + "size") or prefix + "size"
        self.failures: list[str] = []
        self.direct_std: set[str] = set()

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print("FAIL: " + message)

    def compile(self, source: pathlib.Path, output: pathlib.Path, extra: list[str] = ()) -> bool:
        cmd = [self.cxx] + FLAGS + list(extra) + ["-I", str(self.include), "-c", str(source),
                                                  "-o", str(output)]
        result = run(cmd)
        if result.returncode != 0:
            self.fail(f"{source.name} does not compile for Cortex-M4:\n  {' '.join(cmd)}\n"
                      + result.stderr[-4000:])
            return False
        return True

    # ---- headers -------------------------------------------------------------------------
    def public_headers(self) -> list[str]:
        base = self.include / "tapeless"
        headers = sorted(str(p.relative_to(self.include)) for p in base.rglob("*.hpp"))
        for header in headers:
            if header in NOT_FOR_CORTEX_M:
                print(f"headers: <{header}> skipped ({NOT_FOR_CORTEX_M[header]})")
        return [h for h in headers if h not in NOT_FOR_CORTEX_M]

    def check_headers(self) -> None:
        """Each public header alone: compiles (also with -ffreestanding) and includes only
        freestanding standard headers."""
        headers = self.public_headers()
        bad_includes: dict[str, set[str]] = {}
        for header in headers:
            source = self.work / ("header_" + re.sub(r"\W", "_", header) + ".cpp")
            source.write_text(f"#include <{header}>\n", encoding="utf-8")
            for extra in ([], ["-ffreestanding"]):
                cmd = [self.cxx] + FLAGS + extra + ["-I", str(self.include), "-H",
                                                    "-fsyntax-only", str(source)]
                result = run(cmd)
                if result.returncode != 0:
                    self.fail(f"<{header}> does not compile alone{' ' + extra[0] if extra else ''}"
                              f":\n  {' '.join(cmd)}\n" + result.stderr[-3000:])
                    break
                if extra:
                    continue
                for name, includer in self.hosted_includes(result.stderr):
                    bad_includes.setdefault(name, set()).add(includer)
        for name, where in sorted(bad_includes.items()):
            self.fail(f"hosted-only header <{name}> included by " + ", ".join(sorted(where)))
        print(f"headers: {len(headers)} public headers compile alone for Cortex-M4 (also with "
              f"-ffreestanding); standard headers they include: "
              f"{', '.join(sorted(self.direct_std))}")

    def hosted_includes(self, h_output: str) -> list[tuple[str, str]]:
        """(header, includer) for every standard header a tapeless header includes directly
        that is not freestanding, and every C library header of the target's libc reached from
        outside the C library (the includer is the nearest tapeless header of the chain)."""
        found: list[tuple[str, str]] = []
        stack: list[str] = []  # the include chain, by depth
        libc = re.compile(r"/newlib/(?!c\+\+/)")
        for line in h_output.splitlines():
            m = re.match(r"^(\.+) (.*)$", line)
            if not m:
                continue
            depth, path = len(m.group(1)), m.group(2)
            del stack[depth - 1:]
            parent = stack[-1] if stack else ""
            stack.append(path)
            if self.is_tapeless(path):
                continue
            includer = next((p for p in reversed(stack) if self.is_tapeless(p)), "?")
            includer = str(pathlib.Path(includer).resolve().relative_to(self.include))
            if libc.search(path) and not libc.search(parent):
                found.append((re.sub(r"^.*/newlib/", "", path), includer + " (C library)"))
            if not parent or not self.is_tapeless(parent):
                continue
            # a standard header included directly by a tapeless header
            name = re.sub(r"^.*/c\+\+/[0-9.]+/", "", path)
            self.direct_std.add(name)
            if name not in FREESTANDING or name in FORBIDDEN_ANYWAY:
                found.append((name, includer))
        return found

    def is_tapeless(self, path: str) -> bool:
        return pathlib.Path(path).resolve().is_relative_to(self.include)

    # ---- objects ---------------------------------------------------------------------------
    def functions(self, obj: pathlib.Path) -> dict[str, dict]:
        """Defined functions of an object: size and the symbols each one calls or references."""
        sizes: dict[str, int] = {}
        for line in run([self.nm, "-S", "--defined-only", str(obj)]).stdout.splitlines():
            parts = line.split()
            if len(parts) == 4 and parts[2] in "TtWw":
                sizes[parts[3]] = int(parts[1], 16)
        refs: dict[str, set[str]] = {name: set() for name in sizes}
        current = None
        for line in run([self.objdump, "-dr", "--no-show-raw-insn", str(obj)]).stdout.splitlines():
            m = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
            if m:
                current = m.group(1)
                continue
            m = re.search(r"\sR_ARM_\w+\s+(\S+?)(?:[+-]0x[0-9a-f]+)?$", line)
            if m and current in refs:
                refs[current].add(m.group(1))
        return {name: {"size": sizes[name], "refs": refs[name]} for name in sizes}

    @staticmethod
    def reachable(functions: dict[str, dict], root: str) -> set[str]:
        seen, todo = {root}, [root]
        while todo:
            for ref in functions[todo.pop()]["refs"]:
                if ref not in seen:
                    seen.add(ref)
                    if ref in functions:
                        todo.append(ref)
        return seen

    def check_symbols(self, obj: pathlib.Path, roots: list[str], known: dict[str, str]) -> None:
        """No double helper, double libm call, allocation or exception support reachable from
        the exported functions; only float libm and mem* undefined."""
        functions = self.functions(obj)
        undefined = set(run([self.nm, "-u", str(obj)]).stdout.split()) - {"U", "w"}
        for symbol in sorted(undefined):
            if symbol in FLOAT_LIBM or symbol in FREESTANDING_C:
                continue
            if DOUBLE_HELPER.match(symbol) or symbol in DOUBLE_LIBM:
                continue  # attributed to its callers below
            self.fail(f"{obj.name} needs {symbol}, which is neither float libm nor "
                      f"{'/'.join(sorted(FREESTANDING_C))}")
        expected_failures = with_doubles = 0
        for root in roots:
            doubles = sorted(s for s in self.reachable(functions, root)
                             if DOUBLE_HELPER.match(s) or s in DOUBLE_LIBM)
            if root in known:
                if doubles:
                    expected_failures += 1
                    print(f"  known double in {root}: {known[root]}: {', '.join(doubles)}")
                else:
                    self.fail(f"{root} is float-only now: remove it from KNOWN_DOUBLE in "
                              f"{pathlib.Path(__file__).name}")
            elif doubles:
                with_doubles += 1
                self.fail(f"{root} in {obj.name} calls double-precision code: "
                          + ", ".join(doubles))
        print(f"doubles: {obj.name}: {len(roots)} float functions, "
              f"{len(roots) - expected_failures - with_doubles} without any double-precision call"
              + (f", {expected_failures} known exceptions" if expected_failures else ""))

    def check_sizes(self, obj: pathlib.Path) -> None:
        functions = self.functions(obj)
        pairs = sorted(name[: -len("_tapeless")] for name in functions if name.endswith("_tapeless"))
        print("\n| function (Cortex-M4, -Os) | hand-written bytes | tapeless bytes | ratio |")
        print("|---|---|---|---|")
        for base in pairs:
            sizes = []
            for variant in ("hand", "tapeless"):
                name = f"{base}_{variant}"
                if name not in functions:
                    self.fail(f"{name} missing from {obj.name}")
                    return
                # the function and every function of the object it reaches (helpers that were
                # not inlined count against the gradient); libm calls are outside both.
                sizes.append(sum(functions[f]["size"] for f in self.reachable(functions, name)
                                 if f in functions))
            ratio = sizes[1] / sizes[0]
            print(f"| {base} | {sizes[0]} | {sizes[1]} | {ratio:.2f} |")
            if ratio > MAX_RATIO:
                self.fail(f"{base}: tapeless {sizes[1]} bytes > {MAX_RATIO} x hand-written "
                          f"{sizes[0]} bytes")
        print()

    def main(self) -> int:
        print(f"compiler: {run([self.cxx, '--version']).stdout.splitlines()[0]}")
        print(f"flags: {' '.join(FLAGS)}")
        print(f"include: {self.include}")
        self.check_headers()
        example = self.root / "examples" / "embedded" / "kernels.cpp"
        kernels = self.work / "kernels.o"
        if self.compile(example, kernels):
            names = [n for n in self.functions(kernels) if n.endswith(("_tapeless", "_hand"))]
            self.check_symbols(kernels, sorted(names), {})
            self.check_sizes(kernels)
            print(run([self.size, str(kernels)]).stdout)
        every = self.root / "tests" / "embedded" / "all_functions.cpp"
        every_obj = self.work / "all_functions.o"
        if self.compile(every, every_obj):
            names = [n for n in self.functions(every_obj) if n.startswith("grad_")]
            self.check_symbols(every_obj, sorted(names), KNOWN_DOUBLE)
        print(f"{len(self.failures)} failures")
        return 1 if self.failures else 0


def main(argv: list[str]) -> int:
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(here.parent.parent), help="the repository root")
    parser.add_argument("--include", default=None,
                        help="the include directory to check (default: ROOT/include)")
    parser.add_argument("--build", default=None, help="where to put objects (default: a temp dir)")
    parser.add_argument("--cxx", default=os.environ.get("ARM_CXX", "arm-none-eabi-g++"))
    args = parser.parse_args(argv)
    if shutil.which(args.cxx) is None:
        print(f"check.py: {args.cxx} not found (apt-get install gcc-arm-none-eabi "
              "libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib)", file=sys.stderr)
        return 2
    if args.build is None:
        with tempfile.TemporaryDirectory() as tmp:
            args.build = tmp
            return Checker(args).main()
    return Checker(args).main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
