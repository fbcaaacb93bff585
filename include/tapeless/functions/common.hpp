// Shared pieces of the function headers: the real type a plain number is evaluated in, the
// base of unary operations written as a local derivative, and the macro that declares a
// function for expressions and for plain numbers under one name.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/detail/dual_math.hpp>  // before the operations: they call detail::math::f
#include <tapeless/detail/factor_rule.hpp>
#include <tapeless/expression.hpp>

namespace tapeless::detail {

/// `tapeless::sin(2)` evaluates in double, as std::sin(2) does.
template <class T>
using real_t = std::conditional_t<std::is_floating_point_v<T>, T, double>;

template <class T>
constexpr real_t<T> to_real(T x) noexcept {
  return static_cast<real_t<T>>(x);
}

/// The real type of a call on several plain numbers, as <cmath> does it: integers count as
/// double, and the widest floating type wins (atan2(1.0f, 2) is a double).
template <class... T>
using common_real_t = std::common_type_t<real_t<T>...>;

/// A unary operation given by its local derivative f'(x), written from x and the node's own
/// value y = f(x) (so tan' = 1 + y² costs no second tan): `Op::derivative(x, y)`, the factor
/// of its adjoint (see factor_rule).
template <class Op>
struct unary_rule : factor_rule<Op> {
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return Op::derivative(ctx.template operand<0>(), ctx.value());
  }
};

}  // namespace tapeless::detail

/// Declares `tapeless::fn` on an expression (a node of ops::fn) and on a plain number (the
/// value, through ops::fn::apply, which is the detail::math dispatcher: libm at run time).
#define TAPELESS_DETAIL_UNARY_FUNCTION(fn)                                                   \
  template <::tapeless::expression X>                                                        \
  [[nodiscard]] constexpr auto fn(const X& x) noexcept {                                     \
    using result = typename ::tapeless::detail::node_for<ops::fn, X>::type;                  \
    if constexpr (result::const_count == 0)                                                  \
      return result{}; /* no call to make_node: see detail::node_for */                      \
    else                                                                                     \
      return result(x);                                                                      \
  }                                                                                          \
  template <::tapeless::detail::number X>                                                    \
  [[nodiscard]] TAPELESS_HD constexpr auto fn(X x) noexcept {                                \
    return ops::fn::template apply<::tapeless::detail::real_t<X>>(::tapeless::detail::to_real(x)); \
  }

/// The same for functions of two arguments; either may be a plain number.
#define TAPELESS_DETAIL_BINARY_FUNCTION(fn)                                                  \
  template <::tapeless::operand A, ::tapeless::operand B>                                    \
    requires(::tapeless::expression<A> || ::tapeless::expression<B>)                         \
  [[nodiscard]] constexpr auto fn(const A& a, const B& b) noexcept {                         \
    using result = typename ::tapeless::detail::node_for<ops::fn, A, B>::type;               \
    if constexpr (result::const_count == 0)                                                  \
      return result{}; /* no call to make_node: see detail::node_for */                      \
    else                                                                                     \
      return result(::tapeless::detail::as_node(a), ::tapeless::detail::as_node(b));         \
  }                                                                                          \
  template <::tapeless::detail::number A, ::tapeless::detail::number B>                      \
  [[nodiscard]] TAPELESS_HD constexpr auto fn(A a, B b) noexcept {                           \
    using R = ::tapeless::detail::common_real_t<A, B>;                                       \
    return ops::fn::template apply<R>(static_cast<R>(a), static_cast<R>(b));                \
  }
