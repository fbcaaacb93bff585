// tapeless::eval, tapeless::grad, tapeless::value_and_grad: on an expression at a point, and on
// a generic callable (the functional form).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include <tapeless/env.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/graph.hpp>
#include <tapeless/sweep.hpp>
#include <tapeless/variable.hpp>

namespace tapeless {

namespace detail {
// concepts rather than specialisations on var<Name>: see scalar_variable
template <class E>
inline constexpr bool is_variable = scalar_variable<E> || vector_variable<E> || matrix_variable<E>;
}  // namespace detail

/// The gradient of an expression: one value per variable of the expression. `g[x]` is
/// ∂f/∂x; for a variable that does not occur in f it is exactly 0.
template <class T, class... Vars>
struct gradient {
  using value_type = T;
  /// All partial derivatives, variable after variable (a vector variable takes N entries).
  static constexpr std::size_t total = (std::size_t{Vars::info.length} + ... + 0);
  T values[total == 0 ? 1 : total];

  /// Number of variables of the expression.
  static constexpr std::size_t size() noexcept { return sizeof...(Vars); }

  /// Number of entries of variable I (1, or N for a vector variable).
  template <std::size_t I>
  static constexpr std::size_t length() noexcept {
    constexpr std::size_t lengths[] = {std::size_t{Vars::info.length}..., 0};
    return lengths[I];
  }

  /// Where variable I's entries start in `values`.
  template <std::size_t I>
  static constexpr std::size_t offset() noexcept {
    constexpr std::size_t lengths[] = {std::size_t{Vars::info.length}..., 0};
    std::size_t o = 0;
    for (std::size_t k = 0; k != I; ++k) o += lengths[k];  // not <: nvcc warns on 0 < 0
    return o;
  }

  /// ∂f/∂x; 0 when x is not a variable of f.
  template <detail::scalar_variable V>
  constexpr T operator[](const V&) const noexcept {
    constexpr std::size_t i = index_of<V>();
    if constexpr (i == sizeof...(Vars))
      return static_cast<T>(0);
    else
      return values[offset<i>()];
  }

  /// ∂f/∂x for a vector variable: a std::array of the N partials (all 0 when x is not in f).
  template <detail::vector_variable V, std::size_t N = V::size()>
  constexpr std::array<T, N> operator[](const V&) const noexcept {
    constexpr std::size_t i = index_of<V>();
    std::array<T, N> r{};
    if constexpr (i != sizeof...(Vars))
      for (std::size_t k = 0; k < N; ++k) r[k] = values[offset<i>() + k];
    return r;
  }

  /// ∂f/∂W for a matrix variable: g[W][r][c] = ∂f/∂W(r, c) (all 0 when W is not in f).
  template <detail::matrix_variable V, std::size_t M = V::rows(), std::size_t N = V::cols()>
  constexpr std::array<std::array<T, N>, M> operator[](const V&) const noexcept {
    constexpr std::size_t i = index_of<V>();
    std::array<std::array<T, N>, M> r{};
    if constexpr (i != sizeof...(Vars))
      // row by row: one flat loop indexed k / N, k % N costs g++ a division's worth per element
      for (std::size_t row = 0; row < M; ++row)
        for (std::size_t col = 0; col < N; ++col) r[row][col] = values[offset<i>() + row * N + col];
    return r;
  }

  /// x's partials in place, without the copy that g[x] makes: a std::span of its 1, N or M·N
  /// entries (a matrix's row by row, g.span(W)[r * N + c] = g[W][r][c]), valid as long as the
  /// gradient is; all 0 when x is not a variable of f.
  template <class V>
    requires detail::is_variable<V>
  constexpr std::span<const T, V::info.length> span(const V&) const noexcept {
    constexpr std::size_t i = index_of<V>();
    if constexpr (i == sizeof...(Vars))
      return std::span<const T, V::info.length>(zeros<V::info.length>, V::info.length);
    else
      return std::span<const T, V::info.length>(values + offset<i>(), V::info.length);
  }

  /// g[e] for anything but a variable: an error that says what to do.
  template <class E>
    requires(!detail::is_variable<E>)
  constexpr T operator[](const E&) const noexcept {
    static_assert(detail::is_variable<E>,
                  "tapeless: a gradient has one entry per variable: g[x] with x a tapeless::var. "
                  "To differentiate with respect to an intermediate u, make u a variable of its "
                  "own (bind it in at(...)) and apply the chain rule, or differentiate the "
                  "expression of u's inputs");
    return static_cast<T>(0);
  }

