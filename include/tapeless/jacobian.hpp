// Several outputs: tapeless::outputs(f, g, ...), and their Jacobian (tapeless::jacobian) in
// reverse mode (one forward sweep shared by all outputs, then one reverse sweep per output over
// the nodes that output reaches) or in forward mode (one forward sweep in dual numbers per
// input), chosen by the shape or by the caller; the Jacobian-vector product (tapeless::jvp, one
// forward sweep in dual numbers), the vector-Jacobian product (tapeless::vjp, one reverse
// sweep seeded with a cotangent), and the compile-time sparsity pattern of the Jacobian
// (tapeless::jacobian_pattern).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <tapeless/config.hpp>
#include <tapeless/env.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/grad.hpp>
#include <tapeless/graph.hpp>
#include <tapeless/hessian.hpp>
#include <tapeless/outputs.hpp>
#include <tapeless/sweep.hpp>

namespace tapeless {

namespace detail {

/// Which nodes output k of an outputs(...) root reaches (the nodes whose reverse steps its
/// sweep must run), and which variables: computed once per type.
template <class Root>
struct output_reach {
  static constexpr std::size_t n = graph_of<Root>::size;
  static constexpr std::size_t m = Root::arity;
  struct table {
    bool node[m][n] = {};
    bool variable[m][n] = {};  // by position in plan::variables
  };
  static constexpr table make() noexcept {
    const auto& p = graph_of<Root>::value;
    table t{};
    for (std::size_t k = 0; k < m; ++k) {
      t.node[k][p.nodes[n - 1].operands[k]] = true;
      for (std::size_t i = n - 1; i-- > 0;)
        if (t.node[k][i])
          for (std::uint32_t j = 0; j < p.nodes[i].info->arity; ++j) t.node[k][p.nodes[i].operands[j]] = true;
      for (std::size_t q = 0; q < p.variable_count; ++q) t.variable[k][q] = t.node[k][p.variables[q]];
    }
    return t;
  }
  static constexpr table value = make();
};

template <class Root, std::size_t K, std::size_t I>
inline constexpr bool reaches = output_reach<Root>::value.node[K][I];

/// The reverse sweep of output K: the steps of the nodes it reaches, in reverse order; the
/// others (structural zeros for this output) emit nothing.
template <class Root, std::size_t K, class C, class Env, class T, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void reverse_sweep_of(const C* c, const Env& env, const T* v,
                                                            T* a, T* gv,
                                                            std::index_sequence<I...>) noexcept {
  constexpr std::size_t n = sizeof...(I);
  [[maybe_unused]] const int sequence[] = {
      ((reaches<Root, K, n - 1 - I> ? run_backward<step<Root, n - 1 - I>>(c, env, v, a, gv) : void()),
       0)...,
      0};
}

/// Row K's entries: the adjoint of each variable output K reaches, the constant +0.0 for the
/// others (rather than the -0.0 their adjoint started from plus 0.0).
template <class Root, std::size_t K, class Grad, class T, std::uint32_t... N, std::size_t... Q>
TAPELESS_HD TAPELESS_INLINE constexpr void collect_row(Grad& row, const T* a, index_list<N...>,
                                                       std::index_sequence<Q...>) noexcept {
  [[maybe_unused]] const int sequence[] = {
      (collect_one<Grad, graph_of<Root>::value.has_select, Q, N, T,
                   output_reach<Root>::value.variable[K][Q]>(row, a),
       0)...,
      0};
}

template <class Root, std::size_t K, class T, class Grad, class Env>
TAPELESS_HD TAPELESS_INLINE constexpr void jacobian_row(const Root& f, const Env& e, const T* v,
                                                        Grad& row) noexcept {
  constexpr std::size_t n = graph_of<Root>::size;
  constexpr std::size_t storage = graph_of<Root>::adjoint_storage;
  T a[storage];
  clear_adjoints(a, std::make_index_sequence<n>{});
  clear_blocks<n, storage>(a);
  a[graph_of<Root>::value.nodes[n - 1].operands[K]] = static_cast<T>(1);
  reverse_sweep_of<Root, K>(constants_of(f), e, v, a, row.values, std::make_index_sequence<n - 1>{});
  constexpr std::size_t nv = graph_of<Root>::value.variable_count;
  collect_row<Root, K>(row, static_cast<const T*>(a),
                       decltype(variable_indices<Root>(std::make_index_sequence<nv>{})){},
                       std::make_index_sequence<nv>{});
}

template <bool Values, class Root, class Env, class T, class Rows, std::size_t... K>
TAPELESS_HD TAPELESS_INLINE constexpr void jacobian_rows(const Root& f, const Env& e, const T* v, Rows& rows,
                                                         T* values, std::index_sequence<K...>) noexcept {
  constexpr std::size_t n = graph_of<Root>::size;
  [[maybe_unused]] const int sequence[] = {
      (Values ? void(values[K] = v[graph_of<Root>::value.nodes[n - 1].operands[K]]) : void(),
       jacobian_row<Root, K>(f, e, v, rows[K]), 0)...,
      0};
}

/// Reverse mode: one forward sweep, then one reverse sweep per output into `rows`; with Values
/// the outputs' values into `values`, without them only the values the reverse sweeps read
/// (plan_entry::unread).
template <bool Values, class Root, class Env, class T, class Rows>
TAPELESS_HD TAPELESS_INLINE constexpr void reverse_jacobian(const Root& fs, const Env& e, Rows& rows,
                                                            T* values) noexcept {
  T v[graph_of<Root>::storage];
  forward_pass<Values>(fs, e, v);
  jacobian_rows<Values>(fs, e, static_cast<const T*>(v), rows, values,
                        std::make_index_sequence<Root::arity>{});
}

template <class Root, class Env>
constexpr bool valid_outputs_call() noexcept {
  static_assert(is_outputs<Root>,
                "tapeless: jacobian, jacrev, jacfwd and vjp take several outputs: "
                "tapeless::outputs(f, g, ...); for one scalar expression use tapeless::grad");
  if constexpr (!is_outputs<Root>)
    return false;
  else
    return valid_call<Root, Env>();
}

}  // namespace detail

/// The values and the Jacobian of several outputs: `J.value[k]` and `J[k][x]` = ∂f_k/∂x (a
/// gradient per output; a vec variable gives its std::array).
template <class T, class Grad, std::size_t M>
struct jacobian_matrix {
  std::array<T, M> value;
  std::array<Grad, M> rows;

