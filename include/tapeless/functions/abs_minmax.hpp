// The non-smooth functions: tapeless::abs, fabs, min, max, fmin, fmax, copysign, and fma.
// Their derivative conventions at the kinks are those of PyTorch (docs/functions.md has the
// table): abs'(0) = 0; at a tie min and max split the adjoint evenly between both arguments.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <type_traits>

#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
struct abs : detail::unary_rule<abs> {
  static constexpr char name[] = "abs";
  static constexpr detail::curvature curvature = detail::curvature::linear;  // piecewise
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::math::fabs(x);
  }
  // sign(x): 1, -1, and 0 at ±0 (convention); NaN stays NaN (0 · NaN)
  template <class T>
  TAPELESS_HD static constexpr T derivative(T x, T) noexcept {
    return x > static_cast<T>(0)   ? static_cast<T>(1)
           : x < static_cast<T>(0) ? static_cast<T>(-1)
                                   : static_cast<T>(0) * x;
  }
};

/// min, max, fmin, fmax: the adjoint goes to the argument that is the result; on a tie
/// (a == b) each argument gets half of it (PyTorch's torch.minimum/maximum), so that
/// max(x, x) has derivative 1 and the rule is symmetric.
template <class Pick>
struct min_max_rule {
  static constexpr detail::curvature curvature = detail::curvature::linear;  // piecewise
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    const T a = ctx.template operand<0>();
    const T b = ctx.template operand<1>();
    if (a == b) return static_cast<T>(0.5) * abar;
    return Pick::picks_first(a, b) == (J == 0) ? abar : static_cast<T>(0);
  }
};

/// std::min: `b < a ? b : a` (the first argument on ties and when a comparison is false).
struct min : min_max_rule<min> {
  static constexpr char name[] = "min";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return b < a ? b : detail::math::tie(a, b);  // a tie: a's value; on duals, both tangents' mean
  }
  template <class T>
  TAPELESS_HD static constexpr bool picks_first(T a, T b) noexcept {
    return !(b < a);
  }
};

/// std::max: `a < b ? b : a`.
struct max : min_max_rule<max> {
  static constexpr char name[] = "max";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return a < b ? b : detail::math::tie(a, b);
  }
  template <class T>
  TAPELESS_HD static constexpr bool picks_first(T a, T b) noexcept {
    return !(a < b);
  }
};

/// std::fmin: a NaN argument is ignored (the adjoint goes to the other one).
struct fmin : min_max_rule<fmin> {
  static constexpr char name[] = "fmin";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return detail::math::fmin(a, b);
  }
  template <class T>
  TAPELESS_HD static constexpr bool picks_first(T a, T b) noexcept {
    return b != b || (a == a && !(b < a));
  }
};

/// std::fmax: a NaN argument is ignored.
struct fmax : min_max_rule<fmax> {
  static constexpr char name[] = "fmax";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return detail::math::fmax(a, b);
  }
  template <class T>
  TAPELESS_HD static constexpr bool picks_first(T a, T b) noexcept {
    return b != b || (a == a && !(a < b));
  }
};

/// copysign(a, b) = |a| with the sign of b: ∂/∂a = ±1 (0 at a = ±0, as abs), ∂/∂b = 0.
struct copysign {
  static constexpr char name[] = "copysign";
  static constexpr detail::curvature curvature = detail::curvature::linear;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return detail::math::copysign(a, b);
  }
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    if constexpr (J == 0) {
      const T a = ctx.template operand<0>();
      return a == static_cast<T>(0) ? static_cast<T>(0) : abar * (ctx.value() / a);
    } else {
      return static_cast<T>(0);
    }
  }
};

/// fma(a, b, c) = a·b + c rounded once.
struct fma {
  static constexpr char name[] = "fma";
  static constexpr detail::curvature curvature = detail::curvature::bilinear;  // c enters linearly
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b, T c) noexcept {
    return detail::math::fma(a, b, c);
  }
  // ∂/∂a = b, ∂/∂b = a, ∂/∂c = 1
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    if constexpr (J == 2)
      return abar;
    else
      return abar * ctx.template operand<1 - J>();
  }
};
}  // namespace ops

/// |x|. On plain numbers as std::abs: integers stay integers.
template <expression X>
[[nodiscard]] constexpr auto abs(const X& x) noexcept {
  return tapeless::make_node<ops::abs>(x);
}
template <detail::number X>
[[nodiscard]] TAPELESS_HD constexpr auto abs(X x) noexcept {
  if constexpr (std::is_integral_v<X>)
    return x < 0 ? -x : x;
  else
    return detail::math::fabs(x);
}

/// |x| as std::fabs: the same node as abs on expressions, a real on plain numbers.
template <expression X>
[[nodiscard]] constexpr auto fabs(const X& x) noexcept {
  return tapeless::make_node<ops::abs>(x);
}
template <detail::number X>
[[nodiscard]] TAPELESS_HD constexpr auto fabs(X x) noexcept {
  return detail::math::fabs(detail::to_real(x));
}

TAPELESS_DETAIL_BINARY_FUNCTION(fmin)
TAPELESS_DETAIL_BINARY_FUNCTION(fmax)
TAPELESS_DETAIL_BINARY_FUNCTION(copysign)

// min and max on plain numbers keep integers integers (as std::min does); on mixed types
// they compute in the common type.
template <operand A, operand B>
  requires(expression<A> || expression<B>)
[[nodiscard]] constexpr auto min(const A& a, const B& b) noexcept {
  return tapeless::make_node<ops::min>(a, b);
}
template <detail::number A, detail::number B>
[[nodiscard]] TAPELESS_HD constexpr auto min(A a, B b) noexcept {
  using R = std::common_type_t<A, B>;
  return ops::min::apply<R>(static_cast<R>(a), static_cast<R>(b));
}
template <operand A, operand B>
  requires(expression<A> || expression<B>)
[[nodiscard]] constexpr auto max(const A& a, const B& b) noexcept {
  return tapeless::make_node<ops::max>(a, b);
}
template <detail::number A, detail::number B>
[[nodiscard]] TAPELESS_HD constexpr auto max(A a, B b) noexcept {
  using R = std::common_type_t<A, B>;
  return ops::max::apply<R>(static_cast<R>(a), static_cast<R>(b));
}

template <operand A, operand B, operand C>
  requires(expression<A> || expression<B> || expression<C>)
[[nodiscard]] constexpr auto fma(const A& a, const B& b, const C& c) noexcept {
  return tapeless::make_node<ops::fma>(a, b, c);
}
template <detail::number A, detail::number B, detail::number C>
[[nodiscard]] TAPELESS_HD constexpr auto fma(A a, B b, C c) noexcept {
  using R = detail::common_real_t<A, B, C>;
  return detail::math::fma(static_cast<R>(a), static_cast<R>(b), static_cast<R>(c));
}

}  // namespace tapeless
