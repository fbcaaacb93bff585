// The detail::math functions on dual numbers, so that every operation's apply and adjoint (which
// call detail::math::f by qualified name) run with T = dual<U>: forward over reverse, the
// Hessian (hessian.hpp). They must be declared before the operations are defined, so
// functions/common.hpp includes this header.
//
// Each function's tangent is its local derivative times the argument's tangent, with the
// derivative written as the operations write it (accurate forms, the same conventions at kinks
// and domain edges: docs/transforms.md), and skipped when the tangent is a strong zero (0 · ∞
// would make NaN where the direction does not move the argument).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <limits>

#include <tapeless/config.hpp>
#include <tapeless/detail/math.hpp>
#include <tapeless/detail/polygamma.hpp>
#include <tapeless/dual.hpp>

namespace tapeless::detail::math {

// Declarations first: qualified calls in templates find only what is declared before them,
// and each function below calls the others on the next dual level down.
#define TAPELESS_DETAIL_DUAL_UNARY(fn) \
  template <class T>                   \
  TAPELESS_HD constexpr dual<T> fn(const dual<T>& x) noexcept;
TAPELESS_DETAIL_DUAL_UNARY(sqrt)
TAPELESS_DETAIL_DUAL_UNARY(cbrt)
TAPELESS_DETAIL_DUAL_UNARY(exp)
TAPELESS_DETAIL_DUAL_UNARY(exp2)
TAPELESS_DETAIL_DUAL_UNARY(expm1)
TAPELESS_DETAIL_DUAL_UNARY(log)
TAPELESS_DETAIL_DUAL_UNARY(log2)
TAPELESS_DETAIL_DUAL_UNARY(log10)
TAPELESS_DETAIL_DUAL_UNARY(log1p)
TAPELESS_DETAIL_DUAL_UNARY(sin)
TAPELESS_DETAIL_DUAL_UNARY(cos)
TAPELESS_DETAIL_DUAL_UNARY(tan)
TAPELESS_DETAIL_DUAL_UNARY(asin)
TAPELESS_DETAIL_DUAL_UNARY(acos)
TAPELESS_DETAIL_DUAL_UNARY(atan)
TAPELESS_DETAIL_DUAL_UNARY(sinh)
TAPELESS_DETAIL_DUAL_UNARY(cosh)
TAPELESS_DETAIL_DUAL_UNARY(tanh)
TAPELESS_DETAIL_DUAL_UNARY(asinh)
TAPELESS_DETAIL_DUAL_UNARY(acosh)
TAPELESS_DETAIL_DUAL_UNARY(atanh)
TAPELESS_DETAIL_DUAL_UNARY(erf)
TAPELESS_DETAIL_DUAL_UNARY(erfc)
TAPELESS_DETAIL_DUAL_UNARY(tgamma)
TAPELESS_DETAIL_DUAL_UNARY(lgamma)
TAPELESS_DETAIL_DUAL_UNARY(digamma)
TAPELESS_DETAIL_DUAL_UNARY(trigamma)
TAPELESS_DETAIL_DUAL_UNARY(tetragamma)
TAPELESS_DETAIL_DUAL_UNARY(fabs)
#undef TAPELESS_DETAIL_DUAL_UNARY
template <class T>
TAPELESS_HD constexpr bool signbit(const dual<T>& x) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> atan2(const dual<T>& y, const dual<T>& x) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> hypot(const dual<T>& x, const dual<T>& y) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> hypot(const dual<T>& x, const dual<T>& y, const dual<T>& z) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> copysign(const dual<T>& a, const dual<T>& b) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> fmin(const dual<T>& a, const dual<T>& b) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> fmax(const dual<T>& a, const dual<T>& b) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> fma(const dual<T>& a, const dual<T>& b, const dual<T>& c) noexcept;
template <class T>
TAPELESS_HD constexpr dual<T> pow(const dual<T>& x, const dual<T>& y) noexcept;

/// a on plain numbers; on duals equal in value, the mean of the tangents (min and max split a
/// tie ½–½ in the gradient, and the directional derivative must agree with the gradient for
/// the Hessian to be its derivative, and symmetric).
template <class T>
TAPELESS_HD constexpr T tie(const T& a, [[maybe_unused]] const T& b) noexcept {
  if constexpr (is_dual<T>) {
    if (a == b) return T{tie(a.value, b.value), (a.tangent + b.tangent) * static_cast<decltype(a.tangent)>(0.5)};
    return a;
  } else {
    return a;
  }
}

/// abar·∂xʸ/∂x at y = 0 for ops::pow: exactly 0 on plain numbers (the convention, also at
/// x = 0); on duals, 0 with the tangent abar·y'/x, as ∂²xʸ/∂x∂y = 1/x at y = 0 (0 at x = 0 and
/// for NaN x, where the convention holds).
template <class T>
TAPELESS_HD constexpr T pow_zero_exponent_partial([[maybe_unused]] const T& abar,
                                                  [[maybe_unused]] const T& x,
                                                  [[maybe_unused]] const T& y) noexcept {
  if constexpr (is_dual<T>) {
    using V = decltype(x.value);
    const V t = strong_zero(y.tangent) || x.value == static_cast<V>(0) || x.value != x.value
                    ? static_cast<V>(0)
                    : abar.value * (y.tangent / x.value);
    return T{pow_zero_exponent_partial(abar.value, x.value, y.value), t};
  } else {
    return static_cast<T>(0);
  }
}

/// {f(x), f'(x)·x'} with f'(x) evaluated only for a tangent that is not a strong zero.
#define TAPELESS_DETAIL_DUAL_CHAIN(value_expr, derivative_expr) \
  const T v = x.value;                                          \
  const T y = value_expr;                                       \
  if (strong_zero(x.tangent)) return {y, static_cast<T>(0)};    \
  return {y, (derivative_expr) * x.tangent};

// The same derivative forms as the operations (functions/*.hpp say why each one).
template <class T>
TAPELESS_HD constexpr dual<T> sqrt(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::sqrt(v), static_cast<T>(1) / (y + y))
}
template <class T>
TAPELESS_HD constexpr dual<T> cbrt(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::cbrt(v), static_cast<T>(1) / (static_cast<T>(3) * (y * y)))
}
template <class T>
TAPELESS_HD constexpr dual<T> exp(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::exp(v), y)
}
template <class T>
TAPELESS_HD constexpr dual<T> exp2(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::exp2(v), static_cast<T>(0.693147180559945309417232121458176568L) * y)
}
template <class T>
TAPELESS_HD constexpr dual<T> expm1(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::expm1(v), v < static_cast<T>(-1) ? math::exp(v) : y + static_cast<T>(1))
}
template <class T>
TAPELESS_HD constexpr dual<T> log(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::log(v), static_cast<T>(1) / v)
}
template <class T>
TAPELESS_HD constexpr dual<T> log2(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::log2(v), static_cast<T>(1.44269504088896340735992468100189214L) / v)
}
template <class T>
TAPELESS_HD constexpr dual<T> log10(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::log10(v), static_cast<T>(0.434294481903251827651128918916605082L) / v)
}
template <class T>
TAPELESS_HD constexpr dual<T> log1p(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::log1p(v), static_cast<T>(1) / (static_cast<T>(1) + v))
}
template <class T>
TAPELESS_HD constexpr dual<T> sin(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::sin(v), math::cos(v))
}
template <class T>
TAPELESS_HD constexpr dual<T> cos(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::cos(v), -math::sin(v))
}
template <class T>
TAPELESS_HD constexpr dual<T> tan(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::tan(v), static_cast<T>(1) + y * y)
}
template <class T>
TAPELESS_HD constexpr dual<T> asin(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::asin(v), static_cast<T>(1) / math::sqrt((static_cast<T>(1) - v) * (static_cast<T>(1) + v)))
}
template <class T>
TAPELESS_HD constexpr dual<T> acos(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::acos(v), static_cast<T>(-1) / math::sqrt((static_cast<T>(1) - v) * (static_cast<T>(1) + v)))
}
template <class T>
TAPELESS_HD constexpr dual<T> atan(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::atan(v), static_cast<T>(1) / (static_cast<T>(1) + v * v))
}
template <class T>
TAPELESS_HD constexpr dual<T> sinh(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::sinh(v), math::cosh(v))
}
template <class T>
TAPELESS_HD constexpr dual<T> cosh(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::cosh(v), math::sinh(v))
}
/// No strong-zero test: 1 − y² is finite wherever tanh is (|y| ≤ 1), so a zero tangent gives
/// a zero tangent without it (up to its sign, which the results' collection drops), and the
/// test would cost more than the two operations it saves (the loss of a tanh layer, H·v).
template <class T>
TAPELESS_HD constexpr dual<T> tanh(const dual<T>& x) noexcept {
  const T y = math::tanh(x.value);
  return {y, (static_cast<T>(1) - y * y) * x.tangent};
}
template <class T>
TAPELESS_HD constexpr dual<T> asinh(const dual<T>& x) noexcept {
  constexpr int digits = std::numeric_limits<dual_real_t<T>>::digits;
  TAPELESS_DETAIL_DUAL_CHAIN(
      math::asinh(v),
      math::fabs(v) > static_cast<T>(1ull << (digits / 2 + 1))
          ? static_cast<T>(1) / math::fabs(v)
          : static_cast<T>(1) / math::sqrt(v * v + static_cast<T>(1)))
}
template <class T>
TAPELESS_HD constexpr dual<T> acosh(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::acosh(v), static_cast<T>(1) / (math::sqrt(v - static_cast<T>(1)) * math::sqrt(v + static_cast<T>(1))))
}
template <class T>
TAPELESS_HD constexpr dual<T> atanh(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::atanh(v), static_cast<T>(1) / ((static_cast<T>(1) - v) * (static_cast<T>(1) + v)))
}
template <class T>
TAPELESS_HD constexpr dual<T> erf(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::erf(v), static_cast<T>(1.12837916709551257389615890312154517L) * math::exp(-(v * v)))
}
template <class T>
TAPELESS_HD constexpr dual<T> erfc(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::erfc(v), -(static_cast<T>(1.12837916709551257389615890312154517L) * math::exp(-(v * v))))
}
template <class T>
TAPELESS_HD constexpr dual<T> tgamma(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::tgamma(v), y * math::digamma(v))
}
template <class T>
TAPELESS_HD constexpr dual<T> lgamma(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::lgamma(v), math::digamma(v))
}
template <class T>
TAPELESS_HD constexpr dual<T> digamma(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::digamma(v), math::trigamma(v))
}
template <class T>
TAPELESS_HD constexpr dual<T> trigamma(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::trigamma(v), math::tetragamma(v))
}
/// ψ'' on duals needs ψ''' of the real type: third derivatives of digamma (dual<dual<T>>
/// through trigamma) work; a fourth would need ψ⁗, which tapeless does not have.
template <class T>
TAPELESS_HD constexpr dual<T> tetragamma(const dual<T>& x) noexcept {
  static_assert(!is_dual<T>, "tapeless: derivatives of digamma beyond the third are not available");
  TAPELESS_DETAIL_DUAL_CHAIN(math::tetragamma(v), math::pentagamma(v))
}
/// |x|' = sign(x), 0 at ±0 (as abs' in the gradient); NaN stays NaN.
template <class T>
TAPELESS_HD constexpr dual<T> fabs(const dual<T>& x) noexcept {
  TAPELESS_DETAIL_DUAL_CHAIN(math::fabs(v), v > static_cast<T>(0)   ? static_cast<T>(1)
                                            : v < static_cast<T>(0) ? static_cast<T>(-1)
                                                                    : static_cast<T>(0) * v)
}
#undef TAPELESS_DETAIL_DUAL_CHAIN

