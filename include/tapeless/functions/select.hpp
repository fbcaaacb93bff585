// Conditions and piecewise functions: comparisons of expressions give conditions, `&&`, `||`
// and `!` combine them, and tapeless::select(condition, a, b) (alias `where`) picks a branch.
// An expression has no value when it is written (it is a type, evaluated later at each
// point), so `if (x > 0)` cannot work; select is the replacement: it evaluates only the taken
// branch's own nodes, and sends the adjoint down that branch only (see plan_entry::guard).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>

namespace tapeless {

namespace ops {
/// Conditions evaluate to 1 or 0 in the value type and have no derivative.
template <class Derived>
struct condition_op {
  static constexpr bool differentiable = false;
  static constexpr bool cheap = true;
  static constexpr bool is_condition = true;
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx&, T) noexcept {
    return static_cast<T>(0);  // never called: a condition passes no adjoint on
  }
};

#define TAPELESS_DETAIL_COMPARISON(op_name, symbol)                                   \
  struct op_name : condition_op<op_name> {                                            \
    static constexpr char name[] = #symbol;                                           \
    template <class T>                                                                \
    TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {                         \
      return (a symbol b) ? static_cast<T>(1) : static_cast<T>(0);                    \
    }                                                                                 \
  };
TAPELESS_DETAIL_COMPARISON(less, <)
TAPELESS_DETAIL_COMPARISON(less_equal, <=)
TAPELESS_DETAIL_COMPARISON(greater, >)
TAPELESS_DETAIL_COMPARISON(greater_equal, >=)
TAPELESS_DETAIL_COMPARISON(equal_to, ==)
TAPELESS_DETAIL_COMPARISON(not_equal_to, !=)
#undef TAPELESS_DETAIL_COMPARISON

struct logical_and : condition_op<logical_and> {
  static constexpr char name[] = "&&";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return (a != static_cast<T>(0) && b != static_cast<T>(0)) ? static_cast<T>(1)
                                                              : static_cast<T>(0);
  }
};
struct logical_or : condition_op<logical_or> {
  static constexpr char name[] = "||";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a, T b) noexcept {
    return (a != static_cast<T>(0) || b != static_cast<T>(0)) ? static_cast<T>(1)
                                                              : static_cast<T>(0);
  }
};
struct logical_not : condition_op<logical_not> {
  static constexpr char name[] = "!";
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a) noexcept {
    return a != static_cast<T>(0) ? static_cast<T>(0) : static_cast<T>(1);
  }
};

/// select(c, a, b): the sweeps treat it specially (detail::select_step), reading only the
/// taken branch; `apply` is for completeness.
struct select {
  static constexpr char name[] = "select";
  static constexpr bool is_select = true;
  static constexpr detail::curvature curvature = detail::curvature::linear;  // in each branch
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T c, T a, T b) noexcept {
    return c != static_cast<T>(0) ? a : b;
  }
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx&, T) noexcept {
    return static_cast<T>(0);  // never called: select_step routes the adjoint
  }
};
}  // namespace ops

namespace detail {
template <class T>
struct is_condition_impl : std::false_type {};
template <class Op, auto... Xs>
  requires requires { Op::is_condition; }
struct is_condition_impl<node<Op, Xs...>> : std::bool_constant<Op::is_condition> {};
}  // namespace detail

/// A condition: the result of comparing expressions (`x > 0`, `x <= y`), or of `&&`, `||`, `!`
/// on conditions.
template <class T>
concept condition = detail::is_condition_impl<std::remove_cvref_t<T>>::value;

#define TAPELESS_DETAIL_COMPARISON_OPERATOR(symbol, op_name)                 \
  template <operand A, operand B>                                            \
    requires(expression<A> || expression<B>)                                 \
  [[nodiscard]] constexpr auto operator symbol(const A& a, const B& b) noexcept { \
    return tapeless::make_node<ops::op_name>(a, b);                          \
  }
TAPELESS_DETAIL_COMPARISON_OPERATOR(<, less)
TAPELESS_DETAIL_COMPARISON_OPERATOR(<=, less_equal)
TAPELESS_DETAIL_COMPARISON_OPERATOR(>, greater)
TAPELESS_DETAIL_COMPARISON_OPERATOR(>=, greater_equal)
TAPELESS_DETAIL_COMPARISON_OPERATOR(==, equal_to)
TAPELESS_DETAIL_COMPARISON_OPERATOR(!=, not_equal_to)
#undef TAPELESS_DETAIL_COMPARISON_OPERATOR

template <condition A, condition B>
[[nodiscard]] constexpr auto operator&&(const A& a, const B& b) noexcept {
  return tapeless::make_node<ops::logical_and>(a, b);
}
template <condition A, condition B>
[[nodiscard]] constexpr auto operator||(const A& a, const B& b) noexcept {
  return tapeless::make_node<ops::logical_or>(a, b);
}
template <condition A>
[[nodiscard]] constexpr auto operator!(const A& a) noexcept {
  return tapeless::make_node<ops::logical_not>(a);
}

/// `c ? a : b` for expressions: the value of the taken branch, and the adjoint sent down that
/// branch only. Nodes used only by the branch not taken are neither evaluated nor
/// differentiated, so `select(x > 0, sqrt(x), 0.0)` has gradient 0 (not NaN) at x = -1 and at
/// x = 0. Either branch may be a plain number.
template <class C, operand A, operand B>
  requires(!(std::is_same_v<C, bool> && detail::number<A> && detail::number<B>))
[[nodiscard]] constexpr auto select(const C& c, const A& a, const B& b) noexcept {
  static_assert(condition<C>,
                "tapeless::select(c, a, b): c must be a condition on expressions, e.g. `x > 0`, "
                "`x <= y`, `(x > 0) && (y > 0)`");
  if constexpr (condition<C>)
    return tapeless::make_node<ops::select>(c, a, b);
  else
    return detail::as_node(a);
}

/// select on plain numbers (`c` a bool): `c ? a : b` in the common type, so that generic code
/// such as `[](auto v) { return select(v > 0, v, -v); }` works for numbers and expressions.
template <class A, class B>
  requires(detail::number<A> && detail::number<B>)
[[nodiscard]] TAPELESS_HD constexpr auto select(bool c, A a, B b) noexcept {
  using R = std::common_type_t<A, B>;
  return c ? static_cast<R>(a) : static_cast<R>(b);
}

/// The same as select (the NumPy / JAX / PyTorch name).
template <class C, class A, class B>
[[nodiscard]] constexpr auto where(const C& c, const A& a, const B& b) noexcept {
  return tapeless::select(c, a, b);
}

/// std::clamp(x, lo, hi) = x < lo ? lo : hi < x ? hi : x, built from select: the adjoint
/// goes to x when lo <= x <= hi (boundaries included, as torch.clamp), else to the bound.
template <expression X, operand L, operand H>
[[nodiscard]] constexpr auto clamp(const X& x, const L& lo, const H& hi) noexcept {
  return tapeless::select(x < lo, lo, tapeless::select(hi < x, hi, x));
}
template <detail::number X, detail::number L, detail::number H>
[[nodiscard]] TAPELESS_HD constexpr auto clamp(X x, L lo, H hi) noexcept {
  using R = std::common_type_t<X, L, H>;
  const R v = static_cast<R>(x);
  return v < static_cast<R>(lo) ? static_cast<R>(lo) : static_cast<R>(hi) < v ? static_cast<R>(hi) : v;
}

}  // namespace tapeless
