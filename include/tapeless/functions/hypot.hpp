// tapeless::hypot of two and of three arguments: √(x² + y² [+ z²]) without overflow.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <limits>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace detail {
/// ∂hypot/∂x = x / h. At the origin the norm is not differentiable: 0 (convention, the
/// subgradient of least norm). An infinite h (some argument infinite) gives ±1 for an infinite
/// x and 0 for a finite one, the limits of x / h.
template <class T>
TAPELESS_HD constexpr T hypot_partial(T x, T h) noexcept {
  if (h == static_cast<T>(0)) return static_cast<T>(0);
  if (detail::is_plus_infinity(h))
    return x == h ? static_cast<T>(1) : x == -h ? static_cast<T>(-1) : static_cast<T>(0);
  return x / h;
}
}  // namespace detail

namespace ops {
struct hypot : detail::factor_rule<hypot> {
  static constexpr char name[] = "hypot";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x, T y) noexcept {
    return detail::math::hypot(x, y);
  }
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return detail::hypot_partial(ctx.template operand<J>(), ctx.value());
  }
};

struct hypot3 : detail::factor_rule<hypot3> {
  static constexpr char name[] = "hypot";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x, T y, T z) noexcept {
    return detail::math::hypot(x, y, z);
  }
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return detail::hypot_partial(ctx.template operand<J>(), ctx.value());
  }
};
}  // namespace ops

TAPELESS_DETAIL_BINARY_FUNCTION(hypot)

template <operand X, operand Y, operand Z>
  requires(expression<X> || expression<Y> || expression<Z>)
[[nodiscard]] constexpr auto hypot(const X& x, const Y& y, const Z& z) noexcept {
  return tapeless::make_node<ops::hypot3>(x, y, z);
}
template <detail::number X, detail::number Y, detail::number Z>
[[nodiscard]] TAPELESS_HD constexpr auto hypot(X x, Y y, Z z) noexcept {
  using R = detail::common_real_t<X, Y, Z>;
  return detail::math::hypot(static_cast<R>(x), static_cast<R>(y), static_cast<R>(z));
}

}  // namespace tapeless
