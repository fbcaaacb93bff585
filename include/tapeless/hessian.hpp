// Second derivatives: tapeless::hvp (Hessian-vector product), tapeless::hessian and
// tapeless::value_grad_and_hessian, on an expression at a point and on a generic callable (the
// functional form), names as in JAX. By forward over reverse: the variables are bound to dual
// numbers x + εv, the library's reverse sweep runs on them unchanged, and the tangent of the
// gradient is H·v; a small Hessian of a polynomial or rational f instead from its entries as
// expressions, d(d(f, xᵢ), xⱼ), evaluated together (docs/transforms.md).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <tapeless/derivative.hpp>
#include <tapeless/detail/dual_math.hpp>
#include <tapeless/dual.hpp>
#include <tapeless/env.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/grad.hpp>
#include <tapeless/graph.hpp>
#include <tapeless/outputs.hpp>
#include <tapeless/sparsity.hpp>
#include <tapeless/sweep.hpp>
#include <tapeless/variable.hpp>

namespace tapeless {

namespace detail {
template <class Grad>
struct gradient_vars;
template <class T, class... Vars>
struct gradient_vars<gradient<T, Vars...>> {
  /// Where variable V's entries start in the gradient, or `total` (no entry) when V is not a
  /// variable of the expression.
  template <class V>
  static constexpr std::size_t offset_of() noexcept {
    constexpr bool hit[] = {std::is_same_v<V, Vars>..., false};
    constexpr std::size_t lengths[] = {std::size_t{Vars::info.length}..., 0};
    std::size_t o = 0;
    for (std::size_t i = 0; i != sizeof...(Vars); ++i) {
      if (hit[i]) return o;
      o += lengths[i];
    }
    return gradient<T, Vars...>::total;
  }
};
}  // namespace detail

/// A symmetric matrix of second derivatives, one row and one column per gradient entry (a
/// vector variable has N of each). Stored once per unique entry: the lower triangle.
///
/// `h[x][y]` is ∂²f/∂x∂y: a number for two scalar variables, a std::array for a vector and a
/// scalar, a std::array of std::arrays for two vectors (matrix variables count as their
/// row-major elements); 0 for a variable that is not in f. `h(i, j)` reads entry (i, j) of the
/// flat matrix, in the order of the gradient's `values`.
template <class T, class... Vars>
struct hessian_matrix {
  using value_type = T;
  /// Rows (and columns): the number of gradient entries.
  static constexpr std::size_t n = (std::size_t{Vars::info.length} + ... + 0);
  T values[n == 0 ? 1 : n * (n + 1) / 2];

  [[nodiscard]] static constexpr std::size_t size() noexcept { return n; }

  /// Entry (i, j) of the flat matrix; (j, i) is the same stored value.
  [[nodiscard]] constexpr T operator()(std::size_t i, std::size_t j) const noexcept {
    return i >= j ? values[i * (i + 1) / 2 + j] : values[j * (j + 1) / 2 + i];
  }

  /// The whole symmetric matrix as a std::array of n rows (both triangles), in the order of
  /// the gradient's `values`. Its indices are compile-time constants: the copy is n² plain
  /// stores, with no index arithmetic left for the optimizer.
  [[nodiscard]] constexpr std::array<std::array<T, n>, n> dense() const noexcept {
    return dense_rows(std::make_index_sequence<n>{});
  }

  /// ∂²f/∂x∂y with x and y variables: `h(x, y)`, the same as h[x][y].
  template <class X, class Y>
    requires(detail::is_variable<X> && detail::is_variable<Y>)
  [[nodiscard]] constexpr auto operator()(const X&, const Y&) const noexcept {
    constexpr std::size_t ox = offset<X>();
    constexpr std::size_t oy = offset<Y>();
    constexpr std::size_t lx = X::info.length;
    constexpr std::size_t ly = Y::info.length;
    if constexpr (lx == 1 && ly == 1) {
      return block_entry(ox, oy, 0, 0);
    } else if constexpr (lx == 1 || ly == 1) {
      std::array<T, lx == 1 ? ly : lx> r{};
      for (std::size_t k = 0; k < r.size(); ++k)
        r[k] = lx == 1 ? block_entry(ox, oy, 0, k) : block_entry(ox, oy, k, 0);
      return r;
    } else {
      std::array<std::array<T, ly>, lx> r{};
      for (std::size_t i = 0; i < lx; ++i)
        for (std::size_t j = 0; j < ly; ++j) r[i][j] = block_entry(ox, oy, i, j);
      return r;
    }
  }

