#!/bin/bash
# Builds and runs the CUDA benchmark (tapeless::cuda::sum_over against hand-written kernels,
# 10^8 doubles): bash benchmarks/cuda/run.sh [N] [repetitions]. Needs nvcc and a GPU.
# NVCC and ARCH override the compiler and the architecture (default sm_90).
# SPDX-License-Identifier: BSL-1.0
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
nvcc="${NVCC:-/usr/local/cuda/bin/nvcc}"
out="${BUILD_DIR:-$root/build-cuda-bench}"
mkdir -p "$out"
"$nvcc" -std=c++20 -O3 -arch="${ARCH:-sm_90}" --expt-relaxed-constexpr -I"$root/include" \
  "$root/benchmarks/cuda/bench.cu" -o "$out/bench_cuda"
"$out/bench_cuda" "$@"
