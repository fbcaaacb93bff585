// Functions of machine learning in their numerically stable forms: tapeless::sigmoid,
// softplus, relu, log_sum_exp. docs/functions.md says which forms and why.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <limits>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
/// σ(x) = 1/(1 + e^-x), evaluated as e^x/(1 + e^x) for x < 0 so that e^-x never overflows
/// and small results keep their relative accuracy (1/(1 + e^-x) would round σ(-800) to 0
/// through inf; e^x/(1 + e^x) gives the subnormal).
struct sigmoid : detail::unary_rule<sigmoid> {
  static constexpr char name[] = "sigmoid";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    if (x < static_cast<T>(0)) {
      const T e = detail::math::exp(x);
      return e / (static_cast<T>(1) + e);
    }
    return static_cast<T>(1) / (static_cast<T>(1) + detail::math::exp(-x));
  }
  // σ' = σ (1 - σ), from the node's own value
  template <class T>
  TAPELESS_HD static constexpr T derivative(T, T y) noexcept {
    return y * (static_cast<T>(1) - y);
  }
};

/// softplus(x) = ln(1 + eˣ), evaluated as max(x, 0) + log1p(e^-|x|): no overflow for large x
/// (ln(1 + eˣ) is inf beyond x ≈ 709) and full relative accuracy for very negative x.
struct softplus : detail::unary_rule<softplus> {
  static constexpr char name[] = "softplus";
  // The two branches spelled out rather than max(x, 0) + log1p(e^-|x|) (the same values, bit
  // for bit): at x = 0 both kinks must be taken on the same side for the directional
  // derivative (dual numbers) to be σ(0) = 1/2.
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return x > static_cast<T>(0) ? x + detail::math::log1p(detail::math::exp(-x))
                                 : detail::math::log1p(detail::math::exp(x));
  }
  // softplus' = σ(x) = 1 - e^-softplus(x) = -expm1(-y): one libm call from the node's value,
  // accurate at both ends (≈ eˣ for very negative x, 1 for large x)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T, T y) noexcept {
    return -detail::math::expm1(-y);
  }
};

/// relu(x) = max(x, 0); relu(NaN) = NaN, relu'(0) = 0 (convention, as PyTorch).
struct relu : detail::unary_rule<relu> {
  static constexpr char name[] = "relu";
  static constexpr detail::curvature curvature = detail::curvature::linear;  // piecewise
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return x <= static_cast<T>(0) ? static_cast<T>(0) : x;
  }
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return x > static_cast<T>(0) ? static_cast<T>(1) : x == x ? static_cast<T>(0) : x;
  }
};

/// log_sum_exp(a, b) = ln(eᵃ + eᵇ) = max(a, b) + log1p(e^-|a - b|): no overflow, no underflow
/// to -inf. The partials are the softmax weights eᵃ/(eᵃ + eᵇ) and eᵇ/(eᵃ + eᵇ).
struct log_sum_exp {
  static constexpr char name[] = "log_sum_exp";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    const T m = a < b ? b : a;
    // both -inf (or an infinite maximum): a - b would be NaN, the answer is m
    if (detail::is_infinite(m))
      return m;
    // -|a - b| as the branch of m computes it (the same value): on a tie, both kinks on the
    // same side, so that the directional derivative is the mean of the tangents
    const T nd = a < b ? a - b : b - a;
    return m + detail::math::log1p(detail::math::exp(nd));
  }
  // The softmax weights from the difference d = a - b, as σ(d) and σ(-d) with one exp:
  // eᵃ⁻ʸ would carry the rounding error of y (|y| u, large for large arguments), while d is
  // exact when a and b are close. A tie gives 1/2 each.
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    const T d = ctx.template operand<0>() - ctx.template operand<1>();
    const bool first_larger = d >= static_cast<T>(0);
    // e^-|d| with |d| taken on the branch's side, also at d = 0 (for the derivative of the
    // weights on dual numbers: σ'(0) = 1/4)
    const T e = detail::math::exp(first_larger ? -d : d);
    const T larger = static_cast<T>(1) / (static_cast<T>(1) + e);
    return abar * (first_larger == (J == 0) ? larger : e * larger);
  }
};
}  // namespace ops

TAPELESS_DETAIL_UNARY_FUNCTION(sigmoid)
TAPELESS_DETAIL_UNARY_FUNCTION(softplus)
TAPELESS_DETAIL_UNARY_FUNCTION(relu)
TAPELESS_DETAIL_BINARY_FUNCTION(log_sum_exp)

/// ln(Σ eˣⁱ) of three or more arguments, as nested pairs (each pair stable).
template <operand A, operand B, operand C, operand... R>
[[nodiscard]] constexpr auto log_sum_exp(const A& a, const B& b, const C& c,
                                         const R&... r) noexcept {
  return tapeless::log_sum_exp(tapeless::log_sum_exp(a, b), c, r...);
}

}  // namespace tapeless