  /// Row k: the gradient of output k.
  constexpr const Grad& operator[](std::size_t k) const noexcept { return rows[k]; }
  static constexpr std::size_t size() noexcept { return M; }
};

/// How tapeless::jacobian computes: `reverse_mode` (one reverse sweep per output, JAX's
/// jacrev), `forward_mode` (one forward sweep in dual numbers per input, jacfwd).
struct reverse_mode_t {};
struct forward_mode_t {};
inline constexpr reverse_mode_t reverse_mode{};
inline constexpr forward_mode_t forward_mode{};

/// The Jacobian of `fs = tapeless::outputs(f, g, ...)` at `e`, in reverse mode: one forward
/// sweep for all outputs, then one reverse sweep per output, each over the nodes that output
/// reaches (a structurally zero entry costs nothing and is exactly 0).
template <expression F, class Env>
[[nodiscard]] TAPELESS_HD constexpr auto jacobian(const F& fs, const Env& e, reverse_mode_t) noexcept
    -> jacobian_matrix<typename detail::value_type_or_double<Env>::type,
                       detail::gradient_type<F, typename detail::value_type_or_double<Env>::type>,
                       F::arity> {  // spelled out, here and below: see detail::sweep_both
  using T = typename detail::value_type_or_double<Env>::type;
  using Grad = detail::gradient_type<F, T>;
  constexpr std::size_t m = F::arity;
  jacobian_matrix<T, Grad, m> r{};
  if constexpr (detail::valid_outputs_call<F, Env>()) detail::reverse_jacobian<true>(fs, e, r.rows, r.value.data());
  return r;
}

namespace detail {
/// One forward sweep in dual numbers x + εt: the outputs' values and tangents.
template <class Root, class Env, class Tangent>
constexpr auto forward_outputs(const Root& fs, const Env& e, const Tangent& t) noexcept {
  const auto de = dual_env(e, t);
  using D = typename std::remove_cvref_t<decltype(de)>::value_type;
  constexpr std::size_t n = graph_of<Root>::size;
  D v[graph_of<Root>::storage];
  if constexpr (graph_of<Root>::value.has_select) init_values(v, std::make_index_sequence<n>{});
  forward_sweep<Root>(constants_of(fs), de, v, std::make_index_sequence<n>{});
  std::array<D, Root::arity> out{};
  for (std::size_t k = 0; k < Root::arity; ++k) out[k] = v[graph_of<Root>::value.nodes[n - 1].operands[k]];
  return out;
}

template <class Grad, std::size_t... Q>
constexpr std::array<std::size_t, sizeof...(Q) + 1> offsets_of(std::index_sequence<Q...>) noexcept {
  return {Grad::template offset<Q>()..., 0};
}

/// The position among the expression's variables of gradient entry j's variable.
template <class Grad>
constexpr std::size_t variable_of_entry(std::size_t j) noexcept {
  constexpr auto offsets = offsets_of<Grad>(std::make_index_sequence<Grad::size()>{});
  std::size_t q = 0;
  while (q + 1 < Grad::size() && offsets[q + 1] <= j) ++q;
  return q;
}
}  // namespace detail

/// The Jacobian in forward mode: one forward sweep in dual numbers per input (gradient entry),
/// each giving one column; entries the pattern says are zero are exactly +0.0.
template <expression F, class Env>
[[nodiscard]] constexpr auto jacobian(const F& fs, const Env& e, forward_mode_t) noexcept
    -> jacobian_matrix<typename detail::value_type_or_double<Env>::type,
                       detail::gradient_type<F, typename detail::value_type_or_double<Env>::type>,
                       F::arity> {
  using T = typename detail::value_type_or_double<Env>::type;
  using Grad = detail::gradient_type<F, T>;
  constexpr std::size_t m = F::arity;
  jacobian_matrix<T, Grad, m> r{};
  if constexpr (detail::valid_outputs_call<F, Env>()) {
    static_assert(detail::real_point<Env>,
                  "tapeless::jacobian(fs, at(...), forward_mode) takes a point of real numbers");
    if constexpr (Grad::total == 0) {
      const auto v = detail::forward_outputs(fs, e, detail::unit_tangent<T, Grad>{0});
      for (std::size_t k = 0; k < m; ++k) r.value[k] = v[k].value;
    }
    for (std::size_t j = 0; j < Grad::total; ++j) {
      const auto v = detail::forward_outputs(fs, e, detail::unit_tangent<T, Grad>{j});
      const std::size_t q = detail::variable_of_entry<Grad>(j);
      for (std::size_t k = 0; k < m; ++k) {
        if (j == 0) r.value[k] = v[k].value;
        r.rows[k].values[j] =
            detail::output_reach<F>::value.variable[k][q] ? v[k].tangent : static_cast<T>(0);
      }
    }
  }
  return r;
}

/// The Jacobian, in the cheaper mode for the shape: forward mode when the expression has
/// fewer inputs (gradient entries) than outputs, else reverse mode. Force one with
/// jacobian(fs, e, tapeless::forward_mode) or tapeless::reverse_mode.
template <expression F, class Env>
[[nodiscard]] constexpr auto jacobian(const F& fs, const Env& e) noexcept {
  if constexpr (!detail::is_outputs<F>) {
    return jacobian(fs, e, reverse_mode);  // reports the error
  } else {
    using T = typename detail::value_type_or_double<Env>::type;
    if constexpr (detail::gradient_type<F, T>::total < F::arity && detail::real_point<Env>)
      return jacobian(fs, e, forward_mode);
    else
      return jacobian(fs, e, reverse_mode);
  }
}

/// The Jacobian alone, in reverse mode (JAX's jacrev): `J[k][x]` = ∂f_k/∂x, a std::array of
/// one gradient per output. Nothing is computed for the outputs' values: a node that only
/// they read (sin z in x·y + sin z, whose derivative is cos z) is skipped, libm call and all.
template <expression F, class Env>
[[nodiscard]] TAPELESS_HD constexpr auto jacrev(const F& fs, const Env& e) noexcept
    -> std::array<detail::gradient_type<F, typename detail::value_type_or_double<Env>::type>, F::arity> {
  using T = typename detail::value_type_or_double<Env>::type;
  std::array<detail::gradient_type<F, T>, F::arity> rows{};
  if constexpr (detail::valid_outputs_call<F, Env>())
    detail::reverse_jacobian<false>(fs, e, rows, static_cast<T*>(nullptr));
  return rows;
}

/// The Jacobian alone, in forward mode (JAX's jacfwd): jacobian(fs, e, forward_mode)'s rows.
/// The outputs' values are computed all the same, as the tangents' partners.
template <expression F, class Env>
[[nodiscard]] constexpr auto jacfwd(const F& fs, const Env& e) noexcept
    -> std::array<detail::gradient_type<F, typename detail::value_type_or_double<Env>::type>, F::arity> {
  return jacobian(fs, e, forward_mode).rows;
}

/// The Jacobian-vector product J·v at `e`, the direction v given as at(x = vx, ...) (variables
/// not bound there have direction 0): one forward sweep in dual numbers. For outputs(f, ...):
/// `.value` and `.tangent`, std::arrays of one number per output; for one scalar expression f,
/// the two numbers (f and its directional derivative).
template <expression F, class Env, class Dir>
[[nodiscard]] constexpr auto jvp(const F& f, const Env& e, const Dir& direction) noexcept {
  static_assert(detail::is_env<Dir>::value,
                "tapeless::jvp(f, at(...), direction): give the direction as at(x = vx, ...)");
  using T = typename detail::value_type_or_double<Env>::type;
  if constexpr (detail::is_outputs<F>) {
    struct result {
      std::array<T, F::arity> value;
      std::array<T, F::arity> tangent;
    };
    result r{};
    if constexpr (detail::valid_call<F, Env>() && detail::is_env<Dir>::value) {
      const auto v = detail::forward_outputs(f, e, detail::direction_tangent<T, Dir>{direction});
      for (std::size_t k = 0; k < F::arity; ++k) {
        r.value[k] = v[k].value;
        r.tangent[k] = v[k].tangent;
      }
    }
    return r;
  } else {
    struct result {
      T value;
      T tangent;
    };
    result r{};
    if constexpr (detail::valid_call<F, Env>() && detail::is_env<Dir>::value) {
      const auto v = eval(f, detail::dual_env(e, detail::direction_tangent<T, Dir>{direction}));
      r.value = v.value;
      r.tangent = v.tangent;
    }
    return r;
  }
}

/// The vector-Jacobian product uᵀJ of `fs = tapeless::outputs(f, g, ...)` at `e`: one reverse
/// sweep seeded with the cotangent u (one number per output), a gradient `g[x]` = Σₖ uₖ ∂fₖ/∂x.
template <expression F, class Env, class U>
[[nodiscard]] TAPELESS_HD constexpr auto vjp(const F& fs, const Env& e, const U& u) noexcept
    -> value_and_gradient<std::array<typename detail::value_type_or_double<Env>::type, F::arity>,
                          detail::gradient_type<F, typename detail::value_type_or_double<Env>::type>> {
  using T = typename detail::value_type_or_double<Env>::type;
  using Grad = detail::gradient_type<F, T>;
  value_and_gradient<std::array<T, F::arity>, Grad> r{};
  if constexpr (detail::valid_outputs_call<F, Env>()) {
    static_assert(std::tuple_size<U>::value == F::arity,
                  "tapeless::vjp(outputs(f, g, ...), at(...), u): u has one number per output, "
                  "e.g. a std::array");
    constexpr std::size_t n = detail::graph_of<F>::size;
    constexpr std::size_t storage = detail::graph_of<F>::storage;
    T v[storage];
    if constexpr (detail::graph_of<F>::value.has_select)
      detail::init_values(v, std::make_index_sequence<n>{});
    detail::forward_sweep<F>(detail::constants_of(fs), e, v, std::make_index_sequence<n>{});
    constexpr std::size_t adjoint_storage = detail::graph_of<F>::adjoint_storage;
    T a[adjoint_storage];
    detail::clear_adjoints(a, std::make_index_sequence<n>{});
    detail::clear_blocks<n, adjoint_storage>(a);
    for (std::size_t k = 0; k < F::arity; ++k) {
      const std::uint32_t out = detail::graph_of<F>::value.nodes[n - 1].operands[k];
      r.value[k] = v[out];
      a[out] += static_cast<T>(u[k]);
    }
    detail::reverse_sweep<F>(detail::constants_of(fs), e, static_cast<const T*>(v), a,
                             r.grad.values, std::make_index_sequence<n - 1>{});
    constexpr std::size_t nv = detail::graph_of<F>::value.variable_count;
    detail::collect<Grad, true>(r.grad, static_cast<const T*>(a),
                        decltype(detail::variable_indices<F>(std::make_index_sequence<nv>{})){},
                        std::make_index_sequence<nv>{});
  }
  return r;
}

/// The compile-time sparsity pattern of the Jacobian of `fs = outputs(f, g, ...)`:
/// `pattern[k][j]` says whether output k depends structurally on variable j (variables in order
/// of first appearance, as tapeless::variable_name). An entry that is false is exactly 0 in
/// tapeless::jacobian and costs nothing.
template <expression F>
[[nodiscard]] constexpr auto jacobian_pattern(const F&) noexcept {
  static_assert(detail::is_outputs<F>, "tapeless::jacobian_pattern takes tapeless::outputs(f, g, ...)");
  constexpr std::size_t nv = detail::graph_of<F>::value.variable_count;
  std::array<std::array<bool, nv>, F::arity> pattern{};
  for (std::size_t k = 0; k < F::arity; ++k)
    for (std::size_t j = 0; j < nv; ++j) pattern[k][j] = detail::output_reach<F>::value.variable[k][j];
  return pattern;
}

// --- functional form ----------------------------------------------------------------------------

namespace detail {
template <class H>
struct jacobian_fn {
  H h;
  template <class... Args>
  constexpr auto operator()(const Args&... args) const noexcept {
    static_assert((number<Args> && ...),
                  "tapeless::jacobian(h)(args...) takes numbers (int, float, double, long double)");
    constexpr auto idx = std::make_index_sequence<sizeof...(Args)>{};
    const auto fs = call_with_variables<H, Args...>(h, idx);
    const auto e = positional_env(idx, args...);
    using T = typename decltype(e)::value_type;
    using F = std::remove_cv_t<decltype(fs)>;
    static_assert(is_outputs<F>, "tapeless::jacobian(h): h must return tapeless::outputs(f, g, ...)");
    const auto j = tapeless::jacobian(fs, e);
    struct result {
      std::array<T, F::arity> value;
      std::array<std::array<T, sizeof...(Args)>, F::arity> jacobian;
    };
    result r{};
    for (std::size_t k = 0; k < F::arity; ++k) {
      r.value[k] = j.value[k];
      r.jacobian[k] = as_array<T>(j.rows[k], idx);
    }
    return r;
  }
};

template <bool Forward, class F, class Env>
constexpr auto jacobian_alone(const F& fs, const Env& e) noexcept {
  if constexpr (Forward)
    return tapeless::jacfwd(fs, e);
  else
    return tapeless::jacrev(fs, e);
}

/// jacrev(h), jacfwd(h): the Jacobian alone, a std::array of rows in argument order.
template <class H, bool Forward>
struct jacobian_alone_fn {
  H h;
  template <class... Args>
  constexpr auto operator()(const Args&... args) const noexcept {
    static_assert((number<Args> && ...),
                  "tapeless::jacrev(h)(args...) and jacfwd(h)(args...) take numbers (int, float, "
                  "double, long double)");
    constexpr auto idx = std::make_index_sequence<sizeof...(Args)>{};
    const auto fs = call_with_variables<H, Args...>(h, idx);
    const auto e = positional_env(idx, args...);
    using T = typename decltype(e)::value_type;
    using F = std::remove_cv_t<decltype(fs)>;
    static_assert(is_outputs<F>, "tapeless::jacrev(h), jacfwd(h): h must return tapeless::outputs(f, g, ...)");
    const auto rows = jacobian_alone<Forward>(fs, e);
    std::array<std::array<T, sizeof...(Args)>, F::arity> r{};
    for (std::size_t k = 0; k < F::arity; ++k) r[k] = as_array<T>(rows[k], idx);
    return r;
  }
};

/// jvp(h)(x, v): `.value` and `.tangent`, numbers for a scalar h, std::arrays for
/// outputs(...) (see direction_fn).
struct jvp_form {
  template <class F, class Env, class Dir, std::size_t... I>
  static constexpr auto apply(const F& f, const Env& e, const Dir& d, std::index_sequence<I...>) noexcept {
    return tapeless::jvp(f, e, d);
  }
};

/// vjp(h)(x, u): uᵀJ of a generic callable returning outputs(...), at the point x (a
/// std::array in argument order), u one number per output: `.value` (the outputs) and `.grad`
/// (a std::array in argument order).
template <class H>
struct vjp_fn {
  H h;
  template <class A, std::size_t N, class U>
  constexpr auto operator()(const std::array<A, N>& x, const U& u) const noexcept {
    static_assert(number<A>, "tapeless::vjp(h)(x, u) takes the point as a std::array of numbers");
    return run(x, u, std::make_index_sequence<N>{});
  }

