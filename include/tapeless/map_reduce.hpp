// tapeless::sum_over and tapeless::mean_over: a scalar expression summed over run-time-length
// data (std::span), with the gradient with respect to scalar parameters and, on request, the
// per-element adjoints, in one fused pass: no tape, no heap, O(1) extra memory. The per-element
// step is the library's own forward and reverse sweep (sweep.hpp); this header only adds the
// loop around it, structured so that compilers vectorize it without -ffast-math.
// See docs/map_reduce.md.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <utility>

#include <tapeless/config.hpp>
#include <tapeless/detail/subexpression.hpp>
#include <tapeless/env.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/pow.hpp>
#include <tapeless/grad.hpp>
#include <tapeless/graph.hpp>
#include <tapeless/operators.hpp>
#include <tapeless/sweep.hpp>
#include <tapeless/variable.hpp>

TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN  // quiet under -ffast-math: see config.hpp

/// Bytes of independent partial sums per gradient component (the "lanes"): 64 bytes are 8
/// doubles or 16 floats, two AVX registers or four SSE registers, enough independent additions
/// to hide the latency of the adder. A power of two times sizeof(T); the summation order (and so
/// the rounding) depends on it, see docs/map_reduce.md.
#ifndef TAPELESS_CONFIG_MAP_REDUCE_BYTES
#define TAPELESS_CONFIG_MAP_REDUCE_BYTES 64
#endif

/// Called (as a statement) when sum_over/mean_over get spans of different lengths, before they
/// return NaN. Empty by default: the library has no exceptions and no I/O. Define it before
/// including tapeless, e.g. `#define TAPELESS_CONFIG_PRECONDITION_FAILED(message)
/// assert(!message)`.
#ifndef TAPELESS_CONFIG_PRECONDITION_FAILED
#define TAPELESS_CONFIG_PRECONDITION_FAILED(message) ((void)0)
#endif

// The loop over the lanes of a block must reach the loop vectorizer as a loop. Fully unrolled
// first (both compilers do that to short constant-trip loops), what is left depends on luck:
// g++ 12 may vectorize the loop over blocks instead, with shuffles that transpose each block,
// and clang 19's SLP vectorizer leaves half the arithmetic scalar (docs/map_reduce.md has the
// measurements). Kept as a loop, both emit packed arithmetic over consecutive elements.
// nvcc's front end defines __GNUC__ but rejects GCC's pragma; its host compiler never sees it.
#if defined(__CUDACC__)
#define TAPELESS_DETAIL_LANE_LOOP
#elif defined(__clang__)
#define TAPELESS_DETAIL_LANE_LOOP _Pragma("clang loop unroll(disable)")
#elif defined(__GNUC__)
#define TAPELESS_DETAIL_LANE_LOOP _Pragma("GCC unroll 1")
#else
#define TAPELESS_DETAIL_LANE_LOOP
#endif

namespace tapeless {

namespace detail {
/// `t = span` makes a binding (variable.hpp's hook): spans of float, double, long double.
template <class T, std::size_t Extent>
inline constexpr bool sequence_value<std::span<T, Extent>> = std::is_floating_point_v<T>;

template <class Var, class E>
struct data_binding {
  using variable = Var;
  using element_type = E;
  std::span<const E> values;
};

template <class Var, class E>
struct adjoint_binding {
  using variable = Var;
  using element_type = E;
  std::span<E> values;
};

template <class B>
struct span_binding_traits {
  static constexpr bool is_span = false;
  static constexpr bool is_mutable = false;
};
template <scalar_variable Var, class T, std::size_t Extent>
struct span_binding_traits<binding<Var, std::span<T, Extent>>> {
  static constexpr bool is_span = std::is_floating_point_v<T>;
  static constexpr bool is_mutable = !std::is_const_v<T>;
  using variable = Var;
  using element_type = std::remove_const_t<T>;
};

template <class... Bs>
constexpr bool has_duplicate_variable() noexcept {
  return !std::is_void_v<typename first_duplicate<Bs...>::type>;
}
}  // namespace detail

/// The data of a reduction, made by `tapeless::data(t = ts, y = ys)`: one span per variable,
/// all of the same length, read element by element. Holds the spans (views), not the data.
template <class... Bs>
struct data_set : Bs... {
  template <class Var>
  static constexpr bool binds = (std::is_same_v<Var, typename Bs::variable> || ...);

  template <class Var>
  constexpr auto values() const noexcept {
    return pick<Var>(*this).values;
  }

