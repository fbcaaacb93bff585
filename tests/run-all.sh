#!/usr/bin/env bash
# The whole test suite, with g++ and clang (clang-19, and clang-16 when installed): one meson
# build per compiler, every test run, failures printed in full. Ends with the line
# "N passed, N failed" and exits non-zero if anything failed or did not build.
# SPDX-License-Identifier: BSL-1.0
set -uo pipefail
cd "$(dirname "$0")/.."

compilers=(g++ clang++-19)
command -v clang++-16 >/dev/null && compilers+=(clang++-16)

passed=0
failed=0
for cxx in "${compilers[@]}"; do
  dir="build-test-${cxx}"
  if ! command -v "${cxx}" >/dev/null; then
    echo "FAIL: ${cxx} is not installed (run the README's first command)"
    failed=$((failed + 1))
    continue
  fi
  echo "=== ${cxx}: $(${cxx} --version | head -n 1)"
  rm -rf "${dir}"
  if ! CXX="${cxx}" meson setup "${dir}" --buildtype=debugoptimized >"${dir}.setup.log" 2>&1; then
    cat "${dir}.setup.log"
    echo "FAIL: meson setup with ${cxx}"
    failed=$((failed + 1))
    continue
  fi
  rm -f "${dir}.setup.log"
  if ! meson compile -C "${dir}"; then
    echo "FAIL: build with ${cxx}"
    failed=$((failed + 1))
    continue
  fi
  meson test -C "${dir}" --print-errorlogs --num-processes 2
  counts=$(python3 - "${dir}/meson-logs/testlog.json" <<'PY'
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
)
  read -r ok bad <<<"${counts}"
  echo "=== ${cxx}: ${ok} passed, ${bad} failed"
  passed=$((passed + ok))
  failed=$((failed + bad))
done

echo "${passed} passed, ${failed} failed"
[ "${failed}" -eq 0 ]
