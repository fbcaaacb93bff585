#!/bin/sh
# The long differential fuzz run (not part of `meson test`): thousands of expressions at more
# points than the test suite uses. README.md in this directory explains the comparisons.
# SPDX-License-Identifier: BSL-1.0
#
# usage: tests/fuzz/long_run.sh [EXPRESSIONS [POINTS [SEED]]]
#   environment: CXX (default g++), JOBS (parallel compilations, default 2), PER_TU (expressions
#   per translation unit, default 50), KEEP=1 keeps the work directory.
# Exit status 0 when every comparison passed; the failing expressions are printed with their
# generator command, so each one can be regenerated and run alone (--only K).
set -eu
n=${1:-2000}
points=${2:-16}
seed=${3:-1}
cxx=${CXX:-g++}
jobs=${JOBS:-2}
per=${PER_TU:-50}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tapeless-fuzz.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

first=0
while [ "$first" -lt "$n" ]; do
  count=$per
  [ $((first + count)) -le "$n" ] || count=$((n - first))
  python3 "$here/generate.py" --seed "$seed" --first "$first" --count "$count" \
    > "$work/fuzz_$first.cpp"
  first=$((first + count))
done

# -Wno-maybe-uninitialized: see README.md (g++ 12 false positives on select-guarded nodes).
extra=""
case "$("$cxx" --version | head -n 1)" in *clang*) ;; *) extra="-Wno-maybe-uninitialized" ;; esac
start=$(date +%s)
ls "$work"/fuzz_*.cpp | xargs -P "$jobs" -I{} sh -c \
  "$cxx -std=c++20 -O1 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror $extra \
   -I'$root/include' -I'$here' {} -o {}.exe -ladolc || echo 'COMPILE FAILED: {}'" \
  | tee "$work/compile.log"
compiled=$(date +%s)
status=0
grep -q 'COMPILE FAILED' "$work/compile.log" && status=1
for exe in "$work"/fuzz_*.cpp.exe; do
  "$exe" --points "$points" --seed "$seed" > "$exe.log" 2>&1 || status=1
  grep -E '^(FAIL|fuzz:)' "$exe.log" || true
done
echo "long run: $n expressions, $points points each, seed $seed, $cxx: compile $((compiled - start)) s, run $(( $(date +%s) - compiled )) s, status $status"
exit $status
