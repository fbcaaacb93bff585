// tapeless/detail/math.hpp
//
// Elementary functions used by tapeless, in namespace tapeless::detail::math: the <cmath>
// set (sqrt cbrt exp exp2 expm1 log log2 log10 log1p sin cos tan asin acos atan sinh cosh tanh
// asinh acosh atanh erf erfc tgamma lgamma, atan2 hypot pow fmin fmax copysign fma fabs),
// digamma and trigamma (no libm counterpart: own implementation everywhere), hypot of three
// (own implementation; for float, float-only versions where TAPELESS_CONFIG_FLOAT_ONLY_MATH
// is set, see config.hpp), plus ipow<N> and square.
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
#include <tapeless/detail/constexpr_special.hpp>

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
    if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) return cx::name(x);                    \
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
    if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) return cx::name(x);                    \
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
TAPELESS_DETAIL_MATH_UNARY(cbrt)
TAPELESS_DETAIL_MATH_UNARY(exp)
TAPELESS_DETAIL_MATH_UNARY(exp2)
TAPELESS_DETAIL_MATH_UNARY(expm1)
TAPELESS_DETAIL_MATH_UNARY(log)
TAPELESS_DETAIL_MATH_UNARY(log2)
TAPELESS_DETAIL_MATH_UNARY(log10)
TAPELESS_DETAIL_MATH_UNARY(log1p)
TAPELESS_DETAIL_MATH_UNARY(sin)
TAPELESS_DETAIL_MATH_UNARY(cos)
TAPELESS_DETAIL_MATH_UNARY(tan)
TAPELESS_DETAIL_MATH_UNARY(asin)
TAPELESS_DETAIL_MATH_UNARY(acos)
TAPELESS_DETAIL_MATH_UNARY(atan)
TAPELESS_DETAIL_MATH_UNARY(sinh)
TAPELESS_DETAIL_MATH_UNARY(cosh)
TAPELESS_DETAIL_MATH_UNARY(tanh)
TAPELESS_DETAIL_MATH_UNARY(asinh)
TAPELESS_DETAIL_MATH_UNARY(acosh)
TAPELESS_DETAIL_MATH_UNARY(atanh)
TAPELESS_DETAIL_MATH_UNARY(erf)
TAPELESS_DETAIL_MATH_UNARY(erfc)
TAPELESS_DETAIL_MATH_UNARY(tgamma)
TAPELESS_DETAIL_MATH_UNARY(lgamma)

#undef TAPELESS_DETAIL_MATH_UNARY

// The same for functions of two and three arguments.
#if defined(__CUDA_ARCH__)
#define TAPELESS_DETAIL_MATH_BINARY(name)                                            \
  template <std::floating_point T>                                                   \
  TAPELESS_HD constexpr T name(T x, T y) noexcept {                                  \
    if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) return cx::name(x, y);                         \
    if constexpr (std::is_same_v<T, float>) {                                        \
      return ::name##f(x, y);                                                        \
    } else {                                                                         \
      return static_cast<T>(::name(static_cast<double>(x), static_cast<double>(y))); \
    }                                                                                \
  }
#elif TAPELESS_DETAIL_MATH_HAS_BUILTINS
#define TAPELESS_DETAIL_MATH_BINARY(name)                     \
  template <std::floating_point T>                            \
  TAPELESS_HD constexpr T name(T x, T y) noexcept {           \
    if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) return cx::name(x, y);  \
    if constexpr (std::is_same_v<T, float>) {                 \
      return __builtin_##name##f(x, y);                       \
    } else if constexpr (std::is_same_v<T, double>) {         \
      return __builtin_##name(x, y);                          \
    } else if constexpr (std::is_same_v<T, long double>) {    \
      return __builtin_##name##l(x, y);                       \
    } else {                                                  \
      return cx::name(x, y);                                  \
    }                                                         \
  }
#else
#define TAPELESS_DETAIL_MATH_BINARY(name)           \
  template <std::floating_point T>                  \
  TAPELESS_HD constexpr T name(T x, T y) noexcept { \
    return cx::name(x, y);                          \
  }
#endif

TAPELESS_DETAIL_MATH_BINARY(atan2)
TAPELESS_DETAIL_MATH_BINARY(hypot)

#undef TAPELESS_DETAIL_MATH_BINARY

