// tapeless::d(f, x): the derivative of f with respect to the scalar variable x as a new
// expression *type*, built at compile time by the chain rule and simplified as it is built
// (zeros and ones folded: a term whose factor is structurally zero is never created), so that
// it can be evaluated, printed, put next to f in outputs(f, d(f, x)) (sharing f's nodes), and
// differentiated again: d(d(f, x), x) is the second derivative, and so on.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <tapeless/config.hpp>
#include <tapeless/constant.hpp>
#include <tapeless/detail/dual_math.hpp>
#include <tapeless/detail/subexpression.hpp>
#include <tapeless/dual.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/fixed_string.hpp>
#include <tapeless/functions/activation.hpp>
#include <tapeless/functions/exp.hpp>
#include <tapeless/functions/hyperbolic.hpp>
#include <tapeless/functions/log.hpp>
#include <tapeless/functions/pow.hpp>
#include <tapeless/functions/select.hpp>
#include <tapeless/functions/sin_cos.hpp>
#include <tapeless/functions/special.hpp>
#include <tapeless/functions/sqrt.hpp>
#include <tapeless/let.hpp>
#include <tapeless/operators.hpp>
#include <tapeless/variable.hpp>

namespace tapeless {

namespace detail {

/// What an operation's adjoint rule sees of a node, outside a sweep: the operands' values, the
/// node's value, and its partners' values (computed here).
template <class Op, class T, std::size_t N>
struct value_context {
  using value_type = T;
  T x[N];
  T v;

  [[nodiscard]] TAPELESS_HD constexpr T value() const noexcept { return v; }
  template <std::size_t J>
  [[nodiscard]] TAPELESS_HD constexpr T operand() const noexcept {
    return x[J];
  }
  template <class Op2>
  [[nodiscard]] TAPELESS_HD constexpr T sibling() const noexcept {
    return apply_to<Op2>(std::make_index_sequence<N>{});
  }
  template <class Op2, std::size_t... I>
  [[nodiscard]] TAPELESS_HD constexpr T apply_to(std::index_sequence<I...>) const noexcept {
    return Op2::template apply<T>(x[I]...);
  }
};

/// The name of ∂Op/∂(operand J): "sin'" for a function of one argument, "pow'1" otherwise.
template <class Op, std::size_t J, std::size_t N>
constexpr auto partial_name() noexcept {
  constexpr const char* base = op_label<Op>();
  constexpr std::size_t size = length(base);
  fixed_string<size + (N > 1 ? 3 : 2)> s{};
  for (std::size_t i = 0; i < size; ++i) s.chars[i] = base[i];
  s.chars[size] = '\'';
  if constexpr (N > 1) s.chars[size + 1] = static_cast<char>('0' + J);
  return s;
}
}  // namespace detail

namespace ops {
/// ∂Op/∂(operand J) as an operation of Op's N operands: its value is Op's own adjoint rule
/// (with abar = 1), and its derivative is that rule differentiated in forward mode (dual
/// numbers), so that a derivative expression can be differentiated again, to any order.
template <class Op, std::size_t J, std::size_t N>
struct partial {
  static constexpr auto name_v = detail::partial_name<Op, J, N>();
  static constexpr const char* name = name_v.chars;
  static constexpr std::uint64_t id =
      detail::hash_mix(detail::hash_mix(detail::op_hash<Op>(), J), 0x7061727469616cull);

  template <class T, class... X>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(X... x) noexcept {
    static_assert(sizeof...(X) == N);
    const detail::value_context<Op, T, N> ctx{{static_cast<T>(x)...}, Op::template apply<T>(static_cast<T>(x)...)};
    return Op::template adjoint<J>(ctx, static_cast<T>(1));
  }

  template <std::size_t K, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * tangent<K, T>(ctx, std::make_index_sequence<N>{});
  }

 private:
  // ∂/∂(operand K) of this partial: the tangent of apply() at operands + ε·e_K.
  template <std::size_t K, class T, class Ctx, std::size_t... I>
  TAPELESS_HD static constexpr T tangent(const Ctx& ctx, std::index_sequence<I...>) noexcept {
    using D = dual<T>;
    return apply<D>(D(ctx.template operand<I>(), static_cast<T>(I == K ? 1 : 0))...).tangent;
  }
};
}  // namespace ops

