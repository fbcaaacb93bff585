#!/usr/bin/env bash
# The whole test suite, as CI runs it: the full meson suite with g++, clang-19 (and clang-16 when
# installed), then a matrix of extra configurations (sanitizers, -O0, libc++ with C++23 at
# release), then clang-tidy, then a smoke run of the benchmarks (`peers`). Every test of every
# configuration counts; failures are printed in full. Ends with the line "N passed, N failed"
# and exits non-zero if anything failed or did not build.
#
# Environment (both optional): TAPELESS_BUILD_PREFIX, where the build directories go
# (default build-test-, e.g. build-test-g++); TAPELESS_ONLY, a space-separated list of the
# configuration names below to run instead of all of them (e.g. "asan-ubsan clang-tidy").
# SPDX-License-Identifier: BSL-1.0
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

prefix="${TAPELESS_BUILD_PREFIX:-build-test-}"
only=" ${TAPELESS_ONLY:-} "

passed=0
failed=0
summary=()

selected() { [ "${only}" = "  " ] || [[ "${only}" == *" $1 "* ]]; }

# Adds a configuration's meson test results to the totals (a should_fail test that failed, as
# it must, counts as passed).
count_results() {  # name, testlog.json, seconds
  local counts ok bad
  counts=$(python3 - "$2" <<'PY'
import json, sys
ok = bad = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL", "SKIP"):
        ok += 1
    else:
        bad += 1
print(ok, bad)
PY
) || counts="0 1"
  read -r ok bad <<<"${counts}"
  summary+=("$1: ${ok} passed, ${bad} failed ($3 s)")
  echo "=== $1: ${ok} passed, ${bad} failed ($3 s)"
  passed=$((passed + ok))
  failed=$((failed + bad))
}

fail_config() {  # name, why
  echo "FAIL: $1: $2"
  summary+=("$1: FAILED ($2)")
  failed=$((failed + 1))
}

# run_config NAME CXX [meson setup arguments...] -- [meson test arguments...]
run_config() {
  local name=$1 cxx=$2
  shift 2
  local setup_args=() test_args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do setup_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  test_args=("$@")
  selected "${name}" || return 0
  local dir="${prefix}${name}" start=${SECONDS}
  if ! command -v "${cxx}" >/dev/null; then
    fail_config "${name}" "${cxx} is not installed (run .ci/run's apt-get line)"
    return
  fi
  echo "=== ${name}: $(${cxx} --version | head -n 1); ${setup_args[*]}"
  rm -rf "${dir}"
  if ! CXX="${cxx}" meson setup "${dir}" "${setup_args[@]}" >"${dir}.setup.log" 2>&1; then
    cat "${dir}.setup.log"
    fail_config "${name}" "meson setup"
    return
  fi
  rm -f "${dir}.setup.log"
  if ! meson compile -C "${dir}"; then
    fail_config "${name}" "build"
    return
  fi
  meson test -C "${dir}" --print-errorlogs --num-processes 2 "${test_args[@]}"
  count_results "${name}" "${dir}/meson-logs/testlog.json" $((SECONDS - start))
}

# The main configurations: everything, including the install tests (meson install, then
# pkg-config, CMake and meson-subproject consumers), the compile-fail messages and the 1000-node
# compile-time budget.
run_config g++ g++ --buildtype=debugoptimized --
# (every example against the single header: with g++ only, the header is the same for all)
# (the Cortex-M4 and CUDA cross checks, -Dtarget_tests, with g++ only: they do not depend on
# the configuration)
run_config clang++-19 clang++-19 --buildtype=debugoptimized -Dsingle_header_tests=false \
  -Dtarget_tests=false --
if command -v clang++-16 >/dev/null; then
  run_config clang++-16 clang++-16 --buildtype=debugoptimized -Dsingle_header_tests=false \
    -Dfuzz_tests=false -Dtarget_tests=false --
fi

# The matrix: each extra configuration varies what the main ones cannot, and leaves out what
# they already cover: the compile-time budget (-Dcompile_time_tests=false: a minute per
# configuration), the single-header builds and the ADOL-C fuzzing (two minutes of compiling;
# run by g++ and clang 19), and the install, compile-fail and docs suites, which run the bare compiler or
# Python without the configuration's flags and so would repeat the main configurations' runs.
extra=(-Dcompile_time_tests=false -Dsingle_header_tests=false -Dfuzz_tests=false -Dtarget_tests=false)
extra_tests=(--no-suite install --no-suite compile_fail --no-suite docs)