  /// The row of x: `h[x][y]`. It refers to this matrix: use it within the expression.
  template <class X>
  struct row {
    const hessian_matrix* h;
    template <class Y>
      requires detail::is_variable<Y>
    [[nodiscard]] constexpr auto operator[](const Y& y) const noexcept {
      return (*h)(X{}, y);
    }
  };
  template <class X>
    requires detail::is_variable<X>
  [[nodiscard]] constexpr row<X> operator[](const X&) const noexcept {
    return row<X>{this};
  }

  template <std::size_t... I>
  constexpr std::array<std::array<T, n>, n> dense_rows(std::index_sequence<I...> rows) const noexcept {
    return {dense_row<I>(rows)...};
  }
  template <std::size_t I, std::size_t... J>
  constexpr std::array<T, n> dense_row(std::index_sequence<J...>) const noexcept {
    return {values[I >= J ? I * (I + 1) / 2 + J : J * (J + 1) / 2 + I]...};
  }

  /// Where variable V's rows start, n when V is not a variable of f.
  template <class V>
  static constexpr std::size_t offset() noexcept {
    return detail::gradient_vars<gradient<T, Vars...>>::template offset_of<V>();
  }
  /// Entry (ox + i, oy + j) of the blocks at offsets ox and oy; 0 when either is n (no entry).
  [[nodiscard]] constexpr T block_entry(std::size_t ox, std::size_t oy, std::size_t i,
                                        std::size_t j) const noexcept {
    return ox == n || oy == n ? static_cast<T>(0) : (*this)(ox + i, oy + j);
  }
};

/// value_grad_and_hessian(f, at(...)): `.value`, `.grad` (a tapeless::gradient), `.hessian`.
template <class T, class Grad, class Hess>
struct value_grad_and_hessian_result {
  T value;
  Grad grad;
  Hess hessian;
};

namespace detail {

template <class T, class... Vars>
constexpr auto hessian_type_of(gradient<T, Vars...>*) -> hessian_matrix<T, Vars...>;
template <class Root, class T>
using hessian_type = decltype(hessian_type_of(static_cast<gradient_type<Root, T>*>(nullptr)));

/// The tangent of each bound value: from a direction given as at(...) (unbound: 0) ...
template <class R, class Dir>
struct direction_tangent {
  const Dir& d;
  template <class Var>
  static constexpr bool known_zero = !Dir::template binds<Var>;
  template <class Var>
  [[nodiscard]] constexpr R get(std::size_t k) const noexcept {
    if constexpr (!Dir::template binds<Var>)
      return static_cast<R>(0);
    else if constexpr (scalar_variable<Var>)
      return static_cast<R>(d.template get<Var>());
    else
      return static_cast<R>(d.template element<Var>(k));
  }
};

/// ... or 1 for gradient entry j and 0 for the others (column j of the Hessian).
template <class R, class Grad>
struct unit_tangent {
  std::size_t j;
  template <class Var>
  [[nodiscard]] constexpr R get(std::size_t k) const noexcept {
    constexpr std::size_t o = gradient_vars<Grad>::template offset_of<Var>();
    return o + k == j ? static_cast<R>(1) : static_cast<R>(0);
  }
};

/// Whether Tangent gives Var a tangent that is 0 at compile time (direction_tangent::known_zero).
template <class Tangent, class Var>
constexpr bool known_zero_tangent() noexcept {
  if constexpr (requires { Tangent::template known_zero<Var>; })
    return Tangent::template known_zero<Var>;
  else
    return false;
}

/// A vector or matrix variable's values as dual numbers x[k] + εv[k], made when read: no copy
/// of the point, and a tangent that is a compile-time 0 (a variable the direction leaves out)
/// stays one where the sweep reads it, so the optimiser drops the products it would multiply.
template <class R, class Var, class Env, class Tangent>
struct dual_view {
  using value_type = dual<R>;
  /// Every element's tangent a compile-time 0: dense operations skip strong-zero tests.
  static constexpr bool tangent_free = known_zero_tangent<Tangent, Var>();
  const Env* e;
  Tangent t;
  [[nodiscard]] TAPELESS_INLINE constexpr dual<R> operator[](std::size_t k) const noexcept {
    return dual<R>{e->template element<Var>(k), t.template get<Var>(k)};
  }
};

/// A binding of the point turned into dual numbers x + εv: a scalar into dual<R>, a vector or
/// matrix into a dual_view of the point and the tangent.
template <class R, class B, class Env, class Tangent>
TAPELESS_INLINE constexpr auto dual_binding(const Env& e, const Tangent& t) noexcept {
  using Var = typename B::variable;
  if constexpr (scalar_variable<Var>)
    return binding<Var, dual<R>>{dual<R>{e.template get<Var>(), t.template get<Var>(0)}};
  else
    return binding<Var, dual_view<R, Var, Env, Tangent>>{{&e, t}};
}

template <class... Bs, class Tangent>
TAPELESS_INLINE constexpr auto dual_env(const env<Bs...>& e, const Tangent& t) noexcept {
  using R = typename env<Bs...>::value_type;
  return env<decltype(dual_binding<R, Bs>(e, t))...>{dual_binding<R, Bs>(e, t)...};
}

template <class Env>
concept real_point = requires { typename Env::value_type; } &&
                     std::is_floating_point_v<typename Env::value_type>;

template <class Root, class Env>
constexpr bool valid_second_order_call() noexcept {
  if constexpr (!valid_call<Root, Env>()) {
    return false;
  } else {
    static_assert(real_point<Env>,
                  "tapeless: hvp and hessian take a point of real numbers, at(x = 1.0, ...); for "
                  "higher derivatives nest them through the functional form or bind "
                  "tapeless::dual values yourself");
    return real_point<Env>;
  }
}

/// Where hvp's reverse sweep puts the entries of vector and matrix variables: only the tangent
/// of each dual adjoint, straight into the result. The adjoints' values then have no reader
/// and the compiler drops their arithmetic, with the dual gradient, its zeroing and the copy
/// of its tangents out.
template <class R>
struct tangent_sink {
  R* out;
  struct entry {
    R& r;
    TAPELESS_HD TAPELESS_INLINE constexpr void operator+=(const dual<R>& x) const noexcept {
      r += x.tangent;
    }
  };
  [[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr entry operator[](std::size_t k) const noexcept {
    return {out[k]};
  }
  /// Entry k from its only writer (a fresh_sink sweep): the tangent as += would leave it on 0.
  TAPELESS_HD TAPELESS_INLINE constexpr void assign(std::size_t k, const dual<R>& x) const noexcept {
    out[k] = x.tangent + static_cast<R>(0);
  }
};

/// The scalar variables' entries of H·v: the tangents of their dual adjoints as collected (+ 0:
/// a tangent whose contributions were all zeros started at -0.0).
template <class Grad, class D, std::uint32_t... K, std::size_t... J>
TAPELESS_INLINE constexpr void collect_tangents([[maybe_unused]] Grad& g,
                                                [[maybe_unused]] const D* a, index_list<K...>,
                                                std::index_sequence<J...>) noexcept {
  // a braced list, not a fold: clang limits folds to 256 operands
  [[maybe_unused]] const int sequence[] = {
      ((Grad::template length<J>() == 1
            ? void(g.values[Grad::template offset<J>()] = detail::collected(a[K]).tangent)
            : void()),
       0)...,
      0};
}

/// One forward-over-reverse sweep: value, gradient and the gradient's tangent, H·v. Without
/// Value, no value: a node only the value reads is not computed (plan_entry::unread; in dual
/// numbers, sin x costs both sin and cos).
template <bool Value = true, class Root, class Env, class Tangent>
TAPELESS_INLINE constexpr auto sweep_dual(const Root& f, const Env& e, const Tangent& t) noexcept {
  return sweep_both<Value>(f, dual_env(e, t));
}

/// hvp's sweep: forward over reverse along the direction, keeping only the tangents of the
/// adjoints (tangent_sink, collect_tangents): H·v without the gradient.
template <class Root, class Env, class Dir>
TAPELESS_INLINE constexpr auto hvp_sweep(const Root& f, const Env& e, const Dir& direction) noexcept
    -> gradient_type<Root, typename Env::value_type> {
  using R = typename Env::value_type;
  const auto de = dual_env(e, direction_tangent<R, Dir>{direction});
  using D = typename decltype(de)::value_type;
  D v[graph_of<Root>::storage];
  D a[graph_of<Root>::adjoint_storage];
  gradient_type<Root, R> out;
  forward_pass<false>(f, de, v);
  seed_adjoints<Root, D, true>(a);
  prepare_fresh<Root>(out);
  backward_pass(f, de, v, a, fresh_sink<tangent_sink<R>>{tangent_sink<R>{out.values}});
  constexpr std::size_t nv = graph_of<Root>::value.variable_count;
  collect_tangents(
      out, a, decltype(variable_indices<Root>(std::make_index_sequence<nv>{})){},
      std::make_index_sequence<nv>{});
  return out;
}

/// The tangent of the sweep for colour C (see hessian_colouring): 1 for the variables of
/// that colour, 0 for the others; known at compile time, so the compiler folds the zeros.
template <class Root, class R, std::size_t C>
struct colour_tangent {
  template <class Var>
  [[nodiscard]] static constexpr std::size_t position() noexcept {
    const auto& p = graph_of<Root>::value;
    std::size_t k = 0;
    while (k < p.variable_count && p.nodes[p.variables[k]].info != &Var::info) ++k;
    return k;
  }
  template <class Var>
  [[nodiscard]] constexpr R get(std::size_t) const noexcept {
    constexpr std::size_t q = position<Var>();
    if constexpr (q < graph_of<Root>::value.variable_count)
      return hessian_colouring<Root>::value.colour[q] == C ? static_cast<R>(1) : static_cast<R>(0);
    else
      return static_cast<R>(0);
  }
};

/// One sweep per colour: the entries (i, j), i ≥ j, of the columns j of colour C, from row i
/// of the gradient's tangent (no other column of colour C has an entry in row i).
template <std::size_t C, bool Value, class Root, class Env, class Out>
TAPELESS_INLINE constexpr void colour_sweep(const Root& f, const Env& e, Out& out) noexcept {
  using R = typename Env::value_type;
  constexpr std::size_t nv = graph_of<Root>::value.variable_count;
  const auto r = sweep_dual<Value>(f, e, colour_tangent<Root, R, C>{});
  if constexpr (C == 0 && Value) {
    out.value = r.value.value;
    for (std::size_t k = 0; k < nv; ++k) out.grad.values[k] = r.grad.values[k].value;
  }
  for (std::size_t j = 0; j < nv; ++j) {
    if (hessian_colouring<Root>::value.colour[j] != C) continue;
    for (std::size_t i = j; i < nv; ++i)
      if (hessian_pattern_of<Root>::value.h[i][j])
        out.hessian.values[i * (i + 1) / 2 + j] = r.grad.values[i].tangent + static_cast<R>(0);
  }
}

template <bool Value, class Root, class Env, class Out, std::size_t... C>
TAPELESS_INLINE constexpr void colour_sweeps(const Root& f, const Env& e, Out& out,
                                             std::index_sequence<C...>) noexcept {
  (colour_sweep<C, Value>(f, e, out), ...);
}

/// Every variable a scalar: the Hessian's pattern, hence its colouring, is per entry.
template <class Plan>
constexpr bool scalar_variables_in(const Plan& p) noexcept {
  for (std::size_t q = 0; q < p.variable_count; ++q)
    if (p.nodes[p.variables[q]].info->length != 1) return false;
  return true;
}
template <class Root>
inline constexpr bool scalar_variables_only = scalar_variables_in(graph_of<Root>::value);

// --- symbolic entries ----------------------------------------------------------------------------
//
// For a small Hessian of scalar variables, each structurally nonzero entry (i ≥ j) is built as
// the expression d(d(f, xᵢ), xⱼ) (derivative.hpp: zeros and ones folded as it is built), and
// all of them are evaluated by one forward sweep over the graph they form together: a node
// shared by several entries, or with f, is computed once. No dual numbers, no reverse sweep:
// the arithmetic of a hand-written closed form (extended Rosenbrock, n = 10: 351 instructions
// against 346 hand-written, g++ -O2). The expressions' types grow with the number of entries
// and the size of f, and so does compile time: above these limits, the coloured sweeps.

/// At most this many structurally nonzero entries (lower triangle) are built as expressions.
inline constexpr std::size_t max_symbolic_hessian_entries = 64;
/// ... and at most this many (entries × unique nodes of f).
inline constexpr std::size_t max_symbolic_hessian_work = 4096;

/// A node whose derivatives are arithmetic again: a leaf, + − · ÷, unary −, xᴺ.
template <class Node>
constexpr bool arithmetic_node() noexcept {
  if constexpr (!requires { typename Node::op; }) {
    return true;
  } else {
    using Op = typename Node::op;
    return std::is_same_v<Op, ops::add> || std::is_same_v<Op, ops::sub> ||
           std::is_same_v<Op, ops::mul> || std::is_same_v<Op, ops::div> ||
           std::is_same_v<Op, ops::neg> || requires { Op::exponent; };  // xᴺ
  }
}
template <class Root, std::size_t... I>
constexpr bool arithmetic_only(std::index_sequence<I...>) noexcept {
  // a braced list, not a fold: clang limits folds to 256 operands
  constexpr bool each[] = {arithmetic_node<node_type<Root, I>>()..., true};
  for (const bool b : each)
    if (!b) return false;
  return true;
}

/// Scalar variables and some second derivative, and then symbolic entries only for
/// arithmetic (polynomials and quotients: their derivatives stay
/// arithmetic, which the compiler evaluates as a hand-written closed form); a transcendental
/// function's derivatives call libm again per entry (Black–Scholes: twice the instructions of
/// the coloured sweeps) and cost compile time.
template <class Root>
inline constexpr bool symbolic_entries =
    scalar_variables_only<Root> && hessian_lower_entries<Root>::count > 0 &&
    arithmetic_only<Root>(std::make_index_sequence<graph_of<Root>::size>{}) &&
    hessian_lower_entries<Root>::count <= max_symbolic_hessian_entries &&
    hessian_lower_entries<Root>::count * graph_of<Root>::size <= max_symbolic_hessian_work;

template <class Root, std::size_t Q>
using variable_at = node_type<Root, graph_of<Root>::value.variables[Q]>;

/// Entry K of the lower triangle's structural nonzeros, as an expression.
template <std::size_t K, class Root>
constexpr auto hessian_entry(const Root& f) noexcept {
  using entries = hessian_lower_entries<Root>;
  return d(d(f, variable_at<Root, entries::value.row[K]>{}), variable_at<Root, entries::value.col[K]>{});
}
template <std::size_t K, class Root>
using hessian_entry_type = decltype(hessian_entry<K>(std::declval<const Root&>()));

template <std::size_t B, class Root, std::size_t... L>
constexpr auto hessian_group(const Root& f, std::index_sequence<L...>) noexcept {
  return outputs(hessian_entry<8 * B + L>(f)...);
}
template <class Root, std::size_t... B>
constexpr auto hessian_groups(const Root& f, std::index_sequence<B...>) noexcept {
  constexpr std::size_t count = hessian_lower_entries<Root>::count;
  return outputs(hessian_group<B>(
      f, std::make_index_sequence<(count - 8 * B < 8 ? count - 8 * B : 8)>{})...);
}
/// All entries in one expression: a tree of tapeless::outputs nodes of at most 8 operands each
/// (at most 64 entries).
template <class Root>
constexpr auto hessian_entries(const Root& f) noexcept {
  constexpr std::size_t count = hessian_lower_entries<Root>::count;
  return hessian_groups(f, std::make_index_sequence<(count + 7) / 8>{});
}

/// Entry K's value: its node in the entries' graph, or (an unshared run-time constant, which
/// the graph does not look up) the entry evaluated alone.
template <std::size_t K, class Root, class Bundle, class Env, class T>
TAPELESS_INLINE constexpr T hessian_entry_value(const Root& f, const Env& e, const T* v) noexcept {
  using E = hessian_entry_type<K, Root>;
  constexpr std::uint32_t node = graph_of<Bundle>::value.find(&E::info);
  if constexpr (node != no_node)
    return v[node];
  else
    return eval(hessian_entry<K>(f), e);
}

/// Where each stored entry of the lower triangle (row-major, i ≥ j) is among the structural
/// nonzeros, or `count` for a structural zero.
template <class Root>
struct lower_triangle_entries {
  using entries = hessian_lower_entries<Root>;
  static constexpr std::size_t nv = graph_of<Root>::value.variable_count;
  static constexpr std::size_t size = nv * (nv + 1) / 2;
  struct table {
    std::size_t k[size == 0 ? 1 : size] = {};
  };
  static constexpr table make() noexcept {
    table t{};
    for (std::size_t l = 0; l < size; ++l) t.k[l] = entries::count;
    for (std::size_t k = 0; k < entries::count; ++k)
      t.k[entries::value.row[k] * (entries::value.row[k] + 1) / 2 + entries::value.col[k]] = k;
    return t;
  }
  static constexpr table value = make();
};

template <std::size_t L, class Root, class Bundle, class Env, class T>
TAPELESS_INLINE constexpr T lower_entry_value(const Root& f, const Env& e, const T* v) noexcept {
  constexpr std::size_t k = lower_triangle_entries<Root>::value.k[L];
  if constexpr (k == hessian_lower_entries<Root>::count)
    return static_cast<T>(0);  // a structural zero
  else
    return hessian_entry_value<k, Root, Bundle>(f, e, v);
}

/// The values of all nodes of the entries' graph: one forward sweep.
template <class Root, class R>
struct entry_values {
  using bundle = decltype(hessian_entries(std::declval<const Root&>()));
  R v[graph_of<bundle>::storage]{};
  template <class Env>
  TAPELESS_INLINE constexpr entry_values(const Root& f_, const Env& e_) noexcept {
    constexpr std::size_t n = graph_of<bundle>::size;
    const auto b = hessian_entries(f_);
    forward_sweep<bundle>(constants_of(b), e_, v, std::make_index_sequence<n>{});
  }
};

/// The Hessian from the symbolic entries, every stored value written once.
template <class Hess, class Root, class Env, std::size_t... L>
TAPELESS_INLINE constexpr Hess symbolic_hessian(const Root& f, const Env& e,
                                                std::index_sequence<L...>) noexcept {
  using R = typename Env::value_type;
  const entry_values<Root, R> ev(f, e);
  using B = typename entry_values<Root, R>::bundle;
  return Hess{{lower_entry_value<L, Root, B>(f, e, static_cast<const R*>(ev.v))...}};
}

template <class Hess, class Root, class Env>
TAPELESS_INLINE constexpr Hess symbolic_hessian(const Root& f, const Env& e) noexcept {
  return symbolic_hessian<Hess>(f, e, std::make_index_sequence<lower_triangle_entries<Root>::size>{});
}

/// The Hessian, and with Value the value and the gradient too (without, they are left 0 and
/// the sweeps compute no node that only the value reads).
template <bool Value, class Root, class Env>
TAPELESS_INLINE constexpr auto value_grad_hessian(const Root& f, const Env& e) noexcept
    -> value_grad_and_hessian_result<typename Env::value_type, gradient_type<Root, typename Env::value_type>,
                                     hessian_type<Root, typename Env::value_type>> {  // see sweep_both
  using R = typename Env::value_type;
  using Grad = gradient_type<Root, R>;
  using Hess = hessian_type<Root, R>;
  constexpr std::size_t n = Grad::total;
  value_grad_and_hessian_result<R, Grad, Hess> out{};
  if constexpr (n == 0) {
    if constexpr (Value) out.value = eval(f, e);
  } else if constexpr (symbolic_entries<Root> ||
                       (scalar_variables_only<Root> && hessian_lower_entries<Root>::count == 0)) {
    if constexpr (Value) {
      const auto r = sweep_both(f, e);
      out.value = r.value;
      for (std::size_t k = 0; k < n; ++k) out.grad.values[k] = r.grad.values[k];
    }
    if constexpr (symbolic_entries<Root>) out.hessian = symbolic_hessian<Hess>(f, e);
  } else if constexpr (scalar_variables_only<Root>) {
    // as many sweeps as the compile-time sparsity needs colours (3 for a tridiagonal Hessian)
    colour_sweeps<Value>(f, e, out, std::make_index_sequence<hessian_colouring<Root>::value.count>{});
  } else {
    for (std::size_t j = 0; j < n; ++j) {
      const auto r = sweep_dual<Value>(f, e, unit_tangent<R, Grad>{j});
      if constexpr (Value)
        if (j == 0) {
          out.value = r.value.value;
          for (std::size_t k = 0; k < n; ++k) out.grad.values[k] = r.grad.values[k].value;
        }
      // column j; its entries from row j down are the stored lower triangle (i ≥ j)
      for (std::size_t i = j; i < n; ++i)
        out.hessian.values[i * (i + 1) / 2 + j] = r.grad.values[i].tangent;
    }
  }
  return out;
}

}  // namespace detail

/// H·v at the point `e`, the direction v given as `at(x = vx, ...)` (variables not bound there
/// have direction 0): one forward-over-reverse sweep, a few gradients' cost. The result is
/// indexed like a gradient: `hv[x]` is (H·v) at x's row.
template <expression E, class Env, class Dir>
[[nodiscard]] TAPELESS_INLINE constexpr auto hvp(const E& f, const Env& e, const Dir& direction) noexcept {
  static_assert(detail::is_env<Dir>::value,
                "tapeless::hvp(f, at(...), direction): give the direction as at(x = vx, ...)");
  if constexpr (!detail::valid_second_order_call<E, Env>() || !detail::is_env<Dir>::value) {
    return detail::result_after_error<E, Env>{}.grad;
  } else {
    return detail::hvp_sweep(f, e, direction);
  }
}

/// The Hessian of f at `e`: `h[x][y]` (see hessian_matrix). A small Hessian of a polynomial or
/// rational f of scalar variables: its structural nonzeros as expressions d(d(f, xᵢ), xⱼ),
/// evaluated by one forward sweep (symbolic_entries). Otherwise forward over reverse: with
/// scalar variables only, one sweep per colour of the compile-time sparsity pattern
/// (tapeless::hessian_colours: 3 for a tridiagonal Hessian, n for a dense one), the structural
/// zeros exactly 0; otherwise one sweep per gradient entry. Each entry (i, j), i ≥ j, is read
/// from one sweep only, so the matrix is exactly symmetric.
template <expression E, class Env>
[[nodiscard]] TAPELESS_INLINE constexpr auto hessian(const E& f, const Env& e) noexcept {
  using R = typename detail::value_type_or_double<Env>::type;
  if constexpr (!detail::valid_second_order_call<E, Env>())
    return detail::hessian_type<E, R>{};
  else if constexpr (detail::symbolic_entries<E>)
    return detail::symbolic_hessian<detail::hessian_type<E, R>>(f, e);
  else
    return detail::value_grad_hessian<false>(f, e).hessian;
}

/// Value, gradient and Hessian from the same sweeps: `.value`, `.grad[x]`, `.hessian[x][y]`.
template <expression E, class Env>
[[nodiscard]] TAPELESS_INLINE constexpr auto value_grad_and_hessian(const E& f, const Env& e) noexcept {
  using R = typename detail::value_type_or_double<Env>::type;
  if constexpr (!detail::valid_second_order_call<E, Env>())
    return value_grad_and_hessian_result<R, detail::gradient_type<E, R>, detail::hessian_type<E, R>>{};
  else
    return detail::value_grad_hessian<true>(f, e);
}

/// The Hessian's structural nonzeros in compressed form (coordinates of the lower triangle,
/// row by row): `value[k]` = ∂²f/∂x_row[k]∂x_col[k], row[k] ≥ col[k], variables in order of
/// first appearance; the positions are compile-time constants (`row`, `col` are static).
template <class T, class E>
struct sparse_hessian_matrix {
  using entries = detail::hessian_lower_entries<E>;
  static constexpr std::size_t nonzeros = entries::count;
  std::array<T, nonzeros == 0 ? 1 : nonzeros> value;
  [[nodiscard]] static constexpr std::size_t row(std::size_t k) noexcept { return entries::value.row[k]; }
  [[nodiscard]] static constexpr std::size_t col(std::size_t k) noexcept { return entries::value.col[k]; }
};

namespace detail {
/// One sweep per colour, each writing only its entries of the compressed lower triangle.
template <std::size_t C, class Root, class Env, class Out>
TAPELESS_INLINE constexpr void sparse_colour_sweep(const Root& f, const Env& e, Out& out) noexcept {
  using R = typename Env::value_type;
  using entries = hessian_lower_entries<Root>;
  const auto r = sweep_dual<false>(f, e, colour_tangent<Root, R, C>{});
  for (std::size_t k = 0; k < entries::count; ++k)
    if (hessian_colouring<Root>::value.colour[entries::value.col[k]] == C)
      out.value[k] = r.grad.values[entries::value.row[k]].tangent + static_cast<R>(0);
}
template <class Root, class Env, class Out, std::size_t... C>
TAPELESS_INLINE constexpr void sparse_colour_sweeps(const Root& f, const Env& e, Out& out,
                                                    std::index_sequence<C...>) noexcept {
  (sparse_colour_sweep<C>(f, e, out), ...);
}
template <class E, class T>
using sparse_hessian_type = sparse_hessian_matrix<T, E>;

/// The compressed entries from their expressions (see symbolic_hessian).
template <class Root, class Env, class Out, std::size_t... K>
TAPELESS_INLINE constexpr void symbolic_sparse_hessian(const Root& f, const Env& e, Out& out,
                                                       std::index_sequence<K...>) noexcept {
  using R = typename Env::value_type;
  const entry_values<Root, R> ev(f, e);
  using B = typename entry_values<Root, R>::bundle;
  [[maybe_unused]] const int each[] = {
      (out.value[K] = hessian_entry_value<K, Root, B>(f, e, static_cast<const R*>(ev.v)), 0)..., 0};
}
}  // namespace detail

/// The Hessian of f at `e` in compressed form: only the structural nonzeros of the lower
/// triangle, from their expressions as in hessian or by one sweep per colour of the
/// compile-time pattern; O(nonzeros) memory, for large sparse Hessians. Scalar variables only.
template <expression E, class Env>
[[nodiscard]] TAPELESS_INLINE constexpr auto sparse_hessian(const E& f, const Env& e) noexcept
    -> detail::sparse_hessian_type<E, typename detail::value_type_or_double<Env>::type> {  // see sweep_both
  using R = typename detail::value_type_or_double<Env>::type;
  static_assert(detail::scalar_variables_only<E>,
                "tapeless::sparse_hessian takes expressions of scalar variables (var); for vec "
                "and mat variables use tapeless::hessian");
  detail::sparse_hessian_type<E, R> out{};
  if constexpr (detail::valid_second_order_call<E, Env>() && detail::scalar_variables_only<E>) {
    if constexpr (detail::symbolic_entries<E>)
      detail::symbolic_sparse_hessian(f, e, out,
                                      std::make_index_sequence<detail::hessian_lower_entries<E>::count>{});
    else
      detail::sparse_colour_sweeps(f, e, out,
                                   std::make_index_sequence<detail::hessian_colouring<E>::value.count>{});
  }
  return out;
}

// --- functional form ----------------------------------------------------------------------------

namespace detail {

template <class Hess, std::size_t N, class T, std::size_t... I>
constexpr std::array<std::array<T, N>, N> hessian_as_arrays(const Hess& h,
                                                            std::index_sequence<I...>) noexcept {
  std::array<std::array<T, N>, N> r{};
  constexpr std::size_t o[] = {Hess::template offset<positional<I>>()..., 0};
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = 0; j < N; ++j)
      r[i][j] = o[i] == Hess::n || o[j] == Hess::n ? static_cast<T>(0) : h(o[i], o[j]);
  return r;
}

template <class H>
struct hessian_fn {
  H h;
  /// The Hessian as a std::array of rows, in argument order.
  template <class... Args>
  constexpr auto operator()(const Args&... args) const noexcept {
    static_assert((number<Args> && ...),
                  "tapeless::hessian(h)(args...) takes numbers (int, float, double, long double)");
    constexpr auto idx = std::make_index_sequence<sizeof...(Args)>{};
    const auto f = call_with_variables<H, Args...>(h, idx);
    const auto e = positional_env(idx, args...);
    using T = typename decltype(e)::value_type;
    const auto hm = tapeless::hessian(f, e);
    return hessian_as_arrays<decltype(hm), sizeof...(Args), T>(hm, idx);
  }
};

/// hvp(h)(x, v): H·v as a std::array in argument order (see direction_fn).
struct hvp_form {
  template <class F, class Env, class Dir, std::size_t... I>
  static constexpr auto apply(const F& f, const Env& e, const Dir& d, std::index_sequence<I...>) noexcept {
    const auto hv = tapeless::hvp(f, e, d);
    return std::array<typename Env::value_type, sizeof...(I)>{hv[positional<I>{}]...};
  }
};

}  // namespace detail

/// `tapeless::hessian(h)(a, b, ...)`: the Hessian of a generic callable as a std::array of
/// rows, in argument order.
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto hessian(H h) noexcept {
  return detail::hessian_fn<H>{h};
}

/// `tapeless::hvp(h)(x, v)`: H·v of a generic callable at the point x, x and v std::arrays in
/// argument order.
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto hvp(H h) noexcept {
  return detail::direction_fn<H, detail::hvp_form>{h};
}

}  // namespace tapeless