 private:
  template <class Var, class E>
  static constexpr const detail::data_binding<Var, E>& pick(
      const detail::data_binding<Var, E>& b) noexcept {
    return b;  // NOLINT(bugprone-return-const-ref-from-parameter): only ever *this
  }
};

/// Where the per-element adjoints go, made by `tapeless::adjoints(t = out)`: `out[i]` receives
/// ∂L/∂t_i (overwritten, not added to).
template <class... Bs>
struct adjoint_set : Bs... {
  template <class Var>
  static constexpr bool binds = (std::is_same_v<Var, typename Bs::variable> || ...);
};

/// `tapeless::data(t = ts, y = ys)`: spans (`std::span<const double>`, `std::span<float>`, ...)
/// of the same run-time length, one per data variable. Wrap other containers in a span:
/// `t = std::span(vec)`.
template <class... Bs>
[[nodiscard]] constexpr auto data(const Bs&... bs) noexcept {
  static_assert((detail::span_binding_traits<Bs>::is_span && ...),
                "tapeless: data(...) takes spans of floating-point numbers: "
                "data(t = std::span<const double>(ts), ...); scalar values go in at(...)");
  static_assert(sizeof...(Bs) > 0, "tapeless: data(...) needs at least one span: data(t = ts)");
  if constexpr (!(detail::span_binding_traits<Bs>::is_span && ...) || sizeof...(Bs) == 0) {
    return data_set<>{};
  } else if constexpr (detail::has_duplicate_variable<Bs...>()) {
    static_assert(!detail::has_duplicate_variable<Bs...>(),
                  "tapeless: data(...) binds a variable twice; give each variable one span");
    return data_set<>{};
  } else {
    return data_set<
        detail::data_binding<typename detail::span_binding_traits<Bs>::variable,
                             typename detail::span_binding_traits<Bs>::element_type>...>{
        {bs.value}...};
  }
}

/// `tapeless::adjoints(t = out)`: writable spans, one per data variable whose per-element
/// adjoints ∂L/∂t_i are wanted, of the data's length.
template <class... Bs>
[[nodiscard]] constexpr auto adjoints(const Bs&... bs) noexcept {
  static_assert(
      (detail::span_binding_traits<Bs>::is_span && ...),
      "tapeless: adjoints(...) takes writable spans: adjoints(t = std::span<double>(out))");
  if constexpr (!(detail::span_binding_traits<Bs>::is_span && ...)) {
    return adjoint_set<>{};
  } else if constexpr (!(detail::span_binding_traits<Bs>::is_mutable && ...)) {
    static_assert((detail::span_binding_traits<Bs>::is_mutable && ...),
                  "tapeless: adjoints(...) writes into its spans: pass std::span<double>, not "
                  "std::span<const double>");
    return adjoint_set<>{};
  } else if constexpr (detail::has_duplicate_variable<Bs...>()) {
    static_assert(!detail::has_duplicate_variable<Bs...>(),
                  "tapeless: adjoints(...) binds a variable twice; give each variable one span");
    return adjoint_set<>{};
  } else {
    return adjoint_set<
        detail::adjoint_binding<typename detail::span_binding_traits<Bs>::variable,
                                typename detail::span_binding_traits<Bs>::element_type>...>{
        {std::span<typename detail::span_binding_traits<Bs>::element_type>(bs.value)}...};
  }
}

/// Execution policies of sum_over/mean_over. `parallel` runs on OpenMP threads when the program
/// is compiled with -fopenmp, and computes the same bits sequentially otherwise (see
/// docs/map_reduce.md: its result does not depend on the number of threads).
struct sequential_policy {};
struct parallel_policy {};
inline constexpr sequential_policy sequential{};
inline constexpr parallel_policy parallel{};

/// The gradient of a reduction with respect to its scalar parameters (the variables bound in
/// at(...)): `g[a]` as for tapeless::gradient; data variables have per-element adjoints instead.
template <class T, class Params, class Data>
struct parameter_gradient;

template <class T, class... P, class... D>
struct parameter_gradient<T, detail::type_list<P...>, detail::type_list<D...>> : gradient<T, P...> {
  template <detail::scalar_variable V>
  constexpr T operator[](const V& x) const noexcept {
    static_assert(!(std::is_same_v<V, D> || ...),
                  "tapeless: this variable is data, with one adjoint per element: ask for them "
                  "with sum_over(..., tapeless::adjoints(t = out)), where out is a std::span<T>");
    return gradient<T, P...>::operator[](x);
  }
};

namespace error {
template <class Var>
inline constexpr bool no_data_or_value_for = false;
template <class Var>
inline constexpr auto no_data_or_value_for_text = text(
    "tapeless: every variable of the expression needs data or a value; bind ", Var::name_v.chars,
    ": data(..., ", Var::name_v.chars, " = span) or at(..., ", Var::name_v.chars, " = value)");
template <class Var>
constexpr bool bind_data_or_value_for() noexcept {
#if TAPELESS_DETAIL_MESSAGE_IN_TYPE
  static_assert(sizeof(message<no_data_or_value_for_text<Var>>) == 0);
#else
  static_assert(tapeless::error::no_data_or_value_for<Var>,
                "tapeless: every variable of the expression needs data or a value; bind the "
                "variable named here: data(..., <name> = span) or at(..., <name> = value)");
#endif
  return false;
}
}  // namespace error

namespace detail {

// --- type lists -------------------------------------------------------------------------------

template <class... L>
struct concat {
  using type = type_list<>;
};
template <class... A>
struct concat<type_list<A...>> {
  using type = type_list<A...>;
};
template <class... A, class... B, class... R>
struct concat<type_list<A...>, type_list<B...>, R...> {
  using type = typename concat<type_list<A..., B...>, R...>::type;
};

/// The variables of L that Set binds (Set::binds<V>), in L's order.
template <class Set, class L>
struct bound_in;
template <class Set, class... V>
struct bound_in<Set, type_list<V...>> {
  using type = typename concat<
      std::conditional_t<Set::template binds<V>, type_list<V>, type_list<>>...>::type;
};

template <class Root, std::size_t... K>
auto variables_of_impl(std::index_sequence<K...>)
    -> type_list<node_type<Root, graph_of<Root>::value.variables[K]>...>;

/// The variables of an expression, in order of first appearance.
template <class Root>
using variables_of = decltype(variables_of_impl<Root>(
    std::make_index_sequence<graph_of<Root>::value.variable_count>{}));

template <class Var, class... Sets>
inline constexpr bool bound_somewhere = (Sets::template binds<Var> || ...);

// --- the options after data(...) ----------------------------------------------------------------

template <class T>
struct option_kind {
  static constexpr int value = 0;  // not an option
};
template <class... Bs>
struct option_kind<env<Bs...>> {
  static constexpr int value = 1;
};
template <class... Bs>
struct option_kind<adjoint_set<Bs...>> {
  static constexpr int value = 2;
};
template <>
struct option_kind<sequential_policy> {
  static constexpr int value = 3;
};
template <>
struct option_kind<parallel_policy> {
  static constexpr int value = 3;
};

/// The option of kind K among `opts`, or `fallback` when there is none.
template <int K, class Fallback>
constexpr auto option_of(const Fallback& fallback) noexcept {
  return fallback;
}
template <int K, class Fallback, class O, class... Os>
constexpr auto option_of(const Fallback& fallback, const O& o, const Os&... os) noexcept {
  if constexpr (option_kind<O>::value == K)
    return o;
  else
    return option_of<K>(fallback, os...);
}

template <class... Bs>
constexpr auto as_binding_types(const env<Bs...>*) -> type_list<typename Bs::value_type...>;
template <class... Bs>
constexpr auto element_types(const data_set<Bs...>*) -> type_list<typename Bs::element_type...>;

template <class L>
struct evaluation_type_of;
template <class... V>
struct evaluation_type_of<type_list<V...>> {
  using type = typename evaluation_type<V...>::type;
};

/// Index of the node of variable V in Root's graph (variables are shared nodes).
template <class Root, class V>
inline constexpr std::uint32_t node_of = graph_of<Root>::value.find(&V::info);

/// Lanes (independent partial sums per component): a power of two, at least 1.
template <class T>
constexpr std::size_t lanes_for() noexcept {
  constexpr std::size_t want = TAPELESS_CONFIG_MAP_REDUCE_BYTES / sizeof(T);
  std::size_t w = 1;
  while (2 * w <= want) w *= 2;
  return w;
}

template <class T>
constexpr T quiet_nan() noexcept {
  return std::numeric_limits<T>::quiet_NaN();
}

/// Not constexpr: reached during constant evaluation, it makes the mismatch a compile error.
inline void spans_of_different_lengths_in_sum_over() noexcept {}

/// With select, a variable reached only through branches not taken keeps the initial adjoint
/// -0.0 (see grad.hpp's collect).
template <class Root>
constexpr bool has_select() noexcept {
  if constexpr (requires { graph_of<Root>::value.has_select; })
    return graph_of<Root>::value.has_select;
  else
    return false;
}

/// tapeless::vec variables: not data nor parameters of a reduction (yet).
template <class V>
inline constexpr bool is_vector_variable = requires { V::size(); };

template <class L>
struct has_vector_variable;
template <class... V>
struct has_vector_variable<type_list<V...>> : std::bool_constant<(is_vector_variable<V> || ...)> {};

// --- scale parameters ----------------------------------------------------------------------------
//
// A parameter p that enters each element only through products and quotients m = p·w or
// m = p/w (w free of p), each m used only by operations homogeneous in it (·, /, −, xᴺ), has
//   ∂E/∂p = Σ_m m̄·∂m/∂p = Σ_m ±m̄·m/p,   m̄·m = Σ_(parents P of m) k·P̄·P,
// k the degree of P in m (xᴺ: N, a·b: 1, a/b: 1 and −1). The loop then sums Σ k·P̄·P, from
// values and adjoints the sweep has anyway, and divides by p once after it; m̄ itself, and
// with it x^(N−1) of each xᴺ and the division ∂(p/w)/∂p = 1/w, is left unused and the compiler
// drops it. This is the hand-written Lennard-Jones loop's ∂U/∂s = Σ(12q¹² − 6q⁶)/s, derived
// from the expression's type. p = 0 or not finite: the per-element chain rule instead.

/// The degree of an operation in its operand J (P(λx) = λᵏP(x)), 0 when it is not homogeneous.
/// Only · and ÷ have a nonzero degree in two operands.
template <class Node>
constexpr int slot_degree(std::size_t j) noexcept {
  if constexpr (!requires { typename Node::op; }) {
    return 0;
  } else {
    using Op = typename Node::op;
    if constexpr (std::is_same_v<Op, ops::mul> || std::is_same_v<Op, ops::neg>)
      return 1;
    else if constexpr (std::is_same_v<Op, ops::div>)
      return j == 0 ? 1 : -1;
    else if constexpr (requires { Op::exponent; })  // xᴺ
      return Op::exponent;
    else
      return 0;
  }
}

/// slot_degree of every node of Root, once per expression type.
template <class Root>
struct slot_degrees {
  static constexpr std::size_t n = graph_of<Root>::size;
  struct table {
    int degree[n][max_arity] = {};
  };
  template <std::size_t I>
  static constexpr int fill_row(table& t) noexcept {
    for (std::size_t j = 0; j < max_arity; ++j) t.degree[I][j] = slot_degree<node_type<Root, I>>(j);
    return 0;
  }
  template <std::size_t... I>
  static constexpr table make(std::index_sequence<I...>) noexcept {
    table t{};
    [[maybe_unused]] const int fill[] = {fill_row<I>(t)..., 0};
    return t;
  }
  static constexpr table value = make(std::make_index_sequence<n>{});
};

/// Whether the variable at node Vp is a scale parameter of Root, and the coefficient of each
/// node's P̄·P in p·∂E/∂p.
template <class Root, std::uint32_t Vp>
struct scale_parameter {
  static constexpr std::size_t n = graph_of<Root>::size;
  struct table {
    bool eligible = false;
    int coef[n] = {};
  };
  static constexpr table make() noexcept {
    const auto& g = graph_of<Root>::value;
    const auto& degree = slot_degrees<Root>::value.degree;
    table t{};
    if (g.has_select || Vp >= n - 1) return t;
    bool depends[n] = {};
    depends[Vp] = true;
    for (std::size_t i = Vp + 1; i < n; ++i)
      for (std::uint32_t j = 0; j < g.nodes[i].info->arity; ++j)
        depends[i] = depends[i] || depends[g.nodes[i].operands[j]];
    bool used = false;
    for (std::size_t m = Vp + 1; m < n; ++m) {
      const auto& e = g.nodes[m];
      std::uint32_t slots = 0, slot = 0;
      for (std::uint32_t j = 0; j < e.info->arity; ++j)
        if (e.operands[j] == Vp) {
          ++slots;
          slot = j;
        }
      if (slots == 0) continue;
      used = true;
      // m = p·w or p/w or w/p (a binary node of nonzero degree), w free of p, and not the
      // root (whose m̄ is the seed)
      if (slots != 1 || e.info->arity != 2 || degree[m][slot] == 0 || m == n - 1 ||
          depends[e.operands[1 - slot]])
        return table{};
      for (std::size_t q = m + 1; q < n; ++q)
        for (std::uint32_t j = 0; j < g.nodes[q].info->arity; ++j)
          if (g.nodes[q].operands[j] == m) {
            if (degree[q][j] == 0) return table{};
            t.coef[q] += degree[m][slot] * degree[q][j];
          }
    }
    t.eligible = used;
    return t;
  }
  static constexpr table value = make();
};

/// One data or adjoint column, as a raw pointer (see reduction::inputs).
template <class Var, class E, bool Writable = false>
struct column {
  std::conditional_t<Writable, E*, const E*> p;
};
template <class Var, class E, bool W>
TAPELESS_INLINE constexpr auto column_of(const column<Var, E, W>& c) noexcept {
  return c.p;
}

/// Sums of one range: the value in [N - 1], the parameter gradient before it. One type for the
/// reductions with and without scale parameters (see reduce_elementwise).
template <class T, std::size_t N>
struct partial_sums {
  T s[N];
};

/// A scale parameter the reduction can divide by: nonzero and finite.
template <class T>
constexpr bool usable_scale(T x) noexcept {
  return x != static_cast<T>(0) && x - x == static_cast<T>(0);
}

/// The fused loop of one reduction. P: the parameters (variables of Root bound in at(...)), D:
/// the data variables of Root, A: the adjoint outputs.
template <class Root, class T, bool Mean, class P, class D, class A, bool Scale = false>
struct reduction;

template <class Root, class T, bool Mean, class... P, class... D, class... A, bool Scale>
struct reduction<Root, T, Mean, type_list<P...>, type_list<D...>, type_list<A...>, Scale> {
  static constexpr std::size_t n = graph_of<Root>::size;
  static constexpr std::size_t np = sizeof...(P);
  static constexpr std::size_t lanes = lanes_for<T>();
  static constexpr auto nodes = std::make_index_sequence<n>{};
  using params = env<binding<P, T>...>;
  using element_env = env<binding<D, T>..., binding<P, T>...>;
  using parameter_nodes = index_list<node_of<Root, P>...>;

