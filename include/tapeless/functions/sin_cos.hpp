// tapeless::sin, cos and tan; sin and cos in one file because each one's derivative is the other:
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

struct sin : detail::factor_rule<sin> {
  static constexpr char name[] = "sin";
  static constexpr std::uint32_t reverse_reads = 0b1u;  // detail::reverse_reads_of
  using partners = detail::type_list<ops::cos>;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::sin(x);
  }
  // ∂sin x/∂x = cos x
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return ctx.template sibling<ops::cos>();
  }
};

struct cos : detail::factor_rule<cos> {
  static constexpr char name[] = "cos";
  static constexpr std::uint32_t reverse_reads = 0b1u;  // detail::reverse_reads_of
  using partners = detail::type_list<ops::sin>;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::cos(x);
  }
  // ∂cos x/∂x = -sin x
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return -ctx.template sibling<ops::sin>();
  }
};

struct tan : detail::unary_rule<tan> {
  static constexpr char name[] = "tan";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::tan(x);
  }
  // ∂tan x/∂x = 1 + tan²x, from the node's own value
  template <class T>
  TAPELESS_HD static constexpr T derivative(T, T y) noexcept {
    return static_cast<T>(1) + y * y;
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(sin)
TAPELESS_DETAIL_UNARY_FUNCTION(cos)
TAPELESS_DETAIL_UNARY_FUNCTION(tan)

}  // namespace tapeless
