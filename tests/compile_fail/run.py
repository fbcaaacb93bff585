#!/usr/bin/env python3
# Compile-fail test driver: proves that one bad line gives the intended error, and that its
# good twin compiles.
# SPDX-License-Identifier: BSL-1.0
"""Compile-fail test driver for tapeless.

usage: run.py --compiler CXX --include DIR [--flags="..."] [--variant N] [--context N]
              [--gcc REGEX]... [--clang REGEX]... [--max-errors N] [--timeout S]
              [--compile] [--verbose] FILE EXPECTED_REGEX...

Steps:
  1. compiles FILE with -DTAPELESS_FAIL=0 (the good variant): it must compile without any
     diagnostic;
  2. compiles FILE with -DTAPELESS_FAIL=N (the bad variant, N = --variant, default 1): it must
     fail, with at most --max-errors error diagnostics (default 1: no cascade);
  3. checks the HEADLINE of the bad variant's output: its first error line (the first line that
     starts a diagnostic with "error: ", as `file:line:col: error: ...` or `error: ...`), and
     with --context N also the N lines printed just before it (on g++ these are the context
     lines of the same diagnostic: "required from ...", "in 'constexpr' expansion of ...").
     Every EXPECTED_REGEX must match the headline (Python `re.search`, on the lines joined with
     newlines), and so must every --gcc REGEX when the compiler's basename does not contain
     "clang", every --clang REGEX when it does.

Compilers run with LC_ALL=C (plain ASCII quotes from g++), -fdiagnostics-color=never, in a
temporary directory, with -fsyntax-only unless --compile is given (then -c into the temporary
directory). --flags replaces the default warning flags; pass it as --flags="-std=c++20 ...",
with "=", because its value starts with "-". It may be repeated.

Prints one line, `PASS FILE#N [CXX]: E errors, L lines: <first error line>` or
`FAIL FILE#N [CXX]: <reason>: <first error line>`, and exits 0 on PASS, 1 on FAIL, 2 on a usage
error. On FAIL the headline, the unmatched regexes and (with --verbose, always for a broken
good variant) the compiler output go to stderr.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

DEFAULT_FLAGS = "-std=c++20 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"

# A line that starts an error diagnostic: `path:line:col: error: `, `<command-line>: error: `,
# `clang++: error: ` or a bare `error: `, also "fatal error". g++'s closing
# "cc1plus: all warnings being treated as errors" and clang's "1 error generated." do not match,
# nor do notes that mention tapeless::error::... names.
ERROR_LINE = re.compile(r"^(?:\S[^ ]*?: |\S.*?:\d+(?::\d+)?: )?(?:fatal )?error: ")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="run.py",
        description="Compile-fail test: good variant compiles, bad variant fails with the "
        "expected first error line.",
    )
    p.add_argument("--compiler", required=True, help="C++ compiler, e.g. g++-12, clang++-19")
    p.add_argument("--include", required=True, action="append", help="include directory")
    p.add_argument("--flags", action="append", default=None,
                   help=f'compiler flags (default "{DEFAULT_FLAGS}"); write --flags="..."')
    p.add_argument("--variant", type=int, default=1,
                   help="TAPELESS_FAIL value of the bad variant (default 1)")
    p.add_argument("--context", type=int, default=0,
                   help="lines before the first error line that the regexes may match (default 0)")
    p.add_argument("--gcc", action="append", default=[], metavar="REGEX",
                   help="extra regex for compilers whose name does not contain 'clang'")
    p.add_argument("--clang", action="append", default=[], metavar="REGEX",
                   help="extra regex for compilers whose name contains 'clang'")
    p.add_argument("--max-errors", type=int, default=1,
                   help="most error diagnostics the bad variant may give (default 1)")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds per compilation (default 120)")
    p.add_argument("--compile", action="store_true", help="compile (-c) instead of -fsyntax-only")
    p.add_argument("--verbose", action="store_true", help="print the compiler output on FAIL")
    p.add_argument("file", help="test source with TAPELESS_FAIL variants")
    p.add_argument("regexes", nargs="*", metavar="EXPECTED_REGEX",
                   help="regexes the headline must match")
    return p.parse_args(argv)


def compile_once(args, flags, variant, workdir):
    """Returns (returncode or None on timeout/launch failure, output text, problem)."""
    cmd = [args.compiler, *flags, "-fdiagnostics-color=never"]
    cmd += [f"-I{d}" for d in args.include]
    cmd += [f"-DTAPELESS_FAIL={variant}"]
    if args.compile:
        cmd += ["-c", "-o", os.path.join(workdir, f"variant{variant}.o")]
    else:
        cmd += ["-fsyntax-only"]
    cmd += [os.path.abspath(args.file)]
    env = dict(os.environ, LC_ALL="C", LANG="C", LANGUAGE="C")
    env.pop("GCC_COLORS", None)
    try:
        r = subprocess.run(cmd, cwd=workdir, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=args.timeout, check=False)
    except FileNotFoundError:
        return None, "", f"compiler not found: {args.compiler}"
    except subprocess.TimeoutExpired as e:
        out = (e.output or b"").decode("utf-8", "replace")
        return None, out, f"timed out after {args.timeout:g} s (-DTAPELESS_FAIL={variant})"
    return r.returncode, r.stdout.decode("utf-8", "replace"), None


def headline(lines):
    """Index of the first error line, or None."""
    for i, line in enumerate(lines):
        if ERROR_LINE.match(line):
            return i
    return None


def main(argv):
    try:
        args = parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    is_clang = "clang" in os.path.basename(args.compiler)
    patterns = args.regexes + (args.clang if is_clang else args.gcc)
    try:
        compiled = [(p, re.compile(p)) for p in patterns]
    except re.error as e:
        print(f"run.py: bad regex: {e}", file=sys.stderr)
        return 2
    if not os.path.isfile(args.file):
        print(f"run.py: no such file: {args.file}", file=sys.stderr)
        return 2
    flags = []
    for f in args.flags if args.flags is not None else [DEFAULT_FLAGS]:
        flags += shlex.split(f)

    name = f"{os.path.basename(args.file)}#{args.variant} [{os.path.basename(args.compiler)}]"

    def fail(reason, first="-", details="", output=""):
        print(f"FAIL {name}: {reason}: {first}")
        if details:
            print(details, file=sys.stderr)
        if output and args.verbose:
            print(output, file=sys.stderr, end="" if output.endswith("\n") else "\n")
        return 1

    with tempfile.TemporaryDirectory(prefix="tapeless-compile-fail-") as workdir:
        rc, out, problem = compile_once(args, flags, 0, workdir)
        if problem:
            return fail(problem, output=out)
        if rc != 0 or out.strip():
            lines = out.splitlines()
            i = headline(lines)
            first = lines[i] if i is not None else (lines[0] if lines else "-")
            what = "does not compile" if rc != 0 else "compiles with diagnostics"
            args.verbose = True
            return fail(f"the good variant (-DTAPELESS_FAIL=0) {what}", first, output=out)

        rc, out, problem = compile_once(args, flags, args.variant, workdir)
        if problem:
            return fail(problem, output=out)
        lines = out.splitlines()
        i = headline(lines)
        if rc == 0:
            return fail(f"the bad variant (-DTAPELESS_FAIL={args.variant}) compiles", output=out)
        if i is None:
            return fail("the compiler failed without an error line", output=out)

        first = lines[i]
        head = "\n".join(lines[max(0, i - max(0, args.context)):i + 1])
        n_errors = sum(1 for line in lines if ERROR_LINE.match(line))
        stats = f"{n_errors} error{'s' if n_errors != 1 else ''}, {len(lines)} lines"
        missing = [p for p, r in compiled if not r.search(head)]
        if missing:
            details = f"headline (first error line, {args.context} line(s) of context):\n" + head
            details += "\nunmatched:\n" + "\n".join(f"  {p}" for p in missing)
            return fail(f"{len(missing)} of {len(compiled)} regexes do not match ({stats})",
                        first, details, out)
        if n_errors > args.max_errors:
            others = [line for line in lines[i + 1:] if ERROR_LINE.match(line)]
            details = "further errors:\n" + "\n".join(f"  {line}" for line in others)
            return fail(f"{stats}, at most {args.max_errors} expected (a cascade)", first,
                        details, out)
        print(f"PASS {name}: {stats}: {first}")
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