  template <class Env>
  static constexpr params make_params(const Env& e) noexcept {
    return params{binding<P, T>{static_cast<T>(e.template get<P>())}...};
  }

  /// Sums of one range: the value in [np], the parameter gradient in [0, np).
  using partial = partial_sums<T, np + 1>;

  /// Raw pointers, read once: the loop then loads through nothing but them.
  template <class Data>
  struct inputs
      : column<D,
               typename decltype(std::declval<const Data&>().template values<D>())::value_type>... {
    constexpr explicit inputs(const Data& data_) noexcept
        : column<D, typename decltype(data_.template values<D>())::value_type>{
              data_.template values<D>().data()}... {}
  };
  struct outputs : column<typename A::variable, typename A::element_type, true>... {
    template <class Out>
    constexpr explicit outputs(const Out& out_) noexcept
        : column<typename A::variable, typename A::element_type, true>{
              static_cast<const A&>(out_).values.data()}... {}
  };

  /// The per-element step: the library's forward and reverse sweep at (data_i, params), then
  /// the contributions into lane k of the accumulators and the adjoints into the outputs.
  template <class C, class In, std::size_t... J>
  TAPELESS_INLINE static constexpr void step(const C* c, const In& in, const params& p,
                                             const outputs& out, T seed, std::size_t i,
                                             T (&acc)[np + 1][lanes], std::size_t k,
                                             std::index_sequence<J...>) noexcept {
    const element_env e{binding<D, T>{static_cast<T>(column_of<D>(in)[i])}...,
                        static_cast<const binding<P, T>&>(p)...};
    T v[n];
    if constexpr (graph_of<Root>::value.has_select) init_values(v, nodes);  // see sweep_both
    T a[n];
    forward_sweep<Root>(c, e, v, nodes);
    clear_adjoints(a, nodes);
    if constexpr (Mean)
      a[n - 1] = seed;
    else
      a[n - 1] = static_cast<T>(1);
    if constexpr (requires { reverse_sweep<Root>(v, a, nodes); }) {
      reverse_sweep<Root>(v, a, nodes);
    } else {
      T gv[1] = {};  // the entries of vector variables, which reductions do not take
      reverse_sweep<Root>(c, e, v, a, gv, nodes);
    }
    acc[np][k] += v[n - 1];
    [[maybe_unused]] const int sums[] = {((acc[J][k] += parameter_adjoint<J>(v, a, nodes)), 0)...,
                                         0};
    [[maybe_unused]] const int stores[] = {(store<typename A::variable>(out, a, i), 0)..., 0};
  }

