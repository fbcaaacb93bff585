// tapeless::log (natural logarithm)
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct log {
  static constexpr char name[] = "log";
  template <class T>
  TAPELESS_HD static constexpr T apply(T x) noexcept {
    return detail::math::log(x);
  }
  // ∂ln x/∂x = 1/x (+inf at x = +0).
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar / ctx.template operand<0>();
  }
};
}  // namespace ops

template <expression X>
[[nodiscard]] constexpr auto log(const X& x) noexcept {
  return tapeless::make_node<ops::log>(x);
}
template <detail::number X>
[[nodiscard]] TAPELESS_HD constexpr auto log(X x) noexcept {
  return detail::math::log(detail::to_real(x));
}

}  // namespace tapeless
