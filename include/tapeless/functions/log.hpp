// tapeless::log (natural logarithm), log2, log10, log1p
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
  static constexpr std::uint32_t reverse_reads = 0b1u;  // detail::reverse_reads_of
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::log(x);
  }
  // ∂ln x/∂x = 1/x (+inf at x = +0).
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar / ctx.template operand<0>();
  }
};

struct log2 : detail::unary_rule<log2> {
  static constexpr char name[] = "log2";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::log2(x);
  }
  // ∂log₂x/∂x = log₂e / x
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(1.44269504088896340735992468100189214L) / x;
  }
};

struct log10 : detail::unary_rule<log10> {
  static constexpr char name[] = "log10";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::log10(x);
  }
  // ∂log₁₀x/∂x = log₁₀e / x
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(0.434294481903251827651128918916605082L) / x;
  }
};

struct log1p : detail::unary_rule<log1p> {
  static constexpr char name[] = "log1p";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::log1p(x);
  }
  // ∂ln(1 + x)/∂x = 1/(1 + x) (+inf at x = -1)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return static_cast<T>(1) / (static_cast<T>(1) + x);
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(log)
TAPELESS_DETAIL_UNARY_FUNCTION(log2)
TAPELESS_DETAIL_UNARY_FUNCTION(log10)
TAPELESS_DETAIL_UNARY_FUNCTION(log1p)

}  // namespace tapeless
