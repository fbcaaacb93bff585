// tapeless::sqrt
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
  template <class T>
  TAPELESS_HD static constexpr T apply(T x) noexcept {
    return detail::math::sqrt(x);
  }
  // ∂√x/∂x = 1/(2√x), from the node's own value; +inf at x = 0.
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar / (ctx.value() + ctx.value());
  }
};
}  // namespace ops

template <expression X>
[[nodiscard]] constexpr auto sqrt(const X& x) noexcept {
  return tapeless::make_node<ops::sqrt>(x);
}
template <detail::number X>
[[nodiscard]] TAPELESS_HD constexpr auto sqrt(X x) noexcept {
  return detail::math::sqrt(detail::to_real(x));
}

}  // namespace tapeless
