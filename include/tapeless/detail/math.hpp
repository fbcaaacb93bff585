// tapeless/detail/math.hpp
//
// Elementary functions used by tapeless, in namespace tapeless::detail::math:
// sqrt, exp, expm1, log, log1p, sin, cos, pow, plus ipow<N> and square.
//
// Each dispatcher evaluates cx:: (constexpr_math.hpp) during constant evaluation
// and the platform libm at run time, so run-time results are bit-identical to
// std::sin etc. (which libstdc++ and libc++ implement with the same builtins)
// without including <cmath>, which freestanding/embedded users may not have.
// In CUDA device code the CUDA math library (::sin, ::sinf, ...) is used; the
// constexpr path there needs nvcc's --expt-relaxed-constexpr (cx:: functions
// are plain constexpr, not __host__ __device__).
//
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <concepts>
#include <limits>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/detail/constexpr_math.hpp>

// Run-time libm through compiler builtins (g++, clang, nvcc's host compiler).
// Other compilers fall back to the constexpr implementation at run time.
#if defined(__GNUC__) || defined(__clang__)
#define TAPELESS_DETAIL_MATH_HAS_BUILTINS 1
#else
#define TAPELESS_DETAIL_MATH_HAS_BUILTINS 0
#endif

namespace tapeless::detail::math {

// One dispatcher per function: `name` is the cx:: / CUDA name, the builtins are
// __builtin_<name>f / __builtin_<name> / __builtin_<name>l.  In CUDA device code
// long double is not supported, so it is computed in double.
#if defined(__CUDA_ARCH__)
#define TAPELESS_DETAIL_MATH_UNARY(name)                                     \
  template <std::floating_point T>                                           \
  TAPELESS_HD constexpr T name(T x) noexcept {                   \
    if (std::is_constant_evaluated()) return cx::name(x);                    \
    if constexpr (std::is_same_v<T, float>) {                                \
      return ::name##f(x);                                                   \
    } else {                                                                 \
      return static_cast<T>(::name(static_cast<double>(x)));                 \
    }                                                                        \
  }
#elif TAPELESS_DETAIL_MATH_HAS_BUILTINS
#define TAPELESS_DETAIL_MATH_UNARY(name)                                     \
  template <std::floating_point T>                                           \
  TAPELESS_HD constexpr T name(T x) noexcept {                   \
    if (std::is_constant_evaluated()) return cx::name(x);                    \
    if constexpr (std::is_same_v<T, float>) {                                \
      return __builtin_##name##f(x);                                         \
    } else if constexpr (std::is_same_v<T, double>) {                        \
      return __builtin_##name(x);                                            \
    } else if constexpr (std::is_same_v<T, long double>) {                   \
      return __builtin_##name##l(x);                                         \
    } else {                                                                 \
      return cx::name(x);                                                    \
    }                                                                        \
  }
#else
#define TAPELESS_DETAIL_MATH_UNARY(name)                   \
  template <std::floating_point T>                         \
  TAPELESS_HD constexpr T name(T x) noexcept { \
    return cx::name(x);                                    \
  }
#endif

TAPELESS_DETAIL_MATH_UNARY(sqrt)
TAPELESS_DETAIL_MATH_UNARY(exp)
TAPELESS_DETAIL_MATH_UNARY(expm1)
TAPELESS_DETAIL_MATH_UNARY(log)
TAPELESS_DETAIL_MATH_UNARY(log1p)
TAPELESS_DETAIL_MATH_UNARY(sin)
TAPELESS_DETAIL_MATH_UNARY(cos)

#undef TAPELESS_DETAIL_MATH_UNARY

template <std::floating_point T>
TAPELESS_HD constexpr T pow(T x, T y) noexcept {
  if (std::is_constant_evaluated()) return cx::pow(x, y);
#if defined(__CUDA_ARCH__)
  if constexpr (std::is_same_v<T, float>) {
    return ::powf(x, y);
  } else {
    return static_cast<T>(::pow(static_cast<double>(x), static_cast<double>(y)));
  }
#elif TAPELESS_DETAIL_MATH_HAS_BUILTINS
  if constexpr (std::is_same_v<T, float>) {
    return __builtin_powf(x, y);
  } else if constexpr (std::is_same_v<T, double>) {
    return __builtin_pow(x, y);
  } else if constexpr (std::is_same_v<T, long double>) {
    return __builtin_powl(x, y);
  } else {
    return cx::pow(x, y);
  }
#else
  return cx::pow(x, y);
#endif
}

// x * x.
template <class T>
TAPELESS_HD constexpr T square(T x) noexcept {
  return x * x;
}

// x^N for a compile-time integer N by square-and-multiply, unrolled at compile
// time (about log2|N| multiplications); N < 0 gives 1 / x^|N|, N == 0 gives 1
// (also for x == 0, as std::pow).  Works for any T with *, / and T(1).
template <int N, class T>
TAPELESS_HD constexpr T ipow(T x) noexcept {
  static_assert(N != std::numeric_limits<int>::min(), "ipow: -N must be representable");
  if constexpr (N < 0) {
    return T(1) / ipow<-N>(x);
  } else if constexpr (N == 0) {
    return T(1);
  } else if constexpr (N == 1) {
    return x;
  } else {
    const T h = ipow<N / 2>(x);
    if constexpr (N % 2 == 0) {
      return h * h;
    } else {
      return h * h * x;
    }
  }
}

}  // namespace tapeless::detail::math

#undef TAPELESS_DETAIL_MATH_HAS_BUILTINS