template <class T>
TAPELESS_HD constexpr bool signbit(const dual<T>& x) noexcept {
  return math::signbit(x.value);
}

/// The partials of atan2 as the operation computes them (scaled by max(|x|, |y|); 0 at the
/// origin and at infinity).
template <class T>
TAPELESS_HD constexpr dual<T> atan2(const dual<T>& y, const dual<T>& x) noexcept {
  const T angle = math::atan2(y.value, x.value);
  const T ax = math::fabs(x.value);
  const T ay = math::fabs(y.value);
  const T s = ax < ay ? ay : ax;
  if (s == static_cast<T>(0) || detail::is_plus_infinity(s)) return {angle, static_cast<T>(0)};
  const T xs = x.value / s;
  const T ys = y.value / s;
  const T r = s * (xs * xs + ys * ys);
  T t = static_cast<T>(0);
  if (!strong_zero(y.tangent)) t += (xs / r) * y.tangent;
  if (!strong_zero(x.tangent)) t -= (ys / r) * x.tangent;
  return {angle, t};
}

/// x/h, 0 at the origin, ±1 or 0 for an infinite h: as detail::hypot_partial.
template <class T>
TAPELESS_HD constexpr T dual_hypot_partial(const T& x, const T& h) noexcept {
  if (h == static_cast<T>(0)) return static_cast<T>(0);
  if (detail::is_plus_infinity(h))
    return x == h ? static_cast<T>(1) : x == -h ? static_cast<T>(-1) : static_cast<T>(0);
  return x / h;
}