// float at run time without double arithmetic where TAPELESS_CONFIG_FLOAT_ONLY_MATH says so
// (config.hpp): cx::hypot(x, y, z), cx::digamma and cx::trigamma compute float in double.
// Constant evaluation keeps the cx:: functions, as every dispatcher here does.
#if TAPELESS_CONFIG_FLOAT_ONLY_MATH
#define TAPELESS_DETAIL_MATH_FLOAT_ONLY(call)                                  \
  if constexpr (std::is_same_v<T, float>) {                                  \
    if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) return cx::float_only::call;          \
  }
#else
#define TAPELESS_DETAIL_MATH_FLOAT_ONLY(call)
#endif

/// hypot(x, y, z) (C++17's std::hypot of three): no builtin exists, so the own implementation
/// runs everywhere (libstdc++ and libc++ scale by the largest argument, as cx::hypot does,
/// but round differently: results may differ from std::hypot by an ulp).
template <std::floating_point T>
TAPELESS_HD constexpr T hypot(T x, T y, T z) noexcept {
  TAPELESS_DETAIL_MATH_FLOAT_ONLY(hypot(x, y, z))
  return cx::hypot(x, y, z);
}

/// ψ(x) = Γ'(x)/Γ(x) and ψ'(x): no libm has them; the own implementations are fast enough for
/// run time (they are the derivatives of lgamma and tgamma).
template <std::floating_point T>
TAPELESS_HD constexpr T digamma(T x) noexcept {
  TAPELESS_DETAIL_MATH_FLOAT_ONLY(digamma(x))
  return cx::digamma(x);
}
template <std::floating_point T>
TAPELESS_HD constexpr T trigamma(T x) noexcept {
  TAPELESS_DETAIL_MATH_FLOAT_ONLY(trigamma(x))
  return cx::trigamma(x);
}

#undef TAPELESS_DETAIL_MATH_FLOAT_ONLY

// Functions exact by definition: no libm needed in constant evaluation.
template <std::floating_point T>
TAPELESS_HD TAPELESS_INLINE constexpr bool signbit(T x) noexcept {
#if TAPELESS_DETAIL_MATH_HAS_BUILTINS && !defined(__CUDA_ARCH__)
  if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) return __builtin_signbit(x);
#endif
  return cx::impl::signbit(x);
}

template <std::floating_point T>
TAPELESS_HD TAPELESS_INLINE constexpr T fabs(T x) noexcept {
#if TAPELESS_DETAIL_MATH_HAS_BUILTINS && !defined(__CUDA_ARCH__)
  if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
    if constexpr (std::is_same_v<T, float>)
      return __builtin_fabsf(x);
    else if constexpr (std::is_same_v<T, double>)
      return __builtin_fabs(x);
    else if constexpr (std::is_same_v<T, long double>)
      return __builtin_fabsl(x);
  }
#endif
  // -0.0 → +0.0 and NaN stays NaN (with its sign cleared, as fabs does)
  return signbit(x) ? -x : x;
}

// copysign, fmin, fmax: the builtins at run time (bit-identical to std::, which on x86-64
// returns the second argument of fmin and fmax when they compare equal, e.g. +0 and -0).
#if TAPELESS_DETAIL_MATH_HAS_BUILTINS && !defined(__CUDA_ARCH__)
#define TAPELESS_DETAIL_MATH_EXACT_BINARY(name)                                \
  if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) {                                         \
    if constexpr (std::is_same_v<T, float>)                                    \
      return __builtin_##name##f(x, y);                                        \
    else if constexpr (std::is_same_v<T, double>)                              \
      return __builtin_##name(x, y);                                           \
    else if constexpr (std::is_same_v<T, long double>)                         \
      return __builtin_##name##l(x, y);                                        \
  }
#else
#define TAPELESS_DETAIL_MATH_EXACT_BINARY(name)
#endif

template <std::floating_point T>
TAPELESS_HD TAPELESS_INLINE constexpr T copysign(T x, T y) noexcept {
  TAPELESS_DETAIL_MATH_EXACT_BINARY(copysign)
  return signbit(x) == signbit(y) ? x : -x;
}