  /// Parameter J is a scale parameter (see scale_parameter) and the loop sums p·∂E/∂p.
  template <std::size_t J>
  static constexpr bool scaled =
      Scale && scale_parameter<Root, nth_index<J>(parameter_nodes{})>::value.eligible;

  /// What the loop sums for parameter J: its adjoint, or for a scale parameter Σ k·P̄·P.
  template <std::size_t J, std::size_t... I>
  TAPELESS_INLINE static constexpr T parameter_adjoint(const T* v, const T* a,
                                                       std::index_sequence<I...>) noexcept {
    if constexpr (!scaled<J>) {
      return a[nth_index<J>(parameter_nodes{})];
    } else {
      constexpr auto& coef = scale_parameter<Root, nth_index<J>(parameter_nodes{})>::value.coef;
      T theta = static_cast<T>(-0.0);
      [[maybe_unused]] const int terms[] = {
          (coef[I] != 0 ? (theta += static_cast<T>(coef[I]) * a[I] * v[I], 0) : 0)..., 0};
      return theta;
    }
  }

  /// Whether some parameter is a scale parameter; they then must be nonzero and finite (else
  /// the caller runs the plain reduction), and their sums are divided by them after the loop.
  template <std::size_t... J>
  static constexpr bool any_scaled(std::index_sequence<J...>) noexcept {
    return (scaled<J> || ... || false);
  }
  template <std::size_t... J>
  static constexpr bool scales_usable(const params& p, std::index_sequence<J...>) noexcept {
    return ((!scaled<J> || usable_scale(static_cast<const binding<P, T>&>(p).value)) && ...);
  }
  template <std::size_t... J>
  static constexpr void unscale(partial& r, const params& p, std::index_sequence<J...>) noexcept {
    [[maybe_unused]] const int each[] = {
        (scaled<J> ? (r.s[J] /= static_cast<const binding<P, T>&>(p).value, 0) : 0)..., 0};
  }

