// tapeless::sqrt, cbrt
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct sqrt {
  static constexpr char name[] = "sqrt";
  static constexpr std::uint32_t reverse_reads = detail::reads_self_bit;  // detail::reverse_reads_of
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::sqrt(x);
  }
  // ∂√x/∂x = 1/(2√x), from the node's own value; +inf at x = 0.
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar / (ctx.value() + ctx.value());
  }
};

struct cbrt : detail::unary_rule<cbrt> {
  static constexpr char name[] = "cbrt";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::cbrt(x);
  }
  // ∂∛x/∂x = 1/(3 (∛x)²), from the node's own value (+inf at x = 0; y/(3x) would be 0/0)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T, T y) noexcept {
    return static_cast<T>(1) / (static_cast<T>(3) * (y * y));
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(sqrt)
TAPELESS_DETAIL_UNARY_FUNCTION(cbrt)

}  // namespace tapeless