  /// Does the expression depend (structurally) on x?
  template <class V>
    requires detail::is_variable<V>
  static constexpr bool contains(const V&) noexcept {
    return index_of<V>() != sizeof...(Vars);
  }

 private:
  template <std::size_t N>
  static constexpr T zeros[N] = {};

  template <class V>
  static constexpr std::size_t index_of() noexcept {
    constexpr bool hit[] = {std::is_same_v<V, Vars>..., false};
    std::size_t i = 0;
    while (i < sizeof...(Vars) && !hit[i]) ++i;
    return i;
  }
};

/// `value_and_grad(f, at(...))`: the value of f and its gradient from one forward and one
/// reverse sweep.
template <class T, class Grad>
struct value_and_gradient {
  T value;
  Grad grad;
};

namespace error {
/// A variable of the expression has no value in at(...): `grad(x * y, at(x = 1.0))`. How the
/// error names the variable: see error::message in variable.hpp.
template <class Var>
inline constexpr bool no_value_bound_for = false;
template <class Var>
inline constexpr auto no_value_bound_for_text =
    text("tapeless: every variable of the expression needs a value in at(...); bind ",
         Var::name_v.chars, ": at(..., ", Var::name_v.chars, " = value)");
template <class Var>
constexpr bool bind_a_value_in_at_for() noexcept {
#if TAPELESS_DETAIL_MESSAGE_IN_TYPE
  // g++ prints the incomplete type, the whole message, in the error line
  static_assert(sizeof(message<no_value_bound_for_text<Var>>) == 0);
#else
  static_assert(tapeless::error::no_value_bound_for<Var>,
                "tapeless: every variable of the expression needs a value in at(...); bind the "
                "variable named here: at(..., <name> = value)");
#endif
  return false;
}
}  // namespace error

namespace detail {

template <class T>
struct is_env : std::false_type {};
template <class... Bs>
struct is_env<env<Bs...>> : std::true_type {};

/// The index of the first false in a list that ends with false.
constexpr std::size_t first_false(std::initializer_list<bool> flags) noexcept {
  std::size_t i = 0;
  for (const bool f : flags) {
    if (!f) break;
    ++i;
  }
  return i;
}

template <class Root, class Env, std::size_t... K>
constexpr bool require_bindings(std::index_sequence<K...>) noexcept {
  // Only the first variable without a value is checked: one error, not one per variable.
  constexpr std::size_t first = first_false(
      {Env::template binds<node_type<Root, graph_of<Root>::value.variables[K]>>..., false});
  if constexpr (first == sizeof...(K)) {
    return true;
  } else {
    // the error: this variable has no value in at(...)
    return error::bind_a_value_in_at_for<node_type<Root, graph_of<Root>::value.variables[first]>>();
  }
}

template <class Root, class Env, bool Arrays = false>
constexpr bool valid_call() noexcept {
  if constexpr (std::is_same_v<Env, error::invalid_at>) {
    return false;  // at(...) has reported its error already
  } else if constexpr (!is_env<Env>::value) {
    static_assert(is_env<Env>::value,
                  "tapeless: the point of evaluation must be made by tapeless::at(x = ..., ...)");
    return false;
  } else if constexpr (Root::info.length != 1 && !Arrays) {
    static_assert(Root::info.length == 1,
                  "tapeless: grad and value_and_grad take a scalar expression; reduce a vector "
                  "expression with sum, dot, squared_norm, norm, prod, max, min, or pick one "
                  "element with element<I>(v)");
    return false;
  } else {
    constexpr std::size_t nv = graph_of<Root>::value.variable_count;
    return require_bindings<Root, Env>(std::make_index_sequence<nv>{});
  }
}

template <class Root, class T, std::size_t... K>
constexpr auto gradient_type_impl(std::index_sequence<K...>)
    -> gradient<T, node_type<Root, graph_of<Root>::value.variables[K]>...>;

template <class Root, class T>
using gradient_type = decltype(gradient_type_impl<Root, T>(
    std::make_index_sequence<graph_of<Root>::value.variable_count>{}));

template <class Root, std::size_t... K>
constexpr auto variable_indices(std::index_sequence<K...>)
    -> index_list<graph_of<Root>::value.variables[K]...>;

/// The adjoints of the variables. The indices travel as template arguments: read from the plan
/// at run time, clang -O0 would emit the whole plan (and every node descriptor) as data.
/// With select, a variable reached only through branches not taken keeps its initial adjoint
/// -0.0; adding +0.0 reports it as 0 (and changes nothing else). Without select every adjoint
/// has at least one contribution, so nothing is added to a plain number; a dual number's
/// tangents get + 0 (detail::collected: they may have had only zeros as contributions).
/// Reached false: the variable is known not to be reached (a Jacobian row's structural zero),
/// written as the constant +0.0.
template <class Grad, bool HasSelect, std::size_t J, std::uint32_t K, class T, bool Reached = true>
TAPELESS_HD TAPELESS_INLINE constexpr void collect_one(Grad& g, const T* a) noexcept {
  // scalar variables only: a vector variable's entries were written by its reductions
  if constexpr (Grad::template length<J>() == 1) {
    if constexpr (!Reached)
      g.values[Grad::template offset<J>()] = static_cast<T>(0);
    else if constexpr (HasSelect)
      g.values[Grad::template offset<J>()] = a[K] + static_cast<T>(0);
    else
      g.values[Grad::template offset<J>()] = detail::collected(a[K]);  // a[K] for plain numbers
  }
}

template <class Grad, bool HasSelect, class T, std::uint32_t... K, std::size_t... J>
TAPELESS_HD TAPELESS_INLINE constexpr void collect([[maybe_unused]] Grad& g,
                                                   [[maybe_unused]] const T* a, index_list<K...>,
                                                   std::index_sequence<J...>) noexcept {
  // a braced list, not a fold: clang limits folds to 256 operands
  [[maybe_unused]] const int sequence[] = {(collect_one<Grad, HasSelect, J, K>(g, a), 0)..., 0};
}

/// Whether the root is a reduction that runs its reverse loop inside its forward loop
/// (node_info::fuses_at_root: a loss Σ ...; the plan keeps no element cache for it). The
/// sweeps then compute every node but the root, seed the adjoints, run the root's
/// reduction_step::forward_backward, and the reverse sweep of the others.
template <class Root>
constexpr bool fused_root() noexcept {
  return graph_of<Root>::value.nodes[graph_of<Root>::size - 1].info->fuses_at_root;
}

/// The forward sweep into values `v` (graph_of<Root>::storage entries, the caller's: the
/// nodes, the dense blocks, the element caches); without the root's when it is fused_root.
/// Without Value (the caller does not want the root's value), only the values that the
/// reverse sweep reads (plan_entry::unread).
template <bool Value, class Root, class Env, class T>
TAPELESS_HD TAPELESS_INLINE constexpr void forward_pass(const Root& f, const Env& e, T* v) noexcept {
  constexpr std::size_t n = graph_of<Root>::size;
  // With select, a node under a branch not taken is neither computed nor read; the values are
  // zero-initialised then, so that compilers cannot warn about them (free without select).
  // Not in constant evaluation, where a read of a value that was not computed (a node under
  // a branch not taken, or plan_entry::unread) must stay an error rather than read 0.
  if constexpr (graph_of<Root>::value.has_select)
    if (!std::is_constant_evaluated()) init_values(v, std::make_index_sequence<n>{});
  forward_sweep<Root, Value>(constants_of(f), e, v, std::make_index_sequence<fused_root<Root>() ? n - 1 : n>{});
}

/// The reverse sweep, after forward_pass and seed_adjoints: entries of vector variables into
/// `gv`, the others' adjoints in `a`. A fused_root's forward runs here too, and its value is
/// returned (the others' value is v[n - 1]).
template <class Root, class Env, class T, class G>
TAPELESS_HD TAPELESS_INLINE constexpr auto backward_pass(const Root& f, const Env& e, const T* v, T* a,
                                                         G gv) noexcept {
  constexpr std::size_t n = graph_of<Root>::size;
  if constexpr (fused_root<Root>()) {
    const T y = step<Root, n - 1>::forward_backward(constants_of(f), e, v, a, gv);
    reverse_sweep<Root>(constants_of(f), e, v, a, gv, std::make_index_sequence<n - 1>{});
    return y;
  } else {
    reverse_sweep<Root>(constants_of(f), e, v, a, gv, std::make_index_sequence<n>{});
  }
}

/// Adjoints `a` (adjoint_storage entries, the caller's: the nodes, the blocks) ready for the
/// reverse sweep: the root's 1, -0.0 for the others (see clear_adjoints). The sweep then takes
/// the entries of vector and matrix variables into its `gv` (see run_backward), and the caller
/// collects the scalar variables' adjoints from `a`.
/// With Fresh (a fresh_sink sweep), the blocks that their only writer sets are not cleared.
template <class Root, class T, bool Fresh = false>
TAPELESS_HD TAPELESS_INLINE constexpr void seed_adjoints(T* a) noexcept {
  constexpr std::size_t n = graph_of<Root>::size;
  clear_adjoints(a, std::make_index_sequence<n>{});
  if constexpr (Fresh && graph_of<Root>::value.dense_size != 0)
    clear_unassigned_blocks<Root>(a, std::make_index_sequence<n>{});
  else
    clear_blocks<n, graph_of<Root>::adjoint_storage>(a);
  a[n - 1] = static_cast<T>(1);
}

/// A gradient's entries before a fresh_sink sweep: 0 for those of the vector and matrix
/// variables that no single writer sets (plan_entry::assigned), and for the placeholder entry
/// of a gradient of no variable; the sweep sets the others, collect the scalar variables'.
template <class Grad, std::size_t J, bool Assigned, class T>
TAPELESS_HD TAPELESS_INLINE constexpr void clear_entries(T* values) noexcept {
  if constexpr (Grad::template length<J>() > 1 && !Assigned)
    for (std::size_t k = 0; k < Grad::template length<J>(); ++k)
      values[Grad::template offset<J>() + k] = static_cast<T>(0);
}
template <class Root, class Grad, class T, std::uint32_t... K, std::size_t... J>
TAPELESS_HD TAPELESS_INLINE constexpr void clear_unassigned(T* values, index_list<K...>,
                                                            std::index_sequence<J...>) noexcept {
  [[maybe_unused]] const int sequence[] = {
      (clear_entries<Grad, J, graph_of<Root>::value.nodes[K].assigned>(values), 0)..., 0};
}
/// The gradient of a fresh_sink sweep, its entries as clear_unassigned leaves them (nothing to
/// do with scalar variables only: collect sets them all).
template <class Root, class Grad>
TAPELESS_HD TAPELESS_INLINE constexpr void prepare_fresh(Grad& g) noexcept {
  constexpr std::size_t nv = graph_of<Root>::value.variable_count;
  if constexpr (Grad::total == 0)
    g.values[0] = 0;
  else if constexpr (Grad::total != nv)
    clear_unassigned<Root, Grad>(g.values,
                                 decltype(variable_indices<Root>(std::make_index_sequence<nv>{})){},
                                 std::make_index_sequence<nv>{});
}

/// Both sweeps, the gradient into `g`, whose entries are not set on entry (a fresh_sink sweep,
/// prepare_fresh): returns the root's value (with Value; without, whatever the fused root's
/// loop gives, or 0).
template <bool Value, class Root, class Env, class Grad>
TAPELESS_HD TAPELESS_INLINE constexpr typename Env::value_type sweep_into(const Root& f, const Env& e,
                                                                          Grad& g) noexcept {
  using T = typename Env::value_type;
  constexpr std::size_t n = graph_of<Root>::size;
  T v[graph_of<Root>::storage];
  T a[graph_of<Root>::adjoint_storage];
  forward_pass<Value>(f, e, v);
  seed_adjoints<Root, T, true>(a);
  prepare_fresh<Root>(g);
  // a fused root computes its value in backward_pass
  T y{};
  if constexpr (fused_root<Root>()) {
    y = backward_pass(f, e, v, a, fresh_sink<T*>{g.values});
  } else {
    backward_pass(f, e, v, a, fresh_sink<T*>{g.values});
    if constexpr (Value) y = v[n - 1];
  }
  constexpr std::size_t nv = graph_of<Root>::value.variable_count;
  collect<Grad, graph_of<Root>::value.has_select>(
      g, a, decltype(variable_indices<Root>(std::make_index_sequence<nv>{})){},
      std::make_index_sequence<nv>{});
  return y;
}

// The return types are spelled out: clang (16, 19) leaves a named return value with a deduced
// return type unelided, and copies the whole gradient out (memcpy) after the sweep.
// Without Value, `.value` is not the root's (see sweep_into) and only what the gradient reads
// is computed.
template <bool Value = true, class Root, class Env>
TAPELESS_HD TAPELESS_INLINE constexpr auto sweep_both(const Root& f, const Env& e) noexcept
    -> value_and_gradient<typename Env::value_type, gradient_type<Root, typename Env::value_type>> {
  value_and_gradient<typename Env::value_type, gradient_type<Root, typename Env::value_type>> r;
  r.value = sweep_into<Value>(f, e, r.grad);
  return r;
}

/// The gradient alone (grad): returned as it is, not copied out of a value_and_gradient.
template <class Root, class Env>
TAPELESS_HD TAPELESS_INLINE constexpr auto sweep_grad(const Root& f, const Env& e) noexcept
    -> gradient_type<Root, typename Env::value_type> {
  gradient_type<Root, typename Env::value_type> g;
  [[maybe_unused]] const auto y = sweep_into<false>(f, e, g);
  return g;
}

/// After a reported error, entry points still return a value of the usual type, so that code
/// using the result (`r.value`, `g[x]`) adds no second error to the one that says what to do.
template <class Env>
struct value_type_or_double {
  using type = double;
};
template <class Env>
  requires requires { typename Env::value_type; }
struct value_type_or_double<Env> {
  using type = typename Env::value_type;
};

template <class Root, class Env>
using result_after_error =
    value_and_gradient<typename value_type_or_double<Env>::type,
                       gradient_type<Root, typename value_type_or_double<Env>::type>>;

}  // namespace detail

namespace detail {
/// eval of a vector or matrix expression: stored into a block, returned as a std::array (of
/// rows, for a matrix).
template <class E, class Env>
TAPELESS_HD TAPELESS_INLINE constexpr auto eval_array(const E& f, const Env& e) noexcept {
  using T = typename Env::value_type;
  const auto s = make_node<ops::store>(f);
  using S = std::remove_cv_t<decltype(s)>;
  constexpr std::size_t n = graph_of<S>::size;
  T v[graph_of<S>::storage];
  if constexpr (graph_of<S>::value.has_select) init_values(v, std::make_index_sequence<n>{});
  forward_sweep<S>(constants_of(s), e, v, std::make_index_sequence<n>{});
  constexpr std::size_t base = graph_of<S>::value.nodes[n - 1].base;
  constexpr std::size_t cols = E::info.cols;
  constexpr std::size_t rows = E::info.length / cols;
  if constexpr (cols == 1 || rows == 1) {
    std::array<T, E::info.length> r{};
    for (std::size_t k = 0; k < r.size(); ++k) r[k] = v[base + k];
    return r;
  } else {
    std::array<std::array<T, cols>, rows> r{};
    for (std::size_t row = 0; row < rows; ++row)
      for (std::size_t col = 0; col < cols; ++col) r[row][col] = v[base + row * cols + col];
    return r;
  }
}
}  // namespace detail

/// The value of `f` at the point `e` (made by `at(...)`), each unique node computed once. For a
/// vector expression, a std::array; for a matrix expression, a std::array of rows.
template <expression E, class Env>
[[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr auto eval(const E& f, const Env& e) noexcept {
  if constexpr (!detail::valid_call<E, Env, true>()) {
    return typename detail::value_type_or_double<Env>::type{};
  } else if constexpr (E::info.length > 1) {
    return detail::eval_array(f, e);
  } else {
    using T = typename Env::value_type;
    constexpr std::size_t n = detail::graph_of<E>::size;
    T v[detail::graph_of<E>::storage];
    if constexpr (detail::graph_of<E>::value.has_select)
      detail::init_values(v, std::make_index_sequence<n>{});
    detail::forward_sweep<E>(detail::constants_of(f), e, v, std::make_index_sequence<n>{});
    return v[n - 1];
  }
}

/// Value and gradient of `f` at `e`: `r.value`, `r.grad[x]`.
template <expression E, class Env>
[[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr auto value_and_grad(const E& f,
                                                                      const Env& e) noexcept {
  if constexpr (!detail::valid_call<E, Env>())
    return detail::result_after_error<E, Env>{};
  else
    return detail::sweep_both(f, e);
}

/// The gradient of `f` at `e`: `g[x]` is ∂f/∂x (0 for a variable not in f).
template <expression E, class Env>
[[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr auto grad(const E& f, const Env& e) noexcept {
  if constexpr (!detail::valid_call<E, Env>())
    return detail::result_after_error<E, Env>{}.grad;
  else
    return detail::sweep_grad(f, e);
}

// --- functional form ----------------------------------------------------------------------------

namespace detail {

/// How many decimal digits n has.
constexpr std::size_t decimal_digits(std::size_t n) noexcept {
  std::size_t d = 1;
  for (; n >= 10; n /= 10) ++d;
  return d;
}

/// Names of the positional variables of the functional form: "_0", "_1", ...
template <std::size_t I>
constexpr auto positional_name() noexcept {
  constexpr std::size_t digits = decimal_digits(I);
  char s[digits + 2] = {'_'};
  std::size_t k = I;
  for (std::size_t d = digits; d > 0; --d, k /= 10) s[d] = static_cast<char>('0' + k % 10);
  s[digits + 1] = '\0';
  return fixed_string<digits + 2>(s);
}

template <std::size_t I>
using positional = var<positional_name<I>()>;

template <class H, class... Args, std::size_t... I>
constexpr auto call_with_variables(const H& h, std::index_sequence<I...>) {
  return detail::as_node(h(positional<I>{}...));
}

template <class... Args, std::size_t... I>
constexpr auto positional_env(std::index_sequence<I...>, const Args&... args) noexcept {
  return env<binding<positional<I>, Args>...>{binding<positional<I>, Args>{args}...};
}

template <class T, class Grad, std::size_t... I>
constexpr std::array<T, sizeof...(I)> as_array(const Grad& g, std::index_sequence<I...>) noexcept {
  return {g[positional<I>{}]...};
}

template <class H, class... Args>
constexpr auto functional_value_and_grad(const H& h, const Args&... args) noexcept {
  static_assert((number<Args> && ...),
                "tapeless::grad(h)(args...) takes numbers (int, float, double, long double)");
  constexpr auto idx = std::make_index_sequence<sizeof...(Args)>{};
  const auto f = call_with_variables<H, Args...>(h, idx);
  const auto e = positional_env(idx, args...);
  using T = typename decltype(e)::value_type;
  const auto r = sweep_both(f, e);
  struct result {
    T value;
    std::array<T, sizeof...(Args)> grad;
  };
  return result{r.value, as_array<T>(r.grad, idx)};
}

/// The functional forms of a point and a direction, both std::arrays in argument order
/// (jvp(h), hvp(h)): h on the positional variables, then Form::apply(f, point, direction, I...).
template <class H, class Form>
struct direction_fn {
  H h;
  template <class A, class V, std::size_t N>
  constexpr auto operator()(const std::array<A, N>& x, const std::array<V, N>& v) const noexcept {
    static_assert(number<A> && number<V>,
                  "tapeless::jvp(h)(x, v) and hvp(h)(x, v) take two std::arrays of numbers, the "
                  "point and the direction");
    return run(x, v, std::make_index_sequence<N>{});
  }

 private:
  template <class A, class V, std::size_t N, std::size_t... I>
  constexpr auto run(const std::array<A, N>& x, const std::array<V, N>& v,
                     std::index_sequence<I...> idx) const noexcept {
    return Form::apply(call_with_variables<H, A>(h, idx), positional_env(idx, x[I]...),
                       positional_env(idx, v[I]...), idx);
  }
};

template <class H>
struct grad_fn {
  H h;
  template <class... Args>
  constexpr auto operator()(const Args&... args) const noexcept {
    return functional_value_and_grad(h, args...).grad;
  }
};

template <class H>
struct value_and_grad_fn {
  H h;
  template <class... Args>
  constexpr auto operator()(const Args&... args) const noexcept {
    return functional_value_and_grad(h, args...);
  }
};

}  // namespace detail

/// `tapeless::grad(h)(a, b, ...)`: the gradient of a generic callable `h` (written once for
/// numbers and for expressions, e.g. `[](auto a, auto b) { return a*a*b + b; }`) as a
/// `std::array` in argument order.
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto grad(H h) noexcept {
  return detail::grad_fn<H>{h};
}

/// `tapeless::value_and_grad(h)(a, b, ...)`: `.value` and `.grad` (a `std::array`).
template <class H>
  requires(!expression<H>)
[[nodiscard]] constexpr auto value_and_grad(H h) noexcept {
  return detail::value_and_grad_fn<H>{h};
}

}  // namespace tapeless