  template <class V>
  TAPELESS_INLINE static constexpr void store(const outputs& out, const T* a,
                                              std::size_t i) noexcept {
    auto* o = column_of<V>(out);
    using E = std::remove_pointer_t<decltype(o)>;
    constexpr std::uint32_t node = node_of<Root, V>;
    if constexpr (node == no_node)
      o[i] = static_cast<E>(0);
    else if constexpr (has_select<Root>())
      o[i] = static_cast<E>(a[node] + static_cast<T>(0));  // -0 from branches not taken: 0
    else
      o[i] = static_cast<E>(a[node]);
  }

  /// Elements [begin, end): element i goes to lane (i - begin) mod lanes. The lanes are
  /// independent sums, so the loop over k vectorizes without reassociating any sum; they are
  /// combined at the end by a fixed pairwise tree.
  template <class C, class Data, class Out>
  static constexpr partial run(const C* c, const Data& data, const params& p, const Out& o, T seed,
                               std::size_t begin, std::size_t end) noexcept {
    constexpr auto js = std::make_index_sequence<np>{};
    const inputs<Data> in(data);
    const outputs out(o);
    T acc[np + 1][lanes] = {};
    std::size_t i = begin;
    for (; end - i >= lanes; i += lanes) {
      TAPELESS_DETAIL_LANE_LOOP
      for (std::size_t k = 0; k < lanes; ++k) step(c, in, p, out, seed, i + k, acc, k, js);
    }
    for (std::size_t k = 0; i < end; ++i, ++k) step(c, in, p, out, seed, i, acc, k, js);
    partial r{};
    for (std::size_t j = 0; j <= np; ++j) {
      for (std::size_t w = lanes / 2; w >= 1; w /= 2)
        for (std::size_t k = 0; k < w; ++k) acc[j][k] += acc[j][k + w];
      r.s[j] = acc[j][0];
    }
    return r;
  }

  /// Fixed chunks (a function of the length only), summed in chunk order: the result does not
  /// depend on the number of threads, nor on whether OpenMP is on at all, nor on whether it is
  /// computed during constant evaluation.
  static constexpr std::size_t max_chunks = 64;
  static constexpr std::size_t min_chunk = 8192;

  struct chunking {
    std::size_t count, length;  // the last chunk may be shorter, or empty
  };
  static constexpr chunking chunks_of(std::size_t size) noexcept {
    std::size_t count = (size + min_chunk - 1) / min_chunk;
    if (count > max_chunks) count = max_chunks;
    if (count < 1) count = 1;
    const std::size_t length = (size + count - 1) / count;
    return {count, (length + lanes - 1) / lanes * lanes};  // no tail but in the last chunk
  }

  template <class C, class Data, class Out>
  static constexpr partial run_chunk(const C* c, const Data& data, const params& p,
                                     const Out& out, T seed, std::size_t size, chunking ch,
                                     std::size_t q) noexcept {
    const std::size_t b = q * ch.length < size ? q * ch.length : size;
    const std::size_t e = ch.length < size - b ? b + ch.length : size;
    return run(c, data, p, out, seed, b, e);
  }

  /// Not constexpr: the OpenMP loop (a plain loop without -fopenmp).
  template <class C, class Data, class Out>
  static void run_chunks_in_threads(const C* c, const Data& data, const params& p,
                                    const Out& out, T seed, std::size_t size, chunking ch,
                                    partial* parts) noexcept {
#if defined(_OPENMP)
#pragma omp parallel for schedule(static) if (ch.count > 1)
#endif
    for (std::size_t q = 0; q < ch.count; ++q)
      parts[q] = run_chunk(c, data, p, out, seed, size, ch, q);
  }

