// tapeless::pow (real exponent, either side an expression), tapeless::pow<N> (integer exponent
// known at compile time), tapeless::square, tapeless::cube.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <tapeless/constant.hpp>
#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct pow {
  static constexpr char name[] = "pow";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x, T y) noexcept {
    return detail::math::pow(x, y);
  }
  // ∂xʸ/∂x = y·x^(y-1), ∂xʸ/∂y = xʸ·ln x (the second only when y depends on a variable).
  // Conventions of PyTorch: ∂/∂x = 0 at y = 0 (x⁰ = 1 is constant in x, even at x = 0), and
  // ∂/∂y = 0 at x = 0, y ≥ 0 (the formula gives 0·(-∞) or 1·(-∞)). ∂/∂y is NaN for x < 0
  // (xʸ is not differentiable in y there).
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    const T x = ctx.template operand<0>();
    const T y = ctx.template operand<1>();
    // (at y = 0 on dual numbers, the helper keeps the tangent: ∂²xʸ/∂x∂y = 1/x there)
    if constexpr (J == 0)
      return y == static_cast<T>(0) ? detail::math::pow_zero_exponent_partial(abar, x, y)
                                    : abar * (y * detail::math::pow(x, y - static_cast<T>(1)));
    else
      return x == static_cast<T>(0) && y >= static_cast<T>(0)
                 ? static_cast<T>(0)
                 : abar * (ctx.value() * detail::math::log(x));
  }
};

/// xᴺ for an integer N known at compile time, by an unrolled square-and-multiply.
template <int N>
struct ipow {
  static constexpr char name[] = "pow";
  static constexpr std::uint64_t id = detail::hash_mix(0x69706f77ull, static_cast<std::uint64_t>(N));
  static constexpr int exponent = N;
  static constexpr bool cheap = N >= -1 && N <= 4;  // at most two multiplications (or 1/x)
  static constexpr detail::curvature curvature =
      N == 0 || N == 1 ? detail::curvature::linear : detail::curvature::nonlinear;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::ipow<N>(x);
  }
  // ∂xᴺ/∂x = N·x^(N-1), x^(N-1) from the products that xᴺ computed (ipow_derivative_power)
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    if constexpr (N == 0)
      return static_cast<T>(0) * abar;
    else if constexpr (N == 1)
      return abar;
    else if constexpr (N == 2)  // (2·abar)·x: one 2·abar for all squares that share abar
      return (abar + abar) * ctx.template operand<0>();
    else if constexpr (N > 1)
      return abar * (static_cast<T>(N) *
                     detail::math::ipow_derivative_power<N>(ctx.template operand<0>()));
    else
      return abar * (static_cast<T>(N) * detail::math::ipow<N - 1>(ctx.template operand<0>()));
  }
};
}  // namespace ops

namespace detail {
/// std::integral_constant, boost::hana::integral_constant (`3_c`) and the like.
template <class T>
concept integral_constant_like = requires {
  T::value;
  requires std::is_integral_v<std::remove_cvref_t<decltype(T::value)>>;
} && !expression<T> && !number<T>;
}  // namespace detail

/// xᴺ with the exponent an integral constant: `pow(x, std::integral_constant<int, 3>{})`,
/// `pow(x, 3_c)` with Boost.Hana's literal. The same node as `pow<3>(x)`.
template <expression X, detail::integral_constant_like N>
[[nodiscard]] constexpr auto pow(const X& x, N) noexcept {
  return tapeless::make_node<ops::ipow<static_cast<int>(N::value)>>(x);
}

/// xʸ. Either side may be an expression or a number; `pow(x, tapeless::c<3>)` with an integral
/// compile-time constant is `pow<3>(x)`.
template <operand X, operand Y>
  requires(expression<X> || expression<Y>)
[[nodiscard]] constexpr auto pow(const X& x, const Y& y) noexcept {
  if constexpr (requires { Y::integral; } && expression<X>) {
    if constexpr (Y::integral)
      return tapeless::make_node<ops::ipow<static_cast<int>(Y::value)>>(x);
    else
      return tapeless::make_node<ops::pow>(x, y);
  } else {
    return tapeless::make_node<ops::pow>(x, y);
  }
}

template <detail::number X, detail::number Y>
[[nodiscard]] TAPELESS_HD constexpr auto pow(X x, Y y) noexcept {
  // as std::pow: an integer argument counts as double, so pow(2.0f, 3) is a double
  using T = std::common_type_t<detail::real_t<X>, detail::real_t<Y>>;
  return detail::math::pow(static_cast<T>(x), static_cast<T>(y));
}

/// xᴺ, N an integer known at compile time: `tapeless::pow<3>(x)`.
template <int N, operand X>
[[nodiscard]] constexpr auto pow(const X& x) noexcept {
  if constexpr (expression<X>)
    return tapeless::make_node<ops::ipow<N>>(x);
  else
    return detail::math::ipow<N>(detail::to_real(x));
}

/// x², the same node as pow<2>(x).
template <operand X>
[[nodiscard]] constexpr auto square(const X& x) noexcept {
  return tapeless::pow<2>(x);
}

/// x³, the same node as pow<3>(x).
template <operand X>
[[nodiscard]] constexpr auto cube(const X& x) noexcept {
  return tapeless::pow<3>(x);
}

}  // namespace tapeless
