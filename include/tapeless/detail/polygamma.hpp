// ψ''(x) and ψ'''(x) (tetragamma and pentagamma), for float, double and long double, constexpr:
// the derivative of trigamma, which the second derivative of digamma (and the third of lgamma)
// needs in a forward-over-reverse sweep, and one order more for dual<dual<T>>.
//
// How: for x > 0 the recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + 1) - (-1)ⁿ n!/x^(n+1) up to x ≥ 20, then the
// asymptotic series ψ⁽ⁿ⁾(x) ~ (-1)^(n+1) [(n-1)!/xⁿ + n!/(2x^(n+1)) + Σₖ B₂ₖ (2k+n-1)!/((2k)!
// x^(2k+n))] with 10 terms (the last below 2⁻⁶⁴ relative at x = 20); the recurrence terms all
// have the sign of the result, so the sum does not cancel. For x < 0 the reflection
// ψ⁽ⁿ⁾(1 - x) + (-1)^(n+1) ψ⁽ⁿ⁾(x) = (-1)ⁿ π dⁿ/dxⁿ cot(πx), with the trigonometric functions of
// π·f, f = x - round(x) in [-1/2, 1/2] (exact), so that no multiple of π is reduced, and
// cos(πf) = sin(π(1/2 - |f|)). float
// computes in double unless TAPELESS_CONFIG_FLOAT_ONLY_MATH. Accuracy: tests/transforms.
// Special values: ψ''(±0) = ∓inf, ψ'' = NaN at the negative integers, ψ'''(non-positive
// integer) = +inf, ψ''(+inf) = -0, ψ'''(+inf) = +0, NaN at -inf and for NaN.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <limits>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/detail/math.hpp>

TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN  // quiet under -ffast-math: see config.hpp

namespace tapeless::detail::polygamma_impl {

/// B₂ₖ·(2k+1) (ψ'') and B₂ₖ·(2k+1)(2k+2) (ψ'''), k = 1..10.
inline constexpr long double tetra_coefficients[10] = {
    1.0L / 2,   -1.0L / 6,       1.0L / 6,           -3.0L / 10,      5.0L / 6,
    -691.0L / 210, 35.0L / 2, -3617.0L / 30, 43867.0L / 42, -3666831.0L / 330};
inline constexpr long double penta_coefficients[10] = {
    2.0L,      -1.0L,         4.0L / 3,         -3.0L,           10.0L,
    -691.0L / 15, 280.0L, -10851.0L / 5, 438670.0L / 21, -1222277.0L / 5};

inline constexpr long double pi = 3.141592653589793238462643383279502884L;

/// ψ⁽ᴺ⁾(x) for finite x > 0.
template <int N, class T>
TAPELESS_HD constexpr T positive(T x) noexcept {
  constexpr T bound = 20;
  T shifted = x;
  int steps = 0;
  while (shifted < bound) {
    shifted += 1;
    ++steps;
  }
  const T s = T(1) / shifted;
  const T s2 = s * s;
  const long double* c = N == 2 ? tetra_coefficients : penta_coefficients;
  T series = 0;
  for (int k = 9; k >= 0; --k) series = series * s2 + static_cast<T>(c[k]);
  series *= s2;
  // N = 2: -(s² (1 + s + series)); N = 3: s³ (2 + 3s + series)
  T r = N == 2 ? -(s2 * (T(1) + s + series)) : s2 * s * (T(2) + T(3) * s + series);
  // the smallest terms first: from x + steps - 1 down to x
  for (int k = steps - 1; k >= 0; --k) {
    const T y = x + static_cast<T>(k);
    const T y2 = y * y;
    if constexpr (N == 2)
      r -= T(2) / (y2 * y);
    else
      r += T(6) / (y2 * y2);
  }
  return r;
}

/// f = x - round(x), exact, in [-1/2, 1/2]; x finite with |x| < 2^(digits-1).
template <class T>
TAPELESS_HD constexpr T fraction(T x) noexcept {
  const auto n = static_cast<long long>(x);  // truncation: exact for such x
  T f = x - static_cast<T>(n);
  if (f > T(0.5)) f -= T(1);
  if (f < T(-0.5)) f += T(1);
  return f;
}

template <int N, class T>
TAPELESS_HD constexpr T polygamma(T x) noexcept {
  static_assert(N == 2 || N == 3, "tapeless: polygamma of order 2 and 3 only");
  constexpr T inf = std::numeric_limits<T>::infinity();
  if (x != x) return x;
  if (detail::is_plus_infinity(x)) return N == 2 ? -T(0) : T(0);
  if (detail::is_plus_infinity(-x)) return std::numeric_limits<T>::quiet_NaN();
  if (x == T(0)) return N == 2 ? (math::signbit(x) ? inf : -inf) : inf;
  if (x > T(0)) return positive<N>(x);
  constexpr T integral = static_cast<T>(1ull << (std::numeric_limits<T>::digits - 2)) * T(2);
  if (-x >= integral) return N == 2 ? std::numeric_limits<T>::quiet_NaN() : inf;  // an integer
  const T f = fraction(x);
  if (f == T(0)) return N == 2 ? std::numeric_limits<T>::quiet_NaN() : inf;
  // cos(πf) as sin(π(1/2 - |f|)) (exact argument): accurate also near f = ±1/2, where it is
  // near 0 and cos of the rounded πf would lose the relative accuracy
  const T p = static_cast<T>(pi);
  const T sn = math::sin(p * f);
  const T cs = math::sin(p * (T(0.5) - math::fabs(f)));
  const T pi3 = static_cast<T>(pi * pi * pi);
  const T reflected = positive<N>(T(1) - x);
  const T s2 = sn * sn;
  if constexpr (N == 2) {
    // ψ''(x) = ψ''(1 - x) - 2π³ cot(πx) csc²(πx)
    return reflected - T(2) * pi3 * (cs / (s2 * sn));
  } else {
    // ψ'''(x) = -ψ'''(1 - x) + 2π⁴ (2cos²(πx) + 1)/sin⁴(πx)
    const T pi4 = static_cast<T>(pi * pi * pi * pi);
    return T(2) * pi4 * ((T(2) * cs * cs + T(1)) / (s2 * s2)) - reflected;
  }
}

/// float computes in double (rounded once) unless the target has no double-precision FPU.
template <int N, class T>
TAPELESS_HD constexpr T dispatch(T x) noexcept {
  if constexpr (std::is_same_v<T, float> && !TAPELESS_CONFIG_FLOAT_ONLY_MATH)
    return static_cast<float>(polygamma<N>(static_cast<double>(x)));
  else
    return polygamma<N>(x);
}

}  // namespace tapeless::detail::polygamma_impl

namespace tapeless::detail::math {
/// ψ''(x), the derivative of trigamma.
template <std::floating_point T>
TAPELESS_HD constexpr T tetragamma(T x) noexcept {
  return polygamma_impl::dispatch<2>(x);
}
/// ψ'''(x), the derivative of tetragamma.
template <std::floating_point T>
TAPELESS_HD constexpr T pentagamma(T x) noexcept {
  return polygamma_impl::dispatch<3>(x);
}
}  // namespace tapeless::detail::math

TAPELESS_DETAIL_ALLOW_INFINITY_END