  template <class C, class Data, class Out>
  static constexpr partial run_chunked(const C* c, const Data& data, const params& p,
                                       const Out& out, T seed, std::size_t size) noexcept {
    const chunking ch = chunks_of(size);
    partial parts[max_chunks] = {};
    if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
      for (std::size_t q = 0; q < ch.count; ++q)
        parts[q] = run_chunk(c, data, p, out, seed, size, ch, q);
    } else {
      run_chunks_in_threads(c, data, p, out, seed, size, ch, parts);
    }
    partial r = parts[0];
    for (std::size_t q = 1; q < ch.count; ++q)
      for (std::size_t j = 0; j <= np; ++j) r.s[j] += parts[q].s[j];
    return r;
  }
};

template <class Grad, class T, std::size_t... J>
constexpr Grad make_parameter_gradient(const T* s, std::index_sequence<J...>) noexcept {
  if constexpr (sizeof...(J) == 0)
    return Grad{};
  else
    return Grad{{{s[J]...}}};
}

template <class... Bs>
constexpr auto variables_list(const data_set<Bs...>*) -> type_list<typename Bs::variable...>;
template <class... Bs>
constexpr auto bindings_list(const adjoint_set<Bs...>*) -> type_list<Bs...>;

template <class... Bs>
constexpr std::size_t first_size(const data_set<Bs...>& d) noexcept {
  std::size_t sizes[] = {static_cast<const Bs&>(d).values.size()..., 0};
  return sizes[0];
}
template <class Set, class... Bs>
constexpr bool sizes_equal([[maybe_unused]] std::size_t size, [[maybe_unused]] const Set& s,
                           const type_list<Bs...>*) noexcept {
  return ((static_cast<const Bs&>(s).values.size() == size) && ...);
}
template <class... Bs>
constexpr bool sizes_equal(std::size_t size, const data_set<Bs...>& d) noexcept {
  return sizes_equal(size, d, static_cast<const type_list<Bs...>*>(nullptr));
}
template <class... Bs>
constexpr bool sizes_equal(std::size_t size, const adjoint_set<Bs...>& d) noexcept {
  return sizes_equal(size, d, static_cast<const type_list<Bs...>*>(nullptr));
}

template <class Vars, class Data, class Env>
struct first_unbound;
template <class Data, class Env>
struct first_unbound<type_list<>, Data, Env> {
  using type = void;
};
template <class V, class... Vs, class Data, class Env>
struct first_unbound<type_list<V, Vs...>, Data, Env> {
  using type = std::conditional_t<bound_somewhere<V, Data, Env>,
                                  typename first_unbound<type_list<Vs...>, Data, Env>::type, V>;
};

template <class Data, class Out, class... Bs>
constexpr bool adjoints_are_data(const adjoint_set<Bs...>*) noexcept {
  return (Data::template binds<typename Bs::variable> && ...);
}
template <class Data, class... Bs>
constexpr bool data_not_in_at(const env<Bs...>*) noexcept {
  return !(Data::template binds<typename Bs::variable> || ...);
}

template <class T>
struct is_data_set : std::false_type {};
template <class... Bs>
struct is_data_set<data_set<Bs...>> : std::true_type {};

template <class O, class... Os>
constexpr int option_count() noexcept {
  return ((option_kind<Os>::value == option_kind<O>::value ? 1 : 0) + ... + 0);
}

/// The checks of sum_over/mean_over, one static_assert each; false stops the call without
/// further errors.
template <class Root, class Data, class... Options>
constexpr bool valid_reduction() noexcept {
  // NOLINTNEXTLINE(bugprone-branch-clone): the branches differ in the error they report
  if constexpr ((std::is_same_v<Options, error::invalid_at> || ...)) {
    return false;  // at(...) has reported its error already
  } else if constexpr (!((option_kind<Options>::value != 0) && ...)) {
    static_assert(((option_kind<Options>::value != 0) && ...),
                  "tapeless: after data(...), sum_over/mean_over take at(...) (the parameters), "
                  "adjoints(...) and tapeless::sequential or tapeless::parallel, in any order");
    return false;
  } else if constexpr (!((option_count<Options, Options...>() == 1) && ...)) {
    static_assert(((option_count<Options, Options...>() == 1) && ...),
                  "tapeless: sum_over/mean_over take at most one at(...), one adjoints(...) and "
                  "one policy");
    return false;
  } else if constexpr (!is_data_set<Data>::value) {
    static_assert(is_data_set<Data>::value,
                  "tapeless: the second argument of sum_over/mean_over is the data: "
                  "sum_over(f, tapeless::data(t = ts, ...), tapeless::at(a = 1.0, ...))");
    return false;
  } else if constexpr (std::is_same_v<Data, data_set<>>) {
    return false;  // data(...) has reported its error already
  } else {
    using Env =
        std::remove_cvref_t<decltype(option_of<1>(env<>{}, std::declval<const Options&>()...))>;
    using Out = std::remove_cvref_t<decltype(option_of<2>(adjoint_set<>{},
                                                          std::declval<const Options&>()...))>;
    using missing = typename first_unbound<variables_of<Root>, Data, Env>::type;
    if constexpr (has_vector_variable<variables_of<Root>>::value) {
      static_assert(!has_vector_variable<variables_of<Root>>::value,
                    "tapeless: sum_over/mean_over take scalar variables (tapeless::var) only; "
                    "write the expression per element with scalar data and parameters");
      return false;
    } else if constexpr (!data_not_in_at<Data>(static_cast<const Env*>(nullptr))) {
      static_assert(data_not_in_at<Data>(static_cast<const Env*>(nullptr)),
                    "tapeless: a variable is bound both in data(...) and in at(...); it is either "
                    "data (one value per element) or a parameter (one value)");
      return false;
    } else if constexpr (!adjoints_are_data<Data, Out>(static_cast<const Out*>(nullptr))) {
      static_assert(adjoints_are_data<Data, Out>(static_cast<const Out*>(nullptr)),
                    "tapeless: adjoints(...) is for data variables: every variable in it must "
                    "have a span in data(...)");
      return false;
    } else if constexpr (!std::is_void_v<missing>) {
      return error::bind_data_or_value_for<missing>();
    } else {
      return true;
    }
  }
}

// --- constant factors ---------------------------------------------------------------------------
//
// Σᵢ C·Eᵢ = C·Σᵢ Eᵢ and Σᵢ Eᵢ/C = (Σᵢ Eᵢ)/C when C has no data variable (4ε in
// 4ε·(q¹² − q⁶), ½ in ½·r², 2σ² in r²/(2σ²)): the loop then sums E and its gradient, and C,
// its gradient and the product are computed once after it: ∇(C·ΣE) = C·∇ΣE + ΣE·∇C. Per
// element this saves the product by C, its adjoint and the accumulation of C's parameters'
// contributions (LJ: 17.6 -> 14.1 instructions per element). The result differs from the
// per-element products only by rounding. Not with adjoints(...): each per-element adjoint
// would need the product by C anyway.

template <class Data, class E>
inline constexpr bool data_free = std::is_same_v<typename bound_in<Data, variables_of<E>>::type, type_list<>>;

/// Which operand of Root is a constant factor to take out of the sum: 0 or 1, or 2 for none.
template <class Root, class Data>
constexpr std::size_t factor_operand() noexcept {
  using Op = typename Root::op;
  constexpr bool product = std::is_same_v<Op, ops::mul>;  // C · E or E · C
  if constexpr (!product && !std::is_same_v<Op, ops::div>) {
    return 2;
  } else {  // two operands; of a quotient E / C only the divisor
    constexpr bool left = product && data_free<Data, typename Root::template operand<0>>;
    constexpr bool right = data_free<Data, typename Root::template operand<1>>;
    return left ? 0 : (right ? 1 : 2);
  }
}
template <class Root, class Data, class Out>
constexpr std::size_t constant_factor() noexcept {
  if constexpr (std::is_same_v<Out, adjoint_set<>> && requires { typename Root::op; })
    return factor_operand<Root, Data>();
  else
    return 2;
}

/// The parameters bound in e, converted to T.
template <class T, class Env, class... P>
constexpr auto parameter_env(const Env& e, const type_list<P...>*) noexcept {
  return env<binding<P, T>...>{binding<P, T>{static_cast<T>(e.template get<P>())}...};
}

/// combine_factored's ∂/∂p, value = C·ΣE or ΣE/C.
template <bool Quotient, class P, class Factor, class Sum, class V>
constexpr auto factored_partial(const Factor& factor, const Sum& sum, const V& value) noexcept {
  constexpr bool in_c = decltype(factor.grad)::contains(P{});
  constexpr bool in_e = decltype(sum.grad)::contains(P{});
  const auto c = factor.value;
  if constexpr (Quotient && in_c && in_e)
    return sum.grad[P{}] / c - value / c * factor.grad[P{}];
  else if constexpr (Quotient && in_e)
    return sum.grad[P{}] / c;
  else if constexpr (Quotient)
    return -(value / c * factor.grad[P{}]);
  else if constexpr (in_c && in_e)
    return c * sum.grad[P{}] + sum.value * factor.grad[P{}];
  else if constexpr (in_e)
    return c * sum.grad[P{}];
  else
    return sum.value * factor.grad[P{}];
}

/// C·ΣE and ∂(C·ΣE)/∂p = C·∂ΣE/∂p + ΣE·∂C/∂p, or ΣE/C and ∂(ΣE/C)/∂p = ∂ΣE/∂p / C −
/// (ΣE/C)/C·∂C/∂p; each term only where C or E has p.
template <class Result, class Op, class Factor, class Sum, class... P>
constexpr Result combine_factored(const Factor& factor, const Sum& sum,
                                  const type_list<P...>*) noexcept {
  using Grad = decltype(Result::grad);
  constexpr bool quotient = std::is_same_v<Op, ops::div>;
  const auto c = factor.value;
  const auto value = quotient ? sum.value / c : c * sum.value;
  if constexpr (sizeof...(P) == 0)
    return Result{value, Grad{}};
  else
    return Result{value, Grad{{{factored_partial<quotient, P>(factor, sum, value)...}}}};
}

template <bool Mean, class Root, class Data, class... Options>
constexpr auto reduce(const Root& f, const Data& data, const Options&... opts) noexcept;

/// The types of a reduction of Root over Data with these options: the at(...) environment, the
/// evaluation type, the parameters (Root's variables bound in at) and the result.
template <class Root, class Data, class... Options>
struct reduction_types {
  using env_type = std::remove_cvref_t<decltype(option_of<1>(env<>{}, std::declval<const Options&>()...))>;
  using value_type = typename evaluation_type_of<
      typename concat<decltype(element_types(static_cast<const Data*>(nullptr))),
                      decltype(as_binding_types(static_cast<const env_type*>(nullptr)))>::type>::type;
  using parameters = typename bound_in<env_type, variables_of<Root>>::type;
  using gradient_type = parameter_gradient<value_type, parameters,
                                           decltype(variables_list(static_cast<const Data*>(nullptr)))>;
  using result = value_and_gradient<value_type, gradient_type>;
};

/// sum_over(C·E) as C·sum_over(E) (E may have a constant factor of its own).
template <bool Mean, std::size_t J, class Root, class Data, class... Options>
constexpr auto reduce_factored(const Root& f, const Data& data, const Options&... opts) noexcept {
  using types = reduction_types<Root, Data, Options...>;
  using P = typename types::parameters;
  const auto* k = constants_of(f);
  const auto sum = reduce<Mean>(operand_object<Root, 1 - J>(k), data, opts...);
  const auto factor =
      sweep_both(operand_object<Root, J>(k), parameter_env<typename types::value_type>(
                                                 option_of<1>(env<>{}, opts...), static_cast<const P*>(nullptr)));
  return combine_factored<typename types::result, typename Root::op>(factor, sum,
                                                                     static_cast<const P*>(nullptr));
}

template <bool Mean, class Root, class Data, class... Options>
constexpr auto reduce_elementwise(const Root& f, const Data& data, const Options&... opts) noexcept;

template <bool Mean, class Root, class Data, class... Options>
constexpr auto reduce(const Root& f, const Data& data, const Options&... opts) noexcept {
  using Out = std::remove_cvref_t<decltype(option_of<2>(adjoint_set<>{}, opts...))>;
  if constexpr (constexpr std::size_t J = constant_factor<Root, Data, Out>(); J < 2)
    return reduce_factored<Mean, J>(f, data, opts...);
  else
    return reduce_elementwise<Mean>(f, data, opts...);
}

template <bool Mean, class Root, class Data, class... Options>
constexpr auto reduce_elementwise(const Root& f, const Data& data, const Options&... opts) noexcept {
  const auto e = option_of<1>(env<>{}, opts...);
  const auto out = option_of<2>(adjoint_set<>{}, opts...);
  using Out = std::remove_cvref_t<decltype(out)>;
  using Policy = std::remove_cvref_t<decltype(option_of<3>(sequential_policy{}, opts...))>;
  using types = reduction_types<Root, Data, Options...>;
  using T = typename types::value_type;
  using P = typename types::parameters;
  using D = typename bound_in<Data, variables_of<Root>>::type;
  using A = decltype(bindings_list(static_cast<const Out*>(nullptr)));
  // scale parameters only without adjoints(...): the per-element adjoints need m̄ anyway
  using R = reduction<Root, T, Mean, P, D, A, std::is_same_v<A, type_list<>>>;
  using R0 = reduction<Root, T, Mean, P, D, A, false>;
  using Grad = typename types::gradient_type;
  using result = typename types::result;
  constexpr auto js = std::make_index_sequence<R::np>{};

  const std::size_t size = first_size(data);
  const bool fail = !sizes_equal(size, data) || !sizes_equal(size, out);
  if (fail) {
    if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) spans_of_different_lengths_in_sum_over();
    TAPELESS_CONFIG_PRECONDITION_FAILED(
        "tapeless::sum_over: the spans in data(...) and adjoints(...) differ in length");
  }
  if (fail || (Mean && size == 0)) {
    T nans[R::np + 1];
    for (auto& x : nans) x = quiet_nan<T>();
    return result{quiet_nan<T>(), make_parameter_gradient<Grad>(nans, js)};
  }
  const auto p = R::make_params(e);
  const T seed = Mean ? static_cast<T>(1) / static_cast<T>(size) : static_cast<T>(1);
  const auto run = [&]<class Q>(const Q*) {
    if constexpr (std::is_same_v<Policy, parallel_policy>)
      return Q::run_chunked(constants_of(f), data, p, out, seed, size);
    else
      return Q::run(constants_of(f), data, p, out, seed, 0, size);
  };
  typename R::partial r{};
  if constexpr (R::any_scaled(js)) {
    if (R::scales_usable(p, js)) {
      r = run(static_cast<const R*>(nullptr));
      R::unscale(r, p, js);
    } else {
      r = run(static_cast<const R0*>(nullptr));
    }
  } else {
    r = run(static_cast<const R*>(nullptr));
  }
  const T value = Mean ? r.s[R::np] / static_cast<T>(size) : r.s[R::np];
  return result{value, make_parameter_gradient<Grad>(r.s, js)};
}

