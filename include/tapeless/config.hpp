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
