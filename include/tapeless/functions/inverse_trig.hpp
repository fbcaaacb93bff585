// tapeless::asin, acos, atan, atan2
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <limits>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct asin : detail::unary_rule<asin> {
  static constexpr char name[] = "asin";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::asin(x);
  }
  // ∂asin x/∂x = 1/√(1 - x²), with 1 - x² as (1 - x)(1 + x): no cancellation near ±1, where
  // the derivative is +inf
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(1) /
           detail::math::sqrt((static_cast<T>(1) - x) * (static_cast<T>(1) + x));
  }
};

struct acos : detail::unary_rule<acos> {
  static constexpr char name[] = "acos";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::acos(x);
  }
  // ∂acos x/∂x = -1/√(1 - x²) (-inf at ±1)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(-1) /
           detail::math::sqrt((static_cast<T>(1) - x) * (static_cast<T>(1) + x));
  }
};

struct atan : detail::unary_rule<atan> {
  static constexpr char name[] = "atan";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::atan(x);
  }
  // ∂atan x/∂x = 1/(1 + x²) (0 at ±inf)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(1) / (static_cast<T>(1) + x * x);
  }
};

/// atan2(y, x): the angle of the point (x, y).
struct atan2 {
  static constexpr char name[] = "atan2";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T y, T x) noexcept {
    return detail::math::atan2(y, x);
  }
  // ∂/∂y = x/(x² + y²), ∂/∂x = -y/(x² + y²). Computed with both scaled by s = max(|x|, |y|),
  // so that x² + y² neither overflows nor underflows; at infinity they are 0 (the limit). At
  // the origin the angle is not differentiable: both partials are 0 (convention).
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    const T y = ctx.template operand<0>();
    const T x = ctx.template operand<1>();
    const T ax = detail::math::fabs(x);
    const T ay = detail::math::fabs(y);
    const T s = ax < ay ? ay : ax;
    if (s == static_cast<T>(0) || detail::is_plus_infinity(s)) return static_cast<T>(0);
    const T xs = x / s;
    const T ys = y / s;
    const T r = s * (xs * xs + ys * ys);
    if constexpr (J == 0)
      return abar * (xs / r);
    else
      return -(abar * (ys / r));
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(asin)
TAPELESS_DETAIL_UNARY_FUNCTION(acos)
TAPELESS_DETAIL_UNARY_FUNCTION(atan)
TAPELESS_DETAIL_BINARY_FUNCTION(atan2)

}  // namespace tapeless
