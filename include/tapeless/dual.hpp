// tapeless::dual<T>: a forward-mode dual number, a value and one tangent. Bound as the values of
// an expression's variables, it makes the library's own reverse sweep compute a gradient and
// its directional derivative at once (forward over reverse: hessian.hpp). Nestable
// (dual<dual<double>> carries second directional derivatives), constexpr, no heap.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <concepts>
#include <limits>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/detail/identity.hpp>
#include <tapeless/detail/infinity.hpp>

TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN  // quiet under -ffast-math: see config.hpp

namespace tapeless {

template <class T>
struct dual;

namespace detail {
template <class T>
inline constexpr bool is_dual = false;
template <class T>
inline constexpr bool is_dual<dual<T>> = true;

/// The real type under any number of dual levels.
template <class T>
struct dual_real {
  using type = T;
};
template <class T>
struct dual_real<dual<T>> : dual_real<T> {};
template <class T>
using dual_real_t = typename dual_real<T>::type;

/// Every component zero (value and all tangents): a "strong" zero. Functions skip their local
/// derivative for a strongly zero tangent, so an infinite derivative at a point the direction
/// does not move (√x at 0 with the tangent of x zero) gives a zero tangent, not 0 · ∞ = NaN.
template <class T>
TAPELESS_HD constexpr bool strong_zero(const T& x) noexcept {
  if constexpr (is_dual<T>)
    return strong_zero(x.value) && strong_zero(x.tangent);
  else
    return x == static_cast<T>(0);
}
}  // namespace detail

/// A number value + ε·tangent with ε² = 0. Arithmetic carries the tangent by the chain rule;
/// comparisons look at the value only (so branches of the library, e.g. `x < 0 ? ... : ...`,
/// take the branch of the value). A plain number converts implicitly, with tangent 0.
///
/// No `value_type` member on purpose: a type with one is taken for an array by at(...).
template <class T>
struct dual {
  using real_type = detail::dual_real_t<T>;

  // No default member initialisers: the sweeps' value arrays of duals (T v[N]) are written
  // before they are read, and zeroing them first cost an H·v 3 % more instructions. dual<T>{}
  // is still (0, 0), as for double.
  T value;
  T tangent;

  constexpr dual() = default;
  /// A plain number: tangent 0.
  template <class U>
    requires(std::is_arithmetic_v<U> && !std::is_same_v<U, bool>)
  TAPELESS_HD constexpr dual(U v_) noexcept  // NOLINT(google-explicit-constructor): a number is a dual
      : value(static_cast<T>(v_)), tangent(static_cast<T>(0)) {}
  TAPELESS_HD constexpr dual(const T& v_, const T& t_) noexcept : value(v_), tangent(t_) {}
  /// One level down (dual<double> into dual<dual<double>>): tangent 0.
  template <class U>
    requires(detail::is_dual<T> && std::is_same_v<U, T>)
  TAPELESS_HD constexpr dual(const U& v_) noexcept  // NOLINT(google-explicit-constructor)
      : value(v_), tangent(static_cast<T>(0)) {}

  TAPELESS_HD constexpr dual operator+() const noexcept { return *this; }
  TAPELESS_HD constexpr dual operator-() const noexcept { return {-value, -tangent}; }

  TAPELESS_HD constexpr dual& operator+=(const dual& b) noexcept {
    value += b.value;
    tangent += b.tangent;
    return *this;
  }
  TAPELESS_HD constexpr dual& operator-=(const dual& b) noexcept {
    value -= b.value;
    tangent -= b.tangent;
    return *this;
  }
  TAPELESS_HD constexpr dual& operator*=(const dual& b) noexcept { return *this = *this * b; }
  TAPELESS_HD constexpr dual& operator/=(const dual& b) noexcept { return *this = *this / b; }

