// Arithmetic on expressions: + - * / and unary - +. Plain numbers mix in on either side.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/config.hpp>
#include <tapeless/detail/factor_rule.hpp>
#include <tapeless/expression.hpp>

namespace tapeless {

/// Operation types. Each says what it computes (`apply`) and what it sends to operand J in the
/// reverse sweep (`adjoint<J>(ctx, abar)`, i.e. abar times the local partial ∂self/∂operand_J).
/// A partial that is a constant (±1) is written as such, so no multiply-by-one is emitted.
namespace ops {

struct add {
  static constexpr char name[] = "+";
  static constexpr std::uint32_t reverse_reads = 0;  // detail::reverse_reads_of
  static constexpr bool cheap = true;
  static constexpr detail::curvature curvature = detail::curvature::linear;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return a + b;
  }
  // ∂(a+b)/∂a = ∂(a+b)/∂b = 1
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx&, T abar) noexcept {
    return abar;
  }
};

struct sub {
  static constexpr char name[] = "-";
  static constexpr std::uint32_t reverse_reads = 0;  // detail::reverse_reads_of
  static constexpr bool cheap = true;
  static constexpr detail::curvature curvature = detail::curvature::linear;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return a - b;
  }
  // ∂(a-b)/∂a = 1, ∂(a-b)/∂b = -1
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx&, T abar) noexcept {
    if constexpr (J == 0)
      return abar;
    else
      return -abar;
  }
};

struct mul : detail::factor_rule<mul> {
  static constexpr char name[] = "*";
  static constexpr std::uint32_t reverse_reads = 0b11u;  // detail::reverse_reads_of
  static constexpr bool cheap = true;
  static constexpr detail::curvature curvature = detail::curvature::bilinear;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return a * b;
  }
  // ∂(ab)/∂a = b, ∂(ab)/∂b = a
  template <std::size_t J, class Ctx>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto adjoint_factor(const Ctx& ctx) noexcept {
    return ctx.template operand<1 - J>();
  }
};

struct div {
  static constexpr char name[] = "/";
  static constexpr std::uint32_t reverse_reads = 0b10u | detail::reads_self_bit;  // detail::reverse_reads_of
  static constexpr bool cheap = true;
  static constexpr detail::curvature curvature = detail::curvature::quotient;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return a / b;
  }
  // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -a/b² = -(a/b)/b. Both contributions share abar/b (one
  // division), and the second reuses the node's own value a/b.
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    const T q = abar / ctx.template operand<1>();
    if constexpr (J == 0)
      return q;
    else
      return -(q * ctx.value());
  }
};

struct neg {
  static constexpr char name[] = "neg";
  static constexpr std::uint32_t reverse_reads = 0;  // detail::reverse_reads_of
  static constexpr bool cheap = true;
  static constexpr detail::curvature curvature = detail::curvature::linear;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a) noexcept {
    return -a;
  }
  // ∂(-a)/∂a = -1
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx&, T abar) noexcept {
    return -abar;
  }
};

}  // namespace ops

template <operand A, operand B>
  requires(expression<A> || expression<B>)
[[nodiscard]] constexpr auto operator+(const A& a, const B& b) noexcept {
  using result = typename detail::node_for<ops::add, A, B>::type;
  if constexpr (result::const_count == 0)
    return result{};  // no call to make_node: see detail::node_for
  else
    return result(detail::as_node(a), detail::as_node(b));
}

template <operand A, operand B>
  requires(expression<A> || expression<B>)
[[nodiscard]] constexpr auto operator-(const A& a, const B& b) noexcept {
  using result = typename detail::node_for<ops::sub, A, B>::type;
  if constexpr (result::const_count == 0)
    return result{};  // no call to make_node: see detail::node_for
  else
    return result(detail::as_node(a), detail::as_node(b));
}

template <operand A, operand B>
  requires(expression<A> || expression<B>)
[[nodiscard]] constexpr auto operator*(const A& a, const B& b) noexcept {
  using result = typename detail::node_for<ops::mul, A, B>::type;
  if constexpr (result::const_count == 0)
    return result{};  // no call to make_node: see detail::node_for
  else
    return result(detail::as_node(a), detail::as_node(b));
}

template <operand A, operand B>
  requires(expression<A> || expression<B>)
[[nodiscard]] constexpr auto operator/(const A& a, const B& b) noexcept {
  using result = typename detail::node_for<ops::div, A, B>::type;
  if constexpr (result::const_count == 0)
    return result{};  // no call to make_node: see detail::node_for
  else
    return result(detail::as_node(a), detail::as_node(b));
}

template <expression A>
[[nodiscard]] constexpr auto operator-(const A& a) noexcept {
  using result = typename detail::node_for<ops::neg, A>::type;
  if constexpr (result::const_count == 0)
    return result{};  // no call to make_node: see detail::node_for
  else
    return result(detail::as_node(a));
}

namespace detail {
template <class A>
inline constexpr bool no_caret_power = false;
}

/// `x^2` is C++'s exclusive or, not a power: an error that says what to write.
template <operand A, operand B>
  requires(expression<A> || expression<B>)
constexpr auto operator^(const A& a, const B&) noexcept {
  static_assert(detail::no_caret_power<A>,
                "tapeless: ^ is exclusive or in C++, not a power; write tapeless::pow(x, y), "
                "pow<2>(x) or square(x) (an integer exponent known at compile time)");
  return a;
}

/// Unary plus is the identity: no node.
template <expression A>
[[nodiscard]] constexpr A operator+(const A& a) noexcept {
  return a;
}

}  // namespace tapeless