 private:
  template <class A, std::size_t N, class U, std::size_t... I>
  constexpr auto run(const std::array<A, N>& x, const U& u, std::index_sequence<I...> idx) const noexcept {
    const auto fs = call_with_variables<H, A>(h, idx);
    using F = std::remove_cv_t<decltype(fs)>;
    static_assert(is_outputs<F>, "tapeless::vjp(h): h must return tapeless::outputs(f, g, ...)");
    const auto r = tapeless::vjp(fs, positional_env(idx, x[I]...), u);
    using T = typename decltype(r.value)::value_type;
    struct result {
      std::array<T, F::arity> value;
      std::array<T, N> grad;
    };
    return result{r.value, as_array<T>(r.grad, idx)};
  }
};
}  // namespace detail

/// `tapeless::jacrev(h)(a, b, ...)`, `tapeless::jacfwd(h)(a, b, ...)`: the Jacobian alone of
/// a generic callable returning `tapeless::outputs(f, g, ...)`, `J[k][i]` = ∂f_k/∂(argument i).
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto jacrev(H h) noexcept {
  return detail::jacobian_alone_fn<H, false>{h};
}
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto jacfwd(H h) noexcept {
  return detail::jacobian_alone_fn<H, true>{h};
}

/// `tapeless::jvp(h)(x, v)`: J·v of a generic callable at x along v, both std::arrays in
/// argument order; `.value`, `.tangent` as jvp(f, at(...), at(...)) gives them.
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto jvp(H h) noexcept {
  return detail::direction_fn<H, detail::jvp_form>{h};
}

/// `tapeless::vjp(h)(x, u)`: uᵀJ of a generic callable returning outputs(...) at x (a
/// std::array in argument order); `.value`, `.grad` (a std::array in argument order).
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto vjp(H h) noexcept {
  return detail::vjp_fn<H>{h};
}

/// `tapeless::jacobian(h)(a, b, ...)`: h is a generic callable returning
/// `tapeless::outputs(f, g, ...)`; `.value[k]` and `.jacobian[k][i]` = ∂f_k/∂(argument i).
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto jacobian(H h) noexcept {
  return detail::jacobian_fn<H>{h};
}

}  // namespace tapeless