# ASan + UBSan, any finding fatal. With clang-19: g++ 12's -fsanitize=undefined cannot build
# tapeless (its -fsanitize=null makes comparisons of the addresses of distinct objects
# non-constant in constant expressions, and the library identifies nodes by address; GCC bug
# 100313 and relatives).
# -fsanitize=float-divide-by-zero stays off (neither compiler includes it in "undefined"): IEEE
# division by zero is intended, e.g. the derivative of sqrt at 0 is +inf by division.
# ASan also looks for stack use after return: expressions must never refer to dead temporaries.
export ASAN_OPTIONS=detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS=print_stacktrace=1
run_config asan-ubsan clang++-19 --buildtype=debugoptimized "${extra[@]}" \
  -Db_sanitize=address,undefined -Dcpp_args=-fno-sanitize-recover=all \
  -- "${extra_tests[@]}"

# -O0: no inlining, so every always_inline and constexpr path runs as written (and the
# compile-time cost of unoptimised builds stays visible).
run_config g++-debug g++ --buildtype=debug "${extra[@]}" -- "${extra_tests[@]}"

# libc++ instead of libstdc++, C++23 instead of C++20, -O3 without debug information. meson
# 1.0 has no cpp_std=c++23, hence cpp_std=none and -std= in cpp_args (tests/matrix checks that
# the flags arrived).
run_config clang++-19-libc++-c++23-release clang++-19 --buildtype=release "${extra[@]}" \
  -Dcpp_std=none "-Dcpp_args=-stdlib=libc++ -std=c++23" -Dcpp_link_args=-stdlib=libc++ \
  -- "${extra_tests[@]}"

# clang-tidy (configuration: .clang-tidy) over every public header alone in a TU (the TUs that
# tests/meson.build generates from tests/headers/header.cpp.in) and over the tests and examples
# (not tests/main.cpp: Catch2's own implementation). Each file counts as one test.
tidy=clang-tidy-19
if selected clang-tidy; then
  name=clang-tidy
  dir="${prefix}${name}"
  start=${SECONDS}
  rm -rf "${dir}"
  if ! command -v "${tidy}" >/dev/null; then
    fail_config "${name}" "${tidy} is not installed (run .ci/run's apt-get line)"
  elif ! CXX=clang++-19 meson setup "${dir}" >"${dir}.setup.log" 2>&1; then
    cat "${dir}.setup.log"
    fail_config "${name}" "meson setup"
  else
    rm -f "${dir}.setup.log"
    echo "=== ${name}: $(${tidy} --version | grep -m 1 version)"
    mapfile -t files < <(python3 - "${dir}/compile_commands.json" "$(pwd)" <<'PY'
import json, os, sys
build, root = os.path.realpath(os.path.dirname(sys.argv[1])), sys.argv[2]
files = set()
for entry in json.load(open(sys.argv[1])):
    f = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
    rel = os.path.relpath(f, root)
    if os.path.basename(f).startswith("header_") and f.startswith(build + os.sep):
        files.add(f)  # a public header alone in a TU
    elif rel.startswith(("examples" + os.sep, os.path.join("tests", "core") + os.sep,
                         os.path.join("tests", "odr") + os.sep)):
        files.add(f)  # the examples, and the core tests (the other suites are test machinery)
print("\n".join(sorted(files)))
PY
)
    mkdir -p "${dir}/tidy"
    i=0
    for f in "${files[@]}"; do
      i=$((i + 1))
      while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
      args=()
      # Catch2's REQUIRE(a == b) expands to `Decomposer() <= a == b`, and SECTION to an
      # assignment in an if condition: findings in Catch's macros, not in our code.
      if grep -q 'catch2/catch.hpp' "${f}"; then
        args+=("--checks=-bugprone-chained-comparison,-bugprone-assignment-in-if-condition")
      fi
      (
        if "${tidy}" --quiet -p "${dir}" --config-file=.clang-tidy "${args[@]}" "${f}" \
          >"${dir}/tidy/${i}.log" 2>&1; then
          echo ok >"${dir}/tidy/${i}.status"
        else
          echo fail >"${dir}/tidy/${i}.status"
        fi
      ) &
    done
    wait
    ok=0
    bad=0
    i=0
    for f in "${files[@]}"; do
      i=$((i + 1))
      if [ "$(cat "${dir}/tidy/${i}.status" 2>/dev/null)" = ok ]; then
        ok=$((ok + 1))
        echo "ok   ${f#"$(pwd)/"}"
      else
        bad=$((bad + 1))
        echo "FAIL ${f#"$(pwd)/"}"
        cat "${dir}/tidy/${i}.log"
      fi
    done
    if [ "${#files[@]}" -eq 0 ]; then
      fail_config "${name}" "no files to check"
    else
      summary+=("${name}: ${ok} passed, ${bad} failed ($((SECONDS - start)) s)")
      echo "=== ${name}: ${ok} passed, ${bad} failed ($((SECONDS - start)) s)"
      passed=$((passed + ok))
      failed=$((failed + bad))
    fi
  fi