namespace detail {

using zero_t = constant<literal_value{0}>;
using one_t = constant<literal_value{1}>;

template <class E>
inline constexpr bool is_zero = std::is_same_v<E, zero_t>;
template <class E>
inline constexpr bool is_one = std::is_same_v<E, one_t>;

template <class E>
inline constexpr bool is_literal = false;
template <literal_value V>
inline constexpr bool is_literal<constant<V>> = true;

/// c<a> · e, a product whose first factor is a compile-time constant.
template <class E>
constexpr bool is_scaled() noexcept {
  if constexpr (requires { typename E::op; })
    if constexpr (std::is_same_v<typename E::op, ops::mul>)
      return is_literal<typename E::template operand<0>>;
  return false;
}

/// A double that a float holds exactly.
constexpr bool float_exact(double v) noexcept {
  return static_cast<double>(static_cast<float>(v)) == v;
}
/// Two constants (constant types) combine into one when the result is the same number in
/// every evaluation type: both are floats and so is their product (a product of two floats is
/// exact in double) or their sum (checked exact in double: TwoSum's error term is 0).
/// c<3> · c<2> is c<6>; c<0.1> · c<3> stays as it is (0.1 is no float: in float and in long
/// double the folded constant would not be the product the sweep computes).
template <class A, class B, char Op>
constexpr bool combines() noexcept {
  const double a = A::value, b = B::value;
  if (!float_exact(a) || !float_exact(b)) return false;
  if constexpr (Op == '*') {
    return float_exact(a * b);
  } else {
    const double s = a + b, bb = s - a, err = (a - (s - bb)) + (b - bb);
    return err == 0 && float_exact(s);
  }
}
template <class A, class B, char Op>
constexpr literal_value combined() noexcept {
  const double r = Op == '*' ? A::value * B::value : A::value + B::value;
  return literal_value{std::bit_cast<std::uint64_t>(r), A::integral && B::integral};
}
template <class A>
constexpr literal_value negated() noexcept {
  return literal_value{std::bit_cast<std::uint64_t>(-A::value), A::integral};
}

// Sums and products that fold the structural zeros and ones, and combine compile-time
// constants (combines), as the derivative is built: d²(x³)/dx² is c<6> · x, not c<3> · (c<2> · x).
template <class A, class B>
constexpr auto plus(const A& a, const B& b) noexcept {
  if constexpr (is_zero<A>)
    return b;
  else if constexpr (is_zero<B>)
    return a;
  else if constexpr (is_literal<A> && is_literal<B>) {
    if constexpr (combines<A, B, '+'>())
      return constant<combined<A, B, '+'>()>{};
    else
      return a + b;
  } else
    return a + b;
}
template <class A, class B>
constexpr auto minus(const A& a, const B& b) noexcept {
  if constexpr (is_zero<B>)
    return a;
  else if constexpr (is_zero<A> && is_literal<B>)
    return constant<negated<B>()>{};
  else if constexpr (is_zero<A>)
    return -b;
  else if constexpr (is_literal<A> && is_literal<B>)
    return plus(a, constant<negated<B>()>{});
  else
    return a - b;
}
template <class A, class B>
constexpr auto times(const A& a, const B& b) noexcept {
  if constexpr (is_zero<A> || is_zero<B>) {
    return zero_t{};
  } else if constexpr (is_one<A>) {
    return b;
  } else if constexpr (is_one<B>) {
    return a;
  } else if constexpr (is_literal<A> && is_literal<B>) {
    if constexpr (combines<A, B, '*'>())
      return constant<combined<A, B, '*'>()>{};
    else
      return a * b;
  } else if constexpr (is_literal<A> && is_scaled<B>()) {  // c<a> · (c<b> · e) = c<ab> · e
    using L = typename B::template operand<0>;
    if constexpr (combines<A, L, '*'>())
      return times(constant<combined<A, L, '*'>()>{}, operand_object<B, 1>(constants_of(b)));
    else
      return a * b;
  } else if constexpr (is_scaled<A>() && is_literal<B>) {  // (c<a> · e) · c<b> = c<ab> · e
    return times(b, a);
  } else if constexpr (is_literal<B>) {  // e · c<b> = c<b> · e: constants first, to meet others
    return b * a;
  } else {
    return a * b;
  }
}

template <class A>
constexpr auto fold_plus(const A& a) noexcept {
  return a;
}
template <class A, class B, class... R>
constexpr auto fold_plus(const A& a, const B& b, const R&... r) noexcept {
  return fold_plus(plus(a, b), r...);
}

template <class A, class B>
constexpr auto divide(const A& a, const B& b) noexcept {
  if constexpr (is_zero<A>)
    return zero_t{};
  else
    return a / b;
}

template <class X, class E, class S>
constexpr auto derive(const S* c) noexcept;

template <class X, class E, std::size_t J, class S>
constexpr auto derive_operand(const S* c) noexcept {
  using A = typename E::template operand<J>;
  return derive<X, A>(c + node_parts<E>::template offset<J>());
}

/// f'(a) as an expression for the functions whose derivative is a function of the same
/// kind: then it reads, prints and is shared as such (d(exp(x)) is the very node exp(x) of f).
/// void for the others, which get an ops::partial node.
template <class Op, class A>
constexpr auto symbolic_partial(const A& a) noexcept {
  if constexpr (std::is_same_v<Op, ops::exp>)
    return tapeless::exp(a);
  else if constexpr (std::is_same_v<Op, ops::sin>)
    return tapeless::cos(a);
  else if constexpr (std::is_same_v<Op, ops::cos>)
    return -tapeless::sin(a);
  else if constexpr (std::is_same_v<Op, ops::sinh>)
    return tapeless::cosh(a);
  else if constexpr (std::is_same_v<Op, ops::cosh>)
    return tapeless::sinh(a);
  else if constexpr (std::is_same_v<Op, ops::log>)
    return constant<literal_value{1}>{} / a;
  else if constexpr (std::is_same_v<Op, ops::sqrt>)
    return constant<literal_value{0.5}>{} / tapeless::sqrt(a);
  else if constexpr (std::is_same_v<Op, ops::tanh>)
    return constant<literal_value{1}>{} - tapeless::square(tapeless::tanh(a));
  // the rules that read the node's own value, written with that node: d(f, x) then shares it
  // with f (the same arithmetic as the gradient's rule, so the same numbers)
  else if constexpr (std::is_same_v<Op, ops::tan>)  // 1 + y²
    return constant<literal_value{1}>{} + tapeless::square(tapeless::tan(a));
  else if constexpr (std::is_same_v<Op, ops::cbrt>)  // 1 / (3 y²)
    return constant<literal_value{1}>{} / (constant<literal_value{3}>{} * tapeless::square(tapeless::cbrt(a)));
  else if constexpr (std::is_same_v<Op, ops::sigmoid>)  // y (1 − y)
    return tapeless::sigmoid(a) * (constant<literal_value{1}>{} - tapeless::sigmoid(a));
  else if constexpr (std::is_same_v<Op, ops::tgamma>)  // y ψ(x)
    return tapeless::tgamma(a) * tapeless::digamma(a);
  else if constexpr (std::is_same_v<Op, ops::lgamma>)  // ψ(x)
    return tapeless::digamma(a);
  else
    return;
}

/// Σ_J ∂Op/∂(operand J) · d(operand J): the chain rule through an operation without a rule of
/// its own here, its partials as ops::partial nodes over the same operands.
template <class X, class E, std::size_t K, class S, std::size_t... J>
constexpr auto chain_term(const S* c, std::index_sequence<J...>) noexcept {
  const auto dk = derive_operand<X, E, K>(c);
  if constexpr (is_zero<std::remove_cvref_t<decltype(dk)>>)
    return zero_t{};
  else
    return times(tapeless::make_node<ops::partial<typename E::op, K, sizeof...(J)>>(
                     operand_object<E, J>(c)...),
                 dk);
}
template <class X, class E, class S, std::size_t... J>
constexpr auto chain(const S* c, std::index_sequence<J...> js) noexcept {
  return fold_plus(zero_t{}, chain_term<X, E, J>(c, js)...);
}

template <class X, class E, class S>
constexpr auto derive(const S* c) noexcept {
  if constexpr (E::kind == node_kind::variable) {
    static_assert(E::info.length == 1,
                  "tapeless::d(f, x) differentiates scalar expressions; a vec or mat in f is not "
                  "supported (use grad, jacobian or hessian)");
    if constexpr (std::is_same_v<E, X>)
      return one_t{};
    else
      return zero_t{};
  } else if constexpr (E::kind == node_kind::literal || E::kind == node_kind::runtime_constant ||
                       !E::info.active) {  // no variable below (constants, a condition)
    return zero_t{};
  } else if constexpr (E::kind == node_kind::named) {
    return derive_operand<X, E, 0>(c);  // d(let u = e) = de
  } else if constexpr (E::kind == node_kind::select) {
    const auto da = derive_operand<X, E, 1>(c);
    const auto db = derive_operand<X, E, 2>(c);
    if constexpr (is_zero<std::remove_cvref_t<decltype(da)>> && is_zero<std::remove_cvref_t<decltype(db)>>)
      return zero_t{};
    else
      return tapeless::select(operand_object<E, 0>(c), da, db);
  } else if constexpr (E::kind == node_kind::operation) {
    using Op = typename E::op;
    static_assert(E::info.length == 1,
                  "tapeless::d(f, x) differentiates scalar expressions (no vectors or matrices)");
    if constexpr (std::is_same_v<Op, ops::add>) {
      return plus(derive_operand<X, E, 0>(c), derive_operand<X, E, 1>(c));
    } else if constexpr (std::is_same_v<Op, ops::sub>) {
      return minus(derive_operand<X, E, 0>(c), derive_operand<X, E, 1>(c));
    } else if constexpr (std::is_same_v<Op, ops::neg>) {
      return minus(zero_t{}, derive_operand<X, E, 0>(c));
    } else if constexpr (std::is_same_v<Op, ops::mul>) {  // (ab)' = a'b + ab'
      return plus(times(derive_operand<X, E, 0>(c), operand_object<E, 1>(c)),
                  times(operand_object<E, 0>(c), derive_operand<X, E, 1>(c)));
    } else if constexpr (std::is_same_v<Op, ops::div>) {  // (a/b)' = (a' − (a/b)·b') / b
      const auto da = derive_operand<X, E, 0>(c);
      const auto db = derive_operand<X, E, 1>(c);
      const auto b = operand_object<E, 1>(c);
      return divide(minus(da, times(rebuild<E>(c), db)), b);
    } else if constexpr (requires { Op::exponent; }) {  // (aᴺ)' = N·a^(N−1)·a'
      constexpr int N = Op::exponent;
      const auto a = operand_object<E, 0>(c);
      if constexpr (N == 0)
        return zero_t{};
      else if constexpr (N == 1)
        return derive_operand<X, E, 0>(c);
      else if constexpr (N == 2)
        return times(times(constant<literal_value{2}>{}, a), derive_operand<X, E, 0>(c));
      else
        return times(times(constant<literal_value{N}>{}, tapeless::pow<N - 1>(a)), derive_operand<X, E, 0>(c));
    } else if constexpr (E::arity == 1 &&
                         !std::is_void_v<decltype(symbolic_partial<Op>(operand_object<E, 0>(c)))>) {
      return times(symbolic_partial<Op>(operand_object<E, 0>(c)), derive_operand<X, E, 0>(c));
    } else {
      return chain<X, E>(c, std::make_index_sequence<E::arity>{});
    }
  } else {
    static_assert(E::kind == node_kind::operation,
                  "tapeless::d(f, x) differentiates scalar expressions: no reductions, products "
                  "of matrices or vectors");
    return zero_t{};
  }
}

}  // namespace detail

/// The derivative of the scalar expression f with respect to the scalar variable x, as an
/// expression: `d(sin(x) * exp(x), x)` is `cos(x)·exp(x) + sin(x)·exp(x)` (with f's nodes
/// sin(x), exp(x) shared). d(f, x) for an x not in f is c<0>. Higher orders: d(d(f, x), y).
template <expression E, class X>
  requires detail::scalar_variable<X>
[[nodiscard]] constexpr auto d(const E& f, const X&) noexcept {
  return detail::derive<X, E>(detail::constants_of(f));
}

}  // namespace tapeless

