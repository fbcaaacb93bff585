// tapeless::erf, erfc, tgamma, lgamma (and digamma, their derivatives' building block).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace detail {
/// 2/√π e^(-x²), the derivative of erf (0 for |x| beyond about 27: e^(-x²) underflows).
template <class T>
TAPELESS_HD constexpr T erf_derivative(T x) noexcept {
  return static_cast<T>(1.12837916709551257389615890312154517L) * math::exp(-(x * x));
}
}  // namespace detail

namespace ops {
struct erf : detail::unary_rule<erf> {
  static constexpr char name[] = "erf";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::erf(x);
  }
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return detail::erf_derivative(x);
  }
};

struct erfc : detail::unary_rule<erfc> {
  static constexpr char name[] = "erfc";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::erfc(x);
  }
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return -detail::erf_derivative(x);
  }
};

struct tgamma : detail::unary_rule<tgamma> {
  static constexpr char name[] = "tgamma";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::tgamma(x);
  }
  // ∂Γ(x)/∂x = Γ(x) ψ(x), from the node's own value (NaN at the poles 0, -1, -2, ...)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T y) noexcept {
    return y * detail::math::digamma(x);
  }
};

struct lgamma : detail::unary_rule<lgamma> {
  static constexpr char name[] = "lgamma";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::lgamma(x);
  }
  // ∂ln|Γ(x)|/∂x = ψ(x), for negative x too
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return detail::math::digamma(x);
  }
};

struct digamma : detail::unary_rule<digamma> {
  static constexpr char name[] = "digamma";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::digamma(x);
  }
  // ∂ψ(x)/∂x = ψ'(x), the trigamma function
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return detail::math::trigamma(x);
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(erf)
TAPELESS_DETAIL_UNARY_FUNCTION(erfc)
TAPELESS_DETAIL_UNARY_FUNCTION(tgamma)
TAPELESS_DETAIL_UNARY_FUNCTION(lgamma)
TAPELESS_DETAIL_UNARY_FUNCTION(digamma)

}  // namespace tapeless
