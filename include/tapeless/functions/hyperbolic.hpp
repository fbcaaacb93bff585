// tapeless::sinh, cosh, tanh, asinh, acosh, atanh. sinh and cosh are partners (each one's
// derivative is the other), as sin and cos.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <limits>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct cosh;

struct sinh : detail::factor_rule<sinh> {
  static constexpr char name[] = "sinh";
  static constexpr std::uint32_t reverse_reads = 0b1u;  // detail::reverse_reads_of
  using partners = detail::type_list<ops::cosh>;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::sinh(x);
  }
  // ∂sinh x/∂x = cosh x
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return ctx.template sibling<ops::cosh>();
  }
};

struct cosh : detail::factor_rule<cosh> {
  static constexpr char name[] = "cosh";
  static constexpr std::uint32_t reverse_reads = 0b1u;  // detail::reverse_reads_of
  using partners = detail::type_list<ops::sinh>;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::cosh(x);
  }
  // ∂cosh x/∂x = sinh x
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return ctx.template sibling<ops::sinh>();
  }
};

struct tanh : detail::unary_rule<tanh> {
  static constexpr char name[] = "tanh";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::tanh(x);
  }
  // ∂tanh x/∂x = 1 - tanh²x, from the node's own value
  template <class T>
  TAPELESS_HD static constexpr T derivative(T, T y) noexcept {
    return static_cast<T>(1) - y * y;
  }
};

struct asinh : detail::unary_rule<asinh> {
  static constexpr char name[] = "asinh";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::asinh(x);
  }
  // ∂asinh x/∂x = 1/√(x² + 1); beyond |x| = 2^(p/2+1), x² + 1 rounds to x² and the exact
  // 1/|x| also avoids the overflow of x²
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    constexpr T big = static_cast<T>(1ull << (std::numeric_limits<T>::digits / 2 + 1));
    const T ax = detail::math::fabs(x);
    return ax > big ? static_cast<T>(1) / ax
                    : static_cast<T>(1) / detail::math::sqrt(x * x + static_cast<T>(1));
  }
};

struct acosh : detail::unary_rule<acosh> {
  static constexpr char name[] = "acosh";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::acosh(x);
  }
  // ∂acosh x/∂x = 1/(√(x - 1) √(x + 1)): no cancellation near 1 (+inf there), no overflow
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(1) / (detail::math::sqrt(x - static_cast<T>(1)) *
                                detail::math::sqrt(x + static_cast<T>(1)));
  }
};

struct atanh : detail::unary_rule<atanh> {
  static constexpr char name[] = "atanh";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::atanh(x);
  }
  // ∂atanh x/∂x = 1/((1 - x)(1 + x)) (+inf at ±1)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(1) / ((static_cast<T>(1) - x) * (static_cast<T>(1) + x));
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(sinh)
TAPELESS_DETAIL_UNARY_FUNCTION(cosh)
TAPELESS_DETAIL_UNARY_FUNCTION(tanh)
TAPELESS_DETAIL_UNARY_FUNCTION(asinh)
TAPELESS_DETAIL_UNARY_FUNCTION(acosh)
TAPELESS_DETAIL_UNARY_FUNCTION(atanh)

}  // namespace tapeless