fi

# The benchmarks' smoke run (g++, each benchmark at the optimisation its numbers were taken at):
# bench_peers (tapeless against ADOL-C, Sacado, Eigen, ceres and Boost.Math: docs/benchmarks.md)
# and bench_map_reduce (docs/map_reduce.md). Each checks its gradients against hand-written ones
# (--check), then one very short pass of every benchmark shows that it still runs; for the peers
# through run.py, in both of its modes, so that the commands of docs/benchmarks.md keep working.
# No timing is checked. A peer that is not installed would silently leave the build, so one step
# fails unless every library of the tables is in the binary. Each step counts as one test.
if selected peers; then
  name=peers
  dir="${prefix}${name}"
  start=${SECONDS}
  rm -rf "${dir}"
  echo "=== ${name}: $(g++ --version | head -n 1)"
  if ! CXX=g++ meson setup "${dir}" --buildtype=debugoptimized -Dbenchmarks=true -Dtests=false \
    -Dexamples=false >"${dir}.setup.log" 2>&1; then
    cat "${dir}.setup.log"
    fail_config "${name}" "meson setup"
  elif ! meson compile -C "${dir}" bench_peers bench_map_reduce; then
    rm -f "${dir}.setup.log"
    fail_config "${name}" "build"
  else
    rm -f "${dir}.setup.log"
    ok=0
    bad=0
    step() {  # what, command...
      local what=$1
      shift
      echo "--- ${what}: $*"
      local run=(timeout 300)
      [ "$(type -t "$1")" = function ] && run=()
      if "${run[@]}" "$@"; then
        ok=$((ok + 1))
        echo "ok   ${what}"
      else
        bad=$((bad + 1))
        echo "FAIL ${what}"
      fi
    }
    peers="${dir}/benchmarks/peers/bench_peers"
    all_peers() {
      local listed lib missing=0
      listed=$("${peers}" --list | cut -f 1 | sort -u) || return 1
      for lib in tapeless "tapeless vec" "Sacado SFad" "Sacado ELRFad" "Sacado Rad" \
        "Eigen AutoDiff" "ceres Jet" "Boost autodiff" ADOL-C "ADOL-C replay"; do
        if ! grep -qxF "${lib}" <<<"${listed}"; then
          echo "${lib} is not in bench_peers: its package is missing (.ci/run's apt-get line)"
          missing=1
        fi
      done
      return "${missing}"
    }
    step "bench_peers has every peer" all_peers
    step "bench_peers --check" "${peers}" --check
    step "bench_peers, one short pass (run.py, time)" python3 benchmarks/peers/run.py \
      --build "${dir}" --binaries bench_peers --mode time --min-time 0.001 --repetitions 1
    step "bench_peers, one call each (run.py, callgrind)" python3 benchmarks/peers/run.py \
      --build "${dir}" --binaries bench_peers --mode callgrind --calls 1
    step "bench_map_reduce --check" "${dir}/benchmarks/map_reduce/bench_map_reduce" --check
    step "bench_map_reduce, one short pass" "${dir}/benchmarks/map_reduce/bench_map_reduce" \
      --benchmark_min_time=0.001
    summary+=("${name}: ${ok} passed, ${bad} failed ($((SECONDS - start)) s)")
    echo "=== ${name}: ${ok} passed, ${bad} failed ($((SECONDS - start)) s)"
    passed=$((passed + ok))
    failed=$((failed + bad))
  fi
fi

printf '%s\n' "${summary[@]}"
echo "${passed} passed, ${failed} failed"
[ "${failed}" -eq 0 ]
