// tapeless::sin and tapeless::cos, in one file because each one's derivative is the other:
// when an expression holds both sin(x) and cos(x), the sweep reuses their values instead of
// calling sin or cos again (clang does not merge repeated libm calls, and CUDA expands them
// inline).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct cos;

struct sin {
  static constexpr char name[] = "sin";
  using partners = detail::type_list<ops::cos>;
  template <class T>
  TAPELESS_HD static constexpr T apply(T x) noexcept {
    return detail::math::sin(x);
  }
  // ∂sin x/∂x = cos x
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * ctx.template sibling<ops::cos>();
  }
};

struct cos {
  static constexpr char name[] = "cos";
  using partners = detail::type_list<ops::sin>;
  template <class T>
  TAPELESS_HD static constexpr T apply(T x) noexcept {
    return detail::math::cos(x);
  }
  // ∂cos x/∂x = -sin x
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return -(abar * ctx.template sibling<ops::sin>());
  }
};
}  // namespace ops

template <expression X>
[[nodiscard]] constexpr auto sin(const X& x) noexcept {
  return tapeless::make_node<ops::sin>(x);
}
template <detail::number X>
[[nodiscard]] TAPELESS_HD constexpr auto sin(X x) noexcept {
  return detail::math::sin(detail::to_real(x));
}

template <expression X>
[[nodiscard]] constexpr auto cos(const X& x) noexcept {
  return tapeless::make_node<ops::cos>(x);
}
template <detail::number X>
[[nodiscard]] TAPELESS_HD constexpr auto cos(X x) noexcept {
  return detail::math::cos(detail::to_real(x));
}

}  // namespace tapeless
