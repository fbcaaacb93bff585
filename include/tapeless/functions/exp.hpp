// tapeless::exp
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct exp {
  static constexpr char name[] = "exp";
  template <class T>
  TAPELESS_HD static constexpr T apply(T x) noexcept {
    return detail::math::exp(x);
  }
  // ∂eˣ/∂x = eˣ: the node's own value, no second exp call.
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * ctx.value();
  }
};
}  // namespace ops

template <expression X>
[[nodiscard]] constexpr auto exp(const X& x) noexcept {
  return tapeless::make_node<ops::exp>(x);
}
template <detail::number X>
[[nodiscard]] TAPELESS_HD constexpr auto exp(X x) noexcept {
  return detail::math::exp(detail::to_real(x));
}

}  // namespace tapeless