/// std::fmin/std::fmax: a NaN argument is ignored. When the arguments compare equal (+0 and
/// -0), the second is returned, as glibc does on x86-64.
template <std::floating_point T>
TAPELESS_HD TAPELESS_INLINE constexpr T fmin(T x, T y) noexcept {
  TAPELESS_DETAIL_MATH_EXACT_BINARY(fmin)
  if (y != y) return x;
  if (x != x) return y;
  return x < y ? x : y;
}
template <std::floating_point T>
TAPELESS_HD TAPELESS_INLINE constexpr T fmax(T x, T y) noexcept {
  TAPELESS_DETAIL_MATH_EXACT_BINARY(fmax)
  if (y != y) return x;
  if (x != x) return y;
  return y < x ? x : y;
}

#undef TAPELESS_DETAIL_MATH_EXACT_BINARY

/// x·y + z rounded once: libm's fma at run time; in constant evaluation an exact product
/// (Dekker) and a compensated sum, which is correctly rounded except in double-rounding cases
/// of the final addition (then off by at most 1 ulp).
template <std::floating_point T>
TAPELESS_HD TAPELESS_INLINE constexpr T fma(T x, T y, T z) noexcept {
  if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
#if defined(__CUDA_ARCH__)
    if constexpr (std::is_same_v<T, float>)
      return ::fmaf(x, y, z);
    else
      return static_cast<T>(::fma(static_cast<double>(x), static_cast<double>(y), static_cast<double>(z)));
#elif TAPELESS_DETAIL_MATH_HAS_BUILTINS
    if constexpr (std::is_same_v<T, float>)
      return __builtin_fmaf(x, y, z);
    else if constexpr (std::is_same_v<T, double>)
      return __builtin_fma(x, y, z);
    else if constexpr (std::is_same_v<T, long double>)
      return __builtin_fmal(x, y, z);
#endif
  }
  // constant evaluation: x·y = p + e exactly (Dekker), then (p + z) + e with the error of
  // p + z carried along; exact unless the product over- or underflows
  const T p = x * y;
  if (!(fabs(p) < std::numeric_limits<T>::max() / 4) ||
      fabs(p) < std::numeric_limits<T>::min() * static_cast<T>(1ull << 60))
    return p + z;
  const auto prod = cx::impl::two_prod(x, y);
  const auto sum = cx::impl::two_sum(prod.hi, z);
  return sum.hi + (sum.lo + prod.lo);
}

template <std::floating_point T>
TAPELESS_HD constexpr T pow(T x, T y) noexcept {
  if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) return cx::pow(x, y);
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
TAPELESS_HD TAPELESS_INLINE constexpr T square(T x) noexcept {
  return x * x;
}

// x^N for a compile-time integer N by square-and-multiply, unrolled at compile
// time (about log2|N| multiplications); N < 0 gives 1 / x^|N|, N == 0 gives 1
// (also for x == 0, as std::pow).  Works for any T with *, / and T(1).
template <int N, class T>
TAPELESS_HD TAPELESS_INLINE constexpr T ipow(T x) noexcept {
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

// x^(N-1) for N >= 1, as a product of the powers that ipow<N>(x) computes on its way
// (x^(N/2), ..., x²): a gradient needs both xᴺ and N·x^(N-1), and with this spelling the
// compiler shares the multiplications (identical products of identical operands; no
// reassociation, so no -ffast-math needed). x¹² then costs 2 multiplications more than its
// value (x⁶·x³·x²) instead of 4 (x¹¹ by its own square-and-multiply), and x⁶ next to it 1
// (x³·x², shared with x¹¹'s x⁵).
template <int N, class T>
TAPELESS_HD TAPELESS_INLINE constexpr T ipow_derivative_power(T x) noexcept {
  static_assert(N >= 1, "ipow_derivative_power: N >= 1");
  if constexpr (N == 1) {
    return T(1);
  } else if constexpr (N == 2) {
    return x;
  } else if constexpr (N % 2 == 1) {
    const T h = ipow<N / 2>(x);
    return h * h;  // x^(N-1) = (x^(N/2))², the product before the last "* x" of ipow<N>
  } else {
    return ipow<N / 2>(x) * ipow_derivative_power<N / 2>(x);  // x^(N/2) · x^(N/2 - 1)
  }
}

}  // namespace tapeless::detail::math

#undef TAPELESS_DETAIL_MATH_HAS_BUILTINS