template <class T>
TAPELESS_HD constexpr dual<T> hypot(const dual<T>& x, const dual<T>& y) noexcept {
  const T h = math::hypot(x.value, y.value);
  T t = static_cast<T>(0);
  if (!strong_zero(x.tangent)) t += dual_hypot_partial(x.value, h) * x.tangent;
  if (!strong_zero(y.tangent)) t += dual_hypot_partial(y.value, h) * y.tangent;
  return {h, t};
}
template <class T>
TAPELESS_HD constexpr dual<T> hypot(const dual<T>& x, const dual<T>& y, const dual<T>& z) noexcept {
  const T h = math::hypot(x.value, y.value, z.value);
  T t = static_cast<T>(0);
  if (!strong_zero(x.tangent)) t += dual_hypot_partial(x.value, h) * x.tangent;
  if (!strong_zero(y.tangent)) t += dual_hypot_partial(y.value, h) * y.tangent;
  if (!strong_zero(z.tangent)) t += dual_hypot_partial(z.value, h) * z.tangent;
  return {h, t};
}

/// ∂/∂a = ±1 (0 at a = ±0, as abs), ∂/∂b = 0.
template <class T>
TAPELESS_HD constexpr dual<T> copysign(const dual<T>& a, const dual<T>& b) noexcept {
  const T y = math::copysign(a.value, b.value);
  if (a.value == static_cast<T>(0) || strong_zero(a.tangent)) return {y, static_cast<T>(0)};
  return {y, (y / a.value) * a.tangent};
}