  TAPELESS_HD friend constexpr dual operator+(const dual& a, const dual& b) noexcept {
    return {a.value + b.value, a.tangent + b.tangent};
  }
  TAPELESS_HD friend constexpr dual operator-(const dual& a, const dual& b) noexcept {
    return {a.value - b.value, a.tangent - b.tangent};
  }
  /// Tangents that are exactly zero (a constant's, or a direction's unused entries) are strong
  /// zeros: they contribute nothing even against an infinite value (0 · ∞ would be NaN), so
  /// that an infinite first derivative at a domain edge (log'(0), asin'(1)) gives its limit
  /// as second derivative rather than NaN, and does not poison unrelated Hessian entries.
  TAPELESS_HD friend constexpr dual operator*(const dual& a, const dual& b) noexcept {
    const bool za = detail::strong_zero(a.tangent);
    const bool zb = detail::strong_zero(b.tangent);
    if (za) return {a.value * b.value, zb ? static_cast<T>(0) : a.value * b.tangent};
    if (zb) return {a.value * b.value, a.tangent * b.value};
    return {a.value * b.value, a.tangent * b.value + a.value * b.tangent};
  }
  /// (a/b)' = (a' - (a/b) b') / b: one division more than the value, and no b² to overflow.
  /// A finite a over an infinite b: the limit a'/b (b'/b² → 0), not 0 · ∞ = NaN for an infinite
  /// b', so that atan'(x) = 1/(1 + x²) has derivative 0 at ±inf.
  TAPELESS_HD friend constexpr dual operator/(const dual& a, const dual& b) noexcept {
    const T q = a.value / b.value;
    const bool za = detail::strong_zero(a.tangent);
    if (detail::strong_zero(b.tangent) ||
        (q == static_cast<T>(0) && detail::is_infinite(b.value)))
      return {q, za ? static_cast<T>(0) : a.tangent / b.value};
    return {q, (za ? -(q * b.tangent) : a.tangent - q * b.tangent) / b.value};
  }

  TAPELESS_HD friend constexpr bool operator==(const dual& a, const dual& b) noexcept {
    return a.value == b.value;
  }
  TAPELESS_HD friend constexpr bool operator<(const dual& a, const dual& b) noexcept {
    return a.value < b.value;
  }
  TAPELESS_HD friend constexpr bool operator<=(const dual& a, const dual& b) noexcept {
    return a.value <= b.value;
  }
  TAPELESS_HD friend constexpr bool operator>(const dual& a, const dual& b) noexcept {
    return a.value > b.value;
  }
  TAPELESS_HD friend constexpr bool operator>=(const dual& a, const dual& b) noexcept {
    return a.value >= b.value;
  }
};

}  // namespace tapeless

/// numeric_limits of the value type, as duals with tangent 0 (the library asks for infinity(),
/// quiet_NaN() and digits of its evaluation type).
namespace std {  // NOLINT(cert-dcl58-cpp): specialising numeric_limits is allowed
template <class T>
class numeric_limits<tapeless::dual<T>> : public numeric_limits<T> {
  using D = tapeless::dual<T>;
  using L = std::numeric_limits<T>;

 public:
  static constexpr D min() noexcept { return D(L::min()); }
  static constexpr D max() noexcept { return D(L::max()); }
  static constexpr D lowest() noexcept { return D(L::lowest()); }
  static constexpr D epsilon() noexcept { return D(L::epsilon()); }
  static constexpr D round_error() noexcept { return D(L::round_error()); }
  static constexpr D infinity() noexcept { return D(L::infinity()); }
  static constexpr D quiet_NaN() noexcept { return D(L::quiet_NaN()); }
  static constexpr D signaling_NaN() noexcept { return D(L::signaling_NaN()); }
  static constexpr D denorm_min() noexcept { return D(L::denorm_min()); }
};
}  // namespace std

namespace tapeless::detail {

/// A dual number over a real type (not a nested dual).
template <class T>
inline constexpr bool real_dual = false;
template <std::floating_point R>
inline constexpr bool real_dual<dual<R>> = true;

/// -0.0 in the value and in every tangent: dual(-0.0) has tangent +0, and an adjoint's tangent
/// starting from +0 would cost an addition at its first contribution (and keep a useless
/// `+= +0` for every entry that gets none, a stop_gradient'd vector's in H·v).
template <class T>
struct additive_identity_of<dual<T>> {
  TAPELESS_HD TAPELESS_INLINE static constexpr dual<T> value() noexcept {
    return {additive_identity_of<T>::value(), additive_identity_of<T>::value()};
  }
};
/// x + 0 turns -0.0 into +0.0 and changes nothing else, in every component of a tangent.
template <class T>
struct collected_of<dual<T>> {
  TAPELESS_HD TAPELESS_INLINE static constexpr dual<T> value(const dual<T>& x) noexcept {
    return {collected_of<T>::value(x.value), x.tangent + static_cast<T>(0)};
  }
};

/// a · b for a factor b with a zero tangent and a finite value: operator*'s strong-zero
/// product without its test, up to the sign of a zero tangent (t·b is ±0 for a zero t, or for
/// b = ±0, where operator* may give +0). Only for products that go into sums (ops::matmul), where
/// that sign does not reach a result: a zero tangent meets only additions and products, which
/// keep it a zero, and the gradient's entries are sums that start at +0 (vector variables) or
/// are collected with + 0 on their tangents (detail::collected).
template <class R>
TAPELESS_HD TAPELESS_INLINE constexpr dual<R> times_finite_constant(const dual<R>& a, R b) noexcept {
  return {a.value * b, a.tangent * b};
}

}  // namespace tapeless::detail

TAPELESS_DETAIL_ALLOW_INFINITY_END
