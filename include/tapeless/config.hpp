// Configuration macros shared by every tapeless header.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#define TAPELESS_VERSION_MAJOR 0
#define TAPELESS_VERSION_MINOR 1
#define TAPELESS_VERSION_PATCH 0

// The reverse sweep is emitted as one flat function of pack expansions; every internal step
// must be inlined into it, or the value/adjoint arrays stay in memory (see docs/design.md).
#if defined(__GNUC__) || defined(__clang__)
#define TAPELESS_INLINE [[gnu::always_inline]] inline
#else
#define TAPELESS_INLINE inline
#endif

// Functions usable from CUDA kernels as well as from host code.
#if defined(__CUDACC__)
#define TAPELESS_HD __host__ __device__
#else
#define TAPELESS_HD
#endif

// 1: for float, the run-time digamma, trigamma (the derivatives of lgamma, tgamma, digamma) and
// hypot(x, y, z) compute in float only (detail::cx::float_only::); 0: in double, rounded once
// to float. A macro rather than float-only everywhere: where double is in hardware it costs
// float nothing and is correctly rounded at every point measured, where float-only is within
// 1 ulp (digamma for x > 0, hypot) and 2 ulp (trigamma; docs/accuracy.md). The default is 1
// exactly where double would be emulated in software although float is not: an Arm FPU
// without double precision (__ARM_FP bit 3 clear, e.g. a Cortex-M4's fpv4-sp-d16). Define it
// (0 or 1) before including tapeless to choose. Constant evaluation always uses the double path.
#ifndef TAPELESS_CONFIG_FLOAT_ONLY_MATH
#if defined(__ARM_FP) && !(__ARM_FP & 8)
#define TAPELESS_CONFIG_FLOAT_ONLY_MATH 1
#else
#define TAPELESS_CONFIG_FLOAT_ONLY_MATH 0
#endif
#endif

// The most values a reduction's loop keeps, element by element, for its reverse step to read
// back instead of computing again (graph.hpp, plan_entry::cache): length × elementwise nodes
// of the loop. Below it, sum(square(tanh(W x + b) - t)) calls tanh once per element, as
// hand-written code does; above it, the loop recomputes and memory stays O(graph size)
// whatever the length. The cache lives on the stack with the node values (256 doubles: 2 KiB);
// define it (0 turns caching off, for small stacks) before including tapeless to choose.
#ifndef TAPELESS_CONFIG_ELEMENT_CACHE
#define TAPELESS_CONFIG_ELEMENT_CACHE 256
#endif

// -ffast-math (through -ffinite-math-only) lets the compiler assume that no infinity or NaN
// reaches a floating-point operation, and clang 18+ then warns (-Wnan-infinity-disabled) at
// every use of infinity() or quiet_NaN(). The library uses them for inputs such a build
// promises not to pass (an infinite argument, a NaN element, spans of different lengths), and
// in constant evaluation, which the flag does not change: its headers silence the warning
// between these two macros, in their own text only (docs/pitfalls.md, "-ffast-math").
#if defined(__clang__) && defined(__has_warning)
#if __has_warning("-Wnan-infinity-disabled")
#define TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN \
  _Pragma("clang diagnostic push") _Pragma("clang diagnostic ignored \"-Wnan-infinity-disabled\"")
#define TAPELESS_DETAIL_ALLOW_INFINITY_END _Pragma("clang diagnostic pop")
#endif
#endif
#ifndef TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN
#define TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN
#define TAPELESS_DETAIL_ALLOW_INFINITY_END
#endif

// std::is_constant_evaluated() without the function call that g++ 12 and clang leave in -O0
// builds (one per elementary function evaluated; see docs/benchmarks.md, debug builds).
#if defined(__GNUC__) || defined(__clang__)
#define TAPELESS_DETAIL_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#else
#define TAPELESS_DETAIL_CONSTANT_EVALUATED() std::is_constant_evaluated()
#endif