/// What sum_over returns after a reported error, so that `r.value` adds no second error.
using reduction_result_after_error = value_and_gradient<double, gradient<double>>;

}  // namespace detail

/// `sum_over(f, data(t = ts, y = ys), at(a = 1.0), ...)`: L = Σ_i f(t_i, y_i; a) and its
/// gradient with respect to the parameters (`r.value`, `r.grad[a]`), in one pass over the data.
/// Options after data(...), in any order: `at(...)`, the parameters (variables of f that are
/// not data; none if f has none); `adjoints(t = out)` to get out[i] = ∂L/∂t_i; and
/// `tapeless::parallel` (OpenMP) or `tapeless::sequential` (the default).
/// All spans must have the same length: otherwise TAPELESS_CONFIG_PRECONDITION_FAILED is
/// called, the value and gradient are NaN and no adjoint is written (a compile error during
/// constant evaluation). Weights are data: `sum_over(w * f, data(w = ws, ...))`.
template <expression E, class Data, class... Options>
[[nodiscard]] constexpr auto sum_over(const E& f, const Data& data,
                                      const Options&... opts) noexcept {
  if constexpr (!detail::valid_reduction<E, Data, Options...>())
    return detail::reduction_result_after_error{};
  else
    return detail::reduce<false>(f, data, opts...);
}

/// `mean_over(...)`: as sum_over, divided by the length (NaN for empty data).
template <expression E, class Data, class... Options>
[[nodiscard]] constexpr auto mean_over(const E& f, const Data& data,
                                       const Options&... opts) noexcept {
  if constexpr (!detail::valid_reduction<E, Data, Options...>())
    return detail::reduction_result_after_error{};
  else
    return detail::reduce<true>(f, data, opts...);
}

}  // namespace tapeless

TAPELESS_DETAIL_ALLOW_INFINITY_END
