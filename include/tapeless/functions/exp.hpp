// tapeless::exp, exp2, expm1
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct exp : detail::factor_rule<exp> {
  static constexpr char name[] = "exp";
  static constexpr std::uint32_t reverse_reads = detail::reads_self_bit;  // detail::reverse_reads_of
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::exp(x);
  }
  // ∂eˣ/∂x = eˣ: the node's own value, no second exp call.
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return ctx.value();
  }
};

struct exp2 : detail::unary_rule<exp2> {
  static constexpr char name[] = "exp2";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::exp2(x);
  }
  // ∂2ˣ/∂x = ln 2 · 2ˣ
  template <class T>
  TAPELESS_HD static constexpr T derivative(T, T y) noexcept {
    return static_cast<T>(0.693147180559945309417232121458176568L) * y;
  }
};

struct expm1 : detail::unary_rule<expm1> {
  static constexpr char name[] = "expm1";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::expm1(x);
  }
  // ∂(eˣ - 1)/∂x = eˣ: y + 1 from the node's own value for x ≥ -1 (y + 1 ≥ 1/e: no
  // cancellation), eˣ below, where y + 1 would lose the relative accuracy expm1 exists for
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T y) noexcept {
    return x < static_cast<T>(-1) ? detail::math::exp(x) : y + static_cast<T>(1);
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(exp)
TAPELESS_DETAIL_UNARY_FUNCTION(exp2)
TAPELESS_DETAIL_UNARY_FUNCTION(expm1)

}  // namespace tapeless