/// fmin and fmax: the tangent of the argument that is the result; a NaN argument is ignored; a
/// tie gives the mean of both tangents (see tie).
template <class T>
TAPELESS_HD constexpr dual<T> fmin(const dual<T>& a, const dual<T>& b) noexcept {
  if (b != b) return a;
  if (a != a) return b;
  if (a == b) return tie(a, b);
  return b < a ? b : a;
}
template <class T>
TAPELESS_HD constexpr dual<T> fmax(const dual<T>& a, const dual<T>& b) noexcept {
  if (b != b) return a;
  if (a != a) return b;
  if (a == b) return tie(a, b);
  return a < b ? b : a;
}

template <class T>
TAPELESS_HD constexpr dual<T> fma(const dual<T>& a, const dual<T>& b, const dual<T>& c) noexcept {
  return {math::fma(a.value, b.value, c.value), a.tangent * b.value + a.value * b.tangent + c.tangent};
}

/// xʸ with the operation's conventions: ∂/∂x = y·x^(y-1), 0 at y = 0; ∂/∂y = xʸ ln x, 0 at
/// x = 0 with y ≥ 0. A constant exponent (strongly zero tangent) adds nothing: no ln x of a
/// negative x to poison x³.
template <class T>
TAPELESS_HD constexpr dual<T> pow(const dual<T>& x, const dual<T>& y) noexcept {
  const T p = math::pow(x.value, y.value);
  T t = static_cast<T>(0);
  if (!strong_zero(x.tangent) && !(y.value == static_cast<T>(0)))
    t += (y.value * math::pow(x.value, y.value - static_cast<T>(1))) * x.tangent;
  if (!strong_zero(y.tangent) && !(x.value == static_cast<T>(0) && y.value >= static_cast<T>(0)))
    t += (p * math::log(x.value)) * y.tangent;
  return {p, t};
}

}  // namespace tapeless::detail::math
